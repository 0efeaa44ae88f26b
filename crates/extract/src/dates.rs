//! Dates: explicit and relative date expressions in a sentence, resolved
//! against the publication date as SPEC section 3 says (`giovedì` → the
//! latest Thursday on or before publication; `last month` → the previous
//! month; `a dicembre` → the latest December). Each resolution carries a
//! `why` line. No date is ever guessed beyond the precision the text gives.

use crate::lang::{Cue, LanguagePack, Relative, Words};
use crate::text::{Token, TokenKind};
use entente_model::PartialDate;
use jiff::civil::Date;

/// A date expression found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct DateExpr {
    /// Token span in the sentence.
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
    pub why: String,
    /// Introduced by `since` / `da quando`: background.
    pub since: bool,
    /// Introduced by `by` / `entro`: a deadline, not when something happened.
    pub deadline: bool,
    /// The weekday (Monday = 1) when the expression is a bare weekday, so an
    /// announced event can take the next such day instead.
    pub weekday: Option<u8>,
    /// The year was not written (`on 1 January`, `a dicembre`) and was taken
    /// as the latest on or before publication; an announced event takes the
    /// next one instead.
    pub year_inferred: bool,
    /// For a range of days dated to its month (`dal 20 al 22 marzo`): the
    /// day it ends, which still tells what day an article was written.
    pub last_day: Option<PartialDate>,
}

impl DateExpr {
    /// For an event announced for the future: a bare weekday is the next
    /// such day on or after publication (`il rencontrera mardi`).
    pub fn forward(&self, published: Option<PartialDate>) -> Option<(PartialDate, String)> {
        if self.year_inferred {
            return self.next_year(published?);
        }
        let wd = self.weekday?;
        let p = published.and_then(civil)?;
        let ahead = (wd as i64 - p.weekday().to_monday_one_offset() as i64).rem_euclid(7);
        let d = partial(p.checked_add(jiff::Span::new().days(ahead)).ok()?);
        Some((
            d,
            format!(
                "weekday of an announced event → next such day on or after {} = {d}",
                published?
            ),
        ))
    }

    /// A day or month without its year, before publication: for an announced
    /// event the next one (`will deploy from 1 January`, written in December).
    fn next_year(&self, p: PartialDate) -> Option<(PartialDate, String)> {
        let d = self.date;
        let m = d.month?;
        let earlier = match (d.day, p.month, p.day) {
            (Some(day), Some(pm), Some(pd)) => (d.year, m, day) < (p.year, pm, pd),
            (None, Some(pm), _) | (Some(_), Some(pm), None) => (d.year, m) < (p.year, pm),
            _ => false,
        };
        if !earlier {
            return None;
        }
        let next = match d.day {
            Some(day) => PartialDate::checked_day(d.year + 1, m, day)?,
            None => PartialDate::month(d.year + 1, m),
        };
        Some((
            next,
            format!("no year written, an announced event → the next one after {p} = {next}"),
        ))
    }
}

fn civil(d: PartialDate) -> Option<Date> {
    Date::new(d.year, d.month? as i8, d.day? as i8).ok()
}

fn partial(d: Date) -> PartialDate {
    PartialDate::day(d.year(), d.month() as u8, d.day() as u8)
}

fn number(t: &Token) -> Option<u32> {
    let digits: String = t.norm.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = &t.norm[digits.len()..];
    if !rest.is_empty()
        && !matches!(
            rest,
            "st" | "nd" | "rd" | "th" | "o" | "er" | "re" | "eme" | "e"
        )
    {
        return None;
    }
    digits.parse().ok()
}

fn day_of(t: &Token) -> Option<u8> {
    number(t).filter(|d| (1..=31).contains(d)).map(|d| d as u8)
}

fn year_of(t: &Token) -> Option<i16> {
    if t.kind != TokenKind::Number || t.norm.len() != 4 {
        return None;
    }
    t.norm
        .parse::<i16>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
}

