//! The `random` module: CPython's Mersenne Twister and the algorithms Lib/random.py
//! builds on it, so a seeded program draws the same numbers under both.
//!
//! `seed(n)` keys MT19937 with `abs(n)` as 32-bit words, least significant first
//! (`init_by_array`); `random()` takes 53 bits from two draws; `getrandbits(k)` draws
//! 32-bit words; `randrange`, `randint`, `choice`, `shuffle` and `sample` reduce to
//! `_randbelow(n)`, which draws `n.bit_length()` bits until the value is below `n`.

use num_bigint::BigInt;
use rand_mt::Mt;

use crate::builtins::{arg, exactly, int_arg};
use crate::interp::{Exc, Vm};
use crate::object::func::BuiltinFn;
use crate::value::Value;

type R = Result<Value, Exc>;
type Kw<'a> = &'a [(Value, Value)];

/// The module's functions.
pub const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("_new_state", new_state),
    ("_with_state", with_state),
    ("seed", seed),
    ("random", random),
    ("getrandbits", getrandbits),
    ("randrange", randrange),
    ("randint", randint),
    ("choice", choice),
    ("shuffle", shuffle),
    ("sample", sample),
    ("uniform", uniform),
];

/// The generator of a `random.Random` instance (the class is Python, in
/// `random_prelude.py`): its methods run the module's functions with this generator
/// swapped in for the module's own.
pub struct RandomState {
    /// The generator.
    pub mt: std::cell::RefCell<Mt>,
}

impl gc::Trace for RandomState {
    const GC: bool = false;

    fn type_name(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed("random_state")
    }

    fn getsizeof(&self) -> usize {
        2512
    }
}

/// `_new_state(seed)`: a generator seeded as `seed(seed)` seeds the module's.
fn new_state(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let saved = vm.random.replace(unseeded());
    let seeded = seed(vm, args, kwargs);
    let mt = vm.random.replace(saved);
    seeded?;
    let state = vm.alloc(
        vm.t.random_state,
        RandomState {
            mt: std::cell::RefCell::new(mt),
        },
    )?;
    Ok(Value::Obj(state))
}

/// `_with_state(state, f, *args)`: `f(*args)` drawing from `state`'s generator.
fn with_state(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let state = args
        .first()
        .and_then(|s| vm.get(vm.t.random_state, s))
        .ok_or_else(|| vm.type_error("_with_state needs a generator state"))?;
    let f = arg(vm, args, 1, "_with_state")?;
    // Swapped in and back out around the call, whatever it raises; the call may
    // reach another Random (a key function), which swaps its own in the same way.
    std::mem::swap(&mut *vm.random.borrow_mut(), &mut *state.mt.borrow_mut());
    let r = vm.call(f, &args[2..], kwargs);
    std::mem::swap(&mut *vm.random.borrow_mut(), &mut *state.mt.borrow_mut());
    r
}

/// A generator seeded from the clock, as an unseeded CPython one is from the OS.
pub fn unseeded() -> Mt {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    Mt::new_with_key([t as u32, (t >> 32) as u32, (t >> 64) as u32])
}

fn seed(vm: &Vm, args: &[Value], _: Kw) -> R {
    let a = args.first().cloned().unwrap_or(Value::NONE);
    let n = match &a {
        Value::None(_) => {
            *vm.random.borrow_mut() = unseeded();
            return Ok(Value::NONE);
        }
        // CPython seeds with the hash as an unsigned word.
        Value::Float(_) => BigInt::from(vm.hash(&a)? as u64),
        v => crate::int::to_num(vm, v).ok_or_else(|| {
            vm.type_error(format!(
                "The only supported seed types are: None, int and float (not {})",
                vm.type_name(v)
            ))
        })?,
    };
    let (_, mut digits) = num_traits::Signed::abs(&n).to_u32_digits();
    if digits.is_empty() {
        digits.push(0);
    }
    *vm.random.borrow_mut() = Mt::new_with_key(digits);
    Ok(Value::NONE)
}

fn next_u32(vm: &Vm) -> u32 {
    vm.random.borrow_mut().next_u32()
}

/// `random()`: 53 random bits as a float in [0, 1).
fn draw(vm: &Vm) -> f64 {
    let a = f64::from(next_u32(vm) >> 5);
    let b = f64::from(next_u32(vm) >> 6);
    (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
}

fn random(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 0, "random")?;
    Ok(Value::float(draw(vm)))
}

/// `getrandbits(k)`: `k` random bits, 32 per draw, least significant word first.
fn bits(vm: &Vm, k: u64) -> BigInt {
    if k == 0 {
        return BigInt::from(0);
    }
    if k <= 32 {
        return BigInt::from(next_u32(vm) >> (32 - k) as u32);
    }
    let mut words = Vec::with_capacity(k.div_ceil(32) as usize);
    let mut left = k;
    while left > 0 {
        let mut r = next_u32(vm);
        if left < 32 {
            r >>= 32 - left;
        }
        words.push(r);
        left = left.saturating_sub(32);
    }
    BigInt::from_slice(num_bigint::Sign::Plus, &words)
}

fn getrandbits(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "getrandbits")?;
    let k = int_arg(vm, &args[0])?;
    if k < 0 {
        return Err(vm.error("ValueError", "number of bits must be non-negative"));
    }
    crate::int::from_num(vm, bits(vm, k as u64))
}

