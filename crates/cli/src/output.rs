//! Printing the rows of `events`, `agreements` and `actors` as an aligned
//! table, a JSON array or CSV. Presentation only: the cells come from
//! `entente_store::export`.

use crate::ListFormat;
use anyhow::Result;
use console::{measure_text_width, pad_str, truncate_str};
use entente_model::{ActorRecord, Agreement, Event};
use entente_store::export::{self, LIST_SEPARATOR};
use std::io::{BufWriter, Write};

/// Width used when standard output is not a terminal and `$COLUMNS` is unset.
const DEFAULT_WIDTH: usize = 160;
/// No column is squeezed below this many characters.
const MIN_COLUMN: usize = 6;
/// The last column keeps this many characters before others shrink.
const MIN_LAST: usize = 24;
const GAP: &str = "  ";

pub fn events(events: &[Event], format: ListFormat) -> Result<()> {
    match format {
        // the API's form: the export record with its quad class
        ListFormat::Json => json(
            &events
                .iter()
                .map(entente_server::api::event_json)
                .collect::<Vec<_>>(),
        ),
        ListFormat::Csv => csv(
            export::EVENT_COLUMNS,
            events.iter().map(export::event_cells),
        ),
        ListFormat::Table => {
            let rows = events.iter().map(|e| {
                let c = export::event_cells(e);
                // by name, so that a column added to the export cannot
                // shift what the table shows
                let cell = |name: &str| {
                    export::EVENT_COLUMNS
                        .iter()
                        .position(|&n| n == name)
                        .and_then(|i| c.get(i))
                        .cloned()
                        .unwrap_or_default()
                };
                let sources = export::evidence_documents(&e.evidence).len();
                let persons = [cell("actor_persons"), cell("recipient_persons")]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR);
                vec![
                    cell("date"),
                    cell("type"),
                    cell("actor"),
                    cell("recipient"),
                    persons,
                    cell("location"),
                    cell("status"),
                    sources.to_string(),
                    cell("first_evidence"),
                ]
            });
            table(
                &[
                    "DATE",
                    "TYPE",
                    "ACTOR",
                    "RECIPIENT",
                    "PERSONS",
                    "LOCATION",
                    "STATUS",
                    "SOURCES",
                    "EVIDENCE",
                ],
                rows.collect(),
            )
        }
    }
}

pub fn agreements(agreements: &[Agreement], format: ListFormat) -> Result<()> {
    match format {
        ListFormat::Json => json(agreements),
        ListFormat::Csv => csv(
            export::AGREEMENT_COLUMNS,
            agreements.iter().map(export::agreement_cells),
        ),
        ListFormat::Table => {
            let rows = agreements.iter().map(|a| {
                let c = export::agreement_cells(a);
                // id type name parties status status_date history sources docs first
                let kind = if c[2].is_empty() {
                    c[1].clone()
                } else {
                    format!("{} ({})", c[1], c[2])
                };
                vec![kind, c[3].clone(), c[4].clone(), c[5].clone(), c[7].clone()]
            });
            table(
                &["TYPE", "PARTIES", "STATUS", "SINCE", "SOURCES"],
                rows.collect(),
            )
        }
    }
}

pub fn actors(actors: &[ActorRecord], format: ListFormat) -> Result<()> {
    match format {
        ListFormat::Json => json(actors),
        ListFormat::Csv => csv(
            export::ACTOR_COLUMNS,
            actors.iter().map(export::actor_cells),
        ),
        ListFormat::Table => table(
            &["ID", "TYPE", "NAME", "AFFILIATION", "ROLE"],
            actors.iter().map(export::actor_cells).collect(),
        ),
    }
}

/// Counts of events over time: a table of periods by keys, the JSON of
/// `/api/trends`, or tidy CSV (`period,KEY,count`).
pub fn trends(trends: &entente_server::trends::Trends, format: ListFormat) -> Result<()> {
    match format {
        ListFormat::Json => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            serde_json::to_writer_pretty(&mut out, trends)?;
            writeln!(out)?;
            out.flush()?;
            Ok(())
        }
        ListFormat::Csv => csv(
            &["period", trends.by, "count"],
            trends
                .rows
                .iter()
                .map(|r| vec![r.period.clone(), r.key.clone(), r.count.to_string()]),
        ),
        ListFormat::Table => {
            // rows come sorted by period, then key
            let mut keys: Vec<&str> = trends.rows.iter().map(|r| r.key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            let mut by_period: Vec<(&str, std::collections::HashMap<&str, usize>)> = Vec::new();
            for r in &trends.rows {
                if by_period.last().is_none_or(|(p, _)| *p != r.period) {
                    by_period.push((&r.period, std::collections::HashMap::new()));
                }
                if let Some((_, counts)) = by_period.last_mut() {
                    counts.insert(&r.key, r.count);
                }
            }
            let rows = by_period
                .iter()
                .map(|(p, counts)| {
                    let mut row = vec![p.to_string()];
                    row.extend(
                        keys.iter()
                            .map(|k| counts.get(k).copied().unwrap_or(0).to_string()),
                    );
                    row
                })
                .collect();
            let period = trends.every.to_uppercase();
            let mut header = vec![period.as_str()];
            header.extend(keys.iter().copied());
            table(&header, rows)?;
            if trends.unplaced > 0 {
                let events = if trends.unplaced == 1 {
                    "event"
                } else {
                    "events"
                };
                println!(
                    "({} {events} dated less precisely than a {} not counted above)",
                    trends.unplaced, trends.every
                );
            }
            Ok(())
        }
    }
}

