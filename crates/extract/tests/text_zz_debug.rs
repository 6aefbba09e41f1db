#[test]
fn dump() {
    let path = std::env::var("DUMP").unwrap_or_default();
    if path.is_empty() {
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let c = parallax_extract::text::clean_text(&text, None);
    println!(
        "TITLE {:?}\nAUTHORS {:?}\nSITE {:?}\nPUB {:?}\nCREDITS {:?}",
        c.title, c.authors, c.site, c.published, c.credits
    );
    for b in &c.body {
        println!(
            "[{:?}] {}",
            b.kind,
            b.text.chars().take(100).collect::<String>()
        );
    }
    for a in &c.asides {
        println!(
            "ASIDE {:?} {:?} {:?} {:?} {}",
            a.label,
            a.subject,
            a.source,
            a.lang,
            a.text.chars().take(80).collect::<String>()
        );
    }
    for r in &c.removed {
        println!(
            "-- {} {}",
            r.reason,
            r.text.chars().take(100).collect::<String>()
        );
    }
}

#[test]
fn flag_lines() {
    let path = std::env::var("LINES").unwrap_or_default();
    if path.is_empty() {
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut n, mut f) = (0, 0);
    for l in text.lines() {
        n += 1;
        if parallax_extract::text::is_boilerplate_line(l) {
            f += 1;
            println!("FLAG {}", l.chars().take(160).collect::<String>());
        }
    }
    println!("total {n} flagged {f}");
}

#[test]
fn predict() {
    let path = std::env::var("PRED_IN").unwrap_or_default();
    if path.is_empty() {
        return;
    }
    let out = std::env::var("PRED_OUT").unwrap();
    let mode = std::env::var("MODE").unwrap_or_default();
    let mut w = String::new();
    let t0 = std::time::Instant::now();
    let mut bytes = 0;
    for line in std::fs::read_to_string(&path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        bytes += text.len();
        let body = if mode == "raw" {
            text.to_string()
        } else {
            let c = parallax_extract::text::clean_text(text, None);
            c.body
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        w.push_str(&serde_json::json!({"id": v["id"], "body": body}).to_string());
        w.push('\n');
    }
    eprintln!("{} bytes in {:?}", bytes, t0.elapsed());
    std::fs::write(out, w).unwrap();
}
