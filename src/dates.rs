//! Dates written in running text ("28 février 2024", "February 28, 2024", "2024-02-28").

use crate::lexicon::{self, DateWord};

/// A calendar date as written: the year may be left out ("le 28 février").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Date {
    pub year: Option<u16>,
    pub month: u8,
    pub day: u8,
}

impl Date {
    const fn new(year: Option<u16>, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// Days since 1970-01-01, when the year is known (Howard Hinnant's `days_from_civil`).
    pub(crate) fn days(self) -> Option<i64> {
        let year = i64::from(self.year?) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        Some(era * 146_097 + day_of_era - 719_468)
    }
}

/// What [`scan`] found in a folded text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dates {
    /// Every date, in order.
    pub dates: Vec<Date>,
    /// Words that are neither part of a date nor a word that stands beside dates, counted up to
    /// [`OTHER_WORDS_COUNTED`]: what tells a dateline from a sentence.
    pub other_words: usize,
}

fn day(token: &str) -> Option<u8> {
    // A day opens with a digit: most tokens asked are words, turned away here.
    if !token.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // An ISO 8601 timestamp's day runs on into its time once folded ("2024-02-28T09:30" gives
    // "2024 02 28t09 30").
    let token = match token.split_once('t') {
        Some((day, hour)) if !hour.is_empty() && hour.bytes().all(|b| b.is_ascii_digit()) => day,
        _ => token,
    };
    let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &token[digits.len()..];
    // Never empty: the token opens with a digit, which neither cut takes off.
    if digits.len() > 2
        || !matches!(
            suffix,
            "" | "er" | "st" | "nd" | "rd" | "th" | "o" | "a" | "e"
        )
    {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A year written in full, 1900 to 2100.
pub(crate) fn year(token: &str) -> Option<u16> {
    (token.len() == 4)
        .then(|| token.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn number_month(token: &str) -> Option<u8> {
    (token.len() <= 2)
        .then(|| token.parse().ok())
        .flatten()
        .filter(|m| (1..=12).contains(m))
}

fn month(token: &str) -> Option<u8> {
    match lexicon::date_word(token) {
        Some(DateWord::Month(m)) => Some(m),
        _ => None,
    }
}

/// Skips the linking words of Spanish and Portuguese dates ("28 de febrero de 2024").
fn skip_linker(tokens: &[&str], i: usize) -> usize {
    if matches!(tokens.get(i), Some(&("de" | "del"))) {
        i + 1
    } else {
        i
    }
}

/// The most tokens a date is written in ("28 de febrero de 2024").
const DATE_TOKENS: usize = 5;

/// Reads a date starting at token `i`; returns it and the index after it.
fn date_at(tokens: &[&str], i: usize) -> Option<(Date, usize)> {
    let get = |k: usize| tokens.get(k).copied();
    // 28 février 2024, 28 de febrero de 2024
    if let Some(d) = get(i).and_then(day) {
        let m_at = skip_linker(tokens, i + 1);
        if let Some(m) = get(m_at).and_then(month) {
            let y_at = skip_linker(tokens, m_at + 1);
            let year = get(y_at).and_then(year);
            let end = if year.is_some() { y_at + 1 } else { m_at + 1 };
            return Some((Date::new(year, m, d), end));
        }
        // 28 02 2024 (28/02/2024, 28.02.2024)
        if let (Some(m), Some(y)) = (get(i + 1).and_then(number_month), get(i + 2).and_then(year)) {
            return Some((Date::new(Some(y), m, d), i + 3));
        }
        // 02 28 2024 (02/28/2024, as in the United States), when the day cannot be a month
        if let (Some(m), Some(d), Some(y)) = (
            get(i).and_then(number_month),
            get(i + 1).and_then(day).filter(|&d| d > 12),
            get(i + 2).and_then(year),
        ) {
            return Some((Date::new(Some(y), m, d), i + 3));
        }
    }
    // February 28 2024 (the day first: it needs no lookup)
    if let (Some(d), Some(m)) = (get(i + 1).and_then(day), get(i).and_then(month)) {
        let year = get(i + 2).and_then(year);
        return Some((
            Date::new(year, m, d),
            if year.is_some() { i + 3 } else { i + 2 },
        ));
    }
    // 2024 02 28 (ISO)
    if let (Some(y), Some(m), Some(d)) = (
        get(i).and_then(year),
        get(i + 1).and_then(number_month),
        get(i + 2).and_then(day),
    ) {
        return Some((Date::new(Some(y), m, d), i + 3));
    }
    None
}

/// [`Dates::other_words`] counts no further: a dateline has at most one other word.
pub(crate) const OTHER_WORDS_COUNTED: usize = 2;

/// Finds the dates in a [folded](crate::lexicon::fold) text.
pub(crate) fn scan(folded: &str) -> Dates {
    scan_up_to(folded, usize::MAX)
}

/// [`scan`], reading no further than the first date once [`Dates::other_words`] is known.
pub(crate) fn first(folded: &str) -> Dates {
    scan_up_to(folded, 1)
}

fn scan_up_to(folded: &str, most_dates: usize) -> Dates {
    // Every date has a number in it (a day or a year): most lines are passed over here.
    if !holds_digit(folded) {
        return Dates::default();
    }
    // A date is read from at most DATE_TOKENS tokens: a window of them slides over the text.
    let mut rest = folded.split_ascii_whitespace();
    let mut window = [""; DATE_TOKENS];
    let mut len = 0;
    let mut found = Dates::default();
    while found.dates.len() < most_dates || found.other_words < OTHER_WORDS_COUNTED {
        for token in rest.by_ref().take(DATE_TOKENS - len) {
            window[len] = token;
            len += 1;
        }
        if len == 0 {
            break;
        }
        let token = window[0];
        let tokens = &window[..len];
        // Every date has a number in its first two words.
        let numbered = |k: usize| {
            tokens
                .get(k)
                .is_some_and(|t| t.as_bytes()[0].is_ascii_digit())
        };
        let read = if numbered(0) || numbered(1) {
            date_at(tokens, 0)
        } else {
            None
        };
        let used = match read {
            Some((date, end)) => {
                found.dates.push(date);
                end
            }
            None => {
                if found.other_words < OTHER_WORDS_COUNTED {
                    let dateish = token.bytes().all(|b| b.is_ascii_digit())
                        || lexicon::stands_beside_dates(token);
                    found.other_words += usize::from(!dateish);
                }
                1
            }
        };
        window.copy_within(used..len, 0);
        len -= used;
    }
    found
}

/// Whether a text holds an ASCII digit: read 32 bytes at a time without a branch in between,
/// which compiles to vector code.
fn holds_digit(text: &str) -> bool {
    text.as_bytes().chunks(32).any(|chunk| {
        chunk.iter().fold(0u8, |digits, &b| {
            digits | u8::from(b.wrapping_sub(b'0') < 10)
        }) != 0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::fold;

    fn date(y: Option<u16>, m: u8, d: u8) -> Date {
        Date::new(y, m, d)
    }

    #[test]
    fn reads_dates_in_several_languages_and_orders() {
        let cases = [
            (
                "Publié jeudi 29 février 2024 à 12:56",
                date(Some(2024), 2, 29),
                0,
            ),
            ("Le 28 février, une rencontre", date(None, 2, 28), 1),
            ("February 28, 2024", date(Some(2024), 2, 28), 0),
            ("lundi, janvier 26, 2026", date(Some(2026), 1, 26), 0),
            ("el 3 de marzo de 2023", date(Some(2023), 3, 3), 0),
            ("am 1. März 2022 um 10 Uhr", date(Some(2022), 3, 1), 0),
            ("2025-06-23 10:00", date(Some(2025), 6, 23), 0),
            ("2025-06-23T10:00:00Z", date(Some(2025), 6, 23), 1),
            ("Updated: 19/11/2019", date(Some(2019), 11, 19), 0),
            ("Posted 11/27/2005 7:21 AM", date(Some(2005), 11, 27), 0),
            // Both numbers could be the month: read day first.
            ("03/04/2024", date(Some(2024), 4, 3), 0),
            ("le 1er mai", date(None, 5, 1), 0),
            // Other words are counted up to two.
            (
                "Le 28 février, une rencontre à Moscou",
                date(None, 2, 28),
                2,
            ),
        ];
        for (text, want, other) in cases {
            let got = scan(&fold(text));
            assert_eq!(got.dates.first(), Some(&want), "{text}");
            assert_eq!(got.other_words, other, "{text}");
        }
    }

    #[test]
    fn days_count_from_1970() {
        assert_eq!(date(Some(1970), 1, 1).days(), Some(0));
        assert_eq!(
            date(Some(2024), 3, 1)
                .days()
                .zip(date(Some(2024), 2, 28).days())
                .map(|(a, b)| a - b),
            Some(2)
        );
        assert_eq!(date(None, 3, 1).days(), None);
    }

    #[test]
    fn numbers_alone_are_not_dates() {
        assert!(
            scan(&fold("965 cartons, 120 États membres et 18 pays"))
                .dates
                .is_empty()
        );
        assert!(scan(&fold("May we go")).dates.is_empty());
    }
}
