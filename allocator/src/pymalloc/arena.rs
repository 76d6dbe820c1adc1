//! Arenas: large mappings taken from the OS and carved into pools.
//!
//! The arena table (`Arenas`) is CPython's `arenas` vector of `arena_object`s, with
//! indices in place of pointers so the table can grow without invalidating links. Every
//! entry is on exactly one of:
//! - the **unused** list (singly linked through `nextarena`): no mapping; key invariant,
//!   an entry is on this list if and only if its `address` is 0;
//! - the **usable** list (doubly linked): a mapping with at least one free pool, the list
//!   sorted by `nfreepools` ascending so the fullest arena is used first, giving nearly
//!   empty arenas the chance to empty completely and go back to the OS;
//! - no list: a mapping all of whose pools are in use.
//!
//! `nfp2lasta[n]` is the last (rightmost) arena on the usable list with `n` free pools, or
//! [`NONE`] if there is none; with it, an arena whose free-pool count changes is moved to
//! its sorted place in O(1) (CPython's bpo-37029 fix). When the last pool of an arena is
//! freed the arena is unmapped, except that the arena at the tail of the usable list is
//! kept, so a loop that allocates and frees one object cannot map and unmap an arena on
//! every iteration (bpo-37257). [`Config::keep_empty_arenas`] sets how many empty arenas
//! may stay mapped (CPython: one).

use core::ptr::{self, NonNull};

use super::pool::{PoolHeader, DUMMY_SIZE_IDX};
use super::Config;
use crate::os;

/// "No arena" in an index link.
pub(super) const NONE: u32 = u32::MAX;

/// One entry of the arena table (CPython's `struct arena_object`).
pub(super) struct ArenaObject {
    /// Start of the mapping; 0 when the entry has no arena.
    pub address: usize,
    /// Next never-carved pool (pool-aligned).
    pub pool_address: usize,
    /// Pools available: empty pools on `freepools` plus never-carved ones.
    pub nfreepools: u32,
    /// Pools the arena holds in all.
    pub ntotalpools: u32,
    /// Empty pools, linked through `nextpool`.
    pub freepools: *mut PoolHeader,
    /// Next entry on the unused or usable list.
    pub nextarena: u32,
    /// Previous entry on the usable list.
    pub prevarena: u32,
}

impl ArenaObject {
    const UNUSED: ArenaObject = ArenaObject {
        address: 0,
        pool_address: 0,
        nfreepools: 0,
        ntotalpools: 0,
        freepools: ptr::null_mut(),
        nextarena: NONE,
        prevarena: NONE,
    };
}

/// Counters for the debug report.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ArenaCounts {
    pub allocated_total: usize,
    pub reclaimed: usize,
    pub highwater: usize,
    pub current: usize,
}

/// The arena table and its lists.
pub(super) struct Arenas {
    pub objects: Vec<ArenaObject>,
    unused: u32,
    /// Head of the usable list (the fullest arena with a free pool).
    pub usable: u32,
    nfp2lasta: Vec<u32>,
    /// Mapped arenas all of whose pools are free.
    empty: usize,
    pub config: Config,
    pub arena_size: usize,
    pub pool_size: usize,
    pub counts: ArenaCounts,
}

impl Arenas {
    pub fn new(config: Config) -> Self {
        let (arena_size, pool_size) = (config.arena_size, config.pool_size);
        Arenas {
            objects: Vec::new(),
            unused: NONE,
            usable: NONE,
            nfp2lasta: vec![NONE; arena_size / pool_size + 1],
            empty: 0,
            config,
            arena_size,
            pool_size,
            counts: ArenaCounts::default(),
        }
    }

    /// Map a new arena and make it the (only) usable arena. Called only when the usable
    /// list is empty. `None` if the OS refuses memory.
    pub fn new_arena(&mut self) -> Option<u32> {
        debug_assert_eq!(self.usable, NONE, "new_arena with usable arenas left");
        let index = if self.unused != NONE {
            let index = self.unused;
            self.unused = self.objects[index as usize].nextarena;
            index
        } else {
            let index = u32::try_from(self.objects.len())
                .ok()
                .filter(|&i| i != NONE)?;
            self.objects.push(ArenaObject::UNUSED);
            index
        };
        let mapped = if self.config.huge_pages {
            os::map_huge(self.arena_size, self.config.prefault)
        } else {
            os::map(self.arena_size, self.config.prefault)
        };
        let Some(base) = mapped else {
            // Give the entry back to the unused list.
            self.objects[index as usize].nextarena = self.unused;
            self.unused = index;
            return None;
        };
        let address = base.as_ptr() as usize;
        let first_pool = address.next_multiple_of(self.pool_size);
        let mut pools = (self.arena_size / self.pool_size) as u32;
        if first_pool != address {
            pools -= 1; // the pool lost to alignment
        }
        self.objects[index as usize] = ArenaObject {
            address,
            pool_address: first_pool,
            nfreepools: pools,
            ntotalpools: pools,
            freepools: ptr::null_mut(),
            nextarena: NONE,
            prevarena: NONE,
        };
        self.usable = index;
        self.nfp2lasta[pools as usize] = index;
        self.empty += 1;
        let c = &mut self.counts;
        c.allocated_total += 1;
        c.current += 1;
        c.highwater = c.highwater.max(c.current);
        Some(index)
    }

