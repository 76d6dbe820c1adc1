//! Allocation traces: record every allocator call to a compact file, replay it on any
//! strategy.
//!
//! A trace is a sequence of events; each is an allocation, a free or a reallocation, at
//! a logical time (the number of allocator calls made before it, unless the recorder
//! was told otherwise). Blocks are named by id: the `n`-th allocation creates block `n`,
//! frees and reallocations name the block they act on, and a reallocated block keeps
//! its id. A [`Trace`] is always valid: every free or reallocation names a live block.
//!
//! File format (all integers LEB128 varints unless said otherwise):
//!
//! ```text
//! magic    "HLTRACE1"                                  8 bytes
//! event*   tag: u8 = kind (0 alloc, 1 free, 2 realloc) | log2(align) << 2
//!          time delta since the previous event
//!          alloc:   size
//!          free:    block id
//!          realloc: block id, new size  (new alignment in the tag)
//! ```
//!
//! A typical event takes 3 to 5 bytes. Decoding checks everything and reports the first
//! problem with its byte offset; a corrupt file is an error, never a panic.

use core::alloc::Layout;
use core::cell::RefCell;
use core::fmt;
use core::ptr::NonNull;
use std::path::Path;
use std::time::{Duration, Instant};

use allocator_api2::alloc::{AllocError, Allocator};
use hashbrown::HashMap;

const MAGIC: &[u8; 8] = b"HLTRACE1";
/// Largest alignment a `Layout` accepts is 2^29 on 64-bit Linux; be generous but bounded.
const MAX_ALIGN_LOG2: u8 = 29;

/// One allocator call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Allocate the next block id.
    Alloc {
        /// Requested size in bytes.
        size: usize,
        /// log2 of the alignment.
        align_log2: u8,
    },
    /// Free a block.
    Free {
        /// The block.
        id: u32,
    },
    /// Resize a block, keeping its id.
    Realloc {
        /// The block.
        id: u32,
        /// New size in bytes.
        size: usize,
        /// log2 of the new alignment.
        align_log2: u8,
    },
}

/// A valid sequence of allocator calls.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    ops: Vec<Op>,
    times: Vec<u64>,
    blocks: u32,
}

/// Why a trace could not be built or read.
#[derive(Debug)]
pub enum TraceError {
    /// Reading or writing the file failed.
    Io(std::io::Error),
    /// The file does not start with the trace magic.
    BadMagic,
    /// The file ends in the middle of an event.
    Truncated {
        /// Byte offset where the event began.
        offset: usize,
    },
    /// An event is malformed or names no live block.
    Invalid {
        /// Index of the event.
        event: usize,
        /// Byte offset of the event, when read from bytes.
        offset: Option<usize>,
        /// What is wrong.
        reason: String,
    },
}

impl fmt::Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TraceError::Io(e) => write!(f, "{e}"),
            TraceError::BadMagic => write!(f, "not a heaplab allocation trace (bad magic)"),
            TraceError::Truncated { offset } => {
                write!(f, "trace ends in the middle of an event at byte {offset}")
            }
            TraceError::Invalid {
                event,
                offset: Some(offset),
                reason,
            } => write!(f, "invalid event {event} at byte {offset}: {reason}"),
            TraceError::Invalid {
                event,
                offset: None,
                reason,
            } => write!(f, "invalid event {event}: {reason}"),
        }
    }
}

impl std::error::Error for TraceError {}

impl From<std::io::Error> for TraceError {
    fn from(e: std::io::Error) -> Self {
        TraceError::Io(e)
    }
}

/// Checks a stream of ops as it is built: ids, liveness, layouts.
#[derive(Default)]
struct Validator {
    live: Vec<bool>,
}

