//! `HeapStr`: immutable UTF-8 text whose bytes live in the heap's allocator.
//!
//! The VM's strings keep their characters in the heap (every byte of an object comes
//! from the chosen allocator), and read them as `&str` on every operation. A byte
//! vector would have to be validated as UTF-8 at each read, or read with an unchecked
//! conversion the VM may not use (it has no unsafe code); this type does the check once,
//! when the text is made.
//!
//! Invariant: `bytes` is valid UTF-8 (it is only ever copied from a `&str`).

use allocator_api2::boxed::Box as HBox;
use allocator_api2::vec::Vec as HVec;

use crate::heap::{HeapAlloc, OutOfMemory};

/// Immutable UTF-8 text in the heap's allocator.
pub struct HeapStr {
    bytes: HBox<[u8], HeapAlloc>,
}

impl HeapStr {
    /// The concatenation of `parts`, copied into the heap once (no intermediate
    /// string: `a + b` and `sep.join(items)` write their result where it stays).
    pub fn concat(parts: &[&str]) -> Result<HeapStr, OutOfMemory> {
        let len = parts.iter().map(|p| p.len()).sum();
        let mut bytes = HVec::new_in(HeapAlloc::new());
        bytes.try_reserve_exact(len).map_err(|_| OutOfMemory)?;
        for p in parts {
            bytes.extend_from_slice(p.as_bytes());
        }
        // Concatenated `&str`s are valid UTF-8: the invariant holds.
        Ok(HeapStr {
            bytes: bytes.into_boxed_slice(),
        })
    }

    /// Copy `text` into the heap.
    pub fn new(text: &str) -> Result<HeapStr, OutOfMemory> {
        let mut bytes = HVec::new_in(HeapAlloc::new());
        bytes
            .try_reserve_exact(text.len())
            .map_err(|_| OutOfMemory)?;
        bytes.extend_from_slice(text.as_bytes());
        Ok(HeapStr {
            bytes: bytes.into_boxed_slice(),
        })
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        // SAFETY: `bytes` was copied from a `&str` and never changes (the invariant).
        unsafe { core::str::from_utf8_unchecked(&self.bytes) }
    }

    /// Its length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether it is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl core::ops::Deref for HeapStr {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl core::fmt::Debug for HeapStr {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocator::Kind;
    use crate::Heap;

    #[test]
    fn text_lives_in_the_heap_and_reads_back() {
        let heap = Heap::new(Kind::Pymalloc).unwrap();
        let before = heap.allocator_stats().in_use_bytes;
        let s = HeapStr::new("héllo, wörld").unwrap();
        assert_eq!(s.as_str(), "héllo, wörld");
        assert_eq!(s.len(), "héllo, wörld".len());
        assert!(heap.allocator_stats().in_use_bytes > before);
        drop(s);
        assert_eq!(heap.allocator_stats().in_use_bytes, before);
        assert!(HeapStr::new("").unwrap().is_empty());
    }
}
