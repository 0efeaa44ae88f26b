//! Actors named the way people name them: an identifier in any case
//! (`jpn`), a name or alias in any language the knowledge base knows
//! (`Japan`, `Giappone`, `Japon`), or the identifier or name of an actor in
//! the database (people and organisations the knowledge base does not
//! list). Shared by the command line's `--actor` / `--party` and the API's
//! `actor`, `other` and `party` parameters.

use entente_kb::Kb;
use entente_model::{ActorId, ActorRecord};

/// The languages whose names are tried, in order.
const LANGUAGES: [&str; 5] = ["en", "it", "fr", "es", "de"];

/// The actor `value` names through the knowledge base alone: an
/// identifier it lists (any case), or a whole name or alias in one of its
/// languages of an actor it lists (not a person the linker would make of
/// any capitalised words: `J P N` names nobody).
pub fn actor_in_kb(kb: &Kb, value: &str) -> Option<ActorId> {
    let value = value.trim();
    for id in [value.to_string(), value.to_uppercase()] {
        let id = ActorId::new(id);
        if kb.name(&id).is_some() {
            return Some(id);
        }
    }
    whole_name(kb, value)
}

/// The actor whose name or alias in any language the knowledge base knows
/// is the whole of `value` (`Filippine`, `the Philippines`): what a full-text
/// search also looks for under its other names. Identifiers are not tried
/// (a search for `can` is not one for Canada).
pub fn actor_named(kb: &Kb, value: &str) -> Option<ActorId> {
    let value = value.trim();
    if value.chars().count() < 3 {
        return None;
    }
    whole_name(kb, value)
}

/// The actor the knowledge base links the whole of `value` to, trying each
/// language in turn.
fn whole_name(kb: &Kb, value: &str) -> Option<ActorId> {
    let chars = value.chars().count();
    LANGUAGES.iter().find_map(|lang| {
        kb.link_text(value, lang, None)
            .into_iter()
            .find(|m| m.start == 0 && m.end == chars && kb.name(&m.actor).is_some())
            .map(|m| m.actor)
    })
}

/// The actor of the database whose identifier or name is `value` (case
/// ignored); else, as suggestions, the identifiers of up to five actors
/// whose names contain it, are contained in it, or share a word of four
/// letters or more with it (`Kamikawa Yoko-san` → `person:yoko-kamikawa`).
pub fn actor_in_records(actors: &[ActorRecord], value: &str) -> Result<ActorId, Vec<String>> {
    let lower = value.trim().to_lowercase();
    if let Some(a) = actors
        .iter()
        .find(|a| a.id.as_str().to_lowercase() == lower || a.name.to_lowercase() == lower)
    {
        return Ok(a.id.clone());
    }
    Err(actors
        .iter()
        .filter(|a| {
            let name = a.name.to_lowercase();
            let shares_word = lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .any(|w| name.split(|c: char| !c.is_alphanumeric()).any(|n| n == w));
            !lower.is_empty() && (name.contains(&lower) || lower.contains(&name) || shares_word)
        })
        .map(|a| a.id.as_str().to_string())
        .take(5)
        .collect())
}

/// True when `value` is written as an identifier: a code in capitals
/// (`JPN`, `NATO`, `EU`) or a prefixed one (`person:…`, `org:…`). Such a
/// value that names no known actor is still a valid query, with no match.
pub fn looks_like_identifier(value: &str) -> bool {
    let v = value.trim();
    let code = !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    let prefixed = v.split_once(':').is_some_and(|(kind, rest)| {
        !kind.is_empty()
            && kind.chars().all(|c| c.is_ascii_lowercase())
            && !rest.is_empty()
            && !rest.chars().any(char::is_whitespace)
    });
    code || prefixed
}

/// What to tell someone whose value named no actor.
pub fn unknown_actor_message(what: &str, value: &str, near: &[String]) -> String {
    let hint = if near.is_empty() {
        "the actors are listed by `entente actors` and /api/actors".to_string()
    } else {
        format!("did you mean {}?", near.join(", "))
    };
    format!(
        "{what} {value:?} is not an actor identifier or name entente knows (JPN, NATO, \
         person:takeshi-iwaya, Japan, Giappone); {hint}"
    )
}
