//! The `plantrack` binary: parses the command line and hands over to the library.

use clap::Parser;

/// The allocator (see server/Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = server::cli::Cli::parse();
    match server::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("plantrack: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
