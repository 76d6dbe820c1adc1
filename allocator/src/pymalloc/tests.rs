//! pymalloc's boundaries: size classes, pools filling and emptying, arenas coming and
//! going in the right order, the large-request path, and the debug report.

use core::alloc::Layout;
use core::ptr::NonNull;

use super::pool::{blocks_per_pool, PoolHeader, POOL_OVERHEAD};
use super::{Config, Pymalloc};
use crate::counted::RawAlloc;
use crate::size_class::{class_size, size_class};

fn layout(size: usize) -> Layout {
    Layout::from_size_align(size, 8).unwrap()
}

fn alloc(p: &Pymalloc, size: usize) -> NonNull<u8> {
    p.alloc(layout(size)).expect("allocation")
}

fn free(p: &Pymalloc, ptr: NonNull<u8>, size: usize) {
    // SAFETY: (test) every pointer freed here was allocated with this size and is live.
    unsafe { p.dealloc(ptr, layout(size)) };
}

fn pool_of(p: &Pymalloc, ptr: NonNull<u8>) -> usize {
    ptr.as_ptr() as usize & !(p.config().pool_size - 1)
}

/// Pools in a fresh arena (one fewer when the mapping is not pool-aligned).
fn pools_per_arena(p: &Pymalloc) -> usize {
    let keep = alloc(p, 16);
    let pools = p.debug_stats().unused_pools + 1;
    free(p, keep, 16);
    pools
}

#[test]
fn sizes_round_to_their_class_and_blocks_are_adjacent() {
    let p = Pymalloc::new();
    // One size per class: each opens a fresh pool, carved in address order.
    for size in [1, 17, 100, 255, 512] {
        let a = alloc(&p, size);
        let b = alloc(&p, size);
        let block = class_size(size_class(size));
        // SAFETY: (test) both blocks are live with this layout.
        assert_eq!(unsafe { p.block_size(a, layout(size)) }, block);
        assert_eq!(
            b.as_ptr() as usize - a.as_ptr() as usize,
            block,
            "size {size}"
        );
        assert_eq!(a.as_ptr() as usize % 16, 0);
        assert_eq!(
            a.as_ptr() as usize - pool_of(&p, a),
            POOL_OVERHEAD,
            "first block follows the header"
        );
        free(&p, a, size);
        free(&p, b, size);
    }
    p.validate();
}

#[test]
fn a_full_pool_opens_the_next_and_a_freed_block_is_reused_first() {
    let p = Pymalloc::new();
    let size = 512;
    let per_pool = blocks_per_pool(p.config().pool_size, size);
    assert_eq!(per_pool, 31, "(16384 - 48) / 512");
    let blocks: Vec<_> = (0..per_pool).map(|_| alloc(&p, size)).collect();
    let first_pool = pool_of(&p, blocks[0]);
    assert!(
        blocks.iter().all(|&b| pool_of(&p, b) == first_pool),
        "one pool holds them all"
    );
    let stats = p.debug_stats();
    assert_eq!(stats.classes.len(), 1);
    assert_eq!(
        (
            stats.classes[0].pools,
            stats.classes[0].blocks_in_use,
            stats.classes[0].avail_blocks
        ),
        (1, 31, 0)
    );

    let next = alloc(&p, size);
    assert_ne!(
        pool_of(&p, next),
        first_pool,
        "a full pool leaves usedpools"
    );
    p.validate();

    // Freeing a block of the full pool puts that pool first again: its block comes back.
    free(&p, blocks[7], size);
    p.validate();
    assert_eq!(alloc(&p, size), blocks[7]);

    for &b in &blocks {
        free(&p, b, size);
    }
    free(&p, next, size);
    p.validate();
    let stats = p.debug_stats();
    assert!(stats.classes.is_empty(), "every pool is empty again");
    assert_eq!(stats.allocated_bytes, 0);
}

