//! The `entente` command line: parses arguments and wires the libraries.
#![forbid(unsafe_code)]

fn main() {
    eprintln!("entente: not implemented yet");
    std::process::exit(1);
}
