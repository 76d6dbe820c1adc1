//! Classes and their instances.
//!
//! A class keeps its namespace in a dict, its base, and its method resolution order
//! (single inheritance: the chain of bases). An instance keeps its attributes inline,
//! in its own small array of names and values, as CPython 3.11 keeps them in the
//! instance's values array: a plain instance is one tracked object, not an instance
//! plus a dict.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use gc::{ObjRef, Trace, Tracer};

use super::{HVec, Str};
use crate::value::{visit_values, Value};

/// Which built-in type a class is (`None` for classes made by `class`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum BuiltinType {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    Function,
    BuiltinFunction,
    Method,
    Cell,
    Code,
    Module,
    Range,
    Iterator,
    Slice,
    WeakRef,
    BaseException,
}

/// A class.
pub struct Class {
    /// `__name__`.
    pub name: Value,
    /// `__qualname__`.
    pub qualname: Value,
    /// The base class (`None` only for `object`).
    pub base: Option<ObjRef>,
    /// The namespace (a dict).
    pub dict: ObjRef,
    /// The built-in type this class is or derives from.
    pub builtin: BuiltinType,
    /// Whether instances have a finalizer (`__del__` somewhere in the MRO).
    pub has_del: Cell<bool>,
}

impl Trace for Class {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit(&self.dict);
        if let Some(b) = &self.base {
            tracer.visit(b);
        }
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("type")
    }

    fn getsizeof(&self) -> usize {
        1064
    }
}

/// An instance of a class made by `class` (exceptions included).
pub struct Instance {
    /// Its class.
    pub class: ObjRef,
    /// Its attributes, in the order they were first set.
    pub attrs: RefCell<HVec<(Value, Value)>>,
    /// Whether its class has `__del__` (so the collector knows without a lookup).
    pub has_del: bool,
}

impl Instance {
    /// The attribute `name` (an interned string), if set.
    pub fn get_attr(&self, name: &Value) -> Option<Value> {
        let attrs = self.attrs.borrow();
        find(&attrs, name).map(|i| attrs[i].1.clone())
    }

    /// Set the attribute `name`; returns the value it replaces (to be dropped by the
    /// caller, outside the borrow: dropping it may run a finalizer).
    pub fn set_attr(&self, name: Value, value: Value) -> Option<Value> {
        let mut attrs = self.attrs.borrow_mut();
        match find(&attrs, &name) {
            Some(i) => Some(std::mem::replace(&mut attrs[i].1, value)),
            None => {
                attrs.push((name, value));
                None
            }
        }
    }

    /// Remove the attribute `name`; returns its value.
    pub fn del_attr(&self, name: &Value) -> Option<Value> {
        let mut attrs = self.attrs.borrow_mut();
        find(&attrs, name).map(|i| attrs.remove(i).1)
    }
}

/// The index of `name` among `attrs`: by identity first (names are interned), then by
/// text.
fn find(attrs: &[(Value, Value)], name: &Value) -> Option<usize> {
    if let Some(i) = attrs.iter().position(|(k, _)| k.is(name)) {
        return Some(i);
    }
    let text = name.obj()?.get::<Str>()?.as_str();
    attrs.iter().position(|(k, _)| {
        k.obj()
            .and_then(|o| o.get::<Str>())
            .is_some_and(|s| s.as_str() == text)
    })
}

impl Trace for Instance {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        if let Ok(attrs) = self.attrs.try_borrow() {
            // CPython 3.11 visits the values, then the type.
            for (_, v) in attrs.iter() {
                visit_values(std::slice::from_ref(v), tracer);
            }
        }
        tracer.visit(&self.class);
    }

    fn clear(&self) {
        let attrs = std::mem::replace(&mut *self.attrs.borrow_mut(), super::hvec());
        drop(attrs);
    }

    fn has_finalizer(&self) -> bool {
        self.has_del
    }

    fn type_name(&self) -> Cow<'_, str> {
        match self
            .class
            .get::<Class>()
            .and_then(|c| c.name.obj()?.get::<Str>())
        {
            Some(s) => Cow::Owned(s.as_str().to_string()),
            None => Cow::Borrowed("object"),
        }
    }

    fn getsizeof(&self) -> usize {
        56
    }
}

/// `super(class, obj)`: attribute lookup that starts after `class` in `obj`'s MRO.
pub struct Super {
    /// The class whose bases are searched.
    pub class: ObjRef,
    /// The object methods bind to.
    pub receiver: Value,
}

impl Trace for Super {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit(&self.class);
        visit_values(std::slice::from_ref(&self.receiver), tracer);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("super")
    }
}
