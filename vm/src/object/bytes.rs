//! `bytes`: an immutable sequence of bytes, stored in the heap's allocator.

use std::borrow::Cow;

use gc::Trace;

use super::HVec;

/// A `bytes` object. Not tracked (it holds no references), as in CPython.
pub struct Bytes {
    /// The bytes.
    pub data: HVec<u8>,
}

impl Bytes {
    /// The bytes, as a slice.
    pub fn as_slice(&self) -> &[u8] {
        &self.data
    }

    /// `repr(b)`: `b'...'`, in double quotes only if the bytes hold a single quote and
    /// no double quote, with `\t`, `\n`, `\r`, `\\` and `\xhh` escapes (CPython's
    /// `PyBytes_Repr`).
    pub fn repr(&self) -> String {
        let quote = if self.data.contains(&b'\'') && !self.data.contains(&b'"') {
            '"'
        } else {
            '\''
        };
        let mut out = String::with_capacity(self.data.len() + 3);
        out.push('b');
        out.push(quote);
        for &b in self.data.iter() {
            match b {
                b'\t' => out.push_str("\\t"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\\' => out.push_str("\\\\"),
                _ if char::from(b) == quote => {
                    out.push('\\');
                    out.push(quote);
                }
                0x20..=0x7e => out.push(char::from(b)),
                _ => out.push_str(&format!("\\x{b:02x}")),
            }
        }
        out.push(quote);
        out
    }

    /// The hash: the same function as `str`'s over the same bytes, so ASCII text and
    /// its bytes hash alike, as in CPython.
    pub fn hash(&self) -> i64 {
        super::str::hash_bytes(&self.data)
    }
}

impl Trace for Bytes {
    const GC: bool = false;

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("bytes")
    }

    /// CPython 3.11: 33 bytes plus one per byte.
    fn getsizeof(&self) -> usize {
        33 + self.data.len()
    }
}
