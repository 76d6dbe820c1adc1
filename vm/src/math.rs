//! The `math` module: CPython's functions on floats and ints, with its domain errors.

use crate::builtins::{arg, exactly};
use crate::interp::{Exc, Vm};
use crate::object::func::BuiltinFn;
use crate::value::Value;

type R = Result<Value, Exc>;
type Kw<'a> = &'a [(Value, Value)];

/// The module's functions.
pub const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("sqrt", sqrt),
    ("isqrt", isqrt),
    ("floor", floor),
    ("ceil", ceil),
    ("trunc", trunc),
    ("fabs", fabs),
    ("exp", exp),
    ("log", log),
    ("log2", log2),
    ("log10", log10),
    ("pow", pow),
    ("sin", sin),
    ("cos", cos),
    ("tan", tan),
    ("asin", asin),
    ("acos", acos),
    ("atan", atan),
    ("atan2", atan2),
    ("hypot", hypot),
    ("fmod", fmod),
    ("copysign", copysign),
    ("gcd", gcd),
    ("factorial", factorial),
    ("isnan", isnan),
    ("isinf", isinf),
    ("isfinite", isfinite),
    ("isclose", isclose),
];

/// The module's constants.
pub const CONSTANTS: &[(&str, f64)] = &[
    ("pi", std::f64::consts::PI),
    ("e", std::f64::consts::E),
    ("tau", std::f64::consts::TAU),
    ("inf", f64::INFINITY),
    ("nan", f64::NAN),
];

/// A number argument as a float (TypeError otherwise; OverflowError for an int too
/// big for one).
fn float(vm: &Vm, v: &Value) -> Result<f64, Exc> {
    match v {
        Value::Float(f) => Ok(f.get()),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        _ => match crate::int::to_num(vm, v) {
            Some(n) => num_traits::ToPrimitive::to_f64(&n)
                .filter(|f| f.is_finite())
                .ok_or_else(|| vm.error("OverflowError", "int too large to convert to float")),
            None => Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v)))),
        },
    }
}

fn one(vm: &Vm, args: &[Value], name: &str) -> Result<f64, Exc> {
    exactly(vm, args, 1, name)?;
    float(vm, &args[0])
}

fn domain(vm: &Vm) -> Exc {
    vm.error("ValueError", "math domain error")
}

/// A float result, with CPython's errors: a domain error for NaN from a number, a
/// range error for an overflow to infinity from finite inputs.
fn result(vm: &Vm, x: f64, r: f64) -> R {
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(vm.error("OverflowError", "math range error"));
    }
    Ok(Value::float(r))
}

fn sqrt(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = one(vm, args, "sqrt")?;
    result(vm, x, x.sqrt())
}

fn isqrt(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "isqrt")?;
    let n = crate::int::to_num(vm, &args[0]).ok_or_else(|| {
        vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(&args[0])
        ))
    })?;
    if num_traits::Signed::is_negative(&n) {
        return Err(vm.error("ValueError", "isqrt() argument must be nonnegative"));
    }
    crate::int::from_num(vm, n.sqrt())
}

/// `floor`/`ceil`/`trunc`: ints stay, floats round to an int (big if need be).
fn to_int(vm: &Vm, args: &[Value], name: &str, round: fn(f64) -> f64) -> R {
    exactly(vm, args, 1, name)?;
    let v = &args[0];
    if crate::int::to_num(vm, v).is_some() {
        return match v {
            Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
            _ => Ok(v.clone()),
        };
    }
    let x = float(vm, v)?;
    if x.is_nan() {
        return Err(vm.error("ValueError", "cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.error("OverflowError", "cannot convert float infinity to integer"));
    }
    let r = round(x);
    if r.abs() < 9.0e18 {
        return Ok(Value::Int(r as i64));
    }
    let n: num_bigint::BigInt =
        num_traits::FromPrimitive::from_f64(r).expect("a finite float is an integer");
    crate::int::from_num(vm, n)
}

fn floor(vm: &Vm, args: &[Value], _: Kw) -> R {
    to_int(vm, args, "floor", f64::floor)
}

fn ceil(vm: &Vm, args: &[Value], _: Kw) -> R {
    to_int(vm, args, "ceil", f64::ceil)
}

fn trunc(vm: &Vm, args: &[Value], _: Kw) -> R {
    to_int(vm, args, "trunc", f64::trunc)
}

fn fabs(vm: &Vm, args: &[Value], _: Kw) -> R {
    Ok(Value::float(one(vm, args, "fabs")?.abs()))
}

fn exp(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = one(vm, args, "exp")?;
    result(vm, x, x.exp())
}

fn log(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = float(vm, arg(vm, args, 0, "log")?)?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    match args.get(1) {
        None => Ok(Value::float(x.ln())),
        Some(b) => {
            let b = float(vm, b)?;
            if b <= 0.0 {
                return Err(domain(vm));
            }
            if b == 1.0 {
                return Err(vm.error("ZeroDivisionError", "float division by zero"));
            }
            Ok(Value::float(x.ln() / b.ln()))
        }
    }
}

fn log2(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = one(vm, args, "log2")?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(Value::float(x.log2()))
}

fn log10(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = one(vm, args, "log10")?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(Value::float(x.log10()))
}

fn pow(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "pow")?;
    let (x, y) = (float(vm, &args[0])?, float(vm, &args[1])?);
    if x == 0.0 && y < 0.0 {
        return Err(domain(vm));
    }
    let r = x.powf(y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.error("OverflowError", "math range error"));
    }
    Ok(Value::float(r))
}