    /// Take a pool from the head of the usable list (which must not be empty): an empty
    /// pool from its `freepools` if any, else a virgin pool carved at `pool_address`.
    /// The returned pool's header has valid `arenaindex` and `szidx`; for a reused pool
    /// its whole header and free list are as the pool left them.
    pub fn take_pool(&mut self) -> *mut PoolHeader {
        let index = self.usable;
        debug_assert_ne!(index, NONE, "take_pool with no usable arena");
        let arena = &mut self.objects[index as usize];
        let nf = arena.nfreepools as usize;
        debug_assert!(nf > 0, "usable arena without free pools");
        if nf == arena.ntotalpools as usize {
            self.empty -= 1;
        }
        if self.nfp2lasta[nf] == index {
            // It is the last arena with `nf` free pools; none will have that count now.
            self.nfp2lasta[nf] = NONE;
        }
        if nf > 1 {
            // The head is the fullest arena, so it becomes the only one with nf - 1.
            debug_assert_eq!(self.nfp2lasta[nf - 1], NONE);
            self.nfp2lasta[nf - 1] = index;
        }
        let pool = if !arena.freepools.is_null() {
            let pool = arena.freepools;
            // SAFETY: pools on `freepools` are carved pools of this live arena whose
            // headers were written when they were carved and linked when they emptied.
            arena.freepools = unsafe { (*pool).nextpool };
            pool
        } else {
            let pool = arena.pool_address as *mut PoolHeader;
            arena.pool_address += self.pool_size;
            // SAFETY: `pool` is the next never-carved, pool-aligned piece of this live
            // mapping (nfreepools > 0 and no free pools means one remains), writable and
            // large enough for a header.
            unsafe {
                ptr::addr_of_mut!((*pool).arenaindex).write(index);
                ptr::addr_of_mut!((*pool).szidx).write(DUMMY_SIZE_IDX);
            }
            pool
        };
        arena.nfreepools -= 1;
        if arena.nfreepools == 0 {
            // Full: it leaves the usable list.
            self.usable = arena.nextarena;
            if self.usable != NONE {
                self.objects[self.usable as usize].prevarena = NONE;
            }
        }
        pool
    }

    /// A pool of arena `index` just became empty and was pushed on the arena's
    /// `freepools`: count it, keep the usable list sorted, and unmap the arena if it is
    /// wholly free and not the last usable arena (CPython's `insert_to_freepool`).
    pub fn pool_freed(&mut self, index: u32) {
        let i = index as usize;
        let nf = self.objects[i].nfreepools as usize;
        let lastnf = self.nfp2lasta[nf];
        if lastnf == index {
            let prev = self.objects[i].prevarena;
            self.nfp2lasta[nf] =
                if prev != NONE && self.objects[prev as usize].nfreepools as usize == nf {
                    prev
                } else {
                    NONE
                };
        }
        let nf = nf + 1;
        self.objects[i].nfreepools = nf as u32;

        // Case 1: the arena is wholly free and another usable arena follows: unmap it,
        // unless fewer than `keep_empty_arenas` empty arenas are kept (CPython: 1). Empty
        // arenas gather at the tail, so CPython's kept tail is one of those counted.
        let wholly_free = nf == self.objects[i].ntotalpools as usize;
        if wholly_free
            && self.objects[i].nextarena != NONE
            && self.empty >= self.config.keep_empty_arenas
        {
            self.unlink_usable(index);
            let arena = &mut self.objects[i];
            arena.nextarena = self.unused;
            self.unused = index;
            let base = NonNull::new(arena.address as *mut u8).expect("live arena has an address");
            arena.address = 0;
            arena.freepools = ptr::null_mut();
            // SAFETY: `base` is the whole live mapping of this arena; every pool in it is
            // empty, so no block or pool header in it is referenced any more (used pools
            // are never empty and full pools hold blocks).
            unsafe { os::unmap(base, self.arena_size) };
            self.counts.current -= 1;
            self.counts.reclaimed += 1;
            return;
        }
        if wholly_free {
            self.empty += 1;
        }

        // Case 2: the arena was full, so it is on no list: put it at the head.
        if nf == 1 {
            let arena = &mut self.objects[i];
            arena.nextarena = self.usable;
            arena.prevarena = NONE;
            if self.usable != NONE {
                self.objects[self.usable as usize].prevarena = index;
            }
            self.usable = index;
            if self.nfp2lasta[1] == NONE {
                self.nfp2lasta[1] = index;
            }
            return;
        }

        if self.nfp2lasta[nf] == NONE {
            self.nfp2lasta[nf] = index;
        }
        // Case 4: it was the rightmost with its old count, so it is still in order.
        if lastnf == index {
            return;
        }
        // Case 3: slide it right, to just after the last arena with its old count.
        debug_assert_ne!(lastnf, NONE);
        self.unlink_usable(index);
        let after = self.objects[lastnf as usize].nextarena;
        self.objects[i].prevarena = lastnf;
        self.objects[i].nextarena = after;
        if after != NONE {
            self.objects[after as usize].prevarena = index;
        }
        self.objects[lastnf as usize].nextarena = index;
    }

