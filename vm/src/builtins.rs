//! The built-in functions, the constructors of the built-in types, and the methods of
//! `list`, `dict`, `set`, `str` and `tuple`.

use std::cell::Cell;

use gc::ObjRef;

use crate::ast::{BinOp, CmpOp};
use crate::interp::{Exc, Vm};
use crate::object::class::BuiltinType;
use crate::object::func::{BuiltinFn, Descriptor, DescriptorKind};
use crate::object::iter::IterKind;
use crate::object::*;
use crate::ops;
use crate::value::Value;

type R = Result<Value, Exc>;
type Kw<'a> = &'a [(Value, Value)];

/// The unbound built-in methods (`list.append`, ...), made once as CPython's method
/// descriptors are: `LoadMethod` pushes one with its receiver, so `xs.append(x)`
/// allocates no bound method.
fn install_methods(vm: &Vm) {
    let mut map = vm.method_objects.borrow_mut();
    for kind in TYPES_WITH_METHODS {
        for &(name, f) in methods_of(kind) {
            let m = vm
                .alloc(
                    vm.t.builtin,
                    Builtin {
                        name,
                        f,
                        receiver: Value::NULL,
                        owner: Some(kind),
                    },
                )
                .expect("memory");
            map.insert((kind, name), Value::Obj(m));
        }
    }
}

/// Fill the `builtins` namespace.
pub fn install(vm: &Vm) {
    install_methods(vm);
    let funcs: &[(&'static str, BuiltinFn)] = &[
        ("print", print),
        ("staticmethod", staticmethod),
        ("classmethod", classmethod),
        ("property", property),
        ("len", len),
        ("repr", repr),
        ("ascii", ascii),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("id", id),
        ("hash", hash),
        ("abs", abs),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("sorted", sorted),
        ("reversed", reversed),
        ("enumerate", enumerate),
        ("zip", zip),
        ("bin", bin),
        ("oct", oct),
        ("map", map),
        ("filter", filter),
        ("any", any),
        ("all", all),
        ("iter", iter),
        ("next", next),
        ("getattr", getattr),
        ("setattr", setattr),
        ("hasattr", hasattr),
        ("delattr", delattr),
        ("callable", callable),
        ("divmod", divmod),
        ("round", round),
        ("pow", pow),
        ("ord", ord),
        ("chr", chr),
        ("hex", hex),
        ("format", format),
        ("super", super_),
        ("vars", vars),
        ("dir", dir),
        ("globals", frame_namespace),
        ("locals", frame_namespace),
        ("__build_class__", build_class),
    ];
    for &(name, f) in funcs {
        let b = vm
            .alloc(
                vm.t.builtin,
                Builtin {
                    name,
                    f,
                    receiver: Value::NULL,
                    owner: None,
                },
            )
            .expect("memory");
        vm.dict_set(&vm.builtins, vm.intern(name), Value::Obj(b))
            .expect("a str key");
    }
    for name in [
        "object",
        "type",
        "int",
        "float",
        "str",
        "bytes",
        "list",
        "tuple",
        "dict",
        "set",
        "frozenset",
        "bool",
        "range",
        "slice",
    ] {
        let class = vm.classes.get(name).clone();
        vm.dict_set(&vm.builtins, vm.intern(name), Value::Obj(class))
            .expect("a str key");
    }
    for &(name, _) in crate::interp::EXCEPTIONS {
        let class = vm.classes.get(name).clone();
        vm.dict_set(&vm.builtins, vm.intern(name), Value::Obj(class))
            .expect("a str key");
    }
    // BaseException.__init__(self, *args) sets `args`.
    let init = vm
        .alloc(
            vm.t.builtin,
            Builtin {
                name: "__init__",
                f: exception_init,
                receiver: Value::NULL,
                owner: None,
            },
        )
        .expect("memory");
    let base = vm.classes.get("BaseException");
    let dict = vm.t.class.get(base).expect("a class").dict.clone();
    vm.dict_set(&dict, vm.intern("__init__"), Value::Obj(init))
        .expect("a str key");
    // BaseException.with_traceback(tb): sets `__traceback__`, gives the exception.
    let with_tb = vm
        .alloc(
            vm.t.builtin,
            Builtin {
                name: "with_traceback",
                f: |vm, args, _| {
                    let this = arg(vm, args, 0, "with_traceback")?;
                    let tb = arg(vm, args, 1, "with_traceback")?.clone();
                    vm.set_attr(this, vm.intern("__traceback__"), tb)?;
                    Ok(this.clone())
                },
                receiver: Value::NULL,
                owner: None,
            },
        )
        .expect("memory");
    vm.dict_set(&dict, vm.intern("with_traceback"), Value::Obj(with_tb))
        .expect("a str key");
    let stop = vm.classes.get("StopIteration");
    let stop_dict = vm.t.class.get(stop).expect("a class").dict.clone();
    vm.dict_set(&stop_dict, vm.intern("value"), Value::NONE)
        .expect("a str key");
    let exit = vm.classes.get("SystemExit");
    let exit_dict = vm.t.class.get(exit).expect("a class").dict.clone();
    vm.dict_set(&exit_dict, vm.intern("code"), Value::NONE)
        .expect("a str key");
    // What an exception that was never chained nor raised answers.
    for (name, value) in [
        ("__cause__", Value::NONE),
        ("__context__", Value::NONE),
        ("__suppress_context__", Value::bool(false)),
        ("__traceback__", Value::NONE),
    ] {
        vm.dict_set(&dict, vm.intern(name), value)
            .expect("a str key");
    }
    for name in ["NotImplemented", "Ellipsis"] {
        vm.dict_set(&vm.builtins, vm.intern(name), vm.intern(name))
            .expect("a str key");
    }
}

fn exception_init(vm: &Vm, args: &[Value], _: Kw) -> R {
    let this = arg(vm, args, 0, "__init__")?;
    let t = vm.new_tuple(vm.hvec_of(args[1..].iter().cloned())?)?;
    vm.set_attr(this, vm.intern("args"), t)?;
    // StopIteration(value) carries the value a generator returned.
    let class = vm.class_of(this);
    if args.len() > 1 && vm.is_subclass(&class, vm.classes.get("StopIteration")) {
        vm.set_attr(this, vm.intern("value"), args[1].clone())?;
    }
    // SystemExit(code): None without arguments, the argument, or all of them.
    if vm.is_subclass(&class, vm.classes.get("SystemExit")) {
        let code = match args.len() {
            1 => Value::NONE,
            2 => args[1].clone(),
            _ => vm.new_tuple(vm.hvec_of(args[1..].iter().cloned())?)?,
        };
        vm.set_attr(this, vm.intern("code"), code)?;
    }
    Ok(Value::NONE)
}

/// The argument tuple (of `args` items) and kwargs dict (of `kwargs`) CPython 3.11
/// makes and frees around a call through `tp_call` (`_PyObject_MakeTpCall`), told
/// to the heap: heaplab's built-ins take their arguments as a slice.
pub(crate) fn tp_call_temporaries(vm: &Vm, args: usize, kwargs: usize) {
    if args > 0 {
        vm.heap
            .temporary(crate::object::list::tuple_free_list(args));
    }
    if kwargs > 0 {
        vm.heap.temporary(crate::object::dict::DICT_FREE_LIST);
    }
}

pub(crate) fn arg<'a>(vm: &Vm, args: &'a [Value], i: usize, fname: &str) -> Result<&'a Value, Exc> {
    args.get(i).ok_or_else(|| {
        vm.type_error(format!(
            "{fname}() missing required argument (pos {})",
            i + 1
        ))
    })
}

pub(crate) fn exactly(vm: &Vm, args: &[Value], n: usize, fname: &str) -> Result<(), Exc> {
    if args.len() != n {
        return Err(vm.type_error(format!(
            "{fname}() takes exactly {} argument{} ({} given)",
            n,
            if n == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}

pub(crate) fn kwarg<'a>(vm: &Vm, kwargs: Kw<'a>, name: &str) -> Option<&'a Value> {
    kwargs
        .iter()
        .find(|(k, _)| vm.str_of(k) == Some(name))
        .map(|(_, v)| v)
}

pub(crate) fn int_arg(vm: &Vm, v: &Value) -> Result<i64, Exc> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        _ => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

/// `print(*args, sep=' ', end='\n', file=None)`.
fn print(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let sep = match kwarg(vm, kwargs, "sep") {
        Some(Value::None(_)) | None => " ".to_string(),
        Some(v) => vm.str_of(v).map(str::to_string).ok_or_else(|| {
            vm.type_error(format!(
                "sep must be None or a string, not {}",
                vm.type_name(v)
            ))
        })?,
    };
    let end = match kwarg(vm, kwargs, "end") {
        Some(Value::None(_)) | None => "\n".to_string(),
        Some(v) => vm.str_of(v).map(str::to_string).ok_or_else(|| {
            vm.type_error(format!(
                "end must be None or a string, not {}",
                vm.type_name(v)
            ))
        })?,
    };
    let mut text = String::new();
    for (k, a) in args.iter().enumerate() {
        if k > 0 {
            text.push_str(&sep);
        }
        text.push_str(&ops::str(vm, a)?);
    }
    text.push_str(&end);
    match kwarg(vm, kwargs, "file") {
        Some(f) if !matches!(f, Value::None(_)) => {
            if crate::modules::is_stderr(vm, f) {
                vm.write_err(&text);
            } else if crate::modules::is_stdout(vm, f) {
                vm.write_out(&text);
            } else {
                vm.call_method(f, "write", &[vm.new_str(&text)?])?;
            }
        }
        _ => vm.write_out(&text),
    }
    Ok(Value::NONE)
}

/// `len(x)`.
pub fn len(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "len")?;
    let v = &args[0];
    let t = &vm.t;
    if let Value::Obj(o) = v {
        let n = if let Some(s) = t.str.get(o) {
            Some(s.chars)
        } else if let Some(b) = t.bytes.get(o) {
            Some(b.data.len())
        } else if let Some(l) = t.list.get(o) {
            Some(l.items.borrow().len())
        } else if let Some(tu) = t.tuple.get(o) {
            Some(tu.items.len())
        } else if let Some(d) = t.dict.get(o) {
            Some(d.map.borrow().len())
        } else {
            t.range.get(o).map(|r| r.len() as usize)
        };
        if let Some(n) = n {
            return Ok(Value::Int(n as i64));
        }
        if let Some(inst) = t.instance.get(o) {
            let class = inst.class.clone();
            if let Some(f) = vm.class_lookup(&class, &vm.intern("__len__")) {
                return vm.call(&f, args, &[]);
            }
            if let Some(base) = vm.base_of(v) {
                return len(vm, &[base], &[]);
            }
        }
        if let Some(view) = t.view.get(o) {
            let n = t.dict.get(&view.dict).expect("a dict").map.borrow().len();
            return Ok(Value::Int(n as i64));
        }
        if let Some(r) = vm.proxied(v)? {
            return len(vm, &[r], &[]);
        }
    }
    Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(v))))
}

fn repr(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "repr")?;
    vm.new_str(&ops::repr(vm, &args[0])?)
}

/// `ascii(obj)`: `repr(obj)` with every non-ASCII character escaped.
fn ascii(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "ascii")?;
    let r = ops::repr(vm, &args[0])?;
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let n = u32::from(c);
        match n {
            0..=0x7f => out.push(c),
            0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            _ => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    vm.new_str(&out)
}

fn class_arg(vm: &Vm, v: &Value, fname: &str) -> Result<Vec<ObjRef>, Exc> {
    if let Some(t) = vm.get(vm.t.tuple, v) {
        let mut out = Vec::new();
        for c in t.items.iter() {
            out.extend(class_arg(vm, c, fname)?);
        }
        return Ok(out);
    }
    match v.obj().filter(|o| vm.t.class.is(o)) {
        Some(c) => Ok(vec![c.clone()]),
        None => Err(vm.type_error(format!(
            "{fname}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

fn isinstance(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "isinstance")?;
    let class = vm.class_of(&args[0]);
    let targets = class_arg(vm, &args[1], "isinstance")?;
    if targets.iter().any(|t| vm.is_subclass(&class, t)) {
        return Ok(Value::bool(true));
    }
    // A proxy's `__class__` is its referent's.
    let referent_class = vm.proxied(&args[0]).ok().flatten().map(|r| vm.class_of(&r));
    Ok(Value::bool(referent_class.is_some_and(|c| {
        targets.iter().any(|t| vm.is_subclass(&c, t))
    })))
}

fn issubclass(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "issubclass")?;
    let Some(class) = args[0].obj().filter(|o| vm.t.class.is(o)) else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    let targets = class_arg(vm, &args[1], "issubclass")?;
    Ok(Value::bool(
        targets.iter().any(|t| vm.is_subclass(class, t)),
    ))
}

fn id(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "id")?;
    Ok(Value::Int(match &args[0] {
        Value::Obj(o) => o.id() as i64,
        Value::Int(i) => 0x1000_0000 + *i * 32,
        Value::Float(f) => f.get().to_bits() as i64 >> 4,
        Value::Bool(b) => 0x100 + i64::from(*b) * 32,
        _ => 0x80,
    }))
}

fn hash(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "hash")?;
    Ok(Value::Int(vm.hash(&args[0])?))
}

fn abs(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "abs")?;
    match &args[0] {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Ok(Value::Int(a)),
            None => crate::int::from_num(vm, -num_bigint::BigInt::from(*i)),
        },
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Float(f) => Ok(Value::float(f.get().abs())),
        v if crate::int::is_big(vm, v) => {
            let n = crate::int::to_num(vm, v).expect("a big int");
            crate::int::from_num(vm, num_traits::Signed::abs(&n))
        }
        v => {
            if let Some(inst) = v.obj().and_then(|o| vm.t.instance.get(o)) {
                let class = inst.class.clone();
                if let Some(f) = vm.class_lookup(&class, &vm.intern("__abs__")) {
                    return vm.call(&f, std::slice::from_ref(v), &[]);
                }
            }
            Err(vm.type_error(format!("bad operand type for abs(): '{}'", vm.type_name(v))))
        }
    }
}

