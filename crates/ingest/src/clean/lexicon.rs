//! Language resources of the cleaner, read from `data/lang/<code>/` at
//! compile time and parsed once. Owns the parsing of those files; it must
//! not decide anything about an article.

use foldhash::{HashMap, HashMapExt, HashSet};
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// The text of one language's resource files.
struct LanguageFiles {
    code: &'static str,
    debris: &'static str,
    function_words: &'static str,
    dates: &'static str,
}

macro_rules! language {
    ($code:literal) => {
        LanguageFiles {
            code: $code,
            debris: include_str!(concat!("../../../../data/lang/", $code, "/debris.txt")),
            function_words: include_str!(concat!(
                "../../../../data/lang/",
                $code,
                "/function_words.txt"
            )),
            dates: include_str!(concat!("../../../../data/lang/", $code, "/dates.txt")),
        }
    };
}

/// Every language with resources. Adding a language: a data folder and one line here.
const LANGUAGES: [LanguageFiles; 5] = [
    language!("en"),
    language!("it"),
    language!("fr"),
    language!("es"),
    language!("de"),
];

// Each language is one bit of a `u8` in `function_word_languages`.
const _: () = assert!(LANGUAGES.len() <= 8, "widen the language bits");

/// The class of a function word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum WordClass {
    Article,
    Preposition,
    Conjunction,
    Auxiliary,
    /// Determiners that are not checked for cut names (German `der`, `die`
    /// are pronouns too): evidence of the language only, like articles.
    Determiner,
    Punctuation,
}

impl WordClass {
    fn parse(name: &str) -> Option<WordClass> {
        match name.trim() {
            "article" => Some(WordClass::Article),
            "determiner" => Some(WordClass::Determiner),
            "preposition" => Some(WordClass::Preposition),
            "conjunction" => Some(WordClass::Conjunction),
            "auxiliary" => Some(WordClass::Auxiliary),
            "punctuation" => Some(WordClass::Punctuation),
            _ => None,
        }
    }
}

/// One language's function words and the pairs of classes that betray a
/// cut-out name.
#[derive(Debug, Default)]
pub(crate) struct FunctionWords {
    pub words: HashMap<String, WordClass>,
    pub suspicious: HashSet<(WordClass, WordClass)>,
    pub allowed: HashSet<(String, String)>,
    pub except_before: HashSet<WordClass>,
}

/// Everything the cleaner knows about languages.
pub(crate) struct Lexicon {
    /// One debris pattern per line of every language's `debris.txt`.
    debris: RegexSet,
    /// Problems found while reading the data files (tested to be empty).
    problems: Vec<String>,
    pub function_words: HashMap<&'static str, FunctionWords>,
    /// Each function word (lower case) with the set of languages that list
    /// it, one bit per language in the order of `language_bits`, and the
    /// set of those that list it as an article.
    pub function_word_languages: HashMap<String, (u8, u8)>,
    /// Each language's bit in `function_word_languages`.
    pub language_bits: HashMap<&'static str, u8>,
    /// Folded month names and abbreviations of every language → month number.
    pub months: HashMap<String, u8>,
    /// Labels that may stand before a publication date, every language.
    pub date_labels: Vec<String>,
}

/// The longest line that can be debris (a Reuters credit line runs to
/// about 300 characters); longer lines are article text.
const MAX_DEBRIS_CHARS: usize = 400;

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// The lines of a data file that carry data (no blanks, no `#` comments).
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut problems = Vec::new();
        let mut patterns = Vec::new();
        let mut function_words = HashMap::new();
        let mut months = HashMap::new();
        let mut date_labels = Vec::new();
        for lang in &LANGUAGES {
            for (n, line) in data_lines(lang.debris) {
                let pattern = format!("(?i)^(?:{line})$");
                match Regex::new(&pattern) {
                    Ok(_) => patterns.push(pattern),
                    Err(e) => problems.push(format!("{}/debris.txt:{n}: {e}", lang.code)),
                }
            }
            function_words.insert(
                lang.code,
                parse_function_words(lang.code, lang.function_words, &mut problems),
            );
            parse_dates(
                lang.code,
                lang.dates,
                &mut months,
                &mut date_labels,
                &mut problems,
            );
        }
        let mut function_word_languages: HashMap<String, (u8, u8)> = HashMap::new();
        let mut language_bits = HashMap::new();
        for (i, lang) in LANGUAGES.iter().enumerate() {
            let bit = 1u8 << i;
            language_bits.insert(lang.code, bit);
            for (word, class) in &function_words[lang.code].words {
                if *class != WordClass::Punctuation {
                    let entry = function_word_languages
                        .entry(word.to_lowercase())
                        .or_default();
                    entry.0 |= bit;
                    if matches!(*class, WordClass::Article | WordClass::Determiner) {
                        entry.1 |= bit;
                    }
                }
            }
        }
        // Longest labels first, so "published on" wins over "published".
        date_labels.sort_by_key(|l: &String| std::cmp::Reverse(l.chars().count()));
        date_labels.dedup();
        let debris = RegexSet::new(&patterns).unwrap_or_else(|e| {
            problems.push(format!("debris patterns do not compile together: {e}"));
            RegexSet::empty()
        });
        Lexicon {
            debris,
            problems,
            function_words,
            function_word_languages,
            language_bits,
            months,
            date_labels,
        }
    }

    /// Problems found in the data files; empty when all is well.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// True when a whole (trimmed) line is site debris in any language.
    pub fn is_debris(&self, line: &str) -> bool {
        // Debris lines are short; long paragraphs are never checked.
        line.chars().count() <= MAX_DEBRIS_CHARS && self.debris.is_match(line.trim())
    }
}

