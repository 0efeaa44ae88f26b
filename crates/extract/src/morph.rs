//! Morphology: the *lemma key* of a word, so that a lexicon lists a word
//! once and every inflected form of it matches.
//!
//! The key of a word is: its lemma from the language's table of irregular
//! forms (`met` → `meet`, `dijo` → `decir`, `traf` → `treffen`), else the
//! word itself; a German participle prefix removed (`gewarnt` → `warnt`,
//! `angekündigt` → `ankündigt`); the language's Snowball stemmer; then the
//! language's residual endings that Snowball leaves (French `-ent`, German
//! `-t`), and finally ASCII folding. A word that ends with a derivational
//! suffix the language lists (`-zione`, `-ment`, `-ung`) keeps that class in
//! its key, since Snowball would otherwise fold the noun into its verb
//! (`cooperazione`, `cooperare`). Two words with the same key are forms of
//! one lemma as far as the lexicons are concerned. All of it is data of
//! `data/lang/<code>/morphology.tsv`; this module knows no language.

use entente_model::fold;
use foldhash::{HashMap, HashMapExt};
use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::rc::Rc;

/// Words shorter than this (in characters) are their own key unless the
/// table of irregular forms names their lemma: stemming a short word does
/// more harm (`tu`, `as`, `ha`) than good.
const MIN_STEMMED: usize = 4;

/// An ending removed after stemming (the longest that fits, once), when at
/// least `min` characters remain.
#[derive(Debug, Clone)]
struct Ending {
    suffix: String,
    min: usize,
}

/// The morphology of one language.
#[derive(Default)]
pub struct Morphology {
    /// Unique per instance: the key cache is shared by every language.
    id: usize,
    algorithm: Option<&'static str>,
    stemmer: Option<Stemmer>,
    /// Irregular form (lower case, accents kept: Italian `è` is not `e`) →
    /// lemma (as written, lower case).
    irregular: HashMap<String, String>,
    /// Participle prefix (`ge`), the least number of characters that must
    /// follow it, and the endings a participle has (`t`).
    participle: Option<(String, usize, Vec<String>)>,
    /// Separable verb prefixes (`an`, `auf`): `angekündigt` keeps `an`.
    separable: Vec<String>,
    endings: Vec<Ending>,
    /// Derivational classes: (name, folded suffixes), longest suffix first.
    derivations: Vec<(String, String)>,
    /// Endings of manner adverbs (`-ly`, `-mente`), which may stand inside a
    /// lexicon phrase (`appealed directly to`).
    adverb_endings: Vec<String>,
    /// Words (folded) that may stand inside a lexicon phrase as an adverb
    /// does (`ha parlato anche con`).
    adverb_words: Vec<String>,
}

impl std::fmt::Debug for Morphology {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Morphology")
            .field("stemmer", &self.algorithm)
            .field("irregular", &self.irregular.len())
            .field("participle", &self.participle)
            .field("separable", &self.separable)
            .field("endings", &self.endings)
            .field("derivations", &self.derivations.len())
            .finish()
    }
}

impl Clone for Morphology {
    fn clone(&self) -> Self {
        Morphology {
            id: next_id(),
            algorithm: self.algorithm,
            stemmer: self.algorithm.and_then(algorithm).map(Stemmer::create),
            irregular: self.irregular.clone(),
            participle: self.participle.clone(),
            separable: self.separable.clone(),
            endings: self.endings.clone(),
            derivations: self.derivations.clone(),
            adverb_endings: self.adverb_endings.clone(),
            adverb_words: self.adverb_words.clone(),
        }
    }
}

fn algorithm(name: &str) -> Option<Algorithm> {
    Some(match name {
        "english" => Algorithm::English,
        "italian" => Algorithm::Italian,
        "french" => Algorithm::French,
        "spanish" => Algorithm::Spanish,
        "german" => Algorithm::German,
        "portuguese" => Algorithm::Portuguese,
        "dutch" => Algorithm::Dutch,
        "romanian" => Algorithm::Romanian,
        "swedish" => Algorithm::Swedish,
        "danish" => Algorithm::Danish,
        "norwegian" => Algorithm::Norwegian,
        "finnish" => Algorithm::Finnish,
        "hungarian" => Algorithm::Hungarian,
        "russian" => Algorithm::Russian,
        "turkish" => Algorithm::Turkish,
        "arabic" => Algorithm::Arabic,
        "greek" => Algorithm::Greek,
        "tamil" => Algorithm::Tamil,
        _ => return None,
    })
}

const ALGORITHMS: [&str; 18] = [
    "english",
    "italian",
    "french",
    "spanish",
    "german",
    "portuguese",
    "dutch",
    "romanian",
    "swedish",
    "danish",
    "norwegian",
    "finnish",
    "hungarian",
    "russian",
    "turkish",
    "arabic",
    "greek",
    "tamil",
];

fn next_id() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Lemma keys by the word as written.
type Keys = HashMap<Box<str>, Rc<str>>;