#[test]
fn an_emptied_pool_can_serve_another_size_class() {
    let p = Pymalloc::with_config(Config {
        arena_size: 16 << 10,
        pool_size: 4 << 10,
        ..Config::default()
    })
    .unwrap();
    let a = alloc(&p, 48);
    let pool = pool_of(&p, a);
    free(&p, a, 48);
    // The pool went back to its arena's free pools; the next class to need a pool gets it.
    let b = alloc(&p, 300);
    assert_eq!(pool_of(&p, b), pool);
    // SAFETY: (test) `b` is live with this layout.
    assert_eq!(unsafe { p.block_size(b, layout(300)) }, 304);
    free(&p, b, 300);
    p.validate();
}

#[test]
fn arenas_fill_up_and_wholly_empty_arenas_go_back_to_the_os() {
    let p = Pymalloc::new();
    let arena_pools = pools_per_arena(&p);
    let size = 512;
    let per_arena = arena_pools * blocks_per_pool(p.config().pool_size, size);
    // Three arenas' worth: the first two fill completely.
    let blocks: Vec<_> = (0..3 * per_arena).map(|_| alloc(&p, size)).collect();
    let stats = p.debug_stats();
    assert!(stats.arenas_allocated_current >= 3, "{stats}");
    let mapped = stats.arenas_allocated_current;
    assert_eq!(stats.arena_bytes(), mapped << 20);
    assert_eq!(p.reserved_bytes(), mapped << 20);
    p.validate();

    for &b in &blocks {
        free(&p, b, size);
    }
    p.validate();
    let stats = p.debug_stats();
    // Every arena emptied; all but the last usable one are unmapped (bpo-37257 keeps one).
    assert_eq!(stats.arenas_allocated_current, 1, "{stats}");
    assert_eq!(stats.arenas_reclaimed, mapped - 1);
    assert_eq!(stats.arenas_highwater, mapped);
    assert_eq!(p.reserved_bytes(), 1 << 20);
}

#[test]
fn one_object_allocated_and_freed_in_a_loop_does_not_thrash_arenas() {
    let p = Pymalloc::new();
    for _ in 0..10_000 {
        let b = alloc(&p, 64);
        free(&p, b, 64);
    }
    let stats = p.debug_stats();
    assert_eq!(
        (stats.arenas_allocated_total, stats.arenas_reclaimed),
        (1, 0)
    );
}

#[test]
fn new_pools_come_from_the_fullest_arena() {
    // Small arenas: 4 pools each, 7 blocks of 512 bytes a pool.
    let p = Pymalloc::with_config(Config {
        arena_size: 16 << 10,
        pool_size: 4 << 10,
        ..Config::default()
    })
    .unwrap();
    // Mappings are only page-aligned: ask the pool header which arena holds a block.
    let arena_of = |b: NonNull<u8>| {
        // SAFETY: (test) `b` is a live small block, so its pool header is valid.
        unsafe { (*(pool_of(&p, b) as *const PoolHeader)).arenaindex as usize }
    };
    let size = 512;
    let per_pool = blocks_per_pool(4 << 10, size);
    // Fill four arenas with one pool's worth of blocks per pool.
    let mut pools: Vec<Vec<NonNull<u8>>> = Vec::new();
    loop {
        let pool: Vec<_> = (0..per_pool).map(|_| alloc(&p, size)).collect();
        pools.push(pool);
        if p.debug_stats().arenas_allocated_current == 4 && p.debug_stats().unused_pools == 0 {
            break;
        }
        assert!(pools.len() < 64, "arenas never filled");
    }
    p.validate();
    let mut arenas: Vec<usize> = pools.iter().map(|pool| arena_of(pool[0])).collect();
    arenas.sort_unstable();
    arenas.dedup();
    assert_eq!(arenas.len(), 4);
    // Empty pools: two in arena 0, one in arena 1, three in arena 2; none in arena 3.
    let empty_in = |arena: usize, count: usize, pools: &mut Vec<Vec<NonNull<u8>>>| {
        for pool in pools
            .iter_mut()
            .filter(|pool| !pool.is_empty() && arena_of(pool[0]) == arena)
            .take(count)
        {
            for b in pool.drain(..) {
                free(&p, b, size);
            }
        }
        p.validate();
    };
    empty_in(arenas[0], 2, &mut pools);
    empty_in(arenas[1], 1, &mut pools);
    empty_in(arenas[2], 3, &mut pools);
    // Fullest first: arena 1 (one free pool), then arena 0 (two), then arena 2 (three).
    let mut order = Vec::new();
    for _ in 0..6 {
        let pool: Vec<_> = (0..per_pool).map(|_| alloc(&p, size)).collect();
        order.push(arena_of(pool[0]));
        pools.push(pool);
        p.validate();
    }
    assert_eq!(
        order,
        vec![arenas[1], arenas[0], arenas[0], arenas[2], arenas[2], arenas[2]]
    );
    for pool in pools {
        for b in pool {
            free(&p, b, size);
        }
    }
    p.validate();
}

