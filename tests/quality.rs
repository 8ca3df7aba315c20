//! Extraction quality on the dev sets in `../shared/data/extract`, measured by the shared
//! scorer (`../shared/eval/score.py`) running the `clean` example exactly as users run it.
//!
//! Each floor is the level reached minus 0.01, so a change that loses quality fails here.
//! Raise a floor when a change raises the figure.

use std::path::PathBuf;
use std::process::Command;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// The `clean` example `cargo test` built next to this test's own binary.
fn clean_example() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let clean = profile_dir
        .join("examples")
        .join(format!("clean{}", std::env::consts::EXE_SUFFIX));
    assert!(
        clean.exists(),
        "{} is missing: run through `cargo test`, which builds the examples",
        clean.display()
    );
    clean
}

/// Runs the scorer on one data set; returns the F1 of its headline line.
fn f1(data_set: &str) -> f64 {
    let scorer = shared().join("eval/score.py");
    let data = shared().join("data/extract").join(data_set);
    let run = format!("{} --json", clean_example().display());
    let out = Command::new("python3")
        .arg(&scorer)
        .arg("extract")
        .arg(&data)
        .args(["--run", &run])
        .output()
        .expect("python3 runs the scorer");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "scorer failed on {data_set}: {}{}",
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(" 0 pages without output"),
        "{data_set}: some pages got no output\n{stdout}"
    );
    let headline = stdout.lines().last().unwrap_or_default();
    let f1 = headline
        .rsplit("F1=")
        .next()
        .and_then(|v| v.trim().parse().ok());
    f1.unwrap_or_else(|| panic!("{data_set}: no F1 in {headline:?}"))
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
    holds("scrapinghub-dev.html.jsonl.gz", 0.942);
}

#[test]
fn scrapinghub_text() {
    holds("scrapinghub-dev.text.jsonl.gz", 0.900);
}

#[test]
fn trafilatura_html() {
    holds("trafilatura-dev.html.jsonl.gz", 0.896);
}

#[test]
fn trafilatura_text() {
    holds("trafilatura-dev.text.jsonl.gz", 0.851);
}
