//! Exact labels, titles, stories and clusters of the sample pages in `examples/pages`.
//!
//! The labels were read and checked by hand; a change in any of them is a change in behaviour.

use chaff::Kind::{self, Chrome, Content, Metadata, Teaser};

fn clean(name: &str) -> chaff::Page {
    let path = format!("{}/examples/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    if name.ends_with(".html") {
        chaff::clean_html(&bytes).expect("sample pages are HTML")
    } else {
        chaff::clean_text(&chaff::decode_text(&bytes).expect("sample pages are text"))
    }
}

/// (first line, kind) of every block, in order.
fn labels(page: &chaff::Page) -> Vec<(u32, Kind)> {
    page.blocks
        .iter()
        .map(|b| (b.lines.first, b.kind))
        .collect()
}

fn story_lines(story: &chaff::Story) -> Vec<(u32, u32)> {
    story.lines.iter().map(|l| (l.first, l.last)).collect()
}

#[test]
fn en_council_second_bridge_txt() {
    let page = clean("en-council-second-bridge.txt");
    #[rustfmt::skip]
    assert_eq!(labels(&page), [(1, Chrome), (2, Chrome), (3, Chrome), (4, Chrome), (5, Chrome), (6, Chrome), (7, Chrome), (9, Content), (11, Metadata), (12, Metadata), (13, Chrome), (14, Chrome), (15, Chrome), (17, Content), (18, Content), (19, Content), (20, Teaser), (22, Chrome), (23, Chrome), (25, Teaser), (26, Teaser), (27, Teaser), (28, Teaser), (29, Teaser), (30, Teaser), (32, Chrome), (33, Chrome), (34, Chrome)]);
    assert_eq!(
        page.title.as_deref(),
        Some("Port Averne council votes to fund a second bridge study")
    );
    assert_eq!(page.byline.as_deref(), Some("By Tom Whitaker"));
    assert_eq!(page.date.as_deref(), Some("Published 2 October 2025"));
    let titles: Vec<Option<&str>> = page.stories.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(
        titles,
        [Some(
            "Port Averne council votes to fund a second bridge study"
        )]
    );
    assert_eq!(story_lines(&page.stories[0]), [(9, 9), (17, 19)]);
}

#[test]
fn en_harbour_bridge_other_outlet_txt() {
    let page = clean("en-harbour-bridge-other-outlet.txt");
    #[rustfmt::skip]
    assert_eq!(labels(&page), [(1, Chrome), (2, Chrome), (3, Chrome), (4, Chrome), (5, Chrome), (6, Chrome), (7, Chrome), (9, Content), (11, Metadata), (12, Metadata), (13, Chrome), (14, Chrome), (15, Chrome), (17, Content), (18, Content), (19, Content), (20, Content), (21, Teaser), (23, Chrome), (24, Chrome), (26, Teaser), (27, Teaser), (28, Teaser), (29, Teaser), (30, Teaser), (31, Teaser), (32, Teaser), (33, Teaser), (34, Teaser), (36, Chrome), (37, Chrome), (38, Chrome)]);
    assert_eq!(
        page.title.as_deref(),
        Some("Traffic returns to Kessler Bridge as Port Averne repairs end")
    );
    assert_eq!(page.byline.as_deref(), Some("By Tom Whitaker"));
    assert_eq!(page.date.as_deref(), Some("Published 14 March 2025"));
    let titles: Vec<Option<&str>> = page.stories.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(
        titles,
        [Some(
            "Traffic returns to Kessler Bridge as Port Averne repairs end"
        )]
    );
    assert_eq!(story_lines(&page.stories[0]), [(9, 9), (17, 20)]);
}

#[test]
fn en_harbour_bridge_html() {
    let page = clean("en-harbour-bridge.html");
    #[rustfmt::skip]
    assert_eq!(labels(&page), [(14, Chrome), (17, Chrome), (18, Chrome), (19, Chrome), (20, Chrome), (26, Content), (27, Metadata), (28, Metadata), (29, Chrome), (30, Content), (31, Content), (32, Content), (33, Content), (34, Content), (35, Teaser), (36, Content), (39, Chrome), (44, Teaser), (46, Teaser), (47, Teaser), (48, Teaser), (52, Chrome), (53, Chrome)]);
    assert_eq!(
        page.title.as_deref(),
        Some("Harbour bridge reopens after eight months of repairs")
    );
    assert_eq!(page.byline.as_deref(), Some("By Maria Okafor"));
    assert_eq!(page.date.as_deref(), Some("14 March 2025"));
    let titles: Vec<Option<&str>> = page.stories.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(
        titles,
        [Some("Harbour bridge reopens after eight months of repairs")]
    );
    assert_eq!(
        story_lines(&page.stories[0]),
        [(26, 26), (30, 34), (36, 36)]
    );
}

#[test]
fn fr_breves_digest_txt() {
    let page = clean("fr-breves-digest.txt");
    #[rustfmt::skip]
    assert_eq!(labels(&page), [(1, Chrome), (2, Chrome), (3, Chrome), (4, Chrome), (5, Chrome), (6, Content), (8, Content), (10, Content), (12, Content), (14, Content), (16, Content), (18, Content), (20, Content), (22, Content), (24, Teaser), (25, Chrome), (26, Chrome)]);
    assert_eq!(page.title.as_deref(), Some("Les brèves de la semaine"));
    assert_eq!(page.byline.as_deref(), None);
    assert_eq!(page.date.as_deref(), None);
    let titles: Vec<Option<&str>> = page.stories.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("Saint-Aubrac : la piscine municipale ouvre ses portes plus tôt cette année"),
            Some("Marvejac : un nouveau médecin s’installe à la maison de santé"),
            Some("Col de la Croix : la route fermée pour travaux de goudronnage"),
            Some("Lanuéjols : la fête du pain réunit trois générations de boulangers")
        ]
    );
    assert_eq!(story_lines(&page.stories[0]), [(8, 8), (10, 10)]);
    assert_eq!(story_lines(&page.stories[1]), [(12, 12), (14, 14)]);
    assert_eq!(story_lines(&page.stories[2]), [(16, 16), (18, 18)]);
    assert_eq!(story_lines(&page.stories[3]), [(20, 20), (22, 22)]);
}