fn min_max(vm: &Vm, args: &[Value], kwargs: Kw, is_max: bool) -> R {
    // METH_VARARGS in CPython 3.11: the arguments come as a tuple (and a dict).
    tp_call_temporaries(vm, args.len(), kwargs.len());
    let fname = if is_max { "max" } else { "min" };
    if args.is_empty() {
        return Err(vm.type_error(format!("{fname} expected at least 1 argument, got 0")));
    }
    // One item at a time, as CPython's min_max: each is drawn, keyed and compared
    // before the next is drawn.
    let it = match args {
        [one] => Some(ops::iter(vm, one)?),
        _ => None,
    };
    let mut rest = args.iter();
    let mut draw = || -> Result<Option<Value>, Exc> {
        match &it {
            Some(it) => ops::next(vm, it),
            None => Ok(rest.next().cloned()),
        }
    };
    let key = kwarg(vm, kwargs, "key").filter(|k| !matches!(k, Value::None(_)));
    let mut best: Option<(Value, Value)> = None;
    while let Some(item) = draw()? {
        let k = match key {
            Some(f) => vm.call(f, std::slice::from_ref(&item), &[])?,
            None => item.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => {
                let op = if is_max {
                    crate::ast::CmpOp::Gt
                } else {
                    crate::ast::CmpOp::Lt
                };
                ops::truthy(vm, &ops::compare(vm, op, &k, bk)?)?
            }
        };
        if better {
            best = Some((k, item));
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match kwarg(vm, kwargs, "default") {
            Some(d) => Ok(d.clone()),
            None => Err(vm.error("ValueError", format!("{fname}() arg is an empty sequence"))),
        },
    }
}

fn min(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    min_max(vm, args, kwargs, false)
}

fn max(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    min_max(vm, args, kwargs, true)
}

fn sum(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let mut acc = args
        .get(1)
        .or_else(|| kwarg(vm, kwargs, "start"))
        .cloned()
        .unwrap_or(Value::Int(0));
    // One item at a time, as CPython's builtin_sum: an error stops the drawing.
    let it = ops::iter(vm, arg(vm, args, 0, "sum")?)?;
    while let Some(item) = ops::next(vm, &it)? {
        acc = ops::binary(vm, BinOp::Add, &acc, &item, false)?;
    }
    Ok(acc)
}

/// Sort `items` (stably, as CPython's timsort), by `key` if given.
pub fn sort_values(
    vm: &Vm,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> Result<Vec<Value>, Exc> {
    let keys = match key {
        Some(f) => {
            let mut keys = Vec::with_capacity(items.len());
            for item in &items {
                keys.push(vm.call(f, std::slice::from_ref(item), &[])?);
            }
            keys
        }
        None => items.clone(),
    };
    // As CPython's `list.sort`: with `reverse`, the order is reversed before and
    // after the sort, so equal items keep their order; only `<` is asked.
    let mut order: Vec<usize> = (0..items.len()).collect();
    if reverse {
        order.reverse();
    }
    crate::sort::sort(&mut order, &mut |a, b| {
        ops::compare(vm, crate::ast::CmpOp::Lt, &keys[a], &keys[b])
            .and_then(|v| ops::truthy(vm, &v))
    })?;
    if reverse {
        order.reverse();
    }
    Ok(order.into_iter().map(|i| items[i].clone()).collect())
}

fn sorted(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    exactly(vm, args, 1, "sorted")?;
    let items = vm.collect_iter(&args[0])?;
    let key = kwarg(vm, kwargs, "key").filter(|k| !matches!(k, Value::None(_)));
    let reverse = match kwarg(vm, kwargs, "reverse") {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let sorted = sort_values(vm, items.into_iter().collect(), key, reverse)?;
    vm.new_list(vm.hvec_of(sorted)?)
}

/// `reversed(seq)`: the class's `__reversed__` if it has one; a range walked down;
/// any other sequence (a list, tuple, str, bytes, dict or dict view, or an object with
/// `__len__` and `__getitem__`) walked over its items taken now, in reverse, under
/// the name CPython's reverse iterator of that type has. Anything else (a set, an
/// iterator) is not reversible, as in CPython.
fn reversed(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "reversed")?;
    let seq = vm.base_of(&args[0]).unwrap_or_else(|| args[0].clone());
    if let Some(inst) = args[0].obj().and_then(|o| vm.t.instance.get(o)) {
        if let Some(f) = vm.class_lookup(&inst.class, &vm.intern("__reversed__")) {
            return vm.call(&f, &args[..1], &[]);
        }
    }
    if let Some(r) = seq.obj().and_then(|o| vm.t.range.get(o)) {
        let len = r.len();
        let last = r.start.wrapping_add((len - 1).max(0).wrapping_mul(r.step));
        return lazy(
            vm,
            IterKind::Range {
                next: Cell::new(last),
                left: Cell::new(len),
                step: r.step.wrapping_neg(),
            },
        );
    }
    let label = match seq.obj() {
        Some(o) if vm.t.list.is(o) => Some("list_reverseiterator"),
        Some(o) if vm.t.tuple.is(o) || vm.t.str.is(o) || vm.t.bytes.is(o) => Some("reversed"),
        Some(o) if vm.t.dict.get(o).is_some_and(|d| !d.is_set) => Some("dict_reversekeyiterator"),
        Some(o) => match vm.t.view.get(o).map(|v| v.kind) {
            Some(0) => Some("dict_reversekeyiterator"),
            Some(1) => Some("dict_reversevalueiterator"),
            Some(2) => Some("dict_reverseitemiterator"),
            _ => None,
        },
        None => None,
    };
    let label = match label {
        Some(l) => l,
        None => {
            let sequence = seq
                .obj()
                .and_then(|o| vm.t.instance.get(o))
                .is_some_and(|i| {
                    vm.class_lookup(&i.class, &vm.intern("__len__")).is_some()
                        && vm
                            .class_lookup(&i.class, &vm.intern("__getitem__"))
                            .is_some()
                });
            if !sequence {
                return Err(vm.type_error(format!(
                    "'{}' object is not reversible",
                    vm.type_name(&args[0])
                )));
            }
            "reversed"
        }
    };
    let mut items = vm.collect_iter(&seq)?;
    items.reverse();
    let it = lazy(vm, IterKind::Items(vm.hvec_of(items)?))?;
    if let Some(i) = it.obj().and_then(|o| vm.t.iter.get(o)) {
        i.label.set(Some(label));
    }
    Ok(it)
}

fn enumerate(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let start = match args.get(1).or_else(|| kwarg(vm, kwargs, "start")) {
        Some(v) => int_arg(vm, v)?,
        None => 0,
    };
    let it = ops::iter(vm, arg(vm, args, 0, "enumerate")?)?;
    let e = lazy(vm, IterKind::Enumerate(Cell::new(start), it))?;
    // CPython's enumerate keeps a result pair it reuses (`en_result`); heaplab's makes
    // each pair as it goes. The heap is told of the one CPython made here.
    vm.heap.temporary(crate::object::list::tuple_free_list(2));
    Ok(e)
}

fn zip(vm: &Vm, args: &[Value], _: Kw) -> R {
    let its = iterators(vm, args)?;
    lazy(vm, IterKind::Zip(its))
}

fn map(vm: &Vm, args: &[Value], _: Kw) -> R {
    let f = arg(vm, args, 0, "map")?.clone();
    if args.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    // CPython's map holds its iterators in a tuple, made first; heaplab's in a
    // vector of the heap. The heap is told of the tuple.
    vm.heap
        .temporary(crate::object::list::tuple_free_list(args.len() - 1));
    let its = iterators(vm, &args[1..])?;
    lazy(vm, IterKind::Map(f, its))
}

fn filter(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "filter")?;
    let it = ops::iter(vm, &args[1])?;
    lazy(vm, IterKind::Filter(args[0].clone(), it))
}

/// An iterator over each of `args`, in the heap.
fn iterators(vm: &Vm, args: &[Value]) -> Result<crate::object::HVec<Value>, Exc> {
    let mut its = Vec::with_capacity(args.len());
    for a in args {
        its.push(ops::iter(vm, a)?);
    }
    vm.hvec_of(its)
}

/// A lazy iterator object of `kind` (`enumerate`, `zip`, `map`, `filter`).
fn lazy(vm: &Vm, kind: IterKind) -> R {
    Ok(Value::Obj(vm.alloc(vm.t.iter, Iter::new(kind))?))
}

fn any(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "any")?;
    let it = ops::iter(vm, &args[0])?;
    while let Some(x) = ops::next(vm, &it)? {
        if ops::truthy(vm, &x)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn all(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "all")?;
    let it = ops::iter(vm, &args[0])?;
    while let Some(x) = ops::next(vm, &it)? {
        if !ops::truthy(vm, &x)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

fn iter(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "iter")?;
    ops::iter(vm, &args[0])
}

fn next(vm: &Vm, args: &[Value], _: Kw) -> R {
    let it = arg(vm, args, 0, "next")?;
    if let Some(g) = it.obj().and_then(|o| vm.t.generator.get(o)) {
        // A generator's return value travels in its StopIteration.
        return match vm.generator_resume(g, Value::NONE, None)? {
            crate::interp::GenStep::Yielded(v) => Ok(v),
            crate::interp::GenStep::Returned(_) if args.len() > 1 => Ok(args[1].clone()),
            step => gen_step(vm, step),
        };
    }
    match ops::next(vm, it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.exception(
                vm.classes.get("StopIteration").clone(),
                vm.new_tuple(hvec())?,
            )),
        },
    }
}

fn getattr(vm: &Vm, args: &[Value], _: Kw) -> R {
    let obj = arg(vm, args, 0, "getattr")?;
    let name = arg(vm, args, 1, "getattr")?;
    if vm.str_of(name).is_none() {
        return Err(vm.type_error("attribute name must be string"));
    }
    let name = vm.intern(vm.str_of(name).unwrap_or(""));
    if args.len() > 2 {
        return Ok(vm
            .lookup_attr(obj, &name)?
            .unwrap_or_else(|| args[2].clone()));
    }
    vm.get_attr(obj, &name)
}

fn setattr(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 3, "setattr")?;
    let name = vm
        .str_of(&args[1])
        .ok_or_else(|| vm.type_error("attribute name must be string"))?;
    vm.set_attr(&args[0], vm.intern(name), args[2].clone())?;
    Ok(Value::NONE)
}

fn hasattr(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "hasattr")?;
    let name = vm
        .str_of(&args[1])
        .ok_or_else(|| vm.type_error("attribute name must be string"))?;
    Ok(Value::bool(
        vm.lookup_attr(&args[0], &vm.intern(name))?.is_some(),
    ))
}

fn delattr(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "delattr")?;
    let name = vm
        .str_of(&args[1])
        .ok_or_else(|| vm.type_error("attribute name must be string"))?;
    vm.del_attr(&args[0], &vm.intern(name))?;
    Ok(Value::NONE)
}

/// `vars(obj)`: `obj.__dict__`. Without an argument (`vars()`), the loop answers
/// from the calling frame (`Vm::frame_builtin`).
fn vars(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    if args.is_empty() {
        return frame_namespace(vm, args, kwargs);
    }
    exactly(vm, args, 1, "vars")?;
    match vm.get_attr(&args[0], &vm.intern("__dict__")) {
        Err(e) if vm.type_name(&e.value) == "AttributeError" => {
            Err(vm.type_error("vars() argument must have __dict__ attribute"))
        }
        r => r,
    }
}

/// `globals()`, `locals()`, `vars()` and `dir()` read the calling frame, which the
/// loop passes them (`Vm::frame_builtin`); called from native code (`map(globals,
/// ...)`) there is no Python frame to read.
fn frame_namespace(vm: &Vm, _: &[Value], _: Kw) -> R {
    Err(vm.error("RuntimeError", "no Python frame to read a namespace from"))
}

/// What `dir()` lists for every object: `object`'s attributes.
const OBJECT_DIR: &[&str] = &[
    "__class__",
    "__delattr__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__le__",
    "__lt__",
    "__ne__",
    "__new__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__setattr__",
    "__sizeof__",
    "__str__",
    "__subclasshook__",
];

/// `dir(obj)`: the sorted attribute names of `obj` — a module's names; a class's
/// and its bases' namespaces; an instance's own attributes and its class's (as
/// `object.__dir__` and `type.__dir__` merge them), with `object`'s attributes.
/// Without an argument, the loop lists the calling frame's names.
fn dir(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    if args.is_empty() {
        return frame_namespace(vm, args, kwargs);
    }
    exactly(vm, args, 1, "dir")?;
    let obj = &args[0];
    let mut names: Vec<String> = Vec::new();
    fn add_keys(vm: &Vm, d: &ObjRef, names: &mut Vec<String>) {
        if let Some(dict) = vm.t.dict.get(d) {
            for (k, _) in dict.pairs() {
                if let Some(text) = vm.str_of(&k) {
                    names.push(text.to_string());
                }
            }
        }
    }
    let o = obj.obj();
    if let Some(m) = o.and_then(|o| vm.t.module.get(o)) {
        add_keys(vm, &m.dict, &mut names);
    } else {
        let class_dir = o.is_some_and(|o| vm.t.class.is(o));
        let class = if class_dir {
            o.expect("a class").clone()
        } else {
            vm.class_of(obj)
        };
        if let Some(inst) = o.and_then(|o| vm.t.instance.get(o)) {
            if let Some(d) = inst.dict() {
                add_keys(vm, &d, &mut names);
            } else {
                let attrs = vm.inline_attrs(inst, |_| true);
                names.extend(
                    attrs
                        .iter()
                        .filter_map(|(k, _)| Some(vm.str_of(k)?.to_string())),
                );
            }
        }
        let c = vm.t.class.get(&class).expect("a class");
        let along = std::iter::once(&class).chain(c.mro.iter());
        for k in along {
            let kc = vm.t.class.get(k).expect("a class");
            add_keys(vm, &kc.dict, &mut names);
            if kc.builtin != BuiltinType::Object || kc.bases_tuple.is_none() {
                names.extend(methods_of(kc.builtin).iter().map(|(n, _)| n.to_string()));
            }
        }
        names.extend(OBJECT_DIR.iter().map(|n| n.to_string()));
    }
    names.sort();
    names.dedup();
    let mut items = vm.hvec_of(std::iter::empty())?;
    for n in names {
        items.push(vm.new_str(&n)?);
    }
    vm.new_list(items)
}

fn callable(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "callable")?;
    Ok(Value::bool(vm.is_callable(&args[0])))
}

fn divmod(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "divmod")?;
    let q = ops::binary(vm, BinOp::FloorDiv, &args[0], &args[1], false)?;
    let r = ops::binary(vm, BinOp::Mod, &args[0], &args[1], false)?;
    vm.new_small_tuple([q, r])
}

fn round(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = arg(vm, args, 0, "round")?;
    let ndigits = args.get(1).filter(|v| !matches!(v, Value::None(_)));
    match (x, ndigits) {
        (Value::Int(_) | Value::Bool(_), None) => Ok(Value::Int(int_arg(vm, x)?)),
        (Value::Obj(o), None) if vm.t.bigint.is(o) => Ok(x.clone()),
        (Value::Int(_) | Value::Bool(_) | Value::Obj(_), Some(n))
            if crate::int::to_num(vm, x).is_some() =>
        {
            let n = int_arg(vm, n)?;
            let v = crate::int::to_num(vm, x).expect("an int");
            if n >= 0 {
                return crate::int::from_num(vm, v);
            }
            // Round half to even at 10**-n, as int.__round__ does.
            let unit = num_traits::pow(num_bigint::BigInt::from(10), (-n).min(4300) as usize);
            let (q, r) = num_integer::Integer::div_mod_floor(&v, &unit);
            let twice = &r * 2;
            let up = twice > unit || (twice == unit && num_integer::Integer::is_odd(&q));
            let q = if up { q + 1 } else { q };
            crate::int::from_num(vm, q * unit)
        }
        (Value::Float(f), None) => {
            let r = round_half_even(f.get());
            if r.is_nan() {
                return Err(vm.error("ValueError", "cannot convert float NaN to integer"));
            }
            if !r.is_finite() {
                return Err(vm.error("OverflowError", "cannot convert float infinity to integer"));
            }
            if r.abs() < 9.0e18 {
                return Ok(Value::Int(r as i64));
            }
            let n = <num_bigint::BigInt as num_traits::FromPrimitive>::from_f64(r)
                .expect("a finite float is an integer");
            crate::int::from_num(vm, n)
        }
        (Value::Float(f), Some(n)) => {
            let f = f.get();
            let n = int_arg(vm, n)?;
            // Through decimal text, as CPython's correctly rounded `round` does.
            let text = if n >= 0 {
                format!("{:.*}", n as usize, f)
            } else {
                let p = 10f64.powi((-n) as i32);
                format!("{}", round_half_even(f / p) * p)
            };
            Ok(Value::float(text.parse().unwrap_or(f)))
        }
        _ => Err(vm.type_error(format!(
            "type {} doesn't define __round__ method",
            vm.type_name(x)
        ))),
    }
}

fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 {
        2.0 * (f / 2.0).round()
    } else {
        r
    }
}

fn pow(vm: &Vm, args: &[Value], _: Kw) -> R {
    match args.len() {
        2 => ops::binary(vm, BinOp::Pow, &args[0], &args[1], false),
        3 => {
            // CPython's long_pow with a modulus: any size, a negative exponent
            // through the modular inverse, the result with the modulus's sign.
            use num_integer::Integer;
            use num_traits::{One, Signed, Zero};
            let num = |v: &Value| crate::int::to_num(vm, v);
            let (Some(b), Some(e), Some(m)) = (num(&args[0]), num(&args[1]), num(&args[2])) else {
                return Err(vm.type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            if m.is_zero() {
                return Err(vm.error("ValueError", "pow() 3rd argument cannot be 0"));
            }
            let modulus = m.abs();
            let mut base = b.mod_floor(&modulus);
            if e.is_negative() {
                let g = base.extended_gcd(&modulus);
                if !g.gcd.is_one() {
                    return Err(
                        vm.error("ValueError", "base is not invertible for the given modulus")
                    );
                }
                base = g.x.mod_floor(&modulus);
            }
            let mut r = base.modpow(&e.abs(), &modulus);
            if m.is_negative() && !r.is_zero() {
                r -= &modulus;
            }
            crate::int::from_num(vm, r)
        }
        _ => Err(vm.type_error("pow expected 2 or 3 arguments")),
    }
}

fn ord(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "ord")?;
    match vm.str_of(&args[0]) {
        Some(s) if s.chars().count() == 1 => {
            Ok(Value::Int(s.chars().next().map_or(0, u32::from).into()))
        }
        Some(s) => Err(vm.type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.chars().count()
        ))),
        None => Err(vm.type_error(format!(
            "ord() expected string of length 1, but {} found",
            vm.type_name(&args[0])
        ))),
    }
}

fn chr(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "chr")?;
    let i = int_arg(vm, &args[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => vm.new_char(c),
        None => Err(vm.error("ValueError", "chr() arg not in range(0x110000)")),
    }
}

fn hex(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "hex")?;
    if let Some(n) = crate::int::to_num(vm, &args[0]).filter(|_| crate::int::is_big(vm, &args[0])) {
        let digits = num_traits::Signed::abs(&n).to_str_radix(16);
        let sign = if num_traits::Signed::is_negative(&n) {
            "-"
        } else {
            ""
        };
        return vm.new_str(&format!("{sign}0x{digits}"));
    }
    let i = int_arg(vm, &args[0])?;
    vm.new_str(&if i < 0 {
        format!("-0x{:x}", i.unsigned_abs())
    } else {
        format!("0x{i:x}")
    })
}

fn bin(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "bin")?;
    radix(vm, &args[0], 2, "0b")
}

fn oct(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "oct")?;
    radix(vm, &args[0], 8, "0o")
}

/// `bin`/`oct`: an int in base `radix` with its prefix.
fn radix(vm: &Vm, v: &Value, radix: u32, prefix: &str) -> R {
    let n = match crate::int::to_num(vm, v) {
        Some(n) => n,
        None => num_bigint::BigInt::from(int_arg(vm, v)?),
    };
    let digits = num_traits::Signed::abs(&n).to_str_radix(radix);
    let sign = if num_traits::Signed::is_negative(&n) {
        "-"
    } else {
        ""
    };
    vm.new_str(&format!("{sign}{prefix}{digits}"))
}

