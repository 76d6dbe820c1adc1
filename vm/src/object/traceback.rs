//! Traceback objects: where an exception passed, as `__traceback__` shows it.
//!
//! An exception on its way up carries its traceback in Rust (`Exc::traceback`). When a
//! handler catches it, the entries so far become a `traceback` object in the exception's
//! `__traceback__`, so an exception that later becomes another's `__context__` or
//! `__cause__` can still be printed with its own frames. It refers to no object (its
//! entries hold file and function names), so, unlike CPython's, it makes no cycle
//! through a frame, and it is not tracked.

use std::borrow::Cow;

use gc::Trace;

use crate::interp::TbEntry;

/// A `traceback`: entries innermost first.
pub struct Traceback {
    /// Where the exception passed, innermost first.
    pub entries: Vec<TbEntry>,
}

impl Trace for Traceback {
    const GC: bool = false;

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("traceback")
    }

    fn getsizeof(&self) -> usize {
        // CPython 3.11's traceback object: a tracked object of 48 bytes.
        64
    }
}
