//! The object header: the 16 bytes in front of every object's payload.
//!
//! ```text
//!  heaplab (16 bytes, every object)          CPython 3.11, a tracked object (32 bytes)
//!  +--------+-------+------+--------+-----+   +-----------+-----------+--------+---------+
//!  | refcnt | flags | type | gc_slot | int |   | _gc_next  | _gc_prev  | refcnt | ob_type |
//!  |  u32   |  u16  | u16  |  u32    | u32 |   |  8        |  8        |  8     |  8      |
//!  +--------+-------+------+--------+-----+   +-----------+-----------+--------+---------+
//!  ^ the block from the heap's allocator       ^ PyGC_Head, before the object   ^ PyObject
//!                              payload follows at offset 16
//! ```
//!
//! - `refcnt`: strong references. 32 bits are plenty: 2^32 references would take 32 GiB
//!   of pointers, more than the machines here have.
//! - `flags`: tracked, the generation (0, 1, 2 or permanent), finalized (PEP 442's "at
//!   most once"), has-weakrefs, and the collector's per-collection marks.
//! - `type`: the index of the payload's type in the heap's type registry.
//! - `gc_slot`: while tracked, the object's slot in its generation's table (or in the
//!   collector's working set). The generations are dense arrays (see `generation.rs`)
//!   rather than CPython's doubly linked list, so a tracked object needs 4 bytes of
//!   links instead of 16.
//! - `gc_internal` (`int` above): during a collection, the references the object gets
//!   from other objects being collected; zero at all other times, so a collection need
//!   not clear it first. An object's `gc_refs` is `refcnt - gc_internal`.
//!
//! An untracked object pays the same 16 bytes: one layout for all keeps the header's
//! address arithmetic trivial. CPython's untracked objects (str, int, float) have a
//! 16-byte header too, but ints, floats and bools never become heap objects in heaplab.

use core::cell::Cell;
use core::mem::{align_of, size_of};

/// Bits of [`Header::flags`].
pub(crate) mod flag {
    /// The object is in a generation table (CPython: `_PyObject_GC_IS_TRACKED`).
    pub const TRACKED: u16 = 1 << 0;
    /// The object's finalizer has run (PEP 442: it never runs again).
    pub const FINALIZED: u16 = 1 << 1;
    /// The object is in the collector's unreachable set, between the phases of a
    /// collection (CPython's `PREV_MASK_COLLECTING`); `gc_slot` is its slot there, not
    /// in a generation.
    pub const COLLECTING: u16 = 1 << 2;
    /// Some weak reference points at the object (it has a list in the heap's table).
    pub const HAS_WEAKREFS: u16 = 1 << 6;
    /// Shift of the two generation bits.
    pub const GEN_SHIFT: u16 = 3;
    /// Mask of the two generation bits: 0, 1, 2, or 3 for the permanent generation.
    pub const GEN_MASK: u16 = 0b11 << GEN_SHIFT;
}

/// The header in front of every object. See the module docs for its layout.
#[repr(C)]
pub(crate) struct Header {
    pub refcnt: Cell<u32>,
    pub flags: Cell<u16>,
    pub type_index: u16,
    pub gc_slot: Cell<u32>,
    pub gc_internal: Cell<u32>,
}

/// Size of the header; payloads start this far into the block.
pub(crate) const HEADER_SIZE: usize = size_of::<Header>();
/// The alignment every block gets from the allocator (payloads may need up to this).
pub(crate) const BLOCK_ALIGN: usize = 16;

const _: () = assert!(HEADER_SIZE == 16, "the header is 16 bytes");
const _: () = assert!(align_of::<Header>() <= BLOCK_ALIGN);

impl Header {
    #[inline(always)]
    pub fn has(&self, bit: u16) -> bool {
        self.flags.get() & bit != 0
    }

    #[inline(always)]
    pub fn set(&self, bit: u16) {
        self.flags.set(self.flags.get() | bit);
    }

    #[inline(always)]
    pub fn unset(&self, bit: u16) {
        self.flags.set(self.flags.get() & !bit);
    }

    /// The generation of a tracked object (0, 1, 2, or 3 for permanent).
    #[inline(always)]
    pub fn generation(&self) -> usize {
        ((self.flags.get() & flag::GEN_MASK) >> flag::GEN_SHIFT) as usize
    }

    #[inline(always)]
    pub fn set_generation(&self, gen: usize) {
        debug_assert!(gen < 4);
        let f = self.flags.get() & !flag::GEN_MASK;
        self.flags.set(f | ((gen as u16) << flag::GEN_SHIFT));
    }
}
