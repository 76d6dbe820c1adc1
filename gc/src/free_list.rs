//! Free lists: the blocks of dead objects CPython would keep for reuse.
//!
//! CPython keeps the blocks of recently freed small tuples (one list per length),
//! lists and dicts on free lists of its own, in front of pymalloc: the next object of
//! the kind takes a block from there with no trip through the allocator. heaplab does
//! the same, with the lists a type's [`Trace::free_list`](crate::Trace::free_list)
//! names and CPython's bounds on their lengths, so the allocator strategy sees the
//! allocation pattern CPython's pymalloc sees (a tree of tuples built and dropped in a
//! loop costs the allocator nothing after the first), and the VM pays what CPython
//! pays for such objects.
//!
//! A full collection empties the lists (CPython's `clear_freelists`), and so does
//! dropping the heap; the blocks go back to the allocator. Whether an allocation or a
//! death moves `gc.get_count()` is decided by the heap's model of CPython's lists
//! (`Core::free_lists`), which also counts objects CPython allocates and heaplab does
//! not; these lists only hold blocks.
//!
//! # Invariants
//!
//! List `id` is a chain of `lens[id]` blocks through `heads[id]`, each linked to the
//! next by a pointer in the first word of its payload area. Every block on a list:
//! - was allocated from the heap's allocator with the layout of the type whose index
//!   its header still holds (`Header::type_index`, untouched since the object died),
//!   a layout of at least [`MIN_BLOCK`] bytes;
//! - holds no payload (it was dropped), is in no generation table, and nothing refers
//!   to it.
//!
//! A block is reused only for an object of the type its header names, so it is reused
//! and finally freed with the layout it was allocated with.

use core::cell::Cell;
use core::ptr::NonNull;

use allocator::{Allocator, AnyAllocator};

use crate::header::{Header, HEADER_SIZE};
use crate::object::{payload, FREE_LISTS};

/// The smallest block a list takes: a header and the link word.
pub(crate) const MIN_BLOCK: usize = HEADER_SIZE + core::mem::size_of::<usize>();

/// The heap's free lists of blocks (see the module docs).
#[derive(Default)]
pub(crate) struct FreeBlocks {
    heads: [Cell<Option<NonNull<Header>>>; FREE_LISTS],
    lens: [Cell<u16>; FREE_LISTS],
}

impl FreeBlocks {
    /// A block for a new object of type `type_index` from list `id`, if the list has
    /// one of that type.
    #[inline(always)]
    pub fn take(&self, id: u8, type_index: u16) -> Option<NonNull<Header>> {
        let head = self.heads.get(usize::from(id))?;
        let block = head.get()?;
        // SAFETY: a block on a list is allocated and its header intact (the module's
        // invariants); nothing else refers to it.
        if unsafe { block.as_ref() }.type_index != type_index {
            return None;
        }
        // SAFETY: the block holds its link in its first payload word, inside the
        // block (at least `MIN_BLOCK` bytes) and aligned (payloads are 16-aligned).
        let next = unsafe { payload::<Option<NonNull<Header>>>(block).read() };
        head.set(next);
        let len = &self.lens[usize::from(id)];
        len.set(len.get() - 1);
        Some(block)
    }

    /// Keep the block of a dead object on list `id` if it holds fewer than
    /// `capacity`; `false` (the caller frees the block) if not.
    ///
    /// # Safety
    /// `block` was allocated from the heap's allocator with the layout of the type its
    /// header names, which is at least [`MIN_BLOCK`] bytes; its payload has been
    /// dropped, it is in no table, and nothing refers to it.
    #[inline(always)]
    pub unsafe fn give(&self, id: u8, capacity: u16, block: NonNull<Header>) -> bool {
        let (Some(head), Some(len)) = (
            self.heads.get(usize::from(id)),
            self.lens.get(usize::from(id)),
        ) else {
            return false;
        };
        if len.get() >= capacity {
            return false;
        }
        // SAFETY: the caller guarantees the block is ours, dead and large enough for
        // the link word at the (aligned) start of its payload area.
        unsafe { payload::<Option<NonNull<Header>>>(block).write(head.get()) };
        head.set(Some(block));
        len.set(len.get() + 1);
        true
    }

    /// Give every block back to the allocator.
    pub fn release(&self, alloc: &AnyAllocator) {
        for (head, len) in self.heads.iter().zip(&self.lens) {
            while let Some(block) = head.get() {
                // SAFETY: as in `take`: the link word of a block on the list.
                head.set(unsafe { payload::<Option<NonNull<Header>>>(block).read() });
                // SAFETY: the header is intact (the invariants).
                let layout = crate::heap::type_info(unsafe { block.as_ref() }.type_index).layout;
                // SAFETY: the block was allocated from this allocator with its type's
                // layout, and is off the list: nothing refers to it.
                unsafe { alloc.deallocate(block.cast(), layout) };
            }
            len.set(0);
        }
    }

    /// Blocks held, over all lists.
    pub fn held(&self) -> usize {
        self.lens.iter().map(|l| usize::from(l.get())).sum()
    }
}
