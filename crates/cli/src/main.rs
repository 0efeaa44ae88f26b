//! The `entente` command line: parses arguments and wires the libraries.
//!
//! Each subcommand is a few lines that open the store, call a library and
//! print; no extraction, storage or export logic lives here.
#![forbid(unsafe_code)]

mod output;
mod review;

// mimalloc: entente allocates many small strings per sentence; the
// system allocator cost about a tenth of the ingest's CPU (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use entente_cli::ingest;
use entente_model::{ActorId, AgreementStatus, AgreementType, EventStatus, EventType, PartialDate};
use entente_store::{AgreementFilter, EventFilter, Store, corrections, export};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const ABOUT: &str = "entente: a source-cited record of actors, PLOVER events and security agreements, built from news articles";

const LONG_ABOUT: &str = "\
entente reads news articles about international security (files, folders, \
RSS/Atom feeds, JSON Lines, WARC) in several languages and keeps, in a \
database, who the actors are, what happened between them (PLOVER events) and \
which security agreements bind them, each fact pointing back to the sentence \
it came from.

DB is a file path (an embedded SQLite database, created by ingest if missing; \
the other commands only read it) or a \
postgres://USER@HOST/DATABASE URL (PostgreSQL; the database must exist). It \
defaults to $ENTENTE_DB, or entente.db in the working directory.

Typical use:
  entente ingest samples/
  entente agreements
  entente events --actor JPN --since 2024
  entente export --format jsonl -o record.jsonl
  entente review list --actor JPN
  entente review reject ev-1a2b3c4d5e6f7a8b --comment \"not an event\"";

#[derive(Parser)]
#[command(name = "entente", version, about = ABOUT, long_about = LONG_ABOUT)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The database option every subcommand takes.
#[derive(Args)]
struct DbArg {
    /// Database: a file path (SQLite) or a postgres:// URL.
    #[arg(
        long,
        env = "ENTENTE_DB",
        hide_env_values = true,
        default_value = "entente.db",
        value_name = "DB"
    )]
    db: String,
}

/// The filters of events, shared by `events`, `trends` and `export`.
#[derive(Args)]
struct EventArgs {
    /// An actor taking part in any role: an identifier in any case (JPN,
    /// jpn, NATO, person:…) or a name in any language (Japan, Giappone).
    #[arg(long, value_name = "ID|NAME")]
    actor: Option<String>,
    /// A PLOVER event type (case-insensitive).
    #[arg(long = "type", value_name = "TYPE")]
    event_type: Option<String>,
    /// Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Latest date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Words an evidencing article must contain, as a phrase.
    #[arg(long, value_name = "WORDS")]
    text: Option<String>,
    /// Also the records analysts rejected (hidden by default; see
    /// `entente review`).
    #[arg(long)]
    rejected: bool,
}

impl EventArgs {
    /// The filter, its values checked before any database is opened;
    /// `--actor` is then resolved in the database ([`EventArgs::resolve`]).
    fn parse(&self) -> Result<EventFilter> {
        Ok(EventFilter {
            actor: None,
            event_type: self
                .event_type
                .as_deref()
                .map(parse_event_type)
                .transpose()?,
            since: self
                .since
                .as_deref()
                .map(|d| parse_date("--since", d))
                .transpose()?,
            until: self
                .until
                .as_deref()
                .map(|d| parse_date("--until", d))
                .transpose()?,
            text: self.text.clone().filter(|t| !t.trim().is_empty()),
            rejected: self.rejected,
            document: None,
        })
    }

    /// `filter` with `--actor` resolved in `store`.
    fn resolve(&self, store: &dyn Store, filter: EventFilter) -> Result<EventFilter> {
        Ok(EventFilter {
            actor: self
                .actor
                .as_deref()
                .map(|a| resolve_actor(store, "--actor", a))
                .transpose()?,
            ..filter
        })
    }
}

