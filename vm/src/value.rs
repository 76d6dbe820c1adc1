//! Values: what a variable, a stack slot or a container item holds.
//!
//! `None`, booleans, integers that fit in 64 bits and floats are immediate: they are
//! never allocated and never counted, as the design asks ("only real objects pay
//! refcounting"). Everything else is an [`ObjRef`] to an object on the gc heap, whose
//! clone and drop keep its refcount. `Null` is the interpreter's own marker (an empty
//! slot under a method call, as CPython's `NULL`); it never reaches a program.

use gc::ObjRef;

/// A Python value.
///
/// `repr(u64)` makes the tag a whole word, and every payload is one integer word (a
/// bool and a float are held as [`BoolWord`] and [`FloatWord`], and `Null` and `None`
/// carry an unused [`Pad`] word), so that the compiler treats a value as a pair of
/// integers: it is passed and returned in two registers and copied with two integer
/// moves. Because every immediate is the same pair, `clone` is that copy and one
/// compare of the tag (an object's refcount); with payload-less `Null` and `None` it was
/// a jump through a table on the tag, which mispredicted on every mixed-type load. With a byte tag, `Bool`'s payload sat at offset
/// 1 and copies moved bytes 1 to 7 in overlapping pieces (richards ran 1.6x slower);
/// with an `f64` or `bool` payload, a value travelled through memory as a 16-byte
/// block, and loading it whole right after it was stored as two words stalled store
/// forwarding on every push and pop of the value stack.
#[derive(Debug)]
#[repr(u64)]
pub enum Value {
    /// The interpreter's empty marker; never visible to programs. Write [`Value::NULL`];
    /// match `Value::Null(_)`.
    Null(Pad),
    /// `None`. Write [`Value::NONE`]; match `Value::None(_)`.
    None(Pad),
    /// `True` / `False`.
    Bool(BoolWord),
    /// An `int` that fits in 64 bits.
    Int(i64),
    /// A `float`.
    Float(FloatWord),
    /// Any object on the heap.
    Obj(ObjRef),
}

/// The unused payload word of `Null` and `None` (see [`Value`]); always zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pad(u64);

/// A bool as a whole word (see [`Value`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoolWord(u64);

impl BoolWord {
    /// The word for `b`.
    #[inline(always)]
    pub const fn new(b: bool) -> BoolWord {
        BoolWord(b as u64)
    }

    /// The bool.
    #[inline(always)]
    pub const fn get(self) -> bool {
        self.0 != 0
    }
}

impl From<BoolWord> for i64 {
    #[inline(always)]
    fn from(b: BoolWord) -> i64 {
        b.0 as i64
    }
}

impl From<BoolWord> for u8 {
    #[inline(always)]
    fn from(b: BoolWord) -> u8 {
        b.0 as u8
    }
}

/// A float as its bits in a whole word (see [`Value`]).
#[derive(Clone, Copy, Debug)]
pub struct FloatWord(u64);

impl FloatWord {
    /// The word holding `f`'s bits.
    #[inline(always)]
    pub const fn new(f: f64) -> FloatWord {
        FloatWord(f.to_bits())
    }

    /// The float.
    #[inline(always)]
    pub const fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

impl Clone for Value {
    /// Only an object's refcount needs touching; every other variant is a plain copy of
    /// its two words, which the compiler emits as such (see [`Value`]).
    #[inline(always)]
    fn clone(&self) -> Value {
        match *self {
            Value::Obj(ref o) => Value::Obj(o.clone()),
            Value::Int(i) => Value::Int(i),
            Value::Float(f) => Value::Float(f),
            Value::Bool(b) => Value::Bool(b),
            Value::None(p) => Value::None(p),
            Value::Null(p) => Value::Null(p),
        }
    }
}

impl Value {
    /// `None`.
    pub const NONE: Value = Value::None(Pad(0));
    /// The interpreter's empty marker.
    pub const NULL: Value = Value::Null(Pad(0));

    /// `True` or `False`.
    #[inline(always)]
    pub const fn bool(b: bool) -> Value {
        Value::Bool(BoolWord::new(b))
    }

    /// A float.
    #[inline(always)]
    pub const fn float(f: f64) -> Value {
        Value::Float(FloatWord::new(f))
    }

    /// The heap object, if the value is one.
    #[inline]
    pub fn obj(&self) -> Option<&ObjRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    /// `a is b`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null(_), Value::Null(_)) | (Value::None(_), Value::None(_)) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached in CPython; equal immediates are identical here.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.0 == b.0,
            (Value::Obj(a), Value::Obj(b)) => a.is(b),
            _ => false,
        }
    }

    /// Whether the value is a heap object the collector tracks (it can be in a cycle).
    pub fn is_tracked(&self, heap: &gc::Heap) -> bool {
        match self {
            Value::Obj(o) => heap.is_tracked(o),
            _ => false,
        }
    }
}

impl From<ObjRef> for Value {
    fn from(o: ObjRef) -> Value {
        Value::Obj(o)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::float(f)
    }
}

/// Visit the heap references among `values` (a traversal helper for payloads), last to
/// first as CPython's `list_traverse` and `tuple_traverse` do.
#[inline]
pub fn visit_values<V: gc::Tracer + ?Sized>(values: &[Value], tracer: &mut V) {
    for v in values.iter().rev() {
        if let Value::Obj(o) = v {
            tracer.visit(o);
        }
    }
}

#[cfg(test)]
mod layout_tests {
    use super::Value;

    #[test]
    fn a_value_and_an_empty_slot_are_two_words() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
        assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
    }
}
