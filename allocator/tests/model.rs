//! Model test for every strategy: random sequences of alloc / realloc / free.
//!
//! After every step: every block is aligned, disjoint from every other live block, and
//! still holds the bytes written into it; the statistics agree with a model of the same
//! sequence (counts, requested bytes and their peak, histogram; for the strategies whose
//! rounding is known, in-use bytes exactly). At the end everything is freed and nothing
//! is in use.

use std::alloc::Layout;
use std::collections::BTreeMap;
use std::ptr::NonNull;

use allocator::pymalloc::{Config, Pymalloc};
use allocator::size_class::{
    class_size, histogram_bucket, is_small, size_class, HISTOGRAM_BUCKETS,
};
use allocator::{Allocator, AnyAllocator, AnyRaw, Counted, Kind, Tuning, Uncounted};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Action {
    Alloc {
        size: usize,
        align_log2: u8,
    },
    Free {
        pick: usize,
    },
    Realloc {
        pick: usize,
        size: usize,
        align_log2: u8,
    },
}

/// Mostly allocations of a few sizes, so the same pools fill up.
fn crowded_action() -> impl Strategy<Value = Action> {
    let size = prop_oneof![Just(500usize), Just(512), Just(16), 400usize..=512];
    prop_oneof![
        5 => (size.clone(), 0u8..=4).prop_map(|(size, align_log2)| Action::Alloc { size, align_log2 }),
        4 => any::<usize>().prop_map(|pick| Action::Free { pick }),
        1 => (any::<usize>(), size, 0u8..=4)
            .prop_map(|(pick, size, align_log2)| Action::Realloc { pick, size, align_log2 }),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    let size = prop_oneof![1usize..=64, 1usize..=600, 1usize..=4096];
    prop_oneof![
        4 => (size.clone(), 0u8..=6).prop_map(|(size, align_log2)| Action::Alloc { size, align_log2 }),
        3 => any::<usize>().prop_map(|pick| Action::Free { pick }),
        2 => (any::<usize>(), size, 0u8..=6)
            .prop_map(|(pick, size, align_log2)| Action::Realloc { pick, size, align_log2 }),
    ]
}

struct Block {
    ptr: NonNull<u8>,
    layout: Layout,
    fill: u8,
    /// The model's idea of the block's size inside the strategy, when it has one.
    model_block: usize,
}

#[derive(Default)]
struct Model {
    allocations: u64,
    frees: u64,
    reallocations: u64,
    total_requested: u64,
    requested: usize,
    peak_requested: usize,
    in_use: usize,
    histogram: Vec<u64>,
}

/// The block size the strategy is expected to use, if the model knows it; `kept` is the
/// current block size when a realloc may stay in place.
fn expected_block(kind: Kind, layout: Layout, kept: Option<(Layout, usize)>) -> Option<usize> {
    let small = is_small(layout.size(), layout.align());
    match kind {
        Kind::Pymalloc => {
            if let Some((old, block)) = kept {
                if small
                    && is_small(old.size(), old.align())
                    && layout.size() <= block
                    && 4 * layout.size() > 3 * block
                {
                    return Some(block);
                }
            }
            Some(if small {
                class_size(size_class(layout.size()))
            } else {
                layout.size()
            })
        }
        Kind::Slab => Some(if small {
            class_size(size_class(layout.size()))
        } else {
            layout.size()
        }),
        Kind::Bump => Some(layout.size()),
        Kind::System | Kind::Mimalloc => None,
    }
}

fn check_contents(b: &Block, len: usize) {
    // SAFETY: (test) the block is live with at least `len` bytes.
    let bytes = unsafe { std::slice::from_raw_parts(b.ptr.as_ptr(), len) };
    assert!(
        bytes.iter().all(|&x| x == b.fill),
        "block contents changed while live"
    );
}

fn fill(b: &Block) {
    // SAFETY: (test) the block is live with `layout.size()` bytes.
    unsafe { std::ptr::write_bytes(b.ptr.as_ptr(), b.fill, b.layout.size()) };
}

fn check_placement(b: &Block, live: &[Block]) {
    let addr = b.ptr.as_ptr() as usize;
    assert_eq!(
        addr % b.layout.align(),
        0,
        "block not aligned to {}",
        b.layout.align()
    );
    let mut ranges = BTreeMap::new();
    for other in live {
        let start = other.ptr.as_ptr() as usize;
        ranges.insert(start, start + other.layout.size());
    }
    let end = addr + b.layout.size();
    if let Some((_, &prev_end)) = ranges.range(..=addr).next_back() {
        assert!(prev_end <= addr, "block overlaps a live block below it");
    }
    if let Some((&next_start, _)) = ranges.range(addr + 1..).next() {
        assert!(end <= next_start, "block overlaps a live block above it");
    }
}

fn check_stats(kind: Kind, a: &AnyAllocator, m: &Model) {
    let s = a.stats();
    assert_eq!(s.allocations, m.allocations, "allocations");
    assert_eq!(s.frees, m.frees, "frees");
    assert_eq!(s.reallocations, m.reallocations, "reallocations");
    assert_eq!(
        s.total_requested_bytes, m.total_requested,
        "total requested"
    );
    assert_eq!(s.requested_bytes, m.requested, "requested bytes");
    assert_eq!(s.peak_requested_bytes, m.peak_requested, "peak requested");
    assert_eq!(&s.histogram[..], &m.histogram[..], "histogram");
    assert!(
        s.in_use_bytes >= s.requested_bytes,
        "in use below requested"
    );
    assert!(s.peak_in_use_bytes >= s.in_use_bytes);
    if expected_block(kind, Layout::new::<u8>(), None).is_some() {
        assert_eq!(s.in_use_bytes, m.in_use, "in-use bytes");
        assert!(s.reserved_bytes >= s.in_use_bytes, "reserve below in use");
        assert!(s.peak_reserved_bytes >= s.reserved_bytes);
    }
    if let AnyRaw::Pymalloc(p) = a.raw() {
        p.validate();
    }
}

fn run(kind: Kind, actions: &[Action]) {
    run_on(kind, kind.build(), actions)
}

fn run_on(kind: Kind, a: AnyAllocator, actions: &[Action]) {
    let mut live: Vec<Block> = Vec::new();
    let mut m = Model {
        histogram: vec![0; HISTOGRAM_BUCKETS],
        ..Model::default()
    };
    let mut fills = 0u8;
    for act in actions {
        match *act {
            Action::Alloc { size, align_log2 } => {
                let layout = Layout::from_size_align(size, 1 << align_log2).unwrap();
                let ptr = a.allocate(layout).expect("allocation").cast::<u8>();
                fills = fills.wrapping_add(1);
                let model_block = expected_block(kind, layout, None).unwrap_or(0);
                let b = Block {
                    ptr,
                    layout,
                    fill: fills,
                    model_block,
                };
                check_placement(&b, &live);
                fill(&b);
                m.allocations += 1;
                m.total_requested += size as u64;
                m.requested += size;
                m.peak_requested = m.peak_requested.max(m.requested);
                m.in_use += model_block;
                m.histogram[histogram_bucket(size)] += 1;
                live.push(b);
            }
            Action::Free { pick } => {
                if live.is_empty() {
                    continue;
                }
                let b = live.swap_remove(pick % live.len());
                check_contents(&b, b.layout.size());
                // SAFETY: (test) the block is live with this layout.
                unsafe { a.deallocate(b.ptr, b.layout) };
                m.frees += 1;
                m.requested -= b.layout.size();
                m.in_use -= b.model_block;
            }
            Action::Realloc {
                pick,
                size,
                align_log2,
            } => {
                if live.is_empty() {
                    continue;
                }
                let b = live.swap_remove(pick % live.len());
                check_contents(&b, b.layout.size());
                let new = Layout::from_size_align(size, 1 << align_log2).unwrap();
                // SAFETY: (test) the block is live with `b.layout`.
                let moved = unsafe {
                    if size >= b.layout.size() {
                        a.grow(b.ptr, b.layout, new)
                    } else {
                        a.shrink(b.ptr, b.layout, new)
                    }
                }
                .expect("reallocation")
                .cast::<u8>();
                let model_block =
                    expected_block(kind, new, Some((b.layout, b.model_block))).unwrap_or(0);
                let nb = Block {
                    ptr: moved,
                    layout: new,
                    fill: b.fill,
                    model_block,
                };
                check_contents(&nb, b.layout.size().min(size));
                check_placement(&nb, &live);
                fills = fills.wrapping_add(1);
                let nb = Block { fill: fills, ..nb };
                fill(&nb);
                m.reallocations += 1;
                m.total_requested += size.saturating_sub(b.layout.size()) as u64;
                m.requested = m.requested - b.layout.size() + size;
                m.peak_requested = m.peak_requested.max(m.requested);
                m.in_use = m.in_use - b.model_block + model_block;
                live.push(nb);
            }
        }
        check_stats(kind, &a, &m);
    }
    for b in live.drain(..) {
        check_contents(&b, b.layout.size());
        // SAFETY: (test) the block is live with this layout.
        unsafe { a.deallocate(b.ptr, b.layout) };
        m.frees += 1;
        m.requested -= b.layout.size();
        m.in_use -= b.model_block;
    }
    check_stats(kind, &a, &m);
    let s = a.stats();
    assert_eq!(
        s.in_use_bytes, 0,
        "{kind}: bytes still in use after freeing everything"
    );
    assert_eq!(s.requested_bytes, 0);
}

/// Cases per property: 64, or `PROPTEST_CASES` (the valgrind step of `.ci/run` runs
/// fewer, since memcheck slows everything fifty-fold).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn system_model(actions in prop::collection::vec(action(), 1..200)) {
        run(Kind::System, &actions);
    }

    #[test]
    fn pymalloc_model(actions in prop::collection::vec(action(), 1..200)) {
        run(Kind::Pymalloc, &actions);
    }

    /// Tiny pools and arenas (7 blocks of 512 bytes a pool, 4 pools an arena) and sizes
    /// from few classes, so pools fill and empty and arenas come and go all the time.
    #[test]
    fn pymalloc_model_tiny_pools(actions in prop::collection::vec(crowded_action(), 1..1500)) {
        let config = Config { arena_size: 16 << 10, pool_size: 4 << 10, ..Config::default() };
        let raw = AnyRaw::Pymalloc(Pymalloc::with_config(config).unwrap());
        run_on(Kind::Pymalloc, Counted::new(raw), &actions);
    }

    #[test]
    fn bump_model(actions in prop::collection::vec(action(), 1..200)) {
        run(Kind::Bump, &actions);
    }

    #[test]
    fn slab_model(actions in prop::collection::vec(action(), 1..200)) {
        run(Kind::Slab, &actions);
    }

    #[test]
    fn mimalloc_model(actions in prop::collection::vec(action(), 1..200)) {
        run(Kind::Mimalloc, &actions);
    }
}

