//! `heaplab alloc-bench`: the allocation patterns run on each strategy, side by side.
//!
//! Each pattern is a trace (generated from its name, size and seed, or read from a
//! file) replayed on each strategy. A measurement is one strategy on one trace: a fresh
//! allocator gets one untimed replay that measures memory (with statistics), then one
//! timed replay of the bare strategy on the same instance, which is the steady state of
//! a long-running program (`--cold` times a fresh instance instead, so first-touch costs
//! such as page faults and arena mapping count).
//!
//! Every measurement runs in a worker process of its own (this binary, with the hidden
//! `--worker` flag), so no strategy's memory or cache state leaks into another's: glibc's
//! counters, which the `system` strategy's reserve is read from, are process-wide.
//! Rounds are interleaved — every strategy once, then again — and the best time of
//! `--repeat` rounds is kept, so machine noise hits all strategies alike. An operation
//! is one allocator call (an allocation or a free).

use std::path::{Path, PathBuf};
use std::process::Command;

use allocator::pattern::Pattern;
use allocator::pymalloc::Config;
use allocator::trace::{self, Trace};
use allocator::{Kind, Stats, Tuning, Uncounted};
use clap::Parser;
use serde::{Deserialize, Serialize};

use crate::format::bytes;
use crate::Failure;

/// Arguments of `heaplab alloc-bench`.
#[derive(Parser, Debug)]
pub struct Args {
    /// Allocator strategy to run (repeatable; default: all).
    #[arg(long = "allocator", value_name = "NAME")]
    allocators: Vec<Kind>,
    /// Allocation pattern to run (repeatable; default: all).
    #[arg(long = "pattern", value_name = "NAME")]
    patterns: Vec<Pattern>,
    /// Recorded trace file to replay as an extra pattern (repeatable).
    #[arg(long = "trace", value_name = "FILE")]
    traces: Vec<PathBuf>,
    /// Allocator calls per pattern (half allocations, half frees).
    #[arg(long, default_value_t = 1_000_000, value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
    ops: u64,
    /// Timed runs per (allocator, pattern); the best is kept.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=100))]
    repeat: u32,
    /// Time fresh allocators, with no warm-up: first-touch costs count.
    #[arg(long)]
    cold: bool,
    /// Seed of the pattern generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// pymalloc: arena size in bytes (CPython 3.11: 1 MiB).
    #[arg(long, default_value_t = Config::default().arena_size)]
    arena_size: usize,
    /// pymalloc: pool size in bytes (CPython 3.11: 16 KiB).
    #[arg(long, default_value_t = Config::default().pool_size)]
    pool_size: usize,
    /// pymalloc: wholly empty arenas kept mapped for reuse (CPython 3.11: 1).
    #[arg(long, default_value_t = Config::default().keep_empty_arenas)]
    keep_empty_arenas: usize,
    /// pymalloc: fault new arenas in at once (MAP_POPULATE).
    #[arg(long)]
    prefault: bool,
    /// pymalloc: back arenas with transparent huge pages (needs --arena-size of a power
    /// of two of at least 2 MiB).
    #[arg(long)]
    huge_pages: bool,
    /// Print one JSON object per line and per (allocator, pattern) instead of a table.
    #[arg(long)]
    json: bool,
    /// Run every measurement in this process instead of a worker process each (faster
    /// to start; the `system` strategy's reserve may then include other runs' memory).
    #[arg(long)]
    in_process: bool,
    /// Internal: measure one allocator on one pattern or trace and print it as JSON.
    #[arg(long, hide = true)]
    worker: bool,
}

/// What a worker reports for one measurement.
#[derive(Serialize, Deserialize)]
struct Measurement {
    ns_per_op: f64,
    peak_reserved_bytes: usize,
    peak_in_use_bytes: usize,
    peak_requested_bytes: usize,
}

impl Measurement {
    fn fragmentation(&self) -> Option<f64> {
        (self.peak_in_use_bytes > 0)
            .then(|| self.peak_reserved_bytes as f64 / self.peak_in_use_bytes as f64)
    }
}

