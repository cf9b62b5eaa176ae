//! Embeds into the binary every file of `assets/samples/` (the sample articles a new default
//! archive starts with) as `$OUT_DIR/samples.rs`, and every `assets/gazetteer/*.toml` as
//! `$OUT_DIR/gazetteer_files.rs`: `(file name, contents)` pairs in name order, so a new gazetteer
//! file ships by being added to the folder. Cargo re-runs this when either folder changes.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    embed_samples();
    embed_gazetteer();
}

fn embed_samples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join("samples");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        !name.starts_with('.')
    });
    files.sort();
    let mut out = String::from(
        "/// Bundled sample articles: (file name, file bytes), in name order.\npub static SAMPLES: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        writeln!(
            out,
            "    ({name:?}, include_bytes!({:?})),",
            f.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("samples.rs");
    std::fs::write(dest, out).unwrap();
}

fn embed_gazetteer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join("gazetteer");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from(
        "/// Shipped gazetteer files: (path from the crate root, TOML text), in name order.\npub static GAZETTEER_FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        writeln!(
            out,
            "    (\"assets/gazetteer/{name}\", include_str!({:?})),",
            f.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("gazetteer_files.rs");
    std::fs::write(dest, out).unwrap();
}
