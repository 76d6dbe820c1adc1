//! Integer arithmetic past 64 bits: CPython's `int` semantics (arbitrary precision,
//! floor division, two's-complement bitwise operations) for operands or results that
//! do not fit in an immediate value.

use num_bigint::BigInt as Num;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::ast::BinOp;
use crate::interp::{Exc, Vm};
use crate::object::int::BigInt;
use crate::value::Value;

/// Shifts and powers whose result would pass this many bits fail (CPython would try
/// and run out of memory).
const MAX_BITS: u64 = 1 << 26;

/// `a + b` (or `a - b`) on ints of which one at least is big, digit by digit on the
/// heap's storage: no conversion to `num-bigint` and back, and the result's digits
/// become its payload as they are. `None` if either is not an int.
pub fn add_sub(vm: &Vm, a: &Value, b: &Value, subtract: bool) -> Result<Option<Value>, Exc> {
    let (mut buf_a, mut buf_b) = ([0; 2], [0; 2]);
    let (Some((neg_a, da)), Some((neg_b, db))) =
        (digits_of(vm, a, &mut buf_a), digits_of(vm, b, &mut buf_b))
    else {
        return Ok(None);
    };
    let neg_b = neg_b != subtract;
    let mut out = crate::object::hvec();
    out.try_reserve_exact(da.len().max(db.len()) + 1)
        .map_err(|_| vm.memory_error())?;
    let negative = if neg_a == neg_b {
        add_magnitudes(da, db, &mut out);
        neg_a
    } else if compare_magnitudes(da, db).is_ge() {
        sub_magnitudes(da, db, &mut out);
        neg_a
    } else {
        sub_magnitudes(db, da, &mut out);
        neg_b
    };
    from_digits(vm, negative, out).map(Some)
}

/// An int's sign and magnitude (base 2^32 digits, least significant first, no
/// leading zeros), a small int's written into `buf`.
fn digits_of<'a>(vm: &'a Vm, v: &'a Value, buf: &'a mut [u32; 2]) -> Option<(bool, &'a [u32])> {
    let i = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(b.get()),
        Value::Obj(o) => {
            let big = vm.t.bigint.get(o)?;
            return Some((big.negative, &big.digits));
        }
        _ => return None,
    };
    let m = i.unsigned_abs();
    *buf = [m as u32, (m >> 32) as u32];
    let len = if buf[1] != 0 {
        2
    } else {
        usize::from(buf[0] != 0)
    };
    Some((i < 0, &buf[..len]))
}

/// The order of two magnitudes.
fn compare_magnitudes(a: &[u32], b: &[u32]) -> std::cmp::Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// `out = a + b` (room for the carry is reserved).
fn add_magnitudes(a: &[u32], b: &[u32], out: &mut crate::object::HVec<u32>) {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut carry = 0u64;
    for (k, &x) in long.iter().enumerate() {
        let sum = u64::from(x) + u64::from(short.get(k).copied().unwrap_or(0)) + carry;
        out.push(sum as u32);
        carry = sum >> 32;
    }
    if carry != 0 {
        out.push(carry as u32);
    }
}

/// `out = a - b`, for `a >= b`, with no leading zeros.
fn sub_magnitudes(a: &[u32], b: &[u32], out: &mut crate::object::HVec<u32>) {
    let mut borrow = 0u64;
    for (k, &x) in a.iter().enumerate() {
        let take = u64::from(b.get(k).copied().unwrap_or(0)) + borrow;
        let x = u64::from(x);
        if x >= take {
            out.push((x - take) as u32);
            borrow = 0;
        } else {
            out.push((x + (1 << 32) - take) as u32);
            borrow = 1;
        }
    }
    while out.last() == Some(&0) {
        out.pop();
    }
}

