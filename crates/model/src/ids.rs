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
    fold_unicode(text)
}

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
