//! The differential corpus: every program in `tests/differential/` runs under `python3`
//! (the oracle) and under `heaplab run` with every allocator strategy; standard output
//! and exit status must be identical. Programs print only what CPython prints
//! deterministically (no addresses, no timings, no hash-ordered sets of strings).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ALLOCATORS: [&str; 5] = ["pymalloc", "system", "mimalloc", "slab", "bump"];

fn corpus() -> (PathBuf, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/differential");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the corpus directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    files.sort();
    (dir, files)
}

/// Standard error as programs named `*_stderr.py` are compared: addresses and
/// elapsed times masked, CPython 3.11's caret lines (`~~~^^^`, which heaplab does not
/// draw) dropped, and generation 2's size (which counts CPython's own objects) masked.
fn normalize_stderr(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if !trimmed.is_empty() && trimmed.chars().all(|c| c == '^' || c == '~') {
            continue;
        }
        let mut line = mask_hex(line);
        if let Some(at) = line.find("s elapsed") {
            let start = line[..at].rfind(' ').map_or(0, |i| i + 1);
            line.replace_range(start..at, "T");
        }
        if line.starts_with("gc: objects in each generation:") {
            if let Some(last) = line.rfind(' ') {
                line.truncate(last + 1);
                line.push('N');
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Replace every `0x...` hexadecimal number with `ADDR`.
fn mask_hex(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        let n = tail.chars().take_while(char::is_ascii_hexdigit).count();
        out.push_str("ADDR");
        rest = &tail[n..];
    }
    out.push_str(rest);
    out
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the command runs")
}

#[test]
fn corpus_agrees_with_python3_under_every_allocator() {
    let (dir, files) = corpus();
    assert!(files.len() >= 10, "the corpus is missing");
    let mut failures = Vec::new();
    for file in &files {
        let python = run(Command::new("python3").arg(file).current_dir(&dir));
        for allocator in ALLOCATORS {
            let heaplab = run(Command::new(env!("CARGO_BIN_EXE_heaplab"))
                .args(["run", file, "--allocator", allocator])
                .current_dir(&dir));
            let stderr_differs = file.ends_with("_stderr.py")
                && normalize_stderr(&heaplab.stderr) != normalize_stderr(&python.stderr);
            if heaplab.stdout != python.stdout
                || heaplab.status.code() != python.status.code()
                || stderr_differs
            {
                failures.push(format!(
                    "{file} ({allocator}): exit {:?} vs python3's {:?}\n--- python3\n{}--- heaplab\n{}--- python3 stderr (normalized)\n{}--- heaplab stderr (normalized)\n{}",
                    heaplab.status.code(),
                    python.status.code(),
                    String::from_utf8_lossy(&python.stdout),
                    String::from_utf8_lossy(&heaplab.stdout),
                    normalize_stderr(&python.stderr),
                    normalize_stderr(&heaplab.stderr),
                ));
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// The workloads under `experiments/workloads/`, each with a small size argument: the
/// checksums they print must be python3's.
#[test]
fn workloads_print_python3s_checksums() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("experiments/workloads");
    for (file, size) in [
        ("binary_trees.py", "8"),
        ("gc_collect.py", "500"),
        ("gc_traversal.py", "3"),
        ("list_dict_churn.py", "2000"),
        ("richards.py", "1"),
        ("weakrefs_finalizers.py", "2000"),
    ] {
        let python = run(Command::new("python3").args([file, size]).current_dir(&dir));
        let heaplab = run(Command::new(env!("CARGO_BIN_EXE_heaplab"))
            .args(["run", file, size])
            .current_dir(&dir));
        assert!(python.status.success(), "{file} fails under python3");
        assert_eq!(
            String::from_utf8_lossy(&heaplab.stdout),
            String::from_utf8_lossy(&python.stdout),
            "{file}: {}",
            String::from_utf8_lossy(&heaplab.stderr)
        );
        assert_eq!(heaplab.status.code(), python.status.code(), "{file}");
    }
}
