//! What both examples do with their arguments: find the pages and clean them.

use std::path::{Path, PathBuf};

/// The pages named by the arguments: files as given, folders' `.html`, `.htm` and `.txt` files
/// (not recursing), in name order.
pub fn pages(args: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| format_of(p).is_some())
                        .collect()
                })
                .unwrap_or_else(|err| {
                    eprintln!("{arg}: {err}");
                    Vec::new()
                });
            found.sort();
            out.extend(found);
        } else {
            out.push(path.to_path_buf());
        }
    }
    out
}

/// HTML for `.html` and `.htm`, text for `.txt`.
pub fn format_of(path: &Path) -> Option<chaff::Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "html" | "htm" => Some(chaff::Format::Html),
        "txt" => Some(chaff::Format::Text),
        _ => None,
    }
}

/// Reads and cleans the pages on all cores, in order; files of other extensions are read as text.
pub fn clean_all(paths: &[PathBuf]) -> Vec<Result<chaff::batch::Cleaned, String>> {
    let files: Vec<Result<Vec<u8>, String>> = paths
        .iter()
        .map(|p| std::fs::read(p).map_err(|e| e.to_string()))
        .collect();
    let inputs: Vec<chaff::batch::Input<'_>> = paths
        .iter()
        .zip(&files)
        .map(|(path, bytes)| {
            let bytes = bytes.as_deref().unwrap_or_default();
            match format_of(path) {
                Some(chaff::Format::Html) => chaff::batch::Input::Html(bytes),
                _ => chaff::batch::Input::Text(bytes),
            }
        })
        .collect();
    let cleaned = chaff::batch::clean_batch(&inputs, &chaff::Options::default());
    files
        .into_iter()
        .zip(cleaned)
        .map(|(file, cleaned)| file.map(|_| cleaned))
        .collect()
}

/// Splits `--json` from the other arguments.
pub fn args() -> (bool, Vec<String>) {
    let mut json = false;
    let mut rest = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--json" {
            json = true;
        } else {
            rest.push(arg);
        }
    }
    (json, rest)
}
