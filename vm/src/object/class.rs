//! Classes and their instances.
//!
//! A class keeps its namespace in a dict and its base (single inheritance: the method
//! resolution order is the chain of bases). An instance keeps its attributes inline,
//! as CPython 3.11 does: the class holds the attribute names in the order they were
//! first set on any of its instances (CPython's shared keys), and each instance holds
//! only an array of values in that order. A plain instance is one tracked object plus
//! its values, not an instance plus a dict.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use gc::{ObjRef, Trace, Tracer};

use super::{HVec, Str};
use crate::value::{visit_values, Value};

/// Which built-in type a class is (`None` for classes made by `class`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum BuiltinType {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
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
    /// The first base class (`None` only for `object`): `__base__`.
    pub base: Option<ObjRef>,
    /// All the base classes, in order: `__bases__`.
    pub bases: HVec<ObjRef>,
    /// The method resolution order after the class itself (CPython's C3
    /// linearization: `__mro__[1:]`). Attribute lookup walks the class, then these.
    pub mro: HVec<ObjRef>,
    /// The namespace (a dict).
    pub dict: ObjRef,
    /// `__bases__` as CPython keeps it: a tuple object (`None` for the built-in
    /// classes, whose tuples are made when asked for).
    pub bases_tuple: Option<ObjRef>,
    /// `__mro__`: the class itself and `mro`, a tuple set once the class exists. It
    /// holds the class, so, as in CPython, every class is part of a reference cycle
    /// and a class that is no longer used dies in a collection.
    pub mro_tuple: RefCell<Option<ObjRef>>,
    /// The built-in type this class is or derives from.
    pub builtin: BuiltinType,
    /// Whether instances have a finalizer (`__del__` somewhere in the MRO).
    pub has_del: Cell<bool>,
    /// Which of `__getattribute__`, `__setattr__` and `__delattr__` (the [`hook`]
    /// bits) a class along the MRO defines: attribute access then calls them, and no
    /// attribute site caches the class.
    pub hooks: Cell<u8>,
    /// The attribute names of its instances, in first-set order (shared keys).
    pub layout: RefCell<HVec<Value>>,
    /// What `__slots__` made of the class's instances: `None` if they have a
    /// `__dict__` (any attribute may be set), else the names they may hold.
    pub slots: Option<HVec<Value>>,
    /// Whether its instances can be weakly referenced (not if `__slots__` left out
    /// `__weakref__`).
    pub weakrefable: bool,
    /// What `sys.getsizeof` reports for its instances (CPython's basic size, GC header
    /// included): 56 with a `__dict__`, 32 plus 8 per slot without.
    pub instance_size: u32,
    /// A number no other class of the process has: what attribute caches key on (a
    /// class's address can be reused once it is freed; its serial cannot).
    pub serial: u64,
}

/// The bits of [`Class::hooks`].
pub mod hook {
    /// `__getattribute__`.
    pub const GET: u8 = 1;
    /// `__setattr__`.
    pub const SET: u8 = 2;
    /// `__delattr__`.
    pub const DEL: u8 = 4;

    /// The bit of an attribute hook's name, or 0.
    pub fn of(name: &str) -> u8 {
        match name {
            "__getattribute__" => GET,
            "__setattr__" => SET,
            "__delattr__" => DEL,
            _ => 0,
        }
    }
}

impl Class {
    /// Whether this is `object` itself, whose bare instances hold nothing and are no
    /// GC objects in CPython.
    pub fn is_object(&self) -> bool {
        self.builtin == BuiltinType::Object && self.bases_tuple.is_none()
    }

    /// The class `depth` steps along the method resolution order (0: `this`, the
    /// class itself).
    pub fn along_mro<'a>(&'a self, this: &'a ObjRef, depth: usize) -> Option<&'a ObjRef> {
        match depth {
            0 => Some(this),
            d => self.mro.get(d - 1),
        }
    }

    /// The slot of attribute `name` (an interned string), if any instance has it.
    pub fn slot_of(&self, name: &Value) -> Option<usize> {
        find_name(&self.layout.borrow(), name)
    }

