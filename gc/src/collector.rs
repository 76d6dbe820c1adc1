//! Collection algorithms are strategies: a heap runs the one it was made with.
//!
//! A [`Collector`] decides when a collection is due and carries it out on the heap's
//! objects. The heap keeps everything else — allocation, refcounting, tracking, the
//! generations' tables and counts, weakrefs, the runtime — so an algorithm is only what
//! differs between, say, CPython 3.11's generational collector, Bacon–Rajan trial
//! deletion, CPython 3.14's incremental young/old scheme or a tracing baseline. The
//! trait is crate-internal because an algorithm works on the heap's internals (headers,
//! tables); heaps choose one by name with [`CollectorKind`].

use core::fmt;
use core::str::FromStr;

use crate::collect::{self, Collection};
use crate::heap::Core;

/// A cycle-collection algorithm.
pub(crate) trait Collector {
    /// The generation a collection is due for, if any (asked when generation 0's count
    /// passes its threshold).
    fn generation_due(&self, core: &Core) -> Option<usize>;

    /// Collect `generation` and everything younger; the heap holds the re-entrancy guard
    /// and calls `gc.callbacks` around it.
    fn collect(&self, core: &Core, generation: usize) -> Collection;
}

/// CPython 3.11's generational collector (`collect.rs`).
struct Generational;

impl Collector for Generational {
    fn generation_due(&self, core: &Core) -> Option<usize> {
        collect::generation_due(core)
    }

    fn collect(&self, core: &Core, generation: usize) -> Collection {
        collect::collect_generation(core, generation)
    }
}

/// The collectors a heap can be made with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CollectorKind {
    /// CPython 3.11's three-generation collector (`generational`).
    #[default]
    Generational,
}

impl CollectorKind {
    /// Every collector, in report order.
    pub const ALL: [CollectorKind; 1] = [CollectorKind::Generational];

    /// The collector's name on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            CollectorKind::Generational => "generational",
        }
    }

    pub(crate) fn strategy(self) -> &'static dyn Collector {
        match self {
            CollectorKind::Generational => &Generational,
        }
    }
}

impl fmt::Display for CollectorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for CollectorKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CollectorKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = CollectorKind::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "unknown collector '{s}' (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}