#[derive(Subcommand)]
enum Command {
    /// Read articles, extract their record and store it.
    #[command(long_about = "\
Read every article under each PATH (a file or a folder, recursively: .txt, \
.html/.htm, RSS/Atom feeds, .jsonl, .warc/.warc.gz), clean it, link its \
actors, code its events and agreements, and store it. An article already \
stored (same cleaned text) is counted as known and left alone, unless this \
copy brings metadata the stored one lacks (e.g. a publication date): then it \
is updated. Files that cannot be read are reported once, as `skipped FILE: \
REASON` on standard error, and do not fail the call. At the end the fused record is rebuilt and a \
summary is printed: `stored N, already known K, updated U, skipped S`.

An article's publication date is read from its metadata (a JSONL \
`published` field, a page's meta tags, a feed entry, a WARC record), else \
from a date line at the head of its text (`Published 12 March 2024`), else \
from a date in its address (`…/2024/03/12/…`), else from a date in its file \
name (`2024-03-12_summit.txt`), else it is --published when given. Relative \
dates in the text (`on Tuesday`, `last month`) count from it; the export \
says where each document's date came from (`published_from`).

The call can be interrupted at any time: each batch is stored in one \
transaction, and running the same call again completes the work without \
duplicates. With a postgres:// DB, several ingests may run at once, over \
overlapping inputs: each article is stored once, and the record after the \
last one finishes is that of all their articles.