/// A zero-sized block is no block: allocating or freeing one counts nothing, and
/// growing one counts as the allocation of a real block, so `live_blocks` is exact
/// whatever containers do with their empty buffers (allocator_api2's `Box<[T]>` frees
/// an empty slice it never allocated).
#[test]
fn zero_sized_blocks_are_aligned_and_not_counted_as_blocks() {
    for kind in Kind::ALL {
        let a = kind.build();
        let layout = Layout::from_size_align(0, 64).unwrap();
        let p = a.allocate(layout).unwrap().cast::<u8>();
        assert_eq!(p.as_ptr() as usize % 64, 0);
        // SAFETY: (test) grow a live zero-sized block, then free it.
        unsafe {
            let q = a
                .grow(p, layout, Layout::from_size_align(32, 8).unwrap())
                .unwrap();
            a.deallocate(q.cast(), Layout::from_size_align(32, 8).unwrap());
        }
        let s = a.stats();
        assert_eq!(
            (s.allocations, s.reallocations, s.frees),
            (1, 0, 1),
            "{kind}"
        );
        assert_eq!(s.in_use_bytes, 0, "{kind}");
        // SAFETY: (test) a dangling zero-sized "block" that was never allocated.
        unsafe { a.deallocate(core::ptr::NonNull::<u8>::dangling(), Layout::new::<()>()) };
        assert_eq!(a.stats().frees, 1, "{kind}");
        assert_eq!(a.live_blocks(), 0, "{kind}");
    }
}

