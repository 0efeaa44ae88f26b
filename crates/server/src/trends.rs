//! Counts of events over time: per month or ISO week, by PLOVER type or
//! quad class, for everything, an actor or a pair. One computation for
//! `entente trends` and `/api/trends`, so that both give the same figures.
//!
//! An event counts in the period its date falls in when the date is at
//! least as precise as the period (a month-dated event counts by month, not
//! by week); the others are counted as `unplaced`. Planned events (announced
//! for the future) are not counted: a trend is of what happened.

use entente_model::{ActorId, Event, EventStatus};
use serde::Serialize;
use std::collections::BTreeMap;

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Month,
    Week,
}

impl Every {
    pub fn parse(s: &str) -> Option<Every> {
        match s.trim().to_ascii_lowercase().as_str() {
            "month" | "monthly" => Some(Every::Month),
            "week" | "weekly" => Some(Every::Week),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Every::Month => "month",
            Every::Week => "week",
        }
    }
}

/// What the counts are split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Type,
    Quad,
}

impl By {
    pub fn parse(s: &str) -> Option<By> {
        match s.trim().to_ascii_lowercase().as_str() {
            "type" => Some(By::Type),
            "quad" => Some(By::Quad),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            By::Type => "type",
            By::Quad => "quad",
        }
    }
}

/// The events of one kind in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendRow {
    /// `2024-11` for a month, `2024-W46` for an ISO week.
    pub period: String,
    /// A PLOVER type (`CONSULT`) or a quad class (`verbal-cooperation`).
    pub key: String,
    pub count: usize,
}

/// The counts, oldest period first, and how many events had no date
/// precise enough for the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trends {
    pub every: &'static str,
    pub by: &'static str,
    pub rows: Vec<TrendRow>,
    pub unplaced: usize,
}

/// Counts `events` (already filtered by actor, type and dates) involving
/// `other` too when given.
pub fn trends(events: &[Event], other: Option<&ActorId>, every: Every, by: By) -> Trends {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut unplaced = 0;
    for e in events {
        if e.status == EventStatus::Planned {
            continue;
        }
        if other.is_some_and(|o| !e.participants().any(|p| p == o)) {
            continue;
        }
        let Some(period) = e.date.and_then(|d| period_of(d, every)) else {
            unplaced += 1;
            continue;
        };
        let key = match by {
            By::Type => e.event_type.as_str().to_string(),
            By::Quad => e.event_type.quad().as_str().to_string(),
        };
        *counts.entry((period, key)).or_default() += 1;
    }
    Trends {
        every: every.as_str(),
        by: by.as_str(),
        rows: counts
            .into_iter()
            .map(|((period, key), count)| TrendRow { period, key, count })
            .collect(),
        unplaced,
    }
}

/// The period a date falls in, when it is precise enough.
fn period_of(d: entente_model::PartialDate, every: Every) -> Option<String> {
    let month = d.month?;
    match every {
        Every::Month => Some(format!("{:04}-{month:02}", d.year)),
        Every::Week => {
            let day = jiff::civil::Date::new(d.year, month as i8, d.day? as i8).ok()?;
            let week = day.iso_week_date();
            Some(format!("{:04}-W{:02}", week.year(), week.week()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_cross_years() {
        let week = |s: &str| period_of(s.parse().unwrap(), Every::Week);
        assert_eq!(week("2024-12-30").as_deref(), Some("2025-W01"));
        assert_eq!(week("2021-01-03").as_deref(), Some("2020-W53"));
        assert_eq!(week("2024-11-14").as_deref(), Some("2024-W46"));
        assert_eq!(week("2024-11"), None);
        assert_eq!(
            period_of("2024-11".parse().unwrap(), Every::Month).as_deref(),
            Some("2024-11")
        );
        assert_eq!(period_of("2024".parse().unwrap(), Every::Month), None);
    }
}