fn format(vm: &Vm, args: &[Value], _: Kw) -> R {
    let v = arg(vm, args, 0, "format")?;
    let spec = args.get(1).and_then(|s| vm.str_of(s)).unwrap_or("");
    vm.new_str(&crate::format::format_value(vm, v, spec)?)
}

/// `super(class, obj).name`: `name` looked up along `obj`'s method resolution order,
/// starting after `class` (a class method's `obj` is a class: its own MRO).
fn super_lookup(vm: &Vm, s: &Super, name: &Value) -> Result<Option<Value>, Exc> {
    let start = match s.receiver.obj() {
        Some(o) if vm.t.class.is(o) => o.clone(),
        _ => vm.class_of(&s.receiver),
    };
    let sc = vm.t.class.get(&start).expect("a class");
    let order: Vec<ObjRef> = std::iter::once(start.clone())
        .chain(sc.mro.iter().cloned())
        .collect();
    let after = match order.iter().position(|k| k.is(&s.class)) {
        Some(i) => i + 1,
        None => return Ok(None),
    };
    for k in &order[after..] {
        let c = vm.t.class.get(k).expect("a class");
        if let Some(v) = vm.dict_get(&c.dict, name)? {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

fn super_(vm: &Vm, args: &[Value], _: Kw) -> R {
    if args.len() != 2 {
        return Err(vm.error("RuntimeError", "super(): no arguments"));
    }
    let Some(class) = args[0].obj().filter(|o| vm.t.class.is(o)) else {
        return Err(vm.type_error("super() argument 1 must be a type"));
    };
    Ok(Value::Obj(vm.alloc(
        vm.t.super_,
        Super {
            class: class.clone(),
            receiver: args[1].clone(),
        },
    )?))
}

/// What `__slots__` in the namespace `ns` of a class with method resolution order `mro`
/// (after the class) makes of its instances: the slot names if they have no
/// `__dict__`, whether they can be weakly referenced, and their `sys.getsizeof`.
fn slot_layout(
    vm: &Vm,
    ns: &ObjRef,
    mro: &[ObjRef],
) -> Result<(Option<HVec<Value>>, bool, u32), Exc> {
    let object = vm.classes.get("object");
    let bases: Vec<&Class> = mro
        .iter()
        .filter(|k| !k.is(object))
        .filter_map(|k| vm.t.class.get(k))
        .collect();
    let own = vm.dict_get(ns, &vm.intern("__slots__"))?;
    // Slots of the bases; `None` if one of them gives its instances a __dict__.
    let mut names: Option<Vec<Value>> = Some(Vec::new());
    let mut weakrefable = false;
    for b in &bases {
        weakrefable |= b.weakrefable;
        match (&mut names, &b.slots) {
            (Some(all), Some(theirs)) => all.extend(theirs.iter().cloned()),
            _ => names = None,
        }
    }
    let Some(own) = own else {
        // No __slots__ here: a __dict__ (and weak references), after the bases' slots.
        let inherited = bases
            .iter()
            .filter_map(|b| b.slots.as_ref())
            .map(|s| s.len())
            .sum::<usize>();
        let size = 56 + 8 * inherited;
        return Ok((None, true, size as u32));
    };
    let mut mine = Vec::new();
    let listed = match vm.str_of(&own) {
        Some(_) => vm.hvec_of([own.clone()])?,
        None => vm.collect_iter(&own)?,
    };
    let mut has_dict = false;
    for n in listed {
        let Some(text) = vm.str_of(&n) else {
            return Err(vm.type_error(format!(
                "__slots__ items must be strings, not '{}'",
                vm.type_name(&n)
            )));
        };
        match text {
            "__weakref__" => weakrefable = true,
            "__dict__" => has_dict = true,
            _ => {
                let name = vm.intern(text);
                if vm.dict_get(ns, &name)?.is_some() {
                    return Err(vm.error(
                        "ValueError",
                        format!("'{text}' in __slots__ conflicts with class variable"),
                    ));
                }
                mine.push(name);
            }
        }
    }
    let extra = usize::from(weakrefable && !bases.iter().any(|b| b.weakrefable));
    match names {
        Some(mut all) if !has_dict => {
            all.extend(mine);
            let size = 32 + 8 * (all.len() + extra);
            Ok((Some(vm.hvec_of(all)?), weakrefable, size as u32))
        }
        _ => Ok((None, weakrefable, 56 + 8 * mine.len() as u32)),
    }
}

/// The descriptors CPython's `type_new` adds to a new class's namespace, in its order:
/// a member descriptor per own `__slots__` name, then `__dict__` and `__weakref__`
/// getset descriptors if this class is the first along its bases to give its
/// instances a dict or weak references (`BaseException` gives a dict). Then
/// `__doc__` if the body did not set it; and `__qualname__` leaves the namespace.
fn add_type_entries(vm: &Vm, class: &ObjRef, mro: &[ObjRef]) -> Result<(), Exc> {
    let c = vm.t.class.get(class).expect("a class");
    let ns = &c.dict;
    // Classes made by a class statement (built-in ones have no bases tuple).
    let user_bases: Vec<&Class> = mro
        .iter()
        .filter_map(|k| vm.t.class.get(k))
        .filter(|k| k.bases_tuple.is_some())
        .collect();
    let inherited: Vec<Value> = user_bases
        .iter()
        .filter_map(|b| b.slots.as_ref())
        .flat_map(|s| s.iter().cloned())
        .collect();
    let mut entries = Vec::new();
    if let Some(all) = &c.slots {
        for name in all.iter().filter(|n| !inherited.iter().any(|i| i.is(n))) {
            entries.push((name.clone(), crate::object::class::SlotKind::Member));
        }
    } else if let Some(own) = vm.dict_get(ns, &vm.intern("__slots__"))? {
        // A `__dict__` in the slots: the other names are still members.
        let listed = match vm.str_of(&own) {
            Some(_) => vm.hvec_of([own])?,
            None => vm.collect_iter(&own)?,
        };
        for n in listed {
            if let Some(text) = vm
                .str_of(&n)
                .filter(|t| !matches!(*t, "__dict__" | "__weakref__"))
            {
                entries.push((vm.intern(text), crate::object::class::SlotKind::Member));
            }
        }
    }
    let base_dict =
        c.builtin == BuiltinType::BaseException || user_bases.iter().any(|b| b.slots.is_none());
    if c.slots.is_none() && !base_dict {
        entries.push((vm.intern("__dict__"), crate::object::class::SlotKind::Dict));
    }
    if c.weakrefable && !user_bases.iter().any(|b| b.weakrefable) {
        entries.push((
            vm.intern("__weakref__"),
            crate::object::class::SlotKind::Weakref,
        ));
    }
    for (name, kind) in entries {
        let d = crate::object::class::SlotDescriptor {
            kind,
            name: name.clone(),
            owner: class.clone(),
        };
        let d = vm.alloc(vm.t.slot_descriptor, d)?;
        vm.dict_set(ns, name, Value::Obj(d))?;
    }
    let doc = vm.intern("__doc__");
    if vm.dict_get(ns, &doc)?.is_none() {
        vm.dict_set(ns, doc, Value::NONE)?;
    }
    drop(vm.dict_del(ns, &vm.intern("__qualname__"))?);
    Ok(())
}

/// The method resolution order of a class with `bases`, after the class itself:
/// CPython's C3 linearization, the merge of the bases' MROs and the bases themselves.
fn c3_mro(vm: &Vm, bases: &[ObjRef]) -> Result<Vec<ObjRef>, Exc> {
    let full = |k: &ObjRef| -> Vec<ObjRef> {
        let c = vm.t.class.get(k).expect("a class");
        std::iter::once(k.clone())
            .chain(c.mro.iter().cloned())
            .collect()
    };
    let mut seqs: Vec<Vec<ObjRef>> = bases.iter().map(full).collect();
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        // The first head that is in no other sequence's tail.
        let head = seqs
            .iter()
            .map(|s| s[0].clone())
            .find(|h| !seqs.iter().any(|s| s[1..].iter().any(|k| k.is(h))));
        let Some(head) = head else {
            let names: Vec<String> = bases
                .iter()
                .map(|b| {
                    let c = vm.t.class.get(b).expect("a class");
                    vm.str_of(&c.name).unwrap_or("?").to_string()
                })
                .collect();
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in &mut seqs {
            if s[0].is(&head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

/// `__build_class__(body, name, *bases)`: run the body, make the class.
fn build_class(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    if !kwargs.is_empty() {
        return Err(vm.error(
            "NotImplementedError",
            "class keywords (metaclass=...) are not supported yet",
        ));
    }
    let body = arg(vm, args, 0, "__build_class__")?;
    let name = arg(vm, args, 1, "__build_class__")?.clone();
    let mut bases = Vec::new();
    for b in &args[2..] {
        let class = b
            .obj()
            .filter(|o| vm.t.class.is(o))
            .cloned()
            .ok_or_else(|| vm.type_error("bases must be types"))?;
        if bases.iter().any(|k: &ObjRef| k.is(&class)) {
            return Err(vm.type_error(format!(
                "duplicate base class {}",
                vm.str_of(&vm.t.class.get(&class).expect("a class").name)
                    .unwrap_or("?")
            )));
        }
        bases.push(class);
    }
    if bases.is_empty() {
        bases.push(vm.classes.get("object").clone());
    }
    let base = bases[0].clone();
    let mut builtin = BuiltinType::Object;
    for b in &bases {
        let bc = vm.t.class.get(b).expect("a class");
        match bc.builtin {
            BuiltinType::Object => {}
            // One built-in layout at most (CPython's "multiple bases have instance
            // lay-out conflict").
            kind @ (BuiltinType::BaseException
            | BuiltinType::List
            | BuiltinType::Dict
            | BuiltinType::Set) => {
                if builtin != BuiltinType::Object && builtin != kind {
                    return Err(vm.type_error("multiple bases have instance lay-out conflict"));
                }
                builtin = kind;
            }
            _ => {
                return Err(vm.error(
                    "NotImplementedError",
                    format!(
                        "subclassing the built-in type '{}' is not supported yet",
                        vm.str_of(&bc.name).unwrap_or("?")
                    ),
                ))
            }
        }
    }
    let mro = c3_mro(vm, &bases)?;
    let base_has_del = mro
        .iter()
        .any(|k| vm.t.class.get(k).is_some_and(|c| c.has_del.get()));
    let (ns, cell) = vm.run_class_body(body)?;
    // A class that defines __eq__ but not __hash__ gets __hash__ = None: its instances
    // are unhashable (CPython's type_new).
    if vm.dict_get(&ns, &vm.intern("__eq__"))?.is_some()
        && vm.dict_get(&ns, &vm.intern("__hash__"))?.is_none()
    {
        vm.dict_set(&ns, vm.intern("__hash__"), Value::NONE)?;
    }
    let qualname = vm
        .dict_get(&ns, &vm.intern("__qualname__"))?
        .unwrap_or_else(|| name.clone());
    let (slots, weakrefable, instance_size) = slot_layout(vm, &ns, &mro)?;
    let has_del = vm.dict_get(&ns, &vm.intern("__del__"))?.is_some() || base_has_del;
    let mut hooks = mro
        .iter()
        .filter_map(|k| vm.t.class.get(k))
        .fold(0, |h, c| h | c.hooks.get());
    for name in ["__getattribute__", "__setattr__", "__delattr__"] {
        if vm.dict_get(&ns, &vm.intern(name))?.is_some() {
            hooks |= crate::object::class::hook::of(name);
        }
    }
    let bases_tuple = vm.new_tuple(vm.hvec_of(bases.iter().cloned().map(Value::Obj))?)?;
    // As CPython's type_new: the class's namespace is a copy of the body's, made
    // after the bases tuple (the order the collector and `gc.garbage` show).
    let dict = vm.new_dict()?;
    let entries = vm
        .get(vm.t.dict, &Value::Obj(ns.clone()))
        .expect("a dict")
        .pairs();
    for (k, v) in entries {
        vm.dict_set(&dict, k, v)?;
    }
    drop(ns);
    let class = vm.alloc(
        vm.t.class,
        Class {
            name,
            qualname,
            base: Some(base),
            bases: vm.hvec_objs(bases)?,
            mro: vm.hvec_objs(mro.clone())?,
            dict,
            bases_tuple: bases_tuple.obj().cloned(),
            mro_tuple: std::cell::RefCell::new(None),
            layout: std::cell::RefCell::new({
                // A container subclass's instances hold their base in slot 0, under
                // a key no name matches (see `subclass`).
                let base = matches!(
                    builtin,
                    BuiltinType::List | BuiltinType::Dict | BuiltinType::Set
                )
                .then_some(Value::NONE);
                // Slotted instances hold exactly their slots, in order.
                let names = slots.iter().flat_map(|names| names.iter().cloned());
                vm.hvec_of(base.into_iter().chain(names))?
            }),
            slots,
            weakrefable,
            instance_size,
            builtin,
            has_del: Cell::new(has_del),
            hooks: Cell::new(hooks),
            serial: crate::object::dict::next_version(),
        },
    )?;
    let full_mro = std::iter::once(class.clone()).chain(mro.iter().cloned());
    let mro_tuple = vm.new_tuple(vm.hvec_of(full_mro.map(Value::Obj))?)?;
    let c = vm.t.class.get(&class).expect("a class");
    *c.mro_tuple.borrow_mut() = mro_tuple.obj().cloned();
    add_type_entries(vm, &class, &mro)?;
    if let Some(c) = cell.obj().and_then(|c| vm.t.cell.get(c)) {
        let old = c.value.replace(Some(Value::Obj(class.clone())));
        drop(old);
    }
    Ok(Value::Obj(class))
}

/// Calling a built-in type: `int(x)`, `list(it)`, `type(x)`, ...
pub fn construct(vm: &Vm, class: &ObjRef, builtin: BuiltinType, args: &[Value], kwargs: Kw) -> R {
    let _ = class;
    // CPython 3.11 calls these types through `tp_call` (they have no vectorcall):
    // an argument tuple and a kwargs dict come and go, and `gc.get_count()` sees them.
    if matches!(
        builtin,
        BuiltinType::Int | BuiltinType::Str | BuiltinType::Bytes | BuiltinType::Slice
    ) {
        tp_call_temporaries(vm, args.len(), kwargs.len());
    }
    match builtin {
        BuiltinType::Type => {
            exactly(vm, args, 1, "type")?;
            Ok(Value::Obj(vm.class_of(&args[0])))
        }
        BuiltinType::Int => match args.first() {
            None => Ok(Value::Int(0)),
            Some(Value::Int(i)) => Ok(Value::Int(*i)),
            Some(Value::Bool(b)) => Ok(Value::Int(i64::from(*b))),
            Some(v) if crate::int::is_big(vm, v) => Ok(v.clone()),
            Some(Value::Float(f)) => {
                let f = f.get();
                if f.abs() >= 9.2e18 && f.is_finite() {
                    let n = <num_bigint::BigInt as num_traits::FromPrimitive>::from_f64(f.trunc())
                        .expect("a finite float");
                    return crate::int::from_num(vm, n);
                }
                if !f.is_finite() {
                    return Err(vm.error(
                        if f.is_nan() {
                            "ValueError"
                        } else {
                            "OverflowError"
                        },
                        if f.is_nan() {
                            "cannot convert float NaN to integer"
                        } else {
                            "cannot convert float infinity to integer"
                        },
                    ));
                }
                Ok(Value::Int(f.trunc() as i64))
            }
            Some(v) => {
                let Some(s) = vm.str_of(v) else {
                    return Err(vm.type_error(format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        vm.type_name(v)
                    )));
                };
                let base = match args.get(1).or_else(|| kwarg(vm, kwargs, "base")) {
                    Some(b) => int_arg(vm, b)?,
                    None => 10,
                };
                if base != 0 && !(2..=36).contains(&base) {
                    return Err(vm.error("ValueError", "int() base must be >= 2 and <= 36, or 0"));
                }
                // CPython's limit on decimal (and other non-power-of-two) conversions.
                let t = s.trim().trim_start_matches(['+', '-']).to_ascii_lowercase();
                let prefixed = ["0x", "0o", "0b"].iter().any(|p| t.starts_with(p));
                let power_of_two = matches!(base, 2 | 4 | 8 | 16 | 32) || (base == 0 && prefixed);
                let digits = t.bytes().filter(u8::is_ascii_alphanumeric).count();
                let limit = vm.int_max_str_digits.get();
                if !power_of_two && limit > 0 && digits > limit {
                    return Err(vm.error(
                        "ValueError",
                        format!(
                            "Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
                        ),
                    ));
                }
                parse_int_literal(s, base as u32)
                    .ok_or(())
                    .and_then(|n| crate::int::from_num(vm, n).map_err(|_| ()))
                    .map_err(|_| {
                        vm.error(
                            "ValueError",
                            format!(
                                "invalid literal for int() with base {base}: {}",
                                crate::format::str_repr(s)
                            ),
                        )
                    })
            }
        },
        BuiltinType::Float => match args.first() {
            None => Ok(Value::float(0.0)),
            Some(Value::Int(i)) => Ok(Value::float(*i as f64)),
            Some(Value::Bool(b)) => Ok(Value::float(f64::from(u8::from(*b)))),
            Some(Value::Float(f)) => Ok(Value::Float(*f)),
            Some(v) if crate::int::is_big(vm, v) => Ok(Value::float(crate::int::to_f64(
                vm,
                &crate::int::to_num(vm, v).expect("a big int"),
            )?)),
            Some(v) => {
                let Some(s) = vm.str_of(v) else {
                    return Err(vm.type_error(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        vm.type_name(v)
                    )));
                };
                let t = s.trim().to_ascii_lowercase();
                let parsed = match t.as_str() {
                    "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                    "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                    "nan" | "+nan" | "-nan" => Some(f64::NAN),
                    _ => t.parse().ok(),
                };
                parsed.map(Value::float).ok_or_else(|| {
                    vm.error(
                        "ValueError",
                        format!(
                            "could not convert string to float: {}",
                            crate::format::str_repr(s)
                        ),
                    )
                })
            }
        },
        BuiltinType::Bool => Ok(Value::bool(match args.first() {
            Some(v) => ops::truthy(vm, v)?,
            None => false,
        })),
        BuiltinType::Bytes => bytes_new(vm, args),
        BuiltinType::Str => match args.first() {
            None => vm.new_str(""),
            Some(v) => vm.str_value(v),
        },
        BuiltinType::List => {
            let items = match args.first() {
                Some(v) => vm.collect_iter(v)?,
                None => hvec(),
            };
            vm.new_list(items)
        }
        BuiltinType::Tuple => {
            if let Some(v) = args.first().filter(|v| vm.get(vm.t.tuple, v).is_some()) {
                return Ok(v.clone());
            }
            let items = match args.first() {
                Some(v) => vm.collect_iter(v)?,
                None => hvec(),
            };
            vm.new_tuple(items)
        }
        BuiltinType::Set => {
            let s = vm.new_set()?;
            if let Some(v) = args.first() {
                add_all(vm, &s, v)?;
            }
            Ok(Value::Obj(s))
        }
        BuiltinType::FrozenSet => {
            // A frozenset of a frozenset is the same object, as in CPython.
            if let Some(v) = args.first().filter(|v| is_frozenset(vm, v)) {
                return Ok(v.clone());
            }
            let s = vm.new_set()?;
            if let Some(v) = args.first() {
                add_all(vm, &s, v)?;
            }
            vm.t.dict.get(&s).expect("a set").frozen.set(true);
            Ok(Value::Obj(s))
        }
        BuiltinType::Dict => {
            let d = vm.new_dict()?;
            if let Some(v) = args.first() {
                dict_update(vm, &[Value::Obj(d.clone()), v.clone()], &[])?;
            }
            for (k, v) in kwargs {
                vm.dict_set(&d, k.clone(), v.clone())?;
            }
            Ok(Value::Obj(d))
        }
        BuiltinType::Range => {
            let (start, stop, step) = match args {
                [stop] => (0, int_arg(vm, stop)?, 1),
                [start, stop] => (int_arg(vm, start)?, int_arg(vm, stop)?, 1),
                [start, stop, step] => {
                    (int_arg(vm, start)?, int_arg(vm, stop)?, int_arg(vm, step)?)
                }
                [] => return Err(vm.type_error("range expected at least 1 argument, got 0")),
                _ => {
                    return Err(vm.type_error(format!(
                        "range expected at most 3 arguments, got {}",
                        args.len()
                    )))
                }
            };
            if step == 0 {
                return Err(vm.error("ValueError", "range() arg 3 must not be zero"));
            }
            Ok(Value::Obj(
                vm.alloc(vm.t.range, Range { start, stop, step })?,
            ))
        }
        BuiltinType::Slice => {
            let parts = match args {
                [stop] => [Value::NONE, stop.clone(), Value::NONE],
                [start, stop] => [start.clone(), stop.clone(), Value::NONE],
                [start, stop, step] => [start.clone(), stop.clone(), step.clone()],
                [] => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
                _ => {
                    return Err(vm.type_error(format!(
                        "slice expected at most 3 arguments, got {}",
                        args.len()
                    )))
                }
            };
            Ok(Value::Obj(
                vm.alloc(vm.t.slice, crate::object::Slice { parts })?,
            ))
        }
        BuiltinType::NoneType => Ok(Value::NONE),
        _ => Err(vm.type_error(format!(
            "cannot create '{}' instances",
            vm.type_name(&Value::Obj(class.clone()))
        ))),
    }
}

/// Append to a list (tracking nothing: lists are tracked from birth).
pub fn list_append(vm: &Vm, list: &Value, v: Value) -> Result<(), Exc> {
    let l = vm.get(vm.t.list, list).expect("a list");
    let mut items = l.items.borrow_mut();
    if items.len() == items.capacity() {
        // CPython's list_resize: new_allocated = n + n/8 + 6, rounded down to 4.
        let n = items.len() + 1;
        let target = (n + (n >> 3) + 6) & !3;
        let extra = target - items.len();
        items
            .try_reserve_exact(extra)
            .map_err(|_| vm.memory_error())?;
    }
    items.push(v);
    Ok(())
}

/// `frozenset.copy()`: the frozenset itself.
fn frozenset_copy(vm: &Vm, args: &[Value], _: Kw) -> R {
    Ok(arg(vm, args, 0, "copy")?.clone())
}

/// Whether `v` is a `frozenset`.
pub fn is_frozenset(vm: &Vm, v: &Value) -> bool {
    v.obj()
        .and_then(|o| vm.t.dict.get(o))
        .is_some_and(|d| d.frozen.get())
}

/// A new set with `src`'s keys laid out as CPython's `set_copy` lays them out.
pub fn set_copy_of(vm: &Vm, src: &ObjRef) -> Result<ObjRef, Exc> {
    let out = vm.new_set()?;
    set_merge(vm, &out, src)?;
    Ok(out)
}

/// Add every key of the set `src` to the set `dst` (CPython's `set_merge`).
fn set_merge(vm: &Vm, dst: &ObjRef, src: &ObjRef) -> Result<(), Exc> {
    let s = vm.t.dict.get(src).expect("a set");
    let d = vm.t.dict.get(dst).expect("a set");
    if !dst.is_tracked()
        && !d.base.get()
        && s.map
            .borrow()
            .iter()
            .any(|e| Dict::needs_tracking(&e.key, &Value::NONE))
    {
        vm.heap.track(dst);
    }
    if src.is(dst) {
        return Ok(());
    }
    let theirs = s.map.borrow();
    let mut mine = d.map.borrow_mut();
    match (mine.as_set_mut(), theirs.as_set()) {
        (Some(m), Some(t)) => m.merge(t).map_err(|_| vm.memory_error())?,
        _ => return Err(vm.type_error("expected sets")),
    }
    Ok(())
}

fn set_keys(vm: &Vm, s: &ObjRef) -> Vec<(Value, i64)> {
    vm.t.dict
        .get(s)
        .map(|d| {
            d.map
                .borrow()
                .iter()
                .map(|e| (e.key.clone(), e.hash))
                .collect()
        })
        .unwrap_or_default()
}

fn set_len(vm: &Vm, s: &ObjRef) -> usize {
    vm.t.dict.get(s).map_or(0, |d| d.map.borrow().len())
}

fn set_has(vm: &Vm, s: &ObjRef, k: &Value) -> Result<bool, Exc> {
    let d = vm.t.dict.get(s).expect("a set");
    let (k, h) = vm.dict_key(d, k)?;
    let found = d.map.borrow().get(&k, h).is_some();
    Ok(found)
}

/// `a op b` for sets, by CPython's algorithms (which decide the result's order). The
/// result is a frozenset when `a` is one.
pub fn set_op(vm: &Vm, op: BinOp, a: &ObjRef, b: &ObjRef) -> R {
    let out = set_op_into(vm, op, a, b)?;
    if let (Some(out), Some(d)) = (out.obj(), vm.t.dict.get(a)) {
        if d.frozen.get() {
            vm.t.dict.get(out).expect("a set").frozen.set(true);
        }
    }
    Ok(out)
}

fn set_op_into(vm: &Vm, op: BinOp, a: &ObjRef, b: &ObjRef) -> R {
    let out = match op {
        BinOp::BitOr => {
            let out = set_copy_of(vm, a)?;
            set_merge(vm, &out, b)?;
            out
        }
        BinOp::BitAnd => {
            let out = vm.new_set()?;
            let (big, small) = if set_len(vm, b) > set_len(vm, a) {
                (b, a)
            } else {
                (a, b)
            };
            for (k, _) in set_keys(vm, small) {
                if set_has(vm, big, &k)? {
                    vm.set_add(&out, k)?;
                }
            }
            out
        }
        BinOp::Sub => {
            if set_len(vm, a) >> 2 > set_len(vm, b) {
                let out = set_copy_of(vm, a)?;
                for (k, _) in set_keys(vm, b) {
                    let old = vm.dict_del(&out, &k)?;
                    drop(old);
                }
                out
            } else {
                let out = vm.new_set()?;
                for (k, _) in set_keys(vm, a) {
                    if !set_has(vm, b, &k)? {
                        vm.set_add(&out, k)?;
                    }
                }
                out
            }
        }
        BinOp::BitXor => {
            let out = set_copy_of(vm, b)?;
            for (k, _) in set_keys(vm, a) {
                if vm.dict_del(&out, &k)?.is_none() {
                    vm.set_add(&out, k)?;
                }
            }
            out
        }
        _ => {
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for {}: 'set' and 'set'",
                op.symbol()
            )))
        }
    };
    Ok(Value::Obj(out))
}

/// Attributes of built-in values that are not methods (`args` of exceptions is on the
/// instance): `None` if there is no such attribute.
pub fn special_attr(vm: &Vm, obj: &Value, name: &str) -> Result<Option<Value>, Exc> {
    // Numbers: the methods and attributes of `int` and `float` programs use.
    if let Some(n) = crate::int::to_num(vm, obj) {
        let method: Option<(&'static str, BuiltinFn)> = match name {
            "bit_length" => Some(("bit_length", |vm, a, _| {
                let n = crate::int::to_num(vm, &a[0]).expect("an int");
                Ok(Value::Int(n.bits() as i64))
            })),
            "bit_count" => Some(("bit_count", |vm, a, _| {
                let n = crate::int::to_num(vm, &a[0]).expect("an int");
                let ones: u64 = n
                    .magnitude()
                    .iter_u64_digits()
                    .map(|d| u64::from(d.count_ones()))
                    .sum();
                Ok(Value::Int(ones as i64))
            })),
            "real" | "numerator" => return crate::int::from_num(vm, n).map(Some),
            "imag" => return Ok(Some(Value::Int(0))),
            "denominator" => return Ok(Some(Value::Int(1))),
            _ => None,
        };
        if let Some((mname, f)) = method {
            let b = Builtin {
                name: mname,
                f,
                receiver: obj.clone(),
                owner: None,
            };
            return Ok(Some(Value::Obj(vm.alloc(vm.t.builtin, b)?)));
        }
    }
    if let Value::Float(x) = obj {
        match name {
            "is_integer" => {
                let b = Builtin {
                    name: "is_integer",
                    f: |_, a, _| {
                        let Value::Float(x) = &a[0] else {
                            unreachable!("a float receiver")
                        };
                        let x = x.get();
                        Ok(Value::bool(x.is_finite() && x.fract() == 0.0))
                    },
                    receiver: obj.clone(),
                    owner: None,
                };
                return Ok(Some(Value::Obj(vm.alloc(vm.t.builtin, b)?)));
            }
            "real" => return Ok(Some(Value::float(x.get()))),
            "imag" => return Ok(Some(Value::float(0.0))),
            _ => {}
        }
    }
    // The data model's methods of the built-in containers and strings
    // (`xs.__len__()`, `d.__setitem__(k, v)`), bound.
    if builtin_kind(vm, obj).is_some() {
        if let Some(&(mname, f)) = DUNDERS.iter().find(|(n, _)| *n == name) {
            let b = Builtin {
                name: mname,
                f,
                receiver: obj.clone(),
                owner: None,
            };
            return Ok(Some(Value::Obj(vm.alloc(vm.t.builtin, b)?)));
        }
    }
    // `sys.stdout` and `sys.stderr` are their `write`: `.write` is itself, `.flush()`
    // does nothing (output is written as it comes).
    if let Some(fd) = crate::modules::stream_fd(vm, obj) {
        match name {
            "write" => return Ok(Some(obj.clone())),
            "flush" => {
                let b = Builtin {
                    name: "flush",
                    f: |_, _, _| Ok(Value::NONE),
                    receiver: Value::Int(fd),
                    owner: None,
                };
                return Ok(Some(Value::Obj(vm.alloc(vm.t.builtin, b)?)));
            }
            "fileno" => {
                let b = Builtin {
                    name: "fileno",
                    f: |_, args, _| Ok(args.first().cloned().unwrap_or(Value::NONE)),
                    receiver: Value::Int(fd),
                    owner: None,
                };
                return Ok(Some(Value::Obj(vm.alloc(vm.t.builtin, b)?)));
            }
            _ => {}
        }
    }
    if let Some(m) = vm.get(vm.t.method, obj) {
        match name {
            "__self__" => return Ok(Some(m.receiver.clone())),
            "__func__" => return Ok(Some(m.func.clone())),
            _ => {}
        }
    }
    if name == "__get__" && obj.obj().is_some_and(|o| vm.t.function.is(o)) {
        let b = Builtin {
            name: "__get__",
            f: function_get,
            receiver: obj.clone(),
            owner: None,
        };
        return Ok(Some(Value::Obj(vm.alloc(vm.t.builtin, b)?)));
    }
    if obj.obj().is_some_and(|o| vm.t.generator.is(o)) {
        let f: Option<(&'static str, BuiltinFn)> = match name {
            "send" => Some(("send", gen_send)),
            "throw" => Some(("throw", gen_throw)),
            "close" => Some(("close", gen_close)),
            _ => None,
        };
        if let Some((name, f)) = f {
            let b = Builtin {
                name,
                f,
                receiver: obj.clone(),
                owner: None,
            };
            return Ok(Some(Value::Obj(vm.alloc(vm.t.builtin, b)?)));
        }
    }
    if let Some(d) = vm.get(vm.t.descriptor, obj) {
        let f: Option<(&'static str, BuiltinFn)> = match (d.kind, name) {
            (DescriptorKind::Property, "setter") => Some(("setter", property_setter)),
            (DescriptorKind::Property, "getter") => Some(("getter", property_getter)),
            (DescriptorKind::Property, "deleter") => Some(("deleter", property_deleter)),
            (DescriptorKind::Property, "fget") => return Ok(Some(d.func.clone())),
            (DescriptorKind::Property, "fset") => return Ok(Some(d.fset.clone())),
            (DescriptorKind::Property, "fdel") => return Ok(Some(d.fdel.clone())),
            (_, "__func__") => return Ok(Some(d.func.clone())),
            _ => None,
        };
        if let Some((name, f)) = f {
            let b = Builtin {
                name,
                f,
                receiver: obj.clone(),
                owner: None,
            };
            return Ok(Some(Value::Obj(vm.alloc(vm.t.builtin, b)?)));
        }
    }
    if let Some(s) = obj.obj().and_then(|o| vm.t.super_.get(o)) {
        if let Some(v) = super_lookup(vm, s, &vm.intern(name))? {
            {
                return Ok(Some(match v.obj() {
                    Some(f) if vm.t.function.is(f) || vm.t.descriptor.is(f) => {
                        vm.bind(v.clone(), &s.receiver)?
                    }
                    Some(b) => match vm.t.builtin.get(b) {
                        Some(b) if matches!(b.receiver, Value::Null(_)) => Value::Obj(vm.alloc(
                            vm.t.builtin,
                            Builtin {
                                name: b.name,
                                f: b.f,
                                receiver: s.receiver.clone(),
                                owner: None,
                            },
                        )?),
                        _ => v,
                    },
                    _ => v,
                }));
            }
        }
        // A container subclass: the built-in type's methods, on the base.
        if let Some(base) = vm.base_of(&s.receiver) {
            if let Some((mname, f)) = method(vm, &base, name) {
                let b = Builtin {
                    name: mname,
                    f,
                    receiver: base,
                    owner: None,
                };
                return Ok(Some(Value::Obj(vm.alloc(vm.t.builtin, b)?)));
            }
            if let Some(v) = special_attr(vm, &base, name)? {
                return Ok(Some(v));
            }
        }
        if name == "__init__" {
            // object.__init__ does nothing.
            return Ok(Some(Value::Obj(vm.alloc(
                vm.t.builtin,
                Builtin {
                    name: "__init__",
                    f: |_, _, _| Ok(Value::NONE),
                    receiver: Value::NULL,
                    owner: None,
                },
            )?)));
        }
        // What the built-in bases give: BaseException's __str__ and __repr__ for an
        // exception, object's methods for anything.
        let exception = s
            .receiver
            .obj()
            .and_then(|o| vm.t.instance.get(o))
            .is_some_and(|i| vm.is_subclass(&i.class, vm.classes.get("BaseException")));
        let found: Option<(&'static str, BuiltinFn)> = match name {
            "__str__" if exception => Some(("__str__", |vm, a, _| {
                vm.new_str(&ops::exception_str(vm, &a[0])?)
            })),
            "__repr__" if exception => Some(("__repr__", |vm, a, _| {
                vm.new_str(&ops::exception_repr(vm, &a[0])?)
            })),
            _ => method_of_type(BuiltinType::Object, name),
        };
        if let Some((mname, f)) = found {
            let b = Builtin {
                name: mname,
                f,
                receiver: s.receiver.clone(),
                owner: None,
            };
            return Ok(Some(Value::Obj(vm.alloc(vm.t.builtin, b)?)));
        }
    }
    if let Some(sl) = obj.obj().and_then(|o| vm.t.slice.get(o)) {
        return Ok(match name {
            "start" => Some(sl.parts[0].clone()),
            "stop" => Some(sl.parts[1].clone()),
            "step" => Some(sl.parts[2].clone()),
            "indices" => {
                let b = Builtin {
                    name: "indices",
                    f: slice_indices_m,
                    receiver: obj.clone(),
                    owner: None,
                };
                Some(Value::Obj(vm.alloc(vm.t.builtin, b)?))
            }
            _ => None,
        });
    }
    if let Some(r) = obj.obj().and_then(|o| vm.t.range.get(o)) {
        return Ok(match name {
            "start" => Some(Value::Int(r.start)),
            "stop" => Some(Value::Int(r.stop)),
            "step" => Some(Value::Int(r.step)),
            _ => None,
        });
    }
    if let Some(w) = obj.obj().and_then(|o| vm.t.weakref.get(o)) {
        if name == "__callback__" {
            return Ok(Some(w.callback().map_or(Value::NONE, Value::Obj)));
        }
    }
    Ok(None)
}

/// The built-in method `name` of `obj`'s type, if it has one.
pub fn method(vm: &Vm, obj: &Value, name: &str) -> Option<(&'static str, BuiltinFn)> {
    method_of_type(builtin_kind(vm, obj)?, name)
}

/// The built-in container or string type `obj` is, if it is one that has methods.
pub fn builtin_kind(vm: &Vm, obj: &Value) -> Option<BuiltinType> {
    let o = obj.obj()?;
    let t = &vm.t;
    Some(if t.list.is(o) {
        BuiltinType::List
    } else if t.dict.get(o).is_some_and(|d| !d.is_set) {
        BuiltinType::Dict
    } else if t.dict.get(o).is_some_and(|d| d.frozen.get()) {
        BuiltinType::FrozenSet
    } else if t.dict.is(o) {
        BuiltinType::Set
    } else if t.str.is(o) {
        BuiltinType::Str
    } else if t.bytes.is(o) {
        BuiltinType::Bytes
    } else if t.tuple.is(o) {
        BuiltinType::Tuple
    } else {
        return None;
    })
}

/// The method `name` of the built-in type `kind` (`str.lower`, unbound: the receiver
/// is the first argument).
pub fn method_of_type(kind: BuiltinType, name: &str) -> Option<(&'static str, BuiltinFn)> {
    methods_of(kind).iter().find(|(n, _)| *n == name).copied()
}

/// The types whose methods [`methods_of`] lists.
pub const TYPES_WITH_METHODS: [BuiltinType; 7] = [
    BuiltinType::Bytes,
    BuiltinType::List,
    BuiltinType::Dict,
    BuiltinType::Set,
    BuiltinType::FrozenSet,
    BuiltinType::Str,
    BuiltinType::Tuple,
];

/// Every method of the built-in type `kind`.
pub fn methods_of(kind: BuiltinType) -> &'static [(&'static str, BuiltinFn)] {
    if kind == BuiltinType::Object {
        return &[
            ("__init__", object_init),
            ("__new__", object_new),
            ("__repr__", object_repr),
            ("__str__", object_str),
            ("__hash__", object_hash),
            ("__eq__", object_eq),
            ("__ne__", object_ne),
            ("__lt__", object_unordered),
            ("__le__", object_unordered),
            ("__gt__", object_unordered),
            ("__ge__", object_unordered),
            ("__getattribute__", object_getattribute),
            ("__setattr__", object_setattr),
            ("__delattr__", object_delattr),
        ];
    }
    if kind == BuiltinType::List {
        &[
            ("append", list_append_m),
            ("__init__", crate::subclass::container_init),
            ("pop", list_pop),
            ("insert", list_insert),
            ("extend", list_extend),
            ("clear", list_clear),
            ("index", list_index),
            ("count", list_count),
            ("remove", list_remove),
            ("copy", list_copy),
            ("sort", list_sort),
            ("reverse", list_reverse),
        ]
    } else if kind == BuiltinType::Dict {
        &[
            ("get", dict_get),
            ("__init__", crate::subclass::container_init),
            ("keys", dict_keys),
            ("values", dict_values),
            ("items", dict_items),
            ("pop", dict_pop),
            ("popitem", dict_popitem),
            ("clear", dict_clear),
            ("setdefault", dict_setdefault),
            ("update", dict_update),
            ("copy", dict_copy),
            ("fromkeys", dict_fromkeys),
        ]
    } else if kind == BuiltinType::Set {
        &[
            ("add", set_add_m),
            ("__init__", crate::subclass::container_init),
            ("discard", set_discard),
            ("remove", set_remove),
            ("pop", set_pop),
            ("union", set_union),
            ("intersection", set_intersection),
            ("difference", set_difference),
            ("update", set_update),
            ("clear", dict_clear),
            ("copy", set_copy),
            ("symmetric_difference", set_symmetric_difference),
            ("isdisjoint", set_isdisjoint),
            ("issubset", set_issubset),
            ("issuperset", set_issuperset),
            ("intersection_update", set_intersection_update),
            ("difference_update", set_difference_update),
            (
                "symmetric_difference_update",
                set_symmetric_difference_update,
            ),
        ]
    } else if kind == BuiltinType::FrozenSet {
        &[
            ("union", set_union),
            ("intersection", set_intersection),
            ("difference", set_difference),
            ("copy", frozenset_copy),
            ("symmetric_difference", set_symmetric_difference),
            ("isdisjoint", set_isdisjoint),
            ("issubset", set_issubset),
            ("issuperset", set_issuperset),
        ]
    } else if kind == BuiltinType::Bytes {
        &[
            ("decode", bytes_decode),
            ("startswith", bytes_startswith),
            ("endswith", bytes_endswith),
            ("find", bytes_find),
            ("count", bytes_count),
            ("hex", bytes_hex),
        ]
    } else if kind == BuiltinType::Str {
        &[
            ("join", str_join),
            ("split", str_split),
            ("upper", str_upper),
            ("lower", str_lower),
            ("strip", str_strip),
            ("lstrip", str_lstrip),
            ("rstrip", str_rstrip),
            ("replace", str_replace),
            ("startswith", str_startswith),
            ("endswith", str_endswith),
            ("find", str_find),
            ("count", str_count),
            ("format", str_format),
            ("isdigit", str_isdigit),
            ("ljust", str_ljust),
            ("rjust", str_rjust),
            ("zfill", str_zfill),
            ("center", str_center),
            ("rsplit", str_rsplit),
            ("title", str_title),
            ("capitalize", str_capitalize),
            ("isalpha", str_isalpha),
            ("isalnum", str_isalnum),
            ("isspace", str_isspace),
            ("isupper", str_isupper),
            ("islower", str_islower),
            ("partition", str_partition),
            ("rpartition", str_rpartition),
            ("splitlines", str_splitlines),
            ("index", str_index),
            ("rfind", str_rfind),
            ("swapcase", str_swapcase),
            ("encode", str_encode),
            ("rindex", str_rindex),
            ("expandtabs", str_expandtabs),
            ("casefold", str_casefold),
            ("removeprefix", str_removeprefix),
            ("removesuffix", str_removesuffix),
            ("isnumeric", str_isnumeric),
            ("isdecimal", str_isdecimal),
            ("isascii", str_isascii),
            ("isidentifier", str_isidentifier),
            ("istitle", str_istitle),
            ("isprintable", str_isprintable),
            ("format_map", str_format_map),
            ("maketrans", str_maketrans),
            ("translate", str_translate),
        ]
    } else if kind == BuiltinType::Tuple {
        &[("index", list_index), ("count", list_count)]
    } else {
        &[]
    }
}

