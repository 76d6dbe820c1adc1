//! The operators on values: arithmetic, comparison, truth, `repr` and `str`,
//! subscripts, membership and iteration, with CPython's results and error messages
//! for the built-in types, and special methods for instances.
//!
//! `repr` and equality of nested containers use explicit worklists, never recursion on
//! user data, so a list nested a million deep prints (slowly) rather than overflowing
//! the stack.

use crate::ast::{BinOp, CmpOp};
use crate::bytecode::Op;
use crate::interp::{Exc, Vm};
use crate::object::iter::IterKind;
use crate::object::*;
use crate::value::Value;

/// Python's truth value.
pub fn truthy(vm: &Vm, v: &Value) -> Result<bool, Exc> {
    Ok(match v {
        Value::Null(_) | Value::None(_) => false,
        Value::Bool(b) => b.get(),
        Value::Int(i) => *i != 0,
        Value::Float(f) => f.get() != 0.0,
        Value::Obj(o) => {
            if vm.t.bigint.is(o) {
                true
            } else if let Some(s) = vm.t.str.get(o) {
                !s.as_str().is_empty()
            } else if let Some(b) = vm.t.bytes.get(o) {
                !b.data.is_empty()
            } else if let Some(l) = vm.t.list.get(o) {
                !l.items.borrow().is_empty()
            } else if let Some(t) = vm.t.tuple.get(o) {
                !t.items.is_empty()
            } else if let Some(d) = vm.t.dict.get(o) {
                !d.map.borrow().is_empty()
            } else if let Some(r) = vm.t.range.get(o) {
                !r.is_empty()
            } else if let Some(view) = vm.t.view.get(o) {
                !vm.t
                    .dict
                    .get(&view.dict)
                    .expect("a dict")
                    .map
                    .borrow()
                    .is_empty()
            } else if let Some(r) = vm.proxied(v)? {
                return truthy(vm, &r);
            } else if let Some(i) = vm.t.instance.get(o) {
                let class = i.class.clone();
                if let Some(f) = vm.class_lookup(&class, &vm.intern("__bool__")) {
                    let r = vm.call(&f, std::slice::from_ref(v), &[])?;
                    return match r {
                        Value::Bool(b) => Ok(b.get()),
                        _ => Err(vm.type_error(format!(
                            "__bool__ should return bool, returned {}",
                            vm.type_name(&r)
                        ))),
                    };
                }
                if let Some(f) = vm.class_lookup(&class, &vm.intern("__len__")) {
                    let r = vm.call(&f, std::slice::from_ref(v), &[])?;
                    return Ok(!matches!(r, Value::Int(0)));
                }
                if let Some(base) = vm.base_of(v) {
                    return truthy(vm, &base);
                }
                true
            } else {
                true
            }
        }
    })
}

/// 64-bit arithmetic overflowed: the caller redoes it with big ints.
fn int_overflow(_: &Vm) -> Exc {
    Exc::new(Value::NULL)
}

fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(f.get()),
        _ => None,
    }
}

pub(crate) fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Int(i) => Some(*i),
        _ => None,
    }
}

/// Floor division and modulo of integers, Python's way (rounding toward -inf); `None`
/// for a zero divisor or a result past 64 bits.
#[inline]
pub(crate) fn int_divmod(a: i64, b: i64) -> Option<(i64, i64)> {
    let q = a.checked_div(b)?;
    let r = a.checked_rem(b)?;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some((q - 1, r + b))
    } else {
        Some((q, r))
    }
}

/// `a // b` for floats, as CPython's `float_divmod` computes it (the sign of a zero
/// result is the true quotient's).
pub(crate) fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let floor = div.floor();
        if div - floor > 0.5 {
            floor + 1.0
        } else {
            floor
        }
    } else {
        0.0_f64.copysign(a / b)
    }
}

/// Python's float modulo (the result has the divisor's sign).
pub(crate) fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 && ((m < 0.0) != (b < 0.0)) {
        m + b
    } else if m == 0.0 {
        0.0_f64.copysign(b)
    } else {
        m
    }
}

/// `a op b` (and `a op= b` when `inplace`).
pub fn binary(vm: &Vm, op: BinOp, a: &Value, b: &Value, inplace: bool) -> Result<Value, Exc> {
    // Integers (and bools).
    if let (Some(x), Some(y)) = (as_i64(a), as_i64(b)) {
        if !matches!(a, Value::Bool(_)) || !matches!(b, Value::Bool(_)) || !is_bitwise(op) {
            return match int_binary(vm, op, x, y) {
                Err(e) if is_overflow(vm, &e) => crate::int::binary(
                    vm,
                    op,
                    &num_bigint::BigInt::from(x),
                    &num_bigint::BigInt::from(y),
                ),
                r => r,
            };
        }
        let r = match op {
            BinOp::BitAnd => x & y,
            BinOp::BitOr => x | y,
            _ => x ^ y,
        };
        return Ok(Value::bool(r != 0));
    }
    // Big ints (with ints).
    if crate::int::is_big(vm, a) || crate::int::is_big(vm, b) {
        if matches!(op, BinOp::Add | BinOp::Sub) {
            if let Some(r) = crate::int::add_sub(vm, a, b, op == BinOp::Sub)? {
                return Ok(r);
            }
        }
        if let (Some(x), Some(y)) = (crate::int::to_num(vm, a), crate::int::to_num(vm, b)) {
            return crate::int::binary(vm, op, &x, &y);
        }
        if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
            let f = |v: &Value| -> Result<f64, Exc> {
                match crate::int::to_num(vm, v) {
                    Some(n) => crate::int::to_f64(vm, &n),
                    None => Ok(as_f64(v).unwrap_or(0.0)),
                }
            };
            return float_binary(vm, op, f(a)?, f(b)?);
        }
    }
    // Floats, and mixed int/float.
    if let (Some(x), Some(y)) = (as_f64(a), as_f64(b)) {
        if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
            return float_binary(vm, op, x, y);
        }
    }
    if let (Value::Obj(x), _) = (a, b) {
        // Sequences.
        if let Some(r) = seq_binary(vm, op, x, b, inplace)? {
            return Ok(r);
        }
    }
    if let (Some(n), Value::Obj(y)) = (as_i64(a), b) {
        if op == BinOp::Mul {
            if let Some(r) = repeat(vm, y, n)? {
                return Ok(r);
            }
        }
    }
    // A repeat count past the index range.
    if op == BinOp::Mul {
        let sequence = |v: &Value| {
            v.obj().is_some_and(|o| {
                vm.t.str.is(o) || vm.t.bytes.is(o) || vm.t.list.is(o) || vm.t.tuple.is(o)
            })
        };
        if (crate::int::is_big(vm, a) && sequence(b)) || (crate::int::is_big(vm, b) && sequence(a))
        {
            return Err(vm.error(
                "OverflowError",
                "cannot fit 'int' into an index-sized integer",
            ));
        }
    }
    // The set operations of keys and items views: on sets made of both sides.
    if matches!(
        op,
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Sub
    ) && (is_set_like_view(vm, a) || is_set_like_view(vm, b))
    {
        let set = Value::Obj(vm.classes.get("set").clone());
        let sa = vm.call(&set, std::slice::from_ref(a), &[])?;
        let sb = vm.call(&set, std::slice::from_ref(b), &[])?;
        return binary(vm, op, &sa, &sb, false);
    }
    // A proxy stands for its referent.
    let (pa, pb) = (vm.proxied(a)?, vm.proxied(b)?);
    if pa.is_some() || pb.is_some() {
        return binary(
            vm,
            op,
            pa.as_ref().unwrap_or(a),
            pb.as_ref().unwrap_or(b),
            inplace,
        );
    }
    // Instances: __op__, then the reflected __rop__.
    if let Some(r) = special_binary(vm, op, a, b, inplace)? {
        return Ok(r);
    }
    // A container subclass: the built-in's operator on the base. An in-place one
    // changes the base and leaves the instance itself the result.
    let (ba, bb) = (vm.base_of(a), vm.base_of(b));
    if ba.is_some() || bb.is_some() {
        let r = binary(
            vm,
            op,
            ba.as_ref().unwrap_or(a),
            bb.as_ref().unwrap_or(b),
            inplace,
        )?;
        if inplace && ba.as_ref().is_some_and(|base| r.is(base)) {
            return Ok(a.clone());
        }
        return Ok(r);
    }
    if let Some(e) = sequence_error(vm, op, a, b, inplace) {
        return Err(e);
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for {}{}: '{}' and '{}'",
        op.symbol(),
        if inplace { "=" } else { "" },
        vm.type_name(a),
        vm.type_name(b)
    )))
}

/// A dict's keys or items view (which behave as sets).
fn is_set_like_view(vm: &Vm, v: &Value) -> bool {
    v.obj()
        .and_then(|o| vm.t.view.get(o))
        .is_some_and(|view| view.kind != 1)
}

/// The errors of a sequence's own `+` and `*`, which CPython reports in their words
/// rather than as unsupported operands (`"a" + 1`, `[1] * 1.5`).
fn sequence_error(vm: &Vm, op: BinOp, a: &Value, b: &Value, inplace: bool) -> Option<Exc> {
    use crate::object::class::BuiltinType as T;
    let seq = |v: &Value| {
        crate::builtins::builtin_kind(vm, v)
            .filter(|k| matches!(k, T::Str | T::List | T::Tuple | T::Bytes))
    };
    match op {
        BinOp::Add => Some(match seq(a)? {
            T::Bytes => vm.type_error(format!("can't concat {} to bytes", vm.type_name(b))),
            // `list += x` extends by any iterable.
            T::List if inplace => {
                vm.type_error(format!("'{}' object is not iterable", vm.type_name(b)))
            }
            _ => {
                let t = vm.type_name(a);
                vm.type_error(format!(
                    "can only concatenate {t} (not \"{}\") to {t}",
                    vm.type_name(b)
                ))
            }
        }),
        BinOp::Mul => {
            let other = if seq(a).is_some() {
                b
            } else {
                seq(b)?;
                a
            };
            Some(vm.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                vm.type_name(other)
            )))
        }
        _ => None,
    }
}

