//! Finds the same story across pages: prints the clusters, or with `--json` one JSON object with
//! every story and every cluster.
//!
//! ```text
//! cargo run --release --example dedup -- examples/pages
//! ```

mod common;

use std::io::{BufWriter, Write};

use serde_json::json;

struct Entry {
    id: String,
    path: String,
    title: Option<String>,
    lines: Vec<chaff::Lines>,
}

fn main() -> std::io::Result<()> {
    let (json, args) = common::args();
    if args.is_empty() {
        eprintln!(
            "usage: dedup [--json] PATH...  (files, or folders of .html, .htm and .txt pages)"
        );
        std::process::exit(2);
    }
    let mut index = chaff::StoryIndex::new();
    let mut entries = Vec::new();
    let paths = common::pages(&args);
    for (path, cleaned) in paths.iter().zip(common::clean_all(&paths)) {
        let name = path.display().to_string();
        match cleaned.and_then(|c| {
            c.page
                .map(|page| (page, c.fingerprints))
                .map_err(|e| e.to_string())
        }) {
            Ok((page, fingerprints)) => {
                index.insert_page(fingerprints);
                for (n, story) in page.stories.iter().enumerate() {
                    entries.push(Entry {
                        id: format!("{name}#{}", n + 1),
                        path: name.clone(),
                        title: story.title.clone(),
                        lines: story.lines.clone(),
                    });
                }
            }
            Err(err) => eprintln!("{name}: {err}"),
        }
    }
    let clusters = index.clusters();
    if json {
        let stories: Vec<_> = entries
            .iter()
            .map(|e| json!({"id": e.id, "path": e.path, "title": e.title, "lines": e.lines.iter().map(|l| [l.first, l.last]).collect::<Vec<_>>()}))
            .collect();
        let clusters: Vec<_> = clusters
            .iter()
            .map(|c| {
                let e = &c.evidence;
                json!({"relation": c.relation.as_str(), "members": c.members.iter().map(|&m| &entries[m].id).collect::<Vec<_>>(), "score": c.score,
                    "evidence": {"names": e.names, "dates": e.dates, "numbers": e.numbers, "distance": e.distance}})
            })
            .collect();
        let mut out = std::io::stdout().lock();
        return writeln!(out, "{}", json!({"stories": stories, "clusters": clusters}));
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{} stories, {} clusters",
        entries.len(),
        clusters.len()
    )?;
    for c in &clusters {
        writeln!(out, "\n{} (score {:.2}):", c.relation.as_str(), c.score)?;
        let e = &c.evidence;
        let shared = [
            ("names", &e.names),
            ("dates", &e.dates),
            ("numbers", &e.numbers),
        ]
        .iter()
        .filter(|(_, items)| !items.is_empty())
        .map(|(what, items)| format!("{what} {}", items.join(", ")))
        .chain(e.distance.map(|d| format!("simhashes {d} bits apart")))
        .collect::<Vec<_>>();
        if !shared.is_empty() {
            writeln!(out, "  shared: {}", shared.join("; "))?;
        }
        for &m in &c.members {
            writeln!(
                out,
                "  {}  {}",
                entries[m].id,
                entries[m].title.as_deref().unwrap_or("(untitled)")
            )?;
        }
    }
    out.flush()
}
