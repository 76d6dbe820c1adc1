//! Proof that a program's objects live on the gc heap, not in Rust's own allocations.
//!
//! This test binary runs under dhat's testing allocator (the process's global
//! allocator), which counts every `Box`/`Vec`/`String` the interpreter makes. The gc
//! heap takes its memory from its own strategy (pymalloc maps arenas from the OS), so
//! dhat does not see objects. The same program runs twice, at two sizes: the second
//! run makes over a million more heap objects than the first, and the Rust-side
//! allocations it adds must stay under [`BOUND`].
//!
//! The program makes weak references (with and without callbacks, cleared by refcount
//! and by the collector): their per-referent lists live in the heap as well.
//!
//! The bound: a run's Rust-side allocations are start-up and compilation (the same at
//! both sizes), frame and argument vectors (pooled: they grow to the deepest call
//! stack once) and the odd vector in a built-in. None of them scales with the number of
//! objects, so the difference between the runs is a few hundred at most; 1,000 leaves
//! room for pools warming up differently, and is 0.1% of the objects made.

use std::rc::Rc;

use gc::allocator::Kind;
use vm::interp::{Vm, VmRuntime};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Rust-side allocations the larger run may add.
const BOUND: u64 = 1_000;

const PROGRAM: &str = r#"
import sys
import gc
import weakref

class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right

    def weight(self):
        w = 1
        if self.left is not None:
            w += self.left.weight()
        if self.right is not None:
            w += self.right.weight()
        return w

def tree(depth):
    if depth == 0:
        return Node(None, None)
    return Node(tree(depth - 1), tree(depth - 1))

dead = []
watch = []

def churn(rounds):
    total = 0
    cache = weakref.WeakValueDictionary()
    for i in range(rounds):
        t = tree(6)
        pair = (t, [i, i + 1], {"k": i})
        a, b, c = pair
        total += a.weight() + len(b) + c["k"]
        cycle = [pair]
        cycle.append(cycle)
        # Weak references with and without callbacks, cleared by refcount and by
        # the collector: their lists live in the heap too.
        plain = weakref.ref(t.left)
        called = weakref.ref(t.right, dead.append)
        cache[i % 7] = t.left.left
        total += plain() is t.left
        loop = Node(None, None)
        loop.left = loop
        watch.append(weakref.ref(loop, dead.append))
        if len(watch) > 50:
            del watch[:25]
    return total + len(dead)

ROUNDS = int(sys.argv[1])
print(churn(ROUNDS))
gc.collect()
"#;

/// Run the program with `rounds`; returns (Rust-side allocations, heap objects made).
fn run(rounds: usize) -> (u64, u64) {
    let before = dhat::HeapStats::get().total_blocks;
    let code = vm::compile::compile_source(PROGRAM, "churn.py").expect("compiles");
    let heap = gc::Heap::new(Kind::Pymalloc).expect("a heap");
    let vm = Vm::new(heap);
    vm.heap.set_runtime(Rc::new(VmRuntime {
        vm: Rc::downgrade(&vm),
    }));
    vm.set_argv(&["churn.py".into(), rounds.to_string()]);
    let globals = vm.run_main(code, PROGRAM).expect("runs");
    vm.finish(&globals);
    let objects = vm.heap.allocator_stats().allocations;
    drop(globals);
    drop(vm);
    (dhat::HeapStats::get().total_blocks - before, objects)
}

#[test]
fn objects_come_from_the_heap_not_from_rust() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let (rust_small, objects_small) = run(2);
    let (rust_large, objects_large) = run(5_000);
    assert!(
        objects_large - objects_small > 1_000_000,
        "the larger run makes millions of heap blocks ({objects_small} vs {objects_large})"
    );
    let added = rust_large.saturating_sub(rust_small);
    eprintln!(
        "Rust-side allocations: {rust_small} (2 rounds), {rust_large} (5,000 rounds); heap blocks: {objects_small}, {objects_large}"
    );
    assert!(
        added <= BOUND,
        "{added} more Rust-side allocations for {} more heap blocks (small run: {rust_small})",
        objects_large - objects_small
    );
}