thread_local! {
    /// Keys computed on this thread, per language (by morphology id), by the
    /// word as written: news repeats its words, and a key costs a stemmer run.
    static CACHE: RefCell<Vec<(usize, Keys)>> = const { RefCell::new(Vec::new()) };
}
const CACHE_LIMIT: usize = 200_000;

impl Morphology {
    /// Parse `morphology.tsv`. Lines: `stemmer NAME`, `irregular LEMMA
    /// FORM|FORM…`, `participle PREFIX MIN ENDING|ENDING…`, `separable
    /// PREFIX|PREFIX…`, `ending SUFFIX MIN`, `derivation NAME SUFFIX|SUFFIX…`,
    /// `adverb ENDING`.
    pub fn parse(text: &str) -> Result<Morphology, (usize, String)> {
        let mut m = Morphology {
            id: next_id(),
            ..Morphology::default()
        };
        for (n, line) in text.lines().enumerate() {
            let n = n + 1;
            let line = line.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let col = |i: usize| -> Result<&str, (usize, String)> {
                cols.get(i)
                    .copied()
                    .filter(|c| !c.is_empty())
                    .ok_or((n, format!("column {} is missing", i + 1)))
            };
            let number = |i: usize| -> Result<usize, (usize, String)> {
                col(i)?
                    .parse()
                    .map_err(|_| (n, format!("column {} must be a number", i + 1)))
            };
            match cols[0] {
                "stemmer" => {
                    let name = col(1)?;
                    let Some(known) = ALGORITHMS.iter().find(|a| **a == name) else {
                        return Err((n, format!("unknown stemmer {name:?}")));
                    };
                    m.algorithm = Some(known);
                    m.stemmer = algorithm(known).map(Stemmer::create);
                }
                "irregular" => {
                    let lemma = col(1)?.to_lowercase();
                    for form in col(2)?.split('|').map(str::trim).filter(|f| !f.is_empty()) {
                        m.irregular.insert(form.to_lowercase(), lemma.clone());
                    }
                    m.irregular.insert(lemma.clone(), lemma.clone());
                }
                "participle" => {
                    let endings = col(3)?.split('|').map(|e| e.trim().to_string()).collect();
                    m.participle = Some((col(1)?.to_lowercase(), number(2)?, endings));
                }
                "separable" => {
                    m.separable = col(1)?
                        .split('|')
                        .map(|p| p.trim().to_lowercase())
                        .filter(|p| !p.is_empty())
                        .collect();
                    // longest first, so that `zurück` is tried before `zu`
                    m.separable
                        .sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
                }
                "derivation" => {
                    let name = col(1)?.to_string();
                    for suffix in col(2)?.split('|').map(str::trim).filter(|x| !x.is_empty()) {
                        m.derivations.push((name.clone(), fold(suffix)));
                    }
                    m.derivations
                        .sort_by_key(|(_, sfx)| std::cmp::Reverse(sfx.len()));
                }
                "adverb" => m.adverb_endings.push(fold(col(1)?)),
                "adverb_word" => m.adverb_words.extend(
                    col(1)?
                        .split('|')
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .map(fold),
                ),
                "ending" => {
                    m.endings.push(Ending {
                        suffix: col(1)?.to_lowercase(),
                        min: number(2)?,
                    });
                    // the longest ending that fits is the one removed
                    m.endings
                        .sort_by_key(|e| std::cmp::Reverse(e.suffix.chars().count()));
                }
                other => return Err((n, format!("unknown entry {other:?}"))),
            }
        }
        Ok(m)
    }

    /// This morphology's identity, unique in the process (for caches).
    pub fn id(&self) -> usize {
        self.id
    }

    /// True when the word (as written) has a manner adverb's ending and at
    /// least four letters before it.
    pub fn is_adverb(&self, word: &str) -> bool {
        let w = fold(word);
        self.adverb_endings
            .iter()
            .any(|e| w.len() >= e.len() + 4 && w.ends_with(e.as_str()))
            || self.adverb_words.contains(&w)
    }

    /// A German infinitive with `zu` inside it after a separable prefix
    /// (`abzuhalten`, `anzugreifen`, `einzuladen`).
    pub fn zu_infix(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        self.separable.iter().any(|p| {
            w.strip_prefix(p.as_str())
                .and_then(|r| r.strip_prefix("zu"))
                .is_some_and(|rest| rest.chars().count() >= 4 && rest.ends_with('n'))
        })
    }

    /// The lemma key of a word as written (any case, accents kept).
    pub fn key(&self, word: &str) -> String {
        self.shared_key(word).to_string()
    }

