//! `entente review`, `entente corrections`: wiring of the store's
//! corrections (`entente_store::corrections`) to the command line.

use crate::output::{self, ReviewRow};
use crate::{
    AuthorArgs, CorrectionsCommand, EditFields, ReviewCommand, open_read_only, open_store,
    parse_event_type, resolve_actor,
};
use anyhow::{Context, Result, bail};
use entente_model::{ActorId, Agreement, AgreementType, Event};
use entente_store::corrections::{
    self, Action, Correction, Edit, Mark, Record, RecordKind, StepEdit, StoredCorrection,
};
use entente_store::{AgreementFilter, Store, export};
use std::collections::HashMap;
use std::io::BufRead;

pub fn run(action: ReviewCommand) -> Result<()> {
    match action {
        ReviewCommand::List {
            db,
            filters,
            with,
            document,
            format,
        } => {
            let filter = filters.parse()?;
            let store = open_read_only(&db)?;
            let mut filter = filters.resolve(store.as_ref(), filter)?;
            filter.rejected = true;
            // the article's events found by the store's index, not by a walk
            filter.document = document
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(String::from);
            let other = with
                .as_deref()
                .map(|a| resolve_actor(store.as_ref(), "--with", a))
                .transpose()?;
            let marks = marks(store.as_ref())?;
            let involves = |e: &Event, a: &ActorId| {
                e.participants()
                    .chain(&e.actor_persons)
                    .chain(&e.recipient_persons)
                    .any(|x| x == a)
            };
            let in_document = |ev: &[entente_model::Evidence]| {
                document
                    .as_deref()
                    .is_none_or(|d| ev.iter().any(|x| x.document == d.trim()))
            };
            let mut rows: Vec<ReviewRow> = store
                .events(&filter)?
                .iter()
                .filter(|e| other.as_ref().is_none_or(|o| involves(e, o)))
                .filter(|e| in_document(&e.evidence))
                .map(|e| event_row(e, marks.get(&(RecordKind::Event, e.id.clone()))))
                .collect();
            // agreements: none for a type or text filter, which select events
            if filter.event_type.is_none() && filter.text.is_none() {
                let agreements = store.agreements(&AgreementFilter {
                    party: filter.actor.clone(),
                    rejected: true,
                    ..AgreementFilter::default()
                })?;
                rows.extend(
                    agreements
                        .iter()
                        .filter(|a| other.as_ref().is_none_or(|o| a.parties.contains(o)))
                        .filter(|a| in_document(&a.evidence))
                        .map(|a| {
                            agreement_row(a, marks.get(&(RecordKind::Agreement, a.id.clone())))
                        }),
                );
            }
            output::review(&rows, format, &output::REVIEW_HEADER)
        }
        ReviewCommand::Confirm { db, id, by } => {
            let mut store = open_store(&db)?;
            record_correction(store.as_mut(), &id, &by, Action::Confirm, None)
        }
        ReviewCommand::Reject { db, id, by } => {
            let mut store = open_store(&db)?;
            record_correction(store.as_mut(), &id, &by, Action::Reject, None)
        }
        ReviewCommand::Edit { db, id, fields, by } => {
            let EditFields {
                event_type,
                mode,
                actor,
                recipient,
                date,
                status,
                parties,
                actor_sectors,
                recipient_sectors,
                place,
                place_country,
                step,
                step_status,
                step_date,
            } = *fields;
            let sectors = |list: &str| -> Vec<String> {
                split(list).map(|s| s.to_ascii_uppercase()).collect()
            };
            let mut edit = Edit {
                mode: mode.as_deref().map(|m| split(m).collect()),
                actor: actor.as_deref().map(actor_list),
                recipient: recipient.as_deref().map(actor_list),
                date,
                status,
                parties: parties.as_deref().map(actor_list),
                actor_sectors: actor_sectors.as_deref().map(sectors),
                recipient_sectors: recipient_sectors.as_deref().map(sectors),
                place,
                place_country,
                ..Edit::default()
            };
            if step.is_some() && step_status.is_none() && step_date.is_none() {
                bail!(
                    "--step N names a history step: say what to change with --step-status and/or --step-date"
                );
            }
            if edit.is_empty() && event_type.is_none() && step.is_none() {
                bail!(
                    "say what to change: give at least one of --type, --mode, --actor, --recipient, --actor-sectors, --recipient-sectors, --date, --status, --place, --place-country (events) or --type, --status, --parties, --step (agreements)"
                );
            }
            let mut store = open_store(&db)?;
            // --type and --step read as the record's kind has them
            let record = find(store.as_ref(), &id)?;
            match &record {
                Record::Event(..) => {
                    if step.is_some() {
                        bail!(
                            "{} is an event: --step changes an agreement's history",
                            id.trim()
                        );
                    }
                    edit.event_type = event_type.as_deref().map(parse_event_type).transpose()?;
                }
                Record::Agreement(a, _) => {
                    edit.agreement_type = event_type
                        .as_deref()
                        .map(|t| {
                            let t = t.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                            AgreementType::parse(&t).with_context(|| {
                                let valid: Vec<&str> =
                                    AgreementType::ALL.iter().map(|t| t.as_str()).collect();
                                format!(
                                    "--type {t:?} is not an agreement type ({})",
                                    valid.join(", ")
                                )
                            })
                        })
                        .transpose()?;
                    if let Some(n) = step {
                        let the_step = n
                            .checked_sub(1)
                            .and_then(|i| a.history.get(i))
                            .with_context(|| {
                                format!(
                                    "--step {n}: {} has {} history step{}, numbered from 1 (oldest first)",
                                    id.trim(),
                                    a.history.len(),
                                    if a.history.len() == 1 { "" } else { "s" }
                                )
                            })?;
                        let evidence = the_step.evidence.first().with_context(|| {
                            format!("--step {n}: that step has no evidence sentence to name it by")
                        })?;
                        edit.step = Some(StepEdit {
                            evidence: corrections::EvidenceKey::from(evidence),
                            status: step_status,
                            date: step_date,
                        });
                    }
                }
            }
            record_correction(store.as_mut(), &id, &by, Action::Edit, Some(edit))
        }
        ReviewCommand::Merge { db, id, other, by } => {
            let author = author(&by)?;
            let mut store = open_store(&db)?;
            let into = find(store.as_ref(), &id)?;
            let from = find(store.as_ref(), &other)?;
            if id.trim() == other.trim() {
                bail!("a record cannot be merged into itself; give two ids");
            }
            if into.kind() != from.kind() {
                bail!(
                    "{} is an {} and {} an {}: merge two events or two agreements",
                    id.trim(),
                    into.kind().as_str(),
                    other.trim(),
                    from.kind().as_str()
                );
            }
            let c = Correction::merge(
                &author,
                &corrections::now_utc(),
                by.comment.as_deref(),
                into.key(),
                from.key(),
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            store_and_report(
                store.as_mut(),
                &c,
                &format!("merged {} into {}", other.trim(), id.trim()),
            )
        }
        ReviewCommand::Split {
            db,
            id,
            evidence,
            by,
        } => {
            let author = author(&by)?;
            let moved = evidence
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(parse_evidence)
                .collect::<Result<Vec<_>>>()?;
            let mut store = open_store(&db)?;
            let record = find(store.as_ref(), &id)?;
            let key = record.key();
            for e in &moved {
                if !key.evidence.contains(e) {
                    bail!(
                        "{}:{}-{} is not evidence of {}; `entente review list` shows each record's sentences",
                        e.document,
                        e.start,
                        e.end,
                        id.trim()
                    );
                }
            }
            let c = Correction::split(
                &author,
                &corrections::now_utc(),
                by.comment.as_deref(),
                key,
                moved,
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            store_and_report(store.as_mut(), &c, &format!("split {}", id.trim()))
        }
        ReviewCommand::Revert { db, correction, by } => {
            let author = author(&by)?;
            let mut store = open_store(&db)?;
            let undone = store
                .corrections()?
                .into_iter()
                .find(|s| s.correction.id == correction.trim())
                .with_context(|| {
                    format!(
                        "no correction has id {:?}; `entente corrections list` shows them",
                        correction.trim()
                    )
                })?;
            let c = Correction::revert(
                &author,
                &corrections::now_utc(),
                by.comment.as_deref(),
                &undone.correction,
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            store_and_report(
                store.as_mut(),
                &c,
                &format!("reverted {}", correction.trim()),
            )
        }
    }
}

/// The event or agreement with id `id`, or an error that says where to find ids.
fn find(store: &dyn Store, id: &str) -> Result<Record> {
    corrections::find_record(store, id)?.with_context(|| {
        format!(
            "no event or agreement has id {:?}; ids change when the record is rebuilt, so list them again with `entente review list`",
            id.trim()
        )
    })
}

/// `DOC:START-END`.
fn parse_evidence(s: &str) -> Result<corrections::EvidenceKey> {
    let parsed = s.rsplit_once(':').and_then(|(doc, span)| {
        let (a, b) = span.split_once('-')?;
        Some(corrections::EvidenceKey {
            document: doc.to_string(),
            start: a.parse().ok()?,
            end: b.parse().ok()?,
        })
    });
    parsed.with_context(|| {
        format!("--evidence {s:?}: write DOCUMENT:START-END, as `review list` shows it")
    })
}

/// Store one correction, rebuild, and say what it did.
fn store_and_report(store: &mut dyn Store, c: &Correction, done: &str) -> Result<()> {
    store.add_corrections(std::slice::from_ref(c))?;
    store.refuse()?;
    let now = store
        .corrections()?
        .into_iter()
        .find(|s| s.correction.id == c.id)
        .and_then(|s| s.record);
    match now {
        Some(_) => println!("{done} as {} ({})", safe(&c.author), safe(&c.id)),
        None => println!(
            "{done} as {} ({}), but the rebuilt record no longer holds it; the correction is kept",
            safe(&c.author),
            safe(&c.id)
        ),
    }
    Ok(())
}

pub fn corrections(action: CorrectionsCommand) -> Result<()> {
    match action {
        CorrectionsCommand::List { db, format } => {
            let store = open_read_only(&db)?;
            let rows: Vec<ReviewRow> = store.corrections()?.iter().map(correction_row).collect();
            output::review(&rows, format, &output::CORRECTIONS_HEADER)
        }
        CorrectionsCommand::Import { db, file } => {
            let read = std::fs::File::open(&file).with_context(|| {
                format!(
                    "{}: cannot read it; give a file written by `entente export --format corrections`",
                    file.display()
                )
            })?;
            let mut incoming = Vec::new();
            for (n, line) in std::io::BufReader::new(read).lines().enumerate() {
                let line = line.with_context(|| format!("reading {}", file.display()))?;
                if line.trim().is_empty() {
                    continue;
                }
                let c: Correction = serde_json::from_str(&line).with_context(|| {
                    format!(
                        "{} line {}: not a correction as `entente export --format corrections` writes it",
                        file.display(),
                        n + 1
                    )
                })?;
                c.check()
                    .map_err(|e| anyhow::anyhow!("{} line {}: {e}", file.display(), n + 1))?;
                incoming.push(c);
            }
            let mut store = open_store(&db)?;
            let added = store.add_corrections(&incoming)?;
            store.refuse()?;
            let targets: HashMap<String, Option<String>> = store
                .corrections()?
                .into_iter()
                .map(|s| (s.correction.id, s.record))
                .collect();
            println!(
                "imported {added} new correction{}, {} already stored",
                if added == 1 { "" } else { "s" },
                incoming.len() - added
            );
            let lost: Vec<&Correction> = incoming
                .iter()
                .filter(|c| targets.get(&c.id).is_none_or(Option::is_none))
                .collect();
            if !lost.is_empty() {
                println!(
                    "{} no longer find their record here (kept; they apply if it comes back):",
                    lost.len()
                );
                for c in lost {
                    println!("  {}", safe(&describe(c)));
                }
            }
            Ok(())
        }
    }
}

/// `text` as one line the terminal prints as it is (a record's evidence,
/// an author, a correction from an imported file).
fn safe(text: &str) -> String {
    crate::output::one_safe_line(text)
}

/// A correction in one line: id, action, author, time, its record's key.
fn describe(c: &Correction) -> String {
    let evidence = c
        .key
        .evidence
        .iter()
        .map(|e| format!("{}:{}-{}", e.document, e.start, e.end))
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "{} {} by {} at {}: {} {} [{}] {}",
        c.id,
        c.action.as_str(),
        c.author,
        c.at,
        c.key.kind.as_str(),
        c.key.coded_type,
        c.key
            .actor
            .iter()
            .chain(&c.key.recipient)
            .map(ActorId::as_str)
            .collect::<Vec<_>>()
            .join(";"),
        evidence
    )
}

fn split(list: &str) -> impl Iterator<Item = String> + '_ {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn actor_list(list: &str) -> Vec<ActorId> {
    split(list).map(ActorId::new).collect()
}

/// `--author`, else `$USER`; refused without either.
fn author(by: &AuthorArgs) -> Result<String> {
    by.author
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .context("say who makes the correction: give --author NAME (or set $USER)")
}

/// Store a correction of record `id`, rebuild, and say what it did.
fn record_correction(
    store: &mut dyn Store,
    id: &str,
    by: &AuthorArgs,
    action: Action,
    edit: Option<Edit>,
) -> Result<()> {
    let author = author(by)?;
    let record = find(store, id)?;
    if let Some(e) = &edit {
        match record.kind() {
            RecordKind::Event if e.parties.is_some() => {
                bail!("{id} is an event: change --actor and --recipient, not --parties")
            }
            RecordKind::Agreement
                if e.event_type.is_some()
                    || e.mode.is_some()
                    || e.actor.is_some()
                    || e.recipient.is_some()
                    || e.date.is_some()
                    || e.actor_sectors.is_some()
                    || e.recipient_sectors.is_some()
                    || e.place.is_some()
                    || e.place_country.is_some() =>
            {
                bail!(
                    "{id} is an agreement: only --type, --status, --parties and --step can be edited"
                )
            }
            _ => {}
        }
    }
    let seen = edit.as_ref().map(|e| corrections::seen_values(&record, e));
    let mut correction = Correction::new(
        &author,
        &corrections::now_utc(),
        by.comment.as_deref(),
        action,
        edit,
        record.key(),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(seen) = seen {
        correction = correction
            .with_seen(seen)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let now = corrections::add_and_apply(store, &correction)?;
    let verb = match action {
        Action::Confirm => "confirmed",
        Action::Reject => "rejected",
        Action::Edit => "edited",
        Action::Merge => "merged",
        Action::Split => "split",
        Action::Revert => "reverted",
    };
    match now {
        Some(new_id) => {
            let shown = corrections::find_record(store, &new_id)?;
            println!(
                "{verb} {} as {} ({})",
                safe(id.trim()),
                safe(&author),
                correction.id
            );
            if let Some(r) = shown {
                let row = match &r {
                    Record::Event(e, m) => event_row(e, m.as_ref()),
                    Record::Agreement(a, m) => agreement_row(a, m.as_ref()),
                };
                let line = format!(
                    "now {} {} [{}] {} {} {}",
                    row.id, row.what, row.review, row.date, row.participants, row.evidence
                );
                println!("{}", safe(&line));
            }
            if action == Action::Reject {
                println!("hidden from listings and exports; see it with --rejected");
            }
        }
        None => println!(
            "{verb} {} as {} ({}), but the rebuilt record no longer holds it; the correction is kept",
            safe(id.trim()),
            safe(&author),
            correction.id
        ),
    }
    Ok(())
}

fn marks(store: &dyn Store) -> Result<HashMap<(RecordKind, String), Mark>> {
    Ok(store
        .marks()?
        .into_iter()
        .map(|(k, id, m)| ((k, id), m))
        .collect())
}

/// A mark in a few words: `confirmed`, `rejected, new evidence`, `edited
/// type;date`, or `-` for a record nobody reviewed.
fn review_state(mark: Option<&Mark>) -> String {
    let Some(m) = mark else {
        return "-".into();
    };
    let mut parts = Vec::new();
    if m.rejected {
        parts.push("rejected".to_string());
    }
    if m.new_evidence {
        parts.push("new evidence".to_string());
    }
    if m.confirmed {
        parts.push("confirmed".to_string());
    }
    if !m.edited.is_empty() {
        parts.push(format!("edited {}", m.edited.join(";")));
    }
    if !m.conflicts.is_empty() {
        parts.push(format!("conflict {}", m.conflicts.join(";")));
    }
    if let Some(into) = &m.merged_into {
        parts.push(format!("merged into {into}"));
    }
    if !m.merged.is_empty() {
        parts.push(format!("merged {}", m.merged.join(";")));
    }
    if let Some(from) = &m.split_from {
        parts.push(format!("split from {from}"));
    }
    if !m.split_off.is_empty() {
        parts.push(format!("split off {}", m.split_off.join(";")));
    }
    if parts.is_empty() {
        parts.push("reviewed".into());
    }
    parts.join(", ")
}

fn first_evidence(ev: &[entente_model::Evidence]) -> String {
    ev.first().map_or(String::new(), |e| {
        let more = if ev.len() > 1 {
            format!(" (+{})", ev.len() - 1)
        } else {
            String::new()
        };
        format!("{}:{}-{} {}{more}", e.document, e.start, e.end, e.text)
    })
}

fn ids(list: &[ActorId]) -> String {
    list.iter()
        .map(ActorId::as_str)
        .collect::<Vec<_>>()
        .join(export::LIST_SEPARATOR)
}

fn event_row(e: &Event, mark: Option<&Mark>) -> ReviewRow {
    let mut what = e.event_type.as_str().to_string();
    if !e.mode.is_empty() {
        what.push_str(&format!(" ({})", e.mode.join(";")));
    }
    ReviewRow {
        kind: "event",
        id: e.id.clone(),
        review: review_state(mark),
        what,
        date: e.date.map_or("unknown".into(), |d| d.to_string())
            + &format!(" {}", e.status.as_str()),
        participants: if e.recipient.is_empty() {
            ids(&e.actor)
        } else {
            format!("{} → {}", ids(&e.actor), ids(&e.recipient))
        },
        evidence: first_evidence(&e.evidence),
    }
}

fn agreement_row(a: &Agreement, mark: Option<&Mark>) -> ReviewRow {
    ReviewRow {
        kind: "agreement",
        id: a.id.clone(),
        review: review_state(mark),
        what: a.agreement_type.as_str().to_string(),
        date: a.status_date.map_or("undated".into(), |d| d.to_string())
            + &format!(" {}", a.status.as_str()),
        participants: ids(&a.parties),
        evidence: first_evidence(&a.evidence),
    }
}

fn correction_row(s: &StoredCorrection) -> ReviewRow {
    let c = &s.correction;
    let mut what = c.action.as_str().to_string();
    if let Some(e) = &c.edit {
        what.push(' ');
        what.push_str(&serde_json::to_string(e).unwrap_or_default());
    }
    ReviewRow {
        kind: c.key.kind.as_str(),
        id: c.id.clone(),
        review: s.record.clone().unwrap_or_else(|| "not found".into()),
        what,
        date: c.at.clone(),
        participants: c.author.clone(),
        evidence: c.comment.clone().unwrap_or_default(),
    }
}
