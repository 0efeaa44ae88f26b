//! Text views used by the matcher: the diacritic-folded, lower-case copy of
//! a text with its map back to character offsets, and word tokens.
//!
//! Owns no knowledge of names; it never allocates per match.

use entente_model::fold;

/// A folded copy of a text. `fold` can change lengths (`ß` → `ss`,
/// `Œ` → `oe`), so every byte of the folded copy remembers the character of
/// the original it came from.
pub(crate) struct Folded {
    pub s: String,
    /// For each byte of `s`, the index of the original character.
    pub orig: Vec<u32>,
    /// The original characters.
    pub chars: Vec<char>,
}

/// Fold one character the way `entente_model::fold` folds a text.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}') {
        out.push('\'');
    } else if matches!(c, '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}') {
        out.push('-');
    } else if let Some(f) = entente_model::fold_latin_char(c) {
        // accented Latin letters from the model's table (no allocation)
        out.push_str(if f.is_empty() { " " } else { f });
    } else {
        fold_rare(c, out);
    }
}

/// The general case of `fold_char`.
fn fold_rare(c: char, out: &mut String) {
    let mut buf = [0u8; 4];
    let f = fold(c.encode_utf8(&mut buf));
    if f.is_empty() {
        out.push(' ');
    } else {
        out.push_str(&f);
    }
}

/// Fold a whole pattern or text without keeping the map.
pub(crate) fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let chars: Vec<char> = text.chars().collect();
        let mut s = String::with_capacity(text.len() + 8);
        let mut orig = Vec::with_capacity(text.len() + 8);
        for (i, &c) in chars.iter().enumerate() {
            let before = s.len();
            fold_char(c, &mut s);
            orig.resize(s.len(), i as u32);
            debug_assert!(s.len() > before);
        }
        Folded { s, orig, chars }
    }

    /// Original character span of the folded byte span `[a, b)`.
    pub fn char_span(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        if a >= b || b > self.orig.len() {
            return None;
        }
        let start = *self.orig.get(a)? as usize;
        let end = *self.orig.get(b - 1)? as usize + 1;
        // A match must not start or end inside the expansion of one character.
        if a > 0 && self.orig.get(a - 1).copied() == Some(start as u32) {
            return None;
        }
        if self.orig.get(b).copied() == Some((end - 1) as u32) {
            return None;
        }
        Some((start, end))
    }

    /// True when the folded bytes around `[a, b)` are not letters or digits.
    pub fn at_word_bounds(&self, a: usize, b: usize, open_right: bool) -> bool {
        let bytes = self.s.as_bytes();
        let left_ok = a == 0 || !is_word_byte(bytes[a - 1]);
        // a form written with a closing hyphen (`US-`, `sino-`) stands only
        // before one: `US-amerikanisch`, `sino-russe`, never inside a word
        let right_ok = if open_right {
            bytes.get(b) == Some(&b'-')
        } else {
            b >= bytes.len() || !is_word_byte(bytes[b])
        };
        left_ok && right_ok
    }

    pub fn text(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.chars.len())..end.min(self.chars.len())]
            .iter()
            .collect()
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// A word of the original text, in characters.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub folded: String,
    /// First letter upper case.
    pub capitalised: bool,
    /// Every letter upper case (an acronym).
    pub all_caps: bool,
    /// First word of a sentence (or of a line).
    pub sentence_start: bool,
    /// Only spaces (no punctuation) separate it from the previous token.
    pub joined_to_prev: bool,
}