/// Whether `e` is the overflow of 64-bit arithmetic (to be redone with big ints).
fn is_overflow(_: &Vm, e: &Exc) -> bool {
    matches!(e.value, Value::Null(_))
}

fn is_bitwise(op: BinOp) -> bool {
    matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor)
}

fn int_binary(vm: &Vm, op: BinOp, x: i64, y: i64) -> Result<Value, Exc> {
    let zero = || vm.error("ZeroDivisionError", "integer division or modulo by zero");
    Ok(Value::Int(match op {
        BinOp::Add => x.checked_add(y).ok_or_else(|| int_overflow(vm))?,
        BinOp::Sub => x.checked_sub(y).ok_or_else(|| int_overflow(vm))?,
        BinOp::Mul => x.checked_mul(y).ok_or_else(|| int_overflow(vm))?,
        BinOp::Div => {
            if y == 0 {
                return Err(vm.error("ZeroDivisionError", "division by zero"));
            }
            return Ok(Value::float(x as f64 / y as f64));
        }
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(zero());
            }
            int_divmod(x, y).ok_or_else(|| int_overflow(vm))?.0
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(vm.error("ZeroDivisionError", "integer modulo by zero"));
            }
            int_divmod(x, y).ok_or_else(|| int_overflow(vm))?.1
        }
        BinOp::Pow => {
            if y < 0 {
                if x == 0 {
                    return Err(vm.error(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                return Ok(Value::float((x as f64).powf(y as f64)));
            }
            let e = u32::try_from(y).map_err(|_| int_overflow(vm))?;
            x.checked_pow(e).ok_or_else(|| int_overflow(vm))?
        }
        BinOp::LShift => {
            if y < 0 {
                return Err(vm.error("ValueError", "negative shift count"));
            }
            if x == 0 {
                0
            } else {
                let shifted = if y >= 64 {
                    None
                } else {
                    x.checked_shl(y as u32)
                };
                match shifted {
                    Some(r) if r >> y == x => r,
                    _ => return Err(int_overflow(vm)),
                }
            }
        }
        BinOp::RShift => {
            if y < 0 {
                return Err(vm.error("ValueError", "negative shift count"));
            }
            if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            }
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::MatMul => {
            return Err(vm.type_error("unsupported operand type(s) for @: 'int' and 'int'"))
        }
    }))
}

fn float_binary(vm: &Vm, op: BinOp, x: f64, y: f64) -> Result<Value, Exc> {
    Ok(Value::float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Err(vm.error("ZeroDivisionError", "float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(vm.error("ZeroDivisionError", "float floor division by zero"));
            }
            float_floordiv(x, y)
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(vm.error("ZeroDivisionError", "float modulo"));
            }
            float_mod(x, y)
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(vm.error(
                    "ZeroDivisionError",
                    "0.0 cannot be raised to a negative power",
                ));
            }
            if x < 0.0 && y.is_finite() && y.fract() != 0.0 {
                // CPython gives a complex number here; heaplab has none.
                return Err(vm.error(
                    "NotImplementedError",
                    "a negative number to a fractional power is complex, and heaplab has no complex numbers",
                ));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(vm.error("OverflowError", "(34, 'Numerical result out of range')"));
            }
            r
        }
        _ => {
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op.symbol()
            )))
        }
    }))
}

/// `+` and `*` on strings, lists and tuples; `|`, `&`, `-`, `^` on sets.
fn seq_binary(
    vm: &Vm,
    op: BinOp,
    x: &gc::ObjRef,
    b: &Value,
    inplace: bool,
) -> Result<Option<Value>, Exc> {
    let t = &vm.t;
    if op == BinOp::Mul {
        if let Some(n) = as_i64(b) {
            return repeat(vm, x, n);
        }
    }
    if op == BinOp::Mod {
        if let Some(s) = t.str.get(x) {
            let text = crate::format::percent_format(vm, s.as_str(), b)?;
            return Ok(Some(vm.new_str(&text)?));
        }
    }
    if op != BinOp::Add {
        if let (Some(sa), Some(sb)) = (t.dict.get(x), vm.get(t.dict, b)) {
            if sa.is_set && sb.is_set {
                return crate::builtins::set_op(vm, op, x, b.obj().expect("a set")).map(Some);
            }
            // `d | e`: a new dict, e's values winning; `d |= e` updates d.
            if !sa.is_set && !sb.is_set && op == BinOp::BitOr {
                let entries: Vec<(Value, Value)> = sb.pairs();
                let target = if inplace {
                    x.clone()
                } else {
                    let copy = vm.new_dict()?;
                    let own: Vec<(Value, Value)> = sa.pairs();
                    for (k, v) in own {
                        vm.dict_set(&copy, k, v)?;
                    }
                    copy
                };
                for (k, v) in entries {
                    vm.dict_set(&target, k, v)?;
                }
                return Ok(Some(Value::Obj(target)));
            }
        }
        return Ok(None);
    }
    let Value::Obj(y) = b else { return Ok(None) };
    if let (Some(ba), Some(bb)) = (t.bytes.get(x), t.bytes.get(y)) {
        let joined = [ba.as_slice(), bb.as_slice()].concat();
        return Ok(Some(vm.new_bytes(&joined)?));
    }
    if let (Some(sa), Some(sb)) = (t.str.get(x), t.str.get(y)) {
        return Ok(Some(vm.new_str_concat(&[sa.as_str(), sb.as_str()])?));
    }
    if let (Some(la), Some(lb)) = (t.list.get(x), t.list.get(y)) {
        let extra = lb.items.borrow().to_vec();
        if inplace {
            for item in extra {
                crate::builtins::list_append(vm, &Value::Obj(x.clone()), item)?;
            }
            return Ok(Some(Value::Obj(x.clone())));
        }
        let mut items = la.items.borrow().to_vec();
        items.extend(extra);
        return Ok(Some(vm.new_list(vm.hvec_of(items)?)?));
    }
    if let (Some(ta), Some(tb)) = (t.tuple.get(x), t.tuple.get(y)) {
        let items: Vec<Value> = ta.items.iter().chain(tb.items.iter()).cloned().collect();
        return Ok(Some(vm.new_tuple(vm.hvec_of(items)?)?));
    }
    if inplace && t.list.is(x) {
        // `lst += iterable`.
        if !t.instance.is(y) {
            for item in vm.collect_iter(b)? {
                crate::builtins::list_append(vm, &Value::Obj(x.clone()), item)?;
            }
            return Ok(Some(Value::Obj(x.clone())));
        }
    }
    Ok(None)
}

fn repeat(vm: &Vm, x: &gc::ObjRef, n: i64) -> Result<Option<Value>, Exc> {
    let n = n.max(0) as usize;
    let t = &vm.t;
    if let Some(s) = t.str.get(x) {
        if s.as_str().len().saturating_mul(n) > 1 << 32 {
            return Err(vm.memory_error());
        }
        return Ok(Some(vm.new_str(&s.as_str().repeat(n))?));
    }
    if let Some(b) = t.bytes.get(x) {
        if b.data.len().saturating_mul(n) > 1 << 32 {
            return Err(vm.memory_error());
        }
        return Ok(Some(vm.new_bytes(&b.as_slice().repeat(n))?));
    }
    if let Some(l) = t.list.get(x) {
        let items = l.items.borrow().to_vec();
        if items.len().saturating_mul(n) > 1 << 32 {
            return Err(vm.memory_error());
        }
        let mut out = hvec();
        out.try_reserve(items.len() * n)
            .map_err(|_| vm.memory_error())?;
        for _ in 0..n {
            out.extend(items.iter().cloned());
        }
        return Ok(Some(vm.new_list(out)?));
    }
    if let Some(tu) = t.tuple.get(x) {
        let mut out = hvec();
        out.try_reserve(tu.items.len().saturating_mul(n))
            .map_err(|_| vm.memory_error())?;
        for _ in 0..n {
            out.extend(tu.items.iter().cloned());
        }
        return Ok(Some(vm.new_tuple(out)?));
    }
    Ok(None)
}

fn special_binary(
    vm: &Vm,
    op: BinOp,
    a: &Value,
    b: &Value,
    inplace: bool,
) -> Result<Option<Value>, Exc> {
    // (in-place, plain, reflected)
    let (iname, name, rname) = match op {
        BinOp::Add => ("__iadd__", "__add__", "__radd__"),
        BinOp::Sub => ("__isub__", "__sub__", "__rsub__"),
        BinOp::Mul => ("__imul__", "__mul__", "__rmul__"),
        BinOp::MatMul => ("__imatmul__", "__matmul__", "__rmatmul__"),
        BinOp::Div => ("__itruediv__", "__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__ifloordiv__", "__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__imod__", "__mod__", "__rmod__"),
        BinOp::Pow => ("__ipow__", "__pow__", "__rpow__"),
        BinOp::LShift => ("__ilshift__", "__lshift__", "__rlshift__"),
        BinOp::RShift => ("__irshift__", "__rshift__", "__rrshift__"),
        BinOp::BitAnd => ("__iand__", "__and__", "__rand__"),
        BinOp::BitOr => ("__ior__", "__or__", "__ror__"),
        BinOp::BitXor => ("__ixor__", "__xor__", "__rxor__"),
    };
    let not_implemented = vm.intern("NotImplemented");
    let try_call = |obj: &Value, method: &str, other: &Value| -> Result<Option<Value>, Exc> {
        let Some(inst) = obj.obj().and_then(|o| vm.t.instance.get(o)) else {
            return Ok(None);
        };
        let class = inst.class.clone();
        let Some(f) = vm.class_lookup(&class, &vm.intern(method)) else {
            return Ok(None);
        };
        let r = vm.call(&f, &[obj.clone(), other.clone()], &[])?;
        Ok(if r.is(&not_implemented) {
            None
        } else {
            Some(r)
        })
    };
    if inplace {
        if let Some(r) = try_call(a, iname, b)? {
            return Ok(Some(r));
        }
    }
    if let Some(r) = try_call(a, name, b)? {
        return Ok(Some(r));
    }
    try_call(b, rname, a)
}

