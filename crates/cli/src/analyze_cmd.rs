//! `parallax analyze PATH...`: entities, quotes and figures of plain texts, one JSON object per
//! input on stdout (the benchmark interface of the analysis stage).
//!
//! Wiring (in `main.rs`):
//!
//! ```text
//! mod analyze_cmd;
//!
//! // in `enum Command`:
//!     /// Analyse texts: entities, quotes and figures, one JSON object per input on stdout.
//!     ///
//!     /// Takes text files (.txt and anything else), directories of them, JSONL files (.jsonl,
//!     /// .ndjson: one record per line with `id` and `text`, optional `language`) or `-` for a
//!     /// text on stdin. Prints {"id", "language", "entities", "quotes", "figures",
//!     /// "casualties"} per input; offsets are character offsets into the text, end exclusive.
//!     Analyze(analyze_cmd::AnalyzeArgs),
//!
//! // in the `match` of `main`:
//!         Command::Analyze(args) => analyze_cmd::run(args),
//! ```
//!
//! and in `crates/cli/Cargo.toml`: `parallax-analysis.workspace = true` (with
//! `parallax-analysis = { path = "crates/analysis" }` in the workspace dependencies).

use anyhow::{Context, Result};
use clap::Args;
use serde::Serialize;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `parallax analyze`.
#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Text files, directories of text files, JSONL files (`id` and `text` per line), or `-`
    /// for stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Language of every input (ISO 639-1, e.g. `en`, `sv`), instead of detecting it per text.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
}

/// One output line.
#[derive(Serialize)]
struct Out<'a> {
    id: &'a str,
    #[serde(flatten)]
    analysis: parallax_analysis::Analysis,
}

/// One JSONL input record.
#[derive(serde::Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    #[serde(alias = "lang")]
    language: Option<String>,
}

/// Runs `parallax analyze`. Failed inputs are reported on stderr and the rest goes on; the exit
/// code is 1 when any input failed.
pub fn run(args: AnalyzeArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let lang = args.lang.as_deref();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("could not read stdin as UTF-8 text")?;
            emit(&mut out, "-", &text, lang)?;
        } else if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("could not list directory {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            files.sort();
            for f in files {
                failed += analyze_file(&mut out, &f, lang)?;
            }
        } else {
            failed += analyze_file(&mut out, path, lang)?;
        }
    }
    out.flush().context("could not write to stdout")?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn is_jsonl(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson")
    )
}

/// Analyses one file; returns how many of its records failed.
fn analyze_file(out: &mut impl Write, path: &Path, lang: Option<&str>) -> Result<usize> {
    let name = path.display().to_string();
    if !is_jsonl(path) {
        return match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                emit(out, &name, &text, lang)?;
                Ok(0)
            }
            Err(e) => {
                eprintln!("error: {name}: could not read the file: {e}");
                Ok(1)
            }
        };
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {name}: could not open the file: {e}");
            return Ok(1);
        }
    };
    let mut failed = 0;
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "error: {name}:{}: could not read the line (not UTF-8?): {e}",
                    n + 1
                );
                failed += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let rec: Record = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                eprintln!(
                    "error: {name}:{}: not a JSON object with `id` and `text`: {e}",
                    n + 1
                );
                failed += 1;
                continue;
            }
        };
        let Some(text) = rec.text else {
            eprintln!("error: {name}:{}: the record has no `text` field", n + 1);
            failed += 1;
            continue;
        };
        let id = match rec.id {
            Some(serde_json::Value::String(s)) => s,
            Some(v) => v.to_string(),
            None => format!("{name}:{}", n + 1),
        };
        emit(out, &id, &text, lang.or(rec.language.as_deref()))?;
    }
    Ok(failed)
}

fn emit(out: &mut impl Write, id: &str, text: &str, lang: Option<&str>) -> Result<()> {
    let analysis = parallax_analysis::analyze(text, lang);
    serde_json::to_writer(&mut *out, &Out { id, analysis })
        .context("could not write JSON to stdout")?;
    out.write_all(b"\n").context("could not write to stdout")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_records_become_json_lines() {
        let dir = tempfile::tempdir().map_err(anyhow::Error::from);
        let Ok(dir) = dir else { return };
        let p = dir.path().join("in.jsonl");
        let body = "{\"id\": \"a\", \"text\": \"Over 130 people died.\"}\nnot json\n{\"id\": 7, \"text\": \"\"}\n";
        assert!(std::fs::write(&p, body).is_ok());
        let mut buf = Vec::new();
        let failed = analyze_file(&mut buf, &p, Some("en")).unwrap_or(99);
        assert_eq!(failed, 1);
        let out = String::from_utf8_lossy(&buf);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["id"], "a");
        assert_eq!(lines[0]["figures"][0]["value"], 130);
        assert_eq!(lines[0]["casualties"]["killed"], 130);
        assert_eq!(lines[1]["id"], "7");
    }
}