impl Validator {
    fn check(&mut self, op: &Op) -> Result<(), String> {
        match *op {
            Op::Alloc { size, align_log2 } => {
                layout_of(size, align_log2)?;
                if self.live.len() >= u32::MAX as usize {
                    return Err("more than 2^32 - 1 blocks".into());
                }
                self.live.push(true);
            }
            Op::Free { id } => self.kill(id)?,
            Op::Realloc {
                id,
                size,
                align_log2,
            } => {
                layout_of(size, align_log2)?;
                self.kill(id)?;
                self.live[id as usize] = true;
            }
        }
        Ok(())
    }

    fn kill(&mut self, id: u32) -> Result<(), String> {
        match self.live.get_mut(id as usize) {
            Some(live @ true) => {
                *live = false;
                Ok(())
            }
            Some(false) => Err(format!("block {id} is not live")),
            None => Err(format!("block {id} was never allocated")),
        }
    }
}

fn layout_of(size: usize, align_log2: u8) -> Result<Layout, String> {
    if align_log2 > MAX_ALIGN_LOG2 {
        return Err(format!("alignment 2^{align_log2} is too large"));
    }
    Layout::from_size_align(size, 1 << align_log2).map_err(|_| {
        format!(
            "no layout of {size} bytes aligned to {}",
            1u64 << align_log2
        )
    })
}

impl Trace {
    /// Build a trace from ops, with logical time = op index. Checks every op.
    pub fn from_ops(ops: Vec<Op>) -> Result<Trace, TraceError> {
        let mut v = Validator::default();
        for (event, op) in ops.iter().enumerate() {
            v.check(op).map_err(|reason| TraceError::Invalid {
                event,
                offset: None,
                reason,
            })?;
        }
        let times = (0..ops.len() as u64).collect();
        Ok(Trace {
            ops,
            times,
            blocks: v.live.len() as u32,
        })
    }

    /// The ops, in order.
    pub fn ops(&self) -> &[Op] {
        &self.ops
    }

    /// The logical time of each op.
    pub fn times(&self) -> &[u64] {
        &self.times
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// Whether the trace has no events.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Number of blocks the trace allocates.
    pub fn blocks(&self) -> u32 {
        self.blocks
    }

    /// Encode to the file format.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.ops.len() * 4);
        out.extend_from_slice(MAGIC);
        let mut last = 0u64;
        for (op, &time) in self.ops.iter().zip(&self.times) {
            encode_op(&mut out, op, time - last);
            last = time;
        }
        out
    }

    /// Decode from the file format, checking everything.
    pub fn decode(bytes: &[u8]) -> Result<Trace, TraceError> {
        let body = bytes.strip_prefix(MAGIC).ok_or(TraceError::BadMagic)?;
        let mut r = Reader {
            bytes: body,
            pos: 0,
            base: MAGIC.len(),
        };
        let mut v = Validator::default();
        let (mut ops, mut times) = (Vec::new(), Vec::new());
        let mut time = 0u64;
        while !r.done() {
            let start = r.offset();
            let event = ops.len();
            let invalid = |reason: String| TraceError::Invalid {
                event,
                offset: Some(start),
                reason,
            };
            let truncated = || TraceError::Truncated { offset: start };
            let tag = r.byte().ok_or_else(truncated)?;
            let (kind, align_log2) = (tag & 3, tag >> 2);
            let delta = r.varint().ok_or_else(truncated)?;
            time = time
                .checked_add(delta)
                .ok_or_else(|| invalid("logical time overflows".into()))?;
            let op = match kind {
                0 => Op::Alloc {
                    size: r.size().ok_or_else(truncated)?,
                    align_log2,
                },
                1 => Op::Free {
                    id: r.id().ok_or_else(truncated)?,
                },
                2 => Op::Realloc {
                    id: r.id().ok_or_else(truncated)?,
                    size: r.size().ok_or_else(truncated)?,
                    align_log2,
                },
                _ => return Err(invalid(format!("unknown event kind {kind}"))),
            };
            if kind == 1 && align_log2 != 0 {
                return Err(invalid("a free carries no alignment".into()));
            }
            v.check(&op).map_err(invalid)?;
            ops.push(op);
            times.push(time);
        }
        Ok(Trace {
            ops,
            times,
            blocks: v.live.len() as u32,
        })
    }

