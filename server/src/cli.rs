//! Command line: `plantrack [serve]`, `plantrack import FILE`.

use crate::setup::{open_database, FirstRunPlan};
use anyhow::Context;
use app::auth::{password, AuthSettings};
use app::clock::Clock;
use app::db::DEFAULT_DATABASE_URL;
use app::model::user::Role;
use app::queries::audit::Actor;
use app::services::import::{apply_outline, PlanFields};
use app::services::users::{add_user, check_username, NewPassword};
use clap::{Args, Parser, Subcommand};
use std::io::Read;
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
    /// Run at this date ("2027-01-01") or instant instead of the system clock: for
    /// end-to-end tests and demonstrations only.
    #[arg(long, env = "PLANTRACK_NOW", global = true, hide = true, value_parser = parse_now)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
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
    /// Import a numbered plan outline from a text file, or a StratML Part 2 document
    /// (plan, measures, targets, actuals and status) into an empty database.
    Import(ImportArgs),
    /// Export the plan to OUT ("-" for standard output).
    Export(ExportArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Copy the SQLite database to FILE while the app keeps serving.
    Backup {
        /// Where to write the copy (must not exist yet).
        file: PathBuf,
    },
    /// Replace the SQLite database with a backup. Stop the app first.
    Restore {
        /// A file written by `plantrack backup`.
        file: PathBuf,
    },
    /// Fill an empty database with a synthetic plan and its history (sample data,
    /// marked as such on every page), for demonstrations and benchmarks.
    Demo {
        /// How many strategies.
        #[arg(long, default_value_t = 60)]
        strategies: usize,
        /// How many fiscal years of history, up to the current one.
        #[arg(long, default_value_t = 3)]
        years: usize,
        /// Seed for the random history (the same seed makes the same data).
        #[arg(long, default_value_t = 2027)]
        seed: u64,
    },
    /// Recompute the summaries kept on write (each strategy's current status and each
    /// measure's current actual per quarter) from history and report any difference;
    /// exits non-zero when one is found.
    CheckSummaries {
        /// Replace the summaries with the recomputation when they differ.
        #[arg(long)]
        repair: bool,
    },
    /// Back-test the forecast on the data as they are: replay each complete past year as
    /// if at the end of Q1, Q2 and Q3 and print how often the actual landed within the
    /// 80 % range and how the met / not met calls compared.
    ForecastCheck {
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `plantrack user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account. Without --password-stdin a password is generated, printed once,
    /// and must be changed at first sign-in.
    Add(UserAddArgs),
    /// Link an account to its identity-provider subject before its first single sign-on
    /// (for a provider whose tokens do not say the e-mail is verified).
    Link {
        /// The account's username.
        username: String,
        /// The provider's issuer URL, as in --oidc-issuer.
        #[arg(long)]
        issuer: String,
        /// The person's subject (`sub`) at that provider.
        #[arg(long)]
        subject: String,
    },
}

/// Options for `plantrack user add`.
#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// The username (3–32 lower-case letters, digits, ".", "_" or "-").
    pub username: String,
    /// admin, working_group, manager or viewer.
    #[arg(long, value_parser = parse_role)]
    pub role: Role,
    /// The name shown in the app (defaults to the username).
    #[arg(long)]
    pub display_name: Option<String>,
    /// Read the password from standard input (for scripts) instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
    /// The e-mail address reminders go to (and, verified by the identity provider, the
    /// one single sign-on links the person by).
    #[arg(long)]
    pub email: Option<String>,
    /// Keep password sign-in for this account when --oidc-only turns it off for others.
    #[arg(long)]
    pub break_glass: bool,
}

fn parse_now(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    app::clock::parse_instant(s)
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| "use admin, working_group, manager or viewer".to_string())
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
    /// Let anonymous visitors read the plan (read-only public mode; off by default).
    #[arg(long, env = "PLANTRACK_PUBLIC_READ")]
    pub public_read: bool,
    /// Mark cookies Secure and name them __Host-… (set this when served over HTTPS).
    #[arg(long, env = "PLANTRACK_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// A reverse proxy whose X-Forwarded-For header names the client (repeat for several;
    /// without one, the connecting address is the client's).
    #[arg(
        long = "trusted-proxy",
        env = "PLANTRACK_TRUSTED_PROXY",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Answer 408 to a request (its body included) that takes longer than this many seconds.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
    /// The site's public address (https://plan.agency.gov), for links in e-mail and the
    /// single sign-on callback.
    #[arg(long, env = "PLANTRACK_PUBLIC_URL")]
    pub public_url: Option<String>,
    #[command(flatten)]
    pub oidc: Box<OidcArgs>,
}

/// Single sign-on through the organisation's identity provider (README: "Single sign-on").
#[derive(Args, Clone, Default)]
#[command(next_help_heading = "Single sign-on (OpenID Connect)")]
pub struct OidcArgs {
    /// The provider's issuer URL; discovery is read from under it.
    #[arg(long, env = "PLANTRACK_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    /// The client id plantrack is registered with at the provider.
    #[arg(long, env = "PLANTRACK_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,
    /// The client secret (client_secret_basic); or use --oidc-private-key.
    #[arg(long, env = "PLANTRACK_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,
    /// A PEM private key file (private_key_jwt; Login.gov accepts only this).
    #[arg(long, env = "PLANTRACK_OIDC_PRIVATE_KEY")]
    pub oidc_private_key: Option<String>,
    /// Scopes to ask for (openid is always asked) [default: openid email profile].
    #[arg(long, env = "PLANTRACK_OIDC_SCOPES")]
    pub oidc_scopes: Option<String>,
    /// The assurance level to ask for (acr_values); the answer is recorded.
    #[arg(long, env = "PLANTRACK_OIDC_ACR")]
    pub oidc_acr: Option<String>,
    /// The provider's name on the button: "Sign in with LABEL".
    #[arg(long, env = "PLANTRACK_OIDC_BUTTON_LABEL")]
    pub oidc_button_label: Option<String>,
    /// The claim holding the person's groups [default: groups].
    #[arg(long, env = "PLANTRACK_OIDC_ROLE_CLAIM")]
    pub oidc_role_claim: Option<String>,
    /// Groups to roles: working_group=spwg,admin=plantrack-admins (refreshed at each
    /// sign-in; no mapped group: viewer).
    #[arg(long, env = "PLANTRACK_OIDC_ROLE_MAP")]
    pub oidc_role_map: Option<String>,
    /// Create an account at a first sign-in (viewer unless the mapping says otherwise).
    #[arg(long, env = "PLANTRACK_OIDC_PROVISION")]
    pub oidc_provision: bool,
    /// Password sign-in only for break-glass accounts (`user add --break-glass`).
    #[arg(long, env = "PLANTRACK_OIDC_ONLY")]
    pub oidc_only: bool,
    /// Read the person's e-mail, name and groups from the userinfo endpoint too.
    #[arg(long, env = "PLANTRACK_OIDC_USERINFO")]
    pub oidc_userinfo: bool,
}

impl std::fmt::Debug for OidcArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcArgs")
            .field("oidc_issuer", &self.oidc_issuer)
            .field("oidc_client_id", &self.oidc_client_id)
            .field("oidc_provision", &self.oidc_provision)
            .field("oidc_only", &self.oidc_only)
            .finish_non_exhaustive()
    }
}

impl OidcArgs {
    /// The settings checked, with `public_url`: `None` when single sign-on is off, or an
    /// error naming the bad flag.
    pub fn check(
        &self,
        public_url: Option<&str>,
    ) -> Result<Option<app::model::oidc::OidcSettings>, String> {
        app::model::oidc::check(&app::model::oidc::OidcInput {
            issuer: self.oidc_issuer.clone(),
            client_id: self.oidc_client_id.clone(),
            client_secret: self.oidc_client_secret.clone(),
            private_key: self.oidc_private_key.clone(),
            scopes: self.oidc_scopes.clone(),
            acr: self.oidc_acr.clone(),
            button_label: self.oidc_button_label.clone(),
            role_claim: self.oidc_role_claim.clone(),
            role_map: self.oidc_role_map.clone(),
            provision: self.oidc_provision,
            only: self.oidc_only,
            userinfo: self.oidc_userinfo,
            public_url: public_url.map(str::to_string),
        })
    }
}

/// Options for `plantrack import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The plan text file, StratML document or JSON export.
    pub file: PathBuf,
    /// text (a numbered outline), stratml, or json (a whole-plan export, restored into
    /// an empty database); found from the file when not given.
    #[arg(long, value_parser = ["text", "stratml", "json"])]
    pub format: Option<String>,
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

/// Options for `plantrack export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// stratml: one fiscal year as a StratML Part 2 document; json: everything (plan,
    /// revisions, history, measures, reviews, budget, accounts, audit trail) as one
    /// document that `plantrack import --format json` restores (docs/export-format.md).
    /// csv: the same as json, one CSV file per table in a zip.
    #[arg(long, value_parser = ["stratml", "json", "csv"])]
    pub format: String,
    /// The fiscal year (StratML); defaults to the current one.
    #[arg(long)]
    pub fy: Option<i32>,
    /// With stratml: the year's Annual Performance Report (type Performance_Report)
    /// instead of its plan.
    #[arg(long)]
    pub report: bool,
    /// Where to write ("-": standard output).
    pub out: PathBuf,
}

/// Runs the chosen command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    init_logging(cli.log_json);
    let clock = match cli.now {
        Some(at) => {
            tracing::warn!(now = %at, "running at a fixed time (PLANTRACK_NOW / --now), not the system clock");
            Clock::fixed(at)
        }
        None => Clock::system(),
    };
    // A command's stored timestamps come from the same clock as its dates.
    app::db::with_clock(clock.clone(), run_command(cli, clock)).await
}

