#![no_main]
// Body: arshif::devtools::fuzz::dates.
libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif::devtools::fuzz::dates(data));
