//! `range`, `slice`, and the iterators the interpreter's `for` loops use.

use std::borrow::Cow;
use std::cell::Cell;

use gc::{ObjRef, Trace, Tracer};

use crate::value::{visit_values, Value};

/// A `range`.
pub struct Range {
    /// First value.
    pub start: i64,
    /// Bound (excluded).
    pub stop: i64,
    /// Step (never 0).
    pub step: i64,
}

impl Range {
    /// How many values it yields.
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = if self.step > 0 {
            (self.start, self.stop, self.step)
        } else {
            (self.stop, self.start, -self.step)
        };
        if lo >= hi {
            0
        } else {
            ((hi as i128 - lo as i128 - 1) / step as i128 + 1) as i64
        }
    }

    /// Whether it yields nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Trace for Range {
    const GC: bool = false;

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("range")
    }

    fn getsizeof(&self) -> usize {
        48
    }
}

/// A dict's `keys()`, `values()` or `items()`: a live view of it, not a copy (what
/// it shows changes with the dict; iterating makes no list).
pub struct DictView {
    /// The dict.
    pub dict: ObjRef,
    /// 0 keys, 1 values, 2 items (as `IterKind::Dict`).
    pub kind: u8,
}

impl DictView {
    /// `dict_keys`, `dict_values` or `dict_items`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            0 => "dict_keys",
            1 => "dict_values",
            _ => "dict_items",
        }
    }
}

impl Trace for DictView {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit(&self.dict);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed(DictView::type_name(self))
    }

    fn getsizeof(&self) -> usize {
        40
    }
}

/// A `slice`.
pub struct Slice {
    /// `start`, `stop`, `step` (each may be `None`).
    pub parts: [Value; 3],
}

impl Trace for Slice {
    const GC: bool = false;

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("slice")
    }
}

/// What an iterator walks.
pub enum IterKind {
    /// A list or tuple (or a dict or set, by entry position), by index.
    Seq(ObjRef),
    /// A range's values.
    Range {
        /// Next value.
        next: Cell<i64>,
        /// Values left.
        left: Cell<i64>,
        /// Step.
        step: i64,
    },
    /// A string's characters, by byte offset.
    Str(ObjRef),
    /// A `bytes`' values, by index.
    Bytes(ObjRef),
    /// An object with `__getitem__` but no `__iter__`: items 0, 1, 2, ... until
    /// IndexError (CPython's sequence iterator).
    GetItem(Value),
    /// A dict's (or set's) keys, values or items (0, 1, 2), by entry position, and
    /// its size when the iteration began (a change is an error).
    Dict(ObjRef, u8, usize),
    /// `enumerate(it, start)`: the next count and the iterator it pairs with.
    Enumerate(Cell<i64>, Value),
    /// `zip(*its)`: tuples of the iterators' next items, until one is exhausted.
    Zip(super::HVec<Value>),
    /// `map(f, *its)`: `f` of the iterators' next items.
    Map(Value, super::HVec<Value>),
    /// `filter(f, it)`: the items for which `f` (truth itself if `None`) is true.
    Filter(Value, Value),
    /// Items taken beforehand (`reversed()` of a sequence), by index.
    Items(super::HVec<Value>),
}

/// An iterator object.
pub struct Iter {
    /// What it walks.
    pub kind: IterKind,
    /// Position (index, entry number or byte offset).
    pub pos: Cell<usize>,
    /// Exhausted.
    pub done: Cell<bool>,
    /// The class name `reversed()` gave it (it walks a reversed copy), if any.
    pub label: Cell<Option<&'static str>>,
}

impl Iter {
    /// An iterator of `kind`, at its start.
    pub fn new(kind: IterKind) -> Iter {
        Iter {
            kind,
            pos: Cell::new(0),
            done: Cell::new(false),
            label: Cell::new(None),
        }
    }

    /// Its class's name, as CPython's iterator types are named after what they walk:
    /// `list_iterator`, `str_ascii_iterator`, `dict_valueiterator`, `set_iterator`,
    /// `enumerate`, ...
    pub fn class_name(&self) -> &'static str {
        if let Some(label) = self.label.get() {
            return label;
        }
        match &self.kind {
            IterKind::Seq(o) if o.get::<super::list::Tuple>().is_some() => "tuple_iterator",
            IterKind::Seq(_) => "list_iterator",
            IterKind::Range { .. } => "range_iterator",
            IterKind::Str(o)
                if o.get::<super::str::Str>()
                    .is_some_and(|s| s.text.is_ascii()) =>
            {
                "str_ascii_iterator"
            }
            IterKind::Str(_) => "str_iterator",
            IterKind::Bytes(_) => "bytes_iterator",
            IterKind::GetItem(_) => "iterator",
            IterKind::Dict(o, _, _) if o.get::<super::dict::Dict>().is_some_and(|d| d.is_set) => {
                "set_iterator"
            }
            IterKind::Dict(_, 1, _) => "dict_valueiterator",
            IterKind::Dict(_, 2, _) => "dict_itemiterator",
            IterKind::Dict(..) => "dict_keyiterator",
            IterKind::Enumerate(..) => "enumerate",
            IterKind::Zip(_) => "zip",
            IterKind::Map(..) => "map",
            IterKind::Filter(..) => "filter",
            IterKind::Items(_) => "iterator",
        }
    }
}

/// Every name [`Iter::class_name`] gives, and `reversed()`'s own: the iterator
/// classes to register.
pub const CLASS_NAMES: &[&str] = &[
    "iterator",
    "list_iterator",
    "tuple_iterator",
    "range_iterator",
    "str_ascii_iterator",
    "str_iterator",
    "bytes_iterator",
    "set_iterator",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "list_reverseiterator",
    "dict_reversekeyiterator",
    "dict_reversevalueiterator",
    "dict_reverseitemiterator",
    "reversed",
    "enumerate",
    "zip",
    "map",
    "filter",
];

impl Trace for Iter {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        match &self.kind {
            IterKind::Seq(o) | IterKind::Str(o) | IterKind::Bytes(o) | IterKind::Dict(o, ..) => {
                tracer.visit(o)
            }
            IterKind::Range { .. } => {}
            IterKind::Enumerate(_, it) | IterKind::GetItem(it) => {
                visit_values(std::slice::from_ref(it), tracer)
            }
            IterKind::Zip(its) => visit_values(its, tracer),
            IterKind::Map(f, its) => {
                visit_values(std::slice::from_ref(f), tracer);
                visit_values(its, tracer);
            }
            IterKind::Filter(f, it) => {
                visit_values(std::slice::from_ref(f), tracer);
                visit_values(std::slice::from_ref(it), tracer);
            }
            IterKind::Items(items) => visit_values(items, tracer),
        }
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.class_name())
    }
}
