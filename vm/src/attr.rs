//! The attribute cache: where an attribute of a class's instances lives.
//!
//! Looking up `obj.name` on an instance means: the instance's own value, in the slot
//! its class's layout gives the name; failing that, the name along the class's bases,
//! in their namespaces. Both answers depend only on the class and the name, so they
//! are cached in one table keyed by the class's serial number and the interned
//! name's identity — CPython's type method cache (`_PyType_Lookup`), extended to the
//! instance slot as its 3.11 `LOAD_ATTR_INSTANCE_VALUE` specialization does. Unlike a
//! per-instruction cache, one table serves a site that sees many classes (richards'
//! scheduler calls `task.run()` on five).
//!
//! An entry holds no reference, so a cache never keeps an object alive or shows in a
//! refcount. It stays right because:
//! - a class's serial is never reused (an address would be, once the class is freed),
//!   and interned names live as long as the interpreter;
//! - a layout only grows: a slot number, once given, is the name's for the class's
//!   whole life, and `layout_len` says whether a name missing then may have a slot now;
//! - any change to any class namespace bumps the epoch, which invalidates every
//!   namespace position (`depth` bases up, entry `entry`) cached before it.

use std::cell::{Cell, RefCell};

use gc::ObjRef;

use crate::interp::Vm;
use crate::object::class::{BuiltinType, Class, Instance};
use crate::object::func::DescriptorKind;
use crate::value::Value;

/// Entries in the table (CPython's method cache has 4096).
pub const SIZE: usize = 4096;

/// Where `name` is for instances of the class with serial `serial`.
#[derive(Clone, Copy, Default)]
pub struct Entry {
    serial: u64,
    /// The interned name's id.
    name: usize,
    /// The class epoch this entry is valid for.
    epoch: u64,
    /// The class's layout length when the entry was made.
    layout_len: u32,
    /// The name's slot in the layout, if it had one.
    slot: Option<u32>,
    /// Steps along the method resolution order to the class whose namespace has the
    /// name, and the entry number there; `None` if no class along the bases has it.
    found: Option<(u32, u32)>,
}

/// What a site remembers of an instance attribute: instances of the class with
/// `serial` hold the attribute in `slot`, and no class along its bases has the name
/// (so no property or class attribute can come first), as of class epoch `epoch`.
/// Serial 0: nothing remembered (serials start at 1).
#[derive(Clone, Copy, Default)]
pub struct AttrHit {
    serial: u64,
    epoch: u64,
    slot: u32,
}

/// What a `LOAD_METHOD` site remembers (CPython 3.11's `LOAD_METHOD_WITH_VALUES`):
/// instances of the class with `serial` find the name as a function in the namespace
/// `depth` steps along the bases, entry `entry`, and the class's layout (of length
/// `layout_len`) gives the name no slot, so no instance can shadow it, as of class
/// epoch `epoch`. The function is read afresh from the entry at each use.
#[derive(Clone, Copy, Default)]
pub struct MethodHit {
    serial: u64,
    epoch: u64,
    layout_len: u32,
    depth: u32,
    entry: u32,
}

/// A remembered hit of a site, for the class with a serial number, valid at an epoch.
pub trait Hit: Copy + Default {
    /// The class's serial (0: nothing remembered).
    fn serial(&self) -> u64;
    /// The class epoch it is valid for.
    fn epoch(&self) -> u64;
}

impl Hit for AttrHit {
    fn serial(&self) -> u64 {
        self.serial
    }
    fn epoch(&self) -> u64 {
        self.epoch
    }
}

impl Hit for MethodHit {
    fn serial(&self) -> u64 {
        self.serial
    }
    fn epoch(&self) -> u64 {
        self.epoch
    }
}

/// A site's cache: up to four classes (richards reads `task.state` on instances of
/// four subclasses at one site; one entry would thrash), replaced round robin.
#[derive(Default)]
pub struct Site<H: Hit> {
    hits: [Cell<H>; 4],
    next: Cell<u8>,
}

