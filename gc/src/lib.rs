//! heaplab's object model and memory manager (to come): reference counting combined with
//! CPython 3.11's generational cycle collector, weak references, PEP 442 finalizers and
//! the `gc` module's API and debug output, on top of the [`allocator`] layer.
//!
//! Every object — header and payload — and every container's storage will be allocated
//! through the heap's [`allocator::AnyAllocator`]. The collector will reach the VM (to run
//! `__del__`, weakref callbacks, `gc.callbacks`) only through a trait the VM implements;
//! this crate never depends on `vm`. Unsafe code is allowed here and in `allocator` only.
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub use allocator;