#[test]
fn large_and_overaligned_requests_go_to_the_system_allocator() {
    let p = Pymalloc::new();
    let big = alloc(&p, 513);
    let aligned = p.alloc(Layout::from_size_align(64, 64).unwrap()).unwrap();
    assert_eq!(aligned.as_ptr() as usize % 64, 0);
    let stats = p.debug_stats();
    assert_eq!((stats.large_blocks, stats.large_bytes), (2, 513 + 64));
    assert_eq!(
        stats.arenas_allocated_current, 0,
        "no arena for large blocks"
    );
    assert_eq!(p.reserved_bytes(), 513 + 64);
    free(&p, big, 513);
    // SAFETY: (test) `aligned` is live with this layout.
    unsafe { p.dealloc(aligned, Layout::from_size_align(64, 64).unwrap()) };
    assert_eq!(p.debug_stats().large_blocks, 0);
}

#[test]
fn realloc_stays_in_place_unless_it_saves_a_quarter_or_crosses_classes() {
    let p = Pymalloc::new();
    // A 112-byte block.
    let a = alloc(&p, 100);
    // SAFETY: (test) each pointer is live with the layout passed as `old`.
    unsafe {
        assert_eq!(
            p.realloc(a, layout(100), layout(112)),
            Some(a),
            "still fits"
        );
        assert_eq!(
            p.realloc(a, layout(112), layout(85)),
            Some(a),
            "saves under a quarter"
        );
        assert_eq!(p.block_size(a, layout(85)), 112, "the block keeps its size");
        let b = p.realloc(a, layout(85), layout(84)).unwrap();
        assert_ne!(b, a, "84 * 4 <= 3 * 112: worth moving to a smaller block");
        assert_eq!(p.block_size(b, layout(84)), 96);
        let c = p.realloc(b, layout(84), layout(600)).unwrap();
        assert_eq!(p.debug_stats().large_blocks, 1, "grown past 512: now large");
        let d = p.realloc(c, layout(600), layout(40)).unwrap();
        assert_eq!(
            p.debug_stats().large_blocks,
            0,
            "shrunk below 512: small again"
        );
        free(&p, d, 40);
    }
    p.validate();
}

#[test]
fn the_debug_report_accounts_for_every_arena_byte() {
    let p = Pymalloc::new();
    let mut blocks = Vec::new();
    for i in 0..5_000usize {
        let size = 1 + (i * 37) % 512;
        blocks.push((alloc(&p, size), size));
    }
    for (b, size) in blocks.drain(..).step_by(3) {
        free(&p, b, size);
    }
    let s = p.debug_stats();
    let accounted = s.allocated_bytes
        + s.available_bytes
        + s.unused_pools * s.pool_size
        + s.pool_header_bytes
        + s.quantization_bytes
        + s.arena_alignment_bytes;
    assert_eq!(accounted, s.arena_bytes());
    let text = s.to_string();
    assert!(
        text.starts_with("Small block threshold = 512, in 32 size classes."),
        "{text}"
    );
    assert!(text.contains("# arenas highwater mark"), "{text}");
    assert!(text.contains("# bytes lost to quantization"), "{text}");
}