/// An attribute site: instance slots.
pub type AttrSite = Site<AttrHit>;
/// A method site: functions along the bases of a program's classes, and the method of
/// one built-in type (CPython 3.11's `LOAD_METHOD_NO_DICT`).
#[derive(Default)]
pub struct MethodSite {
    classes: Site<MethodHit>,
    /// A built-in type and its method of the site's name, once looked up: the
    /// methods of a built-in type never change, so this never goes stale. (The
    /// method object lives as long as the interpreter anyway.)
    builtin: RefCell<Option<(BuiltinType, Value)>>,
}

impl<H: Hit> Site<H> {
    /// The hit remembered for the class with `serial`, valid at `epoch`.
    #[inline(always)]
    fn find(&self, serial: u64, epoch: u64) -> Option<H> {
        self.hits.iter().find_map(|h| {
            let h = h.get();
            (h.serial() == serial && h.epoch() == epoch).then_some(h)
        })
    }

    fn remember(&self, hit: H) {
        if let Some(h) = self.hits.iter().find(|h| h.get().serial() == hit.serial()) {
            h.set(hit);
            return;
        }
        let k = usize::from(self.next.get());
        self.hits[k].set(hit);
        self.next.set(((k + 1) % self.hits.len()) as u8);
    }
}

impl AttrSite {
    /// The slot remembered for the class with `serial`, valid at `epoch`.
    #[inline(always)]
    fn slot(&self, serial: u64, epoch: u64) -> Option<usize> {
        self.find(serial, epoch).map(|h| h.slot as usize)
    }
}

/// What a lookup through the cache found.
pub enum Found {
    /// The instance's own attribute.
    Own(Value),
    /// The class's attribute (a function is still to be bound).
    Class(Value),
}

impl Vm {
    /// The table index for `class` and the interned name `name`, if `name` is
    /// interned (a name built at run time is looked up without the cache).
    #[inline(always)]
    fn attr_key(&self, class: &Class, name: &Value) -> Option<(usize, usize)> {
        let o = name.obj()?;
        if !self.t.str.get(o)?.interned.get() {
            return None;
        }
        let id = o.id();
        Some((id, (class.serial as usize ^ (id >> 4)) % SIZE))
    }

    /// The entry for `class` and `name`, made now if the table has none valid.
    /// `instance`: whether slots matter (then the layout must not have grown).
    #[inline(always)]
    fn attr_entry(&self, class: &Class, name: &Value, instance: bool) -> Option<Entry> {
        let epoch = self.class_epoch.get();
        let Some((id, at)) = self.attr_key(class, name) else {
            return self.locate(class, name, epoch);
        };
        let e = self.attr_cache.borrow()[at];
        if e.serial == class.serial
            && e.name == id
            && e.epoch == epoch
            && (!instance || e.layout_len as usize == class.layout.borrow().len())
        {
            return Some(e);
        }
        let mut e = self.locate(class, name, epoch)?;
        e.name = id;
        self.attr_cache.borrow_mut()[at] = e;
        Some(e)
    }

    /// Find `name` for `class` the slow way: its slot, and its place along the bases.
    fn locate(&self, class: &Class, name: &Value, epoch: u64) -> Option<Entry> {
        let h = self.hash(name).ok()?;
        let mut found = None;
        let along =
            std::iter::once(class).chain(class.mro.iter().filter_map(|k| self.t.class.get(k)));
        for (depth, k) in along.enumerate() {
            let map = self.t.dict.get(&k.dict)?.map.borrow();
            if let Some(entry) = map.entry_of(name, h) {
                // The instance-storage descriptors `type_new` added stand for the
                // instance's own storage, which lookups read directly: past one, the
                // name is not a class attribute.
                let storage = map
                    .value_at(entry)
                    .and_then(Value::obj)
                    .is_some_and(|o| self.t.slot_descriptor.is(o));
                if !storage {
                    found = Some((depth as u32, entry));
                }
                break;
            }
        }
        Some(Entry {
            serial: class.serial,
            name: 0,
            epoch,
            layout_len: class.layout.borrow().len() as u32,
            slot: class.slot_of(name).map(|s| s as u32),
            found,
        })
    }

    /// The value of entry `entry` in the namespace of the class `depth` steps along
    /// `class`'s method resolution order.
    #[inline(always)]
    fn class_entry(&self, class: &Class, depth: u32, entry: u32) -> Option<Value> {
        let k = match depth {
            0 => class,
            d => self.t.class.get(class.mro.get(d as usize - 1)?)?,
        };
        let d = self.t.dict.get(&k.dict)?;
        let v = d.map.borrow().value_at(entry).cloned();
        v
    }

