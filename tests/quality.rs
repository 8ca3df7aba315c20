//! Extraction quality on the dev sets in `../shared/data/extract`, and same-story clustering on
//! `../shared/data/stories`, measured by the shared scorer (`../shared/eval/score.py`) running
//! the `clean` and `dedup` examples exactly as users run them.
//!
//! Each floor is the level reached minus 0.01, so a change that loses quality fails here.
//! Raise a floor when a change raises the figure.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// An example `cargo test` built next to this test's own binary.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let path = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: run through `cargo test`, which builds the examples",
        path.display()
    );
    path
}

/// Runs the scorer's `subcommand` with an example on a data file of `../shared/data`; returns
/// what it printed.
fn score(subcommand: &str, example_name: &str, data: &str) -> String {
    score_file(subcommand, example_name, &shared().join("data").join(data))
}

/// [`score`] on a data file anywhere.
fn score_file(subcommand: &str, example_name: &str, data: &Path) -> String {
    let scorer = shared().join("eval/score.py");
    let run = format!("{} --json", example(example_name).display());
    let out = Command::new("python3")
        .arg(&scorer)
        .arg(subcommand)
        .arg(data)
        .args(["--run", &run])
        .output()
        .expect("python3 runs the scorer");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "scorer failed on {}: {}{}",
        data.display(),
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The F1 of the scorer's headline (last) line.
fn headline_f1(stdout: &str) -> f64 {
    let headline = stdout.lines().last().unwrap_or_default();
    let f1 = headline
        .rsplit("F1=")
        .next()
        .and_then(|v| v.trim().parse().ok());
    f1.unwrap_or_else(|| panic!("no F1 in {headline:?}"))
}

/// Runs the scorer on one extraction data set; returns its F1.
fn f1(data_set: &str) -> f64 {
    let stdout = score("extract", "clean", &format!("extract/{data_set}"));
    assert!(
        stdout.contains(" 0 pages without output"),
        "{data_set}: some pages got no output\n{stdout}"
    );
    headline_f1(&stdout)
}

fn holds(data_set: &str, floor: f64) {
    let got = f1(data_set);
    assert!(
        got >= floor,
        "{data_set}: F1 {got:.3} fell below {floor:.3}"
    );
}

#[test]
fn scrapinghub_html() {
    holds("scrapinghub-dev.html.jsonl.gz", 0.958);
}

#[test]
fn scrapinghub_text() {
    holds("scrapinghub-dev.text.jsonl.gz", 0.942);
}

#[test]
fn trafilatura_html() {
    holds("trafilatura-dev.html.jsonl.gz", 0.926);
}

#[test]
fn trafilatura_text() {
    holds("trafilatura-dev.text.jsonl.gz", 0.887);
}

/// The share of hard negatives (same topic, another event) the scorer says were merged.
fn hard_negatives_merged(stdout: &str) -> f64 {
    let merged = stdout
        .split("hard negatives merged ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|share| share.split_once('/'))
        .and_then(|(a, b)| Some((a.parse::<f64>().ok()?, b.parse::<f64>().ok()?)));
    let (merged, hard) = merged.unwrap_or_else(|| panic!("no hard negatives in {stdout}"));
    merged / hard
}

/// Same-story clusters on ECB+: F1, and the share of hard negatives merged, which may not rise
/// above #5's target of 2% (1.7% now).
#[test]
fn ecbplus_stories() {
    let stdout = score("stories", "dedup", "stories/ecbplus-dev.jsonl.gz");
    let f1 = headline_f1(&stdout);
    assert!(f1 >= 0.901, "ecbplus-dev: F1 {f1:.3} fell below 0.901");
    let merged = hard_negatives_merged(&stdout);
    assert!(
        merged <= 0.02,
        "ecbplus-dev: {:.1}% of hard negatives merged, above the target of 2%",
        100.0 * merged
    );
}

/// The lines of ECB+'s dev set.
fn ecbplus_dev() -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(shared().join("data/stories/ecbplus-dev.jsonl.gz"))
            .expect("ecbplus-dev.jsonl.gz opens"),
    )
    .read_to_string(&mut text)
    .expect("ecbplus-dev.jsonl.gz reads");
    text
}

