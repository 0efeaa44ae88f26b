//! Extraction: from a cleaned article and its actor mentions to event and
//! agreement reports (one article's view; fusion comes later).
//!
//! `text` (sentences, tokens), `dates`, `events` (the PLOVER coder) and
//! `agreements`, one module each. Language knowledge lives in
//! `data/lang/<code>/` (see `lang`); this crate never touches the database.
#![forbid(unsafe_code)]

mod agreements;
mod dates;
mod events;
pub mod filter;
pub mod lang;
pub mod morph;
pub mod text;

use entente_kb::Kb;
use entente_model::{
    ActorId, ActorRecord, ActorType, Article, Document, Event, Extraction, Mention, PartialDate,
};
use lang::Lexicons;
use std::sync::LazyLock;

/// `ENTENTE_LANG_DIR`: read the language packs from this folder (laid out
/// as `data/lang`) instead of the embedded ones — for working on the
/// lexicons without rebuilding.
pub const LANG_DIR_VAR: &str = "ENTENTE_LANG_DIR";

static LEXICONS: LazyLock<Lexicons> = LazyLock::new(|| {
    if let Some(dir) = std::env::var_os(LANG_DIR_VAR) {
        match Lexicons::from_dir(std::path::Path::new(&dir)) {
            Ok(l) => return l,
            Err(e) => eprintln!(
                "entente: {LANG_DIR_VAR}={}: {e}; using the embedded language data",
                std::path::Path::new(&dir).display()
            ),
        }
    }
    match Lexicons::embedded() {
        Ok(l) => l,
        Err(e) => {
            // The embedded packs are checked by this crate's tests; this cannot
            // happen in a released binary, but must not take the process down.
            eprintln!("entente: language data is broken ({e}); no events will be coded");
            Lexicons::empty()
        }
    }
});

/// The embedded language packs.
pub fn lexicons() -> &'static Lexicons {
    &LEXICONS
}

/// Code the events and agreements of one article: every event the grammar
/// finds, then the learned filter's decision on each (`filter`).
pub fn extract(article: &Article, mentions: &[Mention], kb: &Kb) -> Extraction {
    let (mut extraction, features) = code(article, mentions, kb);
    filter::EventFilter::embedded().apply(&mut extraction, &features);
    extraction
}

/// Every event the grammar codes in one article, before the filter, each
/// with the features the filter reads (for training it:
/// `data/model/train_event_filter.py`).
pub fn candidates(article: &Article, mentions: &[Mention], kb: &Kb) -> Vec<(Event, Vec<String>)> {
    let (extraction, features) = code(article, mentions, kb);
    extraction.events.into_iter().zip(features).collect()
}

/// Where the article's dateline stands (`(0, 0)` without one): from the
/// start of the paragraph it opens to just past the dash or bar that closes
/// it, within that paragraph's first line.
fn dateline_span(article: &Article) -> (usize, usize) {
    let Some(d) = &article.dateline else {
        return (0, 0);
    };
    let head: Vec<char> = article.text.chars().skip(d.start).take(120).collect();
    // the first dash or bar followed by a space (`KYIV– Poland …`, `Berlin
    // (dpa) –`, `London/Brussels |`), or a dash glued to the first word
    // (`Lissabon/Warschau -Die`)
    (1..head.len().saturating_sub(1))
        .find(|&i| {
            matches!(head[i], '-' | '–' | '—' | '|')
                && (head[i + 1].is_whitespace()
                    || (head[i - 1].is_whitespace() && head[i + 1].is_uppercase()))
        })
        .filter(|&i| !head[..i].contains(&'\n'))
        .map_or((0, 0), |i| (d.start, d.start + i + 1))
}

/// Paragraphs at the head of an article (title line, dateline, lead) whose
/// dates may stand in for a missing publication date.
const HEAD_PARAGRAPHS: usize = 3;