/// The int of this sign and magnitude: immediate if it fits in 64 bits, else a big
/// int holding `digits` as they are.
fn from_digits(vm: &Vm, negative: bool, digits: crate::object::HVec<u32>) -> Result<Value, Exc> {
    if digits.len() <= 2 {
        let low = u64::from(digits.first().copied().unwrap_or(0));
        let m = low | (u64::from(digits.get(1).copied().unwrap_or(0)) << 32);
        if !negative && m <= i64::MAX as u64 {
            return Ok(Value::Int(m as i64));
        }
        if negative && m <= 1 << 63 {
            return Ok(Value::Int((m as i64).wrapping_neg()));
        }
    }
    Ok(Value::Obj(
        vm.alloc(vm.t.bigint, BigInt { negative, digits })?,
    ))
}

/// The value as a big number, if it is an int (or bool).
pub fn to_num(vm: &Vm, v: &Value) -> Option<Num> {
    match v {
        Value::Int(i) => Some(Num::from(*i)),
        Value::Bool(b) => Some(Num::from(u8::from(*b))),
        Value::Obj(o) => vm.t.bigint.get(o).map(BigInt::to_num),
        _ => None,
    }
}

/// Whether `v` is a big int.
pub fn is_big(vm: &Vm, v: &Value) -> bool {
    v.obj().is_some_and(|o| vm.t.bigint.is(o))
}

/// The value for `n`: immediate if it fits in 64 bits.
pub fn from_num(vm: &Vm, n: Num) -> Result<Value, Exc> {
    if let Some(i) = n.to_i64() {
        return Ok(Value::Int(i));
    }
    let payload = BigInt::new(&n).map_err(|_| vm.memory_error())?;
    Ok(Value::Obj(vm.alloc(vm.t.bigint, payload)?))
}

/// A big int's value as a float (OverflowError past the largest float).
pub fn to_f64(vm: &Vm, n: &Num) -> Result<f64, Exc> {
    match n.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(vm.error("OverflowError", "int too large to convert to float")),
    }
}

/// `a op b` on ints, at least one of them big or the 64-bit result overflowing.
pub fn binary(vm: &Vm, op: BinOp, a: &Num, b: &Num) -> Result<Value, Exc> {
    let zero = || vm.error("ZeroDivisionError", "integer division or modulo by zero");
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => {
            if a.bits() + b.bits() > MAX_BITS {
                return Err(vm.memory_error());
            }
            a * b
        }
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(zero());
            }
            a.div_floor(b)
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(vm.error("ZeroDivisionError", "integer modulo by zero"));
            }
            a.mod_floor(b)
        }
        BinOp::Div => {
            if b.is_zero() {
                return Err(vm.error("ZeroDivisionError", "division by zero"));
            }
            return Ok(Value::float(true_div(vm, a, b)?));
        }
        BinOp::Pow => {
            if b.is_negative() {
                if a.is_zero() {
                    return Err(vm.error(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                return Ok(Value::float(to_f64(vm, a)?.powf(to_f64(vm, b)?)));
            }
            if a.is_zero() || a.is_one() {
                return from_num(vm, if b.is_zero() { Num::one() } else { a.clone() });
            }
            if *a == Num::from(-1) {
                return from_num(vm, if b.is_even() { Num::one() } else { a.clone() });
            }
            let e = b
                .to_u64()
                .filter(|e| e.saturating_mul(a.bits()) <= MAX_BITS);
            let Some(e) = e else {
                return Err(vm.memory_error());
            };
            num_traits::pow(a.clone(), e as usize)
        }
        BinOp::LShift => {
            if b.is_negative() {
                return Err(vm.error("ValueError", "negative shift count"));
            }
            let s = b.to_u64().filter(|s| s + a.bits() <= MAX_BITS);
            match s {
                _ if a.is_zero() => Num::zero(),
                Some(s) => a << s,
                // CPython shifts by whole 30-bit digits first: a digit count past
                // the index range is an OverflowError, any other too large a
                // shift a MemoryError.
                None if (b / Num::from(30)).to_i64().is_none() => {
                    return Err(vm.error("OverflowError", "too many digits in integer"))
                }
                None => return Err(vm.memory_error()),
            }
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(vm.error("ValueError", "negative shift count"));
            }
            match b.to_u64() {
                Some(s) => a >> s,
                None if a.is_negative() => Num::from(-1),
                None => Num::zero(),
            }
        }
        BinOp::BitAnd => a & b,
        BinOp::BitOr => a | b,
        BinOp::BitXor => a ^ b,
        BinOp::MatMul => {
            return Err(vm.type_error("unsupported operand type(s) for @: 'int' and 'int'"))
        }
    };
    from_num(vm, r)
}

