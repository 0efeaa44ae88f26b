//! German, French and Spanish spellings of names the tables hold in their
//! English romanisation, for officials of states whose own script is
//! Cyrillic, Armenian or Georgian, or whose Latin spelling is young
//! (Azerbaijan, Central Asia): a German article writes `Sergej Lawrow` and
//! `Dscheihun Bairamow`, a French one `Djeïhoun Baïramov`, a Spanish one
//! `María Zajárova` for the tables' `Sergey Lavrov`, `Jeyhun Bayramov` and
//! `Maria Zakharova` (accents fold away in matching).
//! The rules are the press's usual ones, not a scholarly transliteration;
//! a spelling they miss goes into the table as a variant.

/// States whose officials' names are romanised differently by language.
pub(crate) const ROMANISED: &[&str] = &[
    "RUS", "UKR", "BLR", "KAZ", "KGZ", "TJK", "UZB", "TKM", "AZE", "ARM", "GEO", "MDA", "BGR",
    "MNG",
];

/// The German, French and Spanish spellings of an English-romanised name
/// (each different from it; none when the rules change nothing).
pub(crate) fn spellings(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for scheme in [&GERMAN, &FRENCH, &SPANISH] {
        let s = scheme.spell(name);
        if s != name && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Rewrite each word of `name` by `rule`, keeping its capital.
fn by_word(name: &str, rule: impl Fn(&str) -> String) -> String {
    name.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            let mut r = rule(&lower);
            if w.chars().next().is_some_and(char::is_uppercase)
                && let Some(first) = r.chars().next()
            {
                r = first.to_uppercase().chain(r.chars().skip(1)).collect();
            }
            r
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `y` between vowels or opening a syllable is a consonant (`ya`, `yu`);
/// after a vowel and before a consonant or at the end, part of a diphthong.
fn y_rule(w: &str, consonant: &str, diphthong: &str, last: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != 'y' {
            out.push(c);
            continue;
        }
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| chars[p]);
        match (prev, next) {
            (_, Some(n)) if is_vowel(n) => out.push_str(consonant),
            (Some(p), None) if is_vowel(p) => out.push_str(last),
            (Some(p), _) if is_vowel(p) => out.push_str(diphthong),
            _ => out.push('i'),
        }
    }
    out
}

/// One language's rules: replacements in order (the private-use
/// placeholders keep one rule's output from the next), `y` as consonant,
/// in a diphthong and at the end, then the placeholders' spellings.
struct Scheme {
    before: &'static [(&'static str, &'static str)],
    y: (&'static str, &'static str, &'static str),
    after: &'static [(&'static str, &'static str)],
}

impl Scheme {
    fn spell(&self, name: &str) -> String {
        by_word(name, |w| {
            let w = self
                .before
                .iter()
                .fold(w.to_string(), |w, (from, to)| w.replace(from, to));
            let (consonant, diphthong, last) = self.y;
            let w = y_rule(&w, consonant, diphthong, last);
            self.after
                .iter()
                .fold(w, |w, (from, to)| w.replace(from, to))
        })
    }
}

/// `Sergey Lavrov` → `Sergej Lawrow`, `Maria Zakharova` → `Maria
/// Sacharowa`, `Jeyhun Bayramov` → `Dscheihun Bairamow`, `Zohrab
/// Mnatsakanyan` → `Sohrab Mnazakanjan`.
const GERMAN: Scheme = Scheme {
    before: &[
        ("shch", "\u{1}"),
        ("ch", "\u{2}"),
        ("kh", "ch"),
        ("zh", "\u{3}"),
        ("sh", "\u{3}"),
        ("ts", "\u{4}"),
        ("z", "s"),
        ("j", "\u{5}"),
        ("v", "w"),
    ],
    y: ("j", "i", "j"),
    after: &[
        ("\u{1}", "schtsch"),
        ("\u{2}", "tsch"),
        ("\u{3}", "sch"),
        ("\u{4}", "z"),
        ("\u{5}", "dsch"),
    ],
};

/// `Jeyhun Bayramov` → `Djeihoun Bairamov`, `Sergei Shoigu` → `Sergei
/// Choigou` (the accents a French text puts on `ï` fold away).
const FRENCH: Scheme = Scheme {
    before: &[
        ("shch", "\u{1}"),
        ("ch", "\u{2}"),
        ("zh", "\u{3}"),
        ("sh", "\u{4}"),
        ("j", "\u{5}"),
        ("u", "ou"),
        ("oou", "ou"),
    ],
    y: ("i", "i", "i"),
    after: &[
        ("\u{1}", "chtch"),
        ("\u{2}", "tch"),
        ("\u{3}", "j"),
        ("\u{4}", "ch"),
        ("\u{5}", "dj"),
    ],
};

/// `Maria Zakharova` → `Maria Zajarova`, `Sergey Lavrov` → `Sergei Lavrov`.
const SPANISH: Scheme = Scheme {
    before: &[("kh", "j"), ("zh", "\u{1}")],
    y: ("y", "i", "i"),
    after: &[("\u{1}", "zh")],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_press_spellings_of_romanised_names() {
        assert_eq!(GERMAN.spell("Sergey Lavrov"), "Sergej Lawrow");
        assert_eq!(GERMAN.spell("Maria Zakharova"), "Maria Sacharowa");
        assert_eq!(GERMAN.spell("Jeyhun Bayramov"), "Dscheihun Bairamow");
        assert_eq!(GERMAN.spell("Zohrab Mnatsakanyan"), "Sohrab Mnazakanjan");
        assert_eq!(GERMAN.spell("Dmitry Peskov"), "Dmitri Peskow");
        assert_eq!(FRENCH.spell("Jeyhun Bayramov"), "Djeihoun Bairamov");
        assert_eq!(FRENCH.spell("Sergei Shoigu"), "Sergei Choigou");
        assert_eq!(SPANISH.spell("Maria Zakharova"), "Maria Zajarova");
        assert_eq!(SPANISH.spell("Sergey Lavrov"), "Sergei Lavrov");
        assert!(spellings("Ilham Aliyev").contains(&"Ilham Alijew".to_string()));
    }
}
