//! Reading the shared dev data (`../shared/data`), for tests and benches alike.
#![allow(dead_code)] // each test crate uses part of this

use std::io::BufRead;

/// Every row of a gzipped JSON-lines file under ../shared/data; `None` when the file is absent.
pub fn shared_rows(file: &str) -> Option<Vec<serde_json::Value>> {
    let path = format!("{}/../shared/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::File::open(path).ok()?;
    let rows = std::io::BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str(&line).ok())
        .collect();
    Some(rows)
}

/// One string field of every row of a shared data file; panics when the file is absent.
pub fn shared_field(file: &str, field: &str) -> Vec<String> {
    let rows = shared_rows(file).unwrap_or_else(|| {
        panic!("../shared/data/{file} is missing: ../shared must sit beside the repository")
    });
    rows.iter()
        .filter_map(|row| row[field].as_str().map(str::to_string))
        .collect()
}