/// The date an article without a publication date gives for itself: the
/// latest date, to the day and with its year written, in its first
/// paragraphs (a dateline `Washington, 2 de agosto de 2019.`, a lead's
/// `ce 30 juillet 2024`) or in a photo caption anywhere (`… in Mexico
/// City, September 3, 2025.`). It stands in for the publication day when
/// relative dates (`on Wednesday`) and undated reports are resolved, and
/// each event so dated says so; the record keeps the article undated.
/// (A lead that tells only of an old treaty's date misleads it: measured
/// on the team's sets, dates gain far more than events lose.)
fn text_reference_date(
    chars: &[char],
    sentences: &[text::Sentence],
    captions: &[usize],
    pack: &lang::LanguagePack,
) -> Option<PartialDate> {
    sentences
        .iter()
        .filter(|s| s.paragraph < HEAD_PARAGRAPHS || captions.contains(&s.paragraph))
        .flat_map(|s| {
            let toks = text::tokens(chars, s.start, s.end);
            let words = pack.words(toks.iter().map(|t| (t.norm.as_str(), t.surface.as_str())));
            dates::find_dates(&toks, &words, pack, None, None)
        })
        .map(|d| (d.last_day.unwrap_or(d.date), d))
        .filter(|(day, d)| day.day.is_some() && !d.year_inferred && !d.since && !d.deadline)
        .map(|(day, _)| day)
        .max()
}

fn code(article: &Article, mentions: &[Mention], kb: &Kb) -> (Extraction, Vec<Vec<String>>) {
    let pack = LEXICONS.pack_for(&article.lang, &article.text);
    let chars: Vec<char> = article.text.chars().collect();
    let sentences = text::sentences(&article.text, &pack.abbreviations);
    let original = article;
    let captions = caption_paragraphs(&chars, &sentences, pack);
    let stand_in = if article.published.is_none() {
        text_reference_date(&chars, &sentences, &captions, pack)
    } else {
        None
    };
    let anchored;
    let article = match stand_in {
        Some(d) => {
            anchored = Article {
                published: Some(d),
                ..article.clone()
            };
            &anchored
        }
        None => article,
    };
    let mut discourse = events::Discourse::default();
    let mut events = Vec::new();
    let mut features: Vec<Vec<String>> = Vec::new();
    let mut agreements = Vec::new();
    // a dateline's places (`ABUJA –`, `Berlin/Ankara (dpa) –`) tell where
    // the report was filed, not who acted
    let (dateline_start, dateline_end) = dateline_span(article);
    let (dateline_mentions, mut mentions): (Vec<Mention>, Vec<Mention>) = mentions
        .iter()
        .cloned()
        .partition(|m| m.start >= dateline_start && m.end <= dateline_end);
    for (i, s) in sentences.iter().enumerate() {
        events::resolve_pairs(&mut mentions, s, i, &discourse);
        let units = events::units(&chars, s, &mentions);
        if captions.contains(&s.paragraph) {
            continue;
        }
        // one set of words for the sentence's coders: each remembers the
        // cues asked of it
        let words = events::unit_words(&units, pack);
        let events::Coded {
            events: found,
            spans,
            features: found_features,
        } = events::code_sentence(
            article,
            &chars,
            s,
            i,
            &units,
            &words,
            &mentions,
            pack,
            kb,
            &mut discourse,
        );
        let named = agreements::find(
            article,
            s,
            (&units, &words),
            &mentions,
            pack,
            (&found, &spans),
            &mut discourse,
        );
        let mut found = found;
        ended_with(&mut found, &named);
        agreements.extend(named);
        if found.is_empty() {
            let topic = events::initial_subject(&units, &words, &mentions, pack);
            if !topic.is_empty() {
                discourse.last_subject = topic;
                discourse.last_subject_paragraph = s.paragraph;
                discourse.last_subject_sentence = i;
            }
        }
        events.extend(found);
        features.extend(found_features);
    }
    date_from_news_peg(article, &mut events, &discourse.defaulted);
    if let Some(d) = stand_in {
        // (on the events dated from it: by publication, a weekday or another
        // relative date)
        let anchored_date = |w: &String| {
            w.starts_with("date:")
                && ["publication", "weekday", "relative"]
                    .iter()
                    .any(|k| w.contains(k))
        };
        for e in events
            .iter_mut()
            .filter(|e| e.date.is_some() && e.why.iter().any(anchored_date))
        {
            e.why.push(format!(
                "the article has no publication date: {d}, the latest full date its head or a caption gives, stands in for it"
            ));
        }
    }
    name_generic_pacts(&mut agreements);
    join_named_pacts(&mut agreements);
    mentions.extend(dateline_mentions);
    mentions.sort_by_key(|m| (m.start, m.end));
    let (actors, ids) = actor_records(&mentions, kb, article);
    let extraction = Extraction {
        document: Document {
            id: article.id.clone(),
            source: article.source.clone(),
            url: article.url.clone(),
            title: article.title.clone(),
            lang: article.lang.clone(),
            published: original.published,
            published_from: original.published_from,
            dateline: article.dateline.clone(),
            text: article.text.clone(),
            actors: ids,
            flags: article.flags.clone(),
        },
        actors,
        events,
        agreements,
    };
    (extraction, features)
}

