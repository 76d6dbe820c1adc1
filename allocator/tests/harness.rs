//! The harness allocator counts what it holds, and the `system` strategy's reserve
//! leaves that out.

use core::alloc::Layout;

use allocator::harness::{in_use, Harness};
use allocator::system::System;
use allocator::RawAlloc;

#[global_allocator]
static GLOBAL: Harness = Harness;

#[test]
fn harness_blocks_are_counted_and_not_the_system_strategys() {
    let before = in_use();
    let big: Vec<u8> = vec![1; 4 << 20];
    assert!(in_use() >= before + (4 << 20), "a 4 MiB vector is counted");

    let system = System::new();
    let reserve_with_big = system.reserved_bytes();
    drop(big);
    assert!(in_use() < before + (4 << 20), "freeing uncounts it");
    // SAFETY: mallinfo2 only reads glibc's counters.
    if unsafe { libc::mallinfo2() }.arena == 0 {
        // Not glibc's malloc underneath (valgrind replaces it): no reserve to read.
        return;
    }
    // The harness's 4 MiB never showed in the strategy's reserve.
    assert!(
        reserve_with_big < 4 << 20,
        "reserve {reserve_with_big} includes the harness's block"
    );

    // The strategy's own blocks do count.
    let layout = Layout::from_size_align(1 << 20, 8).unwrap();
    // black_box: an optimizer may drop a malloc/free pair whose block is never used.
    let block = std::hint::black_box(system.alloc(layout).expect("a block"));
    assert!(system.reserved_bytes() >= 1 << 20);
    // SAFETY: `block` was just allocated with `layout`.
    unsafe { system.dealloc(block, layout) };
}