/// `-a`, `+a`, `~a`, `not a`.
pub fn unary(vm: &Vm, op: Op, a: &Value) -> Result<Value, Exc> {
    match (op, a) {
        (Op::UnaryNot, _) => Ok(Value::bool(!truthy(vm, a)?)),
        (Op::UnaryNegative, Value::Int(i)) => match i.checked_neg() {
            Some(n) => Ok(Value::Int(n)),
            None => crate::int::from_num(vm, -num_bigint::BigInt::from(*i)),
        },
        (Op::UnaryNegative | Op::UnaryPositive | Op::UnaryInvert, Value::Obj(o))
            if vm.t.bigint.is(o) =>
        {
            let n = crate::int::to_num(vm, a).expect("a big int");
            crate::int::from_num(
                vm,
                match op {
                    Op::UnaryNegative => -n,
                    Op::UnaryInvert => -n - 1,
                    _ => n,
                },
            )
        }
        (Op::UnaryNegative, Value::Bool(b)) => Ok(Value::Int(-i64::from(*b))),
        (Op::UnaryNegative, Value::Float(f)) => Ok(Value::float(-f.get())),
        (Op::UnaryPositive, Value::Int(_) | Value::Float(_)) => Ok(a.clone()),
        (Op::UnaryPositive, Value::Bool(b)) => Ok(Value::Int(i64::from(*b))),
        (Op::UnaryInvert, Value::Int(i)) => Ok(Value::Int(!i)),
        (Op::UnaryInvert, Value::Bool(b)) => Ok(Value::Int(!i64::from(*b))),
        _ => {
            let (method, symbol) = match op {
                Op::UnaryNegative => ("__neg__", "-"),
                Op::UnaryPositive => ("__pos__", "+"),
                _ => ("__invert__", "~"),
            };
            if let Some(inst) = a.obj().and_then(|o| vm.t.instance.get(o)) {
                let class = inst.class.clone();
                if let Some(f) = vm.class_lookup(&class, &vm.intern(method)) {
                    return vm.call(&f, std::slice::from_ref(a), &[]);
                }
            }
            Err(vm.type_error(format!(
                "bad operand type for unary {symbol}: '{}'",
                vm.type_name(a)
            )))
        }
    }
}

/// `a op b` for the rich comparisons.
pub fn compare(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> Result<Value, Exc> {
    if is_set_like_view(vm, a) || is_set_like_view(vm, b) {
        let set_like = |v: &Value| {
            is_set_like_view(vm, v)
                || v.obj()
                    .and_then(|o| vm.t.dict.get(o))
                    .is_some_and(|d| d.is_set)
        };
        if set_like(a) && set_like(b) {
            let set = Value::Obj(vm.classes.get("set").clone());
            let sa = vm.call(&set, std::slice::from_ref(a), &[])?;
            let sb = vm.call(&set, std::slice::from_ref(b), &[])?;
            return compare(vm, op, &sa, &sb);
        }
    }
    let (pa, pb) = (vm.proxied(a)?, vm.proxied(b)?);
    if pa.is_some() || pb.is_some() {
        return compare(vm, op, pa.as_ref().unwrap_or(a), pb.as_ref().unwrap_or(b));
    }
    let instance = |v: &Value| v.obj().is_some_and(|o| vm.t.instance.is(o));
    if instance(a) || instance(b) {
        return rich_compare(vm, op, a, b);
    }
    match op {
        CmpOp::Eq => Ok(Value::bool(equal(vm, a, b)?)),
        CmpOp::NotEq => Ok(Value::bool(!equal(vm, a, b)?)),
        _ => Ok(Value::bool(order(vm, op, a, b)?)),
    }
}

/// A comparison with an instance on either side (CPython's `do_richcompare`): its
/// `__op__`, or the other side's reflection, and the result as the method returned it
/// (`__eq__` may return any object). The reflection goes first when the right
/// operand's class is a strict subclass of the left's. `!=` falls back on `__eq__`,
/// inverted, as `object.__ne__` does; with no method at all, `==` and `!=` compare
/// identities and an ordering is a TypeError.
fn rich_compare(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> Result<Value, Exc> {
    let (method, reflected) = match op {
        CmpOp::Eq => ("__eq__", "__eq__"),
        CmpOp::NotEq => ("__ne__", "__ne__"),
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::LtE => ("__le__", "__ge__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        _ => ("__ge__", "__le__"),
    };
    let not_implemented = vm.intern("NotImplemented");
    let class = |v: &Value| {
        v.obj()
            .and_then(|o| vm.t.instance.get(o))
            .map(|i| i.class.clone())
    };
    // `x.name(y)`, or `None` if x has no such method or it returned NotImplemented.
    let call = |x: &Value, y: &Value, name: &str| -> Result<Option<Value>, Exc> {
        let Some(k) = class(x) else { return Ok(None) };
        let Some(f) = vm.class_lookup(&k, &vm.intern(name)) else {
            return Ok(None);
        };
        let r = vm.call(&f, &[x.clone(), y.clone()], &[])?;
        Ok((!r.is(&not_implemented)).then_some(r))
    };
    let reflected_first = match (class(a), class(b)) {
        (Some(ka), Some(kb)) => !ka.is(&kb) && vm.is_subclass(&kb, &ka),
        _ => false,
    };
    let order = if reflected_first {
        [(b, a, reflected), (a, b, method)]
    } else {
        [(a, b, method), (b, a, reflected)]
    };
    for (x, y, name) in order {
        if let Some(r) = call(x, y, name)? {
            return Ok(r);
        }
        if op == CmpOp::NotEq {
            if let Some(r) = call(x, y, "__eq__")? {
                return Ok(Value::bool(!truthy(vm, &r)?));
            }
        }
    }
    // A container subclass compares as its base.
    let (ba, bb) = (vm.base_of(a), vm.base_of(b));
    if ba.is_some() || bb.is_some() {
        return compare(vm, op, ba.as_ref().unwrap_or(a), bb.as_ref().unwrap_or(b));
    }
    match op {
        CmpOp::Eq => Ok(Value::bool(a.is(b))),
        CmpOp::NotEq => Ok(Value::bool(!a.is(b))),
        _ => Err(unorderable(vm, op, a, b)),
    }
}

/// The TypeError of an ordering no method answered.
fn unorderable(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> Exc {
    let symbol = match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        _ => ">=",
    };
    vm.type_error(format!(
        "'{symbol}' not supported between instances of '{}' and '{}'",
        vm.type_name(a),
        vm.type_name(b)
    ))
}

/// A comparison of two small ints (`Is`/`IsNot`/`In`/`NotIn` never come here).
#[inline(always)]
pub fn int_compare(op: CmpOp, x: i64, y: i64) -> bool {
    match op {
        CmpOp::Lt => x < y,
        CmpOp::LtE => x <= y,
        CmpOp::Gt => x > y,
        CmpOp::GtE => x >= y,
        CmpOp::Eq => x == y,
        _ => x != y,
    }
}

/// How float `f` compares with the int `n`, exactly (`None`: `f` is nan).
pub(crate) fn float_cmp_int(f: f64, n: &num_bigint::BigInt) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    let whole = f.floor();
    let w = <num_bigint::BigInt as num_traits::FromPrimitive>::from_f64(whole)?;
    Some(match w.cmp(n) {
        Ordering::Equal if f > whole => Ordering::Greater,
        o => o,
    })
}

/// `a == b`. Containers compare item by item with a worklist.
pub fn equal(vm: &Vm, a: &Value, b: &Value) -> Result<bool, Exc> {
    // Immediates and strings need no worklist.
    match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => {
            if x.is(y) {
                return Ok(true);
            }
            if let (Some(s), Some(t)) = (vm.t.str.get(x), vm.t.str.get(y)) {
                return Ok(s.as_str() == t.as_str());
            }
            if let (Some(s), Some(t)) = (vm.t.bytes.get(x), vm.t.bytes.get(y)) {
                return Ok(s.as_slice() == t.as_slice());
            }
            // Two weak references are equal if their referents are (both alive), or
            // if they are the same reference.
            if let (Some(s), Some(t)) = (vm.t.weakref.get(x), vm.t.weakref.get(y)) {
                if s.kind() == gc::WeakKind::Ref && t.kind() == gc::WeakKind::Ref {
                    return match (s.get(), t.get()) {
                        (Some(p), Some(q)) => equal(vm, &Value::Obj(p), &Value::Obj(q)),
                        _ => Ok(false),
                    };
                }
            }
        }
        (Value::Float(f), Value::Obj(o)) | (Value::Obj(o), Value::Float(f))
            if vm.t.bigint.is(o) =>
        {
            let n = crate::int::to_num(vm, &Value::Obj(o.clone())).expect("a big int");
            return Ok(float_cmp_int(f.get(), &n) == Some(std::cmp::Ordering::Equal));
        }
        (Value::Obj(o), _) | (_, Value::Obj(o)) => {
            if !vm.t.instance.is(o) {
                return Ok(false);
            }
        }
        _ => return Ok(crate::object::dict::keys_equal(a, b)),
    }
    // Each pair carries its nesting depth: past the recursion limit, CPython's
    // recursive comparison raises RecursionError, and so does this one.
    let limit = vm.recursion_limit.get();
    let mut work = vec![(a.clone(), b.clone(), 0usize)];
    while let Some((a, b, depth)) = work.pop() {
        if a.is(&b) {
            continue;
        }
        if depth > limit {
            return Err(vm.error(
                "RecursionError",
                "maximum recursion depth exceeded in comparison",
            ));
        }
        let same = match (&a, &b) {
            (Value::Obj(x), Value::Obj(y)) => {
                let t = &vm.t;
                if let (Some(p), Some(q)) = (t.list.get(x), t.list.get(y)) {
                    let (p, q) = (p.items.borrow(), q.items.borrow());
                    if p.len() != q.len() {
                        false
                    } else {
                        work.extend(
                            p.iter()
                                .cloned()
                                .zip(q.iter().cloned())
                                .map(|(x, y)| (x, y, depth + 1))
                                .rev(),
                        );
                        true
                    }
                } else if let (Some(p), Some(q)) = (t.tuple.get(x), t.tuple.get(y)) {
                    if p.items.len() != q.items.len() {
                        false
                    } else {
                        work.extend(
                            p.items
                                .iter()
                                .cloned()
                                .zip(q.items.iter().cloned())
                                .map(|(x, y)| (x, y, depth + 1))
                                .rev(),
                        );
                        true
                    }
                } else if let (Some(p), Some(q)) = (t.dict.get(x), t.dict.get(y)) {
                    if p.is_set != q.is_set || p.map.borrow().len() != q.map.borrow().len() {
                        false
                    } else {
                        let entries: Vec<(Value, Value)> = p.pairs();
                        let mut all = true;
                        for (k, v) in entries {
                            let (k, h) = vm.dict_key(q, &k)?;
                            let other = q.map.borrow().get(&k, h).cloned();
                            match other {
                                Some(w) => work.push((v, w, depth + 1)),
                                None => {
                                    all = false;
                                    break;
                                }
                            }
                        }
                        all
                    }
                } else if t.instance.is(x) || t.instance.is(y) {
                    special_eq(vm, &a, &b)?
                } else {
                    crate::object::dict::keys_equal(&a, &b)
                }
            }
            (Value::Obj(_), _) | (_, Value::Obj(_)) => {
                if a.obj().is_some_and(|o| vm.t.instance.is(o))
                    || b.obj().is_some_and(|o| vm.t.instance.is(o))
                {
                    special_eq(vm, &a, &b)?
                } else {
                    false
                }
            }
            _ => crate::object::dict::keys_equal(&a, &b),
        };
        if !same {
            return Ok(false);
        }
    }
    Ok(true)
}

fn special_eq(vm: &Vm, a: &Value, b: &Value) -> Result<bool, Exc> {
    for (x, y) in [(a, b), (b, a)] {
        if let Some(inst) = x.obj().and_then(|o| vm.t.instance.get(o)) {
            let class = inst.class.clone();
            if let Some(f) = vm.class_lookup(&class, &vm.intern("__eq__")) {
                let r = vm.call(&f, &[x.clone(), y.clone()], &[])?;
                if !r.is(&vm.intern("NotImplemented")) {
                    return truthy(vm, &r);
                }
            }
        }
    }
    Ok(a.is(b))
}

/// `<`, `<=`, `>`, `>=`.
fn order(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> Result<bool, Exc> {
    order_at(vm, op, a, b, 0)
}

/// `order` of values nested `depth` deep in the sequences first compared.
fn order_at(vm: &Vm, op: CmpOp, a: &Value, b: &Value, depth: usize) -> Result<bool, Exc> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || order_inner(vm, op, a, b, depth))
}

