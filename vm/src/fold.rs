//! Constant folding, as CPython 3.11's AST optimizer (Python/ast_opt.c) does it.
//!
//! An operator whose operands are constants becomes a constant of the code object,
//! and so does a tuple display of constants. A program can see the difference: a
//! folded tuple is one shared object, so `(1, -1)` allocates nothing at run time (and
//! `gc.get_count()` does not move), `2 ** 100 is 2 ** 100` holds, and a set display of
//! constants is built from a folded frozenset in that frozenset's order. So heaplab
//! folds exactly what CPython folds: unary operators on any constant; binary
//! operators on numbers, and `+` and `*` on `str` and `bytes`, within CPython's size
//! limits; an item of a constant str, tuple or bytes at a constant index (`safe_multiply`, `safe_power`, `safe_lshift`: 128-bit integers, 4096-item
//! strings); nothing that would raise (`1 / 0` stays an operation and raises when it
//! runs). Folding is bottom-up: `-(2 ** 3)` folds its operand first.
//!
//! The one place heaplab folds less: an int true division whose operands do not fit
//! in 53 bits (CPython folds it; its correctly rounded result is computed at run time
//! here).

use num_bigint::BigInt as Num;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::ast::{self, BinOp, Expr, ExprKind, UnaryOp};
use crate::bytecode::Const;
use crate::lexer::IntLit;

/// CPython's `MAX_INT_SIZE`: folded integers stay within this many bits.
const MAX_INT_SIZE: u64 = 128;
/// CPython's `MAX_STR_SIZE`: folded strings and bytes stay within this many items.
const MAX_STR_SIZE: usize = 4096;
/// CPython's `MAX_COLLECTION_SIZE`: a folded repeated tuple stays within this many items.
const MAX_COLLECTION_SIZE: usize = 256;
/// CPython's `MAX_TOTAL_ITEMS`: nor does it hold more, nested tuples counted.
const MAX_TOTAL_ITEMS: usize = 1024;

/// The constant `e` is, if CPython's optimizer makes it one.
pub fn fold(e: &Expr) -> Option<Const> {
    match &e.kind {
        ExprKind::Const(c) => Some(literal(c)),
        ExprKind::Unary(op, operand) => unary(*op, &fold(operand)?),
        ExprKind::Binary(op, a, b) => binary(*op, &fold(a)?, &fold(b)?),
        ExprKind::Tuple(items) => items
            .iter()
            .map(fold)
            .collect::<Option<Vec<_>>>()
            .map(Const::Tuple),
        ExprKind::Subscript(value, index) => subscript(&fold(value)?, &fold(index)?),
        _ => None,
    }
}

/// `value[index]` of constants, as CPython's `fold_subscr`: an item of a str, tuple
/// or bytes at an int index in range (one out of range stays an operation, and
/// raises when it runs).
fn subscript(value: &Const, index: &Const) -> Option<Const> {
    let i = match index {
        Const::Int(IntLit::Small(i)) => *i,
        Const::Bool(b) => i64::from(*b),
        _ => return None,
    };
    let at = |len: usize| {
        let len = i64::try_from(len).ok()?;
        let k = if i < 0 { i + len } else { i };
        (0..len).contains(&k).then_some(k as usize)
    };
    match value {
        Const::Str(s) => {
            let c = s.chars().nth(at(s.chars().count())?)?;
            Some(Const::Str(c.to_string()))
        }
        Const::Tuple(items) => items.get(at(items.len())?).cloned(),
        Const::Bytes(b) => Some(Const::Int(IntLit::Small(i64::from(b[at(b.len())?])))),
        _ => None,
    }
}

/// A literal as a constant.
pub fn literal(c: &ast::Const) -> Const {
    match c {
        ast::Const::None => Const::None,
        ast::Const::Bool(b) => Const::Bool(*b),
        ast::Const::Int(i) => Const::Int(i.clone()),
        ast::Const::Float(f) => Const::Float(*f),
        ast::Const::Str(s) => Const::Str(s.clone()),
        ast::Const::Bytes(b) => Const::Bytes(b.clone()),
        ast::Const::Ellipsis => Const::Ellipsis,
    }
}

/// A number, as arithmetic sees it (a bool is the int 0 or 1).
enum Number {
    Int(Num),
    Float(f64),
}

