//! Query strings and the errors a request can earn: every parameter is
//! checked here, by name, and a bad one becomes a 4xx with a JSON
//! `{"error": "..."}` that names it.
//!
//! Never panics on input; knows nothing of the store.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use entente_model::{
    ActorId, ActorType, AgreementStatus, AgreementType, EventStatus, EventType, PartialDate,
};
use std::collections::BTreeMap;

/// Results per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 100;
/// The largest `limit` a request may ask for.
pub const MAX_LIMIT: usize = 1000;
/// The longest query string accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// The longest value of one parameter, in characters.
pub const MAX_VALUE_CHARS: usize = 200;
/// The largest `offset` accepted (deeper pages are not useful and cost a scan).
pub const MAX_OFFSET: usize = 10_000_000;

/// A failed request: an HTTP status and a message for the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
    pub fn unavailable(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: message.into(),
        }
    }
}

impl From<entente_store::StoreError> for ApiError {
    fn from(e: entente_store::StoreError) -> Self {
        match e {
            entente_store::StoreError::Interrupted => ApiError::unavailable(
                "the query ran longer than allowed and was stopped; narrow it (fewer words, a date range, an actor)",
            ),
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        (self.status, Json(body)).into_response()
    }
}

/// A page of results: `limit` items from `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: usize,
    pub offset: usize,
}

/// The parameters of one request, checked against the names its endpoint
/// takes.
#[derive(Debug, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
}

impl Params {
    /// Parse a raw query string. Unknown, repeated, over-long and empty
    /// parameters are refused, each by name.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY_BYTES {
            return Err(ApiError::bad_request(format!(
                "the query string is {} bytes; at most {MAX_QUERY_BYTES} are accepted",
                raw.len()
            )));
        }
        let mut values = BTreeMap::new();
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            let key = key.into_owned();
            if !allowed.contains(&key.as_str()) {
                let takes = if allowed.is_empty() {
                    "this endpoint takes no parameters".to_string()
                } else {
                    format!("this endpoint takes {}", allowed.join(", "))
                };
                return Err(ApiError::bad_request(format!(
                    "unknown parameter '{}'; {takes}",
                    shorten(&key)
                )));
            }
            let value = value.trim().to_string();
            if value.is_empty() {
                return Err(ApiError::bad_request(format!(
                    "parameter '{key}' is empty; give a value or leave it out"
                )));
            }
            if value.chars().count() > MAX_VALUE_CHARS {
                return Err(ApiError::bad_request(format!(
                    "parameter '{key}' is longer than {MAX_VALUE_CHARS} characters"
                )));
            }
            if values.contains_key(&key) {
                return Err(ApiError::bad_request(format!(
                    "parameter '{key}' is given twice; give it once"
                )));
            }
            values.insert(key, value);
        }
        Ok(Params { values })
    }

    /// The raw value of `name`, trimmed; never empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// A required parameter.
    pub fn required(&self, name: &str, what: &str) -> Result<&str, ApiError> {
        self.text(name)
            .ok_or_else(|| ApiError::bad_request(format!("parameter '{name}' is required: {what}")))
    }

    /// An actor identifier (`JPN`, `NATO`, `person:…`).
    pub fn actor(&self, name: &str) -> Result<Option<ActorId>, ApiError> {
        self.text(name)
            .map(|v| {
                if v.chars().any(char::is_whitespace) {
                    Err(ApiError::bad_request(format!(
                        "parameter '{name}' = {v:?} is not an actor identifier \
                         (JPN, NATO, person:takeshi-iwaya); identifiers have no spaces"
                    )))
                } else {
                    Ok(ActorId::new(v))
                }
            })
            .transpose()
    }

    /// A date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, written exactly so, that
    /// exists in the calendar.
    pub fn date(&self, name: &str) -> Result<Option<PartialDate>, ApiError> {
        self.text(name)
            .map(|v| {
                parse_date(v).ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "parameter '{name}' = {v:?} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
                    ))
                })
            })
            .transpose()
    }

    /// A PLOVER event type, in any case.
    pub fn event_type(&self, name: &str) -> Result<Option<EventType>, ApiError> {
        self.text(name)
            .map(|v| {
                EventType::parse(v).ok_or_else(|| {
                    let valid: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
                    ApiError::bad_request(format!(
                        "parameter '{name}' = {v:?} is not a PLOVER event type; use one of {}",
                        valid.join(", ")
                    ))
                })
            })
            .transpose()
    }

    /// An event status: reported, planned, historical.
    pub fn event_status(&self, name: &str) -> Result<Option<EventStatus>, ApiError> {
        const ALL: [EventStatus; 3] = [
            EventStatus::Reported,
            EventStatus::Planned,
            EventStatus::Historical,
        ];
        self.text(name)
            .map(|v| {
                ALL.into_iter()
                    .find(|s| s.as_str().eq_ignore_ascii_case(v))
                    .ok_or_else(|| {
                        ApiError::bad_request(format!(
                            "parameter '{name}' = {v:?} is not an event status; \
                             use reported, planned or historical"
                        ))
                    })
            })
            .transpose()
    }

    /// An agreement status (`in_force`, `in-force` and `In Force` alike).
    pub fn agreement_status(&self, name: &str) -> Result<Option<AgreementStatus>, ApiError> {
        self.text(name)
            .map(|v| {
                AgreementStatus::parse(&normalise_snake(v)).ok_or_else(|| {
                    let valid: Vec<&str> =
                        AgreementStatus::ALL.iter().map(|t| t.as_str()).collect();
                    ApiError::bad_request(format!(
                        "parameter '{name}' = {v:?} is not an agreement status; use one of {}",
                        valid.join(", ")
                    ))
                })
            })
            .transpose()
    }

    /// An agreement type (`reciprocal_access`, …).
    pub fn agreement_type(&self, name: &str) -> Result<Option<AgreementType>, ApiError> {
        self.text(name)
            .map(|v| {
                AgreementType::parse(&normalise_snake(v)).ok_or_else(|| {
                    let valid: Vec<&str> = AgreementType::ALL.iter().map(|t| t.as_str()).collect();
                    ApiError::bad_request(format!(
                        "parameter '{name}' = {v:?} is not an agreement type; use one of {}",
                        valid.join(", ")
                    ))
                })
            })
            .transpose()
    }

    /// An actor type: state, igo, person, org.
    pub fn actor_type(&self, name: &str) -> Result<Option<ActorType>, ApiError> {
        const ALL: [ActorType; 4] = [
            ActorType::State,
            ActorType::Igo,
            ActorType::Person,
            ActorType::Org,
        ];
        self.text(name)
            .map(|v| {
                ALL.into_iter()
                    .find(|t| t.as_str().eq_ignore_ascii_case(v))
                    .ok_or_else(|| {
                        ApiError::bad_request(format!(
                            "parameter '{name}' = {v:?} is not an actor type; \
                             use state, igo, person or org"
                        ))
                    })
            })
            .transpose()
    }

    /// `limit` (1..=1000, default 100) and `offset` (default 0).
    pub fn page(&self) -> Result<Page, ApiError> {
        let limit = self.number("limit", 1, MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT);
        let offset = self.number("offset", 0, MAX_OFFSET)?.unwrap_or(0);
        Ok(Page { limit, offset })
    }

    fn number(&self, name: &str, min: usize, max: usize) -> Result<Option<usize>, ApiError> {
        self.text(name)
            .map(|v| {
                v.parse::<usize>()
                    .ok()
                    .filter(|n| (min..=max).contains(n))
                    .ok_or_else(|| {
                        ApiError::bad_request(format!(
                            "parameter '{name}' = {v:?} is out of range; give a whole number from {min} to {max}"
                        ))
                    })
            })
            .transpose()
    }
}