fn parse_function_words(code: &str, text: &str, problems: &mut Vec<String>) -> FunctionWords {
    let mut fw = FunctionWords::default();
    for (n, line) in data_lines(text) {
        let Some((key, rest)) = line.split_once(':') else {
            problems.push(format!("{code}/function_words.txt:{n}: no `class:`"));
            continue;
        };
        match key.trim() {
            "suspicious" => {
                for pair in rest.split_whitespace() {
                    let parsed = pair
                        .split_once('+')
                        .and_then(|(a, b)| Some((WordClass::parse(a)?, WordClass::parse(b)?)));
                    match parsed {
                        Some(p) => {
                            fw.suspicious.insert(p);
                        }
                        None => problems
                            .push(format!("{code}/function_words.txt:{n}: bad pair {pair:?}")),
                    }
                }
            }
            "allow" => {
                let words: Vec<&str> = rest.split_whitespace().collect();
                if let [a, b] = words[..] {
                    fw.allowed.insert((a.to_string(), b.to_string()));
                } else {
                    problems.push(format!(
                        "{code}/function_words.txt:{n}: allow needs two words"
                    ));
                }
            }
            "except-before" => {
                for name in rest.split_whitespace() {
                    match WordClass::parse(name) {
                        Some(c) => {
                            fw.except_before.insert(c);
                        }
                        None => problems.push(format!(
                            "{code}/function_words.txt:{n}: unknown class {name:?}"
                        )),
                    }
                }
            }
            class => match WordClass::parse(class) {
                Some(c) => {
                    for w in rest.split_whitespace() {
                        fw.words.insert(w.to_string(), c);
                    }
                }
                None => problems.push(format!(
                    "{code}/function_words.txt:{n}: unknown class {class:?}"
                )),
            },
        }
    }
    fw
}

fn parse_dates(
    code: &str,
    text: &str,
    months: &mut HashMap<String, u8>,
    labels: &mut Vec<String>,
    problems: &mut Vec<String>,
) {
    for (n, line) in data_lines(text) {
        let Some((key, rest)) = line.split_once(':') else {
            problems.push(format!("{code}/dates.txt:{n}: no `key:`"));
            continue;
        };
        let key = key.trim();
        if key == "label" {
            labels.push(rest.trim().to_lowercase());
        } else if let Some(num) = key.strip_prefix("month ") {
            match num.trim().parse::<u8>() {
                Ok(m) if (1..=12).contains(&m) => {
                    for name in rest.split_whitespace() {
                        months.insert(entente_model::fold(name), m);
                    }
                }
                _ => problems.push(format!("{code}/dates.txt:{n}: bad month number")),
            }
        } else {
            problems.push(format!("{code}/dates.txt:{n}: unknown key {key:?}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_parses() {
        assert!(LEXICON.problems().is_empty(), "{:#?}", LEXICON.problems());
        assert_eq!(LEXICON.function_words.len(), LANGUAGES.len());
        assert_eq!(LEXICON.months.get("marzo"), Some(&3));
        assert_eq!(LEXICON.months.get("dezember"), Some(&12));
    }

    fn example_lines(text: &str) -> impl Iterator<Item = &str> {
        data_lines(text).map(|(_, l)| l)
    }

    #[test]
    fn every_debris_pattern_is_exercised_by_an_example() {
        let examples = include_str!("../../tests/fixtures/debris_lines.txt");
        let mut hit = vec![false; LEXICON.debris.len()];
        for line in example_lines(examples) {
            let matches = LEXICON.debris.matches(line.trim());
            assert!(matches.matched_any(), "not taken for debris: {line:?}");
            for i in matches.iter() {
                hit[i] = true;
            }
        }
        let patterns = LEXICON.debris.patterns();
        let unused: Vec<&String> = hit
            .iter()
            .zip(patterns)
            .filter(|(h, _)| !**h)
            .map(|(_, p)| p)
            .collect();
        assert!(
            unused.is_empty(),
            "patterns without an example: {unused:#?}"
        );
    }

    #[test]
    fn ordinary_lines_are_not_debris() {
        let ordinary = include_str!("../../tests/fixtures/ordinary_lines.txt");
        for line in example_lines(ordinary) {
            assert!(!LEXICON.is_debris(line), "taken for debris: {line:?}");
        }
    }
}