fn order_inner(vm: &Vm, op: CmpOp, a: &Value, b: &Value, depth: usize) -> Result<bool, Exc> {
    use std::cmp::Ordering;
    let holds = |o: Ordering| match op {
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::LtE => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        _ => o != Ordering::Less,
    };
    if let (Some(x), Some(y)) = (as_i64(a), as_i64(b)) {
        return Ok(holds(x.cmp(&y)));
    }
    if crate::int::is_big(vm, a) || crate::int::is_big(vm, b) {
        if let (Some(x), Some(y)) = (crate::int::to_num(vm, a), crate::int::to_num(vm, b)) {
            return Ok(holds(x.cmp(&y)));
        }
        // A float against a big int: exactly, as CPython's float_richcompare.
        match (a, b) {
            (Value::Float(x), _) => {
                return Ok(crate::int::to_num(vm, b)
                    .and_then(|n| float_cmp_int(x.get(), &n))
                    .is_some_and(holds))
            }
            (_, Value::Float(y)) => {
                return Ok(crate::int::to_num(vm, a)
                    .and_then(|n| float_cmp_int(y.get(), &n))
                    .is_some_and(|o| holds(o.reverse())))
            }
            // A big int against anything but an instance (whose methods may
            // answer, below) is not ordered.
            _ => {
                let instance = |v: &Value| v.obj().is_some_and(|o| vm.t.instance.is(o));
                if !instance(a) && !instance(b) {
                    return Err(unorderable(vm, op, a, b));
                }
            }
        }
    }
    if let (Some(x), Some(y)) = (as_f64(a), as_f64(b)) {
        return Ok(match x.partial_cmp(&y) {
            Some(o) => holds(o),
            None => false,
        });
    }
    if let (Some(x), Some(y)) = (vm.str_of(a), vm.str_of(b)) {
        return Ok(holds(x.cmp(y)));
    }
    if let (Some(x), Some(y)) = (vm.get(vm.t.bytes, a), vm.get(vm.t.bytes, b)) {
        return Ok(holds(x.as_slice().cmp(y.as_slice())));
    }
    // Sequences of one type (two lists, two tuples): lexicographic, the first
    // difference decides. Items are read a pair at a time, as CPython's
    // list_richcompare does (a list may change while its items compare), and
    // nothing is copied: sorting by tuple keys compares many of them.
    let kind = |v: &Value| match v.obj() {
        Some(o) if vm.t.list.is(o) => 1,
        Some(o) if vm.t.tuple.is(o) => 2,
        _ => 0,
    };
    if kind(a) != 0 && kind(a) == kind(b) {
        let item = |v: &Value, i: usize| -> Option<Value> {
            match vm.get(vm.t.list, v) {
                Some(l) => l.items.borrow().get(i).cloned(),
                None => vm.get(vm.t.tuple, v).and_then(|t| t.items.get(i).cloned()),
            }
        };
        let len = |v: &Value| match vm.get(vm.t.list, v) {
            Some(l) => l.items.borrow().len(),
            None => vm.get(vm.t.tuple, v).map_or(0, |t| t.items.len()),
        };
        let mut i = 0;
        while let (Some(p), Some(q)) = (item(a, i), item(b, i)) {
            if !p.is(&q) && !equal(vm, &p, &q)? {
                // The first difference decides, one level down: a loop, not
                // recursion, with CPython's recursion limit on the depth.
                if depth >= vm.recursion_limit.get() {
                    return Err(vm.error(
                        "RecursionError",
                        "maximum recursion depth exceeded in comparison",
                    ));
                }
                return order_at(vm, op, &p, &q, depth + 1);
            }
            i += 1;
        }
        return Ok(holds(len(a).cmp(&len(b))));
    }
    // Sets order by inclusion.
    let sets = (
        a.obj().and_then(|o| vm.t.dict.get(o)).filter(|d| d.is_set),
        b.obj().and_then(|o| vm.t.dict.get(o)).filter(|d| d.is_set),
    );
    if let (Some(x), Some(y)) = sets {
        let (x, y) = (x.map.borrow(), y.map.borrow());
        let within = |small: &crate::object::dict::DictMap, big: &crate::object::dict::DictMap| {
            small.len() <= big.len() && small.iter().all(|e| big.get(&e.key, e.hash).is_some())
        };
        return Ok(match op {
            CmpOp::Lt => x.len() < y.len() && within(&x, &y),
            CmpOp::LtE => within(&x, &y),
            CmpOp::Gt => y.len() < x.len() && within(&y, &x),
            _ => within(&y, &x),
        });
    }
    let (method, reflected) = match op {
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::LtE => ("__le__", "__ge__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        _ => ("__ge__", "__le__"),
    };
    for (x, y, m) in [(a, b, method), (b, a, reflected)] {
        if let Some(inst) = x.obj().and_then(|o| vm.t.instance.get(o)) {
            let class = inst.class.clone();
            if let Some(f) = vm.class_lookup(&class, &vm.intern(m)) {
                let r = vm.call(&f, &[x.clone(), y.clone()], &[])?;
                if !r.is(&vm.intern("NotImplemented")) {
                    return truthy(vm, &r);
                }
            }
        }
    }
    let (ba, bb) = (vm.base_of(a), vm.base_of(b));
    if ba.is_some() || bb.is_some() {
        return order(vm, op, ba.as_ref().unwrap_or(a), bb.as_ref().unwrap_or(b));
    }
    Err(unorderable(vm, op, a, b))
}

/// `item in container`.
pub fn contains(vm: &Vm, container: &Value, item: &Value) -> Result<bool, Exc> {
    if let Some(r) = vm.proxied(container)? {
        return contains(vm, &r, item);
    }
    if let Some(view) = container.obj().and_then(|o| vm.t.view.get(o)) {
        let dict = Value::Obj(view.dict.clone());
        return match view.kind {
            0 => contains(vm, &dict, item),
            1 => {
                let values: Vec<Value> =
                    vm.t.dict
                        .get(&view.dict)
                        .expect("a dict")
                        .map
                        .borrow()
                        .iter()
                        .map(|e| e.value.clone())
                        .collect();
                for v in values {
                    if v.is(item) || equal(vm, &v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => {
                // `(k, v) in d.items()`: the key's value, compared.
                let Some(pair) = vm.get(vm.t.tuple, item).filter(|t| t.items.len() == 2) else {
                    return Ok(false);
                };
                let (k, v) = (pair.items[0].clone(), pair.items[1].clone());
                if !contains(vm, &dict, &k)? {
                    return Ok(false);
                }
                let found = getitem(vm, &dict, &k)?;
                Ok(found.is(&v) || equal(vm, &found, &v)?)
            }
        };
    }
    if let Some(s) = vm.str_of(container) {
        return match vm.str_of(item) {
            Some(needle) => Ok(s.contains(needle)),
            None => Err(vm.type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                vm.type_name(item)
            ))),
        };
    }
    if let Some(b) = vm.get(vm.t.bytes, container) {
        let hay = b.as_slice();
        if let Some(n) = vm.get(vm.t.bytes, item) {
            let n = n.as_slice();
            return Ok(n.is_empty() || hay.windows(n.len()).any(|w| w == n));
        }
        return match as_i64(item) {
            Some(i) if (0..256).contains(&i) => Ok(hay.contains(&(i as u8))),
            Some(_) => Err(vm.error("ValueError", "byte must be in range(0, 256)")),
            None if crate::int::is_big(vm, item) => {
                Err(vm.error("ValueError", "byte must be in range(0, 256)"))
            }
            None => Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(item)
            ))),
        };
    }
    if let Some(d) = vm.get(vm.t.dict, container) {
        // A set looked for in a set stands for the frozenset of its items
        // (CPython's `set_contains`).
        let set_of = |v: &Value| {
            vm.get(vm.t.dict, v)
                .is_some_and(|s| s.is_set && !s.frozen.get())
        };
        let unhashable_set =
            d.is_set && (set_of(item) || vm.base_of(item).is_some_and(|b| set_of(&b)));
        if unhashable_set {
            let frozen = crate::builtins::construct(
                vm,
                &vm.classes.get("frozenset").clone(),
                crate::object::class::BuiltinType::FrozenSet,
                std::slice::from_ref(item),
                &[],
            )?;
            return contains(vm, container, &frozen);
        }
        let (k, h) = vm.dict_key(d, item)?;
        return Ok(d.map.borrow().get(&k, h).is_some());
    }
    if let Some(r) = vm.get(vm.t.range, container) {
        return Ok(match as_i64(item) {
            Some(i) => {
                let in_bounds = if r.step > 0 {
                    i >= r.start && i < r.stop
                } else {
                    i <= r.start && i > r.stop
                };
                in_bounds && (i - r.start) % r.step == 0
            }
            None => false,
        });
    }
    if let Some(inst) = container.obj().and_then(|o| vm.t.instance.get(o)) {
        let class = inst.class.clone();
        if let Some(f) = vm.class_lookup(&class, &vm.intern("__contains__")) {
            let r = vm.call(&f, &[container.clone(), item.clone()], &[])?;
            return truthy(vm, &r);
        }
        if let Some(base) = vm.base_of(container) {
            return contains(vm, &base, item);
        }
    }
    let it = iter(vm, container)?;
    while let Some(x) = next(vm, &it)? {
        if equal(vm, &x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `iter(v)`.
pub fn iter(vm: &Vm, v: &Value) -> Result<Value, Exc> {
    if let Some(r) = vm.proxied(v)? {
        return iter(vm, &r);
    }
    match iter_source(vm, v) {
        Some(IterSource::Kind(kind)) => {
            // Written straight into its block (a payload built first is copied).
            Ok(Value::Obj(vm.alloc_with(
                vm.t.iter,
                gc::FreeList::None,
                || Iter::new(kind),
            )?))
        }
        Some(IterSource::Itself) => Ok(v.clone()),
        Some(IterSource::Dunder(f)) => vm.call(&f, std::slice::from_ref(v), &[]),
        Some(IterSource::Base(base)) => iter(vm, &base),
        None => Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(v)))),
    }
}

