//! `heaplab run FILE.py`: run a workload program on the gc heap.
//!
//! The program's output goes to stdout as python3 prints it; gc debug lines and
//! tracebacks go to stderr. An uncaught exception prints a traceback and exits 1;
//! `sys.exit(n)` exits `n`. At the end the module's globals are cleared, so remaining
//! finalizers run, as CPython's shutdown does.

use std::rc::Rc;
use std::time::Instant;

use allocator::Kind;
use vm::interp::{Vm, VmRuntime};
use vm::value::Value;

use crate::{program, Failure};

/// Arguments of `heaplab run`.
#[derive(clap::Args)]
pub struct Args {
    /// The program to run.
    file: String,
    /// The allocator strategy every object comes from.
    #[arg(long, default_value = "pymalloc")]
    allocator: String,
    /// Collection thresholds: T0[,T1[,T2]] (CPython: 700,10,10).
    #[arg(long)]
    threshold: Option<String>,
    /// Automatic collection on or off (`gc.enable()` / `gc.disable()` at start).
    #[arg(long, default_value = "on")]
    gc: String,
    /// gc debug flags: any of stats,collectable,uncollectable,saveall,leak.
    #[arg(long)]
    debug: Option<String>,
    /// Print a summary of the run's memory management to stderr.
    #[arg(long)]
    stats: bool,
    /// Write the summary as JSON to FILE, with one record per collection.
    #[arg(long, value_name = "FILE")]
    stats_json: Option<String>,
    /// Fail allocations (MemoryError, which the program may catch) past this many
    /// bytes in use in the heap.
    #[arg(long, value_name = "BYTES")]
    max_heap: Option<usize>,
    /// Arguments for the program (`sys.argv[1:]`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    argv: Vec<String>,
}

/// Run the program.
pub fn run(args: &Args) -> Result<(), Failure> {
    let source = program::read(&args.file)?;
    let code = program::compile(&source, &args.file)?;
    let kind: Kind = args
        .allocator
        .parse()
        .map_err(|e: allocator::UnknownKind| Failure::usage(e.to_string()))?;
    let heap = gc::Heap::new(kind).map_err(|e| Failure::runtime(e.to_string()))?;
    heap.set_limit(args.max_heap);
    match args.gc.as_str() {
        "on" => heap.set_enabled(true),
        "off" => heap.set_enabled(false),
        other => {
            return Err(Failure::usage(format!(
                "--gc takes on or off, not '{other}'"
            )))
        }
    }
    if let Some(t) = &args.threshold {
        let parts: Result<Vec<usize>, _> = t.split(',').map(str::parse).collect();
        match parts.as_deref() {
            Ok([t0]) => heap.set_threshold(*t0, None, None),
            Ok([t0, t1]) => heap.set_threshold(*t0, Some(*t1), None),
            Ok([t0, t1, t2]) => heap.set_threshold(*t0, Some(*t1), Some(*t2)),
            _ => {
                return Err(Failure::usage(format!(
                    "--threshold takes T0[,T1[,T2]] (non-negative integers), not '{t}'"
                )))
            }
        }
    }
    if let Some(d) = &args.debug {
        let mut flags = 0;
        for name in d.split(',') {
            flags |= match name {
                "stats" => gc::DEBUG_STATS,
                "collectable" => gc::DEBUG_COLLECTABLE,
                "uncollectable" => gc::DEBUG_UNCOLLECTABLE,
                "saveall" => gc::DEBUG_SAVEALL,
                "leak" => gc::DEBUG_LEAK,
                other => {
                    return Err(Failure::usage(format!(
                        "unknown --debug flag '{other}' (stats, collectable, uncollectable, saveall, leak)"
                    )))
                }
            };
        }
        heap.set_debug(flags);
    }
    let start = Instant::now();
    let vm = Vm::new(heap);
    let mut argv = vec![args.file.clone()];
    argv.extend(args.argv.iter().cloned());
    vm.set_argv(&argv);
    vm.heap.set_runtime(Rc::new(VmRuntime {
        vm: Rc::downgrade(&vm),
    }));
    let outcome = vm.run_main(code, &source);
    let status = match outcome {
        Ok(globals) => {
            vm.finish(&globals);
            0
        }
        Err(exc) => {
            if vm.type_name(&exc.value) == "SystemExit" {
                exit_status(&vm, &exc.value)
            } else {
                vm.flush();
                eprint!("{}", vm.format_exception(&exc));
                1
            }
        }
    };
    vm.flush();
    if let Some(path) = &args.stats_json {
        let json = stats_json(&vm, &args.allocator, start.elapsed().as_secs_f64(), status);
        std::fs::write(path, format!("{json:#}\n"))
            .map_err(|e| Failure::runtime(format!("can't write '{path}': {e}")))?;
    }
    if args.stats {
        let s = vm.heap.allocator_stats();
        let stats = vm.heap.generation_stats();
        let events = vm.heap.events();
        let total: u64 = events.iter().map(|e| e.pause_ns).sum();
        let longest = events.iter().map(|e| e.pause_ns).max().unwrap_or(0);
        eprintln!(
            "heaplab: {} in {:.3}s; {} allocations, peak {} bytes in use, {} reserved",
            args.allocator,
            start.elapsed().as_secs_f64(),
            s.allocations,
            s.peak_in_use_bytes,
            s.peak_reserved_bytes
        );
        eprintln!(
            "heaplab: collections {}/{}/{}, collected {}, gc pauses {:.3} ms total, {:.3} ms longest",
            stats[0].collections,
            stats[1].collections,
            stats[2].collections,
            stats.iter().map(|g| g.collected).sum::<usize>(),
            total as f64 / 1e6,
            longest as f64 / 1e6
        );
    }
    if status == 0 {
        Ok(())
    } else {
        Err(Failure::report(String::new(), status))
    }
}