fn items_of(vm: &Vm, v: &Value) -> Vec<Value> {
    if let Some(l) = vm.get(vm.t.list, v) {
        l.items.borrow().to_vec()
    } else if let Some(t) = vm.get(vm.t.tuple, v) {
        t.items.to_vec()
    } else {
        Vec::new()
    }
}

fn list_append_m(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "append")?;
    list_append(vm, &args[0], args[1].clone())?;
    Ok(Value::NONE)
}

fn list_pop(vm: &Vm, args: &[Value], _: Kw) -> R {
    let l = vm.get(vm.t.list, &args[0]).expect("a list");
    let mut items = l.items.borrow_mut();
    if items.is_empty() {
        return Err(vm.error("IndexError", "pop from empty list"));
    }
    let i = match args.get(1) {
        Some(v) => ops::index_of(int_arg(vm, v)?, items.len())
            .ok_or_else(|| vm.error("IndexError", "pop index out of range"))?,
        None => items.len() - 1,
    };
    Ok(items.remove(i))
}

fn list_insert(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 3, "insert")?;
    let l = vm.get(vm.t.list, &args[0]).expect("a list");
    let i = int_arg(vm, &args[1])?;
    let mut items = l.items.borrow_mut();
    let len = items.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    items.insert(at, args[2].clone());
    Ok(Value::NONE)
}