    fn unlink_usable(&mut self, index: u32) {
        let (prev, next) = {
            let a = &self.objects[index as usize];
            (a.prevarena, a.nextarena)
        };
        if prev == NONE {
            debug_assert_eq!(self.usable, index);
            self.usable = next;
        } else {
            self.objects[prev as usize].nextarena = next;
        }
        if next != NONE {
            self.objects[next as usize].prevarena = prev;
        }
    }

    /// Check the list invariants stated in the module docs; panics with what is broken.
    pub fn validate(&self) {
        let mut on_usable = vec![false; self.objects.len()];
        let (mut prev, mut cur, mut last_nf) = (NONE, self.usable, 0u32);
        while cur != NONE {
            let a = &self.objects[cur as usize];
            assert_ne!(
                a.address, 0,
                "arena {cur} on the usable list has no mapping"
            );
            assert!(
                a.nfreepools > 0,
                "arena {cur} on the usable list has no free pool"
            );
            assert!(
                a.nfreepools >= last_nf,
                "usable list not sorted by free pools at arena {cur}"
            );
            assert_eq!(a.prevarena, prev, "broken prevarena link at arena {cur}");
            let next = a.nextarena;
            let is_last_with_nf =
                next == NONE || self.objects[next as usize].nfreepools != a.nfreepools;
            if is_last_with_nf {
                assert_eq!(
                    self.nfp2lasta[a.nfreepools as usize], cur,
                    "nfp2lasta[{}] is not the last arena with that count",
                    a.nfreepools
                );
            }
            on_usable[cur as usize] = true;
            last_nf = a.nfreepools;
            prev = cur;
            cur = next;
        }
        for (nf, &last) in self.nfp2lasta.iter().enumerate() {
            if last != NONE {
                assert!(on_usable[last as usize], "nfp2lasta[{nf}] is not usable");
                assert_eq!(self.objects[last as usize].nfreepools as usize, nf);
            }
        }
        let mut on_unused = vec![false; self.objects.len()];
        let mut cur = self.unused;
        while cur != NONE {
            assert_eq!(
                self.objects[cur as usize].address, 0,
                "unused arena {cur} is mapped"
            );
            on_unused[cur as usize] = true;
            cur = self.objects[cur as usize].nextarena;
        }
        let (mut mapped, mut empty) = (0, 0);
        for (i, a) in self.objects.iter().enumerate() {
            if a.address != 0 && a.nfreepools == a.ntotalpools {
                empty += 1;
            }
            if a.address == 0 {
                assert!(
                    on_unused[i],
                    "unmapped arena {i} missing from the unused list"
                );
            } else {
                mapped += 1;
                if !on_usable[i] {
                    assert_eq!(
                        a.nfreepools, 0,
                        "arena {i} has free pools but is not usable"
                    );
                }
            }
        }
        assert_eq!(mapped, self.counts.current, "mapped arenas miscounted");
        assert_eq!(empty, self.empty, "wholly empty arenas miscounted");
    }
}

impl Drop for Arenas {
    fn drop(&mut self) {
        for arena in &mut self.objects {
            if let Some(base) = NonNull::new(arena.address as *mut u8) {
                // SAFETY: a non-zero address is a live mapping of `arena_size` bytes;
                // the allocator is being dropped, so no block in it is used again.
                unsafe { os::unmap(base, self.arena_size) };
                arena.address = 0;
            }
        }
    }
}
