//! The modules a program may import: `gc`, `sys`, `time`, `weakref`, `math` and
//! `random`, bound to the VM's heap.

use gc::ObjRef;

use crate::interp::{Exc, Vm};
use crate::object::func::BuiltinFn;
use crate::object::*;
use crate::value::Value;

type R = Result<Value, Exc>;
type Kw<'a> = &'a [(Value, Value)];

/// The namespace of module `name`, or `None` if there is no such module.
pub fn make(vm: &Vm, name: &str) -> Result<Option<ObjRef>, Exc> {
    let funcs: &[(&'static str, BuiltinFn)] = match name {
        "gc" => &[
            ("collect", gc_collect),
            ("enable", gc_enable),
            ("disable", gc_disable),
            ("isenabled", gc_isenabled),
            ("get_count", gc_get_count),
            ("get_threshold", gc_get_threshold),
            ("set_threshold", gc_set_threshold),
            ("get_debug", gc_get_debug),
            ("set_debug", gc_set_debug),
            ("get_stats", gc_get_stats),
            ("get_objects", gc_get_objects),
            ("get_referrers", gc_get_referrers),
            ("get_referents", gc_get_referents),
            ("is_tracked", gc_is_tracked),
            ("is_finalized", gc_is_finalized),
            ("freeze", gc_freeze),
            ("unfreeze", gc_unfreeze),
            ("get_freeze_count", gc_get_freeze_count),
        ],
        "sys" => &[
            ("getrefcount", sys_getrefcount),
            ("getsizeof", sys_getsizeof),
            ("getrecursionlimit", sys_getrecursionlimit),
            ("setrecursionlimit", sys_setrecursionlimit),
            ("exit", sys_exit),
            ("get_int_max_str_digits", sys_get_int_max_str_digits),
            ("set_int_max_str_digits", sys_set_int_max_str_digits),
        ],
        "time" => &[
            ("perf_counter", time_perf_counter),
            ("perf_counter_ns", time_perf_counter_ns),
            ("time", time_time),
            ("monotonic", time_perf_counter),
        ],
        "math" => crate::math::FUNCTIONS,
        "random" => crate::random::FUNCTIONS,
        "weakref" => &[
            ("ref", weakref_ref),
            ("proxy", weakref_proxy),
            ("getweakrefcount", weakref_getweakrefcount),
            ("getweakrefs", weakref_getweakrefs),
        ],
        _ => return Ok(None),
    };
    let d = vm.new_dict()?;
    vm.dict_set(&d, vm.intern("__name__"), vm.intern(name))?;
    for &(fname, f) in funcs {
        let b = vm.alloc(
            vm.t.builtin,
            Builtin {
                name: fname,
                f,
                receiver: Value::NULL,
                owner: None,
            },
        )?;
        vm.dict_set(&d, vm.intern(fname), Value::Obj(b))?;
    }
    match name {
        "gc" => {
            for (n, v) in [
                ("DEBUG_STATS", gc::DEBUG_STATS),
                ("DEBUG_COLLECTABLE", gc::DEBUG_COLLECTABLE),
                ("DEBUG_UNCOLLECTABLE", gc::DEBUG_UNCOLLECTABLE),
                ("DEBUG_SAVEALL", gc::DEBUG_SAVEALL),
                ("DEBUG_LEAK", gc::DEBUG_LEAK),
            ] {
                vm.dict_set(&d, vm.intern(n), Value::Int(i64::from(v)))?;
            }
            let garbage = vm.new_list(hvec())?;
            *vm.garbage.borrow_mut() = garbage.obj().cloned();
            vm.dict_set(&d, vm.intern("garbage"), garbage)?;
            let callbacks = vm.new_list(hvec())?;
            *vm.gc_callbacks.borrow_mut() = callbacks.obj().cloned();
            vm.dict_set(&d, vm.intern("callbacks"), callbacks)?;
        }
        "sys" => {
            for (n, fd) in [("stdout", 1), ("stderr", 2)] {
                let stream = stream(vm, fd)?;
                vm.dict_set(&d, vm.intern(n), stream)?;
            }
            let mut items = hvec();
            for a in vm.argv() {
                items.push(vm.new_str(&a)?);
            }
            let argv = vm.new_list(items)?;
            vm.dict_set(&d, vm.intern("argv"), argv)?;
            // The interpreter a program compares itself with: CPython 3.11's. (A
            // plain tuple: comparisons, indexing and slicing behave; `.major` does
            // not exist.)
            let version = [
                Value::Int(3),
                Value::Int(11),
                Value::Int(0),
                vm.new_str("final")?,
                Value::Int(0),
            ];
            let version = vm.new_tuple(vm.hvec_of(version)?)?;
            vm.dict_set(&d, vm.intern("version_info"), version)?;
            vm.dict_set(&d, vm.intern("maxsize"), Value::Int(i64::MAX))?;
            vm.dict_set(&d, vm.intern("platform"), vm.new_str(std::env::consts::OS)?)?;
            let order = if cfg!(target_endian = "little") {
                "little"
            } else {
                "big"
            };
            vm.dict_set(&d, vm.intern("byteorder"), vm.new_str(order)?)?;
        }
        "math" => {
            for &(n, v) in crate::math::CONSTANTS {
                vm.dict_set(&d, vm.intern(n), Value::float(v))?;
            }
        }
        "weakref" => {
            // The rest of the module is Python, run in its namespace.
            vm.exec_in(WEAKREF_PRELUDE, "<frozen weakref>", &d)?;
        }
        "random" => vm.exec_in(RANDOM_PRELUDE, "<frozen random>", &d)?,
        _ => {}
    }
    Ok(Some(d))
}

/// The modules a program may import.
pub const MODULES: &[&str] = &["gc", "sys", "time", "weakref", "math", "random"];

/// The Python part of `weakref`: WeakValueDictionary, WeakKeyDictionary, finalize.
const WEAKREF_PRELUDE: &str = include_str!("weakref_prelude.py");

/// The Python part of `random`: the `Random` class.
const RANDOM_PRELUDE: &str = include_str!("random_prelude.py");

/// `sys.stdout` / `sys.stderr`: a builtin `write` bound to the stream number.
fn stream(vm: &Vm, fd: i64) -> R {
    let write: BuiltinFn = |vm, args, _| {
        let fd = match args.first() {
            Some(Value::Int(fd)) => *fd,
            _ => 1,
        };
        let text = args
            .get(1)
            .and_then(|t| vm.str_of(t))
            .unwrap_or("")
            .to_string();
        if fd == 2 {
            vm.write_err(&text);
        } else {
            vm.write_out(&text);
        }
        Ok(Value::Int(text.chars().count() as i64))
    };
    Ok(Value::Obj(vm.alloc(
        vm.t.builtin,
        Builtin {
            name: "write",
            f: write,
            receiver: Value::Int(fd),
            owner: None,
        },
    )?))
}

/// The stream number of `sys.stdout` (1) or `sys.stderr` (2).
pub fn stream_fd(vm: &Vm, v: &Value) -> Option<i64> {
    let b = vm.get(vm.t.builtin, v)?;
    match (b.name, &b.receiver) {
        ("write", Value::Int(fd)) => Some(*fd),
        _ => None,
    }
}

/// Whether `v` is `sys.stderr`.
pub fn is_stderr(vm: &Vm, v: &Value) -> bool {
    stream_fd(vm, v) == Some(2)
}

/// Whether `v` is `sys.stdout`.
pub fn is_stdout(vm: &Vm, v: &Value) -> bool {
    stream_fd(vm, v) == Some(1)
}

/// Call the `gc.callbacks` entries (the heap asks, before and after a collection).
pub fn gc_callbacks(vm: &Vm, phase: gc::Phase, info: gc::CallbackInfo) -> gc::Outcome {
    let Some(list) = vm.gc_callbacks.borrow().clone() else {
        return Ok(());
    };
    let callbacks =
        vm.t.list
            .get(&list)
            .map(|l| l.items.borrow().to_vec())
            .unwrap_or_default();
    if callbacks.is_empty() {
        return Ok(());
    }
    let run = || -> Result<(), Exc> {
        let d = vm.new_dict()?;
        vm.dict_set(
            &d,
            vm.intern("generation"),
            Value::Int(info.generation as i64),
        )?;
        vm.dict_set(
            &d,
            vm.intern("collected"),
            Value::Int(info.collected as i64),
        )?;
        vm.dict_set(
            &d,
            vm.intern("uncollectable"),
            Value::Int(info.uncollectable as i64),
        )?;
        let phase = vm.intern(phase.name());
        for cb in callbacks {
            vm.call(&cb, &[phase.clone(), Value::Obj(d.clone())], &[])?;
        }
        Ok(())
    };
    run().map_err(|e| e.value.obj().cloned().unwrap_or_else(|| list.clone()))
}

fn int_arg(vm: &Vm, v: &Value) -> Result<i64, Exc> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        _ => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

fn gc_collect(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let gen = match args.first().or_else(|| {
        kwargs
            .iter()
            .find(|(k, _)| vm.str_of(k) == Some("generation"))
            .map(|(_, v)| v)
    }) {
        Some(v) => int_arg(vm, v)?,
        None => 2,
    };
    if !(0..=2).contains(&gen) {
        return Err(vm.error("ValueError", "invalid generation"));
    }
    match vm.heap.collect(gen as usize) {
        Ok(n) => Ok(Value::Int(n as i64)),
        Err(_) => Err(vm.error("ValueError", "invalid generation")),
    }
}

fn gc_enable(vm: &Vm, _: &[Value], _: Kw) -> R {
    vm.heap.set_enabled(true);
    Ok(Value::NONE)
}

fn gc_disable(vm: &Vm, _: &[Value], _: Kw) -> R {
    vm.heap.set_enabled(false);
    Ok(Value::NONE)
}

fn gc_isenabled(vm: &Vm, _: &[Value], _: Kw) -> R {
    Ok(Value::bool(vm.heap.is_enabled()))
}

fn triple(vm: &Vm, t: (usize, usize, usize)) -> R {
    vm.new_tuple(vm.hvec_of([
        Value::Int(t.0 as i64),
        Value::Int(t.1 as i64),
        Value::Int(t.2 as i64),
    ])?)
}

fn gc_get_count(vm: &Vm, _: &[Value], _: Kw) -> R {
    triple(vm, vm.heap.count())
}

fn gc_get_threshold(vm: &Vm, _: &[Value], _: Kw) -> R {
    triple(vm, vm.heap.threshold())
}

fn gc_set_threshold(vm: &Vm, args: &[Value], _: Kw) -> R {
    let mut t = Vec::new();
    for a in args {
        let v = int_arg(vm, a)?;
        t.push(v.max(0) as usize);
    }
    if t.is_empty() || t.len() > 3 {
        return Err(vm.type_error(format!(
            "set_threshold() takes from 1 to 3 arguments ({} given)",
            t.len()
        )));
    }
    vm.heap
        .set_threshold(t[0], t.get(1).copied(), t.get(2).copied());
    Ok(Value::NONE)
}

fn gc_get_debug(vm: &Vm, _: &[Value], _: Kw) -> R {
    Ok(Value::Int(i64::from(vm.heap.debug())))
}

fn gc_set_debug(vm: &Vm, args: &[Value], _: Kw) -> R {
    let flags = int_arg(vm, args.first().unwrap_or(&Value::Int(0)))?;
    vm.heap.set_debug(flags as u32);
    Ok(Value::NONE)
}

fn gc_get_stats(vm: &Vm, _: &[Value], _: Kw) -> R {
    let mut out = Vec::new();
    for s in vm.heap.generation_stats() {
        let d = vm.new_dict()?;
        vm.dict_set(
            &d,
            vm.intern("collections"),
            Value::Int(s.collections as i64),
        )?;
        vm.dict_set(&d, vm.intern("collected"), Value::Int(s.collected as i64))?;
        vm.dict_set(
            &d,
            vm.intern("uncollectable"),
            Value::Int(s.uncollectable as i64),
        )?;
        out.push(Value::Obj(d));
    }
    vm.new_list(vm.hvec_of(out)?)
}

fn objects_list(vm: &Vm, objs: Vec<ObjRef>) -> R {
    vm.new_list(vm.hvec_of(objs.into_iter().map(Value::Obj))?)
}

fn gc_get_objects(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let gen = match args.first().or_else(|| {
        kwargs
            .iter()
            .find(|(k, _)| vm.str_of(k) == Some("generation"))
            .map(|(_, v)| v)
    }) {
        Some(Value::None(_)) | None => None,
        Some(v) => {
            let g = int_arg(vm, v)?;
            if g >= 3 {
                return Err(vm.error(
                    "ValueError",
                    "generation parameter must be less than the number of available generations (3)",
                ));
            }
            if g < 0 {
                return Err(vm.error("ValueError", "generation parameter cannot be negative"));
            }
            Some(g as usize)
        }
    };
    objects_list(vm, vm.heap.objects(gen))
}

fn gc_get_referrers(vm: &Vm, args: &[Value], _: Kw) -> R {
    let targets: Vec<ObjRef> = args.iter().filter_map(|a| a.obj().cloned()).collect();
    objects_list(vm, vm.heap.referrers(&targets))
}

fn gc_get_referents(vm: &Vm, args: &[Value], _: Kw) -> R {
    let mut out = Vec::new();
    for a in args {
        let Some(o) = a.obj() else { continue };
        match python_referents(vm, o) {
            Some(values) => out.extend(values),
            None => out.extend(vm.heap.referents(o).into_iter().map(Value::Obj)),
        }
    }
    vm.new_list(vm.hvec_of(out)?)
}

/// What CPython's `tp_traverse` visits for the containers whose items may be
/// immediates here (ints, floats, None, bools are objects there): lists and tuples
/// last to first; a dict's values, each followed by its key unless every key is a
/// `str`; a set's items; an instance's attribute values, then its class.
fn python_referents(vm: &Vm, o: &gc::ObjRef) -> Option<Vec<Value>> {
    let t = &vm.t;
    if let Some(l) = t.list.get(o) {
        return Some(l.items.borrow().iter().rev().cloned().collect());
    }
    if let Some(tu) = t.tuple.get(o) {
        return Some(tu.items.iter().rev().cloned().collect());
    }
    if let Some(d) = t.dict.get(o) {
        let map = d.map.borrow();
        if d.is_set {
            return Some(map.iter().map(|e| e.key.clone()).collect());
        }
        let str_keys = map.iter().all(|e| vm.str_of(&e.key).is_some());
        let mut out = Vec::new();
        for e in map.iter() {
            out.push(e.value.clone());
            if !str_keys {
                out.push(e.key.clone());
            }
        }
        return Some(out);
    }
    if let Some(i) = t.instance.get(o) {
        let mut out: Vec<Value> = i.values.borrow().iter().flatten().cloned().collect();
        out.push(Value::Obj(i.class.clone()));
        return Some(out);
    }
    None
}

fn gc_is_tracked(vm: &Vm, args: &[Value], _: Kw) -> R {
    Ok(Value::bool(
        args.first()
            .and_then(Value::obj)
            .is_some_and(|o| vm.heap.is_tracked(o)),
    ))
}

fn gc_is_finalized(vm: &Vm, args: &[Value], _: Kw) -> R {
    Ok(Value::bool(
        args.first()
            .and_then(Value::obj)
            .is_some_and(|o| vm.heap.is_finalized(o)),
    ))
}

fn gc_freeze(vm: &Vm, _: &[Value], _: Kw) -> R {
    vm.heap.freeze();
    Ok(Value::NONE)
}

fn gc_unfreeze(vm: &Vm, _: &[Value], _: Kw) -> R {
    vm.heap.unfreeze();
    Ok(Value::NONE)
}

fn gc_get_freeze_count(vm: &Vm, _: &[Value], _: Kw) -> R {
    Ok(Value::Int(vm.heap.freeze_count() as i64))
}

/// `sys.getrefcount(x)`: the references CPython would count, the argument's included.
fn sys_getrefcount(vm: &Vm, args: &[Value], _: Kw) -> R {
    let Some(v) = args.first() else {
        return Err(vm.type_error("getrefcount() takes exactly one argument (0 given)"));
    };
    Ok(Value::Int(match v {
        // The args array holds one reference, as CPython's does.
        Value::Obj(o) => i64::from(o.refcount()),
        // Immortal-ish small values: CPython reports a large count.
        _ => 1_000_000,
    }))
}

fn sys_getsizeof(vm: &Vm, args: &[Value], _: Kw) -> R {
    let Some(v) = args.first() else {
        return Err(vm.type_error("getsizeof() missing required argument 'object' (pos 1)"));
    };
    Ok(Value::Int(match v {
        Value::None(_) | Value::Null(_) => 16,
        Value::Bool(b) => 24 + i64::from(*b) * 4,
        Value::Int(i) => {
            let bits = 64 - i.unsigned_abs().leading_zeros();
            if *i == 0 {
                24
            } else {
                24 + 4 * i64::from(bits.div_ceil(30))
            }
        }
        Value::Float(_) => 24,
        Value::Obj(o) => o.getsizeof() as i64,
    }))
}

fn sys_get_int_max_str_digits(vm: &Vm, _: &[Value], _: Kw) -> R {
    Ok(Value::Int(vm.int_max_str_digits.get() as i64))
}

fn sys_set_int_max_str_digits(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let v = args
        .first()
        .or_else(|| {
            kwargs
                .iter()
                .find(|(k, _)| vm.str_of(k) == Some("maxdigits"))
                .map(|(_, v)| v)
        })
        .ok_or_else(|| {
            vm.type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)")
        })?;
    let n = int_arg(vm, v)?;
    if n != 0 && n < 640 {
        return Err(vm.error("ValueError", "maxdigits must be 0 or larger than 640"));
    }
    vm.int_max_str_digits.set(n as usize);
    Ok(Value::NONE)
}

