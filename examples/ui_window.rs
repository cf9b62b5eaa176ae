//! Opens the Arshif window (or saves a screenshot of it) without going through `main`'s CLI.
//!
//! ```text
//! cargo run --example ui_window                       # the window
//! cargo run --example ui_window -- --lang ar          # Arabic UI (mirrored)
//! cargo run --example ui_window -- --screenshot out.png [--lang ar] [--db ARCHIVE]
//! ```
//!
//! For many rows, generate a big archive first: `cargo bench --bench ui_frames` (it can keep the
//! 100,000-meeting archive it builds: `ARSHIF_KEEP_ARCHIVE=big.sqlite`), then `--db big.sqlite`.
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut options = arshif::ui::RunOptions::default();
    let mut shot: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lang" => {
                options.lang = match args.next().as_deref() {
                    Some("ar") => Some(arshif::ui::UiLang::Ar),
                    Some("en") => Some(arshif::ui::UiLang::En),
                    other => anyhow::bail!("--lang takes `ar` or `en`, not {other:?}"),
                }
            }
            "--screenshot" => {
                shot = Some(
                    args.next()
                        .ok_or_else(|| anyhow::anyhow!("--screenshot needs a file name"))?
                        .into(),
                )
            }
            "--probe-dialog" => {
                // How the system file dialog behaves here (no portal/zenity: None within ms).
                let t = std::time::Instant::now();
                let r =
                    arshif::ui::worker::native_dialog(arshif::ui::worker::DialogPurpose::Import);
                println!("dialog returned {r:?} after {:?}", t.elapsed());
                return Ok(());
            }
            "--db" => {
                options.archive = Some(
                    args.next()
                        .ok_or_else(|| anyhow::anyhow!("--db needs an archive file"))?
                        .into(),
                )
            }
            other => anyhow::bail!("unknown argument {other:?} (see the example's doc comment)"),
        }
    }
    match shot {
        Some(path) => arshif::ui::screenshot(&path, options),
        None => arshif::ui::run(options),
    }
}
