#![no_main]
// Body: arshif::devtools::fuzz::bidi.
libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif::devtools::fuzz::bidi(data));
