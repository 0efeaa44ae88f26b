//! The JSON endpoints: each handler checks its parameters, runs one query
//! on a pooled store off the async runtime, and pages the answer.
//!
//! Read-only but for `POST /api/corrections` ([`correct`]), which a server
//! accepts only when started with `--editors`, from an analyst's token.

use crate::App;
use crate::network::{self, TimelineItem};
use crate::params::{ApiError, Page, Params, date_bounds};
use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use entente_model::{Document, Event, Flag};
use entente_store::{AgreementFilter, EventFilter, Store};
use serde::Serialize;
use serde_json::{Value, json};

/// The actor a query parameter names (`actor=JPN`, `actor=jpn`,
/// `actor=Giappone`, `actor=person:takeshi-iwaya`, `actor=Takeshi Iwaya`),
/// or a 400 that suggests near names. A value written as an identifier
/// (`ATL`, `person:…`) that no actor has is taken as written: the query is
/// valid and matches nothing.
async fn actor_param(
    app: &App,
    p: &Params,
    name: &str,
) -> Result<Option<entente_model::ActorId>, ApiError> {
    use crate::lookup;
    let Some(value) = p.text(name).map(str::to_string) else {
        return Ok(None);
    };
    // a prefixed identifier (`person:…`, what the page sends) is taken as
    // written, without running the linker over it
    if value.contains(':') && lookup::looks_like_identifier(&value) {
        return p.actor(name);
    }
    if let Some(id) = lookup::actor_in_kb(&app.kb, &value) {
        return Ok(Some(id));
    }
    let looked_up = value.clone();
    let found = app
        .pool
        .run(move |store| Ok(lookup::actor_in_records(&store.actors()?, &looked_up)))
        .await?;
    if found.is_err() && lookup::looks_like_identifier(&value) {
        return p.actor(name);
    }
    found.map(Some).map_err(|near| {
        ApiError::bad_request(lookup::unknown_actor_message(
            &format!("parameter '{name}' ="),
            &value,
            &near,
        ))
    })
}

/// Parameters of each endpoint; anything else is refused by name. The
/// OpenAPI description lists the same (a test holds them together).
pub const DOCUMENTS_PARAMS: &[&str] = &["actor", "flag", "limit", "offset"];
pub const ACTORS_PARAMS: &[&str] = &["type", "limit", "offset"];
pub const EVENTS_PARAMS: &[&str] = &[
    "actor", "type", "since", "until", "text", "status", "limit", "offset",
];
pub const AGREEMENTS_PARAMS: &[&str] = &["party", "status", "type", "limit", "offset"];
pub const NETWORK_PARAMS: &[&str] = &["as_of"];
pub const TIMELINE_PARAMS: &[&str] = &["actor", "other", "limit", "offset"];
pub const TRENDS_PARAMS: &[&str] = &[
    "actor", "other", "type", "since", "until", "text", "by", "every",
];
pub const SEARCH_PARAMS: &[&str] = &["q", "limit", "offset"];
pub const PLACES_PARAMS: &[&str] = &["actor", "type", "since", "until", "text"];

/// The longest record identifier accepted in a path.
const MAX_ID_CHARS: usize = 200;

/// One page of a list, with the size of the whole list.
#[derive(Debug, Serialize)]
pub struct ListPage<T> {
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub items: Vec<T>,
}

fn page_of<T, U>(all: Vec<T>, page: Page, f: impl Fn(T) -> U) -> ListPage<U> {
    let total = all.len();
    let items = all
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .map(f)
        .collect();
    ListPage {
        total,
        offset: page.offset,
        limit: page.limit,
        items,
    }
}

/// A page of records, each written as JSON.
fn json_page<T: Serialize>(all: Vec<T>, page: Page) -> Result<ListPage<Value>, ApiError> {
    let list = page_of(all, page, |x| to_json(&x));
    let items = list.items.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok(ListPage {
        total: list.total,
        offset: list.offset,
        limit: list.limit,
        items,
    })
}

