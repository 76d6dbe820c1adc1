//! Functions and what they are made of: code objects with their constants as values,
//! cells for closures, bound methods, built-in functions and modules.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use gc::{ObjRef, Trace, Tracer};

use super::HVec;
use crate::bytecode::Code;
use crate::value::{visit_values, Value};

/// A code object: the compiled body, with its constants and names made into values
/// once (strings interned), so a frame indexes them directly.
pub struct CodeObj {
    /// The compiled body.
    pub code: Rc<Code>,
    /// `code.consts` as values (nested code objects included).
    pub consts: HVec<Value>,
    /// `code.names` as interned strings.
    pub names: HVec<Value>,
    /// Per name: where a global lookup found it (in the builtins, entry number) and
    /// the (globals, builtins) versions that is valid for, as CPython's LOAD_GLOBAL
    /// inline cache. It holds no reference: a cache never keeps an object alive.
    pub global_cache: HVec<std::cell::Cell<GlobalHit>>,
    /// Per name: the instance slots attribute accesses by that name found last (see
    /// `attr::AttrSite`), CPython's `LOAD_ATTR_INSTANCE_VALUE` cache, kept per name
    /// rather than per instruction: in a method, one name nearly always means the
    /// same few classes' slots.
    pub attr_cache: HVec<crate::attr::AttrSite>,
    /// Per name: where `LOAD_METHOD`s by that name found their functions (see
    /// `attr::MethodSite`).
    pub method_cache: HVec<crate::attr::MethodSite>,
}

impl Trace for CodeObj {
    const GC: bool = false;

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("code")
    }
}

/// A cached global lookup. Versions are never 0 (see `dict::next_version`), so the
/// default, all zeros, is an empty entry.
#[derive(Clone, Copy, Default)]
pub struct GlobalHit {
    /// The globals' version it holds for.
    pub globals: u64,
    /// For a name found in the builtins, their version it holds for; 0 for a name
    /// found in the globals, where the builtins do not matter.
    pub builtins: u64,
    /// The entry number in the dict it was found in.
    pub entry: u32,
}

/// A Python function.
pub struct Function {
    /// Its code.
    pub code: ObjRef,
    /// The globals it runs with (a dict).
    pub globals: ObjRef,
    /// `__name__`.
    pub name: RefCell<Value>,
    /// `__qualname__`.
    pub qualname: Value,
    /// Positional defaults (a tuple), if any.
    pub defaults: Option<ObjRef>,
    /// Keyword-only defaults (a dict), if any.
    pub kwdefaults: Option<ObjRef>,
    /// The cells of its free variables (a tuple), if any.
    pub closure: Option<ObjRef>,
    /// `__dict__`: the attributes set on the function, in a dict made when the first
    /// one is set (CPython's `func_dict`), so that `gc` sees the objects CPython has.
    pub attrs: RefCell<Option<ObjRef>>,
}

impl Trace for Function {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit(&self.code);
        tracer.visit(&self.globals);
        for o in [&self.defaults, &self.kwdefaults, &self.closure]
            .into_iter()
            .flatten()
        {
            tracer.visit(o);
        }
        if let Ok(name) = self.name.try_borrow() {
            visit_values(std::slice::from_ref(&*name), tracer);
        }
        if let Ok(attrs) = self.attrs.try_borrow() {
            if let Some(d) = attrs.as_ref() {
                tracer.visit(d);
            }
        }
    }

    fn clear(&self) {
        let attrs = self.attrs.borrow_mut().take();
        drop(attrs);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("function")
    }

    fn getsizeof(&self) -> usize {
        152
    }
}

/// A cell: a variable shared between a function and the functions nested in it.
pub struct CellObj {
    /// The value; `None` when the variable is unbound.
    pub value: RefCell<Option<Value>>,
}

impl Trace for CellObj {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        if let Ok(v) = self.value.try_borrow() {
            if let Some(v) = v.as_ref() {
                visit_values(std::slice::from_ref(v), tracer);
            }
        }
    }

    fn clear(&self) {
        let v = self.value.borrow_mut().take();
        drop(v);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("cell")
    }

    fn getsizeof(&self) -> usize {
        40
    }
}

/// A bound method: a function and the object it was looked up on.
pub struct Method {
    /// The function.
    pub func: Value,
    /// The object (`self`).
    pub receiver: Value,
}

impl Trace for Method {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        // Never clone in a traversal: a refcount change mid-collection misleads it.
        visit_values(std::slice::from_ref(&self.func), tracer);
        visit_values(std::slice::from_ref(&self.receiver), tracer);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("method")
    }

    fn getsizeof(&self) -> usize {
        48
    }
}

/// The Rust function behind a built-in: it gets the VM, the positional arguments and
/// the keyword arguments.
pub type BuiltinFn =
    fn(&crate::interp::Vm, &[Value], &[(Value, Value)]) -> Result<Value, crate::interp::Exc>;

/// A built-in function or method (`len`, `list.append`).
pub struct Builtin {
    /// Its name.
    pub name: &'static str,
    /// What it runs.
    pub f: BuiltinFn,
    /// The object it is bound to (`[].append`), or `Null`.
    pub receiver: Value,
    /// For a method of a built-in type (CPython's method descriptor), that type: an
    /// unbound call checks its first argument is one (`list.append(3, 4)` is a
    /// TypeError), or an instance of a program's subclass of it, whose built-in
    /// value the method then acts on.
    pub owner: Option<crate::object::class::BuiltinType>,
}

impl Trace for Builtin {
    const GC: bool = true;
    const TRACK_ON_ALLOC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        visit_values(std::slice::from_ref(&self.receiver), tracer);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("builtin_function_or_method")
    }

    fn getsizeof(&self) -> usize {
        72
    }
}

/// A module: a name and its namespace.
pub struct Module {
    /// `__name__`.
    pub name: Value,
    /// Its globals (a dict).
    pub dict: ObjRef,
}

impl Trace for Module {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit(&self.dict);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("module")
    }
}

/// What a [`Descriptor`] does when it is found on a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DescriptorKind {
    /// `staticmethod(f)`: `f` itself, from the class or an instance.
    Static,
    /// `classmethod(f)`: `f` bound to the class.
    Class,
    /// `property(fget, fset, fdel)`: reading calls `fget`, assigning `fset`, deleting
    /// `fdel`; it comes before an instance's own attributes (a data descriptor).
    Property,
}

/// `staticmethod`, `classmethod` and `property` objects.
pub struct Descriptor {
    /// Which of the three.
    pub kind: DescriptorKind,
    /// The function (a property's getter).
    pub func: Value,
    /// A property's setter (`None` if it has none).
    pub fset: Value,
    /// A property's deleter (`None` if it has none).
    pub fdel: Value,
}

impl Trace for Descriptor {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        visit_values(std::slice::from_ref(&self.func), tracer);
        visit_values(std::slice::from_ref(&self.fset), tracer);
        visit_values(std::slice::from_ref(&self.fdel), tracer);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self.kind {
            DescriptorKind::Static => "staticmethod",
            DescriptorKind::Class => "classmethod",
            DescriptorKind::Property => "property",
        })
    }

    fn getsizeof(&self) -> usize {
        match self.kind {
            DescriptorKind::Property => 80,
            _ => 56,
        }
    }
}