/// Whether [`iter`] would find a way to iterate `v` (CPython: its type has
/// `tp_iter`, or is a sequence), asked without calling anything.
pub fn is_iterable(vm: &Vm, v: &Value) -> bool {
    match vm.proxied(v) {
        Ok(Some(r)) => is_iterable(vm, &r),
        _ => iter_source(vm, v).is_some(),
    }
}

/// How [`iter`] iterates a value.
enum IterSource {
    /// With a new iterator of this kind.
    Kind(IterKind),
    /// The value is its own iterator.
    Itself,
    /// By calling the class's `__iter__`, this function.
    Dunder(Value),
    /// As its built-in base (an instance of a subclass of `list`, `dict` or `set`).
    Base(Value),
}

/// How `iter(v)` goes about it, found without calling anything; `None` if `v` cannot
/// be iterated. One answer for [`iter`] and [`is_iterable`], so the two never differ.
/// Inline: out of line, its answer was written to memory and copied back.
#[inline(always)]
fn iter_source(vm: &Vm, v: &Value) -> Option<IterSource> {
    let t = &vm.t;
    let o = v.obj()?;
    if let Some(view) = t.view.get(o) {
        let len = t.dict.get(&view.dict).expect("a dict").map.borrow().len();
        return Some(IterSource::Kind(IterKind::Dict(
            view.dict.clone(),
            view.kind,
            len,
        )));
    }
    if t.list.is(o) || t.tuple.is(o) {
        return Some(IterSource::Kind(IterKind::Seq(o.clone())));
    }
    if let Some(d) = t.dict.get(o) {
        let len = d.map.borrow().len();
        return Some(IterSource::Kind(IterKind::Dict(o.clone(), 0, len)));
    }
    if t.str.is(o) {
        return Some(IterSource::Kind(IterKind::Str(o.clone())));
    }
    if t.bytes.is(o) {
        return Some(IterSource::Kind(IterKind::Bytes(o.clone())));
    }
    if let Some(r) = t.range.get(o) {
        return Some(IterSource::Kind(IterKind::Range {
            next: std::cell::Cell::new(r.start),
            left: std::cell::Cell::new(r.len()),
            step: r.step,
        }));
    }
    if t.iter.is(o) || t.generator.is(o) {
        return Some(IterSource::Itself);
    }
    let inst = t.instance.get(o)?;
    if let Some(f) = vm.class_lookup(&inst.class, &vm.intern("__iter__")) {
        return Some(IterSource::Dunder(f));
    }
    if let Some(base) = vm.base_of(v) {
        return Some(IterSource::Base(base));
    }
    vm.class_lookup(&inst.class, &vm.intern("__getitem__"))
        .map(|_| IterSource::Kind(IterKind::GetItem(v.clone())))
}

/// The next item of a lazy iterator (`enumerate`, `zip`, `map`, `filter`) as
/// `Some(item or None when exhausted)`; `None` if `iter` is not one of them.
fn next_lazy(vm: &Vm, iter: &Iter) -> Result<Option<Option<Value>>, Exc> {
    let item = match &iter.kind {
        IterKind::GetItem(obj) => {
            let i = iter.pos.get();
            match getitem(vm, obj, &Value::Int(i as i64)) {
                Ok(v) => {
                    iter.pos.set(i + 1);
                    Some(v)
                }
                Err(e)
                    if vm.type_name(&e.value) == "IndexError"
                        || vm.type_name(&e.value) == "StopIteration" =>
                {
                    None
                }
                Err(e) => return Err(e),
            }
        }
        IterKind::Enumerate(count, it) => match next(vm, it)? {
            Some(v) => {
                let n = count.get();
                count.set(n.wrapping_add(1));
                Some(vm.new_small_tuple([Value::Int(n), v])?)
            }
            None => None,
        },
        IterKind::Zip(its) => match next_row(vm, its)? {
            Some(mut row) => {
                let items = vm.hvec_of(row.drain(..));
                vm.give_args(row);
                Some(vm.new_tuple(items?)?)
            }
            None => None,
        },
        IterKind::Map(f, its) => match next_row(vm, its)? {
            Some(row) => {
                let r = vm.call(f, &row, &[]);
                vm.give_args(row);
                Some(r?)
            }
            None => None,
        },
        IterKind::Filter(f, it) => loop {
            let Some(v) = next(vm, it)? else {
                break None;
            };
            let keep = match f {
                Value::None(_) => truthy(vm, &v)?,
                f => truthy(vm, &vm.call(f, std::slice::from_ref(&v), &[])?)?,
            };
            if keep {
                break Some(v);
            }
        },
        _ => return Ok(None),
    };
    if item.is_none() {
        iter.done.set(true);
    }
    Ok(Some(item))
}

/// The next item of each iterator, or `None` as soon as one is exhausted.
fn next_row(vm: &Vm, its: &[Value]) -> Result<Option<Vec<Value>>, Exc> {
    if its.is_empty() {
        return Ok(None);
    }
    // The row is a pooled argument vector (the caller gives it back).
    let mut row = vm.take_args();
    for it in its {
        match next(vm, it) {
            Ok(Some(v)) => row.push(v),
            Ok(None) => {
                vm.give_args(row);
                return Ok(None);
            }
            Err(e) => {
                vm.give_args(row);
                return Err(e);
            }
        }
    }
    Ok(Some(row))
}