/// `_randbelow(n)`: a random int in [0, n), by rejection of `n.bit_length()` bits.
fn below(vm: &Vm, n: &BigInt) -> BigInt {
    if num_traits::Zero::is_zero(n) {
        return BigInt::from(0);
    }
    let k = n.bits();
    loop {
        let r = bits(vm, k);
        if &r < n {
            return r;
        }
    }
}

/// `_randbelow` of a small `n`.
fn below_usize(vm: &Vm, n: usize) -> usize {
    num_traits::ToPrimitive::to_usize(&below(vm, &BigInt::from(n))).unwrap_or(0)
}

fn index(vm: &Vm, v: &Value) -> Result<BigInt, Exc> {
    crate::int::to_num(vm, v).ok_or_else(|| {
        vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))
    })
}

/// Lib/random.py's `randrange(start, stop=None, step=1)`.
fn range(vm: &Vm, start: &Value, stop: Option<&Value>, step: Option<&Value>) -> R {
    let istart = index(vm, start)?;
    let Some(stop) = stop.filter(|s| !matches!(s, Value::None(_))) else {
        if istart > BigInt::from(0) {
            return crate::int::from_num(vm, below(vm, &istart));
        }
        return Err(vm.error("ValueError", "empty range for randrange()"));
    };
    let istop = index(vm, stop)?;
    let width = &istop - &istart;
    let istep = match step {
        Some(s) => index(vm, s)?,
        None => BigInt::from(1),
    };
    let one = BigInt::from(1);
    if istep == one {
        if width > BigInt::from(0) {
            return crate::int::from_num(vm, &istart + below(vm, &width));
        }
        return Err(vm.error(
            "ValueError",
            format!("empty range for randrange() ({istart}, {istop}, {width})"),
        ));
    }
    let zero = BigInt::from(0);
    let n = if istep > zero {
        num_integer::Integer::div_floor(&(&width + &istep - &one), &istep)
    } else if istep < zero {
        num_integer::Integer::div_floor(&(&width + &istep + &one), &istep)
    } else {
        return Err(vm.error("ValueError", "zero step for randrange()"));
    };
    if n <= zero {
        return Err(vm.error("ValueError", "empty range for randrange()"));
    }
    crate::int::from_num(vm, istart + istep * below(vm, &n))
}

fn randrange(vm: &Vm, args: &[Value], _: Kw) -> R {
    range(vm, arg(vm, args, 0, "randrange")?, args.get(1), args.get(2))
}

fn randint(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "randint")?;
    let b = crate::int::from_num(vm, index(vm, &args[1])? + 1)?;
    range(vm, &args[0], Some(&b), None)
}

fn choice(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "choice")?;
    let seq = &args[0];
    let n = crate::builtins::len(vm, std::slice::from_ref(seq), &[])?;
    let n = int_arg(vm, &n)? as usize;
    if n == 0 {
        return Err(vm.error("IndexError", "Cannot choose from an empty sequence"));
    }
    let i = below_usize(vm, n);
    crate::ops::getitem(vm, seq, &Value::Int(i as i64))
}

fn shuffle(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 1, "shuffle")?;
    let Some(list) = vm.get(vm.t.list, &args[0]) else {
        return Err(vm.type_error("shuffle() needs a list"));
    };
    let n = list.items.borrow().len();
    for i in (1..n).rev() {
        let j = below_usize(vm, i + 1);
        let mut items = list.items.borrow_mut();
        if i < items.len() && j < items.len() {
            items.swap(i, j);
        }
    }
    Ok(Value::NONE)
}

/// Lib/random.py's `sample(population, k)`: a pool for small populations, a set of
/// chosen indices for large ones.
fn sample(vm: &Vm, args: &[Value], kwargs: Kw) -> R {
    let population = vm.collect_iter(arg(vm, args, 0, "sample")?)?;
    let k = match args
        .get(1)
        .or_else(|| crate::builtins::kwarg(vm, kwargs, "k"))
    {
        Some(k) => int_arg(vm, k)?,
        None => return Err(vm.type_error("sample() missing required argument 'k'")),
    };
    let n = population.len();
    if k < 0 || k as usize > n {
        return Err(vm.error("ValueError", "Sample larger than population or is negative"));
    }
    let k = k as usize;
    let mut setsize = 21usize;
    if k > 5 {
        // 4 ** ceil(log(3k, 4))
        let mut p = 1usize;
        while p < 3 * k {
            p *= 4;
        }
        setsize += p;
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = population;
        for i in 0..k {
            let j = below_usize(vm, n - i);
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = below_usize(vm, n);
            while selected.contains(&j) {
                j = below_usize(vm, n);
            }
            selected.insert(j);
            result.push(population[j].clone());
        }
    }
    vm.new_list(vm.hvec_of(result)?)
}

fn uniform(vm: &Vm, args: &[Value], _: Kw) -> R {
    exactly(vm, args, 2, "uniform")?;
    let f = |v: &Value| match v {
        Value::Float(f) => Ok(f.get()),
        Value::Int(i) => Ok(*i as f64),
        _ => Err(vm.type_error("uniform() needs numbers")),
    };
    let (a, b) = (f(&args[0])?, f(&args[1])?);
    Ok(Value::float(a + (b - a) * draw(vm)))
}