fn list_extend(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "extend")?;
    for item in vm.collect_iter(&args[1])? {
        list_append(vm, &args[0], item)?;
    }
    Ok(Value::NONE)
}

fn list_clear(vm: &Vm, args: &[Value], _: Kw) -> R {
    if let Some(l) = vm.get(vm.t.list, &args[0]) {
        let old = std::mem::replace(&mut *l.items.borrow_mut(), hvec());
        crate::object::list::drop_last_first(old);
    } else if let Some(d) = vm.get(vm.t.dict, &args[0]) {
        let old = d.map.borrow_mut().take_all();
        drop(old);
    }
    Ok(Value::NONE)
}

fn list_index(vm: &Vm, args: &[Value], _: Kw) -> R {
    let items = items_of(vm, &args[0]);
    let x = arg(vm, args, 1, "index")?;
    // `start` and `stop` as slice bounds: negative from the end, clamped.
    let n = items.len() as i64;
    let bound = |v: Option<&Value>, default: i64| -> Result<usize, Exc> {
        let i = match v {
            None => default,
            Some(v) => int_arg(vm, v)?,
        };
        Ok(if i < 0 { (i + n).max(0) } else { i.min(n) } as usize)
    };
    let (start, stop) = (bound(args.get(2), 0)?, bound(args.get(3), n)?);
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if ops::equal(vm, item, x)? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(vm.error(
        "ValueError",
        if vm.get(vm.t.tuple, &args[0]).is_some() {
            "tuple.index(x): x not in tuple".to_string()
        } else {
            format!("{} is not in list", ops::repr(vm, x)?)
        },
    ))
}

fn list_count(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = arg(vm, args, 1, "count")?;
    let mut n = 0;
    for item in items_of(vm, &args[0]) {
        if ops::equal(vm, &item, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn list_remove(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = arg(vm, args, 1, "remove")?;
    let items = items_of(vm, &args[0]);
    for (i, item) in items.iter().enumerate() {
        if ops::equal(vm, item, x)? {
            let l = vm.get(vm.t.list, &args[0]).expect("a list");
            let old = l.items.borrow_mut().remove(i);
            drop(old);
            return Ok(Value::NONE);
        }
    }
    Err(vm.error("ValueError", "list.remove(x): x not in list"))
}

fn list_copy(vm: &Vm, args: &[Value], _: Kw) -> R {
    vm.new_list(vm.hvec_of(items_of(vm, &args[0]))?)
}

fn list_sort(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let key = kwarg(vm, kwargs, "key").filter(|k| !matches!(k, Value::None(_)));
    let reverse = match kwarg(vm, kwargs, "reverse") {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    // As CPython's list.sort: the list is empty while it sorts (a key function sees
    // it so), keeps its items if sorting fails, and what was added to it meanwhile is
    // dropped with a ValueError.
    let l = vm.get(vm.t.list, &args[0]).expect("a list");
    let taken = std::mem::replace(&mut *l.items.borrow_mut(), hvec());
    let result = sort_values(vm, taken.iter().cloned().collect(), key, reverse)
        .and_then(|sorted| vm.hvec_of(sorted));
    let (keep, outcome) = match result {
        Ok(sorted) => (sorted, Ok(Value::NONE)),
        Err(e) => (taken, Err(e)),
    };
    let added = std::mem::replace(&mut *l.items.borrow_mut(), keep);
    let modified = !added.is_empty();
    drop(added);
    if modified && outcome.is_ok() {
        return Err(vm.error("ValueError", "list modified during sort"));
    }
    outcome
}

fn list_reverse(vm: &Vm, args: &[Value], _: Kw) -> R {
    let l = vm.get(vm.t.list, &args[0]).expect("a list");
    l.items.borrow_mut().reverse();
    Ok(Value::NONE)
}

fn dict_of<'a>(vm: &Vm, v: &'a Value) -> &'a ObjRef {
    let o = v.obj().expect("a dict");
    debug_assert!(vm.t.dict.is(o));
    o
}

fn dict_get(vm: &Vm, args: &[Value], _: Kw) -> R {
    let d = dict_of(vm, &args[0]);
    let k = arg(vm, args, 1, "get")?;
    Ok(vm
        .dict_get(d, k)?
        .unwrap_or_else(|| args.get(2).cloned().unwrap_or(Value::NONE)))
}

fn dict_view(vm: &Vm, d: &Value, kind: u8) -> R {
    let dict = d.obj().expect("a dict").clone();
    Ok(Value::Obj(vm.alloc(
        vm.t.view,
        crate::object::DictView { dict, kind },
    )?))
}

fn dict_keys(vm: &Vm, args: &[Value], _: Kw) -> R {
    dict_view(vm, &args[0], 0)
}

fn dict_values(vm: &Vm, args: &[Value], _: Kw) -> R {
    dict_view(vm, &args[0], 1)
}

fn dict_items(vm: &Vm, args: &[Value], _: Kw) -> R {
    dict_view(vm, &args[0], 2)
}

fn dict_pop(vm: &Vm, args: &[Value], _: Kw) -> R {
    let d = dict_of(vm, &args[0]);
    let k = arg(vm, args, 1, "pop")?;
    match vm.dict_del(d, k)? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(vm.exception(
                vm.classes.get("KeyError").clone(),
                vm.new_small_tuple([k.clone()])?,
            )),
        },
    }
}

fn dict_popitem(vm: &Vm, args: &[Value], _: Kw) -> R {
    let d = vm.get(vm.t.dict, &args[0]).expect("a dict");
    let e = d.map.borrow_mut().pop_last();
    match e {
        Some(e) => vm.new_small_tuple([e.key, e.value]),
        None => Err(vm.error("KeyError", "popitem(): dictionary is empty")),
    }
}

fn dict_clear(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    list_clear(vm, args, kwargs)
}

fn dict_setdefault(vm: &Vm, args: &[Value], _: Kw) -> R {
    let d = dict_of(vm, &args[0]);
    let k = arg(vm, args, 1, "setdefault")?;
    if let Some(v) = vm.dict_get(d, k)? {
        return Ok(v);
    }
    let v = args.get(2).cloned().unwrap_or(Value::NONE);
    vm.dict_set(d, k.clone(), v.clone())?;
    Ok(v)
}

fn dict_update(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let d = dict_of(vm, &args[0]).clone();
    if let Some(src) = args.get(1) {
        // A dict subclass gives its base's items.
        let base = vm.base_of(src);
        let src = base.as_ref().unwrap_or(src);
        let is_instance = src.obj().is_some_and(|o| vm.t.instance.is(o));
        if let Some(sd) = vm.get(vm.t.dict, src).filter(|s| !s.is_set) {
            let entries: Vec<(Value, Value)> = sd.pairs();
            for (k, v) in entries {
                vm.dict_set(&d, k, v)?;
            }
        } else if is_instance && vm.get_attr(src, &vm.intern("keys")).is_ok() {
            // The mapping protocol: `keys()`, then each key's item.
            let keys = vm.call_method(src, "keys", &[])?;
            for k in vm.collect_iter(&keys)? {
                let v = ops::getitem(vm, src, &k)?;
                vm.dict_set(&d, k, v)?;
            }
        } else {
            for (i, pair) in vm.collect_iter(src)?.into_iter().enumerate() {
                let kv = vm.collect_iter(&pair).map_err(|_| {
                    vm.type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    ))
                })?;
                if kv.len() != 2 {
                    return Err(vm.error(
                        "ValueError",
                        format!(
                            "dictionary update sequence element #{i} has length {}; 2 is required",
                            kv.len()
                        ),
                    ));
                }
                let mut kv = kv.into_iter();
                let (k, v) = (kv.next().expect("a key"), kv.next().expect("a value"));
                vm.dict_set(&d, k, v)?;
            }
        }
    }
    for (k, v) in kwargs {
        vm.dict_set(&d, k.clone(), v.clone())?;
    }
    Ok(Value::NONE)
}