fn to_json<T: Serialize>(value: &T) -> Result<Value, ApiError> {
    serde_json::to_value(value)
        .map_err(|e| ApiError::internal(format!("cannot write the answer as JSON: {e}")))
}

/// An event as the API (and `entente events --format json`) gives it: the
/// export record plus its PLOVER quad.
pub fn event_json(e: &Event) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("quad".into(), json!(e.event_type.quad()));
        // the map point of the location's state
        if let (Some(Value::Object(loc)), Some(p)) = (
            map.get_mut("location"),
            entente_model::geo::location_point(e.location.as_ref()),
        ) {
            loc.insert("latitude".into(), json!(p.latitude));
            loc.insert("longitude".into(), json!(p.longitude));
        }
    }
    v
}

/// A record id from the path: present, short, decodable.
fn record_id(path: Result<Path<String>, PathRejection>, what: &str) -> Result<String, ApiError> {
    let Path(id) =
        path.map_err(|e| ApiError::bad_request(format!("the {what} id in the path: {e}")))?;
    if id.trim().is_empty() || id.chars().count() > MAX_ID_CHARS {
        return Err(ApiError::bad_request(format!(
            "the {what} id must have 1 to {MAX_ID_CHARS} characters"
        )));
    }
    Ok(id)
}

/// `GET /healthz`: the store answers, and how much it holds.
pub async fn healthz(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let counts = app.pool.run(|s| Ok(s.counts()?)).await?;
    Ok(Json(json!({
        "status": "ok",
        "documents": counts.documents,
        "events": counts.events,
        "agreements": counts.agreements,
    })))
}

/// A document without its text, for lists.
#[derive(Debug, Serialize)]
struct DocumentSummary {
    id: String,
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    title: String,
    lang: String,
    published: Option<entente_model::PartialDate>,
    actors: Vec<entente_model::ActorId>,
    flags: Vec<Flag>,
    /// Length of the cleaned body in characters (Unicode code points).
    chars: usize,
}

