//! The bad-input matrix: every hostile input gets a typed error or the documented best effort,
//! never a panic, in time and memory linear in its size. The crate docs ("Bad input") state
//! each row's outcome; these tests hold them.

use std::time::{Duration, Instant};

use chaff::{Error, Kind};

const STORY: &str = "The council met on Tuesday evening and agreed, after a long debate, to rebuild the old harbour wall before the winter storms return.";

fn html_page(body: &str) -> String {
    format!(
        "<html><head><title>Harbour wall</title></head><body><nav><a href=/>Home</a></nav><p>{body}</p></body></html>"
    )
}

/// Cleans HTML bytes, failing the test if it takes longer than `limit`.
fn timed_html(bytes: &[u8], limit: Duration) -> Result<chaff::Page, Error> {
    let start = Instant::now();
    let page = chaff::clean_html(bytes);
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    page
}

#[test]
fn invalid_utf8_is_read_as_windows_1252() {
    let html = html_page(STORY).replace("harbour", "harb\u{FFFD}ur");
    let bytes = html
        .replace('\u{FFFD}', "\u{0}")
        .replace('\u{0}', "")
        .into_bytes();
    let mut bytes = bytes;
    let at = bytes.windows(5).position(|w| w == b"harbu").expect("word") + 4;
    bytes.insert(at, 0xE9); // a lone Latin-1 byte: not UTF-8
    let page = chaff::clean_html(&bytes).expect("best effort");
    assert!(page.text().contains("harbéur"), "{}", page.text());
    assert_eq!(
        chaff::decode_text(b"caf\xE9 cr\xE8me").unwrap(),
        "café crème"
    );
}

#[test]
fn utf16_with_and_without_bom() {
    let html = html_page(STORY);
    let le: Vec<u8> = html.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = html.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for bytes in [
        [&[0xFF, 0xFE][..], &le].concat(),
        [&[0xFE, 0xFF][..], &be].concat(),
        le.clone(),
        be.clone(),
    ] {
        let page = chaff::clean_html(&bytes).expect("UTF-16 is decoded");
        assert_eq!(page.text(), STORY);
    }
    let text: Vec<u8> = STORY.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(chaff::decode_text(&text).unwrap(), STORY);
}

#[test]
fn legacy_charsets_with_and_without_meta() {
    let latin = "Le café du port a rouvert ses portes mardi, après trois mois de travaux menés par la commune et ses artisans.";
    let encoded: Vec<u8> = latin.chars().map(|c| c as u32 as u8).collect(); // ISO-8859-1
    let declared = [
        b"<meta charset=\"iso-8859-1\"><p>".as_slice(),
        &encoded,
        b"</p>",
    ]
    .concat();
    let undeclared = [b"<p>".as_slice(), &encoded, b"</p>"].concat();
    let windows = [
        b"<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\"><p>\x93"
            .as_slice(),
        &encoded,
        b"\x94</p>",
    ]
    .concat();
    for bytes in [&declared, &undeclared] {
        assert_eq!(chaff::clean_html(bytes).unwrap().text(), latin);
    }
    assert_eq!(
        chaff::clean_html(&windows).unwrap().text(),
        format!("“{latin}”")
    );
}

#[test]
fn a_wrong_meta_charset_on_utf8_bytes_reads_utf8() {
    let story = "Le café du port a rouvert ses portes mardi, après trois mois de travaux menés par la commune et les artisans du quartier.";
    let page = format!("<meta charset=iso-8859-1><p>{story}</p>");
    assert_eq!(chaff::clean_html(page.as_bytes()).unwrap().text(), story);
}

#[test]
fn an_unknown_charset_label_is_ignored() {
    let page = format!("<meta charset=x-no-such-charset><p>{STORY}</p>");
    assert_eq!(chaff::clean_html(page.as_bytes()).unwrap().text(), STORY);
}

#[test]
fn nul_bytes_are_dropped_from_html_and_kept_out_of_words() {
    let page = html_page(STORY).replace("council", "coun\0cil");
    let text = chaff::clean_html(page.as_bytes()).unwrap().text();
    assert!(!text.contains('\0'));
    assert!(text.contains("council"), "{text}");
}

#[test]
fn binary_junk_is_a_typed_error() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    let gzip = b"\x1f\x8b\x08\0\0\0\0\0\0\x03\xcbH\xcd\xc9\xc9\x07\0";
    assert_eq!(
        chaff::clean_html(png).unwrap_err(),
        Error::Binary { kind: "PNG image" }
    );
    assert_eq!(
        chaff::clean_html(gzip).unwrap_err(),
        Error::Binary { kind: "gzip data" }
    );
    assert_eq!(
        chaff::decode_text(png).unwrap_err(),
        Error::Binary { kind: "PNG image" }
    );
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 & 0x1F)
        .collect();
    assert!(matches!(
        chaff::decode_text(&junk),
        Err(Error::Binary {
            kind: "unknown binary data"
        })
    ));
    let err = chaff::clean_html(png).unwrap_err();
    let source: &dyn std::error::Error = &err;
    assert_eq!(
        source.to_string(),
        "input is binary data (PNG image), not a text page"
    );
}

