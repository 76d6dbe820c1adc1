//! End-to-end tests of `heaplab alloc-bench`: the report, the JSON lines, traces, and
//! refusals of bad arguments.

use std::process::{Command, Output};

fn heaplab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_heaplab"))
        .args(args)
        .output()
        .expect("heaplab runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn json_has_a_line_per_allocator_and_pattern_with_the_documented_fields() {
    let out = heaplab(&["alloc-bench", "--ops", "4000", "--repeat", "1", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 5 * 5, "every allocator on every pattern");
    for allocator in ["system", "pymalloc", "bump", "slab", "mimalloc"] {
        for pattern in ["churn", "bulk", "lifo", "fifo", "random"] {
            let row = lines
                .iter()
                .find(|r| r["allocator"] == allocator && r["pattern"] == pattern)
                .unwrap_or_else(|| panic!("no row for {allocator} on {pattern}"));
            assert_eq!(row["ops"], 4000);
            assert!(row["ns_per_op"].as_f64().unwrap() > 0.0);
            assert!(row["peak_in_use_bytes"].as_u64().unwrap() > 0);
            assert!(row["peak_reserved_bytes"].is_u64());
        }
    }
}

#[test]
fn the_table_names_what_it_compares() {
    let out = heaplab(&[
        "alloc-bench",
        "--ops",
        "2000",
        "--repeat",
        "1",
        "--allocator",
        "pymalloc",
        "--allocator",
        "system",
        "--pattern",
        "fifo",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("ns/op") && text.contains("peak reserved"),
        "{text}"
    );
    assert!(
        text.contains("pymalloc") && text.contains("system"),
        "{text}"
    );
    assert!(
        !text.contains("mimalloc"),
        "only the allocators asked for: {text}"
    );
    assert!(text.contains("1.00x"), "system is its own baseline: {text}");
}

#[test]
fn a_recorded_trace_replays_as_a_pattern() {
    let dir = std::env::temp_dir().join(format!("heaplab-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("lifo.trace");
    allocator::pattern::Pattern::Lifo
        .trace(500, 3)
        .write(&path)
        .unwrap();
    let out = heaplab(&[
        "alloc-bench",
        "--trace",
        path.to_str().unwrap(),
        "--repeat",
        "1",
        "--json",
        "--allocator",
        "slab",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let row: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(row["pattern"], path.to_str().unwrap());
    assert_eq!(row["ops"], 1000);

    std::fs::write(&path, b"HLTRACE1\x01\x01\x05").unwrap();
    let out = heaplab(&["alloc-bench", "--trace", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("never allocated"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_arguments_are_refused_with_status_2_and_a_clear_message() {
    let out = heaplab(&["alloc-bench", "--allocator", "jemalloc"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for name in ["system", "pymalloc", "bump", "slab", "mimalloc"] {
        assert!(err.contains(name), "lists the valid allocators: {err}");
    }

    let out = heaplab(&["alloc-bench", "--pattern", "zigzag"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("churn"), "{}", stderr(&out));

    for ops in ["0", "-5", "many", ""] {
        let out = heaplab(&["alloc-bench", "--ops", ops]);
        assert_eq!(out.status.code(), Some(2), "--ops {ops:?}");
    }

    let out = heaplab(&[
        "alloc-bench",
        "--pool-size",
        "3000",
        "--allocator",
        "pymalloc",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pool size"), "{}", stderr(&out));

    let out = heaplab(&["alloc-bench", "--trace", "/nonexistent/x.trace"]);
    assert_eq!(out.status.code(), Some(2));
}