/// At most forty characters of a caller's text, for an error message.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn normalise_snake(s: &str) -> String {
    s.trim().to_ascii_lowercase().replace(['-', ' '], "_")
}

/// A date written exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, existing in
/// the calendar, between years 1 and 9999.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let d: PartialDate = s.parse().ok()?;
    if d.to_string() != s || d.year < 1 {
        return None;
    }
    if let (Some(m), Some(day)) = (d.month, d.day) {
        return PartialDate::checked_day(d.year, m, day);
    }
    Some(d)
}

/// The first and last day a partial date can stand for, as `YYYY-MM-DD`
/// strings that sort in date order (the last day only bounds comparisons).
pub fn date_bounds(d: &PartialDate) -> (String, String) {
    let (m_lo, m_hi) = d.month.map_or((1, 12), |m| (m, m));
    let (d_lo, d_hi) = d.day.map_or((1, 31), |x| (x, x));
    (
        format!("{:04}-{m_lo:02}-{d_lo:02}", d.year),
        format!("{:04}-{m_hi:02}-{d_hi:02}", d.year),
    )
}

/// True when `d` may fall on or before `as_of` (compared at the coarser
/// precision of the two, as the store's `until` filter does).
pub fn on_or_before(d: &PartialDate, as_of: &PartialDate) -> bool {
    date_bounds(d).0 <= date_bounds(as_of).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_written_exactly_and_exist() {
        assert_eq!(parse_date("2024"), Some(PartialDate::year(2024)));
        assert_eq!(parse_date("2024-02"), Some(PartialDate::month(2024, 2)));
        assert_eq!(
            parse_date("2024-02-29"),
            Some(PartialDate::day(2024, 2, 29))
        );
        for bad in [
            "2023-02-29",
            "2024-13",
            "2024-1-5",
            "24",
            "2024-11-14T00:00",
            "yesterday",
            "0000",
            "2024-04-31",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn unknown_repeated_and_empty_parameters_are_refused_by_name() {
        let err = |raw: &str| {
            Params::parse(Some(raw), &["actor", "limit"])
                .err()
                .map(|e| e.message)
                .unwrap_or_default()
        };
        assert!(err("colour=red").contains("'colour'"));
        assert!(err("actor=JPN&actor=USA").contains("twice"));
        assert!(err("actor=").contains("empty"));
        assert!(err("limit=0").is_empty());
        let p = Params::parse(Some("limit=0"), &["limit"]);
        assert!(p.is_ok());
        let page = p.map(|p| p.page().map_err(|e| e.message));
        assert!(matches!(page, Ok(Err(m)) if m.contains("'limit'")));
    }

    #[test]
    fn on_or_before_compares_at_the_coarser_precision() {
        let as_of = PartialDate::day(2024, 7, 5);
        assert!(on_or_before(&PartialDate::month(2024, 7), &as_of));
        assert!(on_or_before(&PartialDate::day(2024, 7, 5), &as_of));
        assert!(!on_or_before(&PartialDate::day(2024, 7, 6), &as_of));
        assert!(on_or_before(
            &PartialDate::day(2024, 7, 30),
            &PartialDate::month(2024, 7)
        ));
    }
}
