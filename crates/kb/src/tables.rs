//! Reading the knowledge-base tables (`data/kb/*.tsv`, `data/lang/*/roles.tsv`).
//!
//! Owns the file formats and their validation; every error names the file
//! and the line. Knows nothing about matching.

use crate::KbError;
use entente_model::PartialDate;

/// How the case of a form must match the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaseRule {
    /// Any case (`giapponese`, `Giapponese`).
    Any,
    /// The text's first letter must be upper case (`Turkey`, not `turkey`).
    Initial,
    /// Exactly as written (`US`, `UE`).
    Exact,
}

/// One written form of a state, organisation or place.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    pub text: String,
    pub case: CaseRule,
    pub ambiguous: bool,
}

/// Parse `=US`, `^Polish`, `?Georgia`, `giapponese`.
pub(crate) fn parse_form(raw: &str) -> Option<Form> {
    let mut s = raw.trim();
    let mut case = None;
    let mut ambiguous = false;
    loop {
        if let Some(r) = s.strip_prefix('=') {
            case = Some(CaseRule::Exact);
            s = r;
        } else if let Some(r) = s.strip_prefix('^') {
            case = Some(CaseRule::Initial);
            s = r;
        } else if let Some(r) = s.strip_prefix('?') {
            ambiguous = true;
            s = r;
        } else {
            break;
        }
    }
    if s.is_empty() {
        return None;
    }
    let case = case.unwrap_or_else(|| {
        if s.chars().next().is_some_and(char::is_uppercase) {
            CaseRule::Initial
        } else {
            CaseRule::Any
        }
    });
    Some(Form {
        text: s.to_string(),
        case,
        ambiguous,
    })
}

/// A row of states.tsv / organisations.tsv / places.tsv.
#[derive(Debug, Clone)]
pub(crate) struct NameRow {
    pub code: String,
    pub kind: String,
    pub lang: String,
    pub forms: Vec<Form>,
    pub canonical: Option<String>,
    /// For a `coded` row: the state and sector an armed group or movement
    /// is coded as (`org:hamas coded PSE|REB`), as PLOVER codes them.
    pub coded: Option<(String, String)>,
    /// For a `members` row: the states a grouping of states stands for
    /// (`E3 members DEU|FRA|GBR`).
    pub members: Vec<String>,
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn parse_err(file: &str, line: usize, reason: impl Into<String>) -> KbError {
    KbError::Parse {
        file: file.to_string(),
        line,
        reason: reason.into(),
    }
}

pub(crate) fn parse_names(file: &str, text: &str, kinds: &[&str]) -> Result<Vec<NameRow>, KbError> {
    let mut rows = Vec::new();
    for (n, line) in data_lines(text) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            return Err(parse_err(
                file,
                n,
                format!("expected 4 tab-separated columns, found {}", cols.len()),
            ));
        }
        let kind = cols[1].trim();
        if kind != "canonical" && !kinds.contains(&kind) {
            return Err(parse_err(
                file,
                n,
                format!("unknown kind {kind:?} (expected canonical or one of {kinds:?})"),
            ));
        }
        let code = cols[0].trim().to_string();
        if code.is_empty() {
            return Err(parse_err(file, n, "empty code"));
        }
        let mut row = NameRow {
            code,
            kind: kind.to_string(),
            lang: cols[2].trim().to_string(),
            forms: Vec::new(),
            canonical: None,
            coded: None,
            members: Vec::new(),
        };
        match kind {
            "canonical" => row.canonical = Some(cols[3].trim().to_string()),
            "members" => {
                row.members = cols[3]
                    .split('|')
                    .map(|m| m.trim().to_string())
                    .filter(|m| !m.is_empty())
                    .collect();
                if row.members.len() < 2 {
                    return Err(parse_err(
                        file,
                        n,
                        "a members row lists two states or more (DEU|FRA|GBR)",
                    ));
                }
            }
            "coded" => {
                let parts: Vec<&str> = cols[3].split('|').map(str::trim).collect();
                let [state, sector] = parts[..] else {
                    return Err(parse_err(file, n, "a coded row is STATE|SECTOR (PSE|REB)"));
                };
                row.coded = Some((state.to_string(), sector.to_string()));
            }
            _ => {
                row.forms = cols[3].split('|').filter_map(parse_form).collect();
                let declined: Vec<Form> = row
                    .forms
                    .iter()
                    .flat_map(|f| {
                        german_declensions(&f.text)
                            .into_iter()
                            .map(|text| Form { text, ..f.clone() })
                    })
                    .filter(|d| !row.forms.iter().any(|f| f.text == d.text))
                    .collect();
                row.forms.extend(declined);
                if row.forms.is_empty() {
                    return Err(parse_err(file, n, "no forms"));
                }
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The oblique forms of a German name whose adjective is declined
/// (`Europäische Union` → `Europäischen Union`, `Internationaler
/// Strafgerichtshof` → `Internationalen Strafgerichtshof(e)s`): every
/// `-isch` or `international` adjective before a capitalised word takes
/// `-en`; after a masculine or neuter ending (`-er`, `-es`) the last noun
/// also takes its genitive `-s` and `-es`, and the adjective its weak
/// nominative `-e` (`der Europäische Rat`). Written once, a name is found
/// after `der`, `des`, `dem` as after its nominative.
pub(crate) fn german_declensions(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 {
        return vec![];
    }
    let mut declined: Vec<String> = Vec::with_capacity(words.len());
    let mut weak: Vec<String> = Vec::with_capacity(words.len());
    let mut changed = false;
    let mut strong = false;
    for (i, w) in words.iter().enumerate() {
        let next_capital = words
            .get(i + 1)
            .is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase));
        let adjective = w.chars().next().is_some_and(char::is_uppercase) && next_capital;
        let stem_ending = ["e", "er", "es"].iter().find_map(|e| {
            let stem = w.strip_suffix(e)?;
            (stem.ends_with("isch") || stem.to_lowercase().ends_with("national"))
                .then_some((stem, *e))
        });
        match stem_ending.filter(|_| adjective) {
            Some((stem, ending)) => {
                declined.push(format!("{stem}en"));
                weak.push(format!("{stem}e"));
                changed = true;
                strong |= ending != "e";
            }
            None => {
                declined.push((*w).to_string());
                weak.push((*w).to_string());
            }
        }
    }
    if !changed {
        return vec![];
    }
    let base = declined.join(" ");
    let mut out = vec![base.clone()];
    if strong {
        out.push(format!("{base}s"));
        out.push(format!("{base}es"));
        // the nominative after `der`, `das`: `der Europäische Rat`
        out.push(weak.join(" "));
    }
    out
}

/// One term of office.
#[derive(Debug, Clone)]
pub(crate) struct TermRow {
    pub name: String,
    pub short: String,
    pub variants: Vec<String>,
    pub role: String,
    pub affiliation: String,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

pub(crate) fn parse_officials(file: &str, text: &str) -> Result<Vec<TermRow>, KbError> {
    let mut rows = Vec::new();
    for (n, line) in data_lines(text) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 7 {
            return Err(parse_err(
                file,
                n,
                format!("expected 8 tab-separated columns, found {}", cols.len()),
            ));
        }
        let date = |s: &str, what: &str| -> Result<Option<PartialDate>, KbError> {
            let s = s.trim();
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse()
                    .map(Some)
                    .map_err(|e| parse_err(file, n, format!("{what}: {e}")))
            }
        };
        let name = cols[0].trim().to_string();
        if name.is_empty() || cols[3].trim().is_empty() || cols[4].trim().is_empty() {
            return Err(parse_err(
                file,
                n,
                "name, role and affiliation are required",
            ));
        }
        rows.push(TermRow {
            name,
            short: cols[1].trim().to_string(),
            variants: cols[2]
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            role: cols[3].trim().to_string(),
            affiliation: cols[4].trim().to_string(),
            start: date(cols[5], "start")?,
            end: date(cols[6], "end")?,
        });
    }
    Ok(rows)
}

