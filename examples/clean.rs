//! Cleans scraped pages: prints each page's story, or with `--json` one JSON object per page.
//!
//! ```text
//! cargo run --release --example clean -- examples/pages
//! cargo run --release --example clean -- --json page.html scraped.txt
//! ```

mod common;

use std::io::{BufWriter, Write};

use serde_json::{Value, json};

fn page_json(path: &str, format: chaff::Format, page: &chaff::Page) -> Value {
    let lines = |l: &chaff::Lines| json!([l.first, l.last]);
    json!({
        "path": path,
        "format": format.as_str(),
        "title": page.title,
        "byline": page.byline,
        "date": page.date,
        "text": page.text(),
        "blocks": page.blocks.iter().map(|b| json!({"kind": b.kind.as_str(), "lines": lines(&b.lines), "text": b.text})).collect::<Vec<_>>(),
        "stories": page.stories.iter().map(|s| json!({"title": s.title, "lines": s.lines.iter().map(lines).collect::<Vec<_>>(), "text": s.text})).collect::<Vec<_>>(),
    })
}

fn main() -> std::io::Result<()> {
    let (json, args) = common::args();
    if args.is_empty() {
        eprintln!(
            "usage: clean [--json] PATH...  (files, or folders of .html, .htm and .txt pages)"
        );
        std::process::exit(2);
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    let paths = common::pages(&args);
    for (path, cleaned) in paths.iter().zip(common::clean_all(&paths)) {
        let name = path.display().to_string();
        let format = common::format_of(path).unwrap_or(chaff::Format::Text);
        match cleaned.and_then(|c| c.page.map_err(|e| e.to_string())) {
            Ok(page) if json => writeln!(out, "{}", page_json(&name, format, &page))?,
            Ok(page) => {
                writeln!(out, "== {name}")?;
                for (label, value) in [
                    ("title", &page.title),
                    ("byline", &page.byline),
                    ("date", &page.date),
                ] {
                    if let Some(value) = value {
                        writeln!(out, "{label}: {value}")?;
                    }
                }
                for (n, story) in page
                    .stories
                    .iter()
                    .enumerate()
                    .filter(|_| page.stories.len() > 1)
                {
                    writeln!(
                        out,
                        "\n-- story {}: {}",
                        n + 1,
                        story.title.as_deref().unwrap_or("(untitled)")
                    )?;
                    writeln!(out, "{}", story.text)?;
                }
                if page.stories.len() <= 1 {
                    writeln!(out, "\n{}", page.text())?;
                }
                writeln!(out)?;
            }
            Err(err) => {
                failed = true;
                eprintln!("{name}: {err}");
                if json {
                    let empty = json!({"path": name, "format": format.as_str(), "error": err, "title": null, "byline": null,
                        "date": null, "text": "", "blocks": [], "stories": []});
                    writeln!(out, "{empty}")?;
                }
            }
        }
    }
    out.flush()?;
    if failed {
        std::process::exit(1);
    }
    Ok(())
}