    /// The slot of attribute `name`, added to the layout if new.
    pub fn slot_or_add(&self, name: Value) -> usize {
        if let Some(i) = self.slot_of(&name) {
            return i;
        }
        let mut layout = self.layout.borrow_mut();
        layout.push(name);
        layout.len() - 1
    }
}

impl Trace for Class {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit(&self.dict);
        if let Ok(mro) = self.mro_tuple.try_borrow() {
            if let Some(t) = mro.as_ref() {
                tracer.visit(t);
            }
        }
        if let Some(t) = &self.bases_tuple {
            tracer.visit(t);
        }
        for k in self.mro.iter() {
            tracer.visit(k);
        }
        for b in self.bases.iter() {
            tracer.visit(b);
        }
        if let Some(b) = &self.base {
            tracer.visit(b);
        }
        if let Ok(layout) = self.layout.try_borrow() {
            visit_values(&layout, tracer);
        }
    }

    /// CPython's `type_clear`: the `__mro__` tuple holds the class itself, a cycle no
    /// other clear breaks (tuples have none); the namespace dict clears itself.
    fn clear(&self) {
        let mro = self.mro_tuple.borrow_mut().take();
        drop(mro);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("type")
    }

    fn getsizeof(&self) -> usize {
        1064
    }
}

/// What a [`SlotDescriptor`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// The `__dict__` getset descriptor a class gets when it gives its instances a
    /// dict that no base gave them.
    Dict,
    /// The `__weakref__` getset descriptor, likewise for weak references.
    Weakref,
    /// A `__slots__` name's member descriptor.
    Member,
}

/// The descriptors CPython's `type_new` puts in a class's namespace for its
/// instances' storage: `__dict__` and `__weakref__` getset descriptors and one member
/// descriptor per `__slots__` name. heaplab reads that storage directly (attribute
/// lookup passes over these entries), but makes the objects, so a class's namespace,
/// its cycle through them and what `gc.collect()` finds when the class dies are
/// CPython's.
pub struct SlotDescriptor {
    /// Which descriptor.
    pub kind: SlotKind,
    /// The attribute name.
    pub name: Value,
    /// The class it belongs to (CPython's `d_type`).
    pub owner: ObjRef,
}

impl Trace for SlotDescriptor {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit(&self.owner);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self.kind {
            SlotKind::Member => "member_descriptor",
            SlotKind::Dict | SlotKind::Weakref => "getset_descriptor",
        })
    }

    fn getsizeof(&self) -> usize {
        match self.kind {
            SlotKind::Member => 64,
            SlotKind::Dict | SlotKind::Weakref => 64,
        }
    }
}

/// An instance of a class made by `class` (exceptions included).
pub struct Instance {
    /// Its class.
    pub class: ObjRef,
    /// Its attribute values, in the slots of its class's layout (`None`: not set).
    pub values: RefCell<HVec<Option<Value>>>,
    /// Whether its class has `__del__` (so the collector knows without a lookup).
    pub has_del: bool,
    /// Whether its `__dict__` has been asked for: then `values` holds that dict last
    /// (after the base of a container subclass's instance, which keeps slot 0), and
    /// every attribute lives in it (see [`Instance::dict`]).
    pub dict_mode: Cell<bool>,
    /// `sys.getsizeof` of it (its class's `instance_size`).
    pub size: u32,
    /// A bare `object()`: never counted in generation 0 (see [`Class::is_object`]).
    bare: bool,
}

impl Instance {
    /// An instance of `class` with no attributes.
    pub fn new(class: ObjRef, has_del: bool) -> Instance {
        let c = class.get::<Class>();
        let size = c.map_or(56, |c| c.instance_size);
        let bare = c.is_some_and(Class::is_object);
        Instance {
            class,
            values: RefCell::new(super::hvec()),
            has_del,
            dict_mode: Cell::new(false),
            size,
            bare,
        }
    }

    /// The instance's `__dict__`, once materialized. Until a program asks for it,
    /// the attributes live inline in `values` (CPython 3.11's split values); from
    /// then on they live in that dict, as in CPython after `obj.__dict__`, and the
    /// inline paths (`get_attr`, `set_slot`, the attribute caches) are not taken.
    pub fn dict(&self) -> Option<ObjRef> {
        if !self.dict_mode.get() {
            return None;
        }
        self.values.borrow().last()?.as_ref()?.obj().cloned()
    }