#[test]
fn fr_festival_lecture_html() {
    let page = clean("fr-festival-lecture.html");
    #[rustfmt::skip]
    assert_eq!(labels(&page), [(9, Chrome), (11, Chrome), (16, Content), (17, Metadata), (18, Metadata), (21, Content), (22, Content), (23, Teaser), (24, Content), (25, Content), (26, Content), (28, Chrome), (29, Chrome), (32, Teaser), (33, Teaser), (34, Teaser), (35, Teaser), (38, Chrome), (39, Chrome), (42, Teaser), (44, Teaser), (45, Teaser), (50, Chrome), (51, Chrome)]);
    assert_eq!(
        page.title.as_deref(),
        Some("Saint-Aubrac : le festival du livre bat son record d’affluence")
    );
    assert_eq!(page.byline.as_deref(), Some("Par Claire Vidal"));
    assert_eq!(
        page.date.as_deref(),
        Some("Publié le samedi 7 juin 2025 à 18h05")
    );
    let titles: Vec<Option<&str>> = page.stories.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(
        titles,
        [Some(
            "Saint-Aubrac : le festival du livre bat son record d’affluence"
        )]
    );
    assert_eq!(
        story_lines(&page.stories[0]),
        [(16, 16), (21, 22), (24, 26)]
    );
}

#[test]
fn the_two_reports_of_the_bridge_reopening_are_one_story_and_nothing_else_is() {
    let names = [
        "en-council-second-bridge.txt",
        "en-harbour-bridge-other-outlet.txt",
        "en-harbour-bridge.html",
        "fr-breves-digest.txt",
        "fr-festival-lecture.html",
    ];
    let mut index = chaff::StoryIndex::new();
    let mut ids = Vec::new();
    for name in names {
        for (n, story) in clean(name).stories.iter().enumerate() {
            index.insert(story);
            ids.push(format!("{name}#{}", n + 1));
        }
    }
    assert_eq!(ids.len(), 8);
    let found = index.clusters();
    let clusters: Vec<(chaff::Relation, Vec<&str>)> = found
        .iter()
        .map(|c| {
            (
                c.relation,
                c.members.iter().map(|&m| ids[m].as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        clusters,
        [(
            chaff::Relation::SameStory,
            vec![
                "en-harbour-bridge-other-outlet.txt#1",
                "en-harbour-bridge.html#1"
            ]
        )]
    );
    // The two reports share the bridge, the town, the engineer, the day and the 14 months of
    // closure; their texts are not copies.
    let evidence = &found[0].evidence;
    assert_eq!(
        evidence.names[..3],
        ["kessler bridge", "daniel ruiz", "port averne"]
    );
    assert_eq!(evidence.numbers, ["14"]);
    assert_eq!(evidence.distance, None);
}

/// A copy with a few words changed is a near-duplicate, and says how many bits apart.
#[test]
fn near_duplicates_say_how_far_apart() {
    let page = clean("en-harbour-bridge.html");
    let text = &page.stories[0].text;
    let copy = text
        .replacen("eight", "8", 1)
        .replacen("repairs", "works", 1);
    let mut index = chaff::StoryIndex::new();
    index.insert_fingerprint(chaff::Fingerprint::new(None, text, None));
    index.insert_fingerprint(chaff::Fingerprint::new(None, &copy, None));
    let clusters = index.clusters();
    assert_eq!(clusters.len(), 1);
    assert_eq!(clusters[0].relation, chaff::Relation::NearDuplicate);
    let distance = chaff::fingerprint::hamming(
        chaff::fingerprint::simhash(text),
        chaff::fingerprint::simhash(&copy),
    );
    assert!(distance <= 3);
    assert_eq!(clusters[0].evidence.distance, Some(distance));
    assert!(
        clusters[0]
            .evidence
            .names
            .contains(&"kessler bridge".to_string())
    );
}

/// Golden values: the simhash of every story of the sample pages. Fingerprints are stored by
/// users; a change here means stored fingerprints no longer compare with new ones.
#[test]
fn fingerprints_of_the_sample_pages_are_pinned() {
    let golden: [(&str, &[u64]); 5] = [
        ("en-council-second-bridge.txt", &[0x7eac7d1ed30d0823]),
        ("en-harbour-bridge-other-outlet.txt", &[0x78f82a8daa824590]),
        ("en-harbour-bridge.html", &[0x02c02180601ebb87]),
        (
            "fr-breves-digest.txt",
            &[
                0xf79cdda61ae0a706,
                0xac6095a01c165504,
                0x79fb0bd76bc544c7,
                0xe80a0fb679a03232,
            ],
        ),
        ("fr-festival-lecture.html", &[0xc9b5494a6422141a]),
    ];
    for (name, want) in golden {
        let got: Vec<u64> = clean(name)
            .stories
            .iter()
            .map(|s| chaff::Fingerprint::of(s).simhash)
            .collect();
        assert_eq!(got, want, "{name}");
    }
}
