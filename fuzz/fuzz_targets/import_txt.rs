#![no_main]
// Body: arshif::devtools::fuzz::import_txt.
libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif::devtools::fuzz::import_txt(data));