/// `a / b` correctly rounded, as CPython's long true division is.
fn true_div(vm: &Vm, a: &Num, b: &Num) -> Result<f64, Exc> {
    if let (Some(x), Some(y)) = (a.to_f64(), b.to_f64()) {
        if a.bits() <= 53 && b.bits() <= 53 {
            return Ok(x / y);
        }
    }
    // Scale so the quotient has 64 significant bits, then round through f64.
    let shift = 64i64 + b.bits() as i64 - a.bits() as i64;
    let (n, d) = if shift >= 0 {
        (a << shift as u64, b.clone())
    } else {
        (a.clone(), b << (-shift) as u64)
    };
    let q = n.div_floor(&d);
    let f = q.to_f64().unwrap_or(f64::INFINITY) * 2f64.powi(-shift as i32);
    if f.is_infinite() {
        return Err(vm.error(
            "OverflowError",
            "integer division result too large for a float",
        ));
    }
    Ok(f)
}

/// CPython's `hash()` of a big int: the value modulo 2^61 - 1, with its sign.
pub fn hash(n: &Num) -> i64 {
    let modulus = Num::from((1u64 << 61) - 1);
    let m = (n.abs() % &modulus).to_i64().unwrap_or(0);
    let h = if n.is_negative() { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's limit on decimal conversions of ints (`sys.set_int_max_str_digits`,
/// 4300 by default; 0 means none): an int of more digits has no str and no decimal
/// text makes one.
pub fn check_str_digits(vm: &Vm, digits: usize) -> Result<(), Exc> {
    let limit = vm.int_max_str_digits.get();
    if limit > 0 && digits > limit {
        return Err(vm.error(
            "ValueError",
            format!(
                "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    /// An int from up to four random digits, a sign, and a shape that favours the
    /// edges: runs of full or empty digits, where carries and borrows travel.
    fn num(digits: &[u32], negative: bool) -> Num {
        let sign = if negative {
            num_bigint::Sign::Minus
        } else {
            num_bigint::Sign::Plus
        };
        Num::from_slice(sign, digits)
    }

    #[test]
    fn add_sub_on_digits_agrees_with_num_bigint() {
        let heap = gc::Heap::new(gc::allocator::Kind::Pymalloc).expect("a heap");
        let vm = Vm::new(heap);
        let digit = prop_oneof![
            Just(0u32),
            Just(1),
            Just(u32::MAX),
            Just(1 << 31),
            any::<u32>()
        ];
        let side = (proptest::collection::vec(digit, 0..5), any::<bool>());
        let mut runner = TestRunner::new(Config::with_cases(2000));
        runner
            .run(
                &(side.clone(), side, any::<bool>()),
                |((da, na), (db, nb), subtract)| {
                    let (x, y) = (num(&da, na), num(&db, nb));
                    let (a, b) = (
                        from_num(&vm, x.clone()).unwrap(),
                        from_num(&vm, y.clone()).unwrap(),
                    );
                    let got = add_sub(&vm, &a, &b, subtract).unwrap().expect("two ints");
                    let want = if subtract { &x - &y } else { &x + &y };
                    prop_assert_eq!(to_num(&vm, &got), Some(want.clone()));
                    // Normalized as every int is: immediate exactly when it fits.
                    prop_assert_eq!(matches!(got, Value::Int(_)), want.to_i64().is_some());
                    Ok(())
                },
            )
            .unwrap();
    }
}