/// A workload: a pattern or a trace file, and the trace itself.
struct Workload {
    name: String,
    source: Source,
    trace: Trace,
}

#[derive(Clone)]
enum Source {
    Pattern(Pattern),
    File(PathBuf),
}

/// One (allocator, pattern) result; also the JSON line.
#[derive(Serialize)]
struct Row {
    allocator: &'static str,
    pattern: String,
    ops: usize,
    ns_per_op: f64,
    peak_reserved_bytes: usize,
    peak_in_use_bytes: usize,
    peak_requested_bytes: usize,
    fragmentation: Option<f64>,
    /// Time relative to the system allocator on the same pattern, if it ran.
    vs_system: Option<f64>,
}

/// Run the benchmark as asked.
pub fn run(args: &Args) -> Result<(), Failure> {
    let tuning = Tuning {
        pymalloc: Config {
            arena_size: args.arena_size,
            pool_size: args.pool_size,
            keep_empty_arenas: args.keep_empty_arenas,
            prefault: args.prefault,
            huge_pages: args.huge_pages,
        },
    };
    let kinds = if args.allocators.is_empty() {
        Kind::ALL.to_vec()
    } else {
        dedup(&args.allocators)
    };
    // Refuse bad settings before any work.
    for &kind in &kinds {
        kind.build_tuned(&tuning).map_err(Failure::usage)?;
    }
    let patterns = if args.patterns.is_empty() && args.traces.is_empty() {
        Pattern::ALL.to_vec()
    } else {
        dedup(&args.patterns)
    };
    let allocations =
        usize::try_from(args.ops.div_ceil(2)).map_err(|e| Failure::usage(e.to_string()))?;
    let mut workloads = Vec::new();
    for p in patterns {
        workloads.push(Workload {
            name: p.name().to_string(),
            source: Source::Pattern(p),
            trace: p.trace(allocations, args.seed),
        });
    }
    for path in &args.traces {
        let trace =
            Trace::read(path).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
        workloads.push(Workload {
            name: path.display().to_string(),
            source: Source::File(path.clone()),
            trace,
        });
    }

    if args.worker {
        let (Some(&kind), [w]) = (kinds.first(), &workloads[..]) else {
            return Err(Failure::usage(
                "--worker measures one allocator on one pattern or trace",
            ));
        };
        let m = measure(&w.trace, &w.name, kind, &tuning, args.cold).map_err(Failure::runtime)?;
        println!("{}", json(&m)?);
        return Ok(());
    }

    let mut rows = Vec::new();
    for w in &workloads {
        let mut best: Vec<Option<Measurement>> = kinds.iter().map(|_| None).collect();
        for _ in 0..args.repeat {
            for (i, &kind) in kinds.iter().enumerate() {
                let m = if args.in_process {
                    measure(&w.trace, &w.name, kind, &tuning, args.cold)
                } else {
                    measure_in_worker(args, w, kind)
                }
                .map_err(Failure::runtime)?;
                if best[i].as_ref().is_none_or(|b| m.ns_per_op < b.ns_per_op) {
                    best[i] = Some(m);
                }
            }
        }
        let best: Vec<Measurement> = best.into_iter().flatten().collect();
        let system = kinds
            .iter()
            .position(|&k| k == Kind::System)
            .map(|i| best[i].ns_per_op);
        for (&kind, m) in kinds.iter().zip(&best) {
            rows.push(Row {
                allocator: kind.name(),
                pattern: w.name.clone(),
                ops: w.trace.len(),
                ns_per_op: m.ns_per_op,
                peak_reserved_bytes: m.peak_reserved_bytes,
                peak_in_use_bytes: m.peak_in_use_bytes,
                peak_requested_bytes: m.peak_requested_bytes,
                fragmentation: m.fragmentation(),
                vs_system: system.map(|sys| m.ns_per_op / sys),
            });
        }
    }

    if args.json {
        for row in &rows {
            println!("{}", json(row)?);
        }
    } else {
        print_table(&rows);
    }
    Ok(())
}

