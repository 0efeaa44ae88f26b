//! One map point per state (`data/kb/points.tsv`, generated from the
//! Natural Earth outlines by `crates/kb/tools/gen_points.py`), and one per
//! place below the state the knowledge base knows (`data/kb/place_points.tsv`):
//! where the map view and the exports put an event's location.

use crate::ActorId;
use std::collections::HashMap;
use std::sync::OnceLock;

const POINTS: &str = include_str!("../../../data/kb/points.tsv");
const PLACE_POINTS: &str = include_str!("../../../data/kb/place_points.tsv");

/// A point on the map, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

fn table() -> &'static HashMap<&'static str, Point> {
    static TABLE: OnceLock<HashMap<&'static str, Point>> = OnceLock::new();
    TABLE.get_or_init(|| {
        POINTS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let id = cols.next()?;
                let latitude = cols.next()?.parse().ok()?;
                let longitude = cols.next()?.parse().ok()?;
                Some((
                    id,
                    Point {
                        latitude,
                        longitude,
                    },
                ))
            })
            .collect()
    })
}

/// The map point of a state (its mainland's centroid, or its capital for a
/// state too small for the outlines); `None` for anything else.
pub fn state_point(id: &ActorId) -> Option<Point> {
    table().get(id.as_str()).copied()
}

/// The map points of the places below the state (`data/kb/place_points.tsv`)
/// by any of their forms, folded: each with the state it lies in (a name
/// may stand for places in several states: Córdoba).
fn place_table() -> &'static HashMap<String, Vec<(&'static str, Point)>> {
    static TABLE: OnceLock<HashMap<String, Vec<(&'static str, Point)>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut out: HashMap<String, Vec<(&'static str, Point)>> = HashMap::new();
        for l in PLACE_POINTS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut cols = l.split('\t');
            let (Some(state), Some(lat), Some(lon), Some(forms)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let (Ok(latitude), Ok(longitude)) = (lat.trim().parse(), lon.trim().parse()) else {
                continue;
            };
            let point = Point {
                latitude,
                longitude,
            };
            // (a form keeps the table's case marks, `=US`, `?Washington`)
            for f in forms
                .split('|')
                .map(|f| f.trim().trim_start_matches(['=', '^', '?']))
                .filter(|f| !f.is_empty())
            {
                let at = out.entry(crate::fold(f)).or_default();
                if !at.iter().any(|(s, _)| *s == state) {
                    at.push((state, point));
                }
            }
        }
        out
    })
}

/// The map point of a place named as it is written in the text or the
/// tables (`Kharkiv`, `Charkiw`), when the knowledge base knows it: the
/// one in `state` when given, else the first listed; with its state.
pub fn place_point(place: &str, state: Option<&ActorId>) -> Option<(ActorId, Point)> {
    let at = place_table().get(&crate::fold(place.trim()))?;
    let (s, p) = match state {
        Some(st) => at.iter().find(|(s, _)| *s == st.as_str())?,
        None => at.first()?,
    };
    Some((ActorId::new(*s), *p))
}

/// The map point of an event's location: the place the text names, when
/// the knowledge base knows where it lies (in the location's state), else
/// the state's point.
pub fn location_point(location: Option<&crate::Location>) -> Option<Point> {
    let location = location?;
    if let Some((_, point)) = location
        .place
        .as_deref()
        .and_then(|p| place_point(p, location.country.as_ref()))
    {
        return Some(point);
    }
    location.country.as_ref().and_then(state_point)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_table_reads_and_points_lie_where_the_states_are() {
        let rows = POINTS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(table().len(), rows, "a line of points.tsv does not parse");
        let fra = state_point(&ActorId::new("FRA")).unwrap();
        // metropolitan France, not pulled towards French Guiana
        assert!((42.0..51.0).contains(&fra.latitude), "{fra:?}");
        assert!((-5.0..8.0).contains(&fra.longitude), "{fra:?}");
        let sgp = state_point(&ActorId::new("SGP")).unwrap();
        assert!((1.0..2.0).contains(&sgp.latitude), "{sgp:?}");
        assert!(state_point(&ActorId::new("NATO")).is_none());
        assert!(state_point(&ActorId::new("person:x")).is_none());
    }

    #[test]
    fn every_place_line_reads_and_its_state_has_a_point() {
        let mut forms = 0;
        for l in PLACE_POINTS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "place_points.tsv: {l}");
            let lat: f64 = cols[1].trim().parse().expect(l);
            let lon: f64 = cols[2].trim().parse().expect(l);
            assert!(
                (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon),
                "{l}"
            );
            assert!(
                cols[0].len() == 3 && cols[0].chars().all(|c| c.is_ascii_uppercase()),
                "{l}"
            );
            forms += cols[3].split('|').filter(|f| !f.trim().is_empty()).count();
        }
        // a form names one place in a state (folded: accents aside)
        let entries: usize = place_table().values().map(Vec::len).sum();
        assert_eq!(entries, forms, "a form appears twice in one state");
        // the same name in two states: each where it lies
        let spain = place_point("Córdoba", Some(&ActorId::new("ESP")))
            .unwrap()
            .1;
        let argentina = place_point("Cordoba", Some(&ActorId::new("ARG")))
            .unwrap()
            .1;
        assert!(
            spain.latitude > 30.0 && argentina.latitude < -20.0,
            "{spain:?} {argentina:?}"
        );
    }

    #[test]
    fn an_event_in_a_known_place_sits_at_the_place_else_at_its_state() {
        let at = |country: &str, place: Option<&str>| {
            location_point(Some(&crate::Location {
                country: Some(ActorId::new(country)),
                place: place.map(String::from),
            }))
            .unwrap()
        };
        // Kharkiv, written in German: north-east Ukraine, not the centroid
        let kharkiv = at("UKR", Some("Charkiw"));
        assert!((49.5..50.5).contains(&kharkiv.latitude), "{kharkiv:?}");
        assert!((35.5..37.0).contains(&kharkiv.longitude), "{kharkiv:?}");
        let ukraine = state_point(&ActorId::new("UKR")).unwrap();
        assert_ne!(kharkiv, ukraine);
        // Okinawa lies far south of Japan's centroid
        let okinawa = at("JPN", Some("Okinawa"));
        assert!((24.0..27.5).contains(&okinawa.latitude), "{okinawa:?}");
        // a place nobody listed, or one the text puts in another state:
        // the state's point
        assert_eq!(at("UKR", Some("Nowhereville")), ukraine);
        assert_eq!(
            at("POL", Some("Kharkiv")),
            state_point(&ActorId::new("POL")).unwrap()
        );
        assert_eq!(at("UKR", None), ukraine);
    }
}
