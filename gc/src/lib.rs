//! heaplab's object model and memory manager: reference counting combined with CPython
//! 3.11's generational cycle collector, on top of the [`allocator`] layer.
//!
//! - [`Heap`] owns one allocator strategy and every object allocated from it: header
//!   and payload in one block, container storage through [`HeapAlloc`].
//! - Payload types implement [`Trace`] (CPython's type slots: traverse, clear,
//!   finalizer, name) and are registered for a [`Type`] token.
//! - [`ObjRef`] and [`Gc<T>`] are strong references: clone increments, drop decrements,
//!   and the last drop deallocates at once (finalizer first), iteratively past a fixed
//!   depth like CPython's trashcan.
//! - The generations are dense tables of tracked objects in CPython's order
//!   (`generation.rs`); the header is 16 bytes (`header.rs`).
//! - The heap reaches the language runtime (finalizers, callbacks) only through the
//!   [`Runtime`] trait; this crate knows nothing of syntax or bytecode.
//!
//! Unsafe code is allowed here and in `allocator` only; every block says why it is
//! sound, and every raw structure states its invariants in its module docs.
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

mod collect;
mod collector;
mod free_list;
mod generation;
mod header;
mod heap;
mod object;
mod runtime;
mod text;
mod weakref;

pub use allocator;
pub use collect::Collection;
pub use collector::CollectorKind;
pub use heap::{
    GenerationStats, Heap, HeapAlloc, HeapError, InvalidGeneration, OutOfMemory,
    DEFAULT_THRESHOLDS, TRASHCAN_UNWIND_LEVEL,
};
pub use object::{FreeList, Gc, ObjRef, Trace, Tracer, Type, Untrack, FREE_LISTS};

/// `gc.DEBUG_STATS`: print statistics during collection.
pub const DEBUG_STATS: u32 = 1 << 0;
/// `gc.DEBUG_COLLECTABLE`: print the collectable objects found.
pub const DEBUG_COLLECTABLE: u32 = 1 << 1;
/// `gc.DEBUG_UNCOLLECTABLE`: print the uncollectable objects found.
pub const DEBUG_UNCOLLECTABLE: u32 = 1 << 2;
/// `gc.DEBUG_SAVEALL`: keep unreachable objects in `gc.garbage` instead of freeing them.
pub const DEBUG_SAVEALL: u32 = 1 << 5;
/// `gc.DEBUG_LEAK`: `DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL`.
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;
pub use runtime::{CallbackInfo, NoRuntime, Outcome, Phase, Runtime, Unraisable};
pub use text::HeapStr;
pub use weakref::{WeakKind, WeakRef};

#[cfg(test)]
mod tests;