fn number(c: &Const) -> Option<Number> {
    Some(match c {
        Const::Bool(b) => Number::Int(Num::from(u8::from(*b))),
        Const::Int(IntLit::Small(i)) => Number::Int(Num::from(*i)),
        Const::Int(IntLit::Big { digits, radix }) => {
            Number::Int(Num::parse_bytes(digits.as_bytes(), *radix)?)
        }
        Const::Float(f) => Number::Float(*f),
        _ => return None,
    })
}

/// The constant for an int: immediate-sized or big (in decimal digits).
fn int(n: Num) -> Const {
    match n.to_i64() {
        Some(i) => Const::Int(IntLit::Small(i)),
        None => Const::Int(IntLit::Big {
            digits: n.to_str_radix(10),
            radix: 10,
        }),
    }
}

/// An int as a float, if it converts (CPython raises OverflowError past the range).
fn float_of(n: &Num) -> Option<f64> {
    n.to_f64().filter(|f| f.is_finite())
}

/// Python's truth value of a constant.
fn truth(c: &Const) -> bool {
    match c {
        Const::None => false,
        Const::Bool(b) => *b,
        Const::Int(IntLit::Small(i)) => *i != 0,
        // A big literal is never zero.
        Const::Int(IntLit::Big { .. }) => true,
        Const::Float(f) => *f != 0.0,
        Const::Str(s) => !s.is_empty(),
        Const::Bytes(b) => !b.is_empty(),
        Const::Tuple(items) | Const::FrozenSet(items) => !items.is_empty(),
        Const::Ellipsis | Const::Code(_) => true,
    }
}

fn unary(op: UnaryOp, c: &Const) -> Option<Const> {
    if op == UnaryOp::Not {
        return Some(Const::Bool(!truth(c)));
    }
    Some(match (op, number(c)?) {
        (UnaryOp::Neg, Number::Int(n)) => int(-n),
        (UnaryOp::Neg, Number::Float(f)) => Const::Float(-f),
        (UnaryOp::Pos, Number::Int(n)) => int(n),
        (UnaryOp::Pos, Number::Float(f)) => Const::Float(f),
        (UnaryOp::Invert, Number::Int(n)) => int(-n - 1),
        _ => return None,
    })
}

fn binary(op: BinOp, a: &Const, b: &Const) -> Option<Const> {
    match (a, b) {
        (Const::Str(_) | Const::Bytes(_), _) | (_, Const::Str(_) | Const::Bytes(_)) => {
            return text(op, a, b)
        }
        (Const::Tuple(_), _) | (_, Const::Tuple(_)) => return tuple(op, a, b),
        // Bitwise operations of two bools are bools.
        (Const::Bool(x), Const::Bool(y)) => match op {
            BinOp::BitAnd => return Some(Const::Bool(x & y)),
            BinOp::BitOr => return Some(Const::Bool(x | y)),
            BinOp::BitXor => return Some(Const::Bool(x ^ y)),
            _ => {}
        },
        _ => {}
    }
    match (number(a)?, number(b)?) {
        (Number::Int(x), Number::Int(y)) => int_binary(op, &x, &y),
        (Number::Float(x), Number::Int(y)) => float_binary(op, x, float_of(&y)?),
        (Number::Int(x), Number::Float(y)) => float_binary(op, float_of(&x)?, y),
        (Number::Float(x), Number::Float(y)) => float_binary(op, x, y),
    }
}

