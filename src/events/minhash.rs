//! Near-identical articles: MinHash signatures over word 3-shingles of the normalised text, and
//! the copy relation they give (the same agency text lightly edited under another headline).

use std::collections::HashMap;

/// Hashes per signature.
pub const SIGNATURE_LEN: usize = 64;

/// Estimated Jaccard similarity (of 3-shingle sets) from which two texts are copies.
pub const COPY_JACCARD: f64 = 0.7;

/// Words per shingle.
const SHINGLE: usize = 3;

/// Texts with fewer shingles than this get no signature (too short to call a copy).
const MIN_SHINGLES: usize = 12;

/// LSH bands (of `SIGNATURE_LEN / BANDS` rows each) for finding candidate pairs.
const BANDS: usize = 16;

/// FNV-1a over bytes: stable across builds and platforms (signatures are stored).
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// SplitMix64 finaliser, seeded: the `i`-th hash function of the signature.
fn mix(x: u64, seed: u64) -> u64 {
    let mut z = x ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The MinHash signature of `text` (normalised with [`crate::text::tokens::words`], so
/// diacritics, letter variants and digits do not matter): [`SIGNATURE_LEN`] minima over its
/// word 3-shingles, or `None` when the text is too short to judge.
pub fn minhash(text: &str) -> Option<Vec<u64>> {
    let words: Vec<String> = crate::text::tokens::words(text)
        .into_iter()
        .map(|w| w.text)
        .collect();
    if words.len() < SHINGLE + MIN_SHINGLES {
        return None;
    }
    let shingles: Vec<u64> = words
        .windows(SHINGLE)
        .map(|w| fnv(w.join(" ").as_bytes()))
        .collect();
    Some(
        (0..SIGNATURE_LEN as u64)
            .map(|seed| {
                shingles
                    .iter()
                    .map(|&s| mix(s, seed + 1))
                    .min()
                    .unwrap_or(u64::MAX)
            })
            .collect(),
    )
}

/// Estimated Jaccard similarity of two signatures (share of equal positions, 0..1).
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// The copy relation over `(article id, signature)` pairs: `(copy, original)` for every article
/// whose signature is at least [`COPY_JACCARD`] similar to an article with a smaller id, the
/// original being the smallest such id reached (so a chain of copies points at its first text).
/// Candidates come from banded LSH, so the cost is about linear in the number of articles.
pub fn copies(signatures: &[(i64, Vec<u64>)]) -> Vec<(i64, i64)> {
    let rows = SIGNATURE_LEN / BANDS;
    let mut buckets: HashMap<(usize, Vec<u64>), Vec<usize>> = HashMap::new();
    for (i, (_, sig)) in signatures.iter().enumerate() {
        if sig.len() != SIGNATURE_LEN {
            continue;
        }
        for b in 0..BANDS {
            buckets
                .entry((b, sig[b * rows..(b + 1) * rows].to_vec()))
                .or_default()
                .push(i);
        }
    }
    let mut original: HashMap<i64, i64> = HashMap::new();
    let mut order: Vec<usize> = (0..signatures.len()).collect();
    order.sort_by_key(|&i| signatures[i].0);
    let mut candidates: HashMap<usize, Vec<usize>> = HashMap::new();
    for list in buckets.values() {
        for &i in list {
            for &j in list {
                if signatures[j].0 < signatures[i].0 {
                    candidates.entry(i).or_default().push(j);
                }
            }
        }
    }
    for i in order {
        let Some(list) = candidates.get(&i) else {
            continue;
        };
        let (id, sig) = &signatures[i];
        let best = list
            .iter()
            .filter(|&&j| similarity(sig, &signatures[j].1) >= COPY_JACCARD)
            .map(|&j| {
                let other = signatures[j].0;
                *original.get(&other).unwrap_or(&other)
            })
            .min();
        if let Some(o) = best {
            original.insert(*id, o);
        }
    }
    let mut out: Vec<(i64, i64)> = original.into_iter().collect();
    out.sort();
    out
}
