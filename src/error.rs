//! The errors chaff reports when it cannot read an input.

use std::fmt;

/// Why an input could not be cleaned.
///
/// Everything else chaff handles with a documented best effort: broken markup is parsed as a
/// browser would, unknown charsets fall back to UTF-8 or Windows-1252, and pages with no article
/// give an empty story rather than an error.
///
/// ```
/// let err = chaff::clean_html(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
/// assert_eq!(err, chaff::Error::Binary { kind: "PNG image" });
/// assert_eq!(err.to_string(), "input is binary data (PNG image), not a text page");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than [`Options::max_bytes`](crate::Options::max_bytes).
    TooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// The input is binary data (an image, an archive...), not a page of text.
    Binary {
        /// What the data looks like.
        kind: &'static str,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TooLarge { size, limit } => {
                write!(
                    f,
                    "input of {size} bytes is larger than the limit of {limit} bytes"
                )
            }
            Error::Binary { kind } => write!(f, "input is binary data ({kind}), not a text page"),
        }
    }
}

impl std::error::Error for Error {}
