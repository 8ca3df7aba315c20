//! The seed pages in `../shared/seeds`, scored as `../shared/eval/score.py seeds` and
//! `seed-stories` score them, against the hand labels in `gold.json`.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

fn seeds_dir() -> String {
    format!("{}/../shared/seeds", env!("CARGO_MANIFEST_DIR"))
}

fn gold() -> Value {
    let path = format!("{}/gold.json", seeds_dir());
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (../shared must sit beside the repository)"));
    serde_json::from_str(&text).expect("gold.json is JSON")
}

fn clean(name: &str) -> (chaff::Page, BTreeSet<u32>) {
    let text = std::fs::read_to_string(format!("{}/{name}", seeds_dir())).expect("seed page");
    let blank = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| l.trim().is_empty())
        .map(|(i, _)| i as u32 + 1)
        .collect();
    (chaff::clean_text(&text), blank)
}

fn lines(ranges: &Value) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    for range in ranges.as_array().into_iter().flatten() {
        let (a, b) = (
            range[0].as_u64().unwrap_or(0) as u32,
            range[1].as_u64().unwrap_or(0) as u32,
        );
        out.extend(a..=b);
    }
    out
}

#[derive(Default, Debug)]
struct Score {
    content: usize,
    content_kept: usize,
    other: usize,
    other_dropped: usize,
    teasers: usize,
    teasers_named: usize,
    stories_right: usize,
}

#[test]
fn seed_pages_keep_the_story_and_drop_the_chaff() {
    let gold = gold();
    let pages = gold["pages"].as_object().expect("pages");
    let mut score = Score::default();
    for (name, labels) in pages {
        let (page, blank) = clean(name);
        let mut kind_of_line: HashMap<u32, chaff::Kind> = HashMap::new();
        for block in &page.blocks {
            for line in block.lines.first..=block.lines.last {
                kind_of_line.entry(line).or_insert(block.kind);
            }
        }
        for label in ["content", "teaser", "chrome"] {
            for line in lines(&labels[label]).difference(&blank) {
                let kind = kind_of_line.get(line).copied();
                match label {
                    "content" => {
                        score.content += 1;
                        score.content_kept += usize::from(kind == Some(chaff::Kind::Content));
                    }
                    _ => {
                        score.other += 1;
                        score.other_dropped +=
                            usize::from(kind.is_some() && kind != Some(chaff::Kind::Content));
                        if label == "teaser" {
                            score.teasers += 1;
                            score.teasers_named += usize::from(kind == Some(chaff::Kind::Teaser));
                        }
                    }
                }
            }
        }
        let content: BTreeSet<u32> = lines(&labels["content"])
            .difference(&blank)
            .copied()
            .collect();
        let mut want: Vec<Vec<u32>> = labels["stories"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| lines(&s["lines"]).intersection(&content).copied().collect())
            .collect();
        let mut have: Vec<Vec<u32>> = page
            .stories
            .iter()
            .map(|s| {
                s.lines
                    .iter()
                    .flat_map(|l| l.first..=l.last)
                    .filter(|l| content.contains(l))
                    .collect()
            })
            .filter(|s: &Vec<u32>| !s.is_empty())
            .collect();
        want.sort();
        have.sort();
        score.stories_right += usize::from(want == have);
    }
    assert_eq!(
        (score.content, score.other, score.teasers),
        (65, 189, 91),
        "{score:?}"
    );
    assert_eq!(score.content_kept, 65, "{score:?}");
    assert!(score.other_dropped >= 184, "{score:?}");
    assert!(score.teasers_named >= 85, "{score:?}");
    assert_eq!(score.stories_right, 5, "{score:?}");
}

#[test]
fn seed_stories_are_grouped_as_labelled() {
    let gold = gold();
    let mut index = chaff::StoryIndex::new();
    let mut ids: Vec<String> = Vec::new();
    let mut names: Vec<&String> = gold["pages"].as_object().expect("pages").keys().collect();
    names.sort();
    for name in names {
        let labelled = gold["pages"][name]["stories"].as_array().expect("stories");
        let (page, _) = clean(name);
        for (n, story) in page.stories.iter().enumerate() {
            index.insert(story);
            ids.push(
                labelled
                    .get(n)
                    .and_then(|s| s["id"].as_str())
                    .map_or(format!("{name}#{n}"), str::to_string),
            );
            ids.push(name.clone());
        }
    }
    // Each story answers to its gold id and to its page's file name.
    let together = |a: &str, b: &str| {
        index.clusters().iter().any(|c| {
            let names: Vec<&str> = c
                .members
                .iter()
                .flat_map(|&m| [ids[2 * m].as_str(), ids[2 * m + 1].as_str()])
                .collect();
            names.contains(&a) && names.contains(&b)
        })
    };
    for pair in gold["same_story"].as_array().expect("same_story") {
        let (a, b) = (
            pair[1].as_str().unwrap_or(""),
            pair[2].as_str().unwrap_or(""),
        );
        assert!(together(a, b), "{a} ~ {b} should be one story");
    }
    for pair in gold["must_not_match"].as_array().expect("must_not_match") {
        let (a, b) = (
            pair[0].as_str().unwrap_or(""),
            pair[1].as_str().unwrap_or(""),
        );
        assert!(!together(a, b), "{a} ~ {b} must not match");
    }
    // Nor do any two stories the labels tell apart: the Prime Minister's two audiences of 8
    // January on page 002 (one host, one day, two guests) are two stories.
    for cluster in index.clusters() {
        let labelled: BTreeSet<&str> = cluster
            .members
            .iter()
            .map(|&m| ids[2 * m].as_str())
            .collect();
        assert_eq!(
            labelled.len(),
            1,
            "one cluster holds stories labelled {labelled:?}"
        );
    }
}