/// The next item of an iterator, or `None` when it is exhausted.
pub fn next(vm: &Vm, it: &Value) -> Result<Option<Value>, Exc> {
    let Some(o) = it.obj() else {
        return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it))));
    };
    if let Some(g) = vm.t.generator.get(o) {
        return vm.generator_next(g);
    }
    let Some(iter) = vm.t.iter.get(o) else {
        if let Some(inst) = vm.t.instance.get(o) {
            let class = inst.class.clone();
            if let Some(f) = vm.class_lookup(&class, &vm.intern("__next__")) {
                return match vm.call(&f, std::slice::from_ref(it), &[]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if vm.type_name(&e.value) == "StopIteration" => Ok(None),
                    Err(e) => Err(e),
                };
            }
        }
        return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it))));
    };
    if iter.done.get() {
        return Ok(None);
    }
    // A lazy iterator (map, filter, zip, enumerate) takes the next item of the one it
    // wraps, which may wrap another: chains of any depth (a sieve of nested filters)
    // run on a stack that grows onto the heap instead of overflowing.
    if let Some(r) = stacker::maybe_grow(64 * 1024, 1024 * 1024, || next_lazy(vm, iter))? {
        return Ok(r);
    }
    let pos = iter.pos.get();
    let item = match &iter.kind {
        IterKind::Seq(seq) => {
            if let Some(l) = vm.t.list.get(seq) {
                l.items.borrow().get(pos).cloned()
            } else {
                vm.t.tuple.get(seq).and_then(|t| t.items.get(pos).cloned())
            }
        }
        IterKind::Items(items) => items.get(pos).cloned(),
        IterKind::Range { next, left, step } => {
            if left.get() <= 0 {
                None
            } else {
                let v = next.get();
                left.set(left.get() - 1);
                next.set(v.wrapping_add(*step));
                Some(Value::Int(v))
            }
        }
        IterKind::Bytes(b) => vm.t.bytes.get(b).and_then(|b| {
            let byte = b.as_slice().get(pos).copied()?;
            iter.pos.set(pos + 1);
            Some(Value::Int(i64::from(byte)))
        }),
        IterKind::Str(s) => {
            let text = vm.t.str.get(s).expect("a str").as_str();
            match text[pos..].chars().next() {
                Some(c) => {
                    iter.pos.set(pos + c.len_utf8());
                    return Ok(Some(vm.new_char(c)?));
                }
                None => None,
            }
        }
        IterKind::Dict(d, kind, len) => {
            let dict = vm.t.dict.get(d).expect("a dict");
            let map = dict.map.borrow();
            if map.len() != *len {
                // CPython's dictiter_iternextkey: an error now and at every later step.
                let what = if dict.is_set { "Set" } else { "dictionary" };
                drop(map);
                return Err(vm.error(
                    "RuntimeError",
                    format!("{what} changed size during iteration"),
                ));
            }
            let mut i = pos;
            loop {
                match map.slot(i) {
                    None => break None,
                    Some(None) => i += 1,
                    Some(Some(e)) => {
                        iter.pos.set(i + 1);
                        let r = match kind {
                            0 => e.key.clone(),
                            1 => e.value.clone(),
                            _ => {
                                let (k, v) = (e.key.clone(), e.value.clone());
                                drop(map);
                                return Ok(Some(vm.new_small_tuple([k, v])?));
                            }
                        };
                        return Ok(Some(r));
                    }
                }
            }
        }
        IterKind::Enumerate(..)
        | IterKind::Zip(_)
        | IterKind::Map(..)
        | IterKind::Filter(..)
        | IterKind::GetItem(_) => {
            unreachable!("next_lazy took these")
        }
    };
    match item {
        Some(v) => {
            if !matches!(iter.kind, IterKind::Range { .. }) {
                iter.pos.set(pos + 1);
            }
            Ok(Some(v))
        }
        None => {
            iter.done.set(true);
            Ok(None)
        }
    }
}

/// Normalize a sequence index (negative from the end); `None` if out of range.
pub fn index_of(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

/// A slice's start, stop and step for a sequence of `len`, as `slice.indices` gives
/// them (CPython's `PySlice_AdjustIndices`).
pub fn slice_adjust(vm: &Vm, s: &Slice, len: i64) -> Result<(i64, i64, i64), Exc> {
    let get = |v: &Value| -> Result<Option<i64>, Exc> {
        match v {
            Value::None(_) => Ok(None),
            _ => as_i64(v).map(Some).ok_or_else(|| {
                vm.type_error("slice indices must be integers or None or have an __index__ method")
            }),
        }
    };
    let step = get(&s.parts[2])?.unwrap_or(1);
    if step == 0 {
        return Err(vm.error("ValueError", "slice step cannot be zero"));
    }
    let (lower, upper) = if step > 0 { (0, len) } else { (-1, len - 1) };
    let clamp = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(x) if x < 0 => (x + len).max(lower),
        Some(x) => x.min(upper),
    };
    let start = clamp(get(&s.parts[0])?, if step > 0 { lower } else { upper });
    let stop = clamp(get(&s.parts[1])?, if step > 0 { upper } else { lower });
    Ok((start, stop, step))
}

/// The indices a slice selects from a sequence, in the slice's order: `len` of them
/// from `start`, `step` apart (CPython's `PySlice_AdjustIndices` and its slice
/// length). An iterator, so a slice allocates nothing but its result.
#[derive(Clone, Copy, Debug)]
pub struct SliceRange {
    /// The first index (for an empty slice, where an assignment inserts).
    pub start: usize,
    /// The distance between indices: never zero.
    pub step: i64,
    /// How many indices.
    pub len: usize,
}

impl Iterator for SliceRange {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let i = self.start;
        self.len -= 1;
        if self.len > 0 {
            self.start = (i as i64 + self.step) as usize;
        }
        Some(i)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len, Some(self.len))
    }
}

impl ExactSizeIterator for SliceRange {}

impl SliceRange {
    /// Whether the slice is the whole sequence of `len`, in order.
    pub fn is_whole(&self, len: usize) -> bool {
        self.step == 1 && self.start == 0 && self.len == len
    }
}

/// The indices a slice selects from a sequence of `len`.
pub fn slice_indices(vm: &Vm, s: &Slice, len: usize) -> Result<SliceRange, Exc> {
    let (start, stop, step) = slice_adjust(vm, s, len as i64)?;
    let count = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && stop < start {
        (start - stop - 1) / -step + 1
    } else {
        0
    };
    Ok(SliceRange {
        // An empty slice's start may be -1 (a negative step past the front).
        start: start.max(0) as usize,
        step,
        len: count as usize,
    })
}

/// `list[int]` and `tuple[int]` within range, the common subscripts, without the
/// general path's type dispatch (CPython 3.11's `BINARY_SUBSCR_LIST_INT` and
/// `BINARY_SUBSCR_TUPLE_INT`); `None`: anything else, for [`getitem`].
#[inline(always)]
pub fn quick_getitem(vm: &Vm, obj: &Value, index: &Value) -> Option<Value> {
    let (Value::Obj(o), Value::Int(i)) = (obj, index) else {
        return None;
    };
    if let Some(l) = vm.t.list.get(o) {
        let items = l.items.borrow();
        return index_of(*i, items.len()).map(|i| items[i].clone());
    }
    let tu = vm.t.tuple.get(o)?;
    index_of(*i, tu.items.len()).map(|i| tu.items[i].clone())
}

/// `dict[key]` for an int or str key that is there (CPython 3.11's
/// `BINARY_SUBSCR_DICT`); `None`: anything else, for [`getitem`].
#[inline(always)]
pub fn quick_dict_getitem(vm: &Vm, obj: &Value, index: &Value) -> Option<Value> {
    let d = vm.t.dict.get(obj.obj()?).filter(|d| !d.is_set)?;
    let h = match index {
        Value::Int(i) => crate::object::dict::hash_int(*i),
        Value::Obj(k) => vm.t.str.get(k)?.hash(),
        _ => return None,
    };
    let map = d.map.borrow();
    map.get(index, h).cloned()
}

/// `list[int] = value` within range (CPython 3.11's `STORE_SUBSCR_LIST_INT`); gives
/// the value back for anything else, for [`setitem`]. The old item is dropped after
/// the list is released (its finalizer may use the list).
#[inline(always)]
pub fn quick_setitem(vm: &Vm, obj: &Value, index: &Value, value: Value) -> Result<(), Value> {
    let (Value::Obj(o), Value::Int(i)) = (obj, index) else {
        return Err(value);
    };
    let Some(l) = vm.t.list.get(o) else {
        return Err(value);
    };
    let mut items = l.items.borrow_mut();
    let Some(i) = index_of(*i, items.len()) else {
        return Err(value);
    };
    let old = std::mem::replace(&mut items[i], value);
    drop(items);
    drop(old);
    Ok(())
}

/// `obj[index]`.
pub fn getitem(vm: &Vm, obj: &Value, index: &Value) -> Result<Value, Exc> {
    if let Some(r) = vm.proxied(obj)? {
        return getitem(vm, &r, index);
    }
    let t = &vm.t;
    if let Value::Obj(o) = obj {
        if let Some(d) = t.dict.get(o).filter(|d| !d.is_set) {
            let (k, h) = vm.dict_key(d, index)?;
            if let Some(v) = d.map.borrow().get(&k, h) {
                return Ok(v.clone());
            }
            return Err(key_error(vm, index));
        }
        let slice = index.obj().and_then(|s| t.slice.get(s));
        if let Some(l) = t.list.get(o) {
            if let Some(s) = slice {
                let items = l.items.borrow();
                let picked = slice_indices(vm, s, items.len())?;
                let mut out = hvec();
                out.try_reserve_exact(picked.len())
                    .map_err(|_| vm.memory_error())?;
                out.extend(picked.map(|i| items[i].clone()));
                drop(items);
                return vm.new_list(out);
            }
            let i = as_index(vm, index, "list")?;
            let items = l.items.borrow();
            return index_of(i, items.len())
                .map(|i| items[i].clone())
                .ok_or_else(|| vm.error("IndexError", "list index out of range"));
        }
        if let Some(tu) = t.tuple.get(o) {
            if let Some(s) = slice {
                let picked = slice_indices(vm, s, tu.items.len())?;
                // CPython gives the tuple itself for a slice of all of it.
                if picked.is_whole(tu.items.len()) {
                    return Ok(obj.clone());
                }
                let mut out = hvec();
                out.try_reserve_exact(picked.len())
                    .map_err(|_| vm.memory_error())?;
                out.extend(picked.map(|i| tu.items[i].clone()));
                return vm.new_tuple(out);
            }
            let i = as_index(vm, index, "tuple")?;
            return index_of(i, tu.items.len())
                .map(|i| tu.items[i].clone())
                .ok_or_else(|| vm.error("IndexError", "tuple index out of range"));
        }
        if let Some(b) = t.bytes.get(o) {
            let data = b.as_slice();
            if let Some(sl) = slice {
                let picked = slice_indices(vm, sl, data.len())?;
                if picked.is_whole(data.len()) {
                    return Ok(obj.clone());
                }
                let picked: Vec<u8> = picked.map(|i| data[i]).collect();
                return vm.new_bytes(&picked);
            }
            let i = as_index(vm, index, "byte")?;
            return match index_of(i, data.len()) {
                Some(i) => Ok(Value::Int(i64::from(data[i]))),
                None => Err(vm.error("IndexError", "index out of range")),
            };
        }
        if let Some(s) = t.str.get(o) {
            // ASCII text (the common case) is indexed by byte, without decoding.
            if slice.is_none() && s.chars == s.as_str().len() {
                let i = as_index(vm, index, "string")?;
                return match index_of(i, s.chars) {
                    Some(i) => vm.new_char(char::from(s.as_str().as_bytes()[i])),
                    None => Err(vm.error("IndexError", "string index out of range")),
                };
            }
            if let Some(sl) = slice {
                let picked = slice_indices(vm, sl, s.chars)?;
                if picked.is_whole(s.chars) {
                    return Ok(obj.clone());
                }
                let text = s.as_str();
                if s.chars == text.len() {
                    // ASCII: characters are bytes.
                    if picked.step == 1 {
                        return vm.new_str(&text[picked.start..picked.start + picked.len]);
                    }
                    let bytes = text.as_bytes();
                    let picked: String = picked.map(|i| char::from(bytes[i])).collect();
                    return vm.new_str(&picked);
                }
                let chars: Vec<char> = text.chars().collect();
                let picked: String = picked.map(|i| chars[i]).collect();
                return vm.new_str(&picked);
            }
            let i = as_index(vm, index, "string")?;
            return match index_of(i, s.chars).and_then(|i| s.as_str().chars().nth(i)) {
                Some(c) => vm.new_char(c),
                None => Err(vm.error("IndexError", "string index out of range")),
            };
        }
        if let Some(r) = t.range.get(o) {
            if let Some(sl) = vm.get(t.slice, index) {
                // A slice of a range is a range (CPython's compute_slice).
                let (start, stop, step) = slice_adjust(vm, sl, r.len())?;
                let range = crate::object::Range {
                    start: r.start + start * r.step,
                    stop: r.start + stop * r.step,
                    step: r.step * step,
                };
                return Ok(Value::Obj(vm.alloc(t.range, range)?));
            }
            let i = as_index(vm, index, "range object")?;
            return match index_of(i, r.len() as usize) {
                Some(i) => Ok(Value::Int(r.start + r.step * i as i64)),
                None => Err(vm.error("IndexError", "range object index out of range")),
            };
        }
        if let Some(inst) = t.instance.get(o) {
            let class = inst.class.clone();
            if let Some(f) = vm.class_lookup(&class, &vm.intern("__getitem__")) {
                return vm.call(&f, &[obj.clone(), index.clone()], &[]);
            }
            if let Some(base) = vm.base_of(obj) {
                // A dict subclass's `__missing__` answers for a missing key.
                if let Some(d) = t
                    .dict
                    .get(base.obj().expect("a base"))
                    .filter(|d| !d.is_set)
                {
                    let (k, h) = vm.dict_key(d, index)?;
                    let found = d.map.borrow().get(&k, h).cloned();
                    if let Some(v) = found {
                        return Ok(v);
                    }
                    if let Some(m) = vm.class_lookup(&class, &vm.intern("__missing__")) {
                        return vm.call(&m, &[obj.clone(), index.clone()], &[]);
                    }
                    return Err(key_error(vm, index));
                }
                return getitem(vm, &base, index);
            }
        }
    }
    Err(vm.type_error(format!(
        "'{}' object is not subscriptable",
        vm.type_name(obj)
    )))
}