    /// The attribute `name` (an interned string), if set; `class` is its class.
    pub fn get_attr(&self, class: &Class, name: &Value) -> Option<Value> {
        debug_assert!(!self.dict_mode.get(), "a dict-mode instance read inline");
        let i = class.slot_of(name)?;
        self.values.borrow().get(i).cloned().flatten()
    }

    /// Set the attribute `name`; returns the value it replaces (to be dropped by the
    /// caller, outside the borrow: dropping it may run a finalizer).
    pub fn set_attr(&self, class: &Class, name: Value, value: Value) -> Option<Value> {
        let i = class.slot_or_add(name);
        self.set_slot(class, i, value)
    }

    /// Set the attribute in slot `i` of the class's layout; returns the value it
    /// replaces.
    #[inline(always)]
    pub fn set_slot(&self, class: &Class, i: usize, value: Value) -> Option<Value> {
        debug_assert!(!self.dict_mode.get(), "a dict-mode instance written inline");
        let mut values = self.values.borrow_mut();
        if values.len() <= i {
            grow_slots(&mut values, class, i);
        }
        values[i].replace(value)
    }

    /// Remove the attribute `name`; returns its value.
    pub fn del_attr(&self, class: &Class, name: &Value) -> Option<Value> {
        debug_assert!(!self.dict_mode.get(), "a dict-mode instance deleted inline");
        let i = class.slot_of(name)?;
        self.values.borrow_mut().get_mut(i)?.take()
    }
}

/// Make room in `values` for slot `i`, and for every attribute instances of the class
/// have had (the cold path of [`Instance::set_slot`], out of its line).
#[inline(never)]
fn grow_slots(values: &mut HVec<Option<Value>>, class: &Class, i: usize) {
    let want = class.layout.borrow().len();
    let have = values.len();
    values.reserve_exact(want.saturating_sub(have));
    values.resize(i + 1, None);
}

/// The index of `name` in a layout. A layout holds interned names only (the
/// interpreter interns a name before it adds it), so an interned name is found by
/// identity alone; only a name built at run time needs its text compared.
fn find_name(names: &[Value], name: &Value) -> Option<usize> {
    if let Some(i) = names.iter().position(|k| k.is(name)) {
        return Some(i);
    }
    let s = name.obj()?.get::<Str>()?;
    if s.interned.get() {
        return None;
    }
    let text = s.as_str();
    names.iter().position(|k| {
        k.obj()
            .and_then(|o| o.get::<Str>())
            .is_some_and(|s| s.as_str() == text)
    })
}

impl Trace for Instance {
    const GC: bool = true;

    /// A bare `object()` is no GC object in CPython: its birth and death never move
    /// `gc.get_count()` (it is untracked at birth too).
    fn free_list(&self) -> gc::FreeList {
        if self.bare {
            gc::FreeList::Singleton
        } else {
            gc::FreeList::None
        }
    }

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        if let Ok(values) = self.values.try_borrow() {
            // A container subclass's base (slot 0, untracked) is traversed as part
            // of the instance: what it holds is what the instance holds. (The class
            // is asked only when slot 0 holds a list or dict at all.)
            let based = || {
                self.class
                    .get::<Class>()
                    .is_some_and(|c| crate::subclass::based_kind(c).is_some())
            };
            // CPython 3.11 visits the values in order, then the type.
            for (i, v) in values.iter().enumerate() {
                match v {
                    Some(Value::Obj(o))
                        if i == 0
                            && (o.is_a::<super::List>() || o.is_a::<super::Dict>())
                            && based() =>
                    {
                        if let Some(l) = o.get::<super::List>() {
                            l.traverse(tracer);
                        } else if let Some(d) = o.get::<super::Dict>() {
                            d.traverse(tracer);
                        }
                    }
                    Some(Value::Obj(o)) => tracer.visit(o),
                    _ => {}
                }
            }
        }
        tracer.visit(&self.class);
    }

    fn clear(&self) {
        let values = std::mem::replace(&mut *self.values.borrow_mut(), super::hvec());
        drop(values);
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
        self.size as usize
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
