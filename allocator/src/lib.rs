//! heaplab's allocator layer: raw memory for every object, header and container.
//!
//! Five strategies, chosen at run time by name ([`Kind`]), all behind one interface:
//!
//! | name | what it is |
//! |---|---|
//! | `system` | the platform `malloc` (glibc) |
//! | `pymalloc` | CPython 3.11's small-object allocator: arenas, pools, size classes |
//! | `bump` | bumpalo: pointer-bump allocation, frees are no-ops |
//! | `slab` | per-size-class slabs on the `slab` crate, free lists kept out of line |
//! | `mimalloc` | Microsoft's mimalloc, a private heap per instance |
//!
//! Each strategy implements the small [`RawAlloc`] trait; [`Counted`] wraps one, keeps
//! its [`Stats`] and implements [`allocator_api2::alloc::Allocator`], so
//! `allocator_api2::vec::Vec<T, &A>` and `hashbrown::HashMap<K, V, S, &A>` allocate from
//! it. [`AnyAllocator`] is a `Counted` strategy chosen by name. [`trace`] records every
//! call to a compact file and replays it on any strategy; [`pattern`] generates the
//! benchmark workloads as replayable scripts.
//!
//! All strategies are single-threaded (`!Send`, `!Sync`): a heaplab heap, like CPython's
//! under the GIL, belongs to one thread.
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod bump;
mod counted;
pub mod harness;
pub mod mimalloc;
mod os;
pub mod pattern;
pub mod pymalloc;
pub mod size_class;
pub mod slab;
pub mod stats;
pub mod system;
pub mod trace;

use core::alloc::Layout;
use core::fmt;
use core::ptr::NonNull;
use core::str::FromStr;

pub use allocator_api2::alloc::{AllocError, Allocator};
pub use counted::{Counted, RawAlloc, Uncounted};
pub use stats::Stats;

/// The name of a strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The platform malloc.
    System,
    /// CPython's pymalloc.
    Pymalloc,
    /// bumpalo.
    Bump,
    /// Slab pools.
    Slab,
    /// mimalloc.
    Mimalloc,
}

impl Kind {
    /// Every strategy, in the order reports list them.
    pub const ALL: [Kind; 5] = [
        Kind::System,
        Kind::Pymalloc,
        Kind::Bump,
        Kind::Slab,
        Kind::Mimalloc,
    ];

    /// The strategy's name on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::System => "system",
            Kind::Pymalloc => "pymalloc",
            Kind::Bump => "bump",
            Kind::Slab => "slab",
            Kind::Mimalloc => "mimalloc",
        }
    }

    /// A new allocator of this kind, with default settings.
    pub fn build(self) -> AnyAllocator {
        self.build_tuned(&Tuning::default())
            .expect("default settings are valid")
    }

    /// A new allocator of this kind with the given settings; an error names a bad one.
    pub fn build_tuned(self, tuning: &Tuning) -> Result<AnyAllocator, String> {
        self.build_raw(tuning).map(Counted::new)
    }

    /// The bare strategy, without statistics (wrap it in [`Uncounted`] to time it).
    pub fn build_raw(self, tuning: &Tuning) -> Result<AnyRaw, String> {
        Ok(match self {
            Kind::System => AnyRaw::System(system::System::new()),
            Kind::Pymalloc => AnyRaw::Pymalloc(pymalloc::Pymalloc::with_config(tuning.pymalloc)?),
            Kind::Bump => AnyRaw::Bump(bump::Bump::new()),
            Kind::Slab => AnyRaw::Slab(slab::Slab::new()),
            Kind::Mimalloc => AnyRaw::Mimalloc(mimalloc::Mimalloc::new()),
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The settings of the strategies that have any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tuning {
    /// pymalloc's tunables.
    pub pymalloc: pymalloc::Config,
}

/// An unknown strategy name; its message lists the valid ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
        write!(
            f,
            "unknown allocator '{}' (expected one of: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

/// Any strategy, dispatched by a `match` (cheaper than a trait object, and the branch
/// predicts perfectly since a run uses one strategy). Variants are stored inline: an
/// allocator is made once per heap and never moved on a hot path.
#[allow(clippy::large_enum_variant)]
pub enum AnyRaw {
    /// The platform malloc.
    System(system::System),
    /// CPython's pymalloc.
    Pymalloc(pymalloc::Pymalloc),
    /// bumpalo.
    Bump(bump::Bump),
    /// Slab pools.
    Slab(slab::Slab),
    /// mimalloc.
    Mimalloc(mimalloc::Mimalloc),
}

/// A strategy chosen at run time, with statistics.
pub type AnyAllocator = Counted<AnyRaw>;

macro_rules! dispatch {
    ($self:expr, $raw:ident => $body:expr) => {
        match $self {
            AnyRaw::System($raw) => $body,
            AnyRaw::Pymalloc($raw) => $body,
            AnyRaw::Bump($raw) => $body,
            AnyRaw::Slab($raw) => $body,
            AnyRaw::Mimalloc($raw) => $body,
        }
    };
}

impl AnyRaw {
    /// Which strategy this is.
    pub fn kind(&self) -> Kind {
        match self {
            AnyRaw::System(_) => Kind::System,
            AnyRaw::Pymalloc(_) => Kind::Pymalloc,
            AnyRaw::Bump(_) => Kind::Bump,
            AnyRaw::Slab(_) => Kind::Slab,
            AnyRaw::Mimalloc(_) => Kind::Mimalloc,
        }
    }
}

// SAFETY: each arm forwards to a strategy that upholds the `RawAlloc` contract, and a
// value never changes arm, so a block is always freed by the strategy that made it.
unsafe impl RawAlloc for AnyRaw {
    fn reset(&mut self) {
        dispatch!(self, r => r.reset())
    }

    fn name(&self) -> &'static str {
        dispatch!(self, r => r.name())
    }

    #[inline(always)]
    fn alloc(&self, layout: Layout) -> Option<NonNull<u8>> {
        dispatch!(self, r => r.alloc(layout))
    }

    #[inline(always)]
    unsafe fn dealloc(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: forwarded from the caller to the strategy that allocated the block.
        dispatch!(self, r => unsafe { r.dealloc(ptr, layout) })
    }

    unsafe fn realloc(&self, ptr: NonNull<u8>, old: Layout, new: Layout) -> Option<NonNull<u8>> {
        // SAFETY: as above.
        dispatch!(self, r => unsafe { r.realloc(ptr, old, new) })
    }

    #[inline(always)]
    unsafe fn block_size(&self, ptr: NonNull<u8>, layout: Layout) -> usize {
        // SAFETY: as above.
        dispatch!(self, r => unsafe { r.block_size(ptr, layout) })
    }

    fn reserved_bytes(&self) -> usize {
        dispatch!(self, r => r.reserved_bytes())
    }

    fn peak_reserved_bytes(&self) -> Option<usize> {
        dispatch!(self, r => r.peak_reserved_bytes())
    }
}
