//! Every fuzz target (`arshif::devtools::fuzz::TARGETS`, the bodies the nightly `fuzz/` crate
//! runs) over its seed corpus (`fuzz/seeds/<target>/`), every regression input
//! (`fuzz/regressions/<target>/`, one file per crash a fuzzer found), and a few thousand
//! deterministic mutations of them: stable Rust, so CI exercises every target without nightly.
//! `ARSHIF_FUZZ_SMOKE_N` sets the mutations per target (default 2,000).

use arshif::devtools::fuzz::TARGETS;
use arshif::devtools::rng::Rng;
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.is_file());
    v.sort();
    v
}

/// Byte-level mutations as a fuzzer makes them: flip, insert a "dangerous" byte or a multi-byte
/// character, delete a run, duplicate a run, splice with another seed, cut anywhere.
fn mutate(rng: &mut Rng, data: &[u8], other: &[u8]) -> Vec<u8> {
    const PIECES: &[&[u8]] = &[
        b"\0",
        b"\xff",
        b"\xc3",
        b"\xe2\x80",
        "🇱🇾".as_bytes(),
        "ء".as_bytes(),
        "\u{200f}".as_bytes(),
        "\u{202e}".as_bytes(),
        "\u{064e}".as_bytes(),
        b"\r",
        b"\n",
        b"---\n",
        b"\"",
        b"*",
        b",",
        b"<",
        b"{",
        b"[",
        b"\xef\xbb\xbf",
        b"\xfe\xff",
        "«".as_bytes(),
        "٢٠٢١".as_bytes(),
    ];
    let mut d = data.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(d.len() + 1);
        match rng.below(6) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] ^= 1 << rng.below(8);
            }
            1 => {
                let p = PIECES[rng.below(PIECES.len())];
                d.splice(at..at, p.iter().copied());
            }
            2 if at < d.len() => {
                let end = (at + 1 + rng.below(16)).min(d.len());
                d.drain(at..end);
            }
            3 if at < d.len() => {
                let end = (at + 1 + rng.below(64)).min(d.len());
                let run = d[at..end].to_vec();
                d.splice(at..at, run);
            }
            4 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + 1 + rng.below(256)).min(other.len());
                d.splice(at..at, other[from..end].iter().copied());
            }
            _ => d.truncate(at),
        }
    }
    d
}

#[test]
fn every_target_survives_its_seeds_regressions_and_mutations() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let n: usize = std::env::var("ARSHIF_FUZZ_SMOKE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let names: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
    assert!(
        names.len() >= 10 && names.contains(&"search_query") && names.contains(&"import_csv"),
        "{names:?}"
    );
    for (name, target) in TARGETS {
        let seeds = files(&root.join("seeds").join(name));
        assert!(
            !seeds.is_empty(),
            "no seeds for {name} in fuzz/seeds/{name}"
        );
        let mut inputs: Vec<Vec<u8>> = seeds.iter().map(|p| std::fs::read(p).unwrap()).collect();
        for p in files(&root.join("regressions").join(name)) {
            inputs.push(std::fs::read(p).unwrap());
        }
        inputs.push(Vec::new());
        for input in &inputs {
            target(input);
        }
        let mut rng = Rng(0x5EED_0000 ^ name.len() as u64 ^ (name.as_bytes()[0] as u64) << 32);
        for _ in 0..n {
            let a = &inputs[rng.below(inputs.len())];
            let b = &inputs[rng.below(inputs.len())];
            let m = mutate(&mut rng, a, b);
            target(&m);
        }
    }
}
