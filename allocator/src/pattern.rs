//! Benchmark patterns: allocation workloads generated as [`Trace`]s.
//!
//! Every pattern is a deterministic function of (allocations, seed) and frees all it
//! allocates, so any strategy can replay it and end with nothing in use. Sizes follow a
//! small-object mix like a Python heap's: half 16–64 bytes, a third 65–256, the rest
//! 257–512, aligned to 8.
//!
//! | pattern | lifetimes |
//! |---|---|
//! | `churn` | a working set of 1,000 blocks; each step frees a random one and allocates a new one |
//! | `bulk` | allocate every block, then free them all, oldest first |
//! | `lifo` | a random walk on a stack: each step pushes (allocates) or pops (frees the newest) |
//! | `fifo` | a queue 10,000 deep: each step allocates, and frees the oldest once full |
//! | `random` | random lifetimes, most short (1–32 steps), one in ten long (up to 100,000 steps) |

use core::fmt;
use core::str::FromStr;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use crate::trace::{Op, Trace};

/// A benchmark pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pattern {
    /// Random frees and allocations in a fixed working set.
    Churn,
    /// Allocate everything, then free everything.
    Bulk,
    /// Stack discipline.
    Lifo,
    /// Queue discipline.
    Fifo,
    /// Random, mostly short lifetimes.
    Random,
}

impl Pattern {
    /// Every pattern, in report order.
    pub const ALL: [Pattern; 5] = [
        Pattern::Churn,
        Pattern::Bulk,
        Pattern::Lifo,
        Pattern::Fifo,
        Pattern::Random,
    ];

    /// The pattern's name on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            Pattern::Churn => "churn",
            Pattern::Bulk => "bulk",
            Pattern::Lifo => "lifo",
            Pattern::Fifo => "fifo",
            Pattern::Random => "random",
        }
    }

    /// The pattern's trace: `allocations` allocations, each block freed by the end.
    pub fn trace(self, allocations: usize, seed: u64) -> Trace {
        let mut g = Gen {
            rng: SplitMix64(seed ^ 0x9e37_79b9_7f4a_7c15 ^ self as u64),
            ops: Vec::with_capacity(allocations * 2),
            next_id: 0,
        };
        let n = allocations;
        match self {
            Pattern::Churn => {
                let mut set: Vec<u32> = (0..n.min(1000)).map(|_| g.alloc()).collect();
                for _ in set.len()..n {
                    let slot = g.rng.below(set.len());
                    g.free(set[slot]);
                    set[slot] = g.alloc();
                }
                set.into_iter().for_each(|id| g.free(id));
            }
            Pattern::Bulk => {
                let ids: Vec<u32> = (0..n).map(|_| g.alloc()).collect();
                ids.into_iter().for_each(|id| g.free(id));
            }
            Pattern::Lifo => {
                let mut stack = Vec::new();
                let mut made = 0;
                while made < n {
                    if stack.is_empty() || g.rng.below(2) == 0 {
                        stack.push(g.alloc());
                        made += 1;
                    } else if let Some(id) = stack.pop() {
                        g.free(id);
                    }
                }
                while let Some(id) = stack.pop() {
                    g.free(id);
                }
            }
            Pattern::Fifo => {
                let mut queue = VecDeque::new();
                for _ in 0..n {
                    queue.push_back(g.alloc());
                    if queue.len() > 10_000 {
                        let id = queue.pop_front().expect("queue is full");
                        g.free(id);
                    }
                }
                queue.into_iter().for_each(|id| g.free(id));
            }
            Pattern::Random => {
                let mut deaths = BinaryHeap::new();
                for now in 0..n as u64 {
                    let id = g.alloc();
                    let life = if g.rng.below(10) == 0 {
                        1 + g.rng.below(100_000)
                    } else {
                        1 + g.rng.below(32)
                    };
                    deaths.push(Reverse((now + life as u64, id)));
                    while let Some(&Reverse((when, id))) = deaths.peek() {
                        if when > now {
                            break;
                        }
                        deaths.pop();
                        g.free(id);
                    }
                }
                let mut rest: Vec<_> = deaths.into_iter().map(|Reverse(d)| d).collect();
                rest.sort_unstable();
                rest.into_iter().for_each(|(_, id)| g.free(id));
            }
        }
        Trace::from_ops(g.ops).expect("patterns build valid traces")
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown pattern name; its message lists the valid ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPattern(pub String);

impl fmt::Display for UnknownPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<_> = Pattern::ALL.iter().map(|p| p.name()).collect();
        write!(
            f,
            "unknown pattern '{}' (expected one of: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownPattern {}

impl FromStr for Pattern {
    type Err = UnknownPattern;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Pattern::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| UnknownPattern(s.to_string()))
    }
}

struct Gen {
    rng: SplitMix64,
    ops: Vec<Op>,
    next_id: u32,
}

impl Gen {
    fn alloc(&mut self) -> u32 {
        let size = small_object_size(&mut self.rng);
        self.ops.push(Op::Alloc {
            size,
            align_log2: 3,
        });
        self.next_id += 1;
        self.next_id - 1
    }

    fn free(&mut self, id: u32) {
        self.ops.push(Op::Free { id });
    }
}

fn small_object_size(rng: &mut SplitMix64) -> usize {
    match rng.below(20) {
        0..=9 => 16 + rng.below(49),
        10..=16 => 65 + rng.below(192),
        _ => 257 + rng.below(256),
    }
}

/// SplitMix64: a tiny, fast, well-mixed generator for reproducible workloads.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_allocates_n_and_frees_all() {
        for p in Pattern::ALL {
            let t = p.trace(20_000, 1);
            let allocs = t
                .ops()
                .iter()
                .filter(|o| matches!(o, Op::Alloc { .. }))
                .count();
            let frees = t
                .ops()
                .iter()
                .filter(|o| matches!(o, Op::Free { .. }))
                .count();
            assert_eq!(allocs, 20_000, "{p}");
            assert_eq!(frees, 20_000, "{p}");
            assert_eq!(t, p.trace(20_000, 1), "{p} is deterministic");
        }
    }

    #[test]
    fn names_round_trip_and_unknown_lists_valid() {
        for p in Pattern::ALL {
            assert_eq!(p.name().parse::<Pattern>(), Ok(p));
        }
        let err = "nope".parse::<Pattern>().unwrap_err().to_string();
        assert!(err.contains("churn") && err.contains("random"), "{err}");
    }
}
