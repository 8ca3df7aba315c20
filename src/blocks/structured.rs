//! The article a page's structured data carries (JSON-LD, schema.org): pages that scripts
//! build show a reader without scripts little more than a lead, yet give search engines the
//! whole text there, with the headline, the author and the publication date.

use std::collections::HashMap;

use serde_json::Value;

use super::{Hint, RawBlock};

/// The text of an `articleBody` and the line of the script that holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Article {
    pub body: String,
    pub line: u32,
}

/// What one page's structured data says; the first value found for each field is kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Structured {
    /// The page's article body, when it gives one; none when it gives several different ones
    /// (a list of articles, a live blog's updates), which no single story stands for.
    pub article: Option<Article>,
    pub headline: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    /// Whether different article bodies were found.
    several_articles: bool,
}

/// The visible story counts as a stub of the structured article when the article's text is
/// this many times longer.
const STUB_RATIO: usize = 3;
/// An article shorter than this many bytes of text is a summary, never a replacement.
const MIN_ARTICLE_BYTES: usize = 500;

impl Structured {
    /// Reads the text of one `<script type="application/ld+json">` found at `line`. Data that
    /// is not JSON is passed over: structured data is a hint, and a page stays readable
    /// without it.
    pub(crate) fn read(&mut self, json: &str, line: u32) {
        let Ok(value) = serde_json::from_str::<Value>(json.trim()) else {
            return;
        };
        // Objects nest (`@graph`, `mainEntity`, lists of them): walked with a stack rather
        // than by recursion.
        let mut stack = vec![&value];
        // Authors given by reference (`"author": {"@id": ...}`, as WordPress plugins write
        // them), and the names of the people and organisations the data describes.
        let mut author_ids: Vec<&str> = Vec::new();
        let mut names_by_id: HashMap<&str, &str> = HashMap::new();
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items.iter().rev()),
                // What readers wrote about the story is not the story's.
                Value::Object(object) if object.get("@type").is_some_and(names_readers_words) => {}
                Value::Object(object) => {
                    if let (Some(Value::String(id)), Some(Value::String(name))) =
                        (object.get("@id"), object.get("name"))
                    {
                        names_by_id.insert(id, name);
                    }
                    for (key, value) in object {
                        match (key.as_str(), value) {
                            ("articleBody", Value::String(body)) => self.body(body, line),
                            ("headline", Value::String(text)) => fill(&mut self.headline, text),
                            ("datePublished", Value::String(text)) => {
                                fill(&mut self.published, text)
                            }
                            ("author", author) => match name_of(author) {
                                Some(name) => fill(&mut self.author, name),
                                None => author_ids.extend(id_of(author)),
                            },
                            (_, Value::Array(_) | Value::Object(_)) => stack.push(value),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(name) = author_ids.iter().find_map(|id| names_by_id.get(id)) {
            fill(&mut self.author, name);
        }
    }

    fn body(&mut self, body: &str, line: u32) {
        let body = body.trim();
        if body.is_empty() || self.several_articles {
            return;
        }
        match &self.article {
            Some(article) if article.body != body => {
                self.article = None;
                self.several_articles = true;
            }
            Some(_) => {}
            None => {
                self.article = Some(Article {
                    body: body.to_string(),
                    line,
                })
            }
        }
    }
}

impl Article {
    /// The article's paragraphs, when the story a page shows, `shown_bytes` of text, is a stub
    /// of it: then they stand in for it.
    pub(crate) fn standing_in(
        &self,
        shown_bytes: usize,
        max_depth: usize,
    ) -> Option<Vec<RawBlock>> {
        let stub = |article_bytes: usize| {
            article_bytes >= MIN_ARTICLE_BYTES
                && shown_bytes.saturating_mul(STUB_RATIO) < article_bytes
        };
        // The body's bytes bound its text's: most pages are told apart without reading it.
        if !stub(self.body.len()) {
            return None;
        }
        let paragraphs = self.paragraphs(max_depth);
        stub(paragraphs.iter().map(|p| p.text.len()).sum()).then_some(paragraphs)
    }

    /// The article's paragraphs as blocks where the markup puts the article, at its script's
    /// line. A body given as HTML (some sites put their markup there) is read as HTML, with
    /// elements nested deeper than `max_depth` read as their ancestor; a plain one as plain
    /// text, a block per line.
    fn paragraphs(&self, max_depth: usize) -> Vec<RawBlock> {
        let markup = self.body.contains("</") || self.body.contains("<br");
        let mut paragraphs = if markup {
            super::html::blocks(&self.body, max_depth).blocks
        } else {
            super::text::blocks(&self.body)
        };
        for block in &mut paragraphs {
            block.first_line = self.line;
            block.last_line = self.line;
            if block.hint == Hint::None {
                block.hint = Hint::Content;
            }
        }
        paragraphs
    }
}

/// Inserts an article's `paragraphs` among a page's `blocks`, in line order.
pub(crate) fn insert(paragraphs: Vec<RawBlock>, blocks: &mut Vec<RawBlock>) {
    let line = paragraphs.first().map_or(0, |p| p.first_line);
    let at = blocks.partition_point(|b| b.first_line <= line);
    blocks.splice(at..at, paragraphs);
}

/// Whether a `@type` (a name or a list of names) is readers' words: a comment, a review, an
/// answer.
fn names_readers_words(kind: &Value) -> bool {
    let readers = |name: &str| matches!(name, "Comment" | "Review" | "Answer" | "Question");
    match kind {
        Value::String(name) => readers(name),
        Value::Array(names) => names.iter().filter_map(Value::as_str).any(readers),
        _ => false,
    }
}

/// Keeps the first non-empty value of a field.
fn fill(slot: &mut Option<String>, text: &str) {
    let text = text.trim();
    if slot.is_none() && !text.is_empty() {
        *slot = Some(text.to_string());
    }
}

/// An author's name: given as text, as a person or organisation, or as a list of them (the
/// first one).
fn name_of(author: &Value) -> Option<&str> {
    match author {
        // A link to the author's page names no one.
        Value::String(name) if name.starts_with("http") => None,
        Value::String(name) => Some(name),
        Value::Object(person) => person.get("name").and_then(Value::as_str),
        Value::Array(authors) => authors.first().and_then(name_of),
        _ => None,
    }
}

/// The reference an author is given by: an `@id`, or a link.
fn id_of(author: &Value) -> Option<&str> {
    match author {
        Value::String(link) if link.starts_with("http") => Some(link),
        Value::Object(person) => person.get("@id").and_then(Value::as_str),
        Value::Array(authors) => authors.first().and_then(id_of),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_in_graphs_and_lists() {
        let mut structured = Structured::default();
        structured.read("{not json", 5);
        structured.read(
            r#"{"@context": "https://schema.org", "@graph": [
                {"@type": "WebPage", "name": "Home"},
                {"@type": "NewsArticle", "headline": " Port reopens ", "datePublished": "2025-03-02",
                 "author": [{"@type": "Person", "name": "Jane Doe"}, {"name": "Tom Ray"}],
                 "articleBody": "The body.\nIts second paragraph."}]}"#,
            12,
        );
        // The same article given again, as pages do in two scripts.
        structured.read(
            r#"[{"articleBody": " The body.\nIts second paragraph."}]"#,
            40,
        );
        assert_eq!(structured.headline.as_deref(), Some("Port reopens"));
        assert_eq!(structured.author.as_deref(), Some("Jane Doe"));
        assert_eq!(structured.published.as_deref(), Some("2025-03-02"));
        let article = structured.article.unwrap_or_default();
        assert_eq!(article.line, 12);
        assert_eq!(article.body, "The body.\nIts second paragraph.");
    }

    #[test]
    fn an_author_given_by_reference_is_named_from_the_graph() {
        let mut structured = Structured::default();
        structured.read(
            r#"{"@graph": [
                {"@type": "Article", "author": {"@id": "https://example.org/#/person/1"}},
                {"@type": "Comment", "author": {"name": "A Reader"}},
                {"@type": "Person", "@id": "https://example.org/#/person/1", "name": "Jane Doe"}]}"#,
            1,
        );
        assert_eq!(structured.author.as_deref(), Some("Jane Doe"));
        let mut unnamed = Structured::default();
        unnamed.read(r#"{"author": "https://example.org/author/jane/"}"#, 1);
        assert_eq!(unnamed.author, None, "a link names no one");
    }

