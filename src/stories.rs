//! Stories: the page's title, byline and date, and its story or, on a digest page, its stories.
//!
//! A digest page runs several short articles one after another: a title, one or two paragraphs,
//! the next title. Sub-headed articles look alike, so a body is split only when every section
//! is a title over one or two paragraphs, there are at least three, and the sections stand
//! apart: most carry a date of their own, or (HTML) most titles are links.

use crate::blocks::RawBlock;
use crate::blocks::html::HtmlMeta;
use crate::labels::Labels;
use crate::page::{Block, Format, Kind, Lines, Page, Story};
use crate::signals::Signals;

/// A digest has at least this many sections.
const DIGEST_MIN_SECTIONS: usize = 3;
/// A digest section has at most this many paragraphs.
const DIGEST_MAX_PARAGRAPHS: usize = 2;

/// Puts the page together from its labelled blocks.
pub(crate) fn assemble(
    format: Format,
    raw: Vec<RawBlock>,
    signals: &[Signals],
    labels: &Labels,
    meta: Option<&HtmlMeta>,
) -> Page {
    let content: Vec<usize> = match labels.body {
        Some((first, last)) => {
            let head = labels.title.map_or(first, |t| t.min(first));
            (head..=last)
                .filter(|&i| labels.kinds[i] == Kind::Content)
                .collect()
        }
        None => Vec::new(),
    };
    let sections = split_digest(&content, &raw, signals).unwrap_or_else(|| vec![content.clone()]);
    let digest = sections.len() > 1;
    let metadata = |want: fn(&Signals) -> bool| {
        labels
            .kinds
            .iter()
            .zip(signals)
            .zip(&raw)
            .find(|((k, s), _)| **k == Kind::Metadata && want(s))
            .map(|(_, b)| b.text.clone())
    };
    let named = || meta.and_then(|m| m.og_title.clone().or_else(|| m.title.clone()));
    // A dateline, a byline or a label ("More on:") may stand where a title does and be kept
    // out of the text as one; it is shown as the title only when the markup names none.
    let reads_as_title =
        |s: &Signals, text: &str| s.date.is_none() && !s.byline_like && !text.ends_with(':');
    let title = match labels.title {
        Some(t) if reads_as_title(&signals[t], &raw[t].text) => Some(raw[t].text.clone()),
        block => named().or_else(|| block.map(|t| raw[t].text.clone())),
    };
    let byline = metadata(|s| s.byline_like).or_else(|| meta.and_then(|m| m.author.clone()));
    let date = metadata(|s| s.date_like)
        .or_else(|| metadata(|s| s.opens_with_date))
        .or_else(|| meta.and_then(|m| m.published.clone()));
    let mut stories = Vec::new();
    for section in sections.iter().filter(|s| !s.is_empty()) {
        let (heading, story_title, story_date) = if digest {
            let dated = section
                .iter()
                .find(|&&i| signals[i].date.is_some())
                .map(|&i| raw[i].text.clone());
            let first = section.first().copied();
            (first, first.map(|i| raw[i].text.clone()), dated)
        } else {
            (labels.title, title.clone(), date.clone())
        };
        stories.push(story(section, heading, story_title, story_date, &raw));
    }
    let blocks = raw
        .into_iter()
        .zip(&labels.kinds)
        .map(|(b, &kind)| Block {
            kind,
            lines: Lines {
                first: b.first_line,
                last: b.last_line,
            },
            text: b.text,
        })
        .collect();
    Page {
        format,
        title,
        byline,
        date,
        blocks,
        stories,
    }
}

/// The story of `members`, whose `heading` block, if any, is kept out of its text and whose
/// title is `title`.
fn story(
    members: &[usize],
    heading: Option<usize>,
    title: Option<String>,
    date: Option<String>,
    raw: &[RawBlock],
) -> Story {
    let mut lines: Vec<Lines> = Vec::new();
    for &i in members {
        let (first, last) = (raw[i].first_line, raw[i].last_line);
        match lines.last_mut() {
            Some(prev) if first <= prev.last.saturating_add(1) => prev.last = prev.last.max(last),
            _ => lines.push(Lines { first, last }),
        }
    }
    let text: Vec<&str> = members
        .iter()
        .filter(|&&i| Some(i) != heading)
        .map(|&i| raw[i].text.as_str())
        .collect();
    Story {
        title,
        lines,
        text: text.join("\n"),
        date,
        blocks: members.to_vec(),
    }
}

/// The body's sections when the body is a digest of several stories.
fn split_digest(
    content: &[usize],
    raw: &[RawBlock],
    signals: &[Signals],
) -> Option<Vec<Vec<usize>>> {
    let mut sections: Vec<Vec<usize>> = Vec::new();
    for &i in content {
        let s = &signals[i];
        // A long headline can read as prose; having no closing full stop makes it a title.
        if s.title_like || raw[i].heading > 0 {
            sections.push(vec![i]);
        } else if s.prose {
            sections.last_mut()?.push(i);
        } else {
            return None;
        }
    }
    // A digest may open with a heading of its own ("This week's briefs") over no paragraph.
    if sections.first().is_some_and(|s| s.len() == 1) {
        sections.remove(0);
    }
    let well_formed = sections.len() >= DIGEST_MIN_SECTIONS
        && sections
            .iter()
            .all(|s| (2..=DIGEST_MAX_PARAGRAPHS + 1).contains(&s.len()));
    if !well_formed {
        return None;
    }
    let dated = sections
        .iter()
        .filter(|s| s[1..].iter().any(|&i| signals[i].date.is_some()))
        .count();
    let linked = sections
        .iter()
        .filter(|s| signals[s[0]].link_density > 0.5)
        .count();
    (dated * 2 >= sections.len() || linked * 2 >= sections.len()).then_some(sections)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_dateline_where_the_title_stands_is_the_date_and_never_the_title() {
        let page = |head: &str| {
            let html = format!(
                "<html><head>{head}</head><body><nav><a href=/>Home</a> <a href=/news>News</a></nav>\
                 <h2>March 2, 2025 | By Jane Doe</h2>\
                 <p>The bridge over the harbour was open to traffic on Friday after eight months of repairs, and the first buses crossed it a few minutes after the ceremony.</p>\
                 <p>The mayor thanked the engineers and the crews who had worked through the winter to finish the repairs on time.</p></body></html>"
            );
            crate::clean_html(html.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
        };
        for (head, title) in [
            (
                "<meta property='og:title' content='Harbour bridge reopens'>",
                Some("Harbour bridge reopens"),
            ),
            ("", None),
        ] {
            let page = page(head);
            assert_eq!(page.title.as_deref(), title);
            assert_eq!(page.stories[0].title, page.title);
            assert_eq!(page.date.as_deref(), Some("March 2, 2025 | By Jane Doe"));
            assert!(page.text().starts_with("The bridge"), "{}", page.text());
        }
    }
}