/// One measurement in this process. A first, untimed replay on a fresh, counted
/// allocator measures memory; the timed replay then runs on the bare strategy, without
/// any bookkeeping (asking glibc or mimalloc for block sizes costs library calls that
/// would be timed otherwise): on the same instance, warm, or with `cold` on a fresh one.
fn measure(
    trace: &Trace,
    name: &str,
    kind: Kind,
    tuning: &Tuning,
    cold: bool,
) -> Result<Measurement, String> {
    let oom = || format!("{kind} ran out of memory on {name}");
    let mut counted = kind.build_tuned(tuning)?;
    trace::replay(trace, &counted).map_err(|_| oom())?;
    let memory: Stats = counted.stats();
    let raw = if cold {
        drop(counted);
        kind.build_raw(tuning)?
    } else {
        counted
            .reset()
            .map_err(|live| format!("{kind}: {live} blocks live after a replay"))?;
        counted.into_raw()
    };
    let run = trace::replay(trace, &Uncounted(raw)).map_err(|_| oom())?;
    Ok(Measurement {
        ns_per_op: run.elapsed.as_nanos() as f64 / run.calls.max(1) as f64,
        peak_reserved_bytes: memory.peak_reserved_bytes,
        peak_in_use_bytes: memory.peak_in_use_bytes,
        peak_requested_bytes: memory.peak_requested_bytes,
    })
}

/// One measurement in a worker process of this binary.
fn measure_in_worker(args: &Args, w: &Workload, kind: Kind) -> Result<Measurement, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find heaplab itself: {e}"))?;
    let mut cmd = Command::new(exe);
    cmd.args(["alloc-bench", "--worker", "--allocator", kind.name()])
        .args([
            "--ops",
            &args.ops.to_string(),
            "--seed",
            &args.seed.to_string(),
        ])
        .args(["--arena-size", &args.arena_size.to_string()])
        .args(["--pool-size", &args.pool_size.to_string()])
        .args(["--keep-empty-arenas", &args.keep_empty_arenas.to_string()]);
    if args.prefault {
        cmd.arg("--prefault");
    }
    if args.huge_pages {
        cmd.arg("--huge-pages");
    }
    if args.cold {
        cmd.arg("--cold");
    }
    match &w.source {
        Source::Pattern(p) => cmd.args(["--pattern", p.name()]),
        Source::File(path) => cmd.arg("--trace").arg(absolute(path)),
    };
    let out = cmd
        .output()
        .map_err(|e| format!("cannot start a worker: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "worker for {kind} on {} failed: {}",
            w.name,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("bad worker output: {e}"))
}

fn json(value: &impl Serialize) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure::runtime(e.to_string()))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn dedup<T: Copy + PartialEq>(items: &[T]) -> Vec<T> {
    let mut out = Vec::new();
    for &item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn print_table(rows: &[Row]) {
    println!(
        "{:<10} {:<10} {:>10} {:>8} {:>10} {:>14} {:>14} {:>14}",
        "pattern",
        "allocator",
        "ops",
        "ns/op",
        "vs system",
        "peak reserved",
        "peak in use",
        "fragmentation"
    );
    let mut last = "";
    for r in rows {
        if !last.is_empty() && last != r.pattern {
            println!();
        }
        last = &r.pattern;
        println!(
            "{:<10} {:<10} {:>10} {:>8.2} {:>10} {:>14} {:>14} {:>14}",
            r.pattern,
            r.allocator,
            r.ops,
            r.ns_per_op,
            r.vs_system.map_or("-".to_string(), |v| format!("{v:.2}x")),
            bytes(r.peak_reserved_bytes),
            bytes(r.peak_in_use_bytes),
            r.fragmentation
                .map_or("-".to_string(), |f| format!("{f:.2}")),
        );
    }
}
