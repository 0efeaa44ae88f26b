//! The cleaner on articles of our own: debris in five languages, titles,
//! head dates, datelines, flags, ids, and the offset map as a property over
//! many generated bodies.

use entente_ingest::{Article, RawArticle, clean, id_text, original_offset};

fn raw(text: &str) -> RawArticle {
    RawArticle {
        source: "test.txt".into(),
        text: text.into(),
        title_in_text: true,
        ..Default::default()
    }
}

fn span_text(a: &Article, start: usize, end: usize) -> String {
    a.text.chars().skip(start).take(end - start).collect()
}

/// Every non-space character of the clean text is the character the map
/// points at; flag spans lie inside the text; flags are sorted and unique.
fn assert_invariants(raw: &RawArticle, a: &Article) {
    let original: Vec<char> = raw.text.chars().collect();
    let n = a.text.chars().count();
    for (c, ch) in a.text.chars().enumerate() {
        if !ch.is_whitespace() {
            let o = original_offset(&a.offset_map, c).expect("every character is mapped");
            assert_eq!(
                original.get(o),
                Some(&ch),
                "clean offset {c} in {:?}",
                raw.text
            );
        }
    }
    assert!(
        a.offset_map
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1)
    );
    for s in &a.flag_spans {
        assert!(s.start < s.end && s.end <= n, "{s:?}");
    }
    let mut sorted = a.flags.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, a.flags);
    assert!(!a.text.starts_with(char::is_whitespace) && !a.text.ends_with(char::is_whitespace));
    assert!(!a.text.contains("\n\n\n") && !a.text.contains("  "));
}

#[test]
fn debris_of_every_language_leaves_an_english_article() {
    let text = "\
G7 ministers discuss Indo-Pacific security

G7 ministers discuss Indo-Pacific security

Published: 18 April 2023

KARUIZAWA, April 18 (Example Wire) - Foreign ministers of the Group of Seven met in the mountain resort of Karuizawa and warned against any attempt to change the status quo by force.

Subscribe today for full coverage of world affairs

The ministers also discussed support for Ukraine and export controls.
LEGGI ANCHE: il vertice di Hiroshima
Abonnez-vous pour lire la suite
Lee también: la cumbre de Vilna
Lesen Sie auch: Berlin und Tokio

They will meet again before the leaders' summit in Hiroshima.

Reporting by Jane Doe; Editing by John Roe
Lascia un commento
Torna in alto
";
    let r = raw(text);
    let a = clean(r.clone());
    assert_eq!(a.title, "G7 ministers discuss Indo-Pacific security");
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2023-04-18")
    );
    assert_eq!(a.lang, "en");
    assert_eq!(
        a.text,
        "KARUIZAWA, April 18 (Example Wire) - Foreign ministers of the Group of Seven met in the mountain resort of Karuizawa and warned against any attempt to change the status quo by force.\n\nThe ministers also discussed support for Ukraine and export controls.\n\nThey will meet again before the leaders' summit in Hiroshima."
    );
    let d = a.dateline.clone().expect("dateline");
    assert_eq!(d.places, ["KARUIZAWA"]);
    assert_eq!(d.date_text.as_deref(), Some("April 18"));
    assert_eq!(
        a.flags.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["debris-removed"]
    );
    assert_invariants(&r, &a);
}

#[test]
fn damage_is_flagged_where_it_is() {
    let text = "Accordo tra Corea del Sud e \n\nIl governo di Seoul ha firmato un contratto con la , uno stato membro della NATO, per la fornitura di XNUMX carri armati.\n\nIl ministro ha incontrato il omologo e in è stato raggiunto un accordo.";
    let r = raw(text);
    let a = clean(r.clone());
    let flags: Vec<&str> = a.flags.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(flags, ["elided-name", "mt-artefact"]);
    let elided: Vec<String> = a
        .flag_spans
        .iter()
        .filter(|s| s.flag.0 == "elided-name")
        .map(|s| span_text(&a, s.start, s.end))
        .collect();
    assert_eq!(elided, ["la ,", "in è"]);
    let mt = a
        .flag_spans
        .iter()
        .find(|s| s.flag.0 == "mt-artefact")
        .unwrap();
    assert_eq!(span_text(&a, mt.start, mt.end), "XNUMX");
    assert_invariants(&r, &a);
}

