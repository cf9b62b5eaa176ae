#![no_main]
// Body: arshif::devtools::fuzz::text_cut.
libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif::devtools::fuzz::text_cut(data));