fn dict_copy(vm: &Vm, args: &[Value], _: Kw) -> R {
    let d = vm.new_dict()?;
    dict_update(vm, &[Value::Obj(d.clone()), args[0].clone()], &[])?;
    Ok(Value::Obj(d))
}

fn set_add_m(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "add")?;
    vm.set_add(dict_of(vm, &args[0]), args[1].clone())?;
    Ok(Value::NONE)
}

fn set_discard(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "discard")?;
    let old = vm.dict_del(dict_of(vm, &args[0]), &args[1])?;
    drop(old);
    Ok(Value::NONE)
}

fn set_remove(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "remove")?;
    match vm.dict_del(dict_of(vm, &args[0]), &args[1])? {
        Some(_) => Ok(Value::NONE),
        None => Err(vm.exception(
            vm.classes.get("KeyError").clone(),
            vm.new_tuple(vm.hvec_of([args[1].clone()])?)?,
        )),
    }
}

fn set_pop(vm: &Vm, args: &[Value], _: Kw) -> R {
    let d = vm.get(vm.t.dict, &args[0]).expect("a set");
    let e = d.map.borrow_mut().pop_last();
    match e {
        Some(e) => Ok(e.key),
        None => Err(vm.error("KeyError", "pop from an empty set")),
    }
}

/// Add what `v` yields to the set `s` (a set's keys merged, CPython's
/// `set_update_internal`).
pub fn add_all(vm: &Vm, s: &ObjRef, v: &Value) -> Result<(), Exc> {
    if let Some(o) = v
        .obj()
        .filter(|o| vm.t.dict.get(o).is_some_and(|d| d.is_set))
    {
        return set_merge(vm, s, o);
    }
    for item in vm.collect_iter(v)? {
        vm.set_add(s, item)?;
    }
    Ok(())
}

fn set_with(vm: &Vm, args: &[Value], op: BinOp) -> R {
    let mut acc = set_copy(vm, &args[..1], &[])?;
    for other in &args[1..] {
        let s = vm.new_set()?;
        add_all(vm, &s, other)?;
        acc = set_op(vm, op, acc.obj().expect("a set"), &s)?;
    }
    Ok(acc)
}

fn set_union(vm: &Vm, args: &[Value], _: Kw) -> R {
    set_with(vm, args, BinOp::BitOr)
}

fn set_intersection(vm: &Vm, args: &[Value], _: Kw) -> R {
    set_with(vm, args, BinOp::BitAnd)
}

fn set_difference(vm: &Vm, args: &[Value], _: Kw) -> R {
    set_with(vm, args, BinOp::Sub)
}

fn set_symmetric_difference(vm: &Vm, args: &[Value], _: Kw) -> R {
    arg(vm, args, 1, "symmetric_difference")?;
    set_with(vm, &args[..2], BinOp::BitXor)
}

/// A set of the items of `args[1]` (any iterable).
fn other_set(vm: &Vm, args: &[Value], fname: &str) -> R {
    let other = arg(vm, args, 1, fname)?;
    let s = vm.new_set()?;
    add_all(vm, &s, other)?;
    Ok(Value::Obj(s))
}

fn set_isdisjoint(vm: &Vm, args: &[Value], _: Kw) -> R {
    arg(vm, args, 1, "isdisjoint")?;
    let common = set_with(vm, &args[..2], BinOp::BitAnd)?;
    Ok(Value::bool(!ops::truthy(vm, &common)?))
}

fn set_issubset(vm: &Vm, args: &[Value], _: Kw) -> R {
    let other = other_set(vm, args, "issubset")?;
    ops::compare(vm, CmpOp::LtE, &args[0], &other)
}

fn set_issuperset(vm: &Vm, args: &[Value], _: Kw) -> R {
    let other = other_set(vm, args, "issuperset")?;
    ops::compare(vm, CmpOp::GtE, &args[0], &other)
}

/// Replace the set `args[0]`'s items with those of `op` applied to it and the rest.
fn set_update_with(vm: &Vm, args: &[Value], op: BinOp) -> R {
    let result = set_with(vm, args, op)?;
    dict_clear(vm, &args[..1], &[])?;
    add_all(vm, dict_of(vm, &args[0]), &result)?;
    Ok(Value::NONE)
}

fn set_intersection_update(vm: &Vm, args: &[Value], _: Kw) -> R {
    set_update_with(vm, args, BinOp::BitAnd)
}

fn set_difference_update(vm: &Vm, args: &[Value], _: Kw) -> R {
    set_update_with(vm, args, BinOp::Sub)
}

fn set_symmetric_difference_update(vm: &Vm, args: &[Value], _: Kw) -> R {
    arg(vm, args, 1, "symmetric_difference_update")?;
    set_update_with(vm, &args[..2], BinOp::BitXor)
}

fn set_update(vm: &Vm, args: &[Value], _: Kw) -> R {
    for other in &args[1..] {
        add_all(vm, dict_of(vm, &args[0]), other)?;
    }
    Ok(Value::NONE)
}

fn set_copy(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = vm.new_set()?;
    add_all(vm, &s, &args[0])?;
    Ok(Value::Obj(s))
}

fn text<'a>(vm: &Vm, v: &'a Value) -> &'a str {
    vm.str_of(v).unwrap_or("")
}

fn str_arg<'a>(vm: &Vm, args: &'a [Value], i: usize, fname: &str) -> Result<&'a str, Exc> {
    let v = arg(vm, args, i, fname)?;
    vm.str_of(v).ok_or_else(|| {
        vm.type_error(format!(
            "{fname}() argument must be str, not {}",
            vm.type_name(v)
        ))
    })
}

fn str_join(vm: &Vm, args: &[Value], _: Kw) -> R {
    let sep = text(vm, &args[0]);
    let items = vm.collect_iter(arg(vm, args, 1, "join")?)?;
    let mut parts: Vec<&str> = Vec::with_capacity(2 * items.len());
    for (k, item) in items.iter().enumerate() {
        let Some(s) = vm.str_of(item) else {
            return Err(vm.type_error(format!(
                "sequence item {k}: expected str instance, {} found",
                vm.type_name(item)
            )));
        };
        if k > 0 {
            parts.push(sep);
        }
        parts.push(s);
    }
    vm.new_str_concat(&parts)
}

fn str_split(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let s = text(vm, &args[0]);
    let sep = args
        .get(1)
        .or_else(|| kwarg(vm, kwargs, "sep"))
        .filter(|v| !matches!(v, Value::None(_)));
    let maxsplit = match args.get(2).or_else(|| kwarg(vm, kwargs, "maxsplit")) {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    // The parts are slices of the text, made into strs straight into the list.
    let parts: Vec<&str> = match sep {
        None => {
            if maxsplit < 0 {
                s.split_whitespace().collect()
            } else {
                let mut out = Vec::new();
                let mut rest = s.trim_start();
                while !rest.is_empty() {
                    if out.len() as i64 == maxsplit {
                        out.push(rest);
                        break;
                    }
                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    out.push(&rest[..end]);
                    rest = rest[end..].trim_start();
                }
                out
            }
        }
        Some(sep) => {
            let sep = vm
                .str_of(sep)
                .ok_or_else(|| vm.type_error("must be str or None"))?;
            if sep.is_empty() {
                return Err(vm.error("ValueError", "empty separator"));
            }
            if maxsplit < 0 {
                s.split(sep).collect()
            } else {
                s.splitn(maxsplit as usize + 1, sep).collect()
            }
        }
    };
    let mut items = hvec();
    items
        .try_reserve_exact(parts.len())
        .map_err(|_| vm.memory_error())?;
    for p in parts {
        items.push(vm.new_str(p)?);
    }
    vm.new_list(items)
}

fn str_upper(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    if s.is_ascii() {
        return vm.new_str(&s.to_ascii_uppercase());
    }
    vm.new_str(&s.to_uppercase())
}

fn str_lower(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    if s.is_ascii() {
        return vm.new_str(&s.to_ascii_lowercase());
    }
    vm.new_str(&s.to_lowercase())
}

fn strip_with(vm: &Vm, args: &[Value], left: bool, right: bool) -> R {
    let s = text(vm, &args[0]);
    let chars: Option<Vec<char>> = args
        .get(1)
        .filter(|v| !matches!(v, Value::None(_)))
        .map(|v| text(vm, v).chars().collect());
    let pred = |c: char| match &chars {
        Some(set) => set.contains(&c),
        None => c.is_whitespace(),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    vm.new_str(r)
}

fn str_strip(vm: &Vm, args: &[Value], _: Kw) -> R {
    strip_with(vm, args, true, true)
}

fn str_lstrip(vm: &Vm, args: &[Value], _: Kw) -> R {
    strip_with(vm, args, true, false)
}

fn str_rstrip(vm: &Vm, args: &[Value], _: Kw) -> R {
    strip_with(vm, args, false, true)
}

fn str_replace(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    let old = str_arg(vm, args, 1, "replace")?;
    let new = str_arg(vm, args, 2, "replace")?;
    let count = match args.get(3) {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    vm.new_str(&if count < 0 {
        s.replace(old, new)
    } else {
        s.replacen(old, new, count as usize)
    })
}

fn affix(vm: &Vm, args: &[Value], start: bool) -> R {
    let fname = if start { "startswith" } else { "endswith" };
    let (s, from) = search_range(vm, args, fname)?;
    if from < 0 {
        return Ok(Value::bool(false));
    }
    let candidates = match vm.get(vm.t.tuple, arg(vm, args, 1, "startswith")?) {
        Some(t) => t.items.to_vec(),
        None => vec![args[1].clone()],
    };
    for c in candidates {
        let p = vm.str_of(&c).ok_or_else(|| vm.type_error("expected str"))?;
        if (start && s.starts_with(p)) || (!start && s.ends_with(p)) {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

/// `f.__get__(obj)`: `f` bound to `obj` (a bound method).
fn function_get(vm: &Vm, args: &[Value], _: Kw) -> R {
    let f = arg(vm, args, 0, "__get__")?.clone();
    let obj = arg(vm, args, 1, "__get__")?.clone();
    if matches!(obj, Value::None(_)) {
        return Ok(f);
    }
    let m = Method {
        func: f,
        receiver: obj,
    };
    Ok(Value::Obj(vm.alloc(vm.t.method, m)?))
}

fn generator_arg<'a>(vm: &Vm, args: &'a [Value]) -> Result<&'a crate::interp::Generator, Exc> {
    args.first()
        .and_then(|g| g.obj())
        .and_then(|o| vm.t.generator.get(o))
        .ok_or_else(|| vm.type_error("descriptor requires a 'generator' object"))
}

/// What `send` and `throw` return: the value yielded, or StopIteration(value).
fn gen_step(vm: &Vm, step: crate::interp::GenStep) -> R {
    match step {
        crate::interp::GenStep::Yielded(v) => Ok(v),
        crate::interp::GenStep::Returned(v) => {
            let args = if matches!(v, Value::None(_)) {
                vm.new_tuple(vm.hvec_of([])?)?
            } else {
                vm.new_small_tuple([v.clone()])?
            };
            let e = vm.exception(vm.classes.get("StopIteration").clone(), args);
            vm.set_attr(&e.value, vm.intern("value"), v)?;
            Err(e)
        }
    }
}

fn gen_send(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "send")?;
    let g = generator_arg(vm, args)?;
    gen_step(vm, vm.generator_resume(g, args[1].clone(), None)?)
}

fn gen_throw(vm: &Vm, args: &[Value], _: Kw) -> R {
    let g = generator_arg(vm, args)?;
    let exc = arg(vm, args, 1, "throw")?.clone();
    let exc = vm.make_exception(exc)?;
    gen_step(vm, vm.generator_resume(g, Value::NONE, Some(exc))?)
}

fn gen_close(vm: &Vm, args: &[Value], _: Kw) -> R {
    vm.generator_close(generator_arg(vm, args)?)?;
    Ok(Value::NONE)
}

fn descriptor(vm: &Vm, kind: DescriptorKind, func: Value, fset: Value, fdel: Value) -> R {
    let d = Descriptor {
        kind,
        func,
        fset,
        fdel,
    };
    Ok(Value::Obj(vm.alloc(vm.t.descriptor, d)?))
}

fn staticmethod(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "staticmethod")?;
    descriptor(
        vm,
        DescriptorKind::Static,
        args[0].clone(),
        Value::NONE,
        Value::NONE,
    )
}

fn classmethod(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "classmethod")?;
    descriptor(
        vm,
        DescriptorKind::Class,
        args[0].clone(),
        Value::NONE,
        Value::NONE,
    )
}

fn property(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    tp_call_temporaries(vm, args.len(), kwargs.len());
    let get = |i: usize, name: &str| {
        args.get(i)
            .or_else(|| kwarg(vm, kwargs, name))
            .cloned()
            .unwrap_or(Value::NONE)
    };
    descriptor(
        vm,
        DescriptorKind::Property,
        get(0, "fget"),
        get(1, "fset"),
        get(2, "fdel"),
    )
}

/// `prop.setter(f)`, `prop.getter(f)`, `prop.deleter(f)`: a copy of the property with
/// that function replaced.
fn property_with(vm: &Vm, args: &[Value], which: u8) -> R {
    exactly(vm, args, 2, "setter")?;
    let d = vm
        .get(vm.t.descriptor, &args[0])
        .ok_or_else(|| vm.type_error("descriptor needs a property"))?;
    let (mut get, mut set, mut del) = (d.func.clone(), d.fset.clone(), d.fdel.clone());
    match which {
        0 => get = args[1].clone(),
        1 => set = args[1].clone(),
        _ => del = args[1].clone(),
    }
    descriptor(vm, DescriptorKind::Property, get, set, del)
}

fn property_getter(vm: &Vm, args: &[Value], _: Kw) -> R {
    property_with(vm, args, 0)
}

fn property_setter(vm: &Vm, args: &[Value], _: Kw) -> R {
    property_with(vm, args, 1)
}

fn property_deleter(vm: &Vm, args: &[Value], _: Kw) -> R {
    property_with(vm, args, 2)
}

/// `bytes(x)`: empty, `n` zero bytes, the bytes of an iterable of ints, or a string
/// encoded.
fn bytes_new(vm: &Vm, args: &[Value]) -> R {
    let Some(src) = args.first() else {
        return vm.new_bytes(&[]);
    };
    if let Some(s) = vm.str_of(src) {
        if args.len() < 2 {
            return Err(vm.type_error("string argument without an encoding"));
        }
        return vm.new_bytes(s.as_bytes());
    }
    if vm.get(vm.t.bytes, src).is_some() {
        return Ok(src.clone());
    }
    if let Value::Int(n) = src {
        if *n < 0 {
            return Err(vm.error("ValueError", "negative count"));
        }
        if *n > 1 << 32 {
            return Err(vm.memory_error());
        }
        return vm.new_bytes(&vec![0; *n as usize]);
    }
    let mut out = Vec::new();
    for v in vm.collect_iter(src)? {
        match v {
            Value::Int(i) if (0..256).contains(&i) => out.push(i as u8),
            Value::Int(_) => return Err(vm.error("ValueError", "bytes must be in range(0, 256)")),
            other => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(&other)
                )))
            }
        }
    }
    vm.new_bytes(&out)
}

/// The data of a `bytes` argument.
fn bytes_arg<'a>(vm: &Vm, args: &'a [Value], i: usize, what: &str) -> Result<&'a [u8], Exc> {
    let v = arg(vm, args, i, what)?;
    vm.get(vm.t.bytes, v).map(|b| b.as_slice()).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn bytes_decode(vm: &Vm, args: &[Value], _: Kw) -> R {
    let data = bytes_arg(vm, args, 0, "decode")?;
    match std::str::from_utf8(data) {
        Ok(s) => vm.new_str(s),
        Err(e) => {
            let at = e.valid_up_to();
            Err(vm.error(
                "UnicodeDecodeError",
                format!(
                    "'utf-8' codec can't decode byte 0x{:02x} in position {at}: invalid start byte",
                    data[at]
                ),
            ))
        }
    }
}

fn bytes_startswith(vm: &Vm, args: &[Value], _: Kw) -> R {
    let data = bytes_arg(vm, args, 0, "startswith")?;
    Ok(Value::bool(data.starts_with(bytes_arg(
        vm,
        args,
        1,
        "startswith",
    )?)))
}

fn bytes_endswith(vm: &Vm, args: &[Value], _: Kw) -> R {
    let data = bytes_arg(vm, args, 0, "endswith")?;
    Ok(Value::bool(
        data.ends_with(bytes_arg(vm, args, 1, "endswith")?),
    ))
}

fn bytes_find(vm: &Vm, args: &[Value], _: Kw) -> R {
    let data = bytes_arg(vm, args, 0, "find")?;
    let sub = bytes_arg(vm, args, 1, "find")?;
    let at = if sub.is_empty() {
        Some(0)
    } else {
        data.windows(sub.len()).position(|w| w == sub)
    };
    Ok(Value::Int(at.map_or(-1, |i| i as i64)))
}

