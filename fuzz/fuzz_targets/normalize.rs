#![no_main]
// Body: arshif::devtools::fuzz::normalize.
libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif::devtools::fuzz::normalize(data));
