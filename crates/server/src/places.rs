//! Events by place, for the map view (`GET /api/places`): one entry per
//! state named as an event's location, at the state's map point.

use entente_model::{Event, geo};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

struct Tally {
    point: geo::Point,
    events: usize,
    quads: BTreeMap<&'static str, usize>,
    places: BTreeSet<String>,
}

/// Count the events by the state of their location. Events without a
/// location, or located in something that has no map point, are counted in
/// `unplaced`.
pub fn places(events: &[Event]) -> Value {
    let mut by: BTreeMap<String, Tally> = BTreeMap::new();
    let mut unplaced = 0;
    for e in events {
        let (Some(country), Some(point)) = (
            e.location.as_ref().and_then(|l| l.country.as_ref()),
            geo::location_point(e.location.as_ref()),
        ) else {
            unplaced += 1;
            continue;
        };
        let t = by.entry(country.0.clone()).or_insert_with(|| Tally {
            point,
            events: 0,
            quads: BTreeMap::new(),
            places: BTreeSet::new(),
        });
        t.events += 1;
        *t.quads.entry(e.event_type.quad().as_str()).or_default() += 1;
        if let Some(place) = e.location.as_ref().and_then(|l| l.place.clone()) {
            t.places.insert(place);
        }
    }
    let mut rows: Vec<(String, Tally)> = by.into_iter().collect();
    rows.sort_by(|a, b| b.1.events.cmp(&a.1.events).then_with(|| a.0.cmp(&b.0)));
    let places: Vec<Value> = rows
        .into_iter()
        .map(|(id, t)| {
            json!({
                "country": id,
                "latitude": t.point.latitude,
                "longitude": t.point.longitude,
                "events": t.events,
                "quads": t.quads,
                "places": t.places,
            })
        })
        .collect();
    json!({ "places": places, "unplaced": unplaced })
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_model::{ActorId, DatePrecision, EventStatus, EventType, Location};

    fn event(t: EventType, country: Option<&str>, place: Option<&str>) -> Event {
        Event {
            id: "ev".into(),
            event_type: t,
            mode: vec![],
            context: vec![],
            actor: vec![],
            recipient: vec![],
            actor_persons: vec![],
            recipient_persons: vec![],
            actor_sectors: vec![],
            recipient_sectors: vec![],
            date: None,
            date_precision: DatePrecision::Unknown,
            location: country.map(|c| Location {
                country: Some(ActorId::new(c)),
                place: place.map(str::to_string),
            }),
            status: EventStatus::Reported,
            confidence: 0.5,
            why: vec![],
            evidence: vec![],
            trigger: None,
        }
    }

    #[test]
    fn events_are_counted_at_their_state_most_first() {
        let v = places(&[
            event(EventType::Consult, Some("PER"), Some("Lima")),
            event(EventType::Assault, Some("UKR"), None),
            event(EventType::Assault, Some("UKR"), Some("Kharkiv")),
            event(EventType::Agree, None, None),
            event(EventType::Agree, Some("NATO"), None),
        ]);
        let rows = v["places"].as_array().unwrap();
        assert_eq!(rows.len(), 2, "{v}");
        assert_eq!(rows[0]["country"], "UKR");
        assert_eq!(rows[0]["events"], 2);
        assert_eq!(rows[0]["quads"]["material-conflict"], 2, "{v}");
        assert_eq!(rows[0]["places"], json!(["Kharkiv"]));
        assert_eq!(rows[1]["country"], "PER");
        assert!(
            rows[1]["latitude"].as_f64().unwrap() < 0.0,
            "Peru lies south"
        );
        assert_eq!(v["unplaced"], 2);
    }
}