fn bytes_count(vm: &Vm, args: &[Value], _: Kw) -> R {
    let data = bytes_arg(vm, args, 0, "count")?;
    let sub = bytes_arg(vm, args, 1, "count")?;
    if sub.is_empty() {
        return Ok(Value::Int(data.len() as i64 + 1));
    }
    let (mut n, mut i) = (0, 0);
    while i + sub.len() <= data.len() {
        if &data[i..i + sub.len()] == sub {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    Ok(Value::Int(n))
}

fn bytes_hex(vm: &Vm, args: &[Value], _: Kw) -> R {
    let data = bytes_arg(vm, args, 0, "hex")?;
    let text: String = data.iter().map(|b| format!("{b:02x}")).collect();
    vm.new_str(&text)
}

fn str_encode(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    vm.new_bytes(s.as_bytes())
}

fn str_startswith(vm: &Vm, args: &[Value], _: Kw) -> R {
    affix(vm, args, true)
}

fn str_endswith(vm: &Vm, args: &[Value], _: Kw) -> R {
    affix(vm, args, false)
}

/// The part of `args[0]` that `find`, `count` and friends search: `[start:end]` of
/// their optional arguments 2 and 3 (slice semantics, in characters), and the
/// character index it starts at.
fn search_range<'a>(vm: &Vm, args: &'a [Value], fname: &str) -> Result<(&'a str, i64), Exc> {
    let s = text(vm, &args[0]);
    let n = s.chars().count() as i64;
    let bound = |i: usize, default: i64| -> Result<i64, Exc> {
        match args.get(i) {
            None | Some(Value::None(_)) => Ok(default),
            Some(v) => {
                let k = int_arg(vm, v).map_err(|_| {
                    vm.type_error(format!(
                        "slice indices must be integers or None or have an __index__ method ({fname})"
                    ))
                })?;
                Ok(if k < 0 { (k + n).max(0) } else { k })
            }
        }
    };
    let (start, end) = (bound(2, 0)?, bound(3, n)?.min(n));
    if start > end {
        return Ok(("", -1));
    }
    let byte = |c: i64| s.char_indices().nth(c as usize).map_or(s.len(), |(b, _)| b);
    Ok((&s[byte(start)..byte(end)], start))
}

fn str_find(vm: &Vm, args: &[Value], _: Kw) -> R {
    let sub = str_arg(vm, args, 1, "find")?;
    let (s, start) = search_range(vm, args, "find")?;
    Ok(Value::Int(match s.find(sub) {
        Some(b) if start >= 0 => start + s[..b].chars().count() as i64,
        _ => -1,
    }))
}

fn str_count(vm: &Vm, args: &[Value], _: Kw) -> R {
    let sub = str_arg(vm, args, 1, "count")?;
    let (s, start) = search_range(vm, args, "count")?;
    Ok(Value::Int(if start < 0 {
        0
    } else if sub.is_empty() {
        s.chars().count() as i64 + 1
    } else {
        s.matches(sub).count() as i64
    }))
}

fn str_format(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    // METH_VARARGS in CPython 3.11: the arguments (after the string) come as a tuple.
    tp_call_temporaries(vm, args.len().saturating_sub(1), kwargs.len());
    let fmt = text(vm, &args[0]);
    let mut numbering = Numbering::Unset;
    let out = format_markup(vm, fmt, &args[1..], kwargs, &mut numbering, 2)?;
    vm.new_str(&out)
}

/// How a format string numbers its fields: CPython refuses to mix `{}` and `{0}`.
enum Numbering {
    Unset,
    Auto(usize),
    Manual,
}

/// `str.format`'s markup (CPython's MarkupIterator): literal text, `{{`/`}}`, and
/// replacement fields `{name.attr[key]!conv:spec}` whose spec may hold fields of its
/// own (`{:>{width}}`), expanded `depth` levels deep at most.
fn format_markup(
    vm: &Vm,
    fmt: &str,
    args: &[Value],
    kwargs: Kw,
    numbering: &mut Numbering,
    depth: u32,
) -> Result<String, Exc> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' if chars.get(i + 1) == Some(&'{') => {
                out.push('{');
                i += 2;
            }
            '}' if chars.get(i + 1) == Some(&'}') => {
                out.push('}');
                i += 2;
            }
            '{' => {
                if i + 1 == chars.len() {
                    return Err(vm.error("ValueError", "Single '{' encountered in format string"));
                }
                // The field runs to the brace that closes this one (braces inside
                // `[...]` of the field name do not count).
                let mut nest = 0;
                let mut bracket = false;
                let mut end = None;
                for (k, &c) in chars.iter().enumerate().skip(i) {
                    match c {
                        '[' if nest == 1 => bracket = true,
                        ']' if nest == 1 => bracket = false,
                        '{' if !bracket => nest += 1,
                        '}' if !bracket => {
                            nest -= 1;
                            if nest == 0 {
                                end = Some(k);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let end =
                    end.ok_or_else(|| vm.error("ValueError", "expected '}' before end of string"))?;
                if depth == 0 {
                    return Err(vm.error("ValueError", "Max string recursion exceeded"));
                }
                let field: String = chars[i + 1..end].iter().collect();
                out.push_str(&format_field(vm, &field, args, kwargs, numbering, depth)?);
                i = end + 1;
            }
            '}' => return Err(vm.error("ValueError", "Single '}' encountered in format string")),
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// One replacement field's text (between its braces), formatted.
fn format_field(
    vm: &Vm,
    field: &str,
    args: &[Value],
    kwargs: Kw,
    numbering: &mut Numbering,
    depth: u32,
) -> Result<String, Exc> {
    // The name ends at the first `!` or `:` outside brackets.
    let mut bracket = false;
    let split = field.char_indices().find(|&(_, c)| {
        match c {
            '[' => bracket = true,
            ']' => bracket = false,
            _ => {}
        }
        !bracket && (c == '!' || c == ':')
    });
    let (name, rest) = match split {
        Some((k, _)) => (&field[..k], &field[k..]),
        None => (field, ""),
    };
    let (conv, spec) = if let Some(r) = rest.strip_prefix('!') {
        let mut cs = r.chars();
        let conv = cs.next();
        let after = cs.as_str();
        let spec = match after.strip_prefix(':') {
            Some(spec) => spec,
            None if after.is_empty() => "",
            None => return Err(vm.error("ValueError", "expected ':' after conversion specifier")),
        };
        (conv, spec)
    } else {
        (None, rest.strip_prefix(':').unwrap_or(""))
    };
    // The first part: an argument's number or a keyword, then `.attr` and `[key]`.
    let first_len = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut tail) = name.split_at(first_len);
    let mut value = if first.is_empty() {
        let k =
            match numbering {
                Numbering::Manual => return Err(vm.error(
                    "ValueError",
                    "cannot switch from manual field specification to automatic field numbering",
                )),
                Numbering::Unset => 0,
                Numbering::Auto(k) => *k,
            };
        *numbering = Numbering::Auto(k + 1);
        args.get(k).cloned().ok_or_else(|| {
            vm.error(
                "IndexError",
                format!("Replacement index {k} out of range for positional args tuple"),
            )
        })?
    } else if let Ok(k) = first.parse::<usize>() {
        if matches!(numbering, Numbering::Auto(_)) {
            return Err(vm.error(
                "ValueError",
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        *numbering = Numbering::Manual;
        args.get(k).cloned().ok_or_else(|| {
            vm.error(
                "IndexError",
                format!("Replacement index {k} out of range for positional args tuple"),
            )
        })?
    } else {
        kwarg(vm, kwargs, first)
            .cloned()
            .ok_or_else(|| ops::key_error(vm, &vm.intern(first)))?
    };
    while !tail.is_empty() {
        if let Some(r) = tail.strip_prefix('.') {
            let n = r.find(['.', '[']).unwrap_or(r.len());
            if n == 0 {
                return Err(vm.error("ValueError", "Empty attribute in format string"));
            }
            value = vm.get_attr(&value, &vm.intern(&r[..n]))?;
            tail = &r[n..];
        } else if let Some(r) = tail.strip_prefix('[') {
            let close = r
                .find(']')
                .ok_or_else(|| vm.error("ValueError", "Missing ']' in format string"))?;
            let key = &r[..close];
            let key = match key.parse::<i64>() {
                Ok(n) if !key.starts_with(['-', '+']) => Value::Int(n),
                _ => vm.new_str(key)?,
            };
            value = ops::getitem(vm, &value, &key)?;
            tail = &r[close + 1..];
        } else {
            return Err(vm.error(
                "ValueError",
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    let value = match conv {
        None => value,
        Some('r') => vm.new_str(&ops::repr(vm, &value)?)?,
        Some('s') => vm.new_str(&ops::str(vm, &value)?)?,
        Some('a') => vm.new_str(&ascii_of(&ops::repr(vm, &value)?))?,
        Some(c) => return Err(vm.error("ValueError", format!("Unknown conversion specifier {c}"))),
    };
    let spec = if spec.contains('{') {
        format_markup(vm, spec, args, kwargs, numbering, depth - 1)?
    } else {
        spec.to_string()
    };
    crate::format::format_value(vm, &value, &spec)
}

/// `ascii()`'s escaping of a repr: every non-ASCII character as `\x`, `\u` or `\U`.
fn ascii_of(repr: &str) -> String {
    let mut out = String::new();
    for c in repr.chars() {
        match c as u32 {
            0..=0x7f => out.push(c),
            n @ 0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
            n @ 0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            n => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    out
}

fn str_isdigit(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    Ok(Value::bool(
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()),
    ))
}

fn justify(vm: &Vm, args: &[Value], left: bool) -> R {
    let s = text(vm, &args[0]);
    let width = int_arg(vm, arg(vm, args, 1, "ljust")?)?.max(0) as usize;
    let fill = args
        .get(2)
        .and_then(|f| vm.str_of(f))
        .and_then(|f| f.chars().next())
        .unwrap_or(' ');
    let n = s.chars().count();
    if n >= width {
        return vm.new_str(s);
    }
    let pad: String = std::iter::repeat_n(fill, width - n).collect();
    vm.new_str(&if left {
        format!("{s}{pad}")
    } else {
        format!("{pad}{s}")
    })
}

fn str_ljust(vm: &Vm, args: &[Value], _: Kw) -> R {
    justify(vm, args, true)
}

fn str_rjust(vm: &Vm, args: &[Value], _: Kw) -> R {
    justify(vm, args, false)
}

fn str_zfill(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    let width = int_arg(vm, arg(vm, args, 1, "zfill")?)?.max(0) as usize;
    let n = s.chars().count();
    if n >= width {
        return vm.new_str(s);
    }
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), s),
    };
    vm.new_str(&format!("{sign}{}{rest}", "0".repeat(width - n)))
}

fn str_center(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    let width = int_arg(vm, arg(vm, args, 1, "center")?)?.max(0) as usize;
    let fill = args
        .get(2)
        .and_then(|f| vm.str_of(f))
        .and_then(|f| f.chars().next())
        .unwrap_or(' ');
    let n = s.chars().count();
    if n >= width {
        return vm.new_str(s);
    }
    // CPython: left = pad / 2 + (pad & width & 1).
    let pad = width - n;
    let left = pad / 2 + (pad & width & 1);
    let fills = |k: usize| -> String { std::iter::repeat_n(fill, k).collect() };
    vm.new_str(&format!("{}{s}{}", fills(left), fills(pad - left)))
}

fn str_rsplit(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let s = text(vm, &args[0]);
    let sep = args
        .get(1)
        .or_else(|| kwarg(vm, kwargs, "sep"))
        .filter(|v| !matches!(v, Value::None(_)));
    let maxsplit = match args.get(2).or_else(|| kwarg(vm, kwargs, "maxsplit")) {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    let mut parts: Vec<String> = match sep {
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_end();
            while !rest.is_empty() {
                if maxsplit >= 0 && out.len() as i64 == maxsplit {
                    out.push(rest.to_string());
                    break;
                }
                let start = rest.rfind(char::is_whitespace).map_or(0, |i| {
                    i + rest[i..].chars().next().map_or(1, char::len_utf8)
                });
                out.push(rest[start..].to_string());
                rest = rest[..start].trim_end();
            }
            out
        }
        Some(sep) => {
            let sep = vm
                .str_of(sep)
                .ok_or_else(|| vm.type_error("must be str or None"))?;
            if sep.is_empty() {
                return Err(vm.error("ValueError", "empty separator"));
            }
            if maxsplit < 0 {
                s.rsplit(sep).map(str::to_string).collect()
            } else {
                s.rsplitn(maxsplit as usize + 1, sep)
                    .map(str::to_string)
                    .collect()
            }
        }
    };
    parts.reverse();
    let mut items = Vec::with_capacity(parts.len());
    for p in parts {
        items.push(vm.new_str(&p)?);
    }
    vm.new_list(vm.hvec_of(items)?)
}

fn str_title(vm: &Vm, args: &[Value], _: Kw) -> R {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in text(vm, &args[0]).chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            titlecase(c, &mut out);
        }
        prev_cased = c.is_alphabetic();
    }
    vm.new_str(&out)
}

fn str_capitalize(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    let mut chars = s.chars();
    let mut out = String::new();
    if let Some(c) = chars.next() {
        titlecase(c, &mut out);
        out.extend(chars.flat_map(char::to_lowercase));
    }
    vm.new_str(&out)
}

/// The titlecase of `c`: its uppercase's first letter, then the rest in lower case
/// (`ß` gives `Ss`, as Unicode's titlecase mapping does).
fn titlecase(c: char, out: &mut String) {
    let mut upper = c.to_uppercase();
    if let Some(first) = upper.next() {
        out.push(first);
        out.extend(upper.flat_map(char::to_lowercase));
    }
}

fn str_pred(vm: &Vm, args: &[Value], pred: impl Fn(&str) -> bool) -> R {
    let s = text(vm, &args[0]);
    Ok(Value::bool(!s.is_empty() && pred(s)))
}

fn str_isalpha(vm: &Vm, args: &[Value], _: Kw) -> R {
    str_pred(vm, args, |s| s.chars().all(char::is_alphabetic))
}

fn str_isalnum(vm: &Vm, args: &[Value], _: Kw) -> R {
    str_pred(vm, args, |s| s.chars().all(char::is_alphanumeric))
}

fn str_isspace(vm: &Vm, args: &[Value], _: Kw) -> R {
    str_pred(vm, args, |s| s.chars().all(char::is_whitespace))
}

/// `str.isprintable()`: true for the empty string too.
fn str_isprintable(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    Ok(Value::bool(
        s.chars()
            .all(|c| !c.is_control() && crate::format::printable(c)),
    ))
}

/// `str.format_map(mapping)`: `format` with the mapping's items as keywords.
fn str_format_map(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "format_map")?;
    let Some(d) = vm.get(vm.t.dict, &args[1]) else {
        return Err(vm.type_error(format!(
            "'{}' object is not subscriptable",
            vm.type_name(&args[1])
        )));
    };
    let pairs = d.pairs();
    let mut numbering = Numbering::Unset;
    let out = format_markup(vm, text(vm, &args[0]), &[], &pairs, &mut numbering, 2)?;
    vm.new_str(&out)
}

/// `str.maketrans(x[, y[, z]])`, a static method (bound to the class or the
/// string it was found on, which it skips): the table `translate` reads, code
/// point to code point, string or None.
fn str_maketrans(vm: &Vm, args: &[Value], _: Kw) -> R {
    let args = args.get(1..).unwrap_or(&[]);
    let d = vm.new_dict()?;
    match args {
        [x] => {
            let Some(map) = vm.get(vm.t.dict, x) else {
                return Err(
                    vm.type_error("if you give only one argument to maketrans it must be a dict")
                );
            };
            for (k, v) in map.pairs() {
                let key = match (&k, vm.str_of(&k)) {
                    (Value::Int(_), _) => k.clone(),
                    (_, Some(s)) if s.chars().count() == 1 => {
                        Value::Int(i64::from(u32::from(s.chars().next().expect("a char"))))
                    }
                    _ => {
                        return Err(vm.error(
                            "ValueError",
                            "string keys in translate table must be of length 1",
                        ))
                    }
                };
                vm.dict_set(&d, key, v)?;
            }
        }
        [x, y] | [x, y, _] => {
            let (Some(xs), Some(ys)) = (vm.str_of(x), vm.str_of(y)) else {
                return Err(vm.type_error("maketrans() arguments must be strings"));
            };
            if xs.chars().count() != ys.chars().count() {
                return Err(vm.error(
                    "ValueError",
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (a, b) in xs.chars().zip(ys.chars()) {
                let code = |c: char| Value::Int(i64::from(u32::from(c)));
                vm.dict_set(&d, code(a), code(b))?;
            }
            if let Some(z) = args.get(2) {
                let zs = vm
                    .str_of(z)
                    .ok_or_else(|| vm.type_error("maketrans() argument 3 must be str"))?;
                for c in zs.chars() {
                    vm.dict_set(&d, Value::Int(i64::from(u32::from(c))), Value::NONE)?;
                }
            }
        }
        _ => {
            return Err(vm.type_error(format!(
                "maketrans() takes from 1 to 3 positional arguments ({} given)",
                args.len()
            )))
        }
    }
    Ok(Value::Obj(d))
}

/// `str.translate(table)`: each character looked up by code point in `table`
/// (through `__getitem__`); a LookupError keeps it, None deletes it, an int or a
/// string replaces it.
fn str_translate(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "translate")?;
    let source = text(vm, &args[0]).to_string();
    let mut out = String::with_capacity(source.len());
    for c in source.chars() {
        let key = Value::Int(i64::from(u32::from(c)));
        let v = match ops::getitem(vm, &args[1], &key) {
            Ok(v) => v,
            Err(e) if vm.is_subclass(&vm.class_of(&e.value), vm.classes.get("LookupError")) => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        match &v {
            Value::None(_) => {}
            Value::Int(n) => match u32::try_from(*n).ok().and_then(char::from_u32) {
                Some(r) => out.push(r),
                None => {
                    return Err(
                        vm.error("ValueError", "character mapping must be in range(0x110000)")
                    )
                }
            },
            _ => match vm.str_of(&v) {
                Some(s) => out.push_str(s),
                None => {
                    return Err(vm.type_error("character mapping must return integer, None or str"))
                }
            },
        }
    }
    vm.new_str(&out)
}

fn str_isupper(vm: &Vm, args: &[Value], _: Kw) -> R {
    str_pred(vm, args, |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}

fn str_islower(vm: &Vm, args: &[Value], _: Kw) -> R {
    str_pred(vm, args, |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}

fn partition_with(vm: &Vm, args: &[Value], right: bool) -> R {
    let s = text(vm, &args[0]);
    let sep = str_arg(vm, args, 1, "partition")?;
    if sep.is_empty() {
        return Err(vm.error("ValueError", "empty separator"));
    }
    let found = if right { s.rfind(sep) } else { s.find(sep) };
    let (a, b, c) = match found {
        Some(i) => (&s[..i], sep, &s[i + sep.len()..]),
        None if right => ("", "", s),
        None => (s, "", ""),
    };
    let parts = [vm.new_str(a)?, vm.new_str(b)?, vm.new_str(c)?];
    vm.new_tuple(vm.hvec_of(parts)?)
}

fn str_partition(vm: &Vm, args: &[Value], _: Kw) -> R {
    partition_with(vm, args, false)
}

fn str_rpartition(vm: &Vm, args: &[Value], _: Kw) -> R {
    partition_with(vm, args, true)
}

fn str_splitlines(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let keepends = match (args.get(1), kwargs.first()) {
        (Some(v), _) | (None, Some((_, v))) => ops::truthy(vm, v)?,
        _ => false,
    };
    let s = text(vm, &args[0]);
    let mut items = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((b, c)) = chars.next() {
        // str.splitlines' line boundaries: \n, \r, \r\n, and the other Unicode ones.
        let boundary = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !boundary {
            continue;
        }
        let mut end = b + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|&(_, d)| d == '\n') {
            chars.next();
            end += 1;
        }
        items.push(vm.new_str(if keepends {
            &s[start..end]
        } else {
            &s[start..b]
        })?);
        start = end;
    }
    if start < s.len() {
        items.push(vm.new_str(&s[start..])?);
    }
    vm.new_list(vm.hvec_of(items)?)
}

fn str_index(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let r = str_find(vm, args, kwargs)?;
    if matches!(r, Value::Int(-1)) {
        return Err(vm.error("ValueError", "substring not found"));
    }
    Ok(r)
}

fn str_rfind(vm: &Vm, args: &[Value], _: Kw) -> R {
    let sub = str_arg(vm, args, 1, "rfind")?;
    let (s, start) = search_range(vm, args, "rfind")?;
    Ok(Value::Int(match s.rfind(sub) {
        Some(b) if start >= 0 => start + s[..b].chars().count() as i64,
        _ => -1,
    }))
}

fn str_rindex(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let r = str_rfind(vm, args, kwargs)?;
    if matches!(r, Value::Int(-1)) {
        return Err(vm.error("ValueError", "substring not found"));
    }
    Ok(r)
}

fn str_expandtabs(vm: &Vm, args: &[Value], _: Kw) -> R {
    let size = match args.get(1) {
        Some(v) => int_arg(vm, v)?.max(0) as usize,
        None => 8,
    };
    let mut out = String::new();
    let mut column = 0;
    for c in text(vm, &args[0]).chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let pad = size - column % size;
                    out.extend(std::iter::repeat_n(' ', pad));
                    column += pad;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    vm.new_str(&out)
}

fn str_casefold(vm: &Vm, args: &[Value], _: Kw) -> R {
    vm.new_str(&text(vm, &args[0]).to_lowercase().replace('ß', "ss"))
}

fn str_removeprefix(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    let p = str_arg(vm, args, 1, "removeprefix")?;
    vm.new_str(s.strip_prefix(p).unwrap_or(s))
}

fn str_removesuffix(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    let p = str_arg(vm, args, 1, "removesuffix")?;
    vm.new_str(s.strip_suffix(p).unwrap_or(s))
}

fn str_isnumeric(vm: &Vm, args: &[Value], _: Kw) -> R {
    str_pred(vm, args, |s| s.chars().all(char::is_numeric))
}

fn str_isdecimal(vm: &Vm, args: &[Value], _: Kw) -> R {
    str_pred(vm, args, |s| s.chars().all(|c| c.is_ascii_digit()))
}

fn str_isascii(vm: &Vm, args: &[Value], _: Kw) -> R {
    Ok(Value::bool(text(vm, &args[0]).is_ascii()))
}

fn str_isidentifier(vm: &Vm, args: &[Value], _: Kw) -> R {
    let s = text(vm, &args[0]);
    let mut chars = s.chars();
    Ok(Value::bool(
        chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
            && chars.all(|c| c == '_' || c.is_alphanumeric()),
    ))
}

fn str_istitle(vm: &Vm, args: &[Value], _: Kw) -> R {
    // Uppercase letters only after uncased ones, lowercase only after cased ones, and
    // at least one cased letter.
    let mut cased = false;
    let mut previous_cased = false;
    for c in text(vm, &args[0]).chars() {
        if c.is_uppercase() {
            if previous_cased {
                return Ok(Value::bool(false));
            }
            previous_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !previous_cased {
                return Ok(Value::bool(false));
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    Ok(Value::bool(cased))
}

fn str_swapcase(vm: &Vm, args: &[Value], _: Kw) -> R {
    let out: String = text(vm, &args[0])
        .chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<Vec<_>>()
            } else {
                c.to_uppercase().collect::<Vec<_>>()
            }
        })
        .collect();
    vm.new_str(&out)
}

/// `dict.fromkeys(iterable, value=None)`, a class method: the first argument is the
/// class or the instance it was looked up on, and is not used.
fn dict_fromkeys(vm: &Vm, args: &[Value], _: Kw) -> R {
    let args = args.get(1..).unwrap_or(&[]);
    let keys = arg(vm, args, 0, "fromkeys")?;
    let value = args.get(1).cloned().unwrap_or(Value::NONE);
    let d = vm.new_dict()?;
    for k in vm.collect_iter(keys)? {
        vm.dict_set(&d, k, value.clone())?;
    }
    Ok(Value::Obj(d))
}

// ---- object's own methods (what `object.__init__(self)` and friends find) ----

fn object_init(vm: &Vm, args: &[Value], kw: Kw) -> R {
    if args.len() > 1 || !kw.is_empty() {
        return Err(vm.type_error(
            "object.__init__() takes exactly one argument (the instance to initialize)",
        ));
    }
    Ok(Value::NONE)
}

/// `object.__new__(cls)`: an instance of `cls`, not initialized.
fn object_new(vm: &Vm, args: &[Value], _: Kw) -> R {
    let class = arg(vm, args, 0, "object.__new__")?;
    let Some(c) = class.obj().and_then(|o| vm.t.class.get(o)) else {
        return Err(vm.type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            vm.type_name(class)
        )));
    };
    if c.builtin != BuiltinType::Object {
        return Err(vm.type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            vm.str_of(&c.name).unwrap_or("?"),
            vm.str_of(&c.name).unwrap_or("?")
        )));
    }
    let inst =
        crate::object::class::Instance::new(class.obj().expect("a class").clone(), c.has_del.get());
    Ok(Value::Obj(vm.alloc(vm.t.instance, inst)?))
}

fn object_repr(vm: &Vm, args: &[Value], _: Kw) -> R {
    let v = arg(vm, args, 0, "__repr__")?;
    vm.new_str(&ops::default_repr(vm, v))
}

fn object_str(vm: &Vm, args: &[Value], _: Kw) -> R {
    let v = arg(vm, args, 0, "__str__")?;
    vm.new_str(&ops::repr(vm, v)?)
}

fn object_hash(vm: &Vm, args: &[Value], _: Kw) -> R {
    let v = arg(vm, args, 0, "__hash__")?;
    Ok(Value::Int(v.obj().map_or(0, |o| {
        let a = o.id() as u64;
        (a.rotate_right(4) >> 1) as i64
    })))
}

fn object_eq(vm: &Vm, args: &[Value], _: Kw) -> R {
    let (a, b) = (arg(vm, args, 0, "__eq__")?, arg(vm, args, 1, "__eq__")?);
    Ok(if a.is(b) {
        Value::bool(true)
    } else {
        vm.intern("NotImplemented")
    })
}

fn object_ne(vm: &Vm, args: &[Value], _: Kw) -> R {
    let (a, b) = (arg(vm, args, 0, "__ne__")?, arg(vm, args, 1, "__ne__")?);
    Ok(if a.is(b) {
        Value::bool(false)
    } else {
        vm.intern("NotImplemented")
    })
}

fn object_unordered(vm: &Vm, _: &[Value], _: Kw) -> R {
    Ok(vm.intern("NotImplemented"))
}

// `object`'s attribute methods are the generic ones, under any hook a class defines
// (a `__setattr__` that calls `object.__setattr__` does not call itself).

fn object_getattribute(vm: &Vm, args: &[Value], _: Kw) -> R {
    let (obj, name) = (
        arg(vm, args, 0, "__getattribute__")?,
        arg(vm, args, 1, "__getattribute__")?,
    );
    vm.generic_get_attr(obj, name, false)
}

fn object_setattr(vm: &Vm, args: &[Value], _: Kw) -> R {
    let obj = arg(vm, args, 0, "__setattr__")?;
    let name = arg(vm, args, 1, "__setattr__")?.clone();
    let value = arg(vm, args, 2, "__setattr__")?.clone();
    vm.generic_set_attr(obj, name, value)?;
    Ok(Value::NONE)
}

fn object_delattr(vm: &Vm, args: &[Value], _: Kw) -> R {
    let (obj, name) = (
        arg(vm, args, 0, "__delattr__")?,
        arg(vm, args, 1, "__delattr__")?,
    );
    vm.generic_del_attr(obj, name)?;
    Ok(Value::NONE)
}

/// `int(text, base)`'s parse, as CPython's `PyLong_FromString`: surrounding
/// whitespace, a sign, the base's prefix (`0x`, `0o`, `0b`; any of them with base 0,
/// which also forbids leading zeros in a decimal), and single underscores between
/// digits.
fn parse_int_literal(text: &str, base: u32) -> Option<num_bigint::BigInt> {
    let t = text.trim();
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let prefixed = |p: &str| lower.starts_with(p) && lower.len() > 2;
    let (base, digits, after_prefix) = match base {
        0 if prefixed("0x") => (16, &t[2..], true),
        0 if prefixed("0o") => (8, &t[2..], true),
        0 if prefixed("0b") => (2, &t[2..], true),
        0 => {
            // A decimal with base 0: no leading zeros unless it is all zeros.
            let plain = t.replace('_', "");
            if plain.len() > 1 && plain.starts_with('0') && plain.bytes().any(|b| b != b'0') {
                return None;
            }
            (10, t, false)
        }
        16 if prefixed("0x") => (16, &t[2..], true),
        8 if prefixed("0o") => (8, &t[2..], true),
        2 if prefixed("0b") => (2, &t[2..], true),
        b => (b, t, false),
    };
    // Underscores: one at a time, between digits (or right after a prefix).
    let mut clean = String::with_capacity(digits.len());
    let mut previous_underscore = !after_prefix;
    for c in digits.chars() {
        if c == '_' {
            if previous_underscore {
                return None;
            }
            previous_underscore = true;
        } else {
            clean.push(c);
            previous_underscore = false;
        }
    }
    if previous_underscore && !digits.is_empty()
        || clean.is_empty()
        || !clean.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    let n = num_bigint::BigInt::parse_bytes(clean.as_bytes(), base)?;
    Some(if negative { -n } else { n })
}

/// `slice.indices(len)`: `(start, stop, step)` adjusted to a sequence of `len`.
fn slice_indices_m(vm: &Vm, args: &[Value], _: Kw) -> R {
    let sl = vm.get(vm.t.slice, &args[0]).expect("a slice");
    let len = int_arg(vm, arg(vm, args, 1, "indices")?)?;
    if len < 0 {
        return Err(vm.error("ValueError", "length should not be negative"));
    }
    let (start, stop, step) = ops::slice_adjust(vm, sl, len)?;
    vm.new_tuple(vm.hvec_of([Value::Int(start), Value::Int(stop), Value::Int(step)])?)
}

// ---- the data model's methods of built-in values ----

/// What `__op__` of a built-in value gives: its operator's result, or
/// NotImplemented where the operator refuses the operand's type.
fn or_not_implemented(vm: &Vm, r: R) -> R {
    match r {
        Err(e) if vm.type_name(&e.value) == "TypeError" => Ok(vm.intern("NotImplemented")),
        r => r,
    }
}

/// The data-model method `name` every built-in value answers (`__len__`,
/// `__getitem__`, `__eq__`, ...), over the operators the loop uses.
pub fn dunder(name: &str) -> Option<(&'static str, BuiltinFn)> {
    DUNDERS.iter().find(|(n, _)| *n == name).copied()
}

const DUNDERS: &[(&str, BuiltinFn)] = &[
    ("__len__", |vm, a, _| len(vm, &a[..1], &[])),
    ("__getitem__", |vm, a, _| {
        ops::getitem(vm, &a[0], arg(vm, a, 1, "__getitem__")?)
    }),
    ("__setitem__", |vm, a, _| {
        let (k, v) = (arg(vm, a, 1, "__setitem__")?, arg(vm, a, 2, "__setitem__")?);
        ops::setitem(vm, &a[0], k.clone(), v.clone())?;
        Ok(Value::NONE)
    }),
    ("__delitem__", |vm, a, _| {
        ops::delitem(vm, &a[0], arg(vm, a, 1, "__delitem__")?)?;
        Ok(Value::NONE)
    }),
    ("__contains__", |vm, a, _| {
        Ok(Value::bool(ops::contains(
            vm,
            &a[0],
            arg(vm, a, 1, "__contains__")?,
        )?))
    }),
    ("__iter__", |vm, a, _| ops::iter(vm, &a[0])),
    ("__repr__", |vm, a, _| vm.new_str(&ops::repr(vm, &a[0])?)),
    ("__str__", |vm, a, _| vm.new_str(&ops::str(vm, &a[0])?)),
    ("__hash__", |vm, a, _| Ok(Value::Int(vm.hash(&a[0])?))),
    ("__eq__", |vm, a, _| dunder_compare(vm, a, CmpOp::Eq)),
    ("__ne__", |vm, a, _| dunder_compare(vm, a, CmpOp::NotEq)),
    ("__lt__", |vm, a, _| dunder_compare(vm, a, CmpOp::Lt)),
    ("__le__", |vm, a, _| dunder_compare(vm, a, CmpOp::LtE)),
    ("__gt__", |vm, a, _| dunder_compare(vm, a, CmpOp::Gt)),
    ("__ge__", |vm, a, _| dunder_compare(vm, a, CmpOp::GtE)),
    ("__add__", |vm, a, _| dunder_binary(vm, a, BinOp::Add)),
    ("__mul__", |vm, a, _| dunder_binary(vm, a, BinOp::Mul)),
    ("__or__", |vm, a, _| dunder_binary(vm, a, BinOp::BitOr)),
    ("__and__", |vm, a, _| dunder_binary(vm, a, BinOp::BitAnd)),
    ("__sub__", |vm, a, _| dunder_binary(vm, a, BinOp::Sub)),
    ("__xor__", |vm, a, _| dunder_binary(vm, a, BinOp::BitXor)),
];

fn dunder_compare(vm: &Vm, a: &[Value], op: CmpOp) -> R {
    let other = arg(vm, a, 1, "comparison")?;
    // Only values of the same type compare here; others are NotImplemented.
    if vm.class_of(&a[0]).is(&vm.class_of(other)) {
        or_not_implemented(vm, ops::compare(vm, op, &a[0], other))
    } else {
        Ok(vm.intern("NotImplemented"))
    }
}

fn dunder_binary(vm: &Vm, a: &[Value], op: BinOp) -> R {
    let other = arg(vm, a, 1, "operator")?;
    or_not_implemented(vm, ops::binary(vm, op, &a[0], other, false))
}