Examples:
  entente ingest samples/
  entente ingest --db /tmp/e.db ../shared/eval/seeds/corpus.jsonl
  ENTENTE_DB=news.db entente ingest feeds/ crawl.warc.gz
  entente ingest --db postgres://entente@db.example/news crawl/2024-01/
  entente ingest --published 2024-03-12 notes/")]
    Ingest {
        #[command(flatten)]
        db: DbArg,
        /// The publication date (YYYY, YYYY-MM or YYYY-MM-DD) of the articles
        /// whose metadata, head, address and file name give none.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// Files or folders to read.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Write the whole record as JSON Lines, CSV or GraphML.
    #[command(long_about = "\
Write the whole record to FILE (or standard output).

  jsonl    one JSON object per line, each with a `kind`: every document \
(with its cleaned text), then the actors (one record per identifier), then \
the fused events, then the agreements. This is the contract of SPEC \
section 5 and what the evaluation script reads.
  csv      with -o FOLDER (an existing folder, or a path ending in /): one \
tidy table per kind in it, documents.csv (id, source, url, title, lang, \
published, published_from, actors, flags), actors.csv, events.csv and \
agreements.csv with the columns of `entente actors|events|agreements \
--format csv`, and agreement_steps.csv (agreement_id, step, status, date, \
documents, evidence): each agreement's history, a step a row. Otherwise \
one CSV table with a header, one row per record, `kind` first. \
Columns: kind,id,type,name,mode,context,actor,recipient,persons,date,\
date_precision,location,latitude,longitude,status,affiliation,role,lang,\
source,confidence,\
evidence_count,documents,first_evidence. A column that does not apply to a \
kind is empty; lists are joined with `;`. Documents: title in `name`, \
publication date in `date`, actors in `actor` (no text). Actors: actor type \
in `type`. Events: persons of both sides in `persons`. Agreements: \
agreement type in `type`, parties in `actor`, status date in `date`.
  graphml  a directed graph for Gephi, igraph, yEd or networkx: one node \
per actor (attributes actor_type, name, affiliation, role); one edge per \
event from each actor to each recipient (attributes kind=event, record, \
type, quad, date, status, mutual=false); co-actors of an event without a \
recipient, and the parties of each agreement (kind=agreement, \
agreement_type, status, date), are joined by one edge with mutual=true, \
whose direction means nothing.

  corrections  the analyst corrections (see `entente review`), one JSON \
object per line, for `entente corrections import`.
  gold     with -o FOLDER: each article analysts reviewed as a gold file \
of the evaluation sets (eval/FORMAT.md): its events and agreements as \
corrected, reviewed ones required, the others optional, rejected and \
merged ones left out; score an export against them with eval/score.py.

The filters of `entente events` (--actor, --type, --since, --until, --text) \
narrow any format to the events they keep, the agreements the actor is a \
party to with a step in the date range, the documents those are evidenced \
by, and the actors those documents mention.

Examples:
  entente export --format jsonl -o record.jsonl
  entente export --format csv > record.csv
  entente export --format csv -o tables/
  entente export --format graphml --actor Japan --since 2024 -o japan-2024.graphml
  entente export --db news.db --format graphml -o alliances.graphml")]
    Export {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        filters: EventArgs,
    },
    /// List fused events, filtered.
    #[command(long_about = "\
List the fused events, oldest first (undated last). Every filter given must \
hold. Dates are YYYY, YYYY-MM or YYYY-MM-DD and compare at the coarser \
precision: an event dated 2024-11 is listed for --since 2024-11-20 (it may be \
late in November). --type is a PLOVER type, in any case: AGREE CONSULT \
SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST \
SANCTION MOBILIZE COERCE ASSAULT. --status is reported, planned or historical. \
--text keeps events evidenced by an article containing the words as a phrase \
(full-text search, accents folded).

Examples:
  entente events --actor JPN
  entente events --type consult --since 2024-11 --until 2024-12
  entente events --text \"reciprocal access\" --status reported
  entente events --actor person:antony-blinken --format json")]
    Events {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        filters: EventArgs,
        /// reported, planned or historical.
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Count events per month or week, by type or quad class.
    #[command(long_about = "\
Count the events per month or ISO week (2024-W46), by PLOVER type or by quad \
class (verbal-cooperation, material-cooperation, verbal-conflict, \
material-conflict), for everything, an actor, or a pair (--actor with \
--other). Planned events are not counted; an event whose date is less \
precise than the period (a month-dated event in weekly counts) is counted \
as unplaced. The figures are those of /api/trends for the same filters.

  table  one row per period, one column per type or class
  json   {every, by, rows: [{period, key, count}], unplaced}
  csv    period,KEY,count: one row per period and type or class

Examples:
  entente trends
  entente trends --actor JPN --by quad --format csv
  entente trends --actor Japan --other Philippines --every week
  entente trends --type ACCUSE --since 2024 --format json")]
    Trends {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        filters: EventArgs,
        /// With --actor: only events involving both.
        #[arg(long, value_name = "ID|NAME", requires = "actor")]
        other: Option<String>,
        /// Split the counts by `type` or `quad`.
        #[arg(long, value_name = "type|quad", default_value = "type")]
        by: String,
        /// The period: `month` or `week`.
        #[arg(long, value_name = "month|week", default_value = "month")]
        every: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// List agreements and the stage each has reached.
    #[command(long_about = "\
List the security agreements: type, parties, status, the date of that status \
(`since`) and the number of distinct source documents. --status is one of \
proposed, negotiating, agreed, signed, in_force, suspended, terminated. \
--type is one of alliance, reciprocal_access, logistics, information_security, \
equipment_transfer, joint_development, defence_cooperation, other.

Examples:
  entente agreements
  entente agreements --party PHL
  entente agreements --type reciprocal_access
  entente agreements --status in_force --format csv")]
    Agreements {
        #[command(flatten)]
        db: DbArg,
        /// An actor among the parties: an identifier in any case or a name in
        /// any language (JPN, Japan, Giappone, NATO, …).
        #[arg(long, value_name = "ID|NAME")]
        party: Option<String>,
        /// A lifecycle status (e.g. signed, in_force).
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// An agreement type (e.g. reciprocal_access, alliance).
        #[arg(long = "type", value_name = "TYPE")]
        agreement_type: Option<String>,
        /// Also the agreements analysts rejected (hidden by default).
        #[arg(long)]
        rejected: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// List actors: states, organisations, people.
    #[command(long_about = "\
List every actor the stored articles mention, one per identifier, with its \
type, name and, for people, the state or organisation they act for and their \
role.

Examples:
  entente actors
  entente actors --format json")]
    Actors {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Review the record: list records with their ids; confirm, reject or
    /// edit them (kept through every ingest and rebuild).
    #[command(long_about = "\
Review the fused record. `review list` shows records with their ids and what \
analysts did to them (rejected ones included); `confirm`, `reject` and `edit` \
record a correction of one record by its id. A correction is stored as data \
(append-only, with its author, time and comment) and keyed to the record's \
evidence sentences, not to its id, so it survives every later ingest and \
rebuild: a rejected record stays hidden from `events`, `agreements`, exports \
and the server (shown with --rejected), an edited one carries the new values, \
a confirmed one is marked, and each says in its `why` lines who changed what \
and when. New evidence for a rejected record keeps it rejected and flags it \
`new evidence since rejected`. Every correction rebuilds the fused record, so \
ids may change: list again before the next one.

The author is --author, else $USER; a correction without an author is refused.

Examples:
  entente review list --actor JPN --with CHN
  entente review list --document doc-3e28bf3e7b78ce8c
  entente review reject ev-1a2b3c4d5e6f7a8b --comment \"a hypothetical, not an event\"
  entente review edit ev-1a2b3c4d5e6f7a8b --type REJECT --date 2024-11-14 --author ana
  entente review edit ag-0f1e2d3c4b5a6978 --status signed
  entente review confirm ev-1a2b3c4d5e6f7a8b
  entente review merge ev-1a2b3c4d5e6f7a8b ev-8b7a6f5e4d3c2b1a
  entente review split ev-1a2b3c4d5e6f7a8b --evidence doc-4537b6774d6b2497:399-466
  entente review revert cr-0123456789abcdef")]
    Review {
        #[command(subcommand)]
        action: ReviewCommand,
    },
    /// How often analysts kept the coder's records unchanged.
    #[command(long_about = "\
From the confirmations, rejections, edits, merges and splits of `entente \
review`: of the coder's records analysts reviewed, the share they kept \
unchanged (confirmed, neither rejected nor changed since). First over all \
records, then for events and for agreements, each in all and by the coder's \
type, the language and the publication month of the record's first \
article. A precision figure on your own corpus; records nobody reviewed do \
not count.

  table  record, by, value, reviewed, kept, rejected, edited, share (%)
  json   [{record, by, value, reviewed, kept, rejected, edited, share}]
  csv    the same columns, share as a fraction

Examples:
  entente accuracy
  entente accuracy --format json")]
    Accuracy {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// List, or import from another database, analyst corrections.
    #[command(long_about = "\
`corrections list` shows every stored correction and the record it applies \
to now (`not found` when its evidence is gone or no record of its type \
holds it any more; it is kept and applies again if the record comes back). \
`corrections import FILE` applies the corrections another database \
exported with `entente export --format corrections`: those already stored \
are skipped (importing twice changes nothing), the record is rebuilt, and \
the imported corrections that find no record here are reported.

Examples:
  entente export --db team.db --format corrections -o corrections.jsonl
  entente corrections import --db mine.db corrections.jsonl
  entente corrections list")]
    Corrections {
        #[command(subcommand)]
        action: CorrectionsCommand,
    },
    /// Serve the record over HTTP: a JSON API and a web page.
    #[command(long_about = "\
Serve the record over HTTP, read-only, until Ctrl-C: a web page at / (the \
alliance network as of a date, timelines of an actor or a pair, the evidence \
behind each event and agreement highlighted in its article) and a JSON API \
under /api (documents, actors, events, agreements, network, timeline, \
full-text search), described at /api/openapi.json. The database must exist \
(create it with `entente ingest`). Listens on loopback by default; reading \
needs no authentication. With --editors FILE (one `NAME TOKEN` a line, \
tokens of 16 characters or more) the server also accepts corrections at \
POST /api/corrections, each from a request carrying `Authorization: Bearer \
TOKEN` and recorded as that analyst's; without it every write is refused \
with 401.

Examples:
  entente ingest samples/ && entente serve
  entente serve --db news.db --addr 127.0.0.1:9000")]
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// Address to listen on (IP:PORT).
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
        addr: String,
        /// Accept corrections (POST /api/corrections) from the analysts of
        /// FILE: one `NAME TOKEN` a line; each request carries
        /// `Authorization: Bearer TOKEN` and is recorded as that analyst's.
        #[arg(long, value_name = "FILE")]
        editors: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Jsonl,
    Csv,
    Graphml,
    /// The analyst corrections, one JSON object per line.
    Corrections,
    /// The reviewed articles as gold files of the evaluation sets (-o FOLDER).
    Gold,
}

/// Who makes a correction, and why.
#[derive(Args)]
struct AuthorArgs {
    /// The analyst making the correction (default: $USER).
    #[arg(long, value_name = "NAME")]
    author: Option<String>,
    /// Why, in a few words.
    #[arg(long, value_name = "TEXT")]
    comment: Option<String>,
}

#[derive(Subcommand)]
enum ReviewCommand {
    /// List records (events, then agreements) with their ids and review state.
    List {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        filters: EventArgs,
        /// With --actor: only records involving both (a pair).
        #[arg(long, value_name = "ID|NAME", requires = "actor")]
        with: Option<String>,
        /// Only records evidenced by this document id.
        #[arg(long, value_name = "DOC")]
        document: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Confirm a record: it is right as it stands.
    Confirm {
        #[command(flatten)]
        db: DbArg,
        /// The record's id (from `entente review list`).
        id: String,
        #[command(flatten)]
        by: AuthorArgs,
    },
    /// Reject a record: not an event or agreement, or not this one.
    Reject {
        #[command(flatten)]
        db: DbArg,
        /// The record's id (from `entente review list`).
        id: String,
        #[command(flatten)]
        by: AuthorArgs,
    },
    /// Give fields of a record new values.
    #[command(long_about = "\
Give fields of a record new values. Events: --type, --mode, --actor, \
--recipient, --actor-sectors, --recipient-sectors, --date (YYYY, YYYY-MM or \
YYYY-MM-DD: the precision is the form; `unknown` for no date), --status \
(reported, planned, historical), --place and --place-country (empty for \
none). Agreements: --type (alliance … other), --status (proposed … \
terminated), --parties, and one step of the history: --step N (1 for the \
oldest, as `entente agreements --format json` lists them) with --step-status \
and/or --step-date. Lists are comma-separated.

Examples:
  entente review edit ev-1a2b3c4d5e6f7a8b --type ACCUSE --recipient CHN,RUS
  entente review edit ev-1a2b3c4d5e6f7a8b --date 2024-11 --status planned
  entente review edit ev-1a2b3c4d5e6f7a8b --actor-sectors MIL --place 'Subic Bay' --place-country PHL
  entente review edit ag-0f1e2d3c4b5a6978 --type logistics --parties JPN,PHL
  entente review edit ag-0f1e2d3c4b5a6978 --step 2 --step-status signed --step-date 2024-07-08")]
    Edit {
        #[command(flatten)]
        db: DbArg,
        /// The record's id (from `entente review list`).
        id: String,
        #[command(flatten)]
        fields: Box<EditFields>,
        #[command(flatten)]
        by: AuthorArgs,
    },
    /// Merge record OTHER into record ID (two events or two agreements): they are one.
    Merge {
        #[command(flatten)]
        db: DbArg,
        /// The event or agreement that stays (from `entente review list`).
        id: String,
        /// The record merged into it, hidden from then on.
        other: String,
        #[command(flatten)]
        by: AuthorArgs,
    },
    /// Move some evidence sentences of record ID to a record of their own.
    #[command(long_about = "\
Move some evidence sentences of an event or agreement to a record of their \
own, with the same values (edit it afterwards); an agreement's history steps \
go with their sentences. Name each sentence as `review list` shows it: \
DOCUMENT:START-END.

Example:
  entente review split ev-1a2b3c4d5e6f7a8b --evidence doc-4537b6774d6b2497:399-466")]
    Split {
        #[command(flatten)]
        db: DbArg,
        /// The event or agreement to split (from `entente review list`).
        id: String,
        /// The sentences that become another event: DOC:START-END, comma-separated.
        #[arg(long, value_name = "DOC:START-END,...", required = true)]
        evidence: String,
        #[command(flatten)]
        by: AuthorArgs,
    },
    /// Undo an earlier correction (its id from `entente corrections list`).
    Revert {
        #[command(flatten)]
        db: DbArg,
        /// The correction to undo.
        correction: String,
        #[command(flatten)]
        by: AuthorArgs,
    },
}

/// The fields `entente review edit` may change.
#[derive(Args)]
struct EditFields {
    /// A PLOVER event type (events) or an agreement type (agreements).
    #[arg(long = "type", value_name = "TYPE")]
    event_type: Option<String>,
    /// Modes, comma-separated (empty for none).
    #[arg(long, value_name = "MODE,...")]
    mode: Option<String>,
    /// Actors, comma-separated identifiers.
    #[arg(long, value_name = "ID,...")]
    actor: Option<String>,
    /// Recipients, comma-separated identifiers (empty for none).
    #[arg(long, value_name = "ID,...")]
    recipient: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD, or `unknown`.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// An event or agreement status.
    #[arg(long, value_name = "STATUS")]
    status: Option<String>,
    /// Agreement parties, comma-separated identifiers.
    #[arg(long, value_name = "ID,...")]
    parties: Option<String>,
    /// The actors' sectors (MIL, GOV, …), comma-separated (empty for none).
    #[arg(long, value_name = "SECTOR,...")]
    actor_sectors: Option<String>,
    /// The recipients' sectors, comma-separated (empty for none).
    #[arg(long, value_name = "SECTOR,...")]
    recipient_sectors: Option<String>,
    /// The name of the event's place (empty for none).
    #[arg(long, value_name = "NAME")]
    place: Option<String>,
    /// The country of the event's place, an identifier (empty for none).
    #[arg(long, value_name = "ID")]
    place_country: Option<String>,
    /// The agreement's history step to change, 1 for the oldest.
    #[arg(long, value_name = "N")]
    step: Option<usize>,
    /// The new status of that step.
    #[arg(long, value_name = "STATUS", requires = "step")]
    step_status: Option<String>,
    /// The new date of that step (YYYY, YYYY-MM, YYYY-MM-DD or `unknown`).
    #[arg(long, value_name = "DATE", requires = "step")]
    step_date: Option<String>,
}

#[derive(Subcommand)]
enum CorrectionsCommand {
    /// Every stored correction and the record it applies to now.
    List {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Apply the corrections of a file written by `export --format corrections`.
    Import {
        #[command(flatten)]
        db: DbArg,
        /// A JSON Lines file of corrections.
        file: PathBuf,
    },
}

/// How `events`, `agreements` and `actors` print their rows.
#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns sized to the terminal.
    Table,
    /// One JSON array.
    Json,
    /// CSV with a header.
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // one line, whatever a file name or a value in it holds
            let message = output::one_safe_line(&format!("{e:#}"));
            eprintln!("entente: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A reader that closed our output early (`entente events | head`) is not
/// a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The store `ingest` writes: created or brought up to date.
fn open_store(db: &DbArg) -> Result<Box<dyn Store>> {
    Ok(entente_store::open(&db.db)?)
}

/// The store every other command reads: it must exist; nothing is changed.
fn open_read_only(db: &DbArg) -> Result<Box<dyn Store>> {
    Ok(entente_store::open_read_only(&db.db)?)
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Ingest {
            db,
            published,
            paths,
        } => {
            let published = published
                .as_deref()
                .map(|d| parse_date("--published", d))
                .transpose()?;
            for p in &paths {
                std::fs::metadata(p).with_context(|| {
                    format!(
                        "{}: cannot read it; give an existing file or folder",
                        p.display()
                    )
                })?;
            }
            let mut store = open_store(&db)?;
            let summary = ingest::run(store.as_mut(), &paths, published)?;
            summary.print(&mut std::io::stdout().lock())?;
            Ok(())
        }
        Command::Export {
            db,
            format,
            output,
            filters,
        } => {
            let filter = filters.parse()?;
            let store = open_read_only(&db)?;
            let selection = export::Selection {
                events: filters.resolve(store.as_ref(), filter)?,
            };
            if let (ExportFormat::Csv, Some(dir)) = (&format, &output)
                && (dir.is_dir() || dir.as_os_str().to_string_lossy().ends_with(['/', '\\']))
            {
                export::write_csv_tables(store.as_ref(), &selection, dir).with_context(|| {
                    format!("{}: cannot write the CSV tables there", dir.display())
                })?;
                return Ok(());
            }
            if let ExportFormat::Gold = format {
                let dir = output.context(
                    "--format gold writes one file per reviewed article: give -o FOLDER",
                )?;
                let n = export::write_gold(store.as_ref(), &dir).with_context(|| {
                    format!("{}: cannot write the gold files there", dir.display())
                })?;
                eprintln!(
                    "wrote {n} gold file{} to {}",
                    if n == 1 { "" } else { "s" },
                    dir.display()
                );
                return Ok(());
            }
            let write = match format {
                ExportFormat::Jsonl => export::write_jsonl,
                ExportFormat::Csv => export::write_csv,
                ExportFormat::Graphml => export::write_graphml,
                ExportFormat::Corrections => write_corrections,
                ExportFormat::Gold => gold_needs_a_folder,
            };
            match output {
                Some(path) => {
                    let file = std::fs::File::create(&path).with_context(|| {
                        format!("{}: cannot create the export file", path.display())
                    })?;
                    let mut out = BufWriter::new(file);
                    write(store.as_ref(), &selection, &mut out)
                        .with_context(|| format!("exporting to {}", path.display()))?;
                    out.flush()
                        .with_context(|| format!("writing {}", path.display()))?;
                }
                None => {
                    let mut out = BufWriter::new(std::io::stdout().lock());
                    write(store.as_ref(), &selection, &mut out)?;
                    out.flush()?;
                }
            }
            Ok(())
        }
        Command::Events {
            db,
            filters,
            status,
            format,
        } => {
            let filter = filters.parse()?;
            let status = status.as_deref().map(parse_event_status).transpose()?;
            let store = open_read_only(&db)?;
            let filter = filters.resolve(store.as_ref(), filter)?;
            let mut events = store.events(&filter)?;
            if let Some(status) = status {
                events.retain(|e| e.status == status);
            }
            output::events(&events, format)
        }
        Command::Trends {
            db,
            filters,
            other,
            by,
            every,
            format,
        } => {
            use entente_server::trends::{By, Every};
            let by =
                By::parse(&by).with_context(|| format!("--by {by:?} is not `type` or `quad`"))?;
            let every = Every::parse(&every)
                .with_context(|| format!("--every {every:?} is not `month` or `week`"))?;
            let filter = filters.parse()?;
            let store = open_read_only(&db)?;
            let filter = filters.resolve(store.as_ref(), filter)?;
            let other = other
                .as_deref()
                .map(|a| resolve_actor(store.as_ref(), "--other", a))
                .transpose()?;
            let events = store.events(&filter)?;
            let trends = entente_server::trends::trends(&events, other.as_ref(), every, by);
            output::trends(&trends, format)
        }
        Command::Agreements {
            db,
            party,
            status,
            agreement_type,
            rejected,
            format,
        } => {
            let status = status.as_deref().map(parse_status).transpose()?;
            let agreement_type = agreement_type
                .as_deref()
                .map(parse_agreement_type)
                .transpose()?;
            let store = open_read_only(&db)?;
            let filter = AgreementFilter {
                party: party
                    .as_deref()
                    .map(|p| resolve_actor(store.as_ref(), "--party", p))
                    .transpose()?,
                status,
                rejected,
            };
            let mut agreements = store.agreements(&filter)?;
            if let Some(t) = agreement_type {
                agreements.retain(|a| a.agreement_type == t);
            }
            output::agreements(&agreements, format)
        }
        Command::Actors { db, format } => {
            let store = open_read_only(&db)?;
            output::actors(&store.actors()?, format)
        }
        Command::Serve { db, addr, editors } => Ok(entente_server::run_with_editors(
            &db.db,
            &addr,
            editors.as_deref(),
        )?),
        Command::Review { action } => review::run(action),
        Command::Accuracy { db, format } => {
            let store = open_read_only(&db)?;
            output::accuracy(&corrections::accuracy_of(store.as_ref())?, format)
        }
        Command::Corrections { action } => review::corrections(action),
    }
}

/// `export --format gold` is written to a folder before this is reached.
fn gold_needs_a_folder(
    _store: &dyn Store,
    _selection: &export::Selection,
    _out: &mut dyn Write,
) -> Result<export::ExportCounts, export::ExportError> {
    Err(std::io::Error::other("--format gold writes to a folder: give -o FOLDER").into())
}

/// `export --format corrections`: the corrections, whatever the filters.
fn write_corrections(
    store: &dyn Store,
    _selection: &export::Selection,
    out: &mut dyn Write,
) -> Result<export::ExportCounts, export::ExportError> {
    export::write_corrections(store, out)?;
    Ok(export::ExportCounts::default())
}

fn parse_event_type(s: &str) -> Result<EventType> {
    EventType::parse(s).with_context(|| {
        let valid: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        format!(
            "--type {s:?} is not a PLOVER event type; use one of {}",
            valid.join(", ")
        )
    })
}

fn parse_status(s: &str) -> Result<AgreementStatus> {
    let normalised = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    AgreementStatus::parse(&normalised).with_context(|| {
        let valid: Vec<&str> = AgreementStatus::ALL.iter().map(|t| t.as_str()).collect();
        format!(
            "--status {s:?} is not an agreement status; use one of {}",
            valid.join(", ")
        )
    })
}

fn parse_event_status(s: &str) -> Result<EventStatus> {
    [
        EventStatus::Reported,
        EventStatus::Planned,
        EventStatus::Historical,
    ]
    .into_iter()
    .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
    .with_context(|| {
        format!("--status {s:?} is not an event status; use reported, planned or historical")
    })
}

fn parse_agreement_type(s: &str) -> Result<AgreementType> {
    let normalised = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    AgreementType::parse(&normalised).with_context(|| {
        let valid: Vec<&str> = AgreementType::ALL.iter().map(|t| t.as_str()).collect();
        format!(
            "--type {s:?} is not an agreement type; use one of {}",
            valid.join(", ")
        )
    })
}

/// The actor a `--actor` / `--party` value names: an identifier in any case
/// (`jpn`), or a name or alias in any of the languages the knowledge base
/// knows (`Japan`, `Giappone`, `Japon`), or an identifier or name of an
/// actor in the database (people and organisations the knowledge base does
/// not list). Anything else is refused with where to look.
fn resolve_actor(store: &dyn Store, flag: &str, value: &str) -> Result<ActorId> {
    use entente_server::lookup;
    let kb = entente_kb::Kb::embedded().context("loading the embedded knowledge base")?;
    if let Some(id) = lookup::actor_in_kb(&kb, value) {
        return Ok(id);
    }
    lookup::actor_in_records(&store.actors()?, value)
        .map_err(|near| anyhow::anyhow!(lookup::unknown_actor_message(flag, value.trim(), &near)))
}

/// A date exactly as the API takes it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
/// existing in the calendar (`2024-02-30` is refused, not read as March).
fn parse_date(flag: &str, s: &str) -> Result<PartialDate> {
    entente_server::params::parse_date(s.trim()).ok_or_else(|| {
        anyhow::anyhow!(
            "{flag} {s:?} is not a date in the calendar; write YYYY, YYYY-MM or YYYY-MM-DD"
        )
    })
}