#[test]
fn empty_and_blank_pages_have_no_blocks_and_no_story() {
    for input in ["", "   \n\t\n  ", "\n\n\n"] {
        let text = chaff::clean_text(input);
        let html = chaff::clean_html(input.as_bytes()).unwrap();
        for page in [text, html] {
            assert!(page.blocks.is_empty() && page.stories.is_empty() && page.text().is_empty());
        }
    }
}

#[test]
fn a_page_of_menus_gives_no_story_rather_than_its_menu() {
    let menu = "Home\nNews\nSport\nWeather\nContact\n© 2025 The Daily";
    let page = chaff::clean_text(menu);
    assert!(page.stories.is_empty() && page.text().is_empty());
    assert!(page.blocks.iter().all(|b| b.kind != Kind::Content));
}

#[test]
fn a_50_mb_page_is_cleaned_in_linear_time() {
    let paragraph = format!("<p>{STORY}</p>\n");
    let one_mb = paragraph.repeat((1 << 20) / paragraph.len());
    let small = timed(|| chaff::clean_html(one_mb.as_bytes()).map(|p| p.blocks.len()));
    let big_page = one_mb.repeat(50);
    let big = timed(|| chaff::clean_html(big_page.as_bytes()).map(|p| p.blocks.len()));
    assert_eq!(big.0.unwrap(), small.0.unwrap() * 50);
    // Linear, with room for a noisy machine: 50 times the input, at most 150 times the time.
    assert!(
        big.1 < small.1 * 150 + Duration::from_secs(2),
        "1 MB {:?}, 50 MB {:?}",
        small.1,
        big.1
    );
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

#[test]
fn inputs_over_the_size_limit_are_a_typed_error() {
    let options = chaff::Options {
        max_bytes: 1 << 20,
        ..chaff::Options::default()
    };
    let page = vec![b' '; (1 << 20) + 1];
    assert_eq!(
        chaff::clean_html_with(&page, &options).unwrap_err(),
        Error::TooLarge {
            size: (1 << 20) + 1,
            limit: 1 << 20
        }
    );
}

#[test]
fn a_hundred_thousand_nested_elements() {
    let html = format!(
        "{}<p>{STORY}</p>{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let page = timed_html(html.as_bytes(), Duration::from_secs(10)).unwrap();
    assert_eq!(page.text(), STORY);
    let unclosed = format!("{}<p>{STORY}</p>", "<span><div>".repeat(100_000));
    assert_eq!(
        timed_html(unclosed.as_bytes(), Duration::from_secs(10))
            .unwrap()
            .text(),
        STORY
    );
}

#[test]
fn a_million_attributes() {
    let attributes: String = (0..1_000_000).map(|i| format!(" a{i}=x")).collect();
    let html = format!("<div{attributes}><p>{STORY}</p></div>");
    let page = timed_html(html.as_bytes(), Duration::from_secs(10)).unwrap();
    assert_eq!(page.text(), STORY);
}

#[test]
fn a_line_of_ten_megabytes() {
    let sentence =
        "The wall was rebuilt with stone from the old quarry, as the council had promised. ";
    let line = sentence.repeat((10 << 20) / sentence.len());
    let start = Instant::now();
    let page = chaff::clean_text(&format!("Harbour wall rebuilt\n{line}\nHome"));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(page.blocks.len(), 3);
    assert_eq!(page.blocks[1].kind, Kind::Content);
    assert_eq!(page.text().len(), line.trim_end().len());
    let html = timed_html(format!("<p>{line}</p>").as_bytes(), Duration::from_secs(20)).unwrap();
    assert_eq!(html.text().len(), line.trim_end().len());
}

#[test]
fn unclosed_comments_and_scripts_hide_what_follows_as_a_browser_would() {
    let comment = format!("<p>{STORY}</p><!-- never closed <p>{STORY} again</p>");
    assert_eq!(chaff::clean_html(comment.as_bytes()).unwrap().text(), STORY);
    let script = format!("<p>{STORY}</p><script>var a = '<p>{STORY} again</p>';");
    assert_eq!(chaff::clean_html(script.as_bytes()).unwrap().text(), STORY);
    let style = format!("<p>{STORY}</p><style>p {{ color: red }}");
    assert_eq!(chaff::clean_html(style.as_bytes()).unwrap().text(), STORY);
}

#[test]
fn broken_markup_is_read_as_a_browser_would() {
    let html = format!(
        "<p>{STORY}<p><b><i>Second paragraph of the story, with its own words and a full stop at its end.</b></i></div></span><p"
    );
    let page = chaff::clean_html(html.as_bytes()).unwrap();
    assert_eq!(
        page.text(),
        format!(
            "{STORY}\nSecond paragraph of the story, with its own words and a full stop at its end."
        )
    );
}

#[test]
fn structured_data_that_is_not_json_is_ignored() {
    let page = |data: &str| {
        let html = format!(
            "<script type='application/ld+json'>{data}</script><p>{STORY}</p><script type=application/ld+json>"
        );
        chaff::clean_html(html.as_bytes()).unwrap()
    };
    let plain = chaff::clean_html(format!("<p>{STORY}</p>").as_bytes()).unwrap();
    for data in [
        r#"{"articleBody": "never closed"#,
        "<p>markup</p>",
        "\u{0}\u{1}binary",
        &"[".repeat(100_000),
        "",
    ] {
        let page = page(data);
        assert_eq!(page.text(), STORY, "{data:.20}");
        assert_eq!((&page.byline, &page.date), (&plain.byline, &plain.date));
    }
}
