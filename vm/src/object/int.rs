//! Big integers: `int` values that do not fit in 64 bits.
//!
//! Small ints are immediate values; a result that overflows becomes one of these, and
//! one that fits again becomes immediate (the two never represent the same number).
//! The digits live in the heap's allocator, as every byte of an object does;
//! arithmetic converts to `num-bigint` for the operation and back.

use std::borrow::Cow;

use gc::{OutOfMemory, Trace};
use num_bigint::{BigInt as Num, Sign};

use super::{hvec, HVec};

/// A big `int`: sign and magnitude in base 2^32, least significant digit first.
pub struct BigInt {
    /// The number is negative.
    pub negative: bool,
    /// The magnitude's digits (never all zero: zero is a small int).
    pub digits: HVec<u32>,
}

impl BigInt {
    /// The payload for `n`.
    pub fn new(n: &Num) -> Result<BigInt, OutOfMemory> {
        let (sign, digits) = n.to_u32_digits();
        let mut v = hvec();
        v.try_reserve_exact(digits.len()).map_err(|_| OutOfMemory)?;
        v.extend_from_slice(&digits);
        Ok(BigInt {
            negative: sign == Sign::Minus,
            digits: v,
        })
    }

    /// The number, for arithmetic.
    pub fn to_num(&self) -> Num {
        let sign = if self.negative {
            Sign::Minus
        } else {
            Sign::Plus
        };
        Num::from_slice(sign, &self.digits)
    }

    /// Bits in the magnitude.
    pub fn bits(&self) -> u64 {
        let top = self.digits.last().copied().unwrap_or(0);
        (self.digits.len() as u64 - 1) * 32 + u64::from(32 - top.leading_zeros())
    }
}

impl Trace for BigInt {
    const GC: bool = false;

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("int")
    }

    /// CPython: 24 bytes plus 4 per 30-bit digit.
    fn getsizeof(&self) -> usize {
        24 + 4 * self.bits().div_ceil(30) as usize
    }
}
