//! Acceptance checks on the shared seed articles (`shared/corpus/seeds/*.txt`
//! and `shared/eval/seeds/corpus.jsonl`), found next to the repository.
//! Skipped with a notice when that folder is absent.

use entente_ingest::{Article, ReadItem, clean, original_offset, read_path};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("corpus/seeds").is_dir() && dir.join("eval/seeds/corpus.jsonl").is_file() {
        Some(dir)
    } else {
        eprintln!("notice: {} not found; seed checks skipped", dir.display());
        None
    }
}

/// Cleaned articles by source file name.
fn cleaned(path: PathBuf) -> BTreeMap<String, Article> {
    read_path(&path)
        .map(|item| match item {
            ReadItem::Article(raw) => clean(raw),
            ReadItem::Skipped(s) => panic!("seed skipped: {s:?}"),
        })
        .map(|a| (a.source.clone(), a))
        .collect()
}

fn seeds() -> Option<(BTreeMap<String, Article>, BTreeMap<String, Article>)> {
    let dir = shared()?;
    let txt = cleaned(dir.join("corpus/seeds"));
    let jsonl = cleaned(dir.join("eval/seeds/corpus.jsonl"));
    assert_eq!(txt.len(), 5);
    assert_eq!(jsonl.len(), 5);
    Some((txt, jsonl))
}

fn seed<'a>(all: &'a BTreeMap<String, Article>, prefix: &str) -> &'a Article {
    all.iter()
        .find(|(k, _)| k.starts_with(prefix))
        .map(|(_, a)| a)
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

fn has_flag(a: &Article, flag: &str) -> bool {
    a.flags.iter().any(|f| f.0 == flag)
}

#[test]
fn text_files_and_jsonl_records_get_the_same_ids() {
    let Some((txt, jsonl)) = seeds() else { return };
    for (source, a) in &txt {
        let b = &jsonl[source];
        assert_eq!(a.id, b.id, "{source}");
        assert_eq!(a.text, b.text, "{source}");
    }
    let mut ids: Vec<&str> = txt.values().map(|a| a.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 5);
}

#[test]
fn bodies_carry_no_debris() {
    let Some((txt, jsonl)) = seeds() else { return };
    for a in txt.values().chain(jsonl.values()) {
        for debris in [
            "Sign up now",
            "READ ",
            "Lascia un commento",
            "Torna in alto",
            "Il tuo indirizzo email",
            "Reading Time",
            "Our standards",
            "Editing by",
        ] {
            assert!(
                !a.text.contains(debris),
                "{}: {debris:?} left in the body",
                a.source
            );
        }
    }
    assert!(has_flag(seed(&txt, "004"), "debris-removed"));
    assert!(has_flag(seed(&txt, "001"), "debris-removed"));
}

#[test]
fn dates_datelines_titles_and_flags() {
    let Some((txt, jsonl)) = seeds() else { return };
    let s001 = seed(&txt, "001");
    assert_eq!(
        s001.published.map(|d| d.to_string()).as_deref(),
        Some("2023-02")
    );
    assert!(
        s001.text.starts_with("La recente visita"),
        "{}",
        &s001.text[..80]
    );
    assert!(has_flag(s001, "elided-name"), "{:?}", s001.flags);

    let s004 = seed(&txt, "004");
    let dl = s004.dateline.as_ref().expect("004 has a dateline");
    assert_eq!(dl.places, ["TOKYO", "WASHINGTON"]);
    assert_eq!(dl.agency.as_deref(), Some("Reuters"));
    assert_eq!(dl.date_text.as_deref(), Some("Jan 7"));
    assert!(s004.text.starts_with("TOKYO / WASHINGTON, Jan 7 (Reuters)"));
    assert_eq!(s004.lang, "en");
    // A dateline's month and day give no year.
    assert_eq!(s004.published, None);
    assert_eq!(
        seed(&jsonl, "004")
            .published
            .map(|d| d.to_string())
            .as_deref(),
        Some("2022-01-07")
    );

    assert!(has_flag(seed(&txt, "002"), "mt-artefact"));

    let s000 = seed(&txt, "000");
    assert!(
        s000.title
            .starts_with("Il Giappone e gli Stati Uniti promettono")
    );
    assert!(
        !s000.text.contains(&s000.title),
        "title repeated in the body"
    );
    for a in txt.values() {
        assert!(
            a.lang == "it" || a.source.starts_with("004"),
            "{} {}",
            a.source,
            a.lang
        );
        assert!(
            !a.title.is_empty() || a.source.starts_with("001"),
            "{}",
            a.source
        );
    }
}

#[test]
fn seed_offsets_map_back_to_the_reader_text() {
    let Some(dir) = shared() else { return };
    for item in read_path(&dir.join("corpus/seeds")) {
        let ReadItem::Article(raw) = item else {
            continue;
        };
        let original: Vec<char> = raw.text.chars().collect();
        let a = clean(raw);
        for (c, ch) in a.text.chars().enumerate() {
            if ch.is_whitespace() {
                continue;
            }
            let o = original_offset(&a.offset_map, c).expect("mapped");
            assert_eq!(
                original.get(o),
                Some(&ch),
                "{} at clean offset {c}",
                a.source
            );
        }
    }
}

#[test]
#[ignore = "prints the cleaned seeds for eyeballing"]
fn show_seeds() {
    let Some((txt, _)) = seeds() else { return };
    for a in txt.values() {
        println!(
            "=== {} [{}] {:?} published={:?} dateline={:?}",
            a.source, a.lang, a.title, a.published, a.dateline
        );
        println!("flags {:?}", a.flags);
        for s in &a.flag_spans {
            let t: String = a.text.chars().skip(s.start).take(s.end - s.start).collect();
            println!("  {} {:?}", s.flag.0, t);
        }
        println!("{}\n", a.text);
    }
}
