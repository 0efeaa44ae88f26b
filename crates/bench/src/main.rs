//! `entente-bench`: write a generated corpus, or measure end-to-end ingest
//! (generate or read → clean → link → extract → SQLite, then rebuild the
//! fused record) through the same driver as `entente ingest`.

// The same allocator as the `entente` binary, so the figures are its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use entente_bench::{Corpus, memory};
use entente_cli::ingest::{ProgressBar, ingest_items};
use entente_ingest::{ReadItem, read_path};
use entente_kb::Kb;
use entente_pipeline::Pipeline;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "entente-bench",
    about = "entente's corpus generator and end-to-end benchmark"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a generated corpus as JSON Lines (streamed; constant memory).
    GenCorpus {
        /// Number of articles.
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Output file; `-` for standard output.
        #[arg(long, short = 'o', default_value = "-")]
        out: String,
    },
    /// Write articles near the size limit, each one paragraph of generated
    /// sentences (the worst case for memory: no paragraph breaks), as JSON
    /// Lines, streamed.
    GenLarge {
        /// Number of articles.
        #[arg(long, default_value_t = 24)]
        articles: usize,
        /// Size of each article, in MB (10^6 bytes); the limit is 20 MiB.
        #[arg(long, default_value_t = 20.0)]
        megabytes: f64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Output file.
        #[arg(long, short = 'o')]
        out: PathBuf,
    },
    /// Ingest a corpus into a fresh store and print throughput and peak memory.
    ///
    /// With several thread counts, each runs in its own child process so
    /// that each peak-memory figure is its own.
    E2e {
        /// Number of generated articles (ignored with --input).
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Read this file or folder (any form `entente ingest` reads)
        /// instead of generating articles in memory.
        #[arg(long)]
        input: Option<PathBuf>,
        /// Rayon pool sizes to measure, comma-separated.
        #[arg(long, default_value = "1,2", value_delimiter = ',')]
        threads: Vec<usize>,
        /// The store: a file path (default: a temporary SQLite file) or a
        /// `postgres://` URL. `ENTENTE_BENCH_PG` adds a PostgreSQL run.
        #[arg(long)]
        db: Option<String>,
        /// Print no column header (used for the child processes).
        #[arg(long, hide = true)]
        no_header: bool,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::GenCorpus {
            articles,
            seed,
            out,
        } => gen_corpus(articles, seed, &out),
        Command::GenLarge {
            articles,
            megabytes,
            seed,
            out,
        } => gen_large(articles, megabytes, seed, &out),
        Command::E2e {
            articles,
            seed,
            input,
            threads,
            db,
            no_header,
        } => {
            let mut dbs = vec![db];
            if let Ok(pg) = std::env::var("ENTENTE_BENCH_PG") {
                dbs.push(Some(pg));
            }
            if threads.len() == 1 && dbs.len() == 1 {
                if !no_header {
                    print_header();
                }
                return e2e(articles, seed, input, threads[0], dbs[0].clone());
            }
            print_header();
            for db in &dbs {
                for &t in &threads {
                    let mut cmd = std::process::Command::new(
                        std::env::current_exe().context("finding this program")?,
                    );
                    cmd.args(["e2e", "--no-header"]);
                    cmd.args(["--articles", &articles.to_string()]);
                    cmd.args(["--seed", &seed.to_string(), "--threads", &t.to_string()]);
                    if let Some(i) = &input {
                        cmd.arg("--input").arg(i);
                    }
                    if let Some(d) = db {
                        cmd.args(["--db", d]);
                    }
                    let status = cmd.status().context("running a measurement")?;
                    if !status.success() {
                        bail!("the measurement with {t} threads failed");
                    }
                }
            }
            Ok(())
        }
    }
}

/// Words for the large articles: function words, news verbs and a few
/// names the knowledge base knows, so that linking has work to do.
const LARGE_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "for",
    "on",
    "with",
    "as",
    "at",
    "by",
    "from",
    "said",
    "talks",
    "minister",
    "government",
    "troops",
    "agreement",
    "security",
    "defence",
    "signed",
    "met",
    "warned",
    "pledged",
    "border",
    "forces",
    "president",
    "Japan",
    "Philippines",
    "France",
    "Italy",
    "Germany",
    "Spain",
    "NATO",
    "Russia",
    "Ukraine",
    "China",
    "United States",
    "Manila",
    "Tokyo",
    "on Monday",
    "last week",
    "officials",
    "new",
    "military",
];