    /// The lemma key of a word as written, shared with this thread's cache.
    pub fn shared_key(&self, word: &str) -> Rc<str> {
        if word.is_empty() || !word.chars().any(char::is_alphabetic) {
            return fold(word).into();
        }
        let id = self.id;
        let cached = CACHE.with(|c| {
            c.borrow()
                .iter()
                .find(|(i, _)| *i == id)
                .and_then(|(_, m)| m.get(word).cloned())
        });
        if let Some(k) = cached {
            return k;
        }
        let key: Rc<str> = self.compute(&word.to_lowercase()).into();
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            // bounded for all languages together
            if c.iter().map(|(_, m)| m.len()).sum::<usize>() >= CACHE_LIMIT {
                c.clear();
            }
            let map = match c.iter().position(|(i, _)| *i == id) {
                Some(p) => &mut c[p].1,
                None => {
                    c.push((id, HashMap::new()));
                    &mut c.last_mut().expect("just pushed").1
                }
            };
            map.insert(word.into(), key.clone());
        });
        key
    }

    fn compute(&self, lower: &str) -> String {
        let mut word: String = match self.irregular.get(lower) {
            Some(lemma) => lemma.clone(),
            None if lower.chars().count() < MIN_STEMMED => return crate::text::norm_word(lower),
            None => lower.to_string(),
        };
        let class = self
            .derivations
            .iter()
            .find(|(_, sfx)| {
                let w = fold(&word);
                w.len() > sfx.len() + 2 && w.ends_with(sfx.as_str())
            })
            .map(|(name, _)| name.as_str());
        if let Some((prefix, min, endings)) = &self.participle {
            word = strip_participle(&word, prefix, *min, endings, &self.separable);
        }
        if let Some(s) = &self.stemmer {
            word = s.stem(&word).into_owned();
        }
        for e in &self.endings {
            if let Some(rest) = word.strip_suffix(e.suffix.as_str())
                && rest.chars().count() >= e.min
            {
                word = rest.to_string();
                break;
            }
        }
        match class {
            Some(c) => format!("{}-{c}", fold(&word)),
            None => fold(&word),
        }
    }
}

/// `gewarnt` → `warnt`, `angekündigt` → `ankündigt`: a participle prefix
/// (after a separable prefix, if any) is removed when the word has a
/// participle ending and enough letters after the prefix.
fn strip_participle(
    word: &str,
    prefix: &str,
    min: usize,
    endings: &[String],
    separable: &[String],
) -> String {
    if !endings.iter().any(|e| word.ends_with(e.as_str())) {
        return word.to_string();
    }
    let strip = |w: &str| -> Option<String> {
        let rest = w.strip_prefix(prefix)?;
        (rest.chars().count() >= min).then(|| rest.to_string())
    };
    if let Some(rest) = strip(word) {
        return rest;
    }
    for sep in separable {
        if let Some(after) = word.strip_prefix(sep.as_str())
            && let Some(rest) = strip(after)
        {
            return format!("{sep}{rest}");
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_parse_and_errors_name_the_line() {
        let m = Morphology::parse(
            "# comment\nstemmer\tenglish\nirregular\tmeet\tmet|meets\nending\tent\t3\n",
        )
        .unwrap();
        assert_eq!(m.key("met"), m.key("meeting"));
        assert_eq!(m.key("Met"), m.key("meet"));
        let err = Morphology::parse("stemmer\tklingon\n").unwrap_err();
        assert_eq!(err.0, 1);
        assert!(err.1.contains("klingon"));
        let err = Morphology::parse("\nending\tent\tx\n").unwrap_err();
        assert_eq!(err.0, 2);
    }

    #[test]
    fn a_derived_noun_is_not_its_verb() {
        let m = Morphology::parse(
            "stemmer\titalian\nderivation\tzione\tzione|zioni\nderivation\tmento\tmento|menti\n",
        )
        .unwrap();
        assert_ne!(m.key("cooperazione"), m.key("cooperare"));
        assert_eq!(m.key("cooperazione"), m.key("cooperazioni"));
        assert_ne!(m.key("dispiegamento"), m.key("dispiegato"));
        assert_eq!(m.key("dispiegato"), m.key("dispiegare"));
    }

    #[test]
    fn italian_strong_participles_find_their_verb() {
        let m = Morphology::parse(include_str!("../../../data/lang/it/morphology.tsv")).unwrap();
        for (form, verb) in [
            ("concluso", "concludere"),
            ("escluso", "escludere"),
            ("sconfitto", "sconfiggere"),
            ("eletto", "eleggere"),
            ("costretto", "costringere"),
            ("rimosso", "rimuovere"),
            ("vinse", "vincere"),
            ("deposto", "deporre"),
        ] {
            assert_eq!(m.key(form), m.key(verb), "{form}");
        }
    }

    #[test]
    fn short_words_are_their_own_key() {
        let m = Morphology::parse("stemmer\tfrench\n").unwrap();
        assert_eq!(m.key("tu"), "tu");
        assert_ne!(m.key("tue"), m.key("tuer"));
    }

    #[test]
    fn german_participles_lose_their_prefix() {
        let m = Morphology::parse(
            "participle\tge\t5\tt\nseparable\tan|zu|zurück\nending\ten\t3\nending\tt\t3\nending\tte\t3\n",
        )
        .unwrap();
        assert_eq!(m.key("gewarnt"), m.key("warnen"));
        assert_eq!(m.key("angekündigt"), m.key("ankündigen"));
        // a noun that begins with `ge` keeps it
        assert!(m.key("Gebiet").starts_with("geb"));
    }
}
