//! A small deterministic random generator for the developer tools: the same seed gives the same
//! corpus and the same archive on every machine (no `rand` dependency for two callers).

/// A small deterministic generator (xorshift64*), enough for shuffling text and drawing names
/// (for the bench corpus and the generated archives, [`super::generate`]).
pub struct Rng(pub u64);

impl Rng {
    /// The next number of the sequence (every `u64` equally likely).
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}
