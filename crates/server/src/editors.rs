//! The analysts a server started with `--editors FILE` accepts corrections
//! from: one bearer token per named analyst, compared in constant time.
//!
//! The file has one analyst a line, `NAME TOKEN` (blank lines and lines
//! starting with `#` are skipped). A token is at least
//! [`MIN_TOKEN_CHARS`] characters without spaces; names and tokens are
//! unique.

use std::path::Path;

/// The shortest token accepted.
pub const MIN_TOKEN_CHARS: usize = 16;

/// The editors and their tokens.
#[derive(Clone)]
pub struct Editors {
    entries: Vec<(String, Vec<u8>)>,
}

impl std::fmt::Debug for Editors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // never the tokens
        let names: Vec<&str> = self.entries.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Editors").field("names", &names).finish()
    }
}

impl Editors {
    /// Read an editors file; refused with the line and what to fix.
    pub fn load(path: &Path) -> Result<Editors, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the editors file ({e})", path.display()))?;
        Editors::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parse the text of an editors file.
    pub fn parse(text: &str) -> Result<Editors, String> {
        let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut words = line.split_whitespace();
            let (Some(name), Some(token), None) = (words.next(), words.next(), words.next()) else {
                return Err(format!(
                    "line {}: write `NAME TOKEN`, one analyst a line",
                    n + 1
                ));
            };
            if token.chars().count() < MIN_TOKEN_CHARS {
                return Err(format!(
                    "line {}: the token of {name} is shorter than {MIN_TOKEN_CHARS} characters; use a long random one (e.g. `openssl rand -hex 24`)",
                    n + 1
                ));
            }
            if entries.iter().any(|(other, _)| other == name) {
                return Err(format!("line {}: {name} is listed twice", n + 1));
            }
            if entries.iter().any(|(_, t)| t == token.as_bytes()) {
                return Err(format!(
                    "line {}: two analysts share a token; give each their own",
                    n + 1
                ));
            }
            entries.push((name.to_string(), token.as_bytes().to_vec()));
        }
        if entries.is_empty() {
            return Err("no analysts in it; write `NAME TOKEN`, one a line".into());
        }
        Ok(Editors { entries })
    }

    /// The analyst whose token `given` is. Every token is compared in
    /// full, whatever matched, so the time taken does not tell how much of
    /// a token was right or which analyst's it was.
    pub fn analyst(&self, given: &str) -> Option<&str> {
        let given = given.as_bytes();
        let mut found = None;
        for (name, token) in &self.entries {
            if constant_time_eq(token, given) {
                found = Some(name.as_str());
            }
        }
        found
    }
}

/// Byte strings equal, in time that depends on their lengths only.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= usize::from(x ^ y);
    }
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_name_their_analyst() {
        let e = Editors::parse("# team\nana 0123456789abcdef01\nbob fedcba9876543210ff\n")
            .expect("valid");
        assert_eq!(e.analyst("0123456789abcdef01"), Some("ana"));
        assert_eq!(e.analyst("fedcba9876543210ff"), Some("bob"));
        assert_eq!(e.analyst("0123456789abcdef0"), None);
        assert_eq!(e.analyst("0123456789abcdef012"), None);
        assert_eq!(e.analyst(""), None);
        assert!(!format!("{e:?}").contains("0123"));
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(Editors::parse("").is_err());
        assert!(Editors::parse("ana short").is_err());
        assert!(Editors::parse("ana").is_err());
        assert!(Editors::parse("ana 0123456789abcdef01 extra").is_err());
        assert!(Editors::parse("ana 0123456789abcdef01\nana 0123456789abcdef02").is_err());
        assert!(Editors::parse("ana 0123456789abcdef01\nbob 0123456789abcdef01").is_err());
    }
}
