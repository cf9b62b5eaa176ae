//! The `arshif` binary: with no arguments it opens the app; subcommands do the same work headless
//! (see [`arshif::cli`]).

use clap::{CommandFactory, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    // clap exits with 2 on a usage error and 0 for --help/--version.
    let cli = arshif::cli::Cli::parse();
    match cli.command {
        Some(command) => ExitCode::from(arshif::cli::run(cli.db.as_deref(), command)),
        // When the app is merged this arm becomes: `None => arshif::ui::run(cli.db.as_deref()),`
        None => no_app(),
    }
}

fn no_app() -> ExitCode {
    println!("{}", arshif::cli::NO_GUI);
    println!();
    let _ = arshif::cli::Cli::command().print_help();
    ExitCode::from(arshif::cli::EXIT_OK)
}
