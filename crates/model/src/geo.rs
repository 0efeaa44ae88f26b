//! One map point per state (`data/kb/points.tsv`, generated from the
//! Natural Earth outlines by `crates/kb/tools/gen_points.py`): where the map
//! view and the exports put an event whose location names only its state.

use crate::ActorId;
use std::collections::HashMap;
use std::sync::OnceLock;

const POINTS: &str = include_str!("../../../data/kb/points.tsv");

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

/// The map point of an event's location: its state's point, whatever
/// place inside the state the text names.
pub fn location_point(location: Option<&crate::Location>) -> Option<Point> {
    location
        .and_then(|l| l.country.as_ref())
        .and_then(state_point)
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
}
