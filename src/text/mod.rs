//! Text handling that knows nothing of storage or screens: Arabic/Latin normalisation with offset
//! maps, tokenisation with clitic variants, date parsing, relative days («اليوم», «أمس»), language
//! detection, transliteration skeletons of Latin names; shortening text at grapheme boundaries
//! ([`cut`]).
//!
//! Used by `store` (the FTS5 tokenizer), `import` (dates, language) and `extract` (gazetteer).

pub mod bidi;
pub mod cut;
pub mod dates;
pub mod lang;
pub mod normalize;
pub mod relative;
pub mod skeleton;
pub mod tokens;

pub use normalize::{Normalized, fold, normalize};