/// `GET /api/documents`: documents in the order stored, without texts.
pub async fn documents(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<ListPage<Value>>, ApiError> {
    let p = Params::parse(q.as_deref(), DOCUMENTS_PARAMS)?;
    let actor = actor_param(&app, &p, "actor").await?;
    let flag = p.text("flag").map(|f| Flag(f.to_string()));
    let page = p.page()?;
    let list = app
        .pool
        .run(move |store| {
            let mut total = 0usize;
            let mut items = Vec::new();
            store.each_document(&mut |d: Document| {
                let wanted = actor.as_ref().is_none_or(|a| d.actors.contains(a))
                    && flag.as_ref().is_none_or(|f| d.flags.contains(f));
                if wanted {
                    if total >= page.offset && items.len() < page.limit {
                        items.push(DocumentSummary {
                            chars: d.text.chars().count(),
                            id: d.id,
                            source: d.source,
                            url: d.url,
                            title: d.title,
                            lang: d.lang,
                            published: d.published,
                            actors: d.actors,
                            flags: d.flags,
                        });
                    }
                    total += 1;
                }
                Ok(())
            })?;
            let items = items.iter().map(to_json).collect::<Result<Vec<_>, _>>()?;
            Ok(ListPage {
                total,
                offset: page.offset,
                limit: page.limit,
                items,
            })
        })
        .await?;
    Ok(Json(list))
}

/// `GET /api/documents/{id}`: one document with its cleaned text.
pub async fn document(
    State(app): State<App>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let id = record_id(path, "document")?;
    let answer = app
        .pool
        .run(move |store| {
            let doc = store
                .document(&id)?
                .ok_or_else(|| ApiError::not_found(format!("no document with id '{id}'")))?;
            let chars = doc.text.chars().count();
            let mut v = to_json(&doc)?;
            if let Value::Object(map) = &mut v {
                map.insert("chars".into(), json!(chars));
            }
            Ok(v)
        })
        .await?;
    Ok(Json(answer))
}

/// `GET /api/actors`: one record per actor, by identifier.
pub async fn actors(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<ListPage<Value>>, ApiError> {
    let p = Params::parse(q.as_deref(), ACTORS_PARAMS)?;
    let actor_type = p.actor_type("type")?;
    let page = p.page()?;
    let list = app
        .pool
        .run(move |store| {
            let all: Vec<_> = store
                .actors()?
                .into_iter()
                .filter(|a| actor_type.is_none_or(|t| a.actor_type == t))
                .collect();
            json_page(all, page)
        })
        .await?;
    Ok(Json(list))
}

/// The events filter of `actor`, `type`, `since`, `until` and `text`
/// (`/api/events`, `/api/trends`); a range that ends before it starts is
/// refused.
async fn event_filter(app: &App, p: &Params) -> Result<EventFilter, ApiError> {
    let filter = EventFilter {
        actor: actor_param(app, p, "actor").await?,
        event_type: p.event_type("type")?,
        since: p.date("since")?,
        until: p.date("until")?,
        text: p.text("text").map(String::from),
        rejected: false,
        document: None,
    };
    if let (Some(since), Some(until)) = (&filter.since, &filter.until)
        && date_bounds(since).0 > date_bounds(until).1
    {
        return Err(ApiError::bad_request(format!(
            "parameter 'since' ({since}) is after 'until' ({until})"
        )));
    }
    Ok(filter)
}

/// `GET /api/events`: fused events, by date, filtered.
pub async fn events(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<ListPage<Value>>, ApiError> {
    let p = Params::parse(q.as_deref(), EVENTS_PARAMS)?;
    let filter = event_filter(&app, &p).await?;
    let status = p.event_status("status")?;
    let page = p.page()?;
    let list = app
        .pool
        .run(move |store| {
            // Counted and cut in the database: a page costs the same
            // however many events match.
            let (total, events) = store.events_page(&filter, status, page.limit, page.offset)?;
            Ok(ListPage {
                total: usize::try_from(total).unwrap_or(usize::MAX),
                offset: page.offset,
                limit: page.limit,
                items: events.iter().map(event_json).collect(),
            })
        })
        .await?;
    Ok(Json(list))
}

/// `GET /api/events/{id}`: one fused event with all its evidence.
pub async fn event(
    State(app): State<App>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let id = record_id(path, "event")?;
    let kb = app.kb.clone();
    let answer = app
        .pool
        .run(move |store| {
            // a keyed read; a record analysts hid is not served
            match store.record(&id)? {
                Some(entente_store::corrections::Record::Event(e, mark))
                    if !mark.as_ref().is_some_and(|m| m.hidden()) =>
                {
                    Ok(with_persons(&e, &kb))
                }
                _ => Err(ApiError::not_found(format!("no event with id '{id}'"))),
            }
        })
        .await?;
    Ok(Json(answer))
}

/// An event as the list gives it, plus `persons`: each person of either
/// side with the name and the role they held at the event's date (an
/// undated event: their latest role), from the knowledge base.
fn with_persons(e: &Event, kb: &entente_kb::Kb) -> Value {
    let mut v = event_json(e);
    let persons: Vec<Value> = e
        .actor_persons
        .iter()
        .chain(e.recipient_persons.iter())
        .map(|id| match kb.record_at(id, e.date) {
            Some(r) => json!({
                "id": r.id, "name": r.name, "role": r.role, "affiliation": r.affiliation,
            }),
            None => json!({ "id": id, "name": null, "role": null, "affiliation": null }),
        })
        .collect();
    if let Value::Object(map) = &mut v {
        map.insert("persons".into(), Value::Array(persons));
    }
    v
}

/// `GET /api/agreements`: agreements by type, then status date.
pub async fn agreements(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<ListPage<Value>>, ApiError> {
    let p = Params::parse(q.as_deref(), AGREEMENTS_PARAMS)?;
    let filter = AgreementFilter {
        party: actor_param(&app, &p, "party").await?,
        status: p.agreement_status("status")?,
        rejected: false,
    };
    let agreement_type = p.agreement_type("type")?;
    let page = p.page()?;
    let list = app
        .pool
        .run(move |store| {
            let all: Vec<_> = store
                .agreements(&filter)?
                .into_iter()
                .filter(|a| agreement_type.is_none_or(|t| a.agreement_type == t))
                .collect();
            json_page(all, page)
        })
        .await?;
    Ok(Json(list))
}

/// `GET /api/agreements/{id}`: one agreement with its history.
pub async fn agreement(
    State(app): State<App>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let id = record_id(path, "agreement")?;
    let answer = app
        .pool
        .run(move |store| match store.record(&id)? {
            Some(entente_store::corrections::Record::Agreement(a, mark))
                if !mark.as_ref().is_some_and(|m| m.hidden()) =>
            {
                to_json(&*a)
            }
            _ => Err(ApiError::not_found(format!("no agreement with id '{id}'"))),
        })
        .await?;
    Ok(Json(answer))
}

/// `GET /api/network?as_of=DATE`: states and IGOs, event and agreement
/// edges, as of a date.
pub async fn network(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref(), NETWORK_PARAMS)?;
    let as_of = p.date("as_of")?;
    let answer = app
        .pool
        .run(move |store: &dyn Store| {
            let events = store.events(&EventFilter::default())?;
            let agreements = store.agreements(&AgreementFilter::default())?;
            let actors = store.actors()?;
            to_json(&network::network(&events, &agreements, &actors, as_of))
        })
        .await?;
    Ok(Json(answer))
}

/// `GET /api/timeline?actor=X[&other=Y]`: events and agreement status
/// changes of an actor or a pair, in date order.
pub async fn timeline(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<ListPage<TimelineItem>>, ApiError> {
    let p = Params::parse(q.as_deref(), TIMELINE_PARAMS)?;
    let actor = actor_param(&app, &p, "actor").await?.ok_or_else(|| {
        ApiError::bad_request("parameter 'actor' is required: an actor identifier such as JPN")
    })?;
    let other = actor_param(&app, &p, "other").await?;
    let page = p.page()?;
    let list = app
        .pool
        .run(move |store| {
            let events = store.events(&EventFilter {
                actor: Some(actor.clone()),
                ..EventFilter::default()
            })?;
            let agreements = store.agreements(&AgreementFilter {
                party: Some(actor.clone()),
                ..AgreementFilter::default()
            })?;
            let items = network::timeline(&events, &agreements, &actor, other.as_ref());
            Ok(page_of(items, page, |i| i))
        })
        .await?;
    Ok(Json(list))
}

/// `GET /api/trends`: counts of events per month or week, by type or quad
/// class, for everything, an actor or a pair (`crate::trends`).
pub async fn trends(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<crate::trends::Trends>, ApiError> {
    use crate::trends::{By, Every};
    let p = Params::parse(q.as_deref(), TRENDS_PARAMS)?;
    let by = match p.text("by") {
        None => By::Type,
        Some(v) => By::parse(v).ok_or_else(|| {
            ApiError::bad_request(format!("parameter 'by' = {v:?} is not type or quad"))
        })?,
    };
    let every = match p.text("every") {
        None => Every::Month,
        Some(v) => Every::parse(v).ok_or_else(|| {
            ApiError::bad_request(format!("parameter 'every' = {v:?} is not month or week"))
        })?,
    };
    let filter = event_filter(&app, &p).await?;
    let other = actor_param(&app, &p, "other").await?;
    if other.is_some() && filter.actor.is_none() {
        return Err(ApiError::bad_request(
            "parameter 'other' needs 'actor': the pair's first actor",
        ));
    }
    let answer = app
        .pool
        .run(move |store| {
            let events = store.events(&filter)?;
            Ok(crate::trends::trends(&events, other.as_ref(), every, by))
        })
        .await?;
    Ok(Json(answer))
}

/// `GET /api/places`: where the selected events happened — one entry per
/// state named as an event's location, with its map point, the number of
/// events, their quad classes and the places named in it, most events first.
pub async fn places(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref(), PLACES_PARAMS)?;
    let filter = event_filter(&app, &p).await?;
    let answer = app
        .pool
        .run(move |store| Ok(crate::places::places(&store.events(&filter)?)))
        .await?;
    Ok(Json(answer))
}

/// `GET /api/search?q=WORDS`: documents containing the words as a phrase.
pub async fn search(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref(), SEARCH_PARAMS)?;
    let words = p
        .required("q", "the words to find in article titles and bodies")?
        .to_string();
    let page = p.page()?;
    // words that name an actor also find the articles that mention it under
    // another of its names (`Philippines` finds `le Filippine`), after the
    // articles that contain the words themselves
    let actor = crate::lookup::actor_named(&app.kb, &words);
    let answer = app
        .pool
        .run(move |store| {
            let found = store.search(&words, page.limit, page.offset)?;
            let mut hits: Vec<Value> = found.hits.iter().map(to_json).collect::<Result<_, _>>()?;
            let mut total = found.total;
            if let Some(actor) = &actor {
                let needle = entente_model::fold(&words);
                let mut also = Vec::new();
                store.each_document(&mut |d: Document| {
                    if d.actors.contains(actor)
                        && !entente_model::fold(&d.title).contains(&needle)
                        && !entente_model::fold(&d.text).contains(&needle)
                    {
                        also.push(d);
                    }
                    Ok(())
                })?;
                total += also.len() as u64;
                let skip = page.offset.saturating_sub(found.total as usize);
                let room = page.limit.saturating_sub(hits.len());
                for d in also.into_iter().skip(skip).take(room) {
                    let mut hit = to_json(&entente_store::SearchHit {
                        snippet: d.text.chars().take(200).collect(),
                        document: d.id,
                        source: d.source,
                        title: d.title,
                        lang: d.lang,
                        published: d.published,
                    })?;
                    if let Value::Object(map) = &mut hit {
                        map.insert("mentions".into(), json!(actor));
                    }
                    hits.push(hit);
                }
            }
            Ok(json!({
                "total": total,
                "offset": page.offset,
                "limit": page.limit,
                "items": hits,
                "actor": actor,
            }))
        })
        .await?;
    Ok(Json(answer))
}

/// `GET /api/openapi.json`: the description of every endpoint.
pub async fn openapi(
    RawQuery(q): RawQuery,
) -> Result<([(axum::http::HeaderName, &'static str); 1], &'static str), ApiError> {
    Params::parse(q.as_deref(), &[])?;
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        crate::OPENAPI,
    ))
}

/// The body of `POST /api/corrections`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    /// The fused id of the event or agreement, as listed now.
    pub record: String,
    pub action: entente_store::corrections::Action,
    #[serde(default)]
    pub edit: Option<entente_store::corrections::Edit>,
    #[serde(default)]
    pub comment: Option<String>,
    /// For a merge: the id of the record merged into `record`.
    #[serde(default)]
    pub other: Option<String>,
    /// For a split: the sentences of `record` that become a record of
    /// their own.
    #[serde(default)]
    pub evidence: Option<Vec<entente_store::corrections::EvidenceKey>>,
}

fn unauthorized(message: &str) -> ApiError {
    ApiError {
        status: axum::http::StatusCode::UNAUTHORIZED,
        message: message.into(),
    }
}

/// `POST /api/corrections`: confirm, reject, edit, merge or split a record as the
/// analyst whose bearer token the request carries. Refused with 401, and
/// nothing changed, on a read-only server and without a valid token.
pub async fn correct(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<(axum::http::StatusCode, Json<Value>), ApiError> {
    let Some(writer) = app.writer.clone() else {
        return Err(unauthorized(
            "this server is read-only; corrections need a server started with `entente serve --editors FILE` and an analyst's token",
        ));
    };
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or("");
    let author = writer
        .editors
        .analyst(token)
        .map(String::from)
        .ok_or_else(|| unauthorized("send `Authorization: Bearer TOKEN` with your editor token"))?;
    let request: CorrectionRequest = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "the body must be JSON {{\"record\", \"action\": confirm|reject|edit|merge|split, \"edit\", \"other\", \"evidence\", \"comment\"}}: {e}"
        ))
    })?;
    {
        use entente_store::corrections::Action;
        if request.action == Action::Revert {
            return Err(ApiError::bad_request(
                "the API takes confirm, reject, edit, merge and split; a revert is made with `entente review revert`",
            ));
        }
        if request.edit.is_some() && request.action != Action::Edit {
            return Err(ApiError::bad_request(
                "only an edit carries \"edit\" values",
            ));
        }
        if (request.action == Action::Merge) != request.other.is_some() {
            return Err(ApiError::bad_request(
                "a merge, and only a merge, names the record merged into this one in \"other\"",
            ));
        }
        if (request.action == Action::Split) != request.evidence.is_some() {
            return Err(ApiError::bad_request(
                "a split, and only a split, names the sentences that become a record of their own in \"evidence\"",
            ));
        }
    }
    let _one = writer.one_at_a_time.lock().await;
    let db = writer.db.clone();
    let answer = tokio::task::spawn_blocking(move || -> Result<Value, ApiError> {
        use entente_store::corrections::{self, Correction};
        let mut store = entente_store::open(&db)?;
        let record =
            corrections::find_record(store.as_ref(), &request.record)?.ok_or_else(|| {
                ApiError::not_found(format!(
                    "no event or agreement with id '{}'; ids change when the record is rebuilt",
                    request.record
                ))
            })?;
        let at = corrections::now_utc();
        let comment = request.comment.as_deref();
        let invalid = |e: corrections::InvalidCorrection| ApiError::bad_request(e.to_string());
        if let Some(other) = &request.other {
            let from = corrections::find_record(store.as_ref(), other)?.ok_or_else(|| {
                ApiError::not_found(format!(
                    "no event or agreement with id '{other}'; ids change when the record is rebuilt"
                ))
            })?;
            if other.trim() == request.record.trim() {
                return Err(ApiError::bad_request(
                    "a record cannot be merged into itself",
                ));
            }
            let c = Correction::merge(&author, &at, comment, record.key(), from.key())
                .map_err(invalid)?;
            let now = corrections::add_and_apply(store.as_mut(), &c)?;
            return Ok(json!({"correction": c, "record": now}));
        }
        if let Some(evidence) = request.evidence {
            let c = Correction::split(&author, &at, comment, record.key(), evidence)
                .map_err(invalid)?;
            let now = corrections::add_and_apply(store.as_mut(), &c)?;
            let split_off = corrections::find_record(store.as_ref(), now.as_deref().unwrap_or(""))?
                .and_then(|r| match r {
                    corrections::Record::Event(_, m) | corrections::Record::Agreement(_, m) => m,
                })
                .and_then(|m| m.split_off.last().cloned());
            return Ok(json!({"correction": c, "record": now, "split_off": split_off}));
        }
        let seen = request
            .edit
            .as_ref()
            .map(|e| corrections::seen_values(&record, e));
        let mut correction = Correction::new(
            &author,
            &at,
            comment,
            request.action,
            request.edit,
            record.key(),
        )
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
        if let Some(seen) = seen {
            correction = correction
                .with_seen(seen)
                .map_err(|e| ApiError::bad_request(e.to_string()))?;
        }
        let now = entente_store::corrections::add_and_apply(store.as_mut(), &correction)?;
        Ok(json!({
            "correction": correction,
            "record": now,
        }))
    })
    .await
    .map_err(|e| ApiError::internal(format!("the correction failed: {e}")))??;
    Ok((axum::http::StatusCode::CREATED, Json(answer)))
}
