//! Dates at the precision the text supports: a day, a month or a year.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// How precise a date is (`date_precision` in the export).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Unknown,
    Year,
    Month,
    Day,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Unknown => "unknown",
            DatePrecision::Year => "year",
            DatePrecision::Month => "month",
            DatePrecision::Day => "day",
        }
    }
}

/// A calendar date known to the year, the month or the day.
/// Written `2024`, `2024-11` or `2024-11-14`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn day(year: i16, month: u8, day: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }
    /// The day, when the calendar has it (no 30 February, no month 13).
    pub fn checked_day(year: i16, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
            .then(|| PartialDate::day(year, month, day))
    }
    pub fn month(year: i16, month: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }
    pub fn year(year: i16) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }
    /// The same date cut to the month (or the year).
    pub fn to_month(self) -> PartialDate {
        PartialDate { day: None, ..self }
    }
    /// True when one date can be the other at the coarser precision of the two.
    pub fn compatible(&self, other: &PartialDate) -> bool {
        if self.year != other.year {
            return false;
        }
        match (self.month, other.month) {
            (Some(a), Some(b)) if a != b => return false,
            (Some(_), Some(_)) => {}
            _ => return true,
        }
        match (self.day, other.day) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
    /// Days since 0000-03-01 style ordinal, for day-level distances; `None`
    /// below day precision.
    pub fn day_number(&self) -> Option<i64> {
        let (m, d) = (self.month? as i64, self.day? as i64);
        let y = self.year as i64 - if m <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(era * 146097 + doe)
    }
}

/// The number of days of a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Why a date string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date (expected YYYY, YYYY-MM or YYYY-MM-DD): {0:?}")]
pub struct BadDate(pub String);

impl FromStr for PartialDate {
    type Err = BadDate;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate(s.to_string());
        let t = s.trim();
        let mut parts = t.splitn(3, '-');
        let y: i16 = parts
            .next()
            .filter(|p| p.len() == 4)
            .and_then(|p| p.parse().ok())
            .ok_or_else(bad)?;
        let m: Option<u8> = match parts.next() {
            Some(p) => Some(
                p.parse()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)?,
            ),
            None => None,
        };
        let d: Option<u8> = match parts.next() {
            Some(p) => {
                let p = p.get(..2).unwrap_or(p);
                Some(
                    p.parse()
                        .ok()
                        .filter(|d| (1..=31).contains(d))
                        .ok_or_else(bad)?,
                )
            }
            None => None,
        };
        Ok(PartialDate {
            year: y,
            month: m,
            day: d,
        })
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_each_precision() {
        for s in ["2024", "2024-11", "2024-11-14"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
        assert_eq!(
            "2024-11-14T10:00:00Z".parse::<PartialDate>().unwrap(),
            PartialDate::day(2024, 11, 14)
        );
        assert!("24-11".parse::<PartialDate>().is_err());
        assert!("2024-13".parse::<PartialDate>().is_err());
    }

    #[test]
    fn compatibility_is_at_the_coarser_precision() {
        let d = PartialDate::day(2024, 11, 14);
        assert!(d.compatible(&PartialDate::month(2024, 11)));
        assert!(d.compatible(&PartialDate::year(2024)));
        assert!(!d.compatible(&PartialDate::day(2024, 11, 15)));
        assert!(!d.compatible(&PartialDate::month(2024, 10)));
    }

    #[test]
    fn day_numbers_are_consecutive() {
        let a = PartialDate::day(2024, 2, 28).day_number().unwrap();
        let b = PartialDate::day(2024, 3, 1).day_number().unwrap();
        assert_eq!(b - a, 2);
    }
}