/// Held out: the dev topics split by the parity of their number, each half indexed on its
/// own, so that what is rare and what clusters is learned from that half alone.
#[test]
fn ecbplus_stories_held_out() {
    let text = ecbplus_dev();
    let topic = |line: &str| {
        let row: serde_json::Value = serde_json::from_str(line).expect("a JSON row");
        row["topic"].as_u64().expect("a topic number")
    };
    // (parity, F1 floor, most hard negatives merged): the level reached minus 0.01, plus one
    // point.
    for (parity, floor, most_merged) in [(0, 0.864, 0.029), (1, 0.893, 0.025)] {
        let half: String = text
            .lines()
            .filter(|line| !line.trim().is_empty() && topic(line) % 2 == parity)
            .map(|line| format!("{line}\n"))
            .collect();
        let path = std::env::temp_dir().join(format!(
            "chaff-ecbplus-dev-topics-{parity}-of-2-{}.jsonl",
            std::process::id()
        ));
        std::fs::write(&path, half).expect("the half is written");
        let stdout = score_file("stories", "dedup", &path);
        std::fs::remove_file(&path).ok();
        let f1 = headline_f1(&stdout);
        assert!(
            f1 >= floor,
            "ecbplus-dev topics of parity {parity}, indexed alone: F1 {f1:.3} fell below {floor}"
        );
        let merged = hard_negatives_merged(&stdout);
        assert!(
            merged <= most_merged,
            "ecbplus-dev topics of parity {parity}: {:.1}% of hard negatives merged",
            100.0 * merged
        );
    }
}

/// Small batches: each ECB+ topic indexed with the next ten documents of other topics, as a
/// feed indexes a few pages at a time. An index of so few stories cannot tell common words
/// from rare ones by itself; its languages' word frequencies tell it (F1 .833 without them).
/// Pairs within the topic are scored: same event or not.
#[test]
fn ecbplus_stories_in_small_batches() {
    const OTHERS: usize = 10;
    let rows: Vec<serde_json::Value> = ecbplus_dev()
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("a JSON row"))
        .collect();
    let field = |row: &serde_json::Value, key: &str| row[key].to_string();
    let mut topics: Vec<String> = rows.iter().map(|row| field(row, "topic")).collect();
    topics.sort();
    topics.dedup();
    let (mut same, mut predicted, mut found, mut hard, mut merged) = (0, 0, 0, 0, 0);
    for topic in topics {
        let mine: Vec<usize> = (0..rows.len())
            .filter(|&i| field(&rows[i], "topic") == topic)
            .collect();
        let last = mine.last().copied().unwrap_or_default();
        let others = (1..rows.len())
            .map(|step| (last + step) % rows.len())
            .filter(|&i| field(&rows[i], "topic") != topic)
            .take(OTHERS);
        let folder = std::env::temp_dir().join(format!(
            "chaff-ecbplus-batch-{topic}-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&folder).expect("the batch folder is made");
        for i in mine.iter().copied().chain(others) {
            let (title, text) = (rows[i]["title"].as_str(), rows[i]["text"].as_str());
            let (title, text) = (title.unwrap_or_default(), text.unwrap_or_default());
            let page = if text.starts_with(title) {
                text.to_string()
            } else {
                format!("{title}\n{text}")
            };
            std::fs::write(folder.join(format!("{i}.txt")), page).expect("a page is written");
        }
        let out = Command::new(example("dedup"))
            .arg("--json")
            .arg(&folder)
            .output()
            .expect("dedup runs");
        std::fs::remove_dir_all(&folder).ok();
        let result: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("dedup prints one JSON object");
        // Each story's cluster, by the number of its document.
        let mut cluster_of = std::collections::HashMap::new();
        for (c, cluster) in result["clusters"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            for member in cluster["members"].as_array().into_iter().flatten() {
                let document = member.as_str().and_then(|m| {
                    let file = m.split('#').next()?.rsplit('/').next()?;
                    file.strip_suffix(".txt")?.parse::<usize>().ok()
                });
                cluster_of.insert(document.expect("a member names its page"), c);
            }
        }
        for (k, &a) in mine.iter().enumerate() {
            for &b in &mine[k + 1..] {
                let is_same = field(&rows[a], "story") == field(&rows[b], "story");
                let linked = cluster_of
                    .get(&a)
                    .is_some_and(|c| cluster_of.get(&b) == Some(c));
                same += usize::from(is_same);
                hard += usize::from(!is_same);
                predicted += usize::from(linked);
                found += usize::from(linked && is_same);
                merged += usize::from(linked && !is_same);
            }
        }
    }
    let (precision, recall) = (found as f64 / predicted as f64, found as f64 / same as f64);
    let f1 = 2.0 * precision * recall / (precision + recall);
    // F1 .867 with 38 of 2,991 hard negatives merged: floors as for the halves above.
    assert!(
        f1 >= 0.857,
        "ecbplus-dev in small batches: F1 {f1:.3} (P {precision:.3} R {recall:.3}) fell below 0.857"
    );
    assert!(
        merged as f64 <= 0.023 * hard as f64,
        "ecbplus-dev in small batches: {merged}/{hard} hard negatives merged"
    );
}