#[test]
fn bad_configs_are_refused_with_a_reason() {
    for (arena_size, pool_size) in [
        (1 << 20, 3000),
        (1 << 20, 2048),
        (10_000, 4096),
        (8192, 4096),
    ] {
        let err = Pymalloc::with_config(Config {
            arena_size,
            pool_size,
            ..Config::default()
        })
        .err()
        .expect("refused");
        assert!(err.contains("size"), "{err}");
    }
    assert!(Pymalloc::with_config(Config {
        arena_size: 256 << 10,
        pool_size: 4 << 10,
        ..Config::default()
    })
    .is_ok());
}

#[test]
fn keep_empty_arenas_keeps_that_many_more_mapped() {
    for keep in [0usize, 1, 3, 100] {
        // Page-sized pools: every mapping is pool-aligned, so every arena holds the same
        // number of pools (with 16 KiB pools it is 63 or 64, by where mmap lands).
        let p = Pymalloc::with_config(Config {
            arena_size: 64 << 10,
            pool_size: 4 << 10,
            keep_empty_arenas: keep,
            ..Config::default()
        })
        .unwrap();
        let arena_pools = pools_per_arena(&p);
        let per_arena = arena_pools * blocks_per_pool(p.config().pool_size, 512);
        let blocks: Vec<_> = (0..6 * per_arena).map(|_| alloc(&p, 512)).collect();
        let mapped = p.debug_stats().arenas_allocated_current;
        for &b in &blocks {
            free(&p, b, 512);
        }
        p.validate();
        let kept = p.debug_stats().arenas_allocated_current;
        assert_eq!(kept, keep.clamp(1, mapped), "keep_empty_arenas = {keep}");
        // Growing again reuses the kept arenas before mapping new ones.
        let again: Vec<_> = (0..6 * per_arena).map(|_| alloc(&p, 512)).collect();
        let s = p.debug_stats();
        assert_eq!(s.arenas_allocated_current, mapped);
        assert_eq!(
            s.arenas_allocated_total,
            mapped + (mapped - kept),
            "the kept arenas were reused, the rest mapped anew"
        );
        for &b in &again {
            free(&p, b, 512);
        }
        p.validate();
    }
}

#[test]
fn prefaulted_arenas_behave_the_same() {
    let p = Pymalloc::with_config(Config {
        prefault: true,
        ..Config::default()
    })
    .unwrap();
    let blocks: Vec<_> = (0..10_000).map(|i| alloc(&p, 1 + i % 512)).collect();
    for (i, &b) in blocks.iter().enumerate() {
        free(&p, b, 1 + i % 512);
    }
    p.validate();
    assert_eq!(p.debug_stats().allocated_bytes, 0);
}

#[test]
fn huge_page_arenas_are_aligned_and_behave_the_same() {
    for prefault in [false, true] {
        let config = Config {
            arena_size: crate::pymalloc::HUGE_PAGE,
            huge_pages: true,
            prefault,
            ..Config::default()
        };
        let p = Pymalloc::with_config(config).unwrap();
        let blocks: Vec<_> = (0..20_000).map(|i| alloc(&p, 1 + i % 512)).collect();
        // Every arena is aligned to its size, so no pool is lost to alignment.
        let stats = p.debug_stats();
        assert!(stats.arenas_allocated_current > 1);
        assert_eq!(stats.arena_alignment_bytes, 0);
        for (i, &b) in blocks.iter().enumerate() {
            free(&p, b, 1 + i % 512);
        }
        p.validate();
        assert_eq!(p.debug_stats().allocated_bytes, 0);
    }
}

#[test]
fn huge_pages_need_a_huge_arena() {
    let config = Config {
        huge_pages: true,
        ..Config::default()
    };
    let err = config.validate().unwrap_err();
    assert!(err.contains("huge pages"), "{err}");
    assert!(Pymalloc::with_config(config).is_err());
}