/// The run's memory-management summary as JSON: what `--stats` prints, and every
/// collection's record.
fn stats_json(vm: &Vm, allocator: &str, wall: f64, status: u8) -> serde_json::Value {
    let s = vm.heap.allocator_stats();
    let gens = vm.heap.generation_stats();
    let events = vm.heap.events();
    let pauses: Vec<u64> = events.iter().map(|e| e.pause_ns).collect();
    serde_json::json!({
        "allocator": allocator,
        "wall_seconds": wall,
        "exit_status": status,
        "allocations": s.allocations,
        "frees": s.frees,
        "reallocations": s.reallocations,
        "peak_in_use_bytes": s.peak_in_use_bytes,
        "peak_reserved_bytes": s.peak_reserved_bytes,
        "collections": gens.iter().map(|g| g.collections).collect::<Vec<_>>(),
        "collected": gens.iter().map(|g| g.collected).collect::<Vec<_>>(),
        "uncollectable": gens.iter().map(|g| g.uncollectable).collect::<Vec<_>>(),
        "gc_pause_total_ns": pauses.iter().sum::<u64>(),
        "gc_pause_longest_ns": pauses.iter().copied().max().unwrap_or(0),
        "events": events.iter().map(|e| serde_json::json!({
            "generation": e.generation,
            "examined": e.examined,
            "unreachable": e.unreachable,
            "resurrected": e.resurrected,
            "collected": e.collected,
            "uncollectable": e.uncollectable,
            "finalizers": e.finalizers,
            "weakref_callbacks": e.weakref_callbacks,
            "pause_ns": e.pause_ns,
            "heap_bytes_before": e.heap_bytes_before,
            "heap_bytes_after": e.heap_bytes_after,
        })).collect::<Vec<_>>(),
    })
}

/// The exit status `SystemExit(code)` asks for (printing a non-integer code).
fn exit_status(vm: &Vm, exc: &Value) -> u8 {
    // Its `code` attribute, as CPython's handle_system_exit reads it.
    let code = vm
        .get(vm.t.instance, exc)
        .and_then(|i| vm.inst_get(i, &vm.intern("code")))
        .unwrap_or(Value::NONE);
    match code {
        Value::None(_) => 0,
        Value::Int(i) => i as u8,
        Value::Bool(b) => u8::from(b),
        other => {
            vm.write_err(&format!(
                "{}\n",
                vm::ops::str(vm, &other).unwrap_or_default()
            ));
            1
        }
    }
}
