//! `heaplab run` and `heaplab dis` end to end: errors, exit statuses and options.

use std::path::PathBuf;
use std::process::{Command, Output};

fn program(name: &str, source: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("heaplab-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join(name);
    std::fs::write(&path, source).expect("write the program");
    path
}

fn heaplab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_heaplab"))
        .args(args)
        .output()
        .expect("heaplab runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_syntax_error_is_reported_as_cpython_reports_it() {
    let p = program("syntax.py", b"x = 1\nprint((x,\n");
    let o = heaplab(&["run", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    // As python3 prints it: the caret under the innermost unclosed bracket.
    assert!(
        err.contains(", line 2\n    print((x,\n          ^\nSyntaxError: '(' was never closed"),
        "{err}"
    );
}

#[test]
fn importing_a_module_heaplab_does_not_have_is_refused_with_its_name() {
    let p = program("imports.py", b"import gc\nfrom collections import deque\n");
    let o = heaplab(&["run", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("imports.py:2:6: unsupported: import of module 'collections'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn valid_python_outside_the_language_is_refused_with_its_place() {
    let p = program("unsupported.py", b"x = 1\nasync def f(): pass\n");
    let o = heaplab(&["run", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).ends_with("unsupported.py:2:1: unsupported: async and await\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_files_get_a_clear_message_and_a_nonzero_exit() {
    let missing = heaplab(&["run", "/nonexistent/prog.py"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("can't open file"),
        "{}",
        stderr(&missing)
    );
    let latin1 = program("latin1.py", b"print('caf\xe9')\n");
    let o = heaplab(&["run", latin1.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not UTF-8"), "{}", stderr(&o));
    let empty = program("empty.py", b"\n\n");
    let o = heaplab(&["run", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is empty"), "{}", stderr(&o));
    let deep = program("deep.py", "(".repeat(1_000_000).as_bytes());
    let o = heaplab(&["run", deep.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("too many nested parentheses"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_uncaught_exception_prints_a_traceback_and_exits_1() {
    let p = program(
        "boom.py",
        b"def f(x):\n    return 1 // x\n\nprint('before')\nf(0)\n",
    );
    let o = heaplab(&["run", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "before\n");
    let err = stderr(&o);
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{err}"
    );
    assert!(err.contains(", line 5, in <module>\n    f(0)\n"), "{err}");
    assert!(err.contains(", line 2, in f\n    return 1 // x\n"), "{err}");
    assert!(
        err.ends_with("ZeroDivisionError: integer division or modulo by zero\n"),
        "{err}"
    );
}

#[test]
fn max_heap_raises_a_memory_error_the_program_can_catch() {
    let p = program(
        "mem.py",
        b"keep = []\ntry:\n    while True:\n        keep.append([0] * 1000)\nexcept MemoryError:\n    keep = None\n    print('caught')\nprint('after')\n",
    );
    let o = heaplab(&["run", p.to_str().unwrap(), "--max-heap", "10000000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "caught\nafter\n");
}

#[test]
fn options_report_statistics_and_gc_debug_lines() {
    let p = program(
        "cycle.py",
        b"import gc\na = []\na.append(a)\ndel a\nprint(gc.collect())\n",
    );
    let o = heaplab(&[
        "run",
        p.to_str().unwrap(),
        "--stats",
        "--debug",
        "stats",
        "--allocator",
        "mimalloc",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "1\n");
    let err = stderr(&o);
    assert!(err.contains("gc: collecting generation 2...\n"), "{err}");
    assert!(
        err.contains("gc: done, 1 unreachable, 0 uncollectable"),
        "{err}"
    );
    assert!(err.contains("heaplab: mimalloc in"), "{err}");
    let bad = heaplab(&["run", p.to_str().unwrap(), "--threshold", "x"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = heaplab(&["run", p.to_str().unwrap(), "--allocator", "nope"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn dis_prints_every_code_object() {
    let p = program("f.py", b"def f(a):\n    return a + 1\nprint(f(1))\n");
    let o = heaplab(&["dis", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("Disassembly of <code object <module>"),
        "{out}"
    );
    assert!(out.contains("Disassembly of <code object f"), "{out}");
    assert!(
        out.contains("BINARY_OP +") && out.contains("RETURN_VALUE"),
        "{out}"
    );
}

#[test]
fn stats_json_records_every_collection() {
    let p = program("json.py", b"import gc\nfor i in range(3):\n    a = []\n    a.append(a)\n    del a\n    gc.collect()\n");
    let out = std::env::temp_dir().join(format!("heaplab-stats-{}.json", std::process::id()));
    let o = heaplab(&[
        "run",
        p.to_str().unwrap(),
        "--stats-json",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("the file")).expect("JSON");
    let events = json["events"].as_array().expect("events");
    let full: Vec<_> = events.iter().filter(|e| e["generation"] == 2).collect();
    assert!(full.len() >= 3, "{json}");
    assert!(full.iter().all(|e| e["collected"] == 1), "{json}");
    assert_eq!(json["allocator"], "pymalloc");
    assert!(json["peak_in_use_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn data_nested_a_hundred_thousand_deep_never_overflows_the_native_stack() {
    // CPython raises RecursionError comparing these; heaplab answers. Either way the
    // process must not crash (it did: frozenset equality and tuple hashing recursed).
    let p = program(
        "deep.py",
        b"f = frozenset()\ng = frozenset()\nt = ()\nfor i in range(100000):\n    \
          f = frozenset([f])\n    g = frozenset([g])\n    t = (t,)\n\
          print(f == g, len({f, g}), hash(t) == hash(t), {t: 1}[t])\n",
    );
    let o = heaplab(&["run", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "True 1 True 1\n");
}

#[test]
fn collecting_an_endless_iterable_under_max_heap_is_a_memory_error() {
    // list() of an endless generator of ints grows only the collection: it counts
    // against --max-heap, and a range too large to hold fails at once.
    let p = program(
        "endless.py",
        b"def gen():\n    i = 0\n    while True:\n        yield i\n        i += 1\n\
          try:\n    list(gen())\nexcept MemoryError:\n    print('MemoryError')\n\
          try:\n    tuple(range(10 ** 15))\nexcept MemoryError:\n    print('MemoryError')\n",
    );
    let o = heaplab(&["run", "--max-heap", "50000000", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "MemoryError\nMemoryError\n"
    );
}