/// Find and resolve the date expressions of one sentence.
///
/// `published` anchors relative expressions; `previous` (the date of the
/// article's previous dated event) anchors `the next day`.
pub fn find_dates(
    tokens: &[Token],
    words: &Words,
    pack: &LanguagePack,
    published: Option<PartialDate>,
    previous: Option<PartialDate>,
) -> Vec<DateExpr> {
    let mut out: Vec<DateExpr> = Vec::new();
    let pub_day = published.and_then(civil);
    // (a day the sentence names anchors its own `the same day`, `the next
    // day`: `On 25 January Germany cleared its tanks and, the same day, …`)
    let mut previous = previous;
    let mut i = 0;
    while i < tokens.len() {
        let explicit = explicit_at(tokens, words, pack, i, published);
        if let Some(d) = explicit.as_ref().map(|e| e.1).filter(|d| d.day.is_some()) {
            previous = Some(d);
        }
        if let Some((end, date, why, year_inferred)) = explicit.or_else(|| {
            relative_at(words, pack, i, published, pub_day, previous)
                .map(|(e, d, w)| (e, d, w, false))
        }) {
            // `dal 20 al 22 marzo`, `du 20 au 22 mars`, `from 20 to 22
            // March`, `vom 20. bis 22. März`: a range of days is dated to its
            // month (as the gold format dates what straddles days), and is
            // no `since` nor deadline
            let range_start = date.day.and_then(|last| {
                let connective = i.checked_sub(1)?;
                let c = &tokens[connective];
                if !(c.norm == "-" || (c.kind == TokenKind::Word && c.norm.chars().count() <= 4)) {
                    return None;
                }
                let mut n = connective.checked_sub(1)?;
                if tokens[n].norm == "." {
                    n = n.checked_sub(1)?;
                }
                let first: u8 = tokens[n].norm.parse().ok()?;
                (1..last).contains(&first).then_some(n)
            });
            let last_day = range_start.map(|_| date);
            let (start, date, why) = match range_start {
                Some(n) => {
                    let range = PartialDate { day: None, ..date };
                    let why = format!(
                        "{why}; it ends a range of days that opens on the {}: the month, {range}",
                        tokens[n].norm
                    );
                    (n, range, why)
                }
                None => (i, date, why),
            };
            let since = range_start.is_none()
                && (i.saturating_sub(12)..i).any(|k| {
                    // `since 2022`, or inside a clause opened by `da quando` / `since`
                    // (not past a coordinator that opens another act: `è in
                    // guerra dal 2022 e il 24 febbraio ha attaccato`)
                    pack.cue_at(Cue::Since, words, k).is_some_and(|e| {
                        // (a word that also means `from`, before a name,
                        // is a place's preposition: `ritirato le truppe
                        // dalla Libia il 5 dicembre`)
                        let from_a_place = e < i
                            && pack.cue_at(Cue::From, words, k) == Some(e)
                            && tokens[e].is_capitalised()
                            && !pack.dates.months.contains_key(words[e]);
                        e <= i
                            && !from_a_place
                            && !tokens[k..i].iter().any(|t| t.kind == TokenKind::Punct)
                            && !(e..i).any(|x| pack.cue_at(Cue::And, words, x) == Some(x + 1))
                    })
                });
            let deadline = range_start.is_none()
                && (i.saturating_sub(3)..i).any(|k| {
                    pack.dates
                        .deadline
                        .iter()
                        .any(|p| p.match_at(words, k).is_some_and(|e| e + 1 >= i && e <= i))
                });
            let weekday = (end == i + 1)
                .then(|| pack.dates.weekdays.get(words[i]).copied())
                .flatten();
            // (a weekday the sentence names anchors them too: `Mercoledì la
            // Germania … e, lo stesso giorno, gli Stati Uniti …`)
            if weekday.is_some() && date.day.is_some() && !since && !deadline {
                previous = Some(date);
            }
            out.push(DateExpr {
                start,
                end,
                date,
                why,
                since,
                deadline,
                weekday,
                year_inferred,
                last_day,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn explicit_at(
    tokens: &[Token],
    words: &Words,
    pack: &LanguagePack,
    i: usize,
    published: Option<PartialDate>,
) -> Option<(usize, PartialDate, String, bool)> {
    let t = &tokens[i];
    let month_at = |k: usize| -> Option<u8> {
        let w = words.get(k)?;
        let m = *pack.dates.months.get(*w)?;
        // English "may" is a month only when written with a capital
        if *w == "may" && !tokens[k].is_capitalised() {
            return None;
        }
        Some(m)
    };
    let year_at = |k: usize| tokens.get(k).and_then(year_of);
    // ISO 2024-11-14
    if t.kind == TokenKind::Number
        && t.norm.len() == 10
        && let Ok(d) = t.norm.parse::<PartialDate>()
    {
        return Some((i + 1, d, format!("'{}' → {d}", t.surface), false));
    }
    // 14 novembre [2024] / 1° ottobre / 7 janvier
    if let Some(day) = day_of(t) {
        let mut k = i + 1;
        // `1° ottobre`, `3. März`, `3 de marzo`
        if tokens
            .get(k)
            .is_some_and(|x| x.is_punct("°") || x.is_punct("º") || x.is_punct("."))
        {
            k += 1;
        }
        if words.get(k).is_some_and(|w| pack.is_cue(Cue::Of, w)) && month_at(k + 1).is_some() {
            k += 1;
        }
        if let Some(m) = month_at(k) {
            // `marzo de 2021`
            let y_at = if words.get(k + 1).is_some_and(|w| pack.is_cue(Cue::Of, w))
                && year_at(k + 2).is_some()
            {
                k + 2
            } else {
                k + 1
            };
            // (`el próximo 1 de enero`, `le 1er janvier prochain`: the coming one)
            let next = |w: Option<&&str>| w.is_some_and(|w| pack.dates.next_weekday.contains(*w));
            let coming =
                next(i.checked_sub(1).and_then(|p| words.get(p))) || next(words.get(k + 1));
            let (end, year, how) = match year_at(y_at) {
                Some(y) => (y_at + 1, Some(y), "explicit"),
                None if coming => (
                    k + 1 + usize::from(next(words.get(k + 1))),
                    latest_year_for(published, m, Some(day)).map(|y| {
                        let past = published.is_some_and(|p| PartialDate::day(y, m, day) <= p);
                        if past { y + 1 } else { y }
                    }),
                    "no year, said to be coming: the first after publication",
                ),
                None => (
                    k + 1,
                    latest_year_for(published, m, Some(day)),
                    "no year: the latest on or before publication, or one within two weeks after",
                ),
            };
            let surface = span_text(tokens, i, end);
            return year.map(|y| {
                (
                    end,
                    PartialDate::day(y, m, day),
                    format!("'{surface}' → {} ({how})", PartialDate::day(y, m, day)),
                    how != "explicit",
                )
            });
        }
    }
    // November 14[,] [2024] / Jan 7 / November 2024 / a dicembre
    if let Some(m) = month_at(i) {
        let mut k = i + 1;
        if tokens.get(k).is_some_and(|x| x.is_punct(".")) {
            k += 1;
        }
        if let Some(day) = tokens
            .get(k)
            .and_then(day_of)
            .filter(|_| year_at(k).is_none())
        {
            let mut e = k + 1;
            if tokens.get(e).is_some_and(|x| x.is_punct(",")) && year_at(e + 1).is_some() {
                e += 1;
            }
            let (end, year, how) = match year_at(e) {
                Some(y) => (e + 1, Some(y), "explicit"),
                None => (
                    e,
                    latest_year_for(published, m, Some(day)),
                    "no year: the latest on or before publication, or one within two weeks after",
                ),
            };
            let surface = span_text(tokens, i, end);
            return year.map(|y| {
                (
                    end,
                    PartialDate::day(y, m, day),
                    format!("'{surface}' → {} ({how})", PartialDate::day(y, m, day)),
                    how != "explicit",
                )
            });
        }
        // `marzo de 2021`
        if words.get(k).is_some_and(|w| pack.is_cue(Cue::Of, w)) && year_at(k + 1).is_some() {
            k += 1;
        }
        if let Some(y) = year_at(k) {
            let d = PartialDate::month(y, m);
            return Some((
                k + 1,
                d,
                format!("'{}' → {d}", span_text(tokens, i, k + 1)),
                false,
            ));
        }
        if pack.dates.full_months.contains(words[i]) {
            let y = latest_year_for(published, m, None)?;
            let d = PartialDate::month(y, m);
            return Some((
                i + 1,
                d,
                format!(
                    "'{}' → {d} (latest {} on or before publication)",
                    t.surface, t.surface
                ),
                true,
            ));
        }
    }
    // nel 2022 / in 2022 / dal 2021
    if let Some(y) = year_of(t) {
        let prev = i.checked_sub(1).map(|k| words[k]);
        // a year after `for` (`Asean chair for 2025`, `presidente di turno
        // per il 2025`) names the term a thing is for, not a date
        let for_term = prev.is_some_and(|p| pack.is_cue(Cue::Aim, p))
            || (prev.is_some_and(|p| pack.is_article(p))
                && i.checked_sub(2)
                    .is_some_and(|k| pack.is_cue(Cue::Aim, words[k])));
        if for_term {
            return None;
        }
        let introduced = prev.is_some_and(|p| {
            pack.is_cue(Cue::LocationPrep, p)
                || pack.is_cue(Cue::Since, p)
                || pack.is_cue(Cue::Of, p)
                || pack
                    .dates
                    .deadline
                    .iter()
                    .any(|d| d.match_at(&Words::folded(&[p], &pack.morphology), 0) == Some(1))
                || matches!(p, "il" | "le" | "el" | "the" | "l")
        }) || i.checked_sub(1).is_some_and(|k| {
            // (`l'été 2020`, `nell'estate 2020`: after an elided article)
            let w = tokens[k].norm.rsplit(['\'', '’']).next().unwrap_or("");
            pack.dates.year_intro.contains(w)
        });
        // a bare year (`Polen wies 2022 Diplomaten aus`, `2019 unterzeichnete
        // Russland`): not a round number, which is as often a quantity
        // (`2000 Soldaten`), nor one a capitalised noun follows in a
        // language that capitalises nouns, nor one beside another number
        // (nor a year after publication: `werde 2029 … ausgeben` names a
        // target, not when the act happened)
        let bare = y % 10 != 0
            && published.is_none_or(|p| y <= p.year)
            && !prev.is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
            && tokens.get(i + 1).is_none_or(|n| {
                let quantity = n.kind == TokenKind::Number || n.is_punct("-") || n.is_punct("%");
                let noun = pack.nouns_capitalised() && n.is_capitalised();
                !(quantity || noun)
            });
        if introduced || bare {
            let d = PartialDate::year(y);
            return Some((
                i + 1,
                d,
                format!(
                    "'{}' → {d}",
                    span_text(
                        tokens,
                        if introduced { i.saturating_sub(1) } else { i },
                        i + 1
                    )
                ),
                false,
            ));
        }
    }
    None
}

fn relative_at(
    words: &Words,
    pack: &LanguagePack,
    i: usize,
    published: Option<PartialDate>,
    pub_day: Option<Date>,
    previous: Option<PartialDate>,
) -> Option<(usize, PartialDate, String)> {
    // weekdays: the latest such day on or before publication; with `next`
    // beside it (`next Monday`, `am kommenden Montag`, `lundi prochain`), the
    // first such day after publication
    if let Some(&wd) = pack.dates.weekdays.get(words[i]) {
        let p = pub_day?;
        let next = |k: usize| {
            words
                .get(k)
                .is_some_and(|w| pack.dates.next_weekday.contains(*w))
        };
        let after = next(i + 1);
        if after || (i > 0 && next(i - 1)) {
            let ahead =
                (wd as i64 - p.weekday().to_monday_one_offset() as i64 - 1).rem_euclid(7) + 1;
            let d = p.checked_add(jiff::Span::new().days(ahead)).ok()?;
            let date = partial(d);
            return Some((
                i + 1 + usize::from(after),
                date,
                format!(
                    "'{}' → the next such weekday after {} = {date}",
                    words[i.saturating_sub(usize::from(!after))..i + 1 + usize::from(after)]
                        .join(" "),
                    published?
                ),
            ));
        }
        let back = (p.weekday().to_monday_one_offset() as i64 - wd as i64).rem_euclid(7);
        let d = p.checked_sub(jiff::Span::new().days(back)).ok()?;
        let date = partial(d);
        return Some((
            i + 1,
            date,
            format!(
                "'{}' → latest such weekday on or before {} = {date}",
                words[i], published?
            ),
        ));
    }
    let (end, rel, text) = pack
        .dates
        .relative_index
        .candidates(words, i)
        .iter()
        .copied()
        .map(|k| &pack.dates.relative[k])
        .filter_map(|(p, rel, text)| p.match_at(words, i).map(|e| (e, *rel, text)))
        .max_by_key(|(e, _, _)| *e)?;
    let date = match rel {
        Relative::Day(n) => partial(
            pub_day?
                .checked_add(jiff::Span::new().days(n as i64))
                .ok()?,
        ),
        Relative::DayAfterPrevious(n) => {
            // (with no date told before, a day later than publication is
            // not when a reported act happened)
            if previous.is_none() && n > 0 {
                return None;
            }
            let base = previous.and_then(civil).or(pub_day)?;
            partial(base.checked_add(jiff::Span::new().days(n as i64)).ok()?)
        }
        Relative::Week(n) => {
            let base = pub_day
                .or_else(|| published.and_then(|p| Date::new(p.year, p.month? as i8, 1).ok()))?;
            partial(
                base.checked_add(jiff::Span::new().days(7 * n as i64))
                    .ok()?,
            )
            .to_month()
        }
        Relative::Month(n) => {
            let p = published?;
            let m0 = p.year as i32 * 12 + p.month? as i32 - 1 + n;
            PartialDate::month((m0.div_euclid(12)) as i16, (m0.rem_euclid(12) + 1) as u8)
        }
        Relative::Year(n) => PartialDate::year(published?.year + n as i16),
    };
    let anchor = match rel {
        Relative::DayAfterPrevious(_) => "the date told before",
        _ => "publication",
    };
    Some((
        end,
        date,
        format!("'{text}' → {date} (relative to {anchor})"),
    ))
}

/// The year that puts month `m` (and day) on or before publication.
fn latest_year_for(published: Option<PartialDate>, m: u8, day: Option<u8>) -> Option<i16> {
    let p = published?;
    let pm = p.month?;
    let later = m > pm || (m == pm && day.zip(p.day).is_some_and(|(d, pd)| d > pd));
    // (a day at most two weeks after publication is this year's, coming:
    // `a meeting on 4 August`, written on 29 July, is not last year's)
    let soon = || {
        let (d, pd) = day.zip(p.day)?;
        let this = civil(PartialDate::day(p.year, m, d))?;
        let from = civil(PartialDate::day(p.year, pm, pd))?;
        let ahead = from.until(this).ok()?.get_days();
        Some((0..=14).contains(&ahead))
    };
    Some(if later && soon() != Some(true) {
        p.year - 1
    } else {
        p.year
    })
}

fn span_text(tokens: &[Token], s: usize, e: usize) -> String {
    tokens[s..e.min(tokens.len())]
        .iter()
        .map(|t| t.surface.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
