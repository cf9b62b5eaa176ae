#![no_main]
// Body: arshif::devtools::fuzz::import_html.
libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif::devtools::fuzz::import_html(data));