/// One row of `entente review list`: a record with its id and review state.
pub struct ReviewRow {
    pub kind: &'static str,
    pub id: String,
    pub review: String,
    pub what: String,
    pub date: String,
    pub participants: String,
    pub evidence: String,
}

/// The columns of `review list`.
pub const REVIEW_HEADER: [&str; 7] = [
    "KIND",
    "ID",
    "REVIEW",
    "TYPE",
    "DATE",
    "PARTICIPANTS",
    "EVIDENCE",
];

/// The columns of `corrections list`, in the same row shape.
pub const CORRECTIONS_HEADER: [&str; 7] =
    ["KIND", "ID", "RECORD", "ACTION", "AT", "AUTHOR", "COMMENT"];

pub fn review(rows: &[ReviewRow], format: ListFormat, header: &[&str; 7]) -> Result<()> {
    let cells = |r: &ReviewRow| {
        vec![
            r.kind.to_string(),
            r.id.clone(),
            r.review.clone(),
            r.what.clone(),
            r.date.clone(),
            r.participants.clone(),
            r.evidence.clone(),
        ]
    };
    let names = header.map(|h| h.to_ascii_lowercase());
    match format {
        ListFormat::Json => json(
            &rows
                .iter()
                .map(|r| {
                    names
                        .iter()
                        .cloned()
                        .zip(cells(r).into_iter().map(serde_json::Value::String))
                        .collect::<serde_json::Map<_, _>>()
                })
                .collect::<Vec<_>>(),
        ),
        ListFormat::Csv => csv(
            &names.each_ref().map(String::as_str),
            rows.iter().map(cells),
        ),
        ListFormat::Table => table(header, rows.iter().map(cells).collect()),
    }
}

pub fn accuracy(
    rows: &[entente_store::corrections::AccuracyRow],
    format: ListFormat,
) -> Result<()> {
    const HEADER: [&str; 8] = [
        "record", "by", "value", "reviewed", "kept", "rejected", "edited", "share",
    ];
    let cells = |r: &entente_store::corrections::AccuracyRow| {
        vec![
            r.record.clone(),
            r.by.clone(),
            r.value.clone(),
            r.reviewed.to_string(),
            r.kept.to_string(),
            r.rejected.to_string(),
            r.edited.to_string(),
            format!("{:.3}", r.share),
        ]
    };
    match format {
        ListFormat::Json => json(rows),
        ListFormat::Csv => csv(&HEADER, rows.iter().map(cells)),
        ListFormat::Table => {
            if rows.is_empty() {
                println!(
                    "no reviewed records yet: confirm, reject or edit records with `entente review`"
                );
                return Ok(());
            }
            let rows = rows
                .iter()
                .map(|r| {
                    let mut c = cells(r);
                    c[7] = format!("{:.1}%", r.share * 100.0);
                    c
                })
                .collect();
            table(
                &HEADER
                    .map(|h| h.to_ascii_uppercase())
                    .each_ref()
                    .map(String::as_str),
                rows,
            )
        }
    }
}

fn json<T: serde::Serialize>(rows: &[T]) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, rows)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<()> {
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    w.write_record(header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn output_width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map(|(_, cols)| usize::from(cols))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(DEFAULT_WIDTH)
}

/// Column widths that fit `total` characters: the last column (free text:
/// evidence, role) gives way first down to [`MIN_LAST`], then the widest
/// columns, none below [`MIN_COLUMN`].
pub fn fit_widths(natural: &[usize], total: usize) -> Vec<usize> {
    let mut widths = natural.to_vec();
    let gaps = GAP.len() * natural.len().saturating_sub(1);
    let excess = (widths.iter().sum::<usize>() + gaps).saturating_sub(total);
    if let Some(last) = widths.last_mut() {
        let room = last.saturating_sub(MIN_LAST);
        *last -= room.min(excess);
    }
    while widths.iter().sum::<usize>() + gaps > total {
        let Some((i, &w)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if w <= MIN_COLUMN {
            break;
        }
        widths[i] = w - 1;
    }
    widths
}

/// `text` as one line that a terminal prints as it is: newlines and tabs
/// become spaces, other control characters (ESC, BEL) and bidirectional
/// controls are written as `\u{…}` escapes.
pub fn one_safe_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if entente_ingest::unsafe_on_a_terminal(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

fn table(header: &[&str], rows: Vec<Vec<String>>) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    if rows.is_empty() {
        writeln!(out, "(none)")?;
        out.flush()?;
        return Ok(());
    }
    // one line per row, and nothing in a cell (an article's evidence, a
    // name) that the terminal would obey
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| r.iter().map(|c| one_safe_line(c)).collect())
        .collect();
    let natural: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| measure_text_width(c)))
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let widths = fit_widths(&natural, output_width());
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        let parts: Vec<String> = cells
            .zip(&widths)
            .map(|(c, &w)| {
                pad_str(&truncate_str(c, w, "…"), w, console::Alignment::Left, None).into_owned()
            })
            .collect();
        parts.join(GAP).trim_end().to_string()
    };
    writeln!(out, "{}", line(&mut header.iter().copied()))?;
    for r in &rows {
        writeln!(out, "{}", line(&mut r.iter().map(String::as_str)))?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_shrink_the_widest_first() {
        assert_eq!(fit_widths(&[4, 10, 80], 200), vec![4, 10, 80]);
        let w = fit_widths(&[4, 10, 80], 50);
        assert_eq!(w.iter().sum::<usize>() + 4, 50);
        assert_eq!(w[0], 4);
        assert_eq!(fit_widths(&[20, 20], 4), vec![MIN_COLUMN, MIN_COLUMN]);
        // The free-text last column gives way first.
        assert_eq!(fit_widths(&[10, 20, 100], 70), vec![10, 20, 36]);
    }
}