    /// `obj.name` straight from the instance's slot, if `site` remembers `obj`'s class
    /// and the epoch has not moved; `None` otherwise (or if the slot is empty), and the
    /// caller takes the general path.
    #[inline(always)]
    pub fn cached_own_attr(&self, site: &AttrSite, obj: &Value) -> Option<Value> {
        let inst = self.t.instance.get(obj.obj()?)?;
        let class = self.t.class.get(&inst.class)?;
        let slot = site.slot(class.serial, self.class_epoch.get())?;
        if inst.dict_mode.get() {
            return None;
        }
        inst.values.borrow().get(slot).cloned().flatten()
    }

    /// `obj.name = value` straight into the instance's slot, if `site` remembers
    /// `obj`'s class; gives `value` back otherwise.
    #[inline(always)]
    pub fn cached_store(&self, site: &AttrSite, obj: &Value, value: Value) -> Result<(), Value> {
        let Some(inst) = obj.obj().and_then(|o| self.t.instance.get(o)) else {
            return Err(value);
        };
        let Some(class) = self.t.class.get(&inst.class) else {
            return Err(value);
        };
        let Some(slot) = site.slot(class.serial, self.class_epoch.get()) else {
            return Err(value);
        };
        if inst.dict_mode.get() {
            return Err(value);
        }
        let old = inst.set_slot(class, slot, value);
        drop(old);
        Ok(())
    }

    /// After the general path: remember where `obj.name` lives, if `obj` is an
    /// instance whose class gives `name` a slot and no class along its bases has it.
    pub fn remember_attr(&self, site: &AttrSite, obj: &Value, name: &Value) {
        let Some(inst) = obj.obj().and_then(|o| self.t.instance.get(o)) else {
            return;
        };
        let Some(class) = self.t.class.get(&inst.class) else {
            return;
        };
        // A class with attribute hooks is never cached: every access calls them.
        if class.hooks.get() != 0 {
            return;
        }
        if let Some(e) = self.attr_entry(class, name, true) {
            if let (Some(slot), None) = (e.slot, e.found) {
                site.remember(AttrHit {
                    serial: class.serial,
                    epoch: e.epoch,
                    slot,
                });
            }
        }
    }

    /// `obj.name` as a method to call with `obj`, straight from the class namespace
    /// entry `site` remembers for `obj`'s class; `None` if it remembers none valid
    /// (or the entry no longer holds a function), and the caller takes the general
    /// path.
    #[inline(always)]
    pub fn cached_method(&self, site: &MethodSite, obj: &Value) -> Option<Value> {
        let inst = self.t.instance.get(obj.obj()?)?;
        let class = self.t.class.get(&inst.class)?;
        let hit = site.classes.find(class.serial, self.class_epoch.get())?;
        if inst.dict_mode.get() || class.layout.borrow().len() != hit.layout_len as usize {
            return None;
        }
        let f = self.class_entry(class, hit.depth, hit.entry)?;
        f.obj().is_some_and(|o| self.t.function.is(o)).then_some(f)
    }

    /// The method a site remembers for `obj`'s built-in type, if it is that type's.
    /// Asked on the general path (`Vm::load_method_at`), not beside
    /// [`Vm::cached_method`]: a branch there, in the loop, cost richards 6% of its
    /// time for the spills it brought.
    #[inline]
    pub fn cached_builtin_method(&self, site: &MethodSite, obj: &Value) -> Option<Value> {
        let builtin = site.builtin.borrow();
        let (kind, method) = builtin.as_ref()?;
        (crate::builtins::builtin_kind(self, obj) == Some(*kind)).then(|| method.clone())
    }

    /// After the general path: remember `method`, found as `obj.name` for an object
    /// of a built-in type.
    pub fn remember_builtin_method(&self, site: &MethodSite, obj: &Value, method: &Value) {
        if let Some(kind) = crate::builtins::builtin_kind(self, obj) {
            if !matches!(method, Value::Null(_)) {
                *site.builtin.borrow_mut() = Some((kind, method.clone()));
            }
        }
    }