#[test]
fn uncounted_strategies_keep_the_same_guarantees() {
    for kind in Kind::ALL {
        let a = Uncounted(kind.build_raw(&Tuning::default()).unwrap());
        let mut live: Vec<Block> = Vec::new();
        for i in 0..2_000usize {
            let layout = Layout::from_size_align(1 + (i * 97) % 1500, 1 << (i % 7)).unwrap();
            let ptr = a.allocate(layout).unwrap().cast::<u8>();
            let b = Block {
                ptr,
                layout,
                fill: i as u8,
                model_block: 0,
            };
            check_placement(&b, &live);
            fill(&b);
            live.push(b);
            if i % 3 == 0 {
                let b = live.swap_remove((i * 31) % live.len());
                check_contents(&b, b.layout.size());
                // SAFETY: (test) the block is live with this layout.
                unsafe { a.deallocate(b.ptr, b.layout) };
            }
        }
        for b in live {
            check_contents(&b, b.layout.size());
            // SAFETY: (test) the block is live with this layout.
            unsafe { a.deallocate(b.ptr, b.layout) };
        }
    }
}

#[test]
fn containers_allocate_through_every_strategy() {
    for kind in Kind::ALL {
        let a = kind.build();
        {
            let mut v: allocator_api2::vec::Vec<u64, &AnyAllocator> =
                allocator_api2::vec::Vec::new_in(&a);
            v.extend(0..10_000u64);
            let mut map: hashbrown::HashMap<
                u64,
                u64,
                hashbrown::DefaultHashBuilder,
                &AnyAllocator,
            > = hashbrown::HashMap::with_hasher_in(Default::default(), &a);
            for i in 0..5_000u64 {
                map.insert(i, i * 2);
            }
            assert_eq!(v.iter().sum::<u64>(), 49_995_000);
            assert_eq!(map[&4_999], 9_998);
            assert!(
                a.stats().in_use_bytes >= 80_000,
                "{kind}: the vector's bytes are counted"
            );
        }
        assert_eq!(a.stats().in_use_bytes, 0, "{kind}");
    }
}