fn gen_large(articles: usize, megabytes: f64, seed: u64, out: &std::path::Path) -> Result<()> {
    let file = std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let target = (megabytes * 1e6) as usize;
    for i in 0..articles {
        let mut rng = entente_bench::rng::Rng::for_item(seed, 7, i as u64);
        let mut text = String::with_capacity(target + 200);
        text.push_str(&format!("A long report, part {i}\n\n"));
        while text.len() < target {
            let words = 8 + rng.below(18);
            let mut first = true;
            for _ in 0..words {
                let word = *rng.pick(LARGE_WORDS);
                if first {
                    let mut chars = word.chars();
                    if let Some(c) = chars.next() {
                        text.extend(c.to_uppercase());
                        text.push_str(chars.as_str());
                    }
                    first = false;
                } else {
                    text.push(' ');
                    text.push_str(word);
                }
            }
            text.push_str(". ");
        }
        let record = serde_json::json!({ "source": format!("large-{i}"), "text": text });
        writeln!(w, "{record}").with_context(|| format!("writing {}", out.display()))?;
    }
    w.flush()
        .with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "{articles} articles of {megabytes} MB, one paragraph each, in {}",
        out.display()
    );
    Ok(())
}

fn gen_corpus(articles: usize, seed: u64, out: &str) -> Result<()> {
    let corpus = Corpus::new(seed, articles);
    let sink: Box<dyn Write> = if out == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(std::fs::File::create(out).with_context(|| format!("creating {out}"))?)
    };
    let mut w = BufWriter::with_capacity(1 << 20, sink);
    let mut bytes = 0usize;
    for a in corpus.articles(articles) {
        bytes += a.bytes();
        writeln!(w, "{}", a.to_jsonl()).with_context(|| format!("writing {out}"))?;
    }
    w.flush().with_context(|| format!("writing {out}"))?;
    eprintln!(
        "{articles} articles, {:.1} MB of text, {:.0} bytes an article",
        bytes as f64 / 1e6,
        bytes as f64 / articles.max(1) as f64
    );
    Ok(())
}

fn print_header() {
    println!(
        "{:<8} {:>3} {:>8} {:>7} {:>8} {:>8} {:>7} {:>8} {:>9} {:>11} {:>9} {:>8}",
        "store",
        "thr",
        "articles",
        "MB",
        "ingest s",
        "refuse s",
        "cpu s",
        "MB/s",
        "MB/s/core",
        "art/s/core",
        "MB/cpu-s",
        "peak MB"
    );
}

fn e2e(
    articles: usize,
    seed: u64,
    input: Option<PathBuf>,
    threads: usize,
    db: Option<String>,
) -> Result<()> {
    let pipeline = Pipeline::new(Kb::embedded().context("loading the knowledge base")?);
    let dir = tempfile::tempdir().context("creating a temporary folder")?;
    let db = db.unwrap_or_else(|| dir.path().join("bench.db").to_string_lossy().into_owned());
    let kind = if db.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    // Hook for issue 7: `entente_store::open` chooses PostgreSQL for a
    // `postgres://` URL once that store is merged; until then it says so.
    let mut store = match entente_store::open(&db) {
        Ok(s) => s,
        Err(e) if kind == "postgres" => {
            println!("{kind:<8} {threads:>3} skipped: {e}");
            return Ok(());
        }
        Err(e) => return Err(e).context("opening the store"),
    };
    // The global pool, as `entente ingest` uses (one measurement a process).
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .context("sizing the thread pool")?;
    let corpus = Corpus::new(seed, articles);
    let mut bytes = 0usize;
    let mut count = 0usize;
    let items: Box<dyn Iterator<Item = ReadItem>> = match &input {
        Some(path) => Box::new(read_path(path)),
        None => Box::new(
            corpus
                .articles(articles)
                .map(|a| ReadItem::Article(a.into_raw())),
        ),
    };
    let items = items.inspect(|item| {
        if let ReadItem::Article(a) = item {
            count += 1;
            bytes += a.text.len() + a.title.as_ref().map_or(0, String::len);
        }
    });
    let cpu0 = memory::cpu_seconds().unwrap_or(f64::NAN);
    let start = Instant::now();
    let summary = ingest_items(store.as_mut(), &pipeline, items, &ProgressBar::hidden())?;
    let ingest = start.elapsed().as_secs_f64();
    let start = Instant::now();
    store.refuse().context("rebuilding the fused record")?;
    let refuse = start.elapsed().as_secs_f64();
    let cpu = memory::cpu_seconds().unwrap_or(f64::NAN) - cpu0;
    let mb = bytes as f64 / 1e6;
    let total = ingest + refuse;
    let peak = memory::peak_rss_bytes().map_or(f64::NAN, |b| b as f64 / 1e6);
    println!(
        "{kind:<8} {threads:>3} {count:>8} {mb:>7.1} {ingest:>8.2} {refuse:>8.2} {cpu:>7.2} {:>8.2} {:>9.2} {:>11.0} {:>9.2} {peak:>8.0}",
        mb / total,
        mb / total / threads as f64,
        count as f64 / total / threads as f64,
        mb / cpu,
    );
    let counts = store.counts().context("counting the record")?;
    eprintln!(
        "  stored {}, known {}, skipped {}; {} event reports → {} events, {} agreement reports → {} agreements",
        summary.stored,
        summary.known,
        summary.skipped_count,
        counts.event_reports,
        counts.events,
        counts.agreement_reports,
        counts.agreements
    );
    Ok(())
}
