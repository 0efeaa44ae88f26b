//! Identifier rules: ASCII folding, slugs, stable content hashes.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// Lower-case, diacritic-free, ASCII form of a text (`Giovedì` → `giovedi`).
/// Characters with no ASCII form are transliterated by `deunicode`.
pub fn fold(text: &str) -> String {
    // printable ASCII and its control characters have no decompositions, no
    // combining marks and nothing for deunicode to replace (it drops only
    // DEL): folding them is lower-casing them
    if text.bytes().all(|b| b < 0x7f) {
        return text.to_ascii_lowercase();
    }
    // Latin letters with accents (European news): fold each through a
    // table. Without combining marks (which lie above U+024F) or DEL,
    // folding such a text is folding each of its characters in turn.
    if text
        .chars()
        .all(|c| c != '\u{7f}' && (c as u32) < LATIN_END)
    {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.push_str(&LATIN[c as usize - 0x80]);
            }
        }
        return out;
    }
    fold_unicode(text)
}

/// `fold` of one accented Latin letter (U+0080 to U+024F but DEL), from a
/// table computed once; `None` for any other character.
pub fn fold_latin_char(c: char) -> Option<&'static str> {
    let u = c as u32;
    (u != 0x7f && (0x80..LATIN_END).contains(&u)).then(|| LATIN[u as usize - 0x80].as_str())
}

/// One past the last character `fold` takes from its table.
const LATIN_END: u32 = 0x250;

/// `fold_unicode` of each character from U+0080 to U+024F.
static LATIN: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    (0x80..LATIN_END)
        .map(|u| {
            char::from_u32(u).map_or(String::new(), |c| fold_unicode(c.encode_utf8(&mut [0; 4])))
        })
        .collect()
});

fn fold_unicode(text: &str) -> String {
    let stripped: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    deunicode::deunicode(&stripped).to_lowercase()
}

/// SPEC's identifier folding: lower case, ASCII, words joined by `-`.
pub fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// The first 16 hex digits of the SHA-256 of the parts joined by NUL.
pub fn stable_hash_hex(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0u8]);
        }
        h.update(p.as_bytes());
    }
    let digest = h.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// A document's identifier: a hash of its normalised text, so the same
/// article arriving twice (from any file) gets the same id.
pub fn document_id(normalised_text: &str) -> String {
    format!("doc-{}", stable_hash_hex(&[normalised_text]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_spec() {
        assert_eq!(slug("Takeshi Iwaya"), "takeshi-iwaya");
        assert_eq!(slug("Cho Tae-yul"), "cho-tae-yul");
        assert_eq!(slug("  Kyodo News "), "kyodo-news");
        assert_eq!(slug("José Manuel Albares"), "jose-manuel-albares");
        assert_eq!(slug("Lloyd J. Austin III"), "lloyd-j-austin-iii");
    }

    #[test]
    fn ascii_fast_path_folds_like_the_full_path() {
        let all: String = (0u8..128).map(char::from).collect();
        assert_eq!(fold(&all), fold_unicode(&all));
        for b in 0u8..128 {
            let one = char::from(b).to_string();
            assert_eq!(fold(&one), fold_unicode(&one), "byte {b}");
        }
    }

    #[test]
    fn latin_table_folds_like_the_full_path() {
        let latin: Vec<char> = (0x20u32..LATIN_END)
            .filter(|&u| u != 0x7f)
            .filter_map(char::from_u32)
            .collect();
        // every character alone, and many mixed strings of them
        for &c in &latin {
            let one = c.to_string();
            assert_eq!(fold(&one), fold_unicode(&one), "U+{:04X}", c as u32);
        }
        let mut x: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..5000 {
            let len = (x % 12) as usize + 1;
            let mut text = String::new();
            for _ in 0..len {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                text.push(latin[(x % latin.len() as u64) as usize]);
            }
            assert_eq!(fold(&text), fold_unicode(&text), "{text:?}");
        }
        assert_eq!(fold("Giovedì"), "giovedi");
    }

    #[test]
    fn fold_strips_diacritics() {
        assert_eq!(fold("Giovedì Élysée Türkiye"), "giovedi elysee turkiye");
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(stable_hash_hex(&["a"]), stable_hash_hex(&["a"]));
        assert_ne!(stable_hash_hex(&["a", "b"]), stable_hash_hex(&["ab"]));
        assert_eq!(document_id("x").len(), 20);
    }
}
