#![no_main]
// Body: arshif::devtools::fuzz::search_query.
libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif::devtools::fuzz::search_query(data));
