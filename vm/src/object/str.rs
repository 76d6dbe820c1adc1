//! `str`: immutable text, its characters in the heap's allocator.

use std::borrow::Cow;
use std::cell::Cell;

use gc::{HeapStr, Trace};

/// A `str` object. Not tracked (it holds no references), as in CPython.
pub struct Str {
    /// The text.
    pub text: HeapStr,
    /// The length in characters (Python's `len`).
    pub chars: usize,
    /// The hash, computed on first use.
    pub hash: Cell<Option<i64>>,
    /// Whether this is the interpreter's interned string for its text (then any
    /// equal interned string is this very object).
    pub interned: Cell<bool>,
}

impl Str {
    /// A payload for `text`.
    pub fn new(text: &str) -> Result<Str, gc::OutOfMemory> {
        Ok(Str {
            chars: char_count(text),
            text: HeapStr::new(text)?,
            hash: Cell::new(None),
            interned: Cell::new(false),
        })
    }

    /// A payload for the concatenation of `parts` (see [`HeapStr::concat`]).
    pub fn concat(parts: &[&str]) -> Result<Str, gc::OutOfMemory> {
        let text = HeapStr::concat(parts)?;
        Ok(Str {
            chars: char_count(text.as_str()),
            text,
            hash: Cell::new(None),
            interned: Cell::new(false),
        })
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// The hash (FNV-1a over the bytes; Python randomizes `str` hashes per run, so no
    /// program may depend on their values).
    pub fn hash(&self) -> i64 {
        if let Some(h) = self.hash.get() {
            return h;
        }
        let h = hash_bytes(self.as_str().as_bytes());
        self.hash.set(Some(h));
        h
    }
}

/// Python's length of `text`: ASCII (most text) is checked a word at a time.
fn char_count(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// FNV-1a over `bytes`, made non-negative and never -1 (Python's error value).
pub fn hash_bytes(bytes: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let h = (h >> 1) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

impl Trace for Str {
    const GC: bool = false;

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("str")
    }

    /// CPython 3.11: 49 bytes plus one per character for ASCII text, 73 plus 2 or 4
    /// per character otherwise (plus the UTF-8 copy it may cache).
    fn getsizeof(&self) -> usize {
        let max = self.as_str().chars().map(u32::from).max().unwrap_or(0);
        match max {
            0..=0x7f => 49 + self.chars,
            0x80..=0xff => 73 + self.chars,
            0x100..=0xffff => 74 + 2 * self.chars,
            _ => 76 + 4 * self.chars,
        }
    }
}