    /// After the general path: remember where the method `obj.name` lives, if `obj`
    /// is an instance whose class finds `name` as a function along its bases and
    /// gives it no instance slot.
    pub fn remember_method(&self, site: &MethodSite, obj: &Value, name: &Value) {
        let Some(inst) = obj.obj().and_then(|o| self.t.instance.get(o)) else {
            return;
        };
        let Some(class) = self.t.class.get(&inst.class) else {
            return;
        };
        if class.hooks.get() != 0 || inst.dict_mode.get() {
            return;
        }
        let Some(e) = self.attr_entry(class, name, true) else {
            return;
        };
        let (None, Some((depth, entry))) = (e.slot, e.found) else {
            return;
        };
        let function = self
            .class_entry(class, depth, entry)
            .is_some_and(|v| v.obj().is_some_and(|o| self.t.function.is(o)));
        if function {
            site.classes.remember(MethodHit {
                serial: class.serial,
                epoch: e.epoch,
                layout_len: e.layout_len,
                depth,
                entry,
            });
        }
    }

    /// Look `name` up along `class`'s bases.
    pub fn class_lookup(&self, class: &ObjRef, name: &Value) -> Option<Value> {
        let kc = self.t.class.get(class)?;
        let (depth, entry) = self.attr_entry(kc, name, false)?.found?;
        self.class_entry(kc, depth, entry)
    }

    /// `inst.name` as an instance's own attribute or its class's, or `None`: neither
    /// (what remains is `__class__`, or an AttributeError).
    #[inline(always)]
    pub fn instance_lookup(&self, inst: &Instance, name: &Value) -> Option<Found> {
        let class = self.t.class.get(&inst.class)?;
        if let Some(dict) = inst.dict() {
            return self.dict_mode_lookup(class, &dict, name);
        }
        let e = self.attr_entry(class, name, true)?;
        if let Some(s) = e.slot {
            if let Some(v) = inst.values.borrow().get(s as usize).cloned().flatten() {
                // A property of the class comes before the instance's own value.
                if let Some((depth, entry)) = e.found {
                    let cv = self.class_entry(class, depth, entry)?;
                    let is_property = cv
                        .obj()
                        .and_then(|o| self.t.descriptor.get(o))
                        .is_some_and(|d| d.kind == DescriptorKind::Property);
                    if is_property {
                        return Some(Found::Class(cv));
                    }
                }
                return Some(Found::Own(v));
            }
        }
        let (depth, entry) = e.found?;
        self.class_entry(class, depth, entry).map(Found::Class)
    }

    /// [`Vm::instance_lookup`] for an instance whose attributes live in its
    /// `__dict__`: a property of the class first, then the dict, then the class.
    fn dict_mode_lookup(&self, class: &Class, dict: &ObjRef, name: &Value) -> Option<Found> {
        let cv = self
            .attr_entry(class, name, false)
            .and_then(|e| e.found)
            .and_then(|(depth, entry)| self.class_entry(class, depth, entry));
        let is_property = cv
            .as_ref()
            .and_then(|v| self.t.descriptor.get(v.obj()?))
            .is_some_and(|d| d.kind == DescriptorKind::Property);
        if !is_property {
            if let Some(v) = self.dict_get(dict, name).ok().flatten() {
                return Some(Found::Own(v));
            }
        }
        cv.map(Found::Class)
    }

    /// The instance's `__dict__`, made now if it has none yet: its inline values
    /// move into a new dict (in the layout's order), which holds them from then on.
    pub fn instance_dict(&self, inst: &Instance) -> Result<ObjRef, crate::interp::Exc> {
        if let Some(d) = inst.dict() {
            return Ok(d);
        }
        let d = self.new_dict_from(self.inline_attrs(inst, |_| true))?;
        self.set_instance_dict(inst, d.clone());
        Ok(d)
    }

    /// An instance's inline attributes (not in dict mode), in its class's layout
    /// order, copied out: those whose name `keep` accepts.
    pub fn inline_attrs(
        &self,
        inst: &Instance,
        keep: impl Fn(&str) -> bool,
    ) -> Vec<(Value, Value)> {
        let class = self.t.class.get(&inst.class).expect("a class");
        let layout = class.layout.borrow();
        let values = inst.values.borrow();
        layout
            .iter()
            .zip(values.iter())
            .filter(|(k, _)| self.str_of(k).is_some_and(&keep))
            .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
            .collect()
    }

