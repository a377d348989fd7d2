//! Command line: `plantrack [serve]`, `plantrack import FILE`.

use crate::setup::{open_database, FirstRunPlan};
use anyhow::Context;
use app::db::DEFAULT_DATABASE_URL;
use app::outline::parse_outline;
use app::queries::import::{apply_outline, PlanFields};
use app::state::AppState;
use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// plantrack keeps a strategic plan, its quarterly status and measures.
#[derive(Debug, Parser)]
#[command(name = "plantrack", version, about)]
pub struct Cli {
    /// Database URL: sqlite://path/to/file.db or postgres://user@host/db.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// Write logs as JSON lines instead of text.
    #[arg(long, env = "PLANTRACK_LOG_JSON", global = true)]
    pub log_json: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// What to do; serving is the default.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (the default).
    Serve(ServeArgs),
    /// Import a numbered plan outline from a text file.
    Import(ImportArgs),
}

/// Options for serving.
#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on [env: LEPTOS_SITE_ADDR; default 127.0.0.1:3000].
    #[arg(long)]
    pub addr: Option<SocketAddr>,
    /// On an empty database, import this plan file instead of the bundled DRO excerpt.
    #[arg(long, conflicts_with = "no_plan")]
    pub plan: Option<PathBuf>,
    /// On an empty database, start with no plan at all.
    #[arg(long)]
    pub no_plan: bool,
}

/// Options for `plantrack import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The plan text file.
    pub file: PathBuf,
    /// Parse and report only; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the parsed tree (or the result) as JSON.
    #[arg(long)]
    pub json: bool,
    /// Set the plan's title.
    #[arg(long)]
    pub title: Option<String>,
    /// Set the plan's organisation.
    #[arg(long)]
    pub organisation: Option<String>,
}

/// Runs the chosen command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    init_logging(cli.log_json);
    match cli.command {
        Some(Command::Import(args)) => import(&cli.database_url, args).await,
        Some(Command::Serve(args)) => serve(&cli.database_url, args).await,
        None => serve(&cli.database_url, cli.serve).await,
    }
}

fn init_logging(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

async fn serve(database_url: &str, args: ServeArgs) -> anyhow::Result<()> {
    let first_run = match (args.plan, args.no_plan) {
        (_, true) => FirstRunPlan::Empty,
        (Some(path), false) => FirstRunPlan::File(path),
        (None, false) => FirstRunPlan::Bundled,
    };
    let db = open_database(database_url, &first_run)
        .await
        .context("opening the database")?;
    let leptos_options = crate::leptos_options(args.addr);
    let addr = leptos_options.site_addr;
    let state = AppState {
        leptos_options,
        db: db.clone(),
    };
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("listening on {addr}"))?;
    tracing::info!("plantrack listening on http://{addr}");
    axum::serve(listener, crate::router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    db.close().await;
    tracing::info!("plantrack stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

async fn import(database_url: &str, args: ImportArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let outline = parse_outline(&text)?;
    if args.dry_run {
        if args.json {
            println!("{}", serde_json::to_string_pretty(&outline)?);
        } else {
            let (g, o, s) = outline.counts();
            println!("{g} goals, {o} objectives, {s} strategies (dry run: nothing written)");
            for w in &outline.warnings {
                println!("warning: line {}: {}", w.line, w.message);
            }
        }
        return Ok(());
    }
    let db = open_database(database_url, &FirstRunPlan::Empty).await?;
    let fields = PlanFields {
        title: args.title,
        organisation: args.organisation,
    };
    let summary = apply_outline(&db, &outline, &fields).await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        println!("imported {}: {summary}", args.file.display());
        for w in &outline.warnings {
            println!("warning: line {}: {}", w.line, w.message);
        }
    }
    db.close().await;
    Ok(())
}
