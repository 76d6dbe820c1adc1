//! Subclasses of the built-in containers: a program's class derived from `list`,
//! `dict` or `set`.
//!
//! CPython lays such an instance out as the built-in object itself with a dict
//! pointer after it. heaplab keeps the instance as any other instance and the
//! built-in value beside it: a real list, dict or set, its *base*, held in slot 0 of
//! the instance's values, which the class's layout reserves under a key no attribute
//! name can match (`None`). Every protocol first looks for the class's own special
//! method (`__len__`, `__getitem__`, `__eq__`, ...) and, failing that, acts on the
//! base as the built-in type's slot would; a dict subclass's `__missing__` is called
//! for a missing key. Methods found on the built-in type (`self.append(x)`,
//! `super().__init__(items)`, `dict.__setitem__(self, k, v)`) act on the base.
//!
//! The base is never tracked: the instance's traversal reports what the base holds
//! (`Instance`'s `Trace`), so the collector sees one object, as in CPython. Its
//! allocation still moves `gc.get_count()` by one more than CPython's does.

use crate::interp::{Exc, Vm};
use crate::object::class::{BuiltinType, Class};
use crate::object::hvec;
use crate::value::Value;

/// The built-in container a class derives from, if it is a program's class derived
/// from `list`, `dict` or `set` (its instances have a base).
pub fn based_kind(class: &Class) -> Option<BuiltinType> {
    let container = matches!(
        class.builtin,
        BuiltinType::List | BuiltinType::Dict | BuiltinType::Set
    );
    (container && class.bases_tuple.is_some()).then_some(class.builtin)
}

impl Vm {
    /// The base of `v`, if `v` is an instance of a subclass of a built-in container.
    pub fn base_of(&self, v: &Value) -> Option<Value> {
        let inst = self.t.instance.get(v.obj()?)?;
        let class = self.t.class.get(&inst.class)?;
        based_kind(class)?;
        inst.values.borrow().first().cloned().flatten()
    }

    /// A new, empty base for an instance of a subclass of `kind`: untracked for
    /// good, since the instance's traversal reports what it holds (so a collection
    /// counts the instance alone, as CPython does).
    pub fn new_base(&self, kind: BuiltinType) -> Result<Value, Exc> {
        let base = match kind {
            BuiltinType::List => self.new_list(hvec())?,
            BuiltinType::Dict => Value::Obj(self.new_dict()?),
            _ => Value::Obj(self.new_set()?),
        };
        let o = base.obj().expect("an object");
        if let Some(d) = self.t.dict.get(o) {
            d.base.set(true);
        }
        self.heap.untrack(o);
        Ok(base)
    }
}

/// `list.__init__`, `dict.__init__` and `set.__init__` (what `super().__init__(...)`
/// reaches in a subclass): a list or set takes the items of its argument in place of
/// its own, a dict is updated with its arguments.
pub fn container_init(vm: &Vm, args: &[Value], kwargs: &[(Value, Value)]) -> Result<Value, Exc> {
    let target = &args[0];
    let (kind, name) = match crate::builtins::builtin_kind(vm, target) {
        Some(k @ BuiltinType::List) => (k, "list"),
        Some(k @ BuiltinType::Dict) => (k, "dict"),
        Some(k @ BuiltinType::Set) => (k, "set"),
        _ => return Err(vm.type_error("__init__ of a built-in container needs one")),
    };
    let rest = &args[1..];
    if kind != BuiltinType::Dict && !kwargs.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    if rest.len() > 1 {
        return Err(vm.type_error(format!(
            "{name} expected at most 1 argument, got {}",
            rest.len()
        )));
    }
    let call = |method: &str, args: &[Value], kwargs: &[(Value, Value)]| -> Result<Value, Exc> {
        let (_, f) = crate::builtins::method_of_type(kind, method).expect("a container method");
        f(vm, args, kwargs)
    };
    if kind == BuiltinType::Dict {
        call("update", args, kwargs)?;
        return Ok(Value::NONE);
    }
    // Collected first: the argument may be the object itself.
    let items = match rest.first() {
        Some(v) => Some(vm.collect_iter(v)?),
        None => None,
    };
    call("clear", std::slice::from_ref(target), &[])?;
    if let Some(items) = items {
        let it = vm.new_list(items)?;
        let add = if kind == BuiltinType::List {
            "extend"
        } else {
            "update"
        };
        call(add, &[target.clone(), it], &[])?;
    }
    Ok(Value::NONE)
}