/// Runs the command at `clock`.
async fn run_command(cli: Cli, clock: Clock) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Import(args)) => import(&cli.database_url, args).await,
        Some(Command::Export(args)) => export(&cli.database_url, args, clock).await,
        Some(Command::Serve(args)) => serve(&cli.database_url, args, clock).await,
        Some(Command::User(UserCommand::Add(args))) => user_add(&cli.database_url, args).await,
        Some(Command::User(UserCommand::Link {
            username,
            issuer,
            subject,
        })) => user_link(&cli.database_url, &username, (&issuer, &subject)).await,
        Some(Command::Backup { file }) => crate::backup::backup(&cli.database_url, &file).await,
        Some(Command::Restore { file }) => crate::backup::restore(&cli.database_url, &file).await,
        Some(Command::Demo {
            strategies,
            years,
            seed,
        }) => demo(&cli.database_url, strategies, years, seed, clock).await,
        Some(Command::CheckSummaries { repair }) => {
            check_summaries(&cli.database_url, repair).await
        }
        Some(Command::ForecastCheck { json }) => {
            forecast_check(&cli.database_url, json, clock).await
        }
        None => serve(&cli.database_url, cli.serve, clock).await,
    }
}

/// `plantrack forecast-check`: the forecast back-tested on the stored history.
async fn forecast_check(url: &str, json: bool, clock: Clock) -> anyhow::Result<()> {
    let db = open_database(url, &FirstRunPlan::Empty).await?;
    let cal = app::queries::settings::calendar(&db).await?;
    let result = app::services::forecast_check::forecast_check(&db, cal, clock.today()).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        print!("{}", result.report());
    }
    Ok(())
}

