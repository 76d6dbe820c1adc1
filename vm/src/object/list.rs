//! `list` and `tuple`: arrays of values in the heap's allocator.

use std::borrow::Cow;
use std::cell::RefCell;

use gc::{Trace, Tracer, Untrack};

use super::HVec;
use crate::value::{visit_values, Value};

/// A `list`. Tracked from birth, as in CPython.
pub struct List {
    /// The items.
    pub items: RefCell<HVec<Value>>,
}

impl Trace for List {
    const GC: bool = true;

    /// CPython's list free list (`PyList_MAXFREELIST`).
    fn free_list(&self) -> gc::FreeList {
        gc::FreeList::Slot {
            id: 0,
            capacity: 80,
        }
    }

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        // A traversal must not run while the list is being changed; a borrowed list
        // (only possible mid-mutation) reports nothing rather than panic.
        if let Ok(items) = self.items.try_borrow() {
            visit_values(&items, tracer);
        }
    }

    fn clear(&self) {
        let items = std::mem::replace(&mut *self.items.borrow_mut(), super::hvec());
        drop_last_first(items);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("list")
    }

    fn getsizeof(&self) -> usize {
        56 + 8 * self.items.borrow().capacity()
    }
}

impl Drop for List {
    fn drop(&mut self) {
        // CPython's list_dealloc releases items last to first.
        drop_last_first(std::mem::replace(self.items.get_mut(), super::hvec()));
    }
}

/// Release `items` from the last to the first (the order CPython frees a list's items
/// in, which decides the order their finalizers run).
pub fn drop_last_first(mut items: HVec<Value>) {
    while let Some(v) = items.pop() {
        drop(v);
    }
}

/// CPython's tuple free lists: one per length below 20, 2,000 deep
/// (`PyTuple_MAXSAVESIZE`, `PyTuple_MAXFREELIST`); the empty tuple is a singleton.
pub fn tuple_free_list(len: usize) -> gc::FreeList {
    match len {
        0 => gc::FreeList::Singleton,
        n @ 1..=19 => gc::FreeList::Slot {
            id: 1 + n as u8,
            capacity: 2000,
        },
        _ => gc::FreeList::None,
    }
}

/// A `tuple`. Tracked from birth; a full or young collection untracks a tuple that
/// holds nothing tracked (CPython's `_PyTuple_MaybeUntrack`).
pub struct Tuple {
    /// The items (never changed after creation).
    pub items: TupleItems,
}

/// Most tuples a program makes are pairs (tree nodes, `enumerate`, `dict.items`): up to
/// [`INLINE`] items live inside the tuple's own block, as all of CPython's do, so such
/// a tuple is one allocation, not two.
pub const INLINE: usize = 2;

/// A tuple's items: inline when few, else in a heap vector.
pub enum TupleItems {
    /// Up to [`INLINE`] items; the slots past `len` hold `Null`.
    Inline(u8, [Value; INLINE]),
    /// More items.
    Heap(HVec<Value>),
}

impl TupleItems {
    /// `items` as a tuple's storage (inline if they fit).
    pub fn from_vec(items: HVec<Value>) -> TupleItems {
        if items.len() > INLINE {
            return TupleItems::Heap(items);
        }
        let len = items.len() as u8;
        let mut slots = [Value::NULL, Value::NULL];
        for (slot, v) in slots.iter_mut().zip(items) {
            *slot = v;
        }
        TupleItems::Inline(len, slots)
    }
}

impl std::ops::Deref for TupleItems {
    type Target = [Value];

    #[inline]
    fn deref(&self) -> &[Value] {
        match self {
            TupleItems::Inline(len, slots) => &slots[..*len as usize],
            TupleItems::Heap(v) => v,
        }
    }
}

impl Trace for Tuple {
    const GC: bool = true;
    const UNTRACK: Untrack = Untrack::EveryCollection;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        visit_values(&self.items, tracer);
    }

    fn clear(&self) {
        // Tuples are immutable: CPython's tuple has no tp_clear either.
    }

    /// CPython's tuple free lists: one per length below 20, 2,000 deep
    /// (`PyTuple_MAXSAVESIZE`, `PyTuple_MAXFREELIST`); the empty tuple is a singleton.
    fn free_list(&self) -> gc::FreeList {
        tuple_free_list(self.items.len())
    }

    fn can_untrack(&self) -> bool {
        self.items.iter().all(|v| match v {
            Value::Obj(o) => !o.is_tracked(),
            _ => true,
        })
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("tuple")
    }

    fn getsizeof(&self) -> usize {
        40 + 8 * self.items.len()
    }
}

impl Drop for Tuple {
    /// Inline, and leaving an empty inline tuple behind, so that the drop glue that
    /// follows folds away in the tuple's deallocator.
    #[inline]
    fn drop(&mut self) {
        // CPython's tupledealloc drops the items last to first.
        match std::mem::replace(
            &mut self.items,
            TupleItems::Inline(0, [Value::NULL, Value::NULL]),
        ) {
            TupleItems::Inline(len, [a, b]) => {
                if len == 2 {
                    drop(b);
                }
                drop(a);
            }
            TupleItems::Heap(v) => drop_last_first(v),
        }
    }
}