#[test]
fn a_paragraph_in_another_language_is_flagged() {
    let text = "Allies meet in Brussels\n\nDefence ministers of the alliance met in Brussels on Thursday to discuss air defence for Ukraine and the production of artillery ammunition in Europe.\n\nI ministri della Difesa dell'alleanza si sono riuniti a Bruxelles giovedì per discutere della difesa aerea dell'Ucraina e della produzione di munizioni in Europa.\n\nThe secretary general said more systems would be delivered before the winter, and that the industry had to increase its output quickly.";
    let r = raw(text);
    let a = clean(r.clone());
    assert_eq!(a.lang, "en");
    let mixed: Vec<String> = a
        .flag_spans
        .iter()
        .filter(|s| s.flag.0 == "mixed-language")
        .map(|s| span_text(&a, s.start, s.end))
        .collect();
    assert_eq!(mixed.len(), 1, "{mixed:?}");
    assert!(mixed[0].starts_with("I ministri della Difesa"));
    assert_invariants(&r, &a);
}

#[test]
fn input_language_is_trusted_and_sentences_are_not_titles() {
    let mut r = raw(
        "La visita del segretario generale a Tokyo è avvenuta mentre l'alleanza rafforzava i legami con i partner dell'Indo-Pacifico, in particolare con il Giappone e la Corea del Sud.\n\nSeconda frase.",
    );
    r.lang = Some("it-IT".into());
    let a = clean(r);
    assert_eq!(a.lang, "it");
    assert_eq!(a.title, "");
    assert!(a.text.starts_with("La visita del segretario generale"));
}

#[test]
fn trivially_different_copies_share_an_id() {
    let a = clean(raw(
        "Titolo\n\nPrimo paragrafo  con   spazi.\n\nSecondo paragrafo.\n",
    ));
    let b = clean(raw(
        "Titolo\r\n\r\n\r\nPrimo paragrafo con spazi.\nSecondo paragrafo.\n\nLascia un commento\n",
    ));
    assert_eq!(a.id, b.id);
    // Composed and decomposed accents give one id.
    let c = clean(raw("Titolo\n\nCitt\u{e0} e libert\u{e0}."));
    let d = clean(raw("Titolo\n\nCitta\u{300} e liberta\u{300}."));
    assert_eq!(c.id, d.id);
    assert_ne!(a.id, c.id);
    assert_eq!(id_text("a \n\n b"), "a b");
    // id_text normalises what is not NFC yet, and leaves NFC text as it is
    assert_eq!(id_text("Citta\u{300}  e"), "Citt\u{e0} e");
    assert_eq!(id_text("Citt\u{e0}\te"), "Citt\u{e0} e");
}

/// A small deterministic generator (no extra dependency).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

#[test]
fn offset_map_holds_on_generated_bodies() {
    let words = [
        "Giappone",
        "NATO",
        "città",
        "è",
        "accordo",
        "the",
        "alliance",
        "Straße",
        "défense",
        "XNUMX",
        "la",
        ",",
        ".",
        "“quoted”",
        "in",
        "e",
        "Seoul",
        "日本",
        "–",
        "🙂",
        "and",
    ];
    let spaces = [" ", "  ", "\t", " \u{a0}", "\u{2003}"];
    let lines = [
        "Sign up now for unlimited free access to Example.com",
        "Torna in alto",
        "READ  Something else entirely",
        "date 2021-05 Reading Time: 3 minutes read",
        "",
        "   ",
        "\r",
    ];
    let mut rng = Lcg(42);
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..(rng.next() % 12) {
            if rng.next().is_multiple_of(4) {
                text.push_str(rng.pick(&lines));
            } else {
                for _ in 0..(1 + rng.next() % 15) {
                    text.push_str(rng.pick(&words));
                    text.push_str(rng.pick(&spaces));
                }
            }
            text.push_str(if rng.next().is_multiple_of(3) {
                "\r\n"
            } else {
                "\n"
            });
        }
        let mut r = raw(&text);
        r.title_in_text = rng.next().is_multiple_of(2);
        let a = clean(r.clone());
        assert_invariants(&r, &a);
        assert!(!a.text.contains("Sign up now") && !a.text.contains("Torna in alto"));
    }
}

#[test]
fn a_large_body_is_cleaned_in_one_pass() {
    let paragraph = "Il ministro degli Esteri ha incontrato il suo omologo a Lima per discutere della sicurezza regionale.\n\n";
    let text = format!("Titolo\n\n{}", paragraph.repeat(40_000));
    let a = clean(raw(&text));
    assert_eq!(a.text.matches("\n\n").count(), 39_999);
    assert_eq!(a.lang, "it");
}

#[test]
fn ordinary_text_in_any_script_is_language() {
    use entente_ingest::not_language;
    assert_eq!(not_language("Japan signed.", "en"), None);
    assert_eq!(not_language("Japan signed.", "und"), None);
    let chinese = "日本和菲律宾周一在马尼拉签署了互惠准入协定，两国外长会谈后表示。".repeat(8);
    assert_eq!(not_language(&chinese, "zh"), None);
    let numbers = "2024 2025 12.5% 300 1,200 ".repeat(20);
    assert_eq!(not_language(&numbers, "und"), None);
    assert!(not_language("\u{200b}\u{feff} ★ ★", "und").is_some());
}