/// `Russia suspended its participation in New START`, `la Russie a suspendu
/// un accord conclu avec les Etats-Unis`: a sanction, refusal or coercion
/// that names no one undergoing it and whose words govern an agreement's
/// name (the agreement records it among the events that moved it) falls on
/// the agreement's other parties, when its actors are parties (agreements
/// of other parties named by the same words leave it unsure which one).
fn ended_with(events: &mut [Event], named: &[entente_model::Agreement]) {
    use entente_model::EventType;
    for e in events.iter_mut().filter(|e| {
        e.recipient.is_empty()
            && !e.actor.is_empty()
            && matches!(
                e.event_type,
                EventType::Sanction | EventType::Reject | EventType::Coerce
            )
    }) {
        let ended: Vec<_> = named
            .iter()
            .filter(|a| {
                a.history.iter().any(|s| s.events.contains(&e.id))
                    && e.actor.iter().all(|x| a.parties.contains(x))
                    && a.parties.iter().any(|p| !e.actor.contains(p))
            })
            .collect();
        let others_of = |a: &entente_model::Agreement| -> Vec<_> {
            a.parties
                .iter()
                .filter(|p| !e.actor.contains(p))
                .cloned()
                .collect()
        };
        // (two names of one agreement, `New START` and `the strategic arms
        // reduction treaty`, give the same other parties)
        let Some(a) = ended.first() else {
            continue;
        };
        let others = others_of(a);
        if ended.iter().any(|b| others_of(b) != others) {
            continue;
        }
        let label = a
            .name
            .clone()
            .unwrap_or_else(|| a.agreement_type.as_str().to_string());
        for p in &others {
            e.why.push(format!(
                "recipient {p}: another party of the agreement its words name ({label})"
            ));
        }
        e.recipient = others;
    }
}

/// The paragraphs that are photo captions or credit lines: short ones (at
/// most three sentences) holding a caption cue (`Photo:`, `second from
/// left`, `Foto: dpa`); and headings set in capitals (`APOYO A LA MISIÓN
/// EN HAITÍ`: one sentence, no lower-case letter). They report no event
/// and name no agreement.
fn caption_paragraphs(
    chars: &[char],
    sentences: &[text::Sentence],
    pack: &lang::LanguagePack,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for s in sentences {
        if out.contains(&s.paragraph) {
            continue;
        }
        let in_paragraph = sentences
            .iter()
            .filter(|x| x.paragraph == s.paragraph)
            .count();
        if in_paragraph > 3 {
            continue;
        }
        let letters = || chars[s.start..s.end].iter().filter(|c| c.is_alphabetic());
        let heading =
            in_paragraph == 1 && letters().count() >= 8 && !letters().any(|c| c.is_lowercase());
        // (a heading is told by its letters alone: no need to read its words)
        if heading {
            out.push(s.paragraph);
            continue;
        }
        let toks = text::tokens(chars, s.start, s.end);
        let words = pack.words(toks.iter().map(|t| (t.norm.as_str(), t.surface.as_str())));
        if (0..toks.len()).any(|k| pack.cue_at(lang::Cue::Caption, &words, k).is_some()) {
            out.push(s.paragraph);
        }
    }
    out
}