fn sys_getrecursionlimit(vm: &Vm, _: &[Value], _: Kw) -> R {
    Ok(Value::Int(vm.recursion_limit.get() as i64))
}

fn sys_setrecursionlimit(vm: &Vm, args: &[Value], _: Kw) -> R {
    let n = int_arg(vm, args.first().unwrap_or(&Value::Int(0)))?;
    if n < 1 {
        return Err(vm.error(
            "ValueError",
            "recursion limit must be greater or equal than 1",
        ));
    }
    // Bounded so that nested native calls cannot run the process out of stack.
    vm.recursion_limit.set((n as usize).min(100_000));
    Ok(Value::NONE)
}

fn sys_exit(vm: &Vm, args: &[Value], _: Kw) -> R {
    // As `raise SystemExit(code)`: no arguments make `args` empty and `code` None.
    if args.len() > 1 {
        return Err(vm.type_error(format!(
            "exit expected at most 1 argument, got {}",
            args.len()
        )));
    }
    // `sys.exit(None)` is `sys.exit()` (CPython sets the exception from None).
    let code = args
        .first()
        .filter(|c| !matches!(c, Value::None(_)))
        .cloned();
    let exc_args = match &code {
        Some(c) => vm.new_small_tuple([c.clone()])?,
        None => vm.new_tuple(vm.hvec_of([])?)?,
    };
    let exc = vm.exception(vm.classes.get("SystemExit").clone(), exc_args);
    vm.set_attr(&exc.value, vm.intern("code"), code.unwrap_or(Value::NONE))?;
    Err(exc)
}