fn int_binary(op: BinOp, x: &Num, y: &Num) -> Option<Const> {
    let nonzero = !x.is_zero() && !y.is_zero();
    Some(int(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => {
            if nonzero && x.bits() + y.bits() > MAX_INT_SIZE {
                return None;
            }
            x * y
        }
        BinOp::FloorDiv if !y.is_zero() => x.div_floor(y),
        BinOp::Mod if !y.is_zero() => x.mod_floor(y),
        BinOp::Div if !y.is_zero() => {
            if x.bits() > 53 || y.bits() > 53 {
                return None;
            }
            return Some(Const::Float(float_of(x)? / float_of(y)?));
        }
        BinOp::Pow if y.is_negative() => {
            if x.is_zero() {
                return None;
            }
            return float_binary(op, float_of(x)?, float_of(y)?);
        }
        BinOp::Pow => {
            let e = y.to_u64()?;
            if nonzero && x.bits() > MAX_INT_SIZE / e {
                return None;
            }
            num_traits::pow(x.clone(), usize::try_from(e).ok()?)
        }
        BinOp::LShift if !y.is_negative() => {
            if nonzero {
                let s = y.to_u64()?;
                if s > MAX_INT_SIZE || x.bits() > MAX_INT_SIZE - s {
                    return None;
                }
                x << s
            } else {
                x.clone()
            }
        }
        BinOp::RShift if !y.is_negative() => match y.to_u64() {
            Some(s) => x >> s,
            None if x.is_negative() => Num::from(-1),
            None => Num::zero(),
        },
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        _ => return None,
    }))
}

fn float_binary(op: BinOp, x: f64, y: f64) -> Option<Const> {
    Some(Const::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div if y != 0.0 => x / y,
        BinOp::FloorDiv if y != 0.0 => crate::ops::float_floordiv(x, y),
        BinOp::Mod if y != 0.0 => crate::ops::float_mod(x, y),
        BinOp::Pow => {
            // Whatever would raise (a zero to a negative power, a negative number to a
            // fractional one, an overflow) is left to run time.
            if (x == 0.0 && y < 0.0) || (x < 0.0 && y.is_finite() && y.fract() != 0.0) {
                return None;
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return None;
            }
            r
        }
        _ => return None,
    }))
}

/// `str`/`bytes` concatenation and repetition (CPython does not fold `%`).
fn text(op: BinOp, a: &Const, b: &Const) -> Option<Const> {
    let times = |n: &Const, len: usize| -> Option<usize> {
        let n = match n {
            Const::Int(IntLit::Small(n)) => *n,
            Const::Bool(b) => i64::from(*b),
            _ => return None,
        };
        if len == 0 {
            return usize::try_from(n.max(0)).ok();
        }
        let n = usize::try_from(n).ok()?;
        (n <= MAX_STR_SIZE / len).then_some(n)
    };
    Some(match (op, a, b) {
        (BinOp::Add, Const::Str(x), Const::Str(y)) => Const::Str(format!("{x}{y}")),
        (BinOp::Add, Const::Bytes(x), Const::Bytes(y)) => Const::Bytes([&x[..], y].concat()),
        (BinOp::Mul, Const::Str(s), n) | (BinOp::Mul, n, Const::Str(s)) => {
            Const::Str(s.repeat(times(n, s.chars().count())?))
        }
        (BinOp::Mul, Const::Bytes(s), n) | (BinOp::Mul, n, Const::Bytes(s)) => {
            Const::Bytes(s.repeat(times(n, s.len())?))
        }
        _ => return None,
    })
}

/// Items of a constant, nested tuples counted (CPython's `check_complexity`).
fn total_items(c: &Const) -> usize {
    match c {
        Const::Tuple(items) => items.len() + items.iter().map(total_items).sum::<usize>(),
        _ => 0,
    }
}

/// Tuple concatenation and repetition.
fn tuple(op: BinOp, a: &Const, b: &Const) -> Option<Const> {
    Some(match (op, a, b) {
        (BinOp::Add, Const::Tuple(x), Const::Tuple(y)) => {
            Const::Tuple(x.iter().chain(y).cloned().collect())
        }
        (BinOp::Mul, Const::Tuple(items), n) | (BinOp::Mul, n, Const::Tuple(items)) => {
            let n = match n {
                Const::Int(IntLit::Small(n)) => *n,
                Const::Bool(b) => i64::from(*b),
                _ => return None,
            };
            if !items.is_empty() {
                let n = usize::try_from(n).ok()?;
                let t = Const::Tuple(items.clone());
                if n > MAX_COLLECTION_SIZE / items.len()
                    || (n > 0 && total_items(&t) > MAX_TOTAL_ITEMS / n)
                {
                    return None;
                }
            }
            let n = usize::try_from(n.max(0)).ok()?;
            Const::Tuple(
                items
                    .iter()
                    .cycle()
                    .take(items.len() * n)
                    .cloned()
                    .collect(),
            )
        }
        _ => return None,
    })
}
