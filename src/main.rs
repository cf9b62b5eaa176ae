//! The `arshif` binary: with no arguments it opens the app; subcommands do the same work headless
//! (see [`arshif::cli`]).

use arshif::cli::CliError;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe (`arshif timeline | head`) would panic;
    // restore the default action so the process just ends, as command-line tools do.
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // clap exits with 2 on a usage error and 0 for --help/--version.
    let cli = arshif::cli::Cli::parse();
    ExitCode::from(match cli.command {
        Some(command) => arshif::cli::run(cli.db.as_deref(), command),
        None => arshif::cli::exit_code(open_app(cli.db, cli.screenshot, cli.lang)),
    })
}

/// No subcommand: the app window on the `--db` archive (or `$ARSHIF_DB`, or the default one).
/// Errors are printed by [`arshif::cli::exit_code`], as the subcommands' are.
#[cfg(feature = "gui")]
fn open_app(
    db: Option<std::path::PathBuf>,
    screenshot: Option<std::path::PathBuf>,
    lang: Option<String>,
) -> Result<(), CliError> {
    let lang = match lang.as_deref() {
        None => None,
        Some("ar") => Some(arshif::ui::UiLang::Ar),
        Some("en") => Some(arshif::ui::UiLang::En),
        Some(other) => {
            return Err(CliError::Usage(format!(
                "--lang takes en or ar, not «{other}»"
            )));
        }
    };
    let options = arshif::ui::RunOptions {
        archive: db,
        lang,
        ..Default::default()
    };
    if let Some(file) = screenshot {
        arshif::ui::screenshot(&file, options)
            .map_err(|e| CliError::Failed(format!("no screenshot: {e:#}")))?;
        println!("screenshot saved to {}", file.display());
        return Ok(());
    }
    arshif::ui::run(options)
        .map_err(|e| CliError::Failed(format!("the app could not start: {e:#}")))
}

/// No subcommand in a build without the `gui` feature: say so and print the help.
#[cfg(not(feature = "gui"))]
fn open_app(
    _db: Option<std::path::PathBuf>,
    _screenshot: Option<std::path::PathBuf>,
    _lang: Option<String>,
) -> Result<(), CliError> {
    use clap::CommandFactory;
    println!("{}", arshif::cli::NO_GUI);
    println!();
    let _ = arshif::cli::Cli::command().print_help();
    Ok(())
}