fn now() -> std::time::Duration {
    thread_local! {
        static START: std::time::Instant = std::time::Instant::now();
    }
    START.with(|s| s.elapsed())
}

fn time_perf_counter(_: &Vm, _: &[Value], _: Kw) -> R {
    Ok(Value::float(now().as_secs_f64()))
}

fn time_perf_counter_ns(_: &Vm, _: &[Value], _: Kw) -> R {
    Ok(Value::Int(now().as_nanos() as i64))
}

fn time_time(_: &Vm, _: &[Value], _: Kw) -> R {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    Ok(Value::float(t))
}

fn weakref_ref(vm: &Vm, args: &[Value], _: Kw) -> R {
    weak(vm, args, gc::WeakKind::Ref)
}

fn weakref_proxy(vm: &Vm, args: &[Value], _: Kw) -> R {
    weak(vm, args, gc::WeakKind::Proxy)
}

/// A weak reference of `kind` to `args[0]`, with the callback `args[1]` if given.
fn weak(vm: &Vm, args: &[Value], kind: gc::WeakKind) -> R {
    let Some(target) = args.first().and_then(Value::obj).filter(|o| {
        vm.t.instance
            .get(o)
            .is_some_and(|i| vm.t.class.get(&i.class).is_some_and(|c| c.weakrefable))
            || vm.t.function.is(o)
            || vm.t.class.is(o)
            || vm.t.generator.is(o)
            || vm.t.code.is(o)
            || vm.t.module.is(o)
            || vm.t.dict.get(o).is_some_and(|d| d.is_set)
    }) else {
        let v = args.first().cloned().unwrap_or(Value::NONE);
        return Err(vm.type_error(format!(
            "cannot create weak reference to '{}' object",
            vm.type_name(&v)
        )));
    };
    let callback = args.get(1).and_then(Value::obj).cloned();
    let shareable = callback.is_none();
    // `weakref.ref` is a type, which CPython 3.11 calls through `tp_call`: an argument
    // tuple lives while the reference is made (`proxy` is a function).
    let tuple = crate::object::list::tuple_free_list(args.len());
    if kind == gc::WeakKind::Ref {
        vm.heap.temporary_made(tuple);
    }
    let made = vm
        .heap
        .weakref(target, kind, callback, shareable)
        .map(|g| Value::Obj(g.into_obj()))
        .map_err(|_| vm.error("MemoryError", ""));
    if kind == gc::WeakKind::Ref {
        vm.heap.temporary_freed(tuple);
    }
    made
}

fn weakref_getweakrefcount(vm: &Vm, args: &[Value], _: Kw) -> R {
    Ok(Value::Int(
        args.first()
            .and_then(Value::obj)
            .map_or(0, |o| vm.heap.weakref_count(o)) as i64,
    ))
}

fn weakref_getweakrefs(vm: &Vm, args: &[Value], _: Kw) -> R {
    let refs = args
        .first()
        .and_then(Value::obj)
        .map(|o| vm.heap.weakrefs(o))
        .unwrap_or_default();
    objects_list(vm, refs)
}