    /// A new dict of `pairs`, in order.
    pub fn new_dict_from(&self, pairs: Vec<(Value, Value)>) -> Result<ObjRef, crate::interp::Exc> {
        let d = self.new_dict()?;
        for (k, v) in pairs {
            self.dict_set(&d, k, v)?;
        }
        Ok(d)
    }

    /// Make `dict` the instance's `__dict__` (`obj.__dict__ = d`), replacing its
    /// attributes.
    pub fn set_instance_dict(&self, inst: &Instance, dict: ObjRef) {
        let mut values = crate::object::hvec();
        let class = self.t.class.get(&inst.class).expect("a class");
        if crate::subclass::based_kind(class).is_some() {
            values.push(inst.values.borrow().first().cloned().flatten());
        }
        values.push(Some(Value::Obj(dict)));
        let old = std::mem::replace(&mut *inst.values.borrow_mut(), values);
        inst.dict_mode.set(true);
        drop(old);
    }

    /// `inst.name = value` for an instance `obj`: through a property's setter if the
    /// class has a property `name`, else into the instance's slot. One cache lookup
    /// answers both.
    pub fn instance_store(
        &self,
        obj: &Value,
        inst: &Instance,
        name: Value,
        value: Value,
    ) -> Result<(), crate::interp::Exc> {
        let class = self.t.class.get(&inst.class).expect("a class");
        // A container subclass's instance keeps its attributes in a dict of its own
        // from the first one, as CPython's (no inline values there).
        if class.slots.is_none()
            && !inst.dict_mode.get()
            && crate::subclass::based_kind(class).is_some()
        {
            self.instance_dict(inst)?;
        }
        if let Some(e) = self.attr_entry(class, &name, true) {
            if let Some((depth, entry)) = e.found {
                let cv = self.class_entry(class, depth, entry);
                if let Some(d) = cv.as_ref().and_then(|v| self.t.descriptor.get(v.obj()?)) {
                    if d.kind == DescriptorKind::Property {
                        let setter = d.fset.clone();
                        if matches!(setter, Value::None(_)) {
                            return Err(self.property_error(obj, &name, "setter"));
                        }
                        self.call(&setter, &[obj.clone(), value], &[])?;
                        return Ok(());
                    }
                }
            }
            if let Some(d) = inst.dict() {
                return self.dict_set(&d, name, value);
            }
            if let Some(s) = e.slot {
                let old = inst.set_slot(class, s as usize, value);
                drop(old);
                return Ok(());
            }
        }
        if let Some(d) = inst.dict() {
            return self.dict_set(&d, name, value);
        }
        if class.slots.is_some() {
            // __slots__ without __dict__: no other attribute.
            let text = self.str_of(&name).unwrap_or("?");
            return Err(self.error(
                "AttributeError",
                format!("'{}' object has no attribute '{text}'", self.type_name(obj)),
            ));
        }
        let old = self.inst_set(inst, name, value);
        drop(old);
        Ok(())
    }

    /// Set an instance's attribute; returns the value replaced (drop it after).
    pub fn inst_set(&self, inst: &Instance, name: Value, value: Value) -> Option<Value> {
        if let Some(d) = inst.dict() {
            // A str key cannot fail but for memory, which the next allocation reports.
            let _ = self.dict_set(&d, name, value);
            return None;
        }
        let class = self.t.class.get(&inst.class).expect("a class");
        if let Some(s) = self.attr_entry(class, &name, true).and_then(|e| e.slot) {
            return inst.set_slot(class, s as usize, value);
        }
        // Layouts hold interned names only, so lookups compare identities.
        let name = match name.obj().and_then(|o| self.t.str.get(o)) {
            Some(s) if !s.interned.get() => self.intern(s.as_str()),
            _ => name,
        };
        inst.set_attr(class, name, value)
    }

    /// Any class namespace changed: every cached position along bases is stale.
    pub fn class_changed(&self) {
        self.class_epoch.set(self.class_epoch.get() + 1);
    }
}
