//! Serves a data directory without the `parallax` command: handy for trying the web UI and for
//! running the browser test against a store built by hand.
//!
//! ```text
//! cargo run -p parallax-web --example serve -- DATA_DIR [ADDR] [KNOWLEDGE.jsonl]
//! ```
//!
//! Stops on Ctrl-C.

use parallax_web::{ServeConfig, ctrl_c, serve};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(data) = args.next() else {
        eprintln!("usage: serve DATA_DIR [ADDR] [KNOWLEDGE.jsonl]");
        return ExitCode::from(2);
    };
    let mut cfg = ServeConfig::new(data);
    if let Some(addr) = args.next() {
        match addr.parse() {
            Ok(a) => cfg.addr = a,
            Err(e) => {
                eprintln!("serve: {addr:?} is not an address such as 127.0.0.1:8080: {e}");
                return ExitCode::from(2);
            }
        }
    }
    cfg.knowledge = args.next().map(Into::into);
    match serve(cfg, ctrl_c()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("serve: {e}");
            ExitCode::FAILURE
        }
    }
}