    #[test]
    fn a_page_of_several_article_bodies_has_no_article() {
        let mut structured = Structured::default();
        structured.read(
            r#"{"@type": "LiveBlogPosting", "liveBlogUpdate": [
                {"articleBody": "First update."}, {"articleBody": "Second update."}]}"#,
            3,
        );
        structured.read(r#"{"articleBody": "First update."}"#, 9);
        assert_eq!(structured.article, None);
    }

    #[test]
    fn an_article_stands_in_for_a_stub_and_is_inserted_at_its_line() {
        let article = Article {
            body: format!("{}\n\n  Its   last paragraph.", "A paragraph. ".repeat(40)),
            line: 3,
        };
        assert!(article.standing_in(article.body.len() / 2, 64).is_none());
        let summary = Article {
            body: "A summary of the story.".into(),
            line: 3,
        };
        assert!(
            summary.standing_in(0, 64).is_none(),
            "too short to be the article"
        );
        let in_markup = Article {
            body: format!("<p>{}</p>", "<br>".repeat(200)),
            line: 3,
        };
        assert!(
            in_markup.standing_in(0, 64).is_none(),
            "its text is too short"
        );
        let paragraphs = article.standing_in(100, 64).unwrap_or_default();
        let block = |line: u32| RawBlock {
            text: format!("line {line}"),
            first_line: line,
            last_line: line,
            ..RawBlock::default()
        };
        let mut blocks = vec![block(1), block(3), block(9)];
        insert(paragraphs, &mut blocks);
        let lines: Vec<(u32, String)> = blocks
            .iter()
            .map(|b| (b.first_line, b.text.chars().take(9).collect()))
            .collect();
        let expected = [
            (1, "line 1"),
            (3, "line 3"),
            (3, "A paragra"),
            (3, "Its last "),
            (9, "line 9"),
        ];
        assert_eq!(lines, expected.map(|(line, text)| (line, text.to_string())));
        assert!(blocks[2..4].iter().all(|b| b.hint == Hint::Content));
    }

    /// A page whose structured data holds `body` as its article, around a visible `story`.
    fn page(body: &str, story: &str) -> crate::Page {
        let json = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Harbour bridge reopens",
            "author": {"@type": "Person", "name": "Jane Doe"},
            "datePublished": "2025-03-02T09:30:00Z",
            "articleBody": body,
        });
        let html = format!(
            "<html><head>\n<script type=\"application/ld+json\">{json}</script>\n</head><body>\n\
             <nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>\n\
             <h1>Harbour bridge reopens</h1>\n{story}\n<div id=app></div>\n\
             <footer><a href=/imprint>Imprint</a> <a href=/privacy>Privacy</a></footer></body></html>"
        );
        crate::clean_html(html.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
    }

    const PARAGRAPHS: [&str; 4] = [
        "The bridge over the harbour was open to traffic on Friday after eight months of repairs, and the first buses crossed it a few minutes after the ceremony.",
        "The mayor thanked the engineers and the crews who had worked through the winter to finish the repairs on time, and under the budget the council had set.",
        "Work on the old ferry pier, closed since the storms of the year before, is to start in the autumn once the council has chosen a builder for it.",
        "Drivers will find two lanes in each direction on the new deck, a cycle path on its east side, and lower speed limits at night near the schools.",
    ];

    #[test]
    fn a_page_built_by_scripts_gives_the_story_its_structured_data_holds() {
        let page = page(&PARAGRAPHS.join("\n"), "<p>The bridge is open again.</p>");
        assert_eq!(page.text(), PARAGRAPHS.join("\n"));
        assert_eq!(page.stories[0].lines[0].first, 2, "the script's line");
        assert_eq!(page.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(page.date.as_deref(), Some("2025-03-02T09:30:00Z"));
    }

    #[test]
    fn a_page_that_shows_its_story_keeps_it() {
        let shown: String = PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>")).collect();
        let page = page(&PARAGRAPHS.join("\n"), &shown);
        assert_eq!(page.text(), PARAGRAPHS.join("\n"));
        // The title and the paragraphs shown, nothing from the script's line.
        let lines = crate::Lines { first: 5, last: 6 };
        assert_eq!(page.stories[0].lines, [lines]);
    }

    #[test]
    fn a_body_in_markup_is_read_as_html() {
        let article = Article {
            body: "<h2>First part<br>\nof the lead.</h2><p>The body &amp; more.</p>".into(),
            line: 7,
        };
        let texts: Vec<String> = article.paragraphs(64).into_iter().map(|p| p.text).collect();
        assert_eq!(texts, ["First part", "of the lead.", "The body & more."]);
    }
}