/// Events dated only by the publication date take the date of the
/// article's news peg: the first event the text dates to the day, within
/// two days of publication, that shares a participant with them (what was
/// said and agreed at a meeting happened the day of the meeting). An act of
/// the lead is the day's news: a peg told after it moves it only when one
/// of its actors takes part (the meeting where they agreed), never another
/// side's act of a later paragraph (`on Wednesday the Council had demanded
/// that the rebels stop`).
fn date_from_news_peg(article: &Article, events: &mut [Event], defaulted: &[(usize, bool)]) {
    let Some(pub_day) = article.published.and_then(|p| p.day_number()) else {
        return;
    };
    let pegs: Vec<(usize, entente_model::PartialDate, Vec<ActorId>, String)> = events
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            !defaulted.iter().any(|(d, _)| d == i)
                && e.status == entente_model::EventStatus::Reported
                && e.date
                    .and_then(|d| d.day_number())
                    .is_some_and(|d| (0..=2).contains(&(pub_day - d)))
        })
        .filter_map(|(k, e)| {
            Some((
                k,
                e.date?,
                e.participants().cloned().collect(),
                e.event_type.to_string(),
            ))
        })
        .collect();
    for &(i, lead) in defaulted {
        let Some(e) = events.get_mut(i) else { continue };
        let shared = |ps: &Vec<ActorId>| e.participants().any(|p| ps.contains(p));
        let shared_actor = |ps: &Vec<ActorId>| e.actor.iter().any(|p| ps.contains(p));
        if let Some((_, d, ps, t)) = pegs
            .iter()
            .find(|(k, _, ps, _)| shared(ps) && (!lead || *k < i || shared_actor(ps)))
        {
            e.date = Some(*d);
            e.date_precision = d.precision();
            let names: Vec<&str> = ps.iter().map(ActorId::as_str).collect();
            e.why.push(format!(
                "date: → {d}, the day of the article's lead {t} event with {} (news peg)",
                names.join(", ")
            ));
        }
    }
}

/// "The defence pact" and "the Reciprocal Access Agreement" between the same
/// parties in one article are one agreement: a generic defence-cooperation
/// report takes the specific type named elsewhere in the article.
fn name_generic_pacts(agreements: &mut [entente_model::Agreement]) {
    use entente_model::AgreementType;
    let specific: Vec<(Vec<ActorId>, AgreementType)> = agreements
        .iter()
        .filter(|a| a.agreement_type != AgreementType::Other)
        .map(|a| (a.parties.clone(), a.agreement_type))
        .collect();
    for a in agreements.iter_mut() {
        // (a generic name in the plural, `les accords de défense … : le
        // traité de coopération … et l'accord sur le statut des forces`,
        // covers several agreements, not the one pact)
        let several = a
            .history
            .iter()
            .any(|h| h.why.iter().any(|w| w.ends_with(agreements::SEVERAL)));
        if a.name.is_some()
            || several
            || !matches!(
                a.agreement_type,
                AgreementType::DefenceCooperation | AgreementType::Other
            )
        {
            continue;
        }
        // (a generic defence cooperation is the specific pact; a generic
        // `other`, a memorandum, is whichever typed pact the same parties
        // have, defence cooperation included)
        let mut types: Vec<AgreementType> = specific
            .iter()
            .filter(|(p, t)| *p == a.parties && *t != a.agreement_type)
            // (a pact is no purchase: `a strategic partnership` signed with
            // a frigate contract is a partnership of its own)
            .filter(|(_, t)| {
                a.agreement_type != AgreementType::DefenceCooperation
                    || !matches!(
                        t,
                        AgreementType::EquipmentTransfer | AgreementType::JointDevelopment
                    )
            })
            .map(|(_, t)| *t)
            .collect();
        types.sort();
        types.dedup();
        if let [t] = types.as_slice() {
            let why = format!(
                "a generic {} between the same parties is the {} named in the article",
                a.agreement_type.as_str(),
                t.as_str()
            );
            a.agreement_type = *t;
            for h in &mut a.history {
                h.why.push(why.clone());
            }
        }
    }
}

