//! Sentences and tokens, in character offsets of the cleaned body.
//!
//! A sentence ends at a paragraph break or at `.`, `!`, `?` followed by
//! space and a capital, unless the word before the stop is an abbreviation
//! of some supported language (`sen.`, `Gen.`, `U.S.`, `Jan.`) or an
//! initial. Tokens are words, numbers and punctuation, each with its folded
//! form. This module knows no lexicon and no actor.

use crate::lang::Abbreviations;
use entente_model::fold;

/// A sentence of the cleaned body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Character offsets into the body.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Index of the paragraph the sentence belongs to.
    pub paragraph: usize,
}

/// A word, number or punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Character offsets into the body.
    pub start: usize,
    pub end: usize,
    /// The surface as written.
    pub surface: String,
    /// Lower-case, ASCII-folded form.
    pub norm: String,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    pub fn is_punct(&self, p: &str) -> bool {
        self.kind == TokenKind::Punct && self.norm == p
    }
    pub fn is_capitalised(&self) -> bool {
        self.surface.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Split a body into sentences.
pub fn sentences(body: &str, abbreviations: &Abbreviations) -> Vec<Sentence> {
    let chars: Vec<char> = body.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut paragraph = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize, paragraph: usize| {
        let (mut s, mut e) = (s, e);
        while s < e && chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if e > s {
            out.push(Sentence {
                start: s,
                end: e,
                text: chars[s..e].iter().collect(),
                paragraph,
            });
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            push(&mut out, start, i, paragraph);
            // a run of newlines is one paragraph break
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if chars[i..j].iter().filter(|&&c| c == '\n').count() >= 1 {
                paragraph += 1;
            }
            start = j;
            i = j;
            continue;
        }
        if matches!(c, '.' | '!' | '?') && is_boundary(&chars, i, abbreviations) {
            // keep closing quotes and brackets with the sentence
            let mut e = i + 1;
            while e < chars.len() && matches!(chars[e], '"' | '”' | '’' | '\'' | ')' | '»' | '.')
            {
                e += 1;
            }
            push(&mut out, start, e, paragraph);
            start = e;
            i = e;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, chars.len(), paragraph);
    out
}

fn is_boundary(chars: &[char], i: usize, abbreviations: &Abbreviations) -> bool {
    // what follows: optional closing quotes, then whitespace, then a sentence start
    let mut j = i + 1;
    while j < chars.len() && matches!(chars[j], '"' | '”' | '’' | '\'' | ')' | '»') {
        j += 1;
    }
    if j >= chars.len() {
        return true;
    }
    if !chars[j].is_whitespace() {
        return false;
    }
    while j < chars.len() && chars[j].is_whitespace() {
        if chars[j] == '\n' {
            return true;
        }
        j += 1;
    }
    if j >= chars.len() {
        return true;
    }
    let next = chars[j];
    let starts_sentence = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(
            next,
            '"' | '“' | '«' | '‘' | '\'' | '(' | '¿' | '¡' | '—' | '–' | '-'
        );
    if !starts_sentence {
        return false;
    }
    if chars[i] != '.' {
        return true;
    }
    // the word before the stop
    let mut k = i;
    while k > 0 && !chars[k - 1].is_whitespace() && !matches!(chars[k - 1], '(' | '"' | '“') {
        k -= 1;
    }
    let word: String = chars[k..=i].iter().collect();
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    // a German ordinal (`am 3. März`)
    let number = word.trim_end_matches('.');
    if !number.is_empty() && number.len() <= 2 && number.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    // an initial (`J.`) or dotted letters (`U.S.`, `U.S.A.`)
    if letters.len() == 1 && letters[0].is_uppercase() {
        return false;
    }
    if word.matches('.').count() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        // "U.S." ends a sentence only when a clearly new sentence follows;
        // we keep it inside (the common case in news text)
        return false;
    }
    // an elided article or preposition is no part of it (`dall'art. 5`)
    let word = word.rsplit(['\'', '’']).next().unwrap_or(&word);
    !abbreviations.contains(&fold(word.trim_end_matches('.')))
}

/// Articles and prepositions that elide before a vowel (`l'`, `dell'`,
/// `d'`, `qu'`): the apostrophe ends the word.
const ELIDED: &[&str] = &[
    "l", "dell", "nell", "all", "dall", "sull", "coll", "un", "quest", "quell", "d", "c", "j", "s",
    "n", "m", "t", "qu", "lorsqu", "jusqu", "puisqu", "presqu", "tutt", "sant", "buon",
];

/// The form the lexicons match a word by: lower case and ASCII-folded,
/// except that a word of at most three letters keeps its accents, which
/// tell function words apart (`à` is not `a`, `è` not `e`, `sí` not `si`).
pub fn norm_word(surface: &str) -> String {
    if !surface.is_ascii()
        && surface.chars().count() <= 3
        && surface.chars().all(char::is_alphabetic)
    {
        return surface.to_lowercase();
    }
    fold(surface)
}

/// Tokenise a span of the body (character offsets `start..end`).
pub fn tokens(body_chars: &[char], start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = start;
    let end = end.min(body_chars.len());
    while i < end {
        let c = body_chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            let mut has_alpha = false;
            while i < end {
                let ch = body_chars[i];
                if ch.is_alphanumeric() {
                    has_alpha |= ch.is_alphabetic();
                    i += 1;
                } else if matches!(ch, '-' | '.' | ',' | '\'' | '’')
                    && i + 1 < end
                    && body_chars[i + 1].is_alphanumeric()
                    && i > s
                {
                    // inner hyphen (Tae-yul), dotted abbreviation (U.S), decimal (4,000);
                    // an apostrophe splits elision (l'incontro) but not O'Brien
                    let prev = body_chars[i - 1];
                    let next = body_chars[i + 1];
                    match ch {
                        '\'' | '’' => {
                            let word_so_far: String = body_chars[s..i].iter().collect();
                            if ELIDED.contains(&fold(&word_so_far).as_str()) {
                                // elision: l', dell', un', d', qu' — split after the apostrophe
                                i += 1;
                                break;
                            }
                            if next.is_lowercase()
                                && next == 's'
                                && (i + 2 >= end || !body_chars[i + 2].is_alphanumeric())
                            {
                                // English possessive: stop before 's
                                break;
                            }
                            i += 1;
                        }
                        ',' => {
                            if prev.is_ascii_digit() && next.is_ascii_digit() {
                                i += 1;
                            } else {
                                break;
                            }
                        }
                        '.' => {
                            if (prev.is_ascii_digit() && next.is_ascii_digit())
                                || (prev.is_uppercase() && next.is_uppercase())
                            {
                                i += 1;
                            } else {
                                break;
                            }
                        }
                        _ => i += 1,
                    }
                } else {
                    break;
                }
            }
            // keep a trailing dot of a dotted abbreviation (U.S.)
            if i < end && body_chars[i] == '.' {
                let w: String = body_chars[s..i].iter().collect();
                if w.contains('.') && w.chars().all(|c| c.is_uppercase() || c == '.') {
                    i += 1;
                }
            }
            let surface: String = body_chars[s..i].iter().collect();
            let kind = if has_alpha {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            let mut norm = norm_word(&surface);
            norm.truncate(norm.trim_end_matches(['\'', '’']).len());
            out.push(Token {
                start: s,
                end: i,
                norm,
                surface,
                kind,
            });
        } else {
            // English possessive 's as its own token
            if matches!(c, '\'' | '’')
                && i + 1 < end
                && body_chars[i + 1] == 's'
                && (i + 2 >= end || !body_chars[i + 2].is_alphanumeric())
            {
                out.push(Token {
                    start: i,
                    end: i + 2,
                    surface: body_chars[i..i + 2].iter().collect(),
                    norm: "'s".into(),
                    kind: TokenKind::Word,
                });
                i += 2;
                continue;
            }
            let norm = match c {
                '“' | '”' | '«' | '»' | '„' => "\"".to_string(),
                '‘' | '’' => "'".to_string(),
                '–' | '—' => "-".to_string(),
                _ => c.to_string(),
            };
            out.push(Token {
                start: i,
                end: i + 1,
                surface: c.to_string(),
                norm,
                kind: TokenKind::Punct,
            });
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbr() -> Abbreviations {
        crate::lang::Abbreviations::from_words(["sen", "gen", "jan", "mr", "dott", "on"])
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let text = "Il sen. Rossi ha parlato dell'on. Bianchi. Antony J. Blinken met the U.S. envoy in Jan. 2024. Gen. Smith left.";
        let s: Vec<String> = sentences(text, &abbr())
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(
            s,
            vec![
                "Il sen. Rossi ha parlato dell'on. Bianchi.",
                "Antony J. Blinken met the U.S. envoy in Jan. 2024.",
                "Gen. Smith left."
            ]
        );
    }

    #[test]
    fn a_stop_after_a_closing_quote_ends_the_sentence() {
        let text = "Syria condemned the \"heinous attack\". Russia agreed. Am 3. März kam er.";
        let s: Vec<String> = sentences(text, &abbr())
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(
            s,
            vec![
                "Syria condemned the \"heinous attack\".",
                "Russia agreed.",
                "Am 3. März kam er."
            ]
        );
    }

    #[test]
    fn paragraphs_split_and_offsets_hold() {
        let text = "Primo paragrafo senza punto\n\nSecondo. Terzo!";
        let s = sentences(text, &abbr());
        assert_eq!(s.len(), 3);
        let chars: Vec<char> = text.chars().collect();
        for x in &s {
            let t: String = chars[x.start..x.end].iter().collect();
            assert_eq!(t, x.text);
        }
        assert_eq!(s[0].paragraph, 0);
        assert_eq!(s[2].paragraph, 1);
    }

    #[test]
    fn tokens_handle_elision_possessive_and_numbers() {
        let text =
            "L'incontro dell'alleanza: China's 4,000 troops and Cho Tae-yul in the U.S. today.";
        let chars: Vec<char> = text.chars().collect();
        let t: Vec<String> = tokens(&chars, 0, chars.len())
            .into_iter()
            .map(|t| t.norm)
            .collect();
        assert_eq!(
            t,
            vec![
                "l", "incontro", "dell", "alleanza", ":", "china", "'s", "4,000", "troops", "and",
                "cho", "tae-yul", "in", "the", "u.s.", "today", "."
            ]
        );
    }
}