    /// Read a trace file.
    pub fn read(path: &Path) -> Result<Trace, TraceError> {
        Trace::decode(&std::fs::read(path)?)
    }

    /// Write a trace file.
    pub fn write(&self, path: &Path) -> Result<(), TraceError> {
        Ok(std::fs::write(path, self.encode())?)
    }
}

fn encode_op(out: &mut Vec<u8>, op: &Op, delta: u64) {
    match *op {
        Op::Alloc { size, align_log2 } => {
            out.push(align_log2 << 2);
            put_varint(out, delta);
            put_varint(out, size as u64);
        }
        Op::Free { id } => {
            out.push(1);
            put_varint(out, delta);
            put_varint(out, id.into());
        }
        Op::Realloc {
            id,
            size,
            align_log2,
        } => {
            out.push(2 | align_log2 << 2);
            put_varint(out, delta);
            put_varint(out, id.into());
            put_varint(out, size as u64);
        }
    }
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    base: usize,
}

impl Reader<'_> {
    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn offset(&self) -> usize {
        self.base + self.pos
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    /// A LEB128 varint of at most 64 bits; `None` if truncated or too long.
    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            if shift == 63 && bits > 1 {
                return None;
            }
            n |= bits << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn size(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    fn id(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }
}

/// The outcome of a replay.
#[derive(Clone, Copy, Debug)]
pub struct Replay {
    /// Allocator calls made while timed (the trace's events).
    pub calls: usize,
    /// Time taken by those calls (and by touching each new block once).
    pub elapsed: Duration,
}

/// Replay a trace on an allocator. Each new block gets its first word written, as a
/// program initialises the header of an object, so allocators pay for the cache misses
/// their placement causes. Blocks the trace leaves live are freed after the timed part.
/// Fails only if the allocator runs out of memory; everything allocated is freed then.
pub fn replay<A: Allocator>(trace: &Trace, alloc: &A) -> Result<Replay, AllocError> {
    let mut live: Vec<Option<(NonNull<u8>, Layout)>> = vec![None; trace.blocks as usize];
    // Fault the table in before the clock starts: it comes zeroed from calloc, untouched,
    // and its page faults are the harness's cost, not the allocator's.
    for entry in live.iter_mut().step_by(64) {
        // SAFETY: `entry` is a valid, aligned element of the vector.
        unsafe { core::ptr::write_volatile(entry, None) };
    }
    let mut next = 0usize;
    let start = Instant::now();
    let result = run_ops(&trace.ops, alloc, &mut live, &mut next);
    let elapsed = start.elapsed();
    for (ptr, layout) in live.into_iter().flatten() {
        // SAFETY: every entry left in `live` is a block this replay allocated from `alloc`
        // with exactly that layout and has not freed.
        unsafe { alloc.deallocate(ptr, layout) };
    }
    result.map(|()| Replay {
        calls: trace.ops.len(),
        elapsed,
    })
}

#[inline(never)]
fn run_ops<A: Allocator>(
    ops: &[Op],
    alloc: &A,
    live: &mut [Option<(NonNull<u8>, Layout)>],
    next: &mut usize,
) -> Result<(), AllocError> {
    for op in ops {
        match *op {
            Op::Alloc { size, align_log2 } => {
                // A `Trace` only holds valid layouts (checked when it was built).
                let layout =
                    Layout::from_size_align(size, 1 << align_log2).map_err(|_| AllocError)?;
                let ptr = alloc.allocate(layout)?.cast::<u8>();
                touch(ptr, size, *next);
                live[*next] = Some((ptr, layout));
                *next += 1;
            }
            Op::Free { id } => {
                // A `Trace` only frees live blocks, so the entry is present.
                if let Some((ptr, layout)) = live[id as usize].take() {
                    // SAFETY: the block was allocated from `alloc` with `layout` and is
                    // live (it was still in the table).
                    unsafe { alloc.deallocate(ptr, layout) };
                }
            }
            Op::Realloc {
                id,
                size,
                align_log2,
            } => {
                let Some((ptr, old)) = live[id as usize] else {
                    continue;
                };
                let new = Layout::from_size_align(size, 1 << align_log2).map_err(|_| AllocError)?;
                // SAFETY: the block is live in `alloc` with layout `old`; grow and shrink
                // are chosen by the sizes, as their contracts require.
                let moved = unsafe {
                    if size >= old.size() {
                        alloc.grow(ptr, old, new)
                    } else {
                        alloc.shrink(ptr, old, new)
                    }
                }?;
                live[id as usize] = Some((moved.cast(), new));
            }
        }
    }
    Ok(())
}

#[inline(always)]
fn touch(ptr: NonNull<u8>, size: usize, id: usize) {
    if size >= 8 {
        // SAFETY: the block was just allocated with at least 8 bytes.
        unsafe { ptr.cast::<u64>().as_ptr().write_unaligned(id as u64) };
    } else if size > 0 {
        // SAFETY: the block was just allocated with `size` bytes.
        unsafe { ptr.as_ptr().write(id as u8) };
    }
}

/// An allocator that records every call it forwards: wrap a strategy in it, run a
/// workload, and take the [`Trace`] with [`Traced::finish`].
pub struct Traced<A> {
    inner: A,
    rec: RefCell<Recorder>,
}

#[derive(Default)]
struct Recorder {
    ops: Vec<Op>,
    times: Vec<u64>,
    /// Live non-zero-sized blocks by address.
    ids: HashMap<usize, u32>,
    /// Live zero-sized blocks by (dangling) address: several may share one.
    zero_sized: HashMap<usize, Vec<u32>>,
    next_id: u32,
    time: u64,
}

impl Recorder {
    fn push(&mut self, op: Op) {
        self.ops.push(op);
        self.times.push(self.time);
        self.time += 1;
    }

    fn bind(&mut self, ptr: NonNull<u8>, size: usize, id: u32) {
        if size == 0 {
            self.zero_sized
                .entry(ptr.as_ptr() as usize)
                .or_default()
                .push(id);
        } else {
            self.ids.insert(ptr.as_ptr() as usize, id);
        }
    }

    fn unbind(&mut self, ptr: NonNull<u8>, size: usize) -> Option<u32> {
        let addr = ptr.as_ptr() as usize;
        if size == 0 {
            self.zero_sized.get_mut(&addr)?.pop()
        } else {
            self.ids.remove(&addr)
        }
    }
}

impl<A> Traced<A> {
    /// Start recording calls to `inner`.
    pub fn new(inner: A) -> Self {
        Traced {
            inner,
            rec: RefCell::new(Recorder::default()),
        }
    }

    /// The wrapped allocator.
    pub fn inner(&self) -> &A {
        &self.inner
    }

    /// Stop recording and return the trace and the wrapped allocator.
    pub fn finish(self) -> (Trace, A) {
        let rec = self.rec.into_inner();
        let trace = Trace {
            ops: rec.ops,
            times: rec.times,
            blocks: rec.next_id,
        };
        (trace, self.inner)
    }
}

fn align_log2(layout: Layout) -> u8 {
    layout.align().trailing_zeros() as u8
}

// SAFETY: every call is forwarded unchanged to `inner`, an `Allocator`; recording only
// reads the pointers and layouts.
unsafe impl<A: Allocator> Allocator for Traced<A> {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let block = self.inner.allocate(layout)?;
        let mut rec = self.rec.borrow_mut();
        let id = rec.next_id;
        rec.next_id += 1;
        rec.bind(block.cast(), layout.size(), id);
        rec.push(Op::Alloc {
            size: layout.size(),
            align_log2: align_log2(layout),
        });
        Ok(block)
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        {
            let mut rec = self.rec.borrow_mut();
            if let Some(id) = rec.unbind(ptr, layout.size()) {
                rec.push(Op::Free { id });
            }
        }
        // SAFETY: forwarded from the caller.
        unsafe { self.inner.deallocate(ptr, layout) }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded from the caller.
        let block = unsafe { self.inner.grow(ptr, old, new) }?;
        self.record_realloc(ptr, old, block.cast(), new);
        Ok(block)
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded from the caller.
        let block = unsafe { self.inner.shrink(ptr, old, new) }?;
        self.record_realloc(ptr, old, block.cast(), new);
        Ok(block)
    }
}