/// Split a text into words: letters and digits, with inner hyphens
/// (`Tae-yul`, `Kramp-Karrenbauer`) and inner apostrophes before a capital
/// (`O'Brien`, not `dell'Italia`).
pub(crate) fn tokens(chars: &[char]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let n = chars.len();
    let mut i = 0;
    let mut last_end = 0usize;
    while i < n {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while j < n {
            let c = chars[j];
            let inner_hyphen =
                (c == '-' || c == '\u{2011}') && j + 1 < n && chars[j + 1].is_alphanumeric();
            let inner_apostrophe = matches!(c, '\'' | '\u{2019}')
                && j + 1 < n
                && chars[j + 1].is_uppercase()
                && chars[start].is_uppercase()
                && j - start <= 2;
            if c.is_alphanumeric() || inner_hyphen || inner_apostrophe {
                j += 1;
            } else {
                break;
            }
        }
        let text: String = chars[start..j].iter().collect();
        let gap = &chars[last_end..start];
        let sentence_start = out.is_empty()
            || gap.iter().any(|c| {
                matches!(
                    c,
                    '.' | '!'
                        | '?'
                        | '\n'
                        | ':'
                        | ';'
                        | '"'
                        | '\u{201C}'
                        | '\u{201D}'
                        | '\u{AB}'
                        | '\u{BB}'
                        | '\u{2022}'
                        | '('
                        | '\u{2013}'
                        | '\u{2014}'
                )
            })
            // a spaced hyphen standing for a dash (`Berlin (dpa) - Die`)
            || (gap.first().is_some_and(|c| c.is_whitespace()) && gap.contains(&'-'));
        // An initial ("V. Kramnik", "George W. Bush", "J.H. Newman"): a
        // capital letter and its full stop do not end the sentence.
        let after_initial = out.last().is_some_and(|p: &Token| {
            p.text.chars().count() == 1 && p.capitalised && chars[start].is_uppercase()
        }) && matches!(gap, ['.'] | ['.', ' '])
            // Another initial, or a word longer than an article ("A. Il").
            && (j - start == 1 || j - start > 2);
        let sentence_start = sentence_start && !after_initial;
        let joined_to_prev =
            !out.is_empty() && (after_initial || gap.iter().all(|c| *c == ' ' || *c == '\u{a0}'));
        let mut letters = chars[start..j].iter().filter(|c| c.is_alphabetic());
        // Arabic names keep the article in lower case: "al-Tikriti".
        let capitalised = chars[start].is_uppercase() || arabic_article(&chars[start..j]);
        let all_caps = letters.clone().nth(1).is_some() && letters.all(|c| c.is_uppercase());
        out.push(Token {
            start,
            end: j,
            folded: fold_str(&text),
            text,
            capitalised,
            all_caps,
            sentence_start,
            joined_to_prev,
        });
        last_end = j;
        i = j;
    }
    out
}

/// A word opening with a lower-case Arabic article before a capital
/// (`al-Adli`, `el-Sisi`, `ash-Shara`).
fn arabic_article(word: &[char]) -> bool {
    let Some(h) = word.iter().position(|&c| c == '-') else {
        return false;
    };
    let article: String = word[..h].iter().collect();
    matches!(
        article.as_str(),
        "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "an"
    ) && word.get(h + 1).is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_the_map() {
        let f = Folded::new("Straße Élysée");
        assert_eq!(f.s, "strasse elysee");
        // "elysee" starts at folded byte 8, original char 7.
        assert_eq!(f.char_span(8, 14), Some((7, 13)));
    }

    #[test]
    fn tokens_keep_korean_names_and_split_elisions() {
        let t = tokens(
            &"dell'Italia e Cho Tae-yul, O'Brien"
                .chars()
                .collect::<Vec<_>>(),
        );
        let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["dell", "Italia", "e", "Cho", "Tae-yul", "O'Brien"]);
    }

    #[test]
    fn initials_and_arabic_articles_stay_in_the_name() {
        let t = tokens(
            &"Ieri V. Kramnik e Barzan al-Tikriti."
                .chars()
                .collect::<Vec<_>>(),
        );
        assert!(t[2].joined_to_prev && !t[2].sentence_start);
        assert!(t[5].capitalised && t[5].joined_to_prev);
    }
}

#[cfg(test)]
mod fold_tests {
    use super::*;

    #[test]
    fn the_latin_table_folds_as_the_general_path_does() {
        for u in 0x80u32..0x250 {
            let Some(c) = char::from_u32(u) else { continue };
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_char(c, &mut fast);
            if matches!(c, '\u{00B4}') {
                continue; // an apostrophe, folded before the table
            }
            fold_rare(c, &mut slow);
            assert_eq!(fast, slow, "U+{u:04X}");
        }
        let mut s = String::new();
        fold_char('É', &mut s);
        fold_char('ß', &mut s);
        assert_eq!(s, "ess");
    }
}