/// A row of a per-language cue table.
#[derive(Debug, Clone)]
pub(crate) struct CueRow {
    pub kind: String,
    pub phrase: String,
    pub role: Option<String>,
    pub sector: Option<String>,
}

pub(crate) const CUE_KINDS: [&str; 16] = [
    "title",
    "eponym",
    "body",
    "pair",
    "trio",
    "group",
    "orgpre",
    "orgsuf",
    "apposition",
    "byline",
    "notname",
    "namednoun",
    "pactnoun",
    "allies",
    "dateword",
    "grammar",
];

pub(crate) fn parse_cues(file: &str, text: &str) -> Result<Vec<CueRow>, KbError> {
    let mut rows = Vec::new();
    for (n, line) in data_lines(text) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            return Err(parse_err(
                file,
                n,
                format!("expected 4 tab-separated columns, found {}", cols.len()),
            ));
        }
        let kind = cols[0].trim();
        if !CUE_KINDS.contains(&kind) {
            return Err(parse_err(file, n, format!("unknown cue kind {kind:?}")));
        }
        let opt = |s: &str| {
            let s = s.trim();
            (!s.is_empty() && s != "-").then(|| s.to_string())
        };
        rows.push(CueRow {
            kind: kind.to_string(),
            phrase: cols[1].trim().to_string(),
            role: opt(cols[2]),
            sector: opt(cols[3]),
        });
    }
    Ok(rows)
}

/// One word per line (given names).
pub(crate) fn parse_words(text: &str) -> Vec<String> {
    data_lines(text)
        .map(|(_, l)| l.trim().to_string())
        .collect()
}

/// A row of context.tsv.
#[derive(Debug, Clone)]
pub(crate) struct ContextRow {
    pub form: String,
    pub window: usize,
    pub words: Vec<String>,
}

pub(crate) fn parse_contexts(file: &str, text: &str) -> Result<Vec<ContextRow>, KbError> {
    let mut rows = Vec::new();
    for (n, line) in data_lines(text) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 3 {
            return Err(parse_err(file, n, "expected 3 tab-separated columns"));
        }
        let window = cols[1]
            .trim()
            .parse()
            .map_err(|_| parse_err(file, n, "window is not a number"))?;
        rows.push(ContextRow {
            form: crate::text::fold_str(cols[0].trim()),
            window,
            words: cols[2]
                .split('|')
                .map(|w| crate::text::fold_str(w.trim()))
                .collect(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::german_declensions;

    #[test]
    fn german_adjectives_in_names_decline() {
        assert_eq!(
            german_declensions("Afrikanische Union"),
            vec!["Afrikanischen Union"]
        );
        assert_eq!(
            german_declensions("Internationaler Strafgerichtshof"),
            vec![
                "Internationalen Strafgerichtshof",
                "Internationalen Strafgerichtshofs",
                "Internationalen Strafgerichtshofes",
                "Internationale Strafgerichtshof"
            ]
        );
        assert_eq!(
            german_declensions("Demokratische Republik Kongo"),
            vec!["Demokratischen Republik Kongo"]
        );
        // nothing German to decline: no new forms
        assert!(german_declensions("African Union").is_empty());
        assert!(german_declensions("Unione europea").is_empty());
        assert!(german_declensions("Europäische").is_empty());
    }
}
