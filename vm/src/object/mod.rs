//! The VM's objects: one payload type per Python type, each a [`gc::Trace`] so the heap
//! can traverse, clear and size it as CPython's type slots do.
//!
//! Every payload and every byte of its storage lives in the heap's allocator: strings
//! in [`gc::HeapStr`], item arrays in `allocator_api2` vectors on [`gc::HeapAlloc`],
//! dict indices in `hashbrown` tables on the same allocator. What CPython tracks is
//! tracked here (lists, tuples, dicts holding tracked values, functions, classes,
//! instances, cells, bound methods) and what it does not is not (strings, ranges).

pub mod bytes;
pub mod class;
pub mod dict;
pub mod func;
pub mod int;
pub mod iter;
pub mod list;
pub mod set;
pub mod str;
pub mod traceback;

use gc::{Heap, Type};

pub use class::{Class, Instance, Super};
pub use dict::Dict;
pub use func::{Builtin, CellObj, CodeObj, Function, Method, Module};
pub use iter::{DictView, Iter, Range, Slice};
pub use list::{List, Tuple};
pub use str::Str;

/// `allocator_api2` vector on the heap's allocator.
pub type HVec<T> = allocator_api2::vec::Vec<T, gc::HeapAlloc>;

/// An empty heap vector.
pub fn hvec<T>() -> HVec<T> {
    HVec::new_in(gc::HeapAlloc::new())
}

/// The type tokens of every payload, registered once per heap.
#[derive(Clone, Copy)]
pub struct Types {
    /// `str`.
    pub str: Type<Str>,
    /// `list`.
    pub list: Type<List>,
    /// `tuple`.
    pub tuple: Type<Tuple>,
    /// `dict`.
    pub dict: Type<Dict>,
    /// Python functions.
    pub function: Type<Function>,
    /// Code objects.
    pub code: Type<CodeObj>,
    /// Cells.
    pub cell: Type<CellObj>,
    /// Bound methods.
    pub method: Type<Method>,
    /// Built-in functions.
    pub builtin: Type<Builtin>,
    /// Classes.
    pub class: Type<Class>,
    /// Instances of classes.
    pub instance: Type<Instance>,
    /// Modules.
    pub module: Type<Module>,
    /// `range`.
    pub range: Type<Range>,
    /// Iterators.
    pub iter: Type<Iter>,
    /// `dict_keys`, `dict_values`, `dict_items`.
    pub view: Type<DictView>,
    /// `slice`.
    pub slice: Type<Slice>,
    /// `weakref.ref`.
    pub weakref: Type<gc::WeakRef>,
    /// `super()` objects.
    pub super_: Type<Super>,
    /// Generators.
    pub generator: Type<crate::interp::Generator>,
    /// Big `int`s.
    pub bigint: Type<int::BigInt>,
    /// `traceback` objects.
    pub traceback: Type<traceback::Traceback>,
    /// `bytes`.
    pub bytes: Type<bytes::Bytes>,
    /// `staticmethod`, `classmethod` and `property` objects.
    pub descriptor: Type<func::Descriptor>,
    /// The `__dict__`/`__weakref__` getset and `__slots__` member descriptors.
    pub slot_descriptor: Type<class::SlotDescriptor>,
    /// A `random.Random` instance's generator.
    pub random_state: Type<crate::random::RandomState>,
}

impl Types {
    /// Register every payload type with `heap`.
    pub fn register(heap: &Heap) -> Types {
        Types {
            str: heap.register(),
            list: heap.register(),
            tuple: heap.register(),
            dict: heap.register(),
            function: heap.register(),
            code: heap.register(),
            cell: heap.register(),
            method: heap.register(),
            builtin: heap.register(),
            class: heap.register(),
            instance: heap.register(),
            module: heap.register(),
            range: heap.register(),
            iter: heap.register(),
            view: heap.register(),
            slice: heap.register(),
            weakref: heap.register(),
            super_: heap.register(),
            generator: heap.register(),
            bigint: heap.register(),
            traceback: heap.register(),
            bytes: heap.register(),
            descriptor: heap.register(),
            slot_descriptor: heap.register(),
            random_state: heap.register(),
        }
    }
}