fn as_index(vm: &Vm, index: &Value, what: &str) -> Result<i64, Exc> {
    as_i64(index).ok_or_else(|| {
        vm.type_error(format!(
            "{what} indices must be integers or slices, not {}",
            vm.type_name(index)
        ))
    })
}

/// `KeyError(key)`.
pub fn key_error(vm: &Vm, key: &Value) -> Exc {
    match vm.hvec_of([key.clone()]).and_then(|v| vm.new_tuple(v)) {
        Ok(args) => vm.exception(vm.classes.get("KeyError").clone(), args),
        Err(e) => e,
    }
}

/// `obj[index] = value`.
pub fn setitem(vm: &Vm, obj: &Value, index: Value, value: Value) -> Result<(), Exc> {
    if let Some(r) = vm.proxied(obj)? {
        return setitem(vm, &r, index, value);
    }
    let t = &vm.t;
    if let Value::Obj(o) = obj {
        if t.dict.get(o).is_some_and(|d| !d.is_set) {
            return vm.dict_set(o, index, value);
        }
        if let Some(l) = t.list.get(o) {
            if let Some(s) = index.obj().and_then(|s| t.slice.get(s)) {
                let new_items = vm.collect_iter(&value)?;
                let len = l.items.borrow().len();
                let picked = slice_indices(vm, s, len)?;
                let mut items = l.items.borrow_mut();
                if picked.step == 1 {
                    let start = picked.start.min(len);
                    let end = start + picked.len;
                    let old: Vec<Value> = items.splice(start..end, new_items).collect();
                    drop(items);
                    drop(old);
                    return Ok(());
                }
                if picked.len() != new_items.len() {
                    return Err(vm.error(
                        "ValueError",
                        format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new_items.len(),
                            picked.len()
                        ),
                    ));
                }
                let mut old = Vec::new();
                for (i, v) in picked.into_iter().zip(new_items) {
                    old.push(std::mem::replace(&mut items[i], v));
                }
                drop(items);
                drop(old);
                return Ok(());
            }
            let i = as_index(vm, &index, "list")?;
            let mut items = l.items.borrow_mut();
            let Some(i) = index_of(i, items.len()) else {
                return Err(vm.error("IndexError", "list assignment index out of range"));
            };
            let old = std::mem::replace(&mut items[i], value);
            drop(items);
            drop(old);
            return Ok(());
        }
        if let Some(inst) = t.instance.get(o) {
            let class = inst.class.clone();
            if let Some(f) = vm.class_lookup(&class, &vm.intern("__setitem__")) {
                vm.call(&f, &[obj.clone(), index, value], &[])?;
                return Ok(());
            }
            if let Some(base) = vm.base_of(obj) {
                return setitem(vm, &base, index, value);
            }
        }
    }
    Err(vm.type_error(format!(
        "'{}' object does not support item assignment",
        vm.type_name(obj)
    )))
}

/// `del obj[index]`.
pub fn delitem(vm: &Vm, obj: &Value, index: &Value) -> Result<(), Exc> {
    if let Some(r) = vm.proxied(obj)? {
        return delitem(vm, &r, index);
    }
    let t = &vm.t;
    if let Value::Obj(o) = obj {
        if t.dict.get(o).is_some_and(|d| !d.is_set) {
            return match vm.dict_del(o, index)? {
                Some(v) => {
                    drop(v);
                    Ok(())
                }
                None => Err(key_error(vm, index)),
            };
        }
        if let Some(l) = t.list.get(o) {
            if let Some(s) = index.obj().and_then(|s| t.slice.get(s)) {
                let len = l.items.borrow().len();
                let picked = slice_indices(vm, s, len)?;
                let mut items = l.items.borrow_mut();
                let old: Vec<Value> = if picked.step == 1 {
                    items
                        .drain(picked.start..picked.start + picked.len)
                        .collect()
                } else {
                    // From the back, so the indices still to go stay put.
                    let mut at: Vec<usize> = picked.collect();
                    if picked.step > 0 {
                        at.reverse();
                    }
                    at.into_iter().map(|i| items.remove(i)).collect()
                };
                drop(items);
                drop(old);
                return Ok(());
            }
            let i = as_index(vm, index, "list")?;
            let mut items = l.items.borrow_mut();
            let Some(i) = index_of(i, items.len()) else {
                return Err(vm.error("IndexError", "list assignment index out of range"));
            };
            let old = items.remove(i);
            drop(items);
            drop(old);
            return Ok(());
        }
        if let Some(inst) = t.instance.get(o) {
            let class = inst.class.clone();
            if let Some(f) = vm.class_lookup(&class, &vm.intern("__delitem__")) {
                vm.call(&f, &[obj.clone(), index.clone()], &[])?;
                return Ok(());
            }
            if let Some(base) = vm.base_of(obj) {
                return delitem(vm, &base, index);
            }
        }
    }
    Err(vm.type_error(format!(
        "'{}' object doesn't support item deletion",
        vm.type_name(obj)
    )))
}

/// `str(v)`.
pub fn str(vm: &Vm, v: &Value) -> Result<String, Exc> {
    if let Some(s) = vm.str_of(v) {
        return Ok(s.to_string());
    }
    if let Some(r) = vm.proxied(v)? {
        return str(vm, &r);
    }
    if let Some(inst) = v.obj().and_then(|o| vm.t.instance.get(o)) {
        let class = inst.class.clone();
        if let Some(f) = vm.class_lookup(&class, &vm.intern("__str__")) {
            let r = vm.call(&f, std::slice::from_ref(v), &[])?;
            return vm.str_of(&r).map(str::to_string).ok_or_else(|| {
                vm.type_error(format!(
                    "__str__ returned non-string (type {})",
                    vm.type_name(&r)
                ))
            });
        }
        if vm.is_subclass(&class, vm.classes.get("BaseException")) {
            return exception_str(vm, v);
        }
    }
    repr(vm, v)
}

/// `BaseException.__str__`: nothing, the one argument's str (a KeyError's repr), or
/// the repr of the arguments.
pub fn exception_str(vm: &Vm, v: &Value) -> Result<String, Exc> {
    let Some(inst) = v.obj().and_then(|o| vm.t.instance.get(o)) else {
        return str(vm, v);
    };
    let args = vm.inst_get(inst, &vm.intern("args"));
    let Some(t) = args.as_ref().and_then(|a| vm.get(vm.t.tuple, a)) else {
        return Ok(String::new());
    };
    match t.items.len() {
        0 => Ok(String::new()),
        1 => {
            let item = t.items[0].clone();
            if vm.is_subclass(&inst.class, vm.classes.get("KeyError")) {
                repr(vm, &item)
            } else {
                str(vm, &item)
            }
        }
        _ => repr(vm, args.as_ref().expect("args")),
    }
}

/// `BaseException.__repr__`: the class name and the arguments' repr.
pub fn exception_repr(vm: &Vm, v: &Value) -> Result<String, Exc> {
    let args = v
        .obj()
        .and_then(|o| vm.t.instance.get(o))
        .and_then(|inst| vm.inst_get(inst, &vm.intern("args")))
        .map(|a| repr(vm, &a))
        .transpose()?
        .unwrap_or_else(|| "()".into());
    let args = if args.ends_with(",)") {
        format!("{})", &args[..args.len() - 2])
    } else {
        args
    };
    Ok(format!("{}{}", vm.type_name(v), args))
}

