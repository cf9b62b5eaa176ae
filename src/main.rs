//! The `arshif` binary: with no arguments it opens the app; subcommands do the same work headless.
fn main() {
    println!("arshif: skeleton");
}