impl<A> Traced<A> {
    fn record_realloc(&self, old_ptr: NonNull<u8>, old: Layout, new_ptr: NonNull<u8>, new: Layout) {
        let mut rec = self.rec.borrow_mut();
        if let Some(id) = rec.unbind(old_ptr, old.size()) {
            rec.bind(new_ptr, new.size(), id);
            rec.push(Op::Realloc {
                id,
                size: new.size(),
                align_log2: align_log2(new),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    fn sample() -> Trace {
        Trace::from_ops(vec![
            Op::Alloc {
                size: 24,
                align_log2: 3,
            },
            Op::Alloc {
                size: 700,
                align_log2: 4,
            },
            Op::Realloc {
                id: 0,
                size: 100,
                align_log2: 3,
            },
            Op::Free { id: 1 },
            Op::Alloc {
                size: 0,
                align_log2: 0,
            },
            Op::Free { id: 0 },
        ])
        .unwrap()
    }

    #[test]
    fn encode_decode_round_trip() {
        let t = sample();
        let bytes = t.encode();
        assert_eq!(&bytes[..8], MAGIC);
        assert_eq!(Trace::decode(&bytes).unwrap(), t);
    }

    #[test]
    fn invalid_traces_are_refused() {
        let err = Trace::from_ops(vec![Op::Free { id: 0 }]).unwrap_err();
        assert!(err.to_string().contains("never allocated"), "{err}");
        let err = Trace::from_ops(vec![
            Op::Alloc {
                size: 8,
                align_log2: 0,
            },
            Op::Free { id: 0 },
            Op::Free { id: 0 },
        ])
        .unwrap_err();
        assert!(err.to_string().contains("not live"), "{err}");
        assert!(matches!(
            Trace::decode(b"nonsense"),
            Err(TraceError::BadMagic)
        ));
    }

    #[test]
    fn corrupt_bytes_never_panic() {
        let bytes = sample().encode();
        for cut in 8..bytes.len() {
            let _ = Trace::decode(&bytes[..cut]);
        }
        for i in 8..bytes.len() {
            for flip in [1u8, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[i] ^= flip;
                if let Ok(t) = Trace::decode(&b) {
                    // Whatever decodes is valid and replays cleanly.
                    let a = Kind::Pymalloc.build();
                    let _ = replay(&t, &a);
                    assert_eq!(a.stats().in_use_bytes, 0);
                }
            }
        }
        // A varint that never ends.
        let mut b = MAGIC.to_vec();
        b.extend([
            0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
        ]);
        assert!(Trace::decode(&b).is_err());
    }

    #[test]
    fn recording_then_replaying_reproduces_the_calls() {
        let traced = Traced::new(Kind::System.build());
        {
            let mut v: allocator_api2::vec::Vec<u64, _> = allocator_api2::vec::Vec::new_in(&traced);
            for i in 0..1000 {
                v.push(i);
            }
            let b = allocator_api2::boxed::Box::new_in([0u8; 40], &traced);
            drop(b);
        }
        let (trace, original) = traced.finish();
        let before = original.stats();
        let target = Kind::Pymalloc.build();
        let run = replay(&trace, &target).unwrap();
        let after = target.stats();
        assert_eq!(run.calls, trace.len());
        assert_eq!(after.allocations, before.allocations);
        assert_eq!(after.frees, before.frees);
        assert_eq!(after.reallocations, before.reallocations);
        assert_eq!(after.peak_requested_bytes, before.peak_requested_bytes);
        assert_eq!(after.in_use_bytes, 0);
    }
}