fn sin(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = one(vm, args, "sin")?;
    result(vm, x, x.sin())
}

fn cos(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = one(vm, args, "cos")?;
    result(vm, x, x.cos())
}

fn tan(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = one(vm, args, "tan")?;
    result(vm, x, x.tan())
}

fn asin(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = one(vm, args, "asin")?;
    result(vm, x, x.asin())
}

fn acos(vm: &Vm, args: &[Value], _: Kw) -> R {
    let x = one(vm, args, "acos")?;
    result(vm, x, x.acos())
}

fn atan(vm: &Vm, args: &[Value], _: Kw) -> R {
    Ok(Value::float(one(vm, args, "atan")?.atan()))
}

fn atan2(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "atan2")?;
    Ok(Value::float(
        float(vm, &args[0])?.atan2(float(vm, &args[1])?),
    ))
}

fn hypot(vm: &Vm, args: &[Value], _: Kw) -> R {
    let mut sum = 0.0f64;
    for a in args {
        let x = float(vm, a)?;
        sum = sum.hypot(x);
    }
    Ok(Value::float(sum))
}

fn fmod(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "fmod")?;
    let (x, y) = (float(vm, &args[0])?, float(vm, &args[1])?);
    if y == 0.0 || x.is_infinite() {
        return Err(domain(vm));
    }
    Ok(Value::float(x % y))
}

fn copysign(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "copysign")?;
    Ok(Value::float(
        float(vm, &args[0])?.copysign(float(vm, &args[1])?),
    ))
}

fn int_of(vm: &Vm, v: &Value) -> Result<num_bigint::BigInt, Exc> {
    crate::int::to_num(vm, v).ok_or_else(|| {
        vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))
    })
}

fn gcd(vm: &Vm, args: &[Value], _: Kw) -> R {
    let mut g = num_bigint::BigInt::from(0);
    for a in args {
        g = num_integer::Integer::gcd(&g, &int_of(vm, a)?);
    }
    crate::int::from_num(vm, g)
}

fn factorial(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "factorial")?;
    let n = int_of(vm, &args[0])?;
    if num_traits::Signed::is_negative(&n) {
        return Err(vm.error("ValueError", "factorial() not defined for negative values"));
    }
    let n: u64 = num_traits::ToPrimitive::to_u64(&n)
        .filter(|&n| n <= 100_000)
        .ok_or_else(|| {
            vm.error(
                "OverflowError",
                "factorial() argument should not exceed 100000",
            )
        })?;
    let mut r = num_bigint::BigInt::from(1);
    for k in 2..=n {
        r *= k;
    }
    crate::int::from_num(vm, r)
}

fn isnan(vm: &Vm, args: &[Value], _: Kw) -> R {
    Ok(Value::bool(one(vm, args, "isnan")?.is_nan()))
}

fn isinf(vm: &Vm, args: &[Value], _: Kw) -> R {
    Ok(Value::bool(one(vm, args, "isinf")?.is_infinite()))
}

fn isfinite(vm: &Vm, args: &[Value], _: Kw) -> R {
    Ok(Value::bool(one(vm, args, "isfinite")?.is_finite()))
}

fn isclose(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let a = float(vm, arg(vm, args, 0, "isclose")?)?;
    let b = float(vm, arg(vm, args, 1, "isclose")?)?;
    let rel = match crate::builtins::kwarg(vm, kwargs, "rel_tol") {
        Some(v) => float(vm, v)?,
        None => 1e-9,
    };
    let abs = match crate::builtins::kwarg(vm, kwargs, "abs_tol") {
        Some(v) => float(vm, v)?,
        None => 0.0,
    };
    if a == b {
        return Ok(Value::bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::bool(
        diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs,
    ))
}