/// `New START` and `the arms control treaty` between the same parties in one
/// article are one agreement: an unnamed report takes the proper name the
/// article gives an agreement of its type and parties (so that fusion
/// across articles keeps it apart from other, unnamed agreements of those
/// parties).
fn join_named_pacts(agreements: &mut [entente_model::Agreement]) {
    let named: Vec<(entente_model::AgreementType, Vec<ActorId>, String)> = agreements
        .iter()
        .filter_map(|a| {
            let mut parties = a.parties.clone();
            parties.sort();
            Some((a.agreement_type, parties, a.name.clone()?))
        })
        .collect();
    for a in agreements.iter_mut().filter(|a| a.name.is_none()) {
        let mut parties = a.parties.clone();
        parties.sort();
        // (of several names, the first: fusion keeps named agreements
        // together whatever their names)
        if let Some((_, _, n)) = named
            .iter()
            .find(|(t, p, _)| *t == a.agreement_type && *p == parties)
        {
            let why = format!("the {n} the article names between the same parties");
            a.name = Some(n.clone());
            for h in &mut a.history {
                h.why.push(why.clone());
            }
        }
    }
}

/// The actors an article substantively mentions, and their records: every
/// state, IGO and person named, and the state or IGO each person acts for.
fn actor_records(
    mentions: &[Mention],
    kb: &Kb,
    article: &Article,
) -> (Vec<ActorRecord>, Vec<ActorId>) {
    let mut ids: Vec<ActorId> = Vec::new();
    let mut records: Vec<ActorRecord> = Vec::new();
    for m in mentions {
        let id = &m.actor;
        if !ids.contains(id) {
            ids.push(id.clone());
            let mut rec = kb.record_at(id, article.published).unwrap_or(ActorRecord {
                id: id.clone(),
                actor_type: m.actor_type,
                name: m.surface.clone(),
                affiliation: None,
                role: None,
            });
            if rec.affiliation.is_none() {
                rec.affiliation = m.affiliation.clone();
            }
            if rec.role.is_none() {
                rec.role = m.role.clone();
            }
            records.push(rec);
        } else if let Some(rec) = records.iter_mut().find(|r| &r.id == id)
            && rec.role.is_none()
            && m.role.is_some()
        {
            rec.role = m.role.clone();
            rec.affiliation = rec.affiliation.clone().or_else(|| m.affiliation.clone());
        }
        // a person's state, and the state an armed group is coded as
        if matches!(m.actor_type, ActorType::Person | ActorType::Org)
            && let Some(a) = m.affiliation.as_ref().filter(|a| a.is_state_or_igo())
            && !ids.contains(a)
        {
            ids.push(a.clone());
            records.push(kb.record_at(a, article.published).unwrap_or(ActorRecord {
                id: a.clone(),
                actor_type: kb.actor_type(a),
                name: a.to_string(),
                affiliation: None,
                role: None,
            }));
        }
    }
    (records, ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_model::{Agreement, AgreementStatus, AgreementType};

    fn pact(t: AgreementType, parties: &[&str]) -> Agreement {
        Agreement {
            id: format!("ag-{}", t.as_str()),
            agreement_type: t,
            name: None,
            parties: parties.iter().map(|p| ActorId::new(*p)).collect(),
            status: AgreementStatus::Signed,
            status_date: None,
            history: vec![],
            evidence: vec![],
        }
    }

    #[test]
    fn a_generic_memorandum_is_the_typed_pact_of_the_same_parties() {
        let mut ags = vec![
            pact(AgreementType::DefenceCooperation, &["ESP", "UKR"]),
            pact(AgreementType::Other, &["ESP", "UKR"]),
            pact(AgreementType::Other, &["ISR", "PSE"]),
        ];
        name_generic_pacts(&mut ags);
        assert_eq!(ags[1].agreement_type, AgreementType::DefenceCooperation);
        // (no typed pact between these: the memorandum stays what it is)
        assert_eq!(ags[2].agreement_type, AgreementType::Other);
        // (a generic defence cooperation is not turned into itself)
        assert_eq!(ags[0].agreement_type, AgreementType::DefenceCooperation);
    }
}
