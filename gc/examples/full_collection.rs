//! heaplab's side of `experiments/collector/cpython_full_collection.py`: the same heap
//! shapes, built in the same order (`common/shapes.rs`), and the best of `REPEAT` full
//! collections, in ns per tracked object, one JSON line per shape.
//!
//! `cargo run --release -p gc --example full_collection -- 1000000 5 [flat|tree|random] [allocator]`
//!
//! The heap's allocator is pymalloc (CPython's) unless named; `pymalloc-thp` is pymalloc
//! with 2 MiB arenas on transparent huge pages.

#[path = "common/shapes.rs"]
mod shapes;

use std::time::Instant;

use gc::allocator::pymalloc::HUGE_PAGE;
use gc::allocator::{Kind, Tuning};
use gc::Heap;
use shapes::{List, SHAPES};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let repeat: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let only = args.next().filter(|s| s != "all");
    let mut tuning = Tuning::default();
    let kind: Kind = match args.next().as_deref() {
        None => Kind::Pymalloc,
        Some("pymalloc-thp") => {
            tuning.pymalloc.arena_size = HUGE_PAGE;
            tuning.pymalloc.huge_pages = true;
            Kind::Pymalloc
        }
        Some(name) => name.parse().unwrap_or_else(|e| {
            eprintln!("full_collection: {e} (or pymalloc-thp)");
            std::process::exit(2);
        }),
    };
    for (name, build) in SHAPES {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let heap =
            Heap::with_allocator(kind.build_tuned(&tuning).expect("allocator")).expect("heap");
        heap.set_enabled(false);
        let ty = heap.register::<List>();
        let root = build(&heap, ty, n);
        heap.collect(2).unwrap();
        let tracked = heap.objects(None).len();
        let best = (0..repeat)
            .map(|_| {
                let t = Instant::now();
                heap.collect(2).unwrap();
                t.elapsed().as_nanos()
            })
            .min()
            .unwrap_or(0);
        println!(
            "{{\"shape\": \"{name}\", \"tracked\": {tracked}, \"ns_per_object\": {:.2}, \"ms\": {:.3}}}",
            best as f64 / tracked as f64,
            best as f64 / 1e6
        );
        drop(root);
        drop(heap);
    }
}