/// `repr(v)`, with a worklist for containers (and `[...]` for a list inside itself).
pub fn repr(vm: &Vm, v: &Value) -> Result<String, Exc> {
    enum Job {
        Value(Value),
        Text(&'static str),
        Leave(usize),
    }
    let mut out = String::new();
    let mut work = vec![Job::Value(v.clone())];
    let mut open: Vec<usize> = Vec::new();
    while let Some(job) = work.pop() {
        let v = match job {
            Job::Text(t) => {
                out.push_str(t);
                continue;
            }
            Job::Leave(id) => {
                if let Some(p) = open.iter().rposition(|&o| o == id) {
                    open.remove(p);
                }
                continue;
            }
            Job::Value(v) => v,
        };
        // A container subclass without a `__repr__` of its own shows its base (in
        // this worklist, so a subclass inside itself shows `[...]`).
        let v = match vm.base_of(&v) {
            Some(base)
                if vm
                    .class_lookup(&vm.class_of(&v), &vm.intern("__repr__"))
                    .is_none() =>
            {
                base
            }
            _ => v,
        };
        let t = &vm.t;
        match &v {
            Value::Null(_) => out.push_str("<NULL>"),
            Value::None(_) => out.push_str("None"),
            Value::Bool(b) => out.push_str(if b.get() { "True" } else { "False" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&crate::format::float_repr(f.get())),
            Value::Obj(o) => {
                let id = o.id();
                let containers = t.list.is(o) || t.tuple.is(o) || t.dict.is(o);
                if containers && open.len() > vm.recursion_limit.get() {
                    return Err(vm.error(
                        "RecursionError",
                        "maximum recursion depth exceeded while getting the repr of an object",
                    ));
                }
                if containers && open.contains(&id) {
                    out.push_str(if t.list.is(o) {
                        "[...]"
                    } else if t.tuple.is(o) {
                        "(...)"
                    } else {
                        "{...}"
                    });
                    continue;
                }
                if let Some(s) = t.str.get(o) {
                    out.push_str(&crate::format::str_repr(s.as_str()));
                } else if let Some(b) = t.bytes.get(o) {
                    out.push_str(&b.repr());
                } else if let Some(l) = t.list.get(o) {
                    open.push(id);
                    let items = l.items.borrow().to_vec();
                    work.push(Job::Leave(id));
                    work.push(Job::Text("]"));
                    push_items(&mut work, items, Job::Value, Job::Text);
                    out.push('[');
                } else if let Some(tu) = t.tuple.get(o) {
                    open.push(id);
                    let items = tu.items.to_vec();
                    work.push(Job::Leave(id));
                    work.push(Job::Text(if items.len() == 1 { ",)" } else { ")" }));
                    push_items(&mut work, items, Job::Value, Job::Text);
                    out.push('(');
                } else if let Some(d) = t.dict.get(o) {
                    let entries: Vec<(Value, Value)> = d.pairs();
                    if d.is_set {
                        let frozen = d.frozen.get();
                        if entries.is_empty() {
                            out.push_str(if frozen { "frozenset()" } else { "set()" });
                            continue;
                        }
                        open.push(id);
                        work.push(Job::Leave(id));
                        work.push(Job::Text(if frozen { "})" } else { "}" }));
                        let keys = entries.into_iter().map(|(k, _)| k).collect();
                        push_items(&mut work, keys, Job::Value, Job::Text);
                        out.push_str(if frozen { "frozenset({" } else { "{" });
                    } else {
                        open.push(id);
                        work.push(Job::Leave(id));
                        work.push(Job::Text("}"));
                        for (k, (key, value)) in entries.into_iter().enumerate().rev() {
                            work.push(Job::Value(value));
                            work.push(Job::Text(": "));
                            work.push(Job::Value(key));
                            if k > 0 {
                                work.push(Job::Text(", "));
                            }
                        }
                        out.push('{');
                    }
                } else {
                    out.push_str(&object_repr(vm, &v)?);
                }
            }
        }
    }
    Ok(out)
}

fn push_items<J>(
    work: &mut Vec<J>,
    items: Vec<Value>,
    value: impl Fn(Value) -> J,
    text: impl Fn(&'static str) -> J,
) {
    let n = items.len();
    for (k, item) in items.into_iter().enumerate().rev() {
        work.push(value(item));
        if k > 0 && n > 1 {
            work.push(text(", "));
        }
    }
}

/// `object.__repr__`: `<__main__.Name object at 0x...>`.
pub fn default_repr(vm: &Vm, v: &Value) -> String {
    let class = vm.class_of(v);
    let qualname =
        vm.t.class
            .get(&class)
            .and_then(|c| vm.str_of(&c.qualname).map(str::to_string))
            .unwrap_or_default();
    let id = v.obj().map_or(0, gc::ObjRef::id);
    // A built-in class's instance (`object()`) has no module in its repr.
    let builtin =
        vm.t.class
            .get(&class)
            .is_some_and(|c| c.bases_tuple.is_none());
    let module = if builtin { "" } else { "__main__." };
    format!("<{module}{qualname} object at {id:#x}>")
}

/// The repr of a non-container object.
fn object_repr(vm: &Vm, v: &Value) -> Result<String, Exc> {
    let o = v.obj().expect("an object");
    let t = &vm.t;
    if let Some(b) = t.bigint.get(o) {
        let text = b.to_num().to_string();
        crate::int::check_str_digits(vm, text.trim_start_matches('-').len())?;
        return Ok(text);
    }
    if let Some(d) = t.slot_descriptor.get(o) {
        let owner = t
            .class
            .get(&d.owner)
            .and_then(|c| vm.str_of(&c.name))
            .unwrap_or("?");
        let name = vm.str_of(&d.name).unwrap_or("?");
        return Ok(match d.kind {
            crate::object::class::SlotKind::Member => {
                format!("<member '{name}' of '{owner}' objects>")
            }
            _ => format!("<attribute '{name}' of '{owner}' objects>"),
        });
    }
    if let Some(inst) = t.instance.get(o) {
        let class = inst.class.clone();
        if let Some(f) = vm.class_lookup(&class, &vm.intern("__repr__")) {
            let r = vm.call(&f, std::slice::from_ref(v), &[])?;
            return vm.str_of(&r).map(str::to_string).ok_or_else(|| {
                vm.type_error(format!(
                    "__repr__ returned non-string (type {})",
                    vm.type_name(&r)
                ))
            });
        }
        if vm.is_subclass(&class, vm.classes.get("BaseException")) {
            return exception_repr(vm, v);
        }
        return Ok(default_repr(vm, v));
    }
    if let Some(c) = t.class.get(o) {
        let name = vm.str_of(&c.qualname).unwrap_or("?");
        return Ok(if is_builtin_class(vm, o) {
            let module = match name {
                "ReferenceType" | "ProxyType" | "CallableProxyType" => "weakref.",
                _ => "",
            };
            format!("<class '{module}{name}'>")
        } else {
            format!("<class '__main__.{name}'>")
        });
    }
    if let Some(f) = t.function.get(o) {
        return Ok(format!(
            "<function {} at {:#x}>",
            vm.str_of(&f.qualname).unwrap_or("?"),
            o.id()
        ));
    }
    if let Some(b) = t.builtin.get(o) {
        return Ok(if matches!(b.receiver, Value::Null(_)) {
            format!("<built-in function {}>", b.name)
        } else {
            format!(
                "<built-in method {} of {} object at {:#x}>",
                b.name,
                vm.type_name(&b.receiver),
                b.receiver.obj().map_or(0, |r| r.id())
            )
        });
    }
    if let Some(m) = t.method.get(o) {
        let fname = m
            .func
            .obj()
            .and_then(|f| t.function.get(f))
            .and_then(|f| vm.str_of(&f.qualname).map(str::to_string))
            .unwrap_or_default();
        return Ok(format!(
            "<bound method {fname} of {}>",
            repr(vm, &m.receiver)?
        ));
    }
    if let Some(m) = t.module.get(o) {
        return Ok(format!("<module '{}'>", vm.str_of(&m.name).unwrap_or("?")));
    }
    if let Some(r) = t.range.get(o) {
        return Ok(if r.step == 1 {
            format!("range({}, {})", r.start, r.stop)
        } else {
            format!("range({}, {}, {})", r.start, r.stop, r.step)
        });
    }
    if let Some(sl) = t.slice.get(o) {
        let parts = [&sl.parts[0], &sl.parts[1], &sl.parts[2]];
        let mut shown = Vec::with_capacity(3);
        for p in parts {
            shown.push(repr(vm, p)?);
        }
        return Ok(format!("slice({})", shown.join(", ")));
    }
    if let Some(view) = t.view.get(o) {
        let it = iter(vm, v)?;
        let mut parts = Vec::new();
        while let Some(item) = next(vm, &it)? {
            parts.push(repr(vm, &item)?);
        }
        return Ok(format!("{}([{}])", view.type_name(), parts.join(", ")));
    }
    if let Some(w) = t.weakref.get(o).filter(|w| w.kind() == gc::WeakKind::Proxy) {
        // A dead proxy shows what it stands for now: None.
        let (name, id) = match w.get() {
            Some(target) => (vm.type_name(&Value::Obj(target.clone())), target.id()),
            None => ("NoneType".to_string(), 0x5f5_e100),
        };
        return Ok(format!("<weakproxy at {:#x} to {name} at {id:#x}>", o.id()));
    }
    if let Some(w) = t.weakref.get(o) {
        return Ok(match w.get() {
            Some(target) => format!(
                "<weakref at {:#x}; to '{}' at {:#x}>",
                o.id(),
                vm.type_name(&Value::Obj(target.clone())),
                target.id()
            ),
            None => format!("<weakref at {:#x}; dead>", o.id()),
        });
    }
    Ok(format!("<{} object at {:#x}>", vm.type_name(v), o.id()))
}

fn is_builtin_class(vm: &Vm, o: &gc::ObjRef) -> bool {
    vm.classes.by_name.values().any(|c| c.is(o))
}
