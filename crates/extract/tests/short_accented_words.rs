//! Words of up to three letters keep their accents when the coder folds a
//! text (`è` is not `e`), so a lexicon phrase written without the accent
//! never matches the accented word in an article: `al dia siguiente` missed
//! every `al día siguiente`. Each language's data must write such words
//! with their accents (and may add the unaccented spelling of scraped
//! text beside them, on the same line).

use std::path::PathBuf;

/// Short words whose unaccented spelling is no word of the language, so a
/// phrase holding that spelling was written for the accented word.
const ACCENTED: &[(&str, &[&str])] = &[
    ("de", &["für"]),
    ("es", &["día", "año", "más"]),
    ("fr", &["été", "çà"]),
    ("it", &["più", "ciò", "già", "può"]),
];

fn fold(word: &str) -> String {
    entente_model::fold(word)
}

#[test]
fn lexicons_write_short_words_with_their_accents() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/lang");
    let mut problems = Vec::new();
    let mut files = 0;
    for (lang, words) in ACCENTED {
        let dir = root.join(lang);
        for entry in std::fs::read_dir(&dir).expect("the language folder reads") {
            let path = entry.expect("a folder entry").path();
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("tsv" | "txt")
            ) {
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).expect("the data file reads");
            for (n, line) in text.lines().enumerate() {
                if line.starts_with('#') {
                    continue;
                }
                let lower = line.to_lowercase();
                let tokens: Vec<&str> = lower
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|t| !t.is_empty())
                    .collect();
                for word in *words {
                    let bare = fold(word);
                    if tokens.contains(&bare.as_str()) && !tokens.contains(word) {
                        problems.push(format!(
                            "{}:{}: `{bare}` without `{word}`",
                            path.display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(files >= 4 * 5, "only {files} data files read");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_coder_keeps_the_accents_of_short_words() {
    // the premise of the check above
    use entente_extract::text::norm_word;
    assert_eq!(norm_word("Día"), "día");
    assert_eq!(norm_word("dia"), "dia");
    assert_eq!(norm_word("Diplomacia"), "diplomacia");
}