/// `plantrack check-summaries`: the summaries against history.
async fn check_summaries(url: &str, repair: bool) -> anyhow::Result<()> {
    let db = open_database(url, &FirstRunPlan::Empty).await?;
    let differences = app::services::summary::check(&db).await?;
    if differences.is_empty() {
        println!("The summaries agree with history.");
        return Ok(());
    }
    for d in &differences {
        println!("{d}");
    }
    if repair {
        app::services::summary::repair(&db).await?;
        println!("{} differences repaired from history.", differences.len());
        return Ok(());
    }
    anyhow::bail!(
        "{} differences between the summaries and history (run with --repair to recompute them)",
        differences.len()
    )
}

/// `plantrack demo`: sample data into an empty database.
async fn demo(
    url: &str,
    strategies: usize,
    years: usize,
    seed: u64,
    clock: Clock,
) -> anyhow::Result<()> {
    let db = open_database(url, &FirstRunPlan::Empty).await?;
    let started = std::time::Instant::now();
    let size = app::demo::DemoSize {
        strategies,
        years,
        seed,
    };
    let made = app::demo::generate(&db, size, clock.today()).await?;
    println!(
        "Sample data: {} goals, {} objectives, {} strategies, {} status updates, {} measures, {} actuals in {:.1} s.",
        made.goals,
        made.objectives,
        made.strategies,
        made.status_updates,
        made.measures,
        made.actuals,
        started.elapsed().as_secs_f64()
    );
    Ok(())
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

async fn serve(database_url: &str, args: ServeArgs, clock: Clock) -> anyhow::Result<()> {
    let first_run = match (args.plan, args.no_plan) {
        (_, true) => FirstRunPlan::Empty,
        (Some(path), false) => FirstRunPlan::File(path),
        (None, false) => FirstRunPlan::Bundled,
    };
    let db = open_database(database_url, &first_run)
        .await
        .context("opening the database")?;
    let oidc = args
        .oidc
        .check(args.public_url.as_deref())
        .map_err(anyhow::Error::msg)?;
    if let Some(settings) = &oidc {
        // The key file is read now: a bad one stops the start with the flag named.
        crate::sso::provider::RelyingParty::new(settings.clone()).map_err(anyhow::Error::msg)?;
        tracing::info!(issuer = %settings.issuer, "single sign-on through the identity provider");
    }
    let leptos_options = crate::leptos_options(args.addr);
    let addr = leptos_options.site_addr;
    let auth = AuthSettings {
        public_read: args.public_read,
        secure_cookies: args.secure_cookies,
        trusted_proxies: args.trusted_proxies.clone(),
        oidc,
        ..AuthSettings::default()
    };
    let state =
        crate::setup::app_state(database_url, db.clone(), leptos_options, auth, clock).await?;
    crate::jobs::start(&state, &db)?;
    if app::queries::users::count(&db).await? == 0 {
        tracing::warn!(
            "no accounts yet: create the first administrator with \
             `plantrack user add NAME --role admin`"
        );
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("listening on {addr}"))?;
    // The bound address (the port the system chose when --addr asked for port 0).
    let addr = listener.local_addr().unwrap_or(addr);
    tracing::info!("plantrack listening on http://{addr}");
    let timeout = std::time::Duration::from_secs(args.request_timeout);
    let router = crate::router_with_timeout(state, timeout);
    crate::serve(listener, router, shutdown_signal()).await?;
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
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
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

/// `plantrack export`: the plan written to a file.
async fn export(url: &str, args: ExportArgs, clock: Clock) -> anyhow::Result<()> {
    let db = open_database(url, &FirstRunPlan::Empty).await?;
    let today = clock.today();
    let fy = args.fy.unwrap_or_else(|| {
        app::model::fiscal::FiscalCalendar::default()
            .quarter_of(today)
            .year
    });
    let bytes = match args.format.as_str() {
        "json" => app::services::whole::export_text(&db)
            .await
            .map(String::into_bytes),
        "csv" => app::services::whole::export_zip(&db).await,
        _ if args.report => app::services::stratml::export_report(&db, fy, today)
            .await
            .map(String::into_bytes),
        _ => app::services::stratml::export(&db, fy, today)
            .await
            .map(String::into_bytes),
    };
    db.close().await;
    let bytes = bytes.map_err(|e| anyhow::anyhow!("{e}"))?;
    if args.out.as_os_str() == "-" {
        use std::io::Write;
        std::io::stdout().write_all(&bytes)?;
    } else {
        std::fs::write(&args.out, bytes)
            .with_context(|| format!("writing {}", args.out.display()))?;
        let what = match args.format.as_str() {
            "json" => "the whole plan as JSON".to_string(),
            "csv" => "the whole plan as a zip of CSV files".to_string(),
            _ => format!("FY{fy} as StratML"),
        };
        println!("exported {what} to {}", args.out.display());
    }
    Ok(())
}

async fn import(database_url: &str, args: ImportArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let json = match args.format.as_deref() {
        Some(f) => f == "json",
        None => text.trim_start().starts_with('{'),
    };
    if json {
        let db = open_database(database_url, &FirstRunPlan::Empty).await?;
        let done = app::services::whole::import(&db, &text).await;
        db.close().await;
        let restored = done.map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "restored {}: {} rows in {} tables",
            args.file.display(),
            restored.rows,
            restored.tables
        );
        return Ok(());
    }
    let outline = app::outline::parse_plan_text(&text)?;
    if app::model::stratml::is_xml(&text) && !args.dry_run {
        let db = open_database(database_url, &FirstRunPlan::Empty).await?;
        let done = app::services::import::import_stratml(&db, &Actor::system(), &text).await;
        db.close().await;
        let (summary, counts) = done.map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "imported {}: {summary}; {} measures, {} targets, {} actuals, {} status updates",
            args.file.display(),
            counts.measures,
            counts.targets,
            counts.actuals,
            counts.status_updates
        );
        return Ok(());
    }
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
    let summary = apply_outline(&db, &outline, &fields, &Actor::system()).await?;
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

/// `plantrack user link`: an account linked to its provider subject.
async fn user_link(
    database_url: &str,
    username: &str,
    (issuer, subject): (&str, &str),
) -> anyhow::Result<()> {
    let db = open_database(database_url, &FirstRunPlan::Empty).await?;
    let username = username.trim().to_lowercase();
    let linked =
        app::services::sso::link_subject(&db, &Actor::system(), &username, (issuer, subject)).await;
    db.close().await;
    linked.map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("linked {username} to {subject} at {issuer}");
    Ok(())
}

async fn user_add(database_url: &str, args: UserAddArgs) -> anyhow::Result<()> {
    let username = args.username.trim().to_lowercase();
    // Checked before the database is opened (and perhaps created); the service checks again.
    check_username(&username).map_err(anyhow::Error::msg)?;
    if let Some(email) = &args.email {
        app::services::users::check_email(email).map_err(anyhow::Error::msg)?;
    }
    let secret = if args.password_stdin {
        let mut input = String::new();
        std::io::stdin().read_to_string(&mut input)?;
        let secret = input.trim_end_matches(['\r', '\n']).to_string();
        password::check_new(&secret, &username).map_err(|p| anyhow::anyhow!(p.message()))?;
        NewPassword::Chosen(secret)
    } else {
        NewPassword::Generated
    };
    let db = open_database(database_url, &FirstRunPlan::Empty).await?;
    let display_name = args.display_name.unwrap_or_else(|| username.clone());
    let added = add_user(
        &db,
        &Actor::system(),
        &username,
        &display_name,
        args.role,
        secret,
    )
    .await;
    let (id, generated) = match added {
        Ok(added) => added,
        Err(e) => {
            db.close().await;
            anyhow::bail!("{}", app::model::AppError::from(e));
        }
    };
    if let Some(email) = &args.email {
        let set = app::services::users::set_email(&db, &Actor::system(), id, email).await;
        if let Err(e) = set {
            db.close().await;
            anyhow::bail!("{e}");
        }
    }
    if args.break_glass {
        let marked = app::services::sso::set_break_glass(&db, &Actor::system(), id).await;
        if let Err(e) = marked {
            db.close().await;
            anyhow::bail!("{e}");
        }
    }
    println!("added {username} ({})", args.role.label());
    if let Some(secret) = generated {
        println!("password (shown once; it must be changed at first sign-in): {secret}");
    }
    db.close().await;
    Ok(())
}
