//! The table of a `set`: CPython's setobject.c layout, so that a set iterates (and
//! prints) in the order CPython's does.
//!
//! Open addressing over a power-of-two table: a key's first slot is `hash & mask`,
//! then up to nine neighbours (linear probes, for cache locality), then a perturbed
//! jump (`i = i * 5 + 1 + perturb`, `perturb >>= 5`). Removed keys leave a dummy, so
//! probe chains stay intact; the table grows (to at least 4x the live keys, 2x past
//! 50,000) when live keys plus dummies reach 3/5 of it. Iteration walks the table in
//! slot order: for small integers that is numeric order modulo the table size, as in
//! CPython.

use gc::OutOfMemory;

use super::{hvec, HVec};
use crate::object::dict::{keys_equal, Entry};
use crate::value::Value;

/// CPython's `PySet_MINSIZE`.
const MIN_SIZE: usize = 8;
/// CPython's `LINEAR_PROBES`.
const LINEAR_PROBES: usize = 9;
/// CPython's `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;

/// One slot.
enum Slot {
    Empty,
    Dummy,
    Active(Entry),
}

/// A set's hash table.
pub struct SetTable {
    slots: HVec<Slot>,
    /// Active plus dummy slots (CPython's `fill`).
    fill: usize,
    /// Active slots (CPython's `used`).
    used: usize,
    /// Where `pop` looks next (CPython's `finger`).
    finger: usize,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable {
            slots: empty_slots(MIN_SIZE).expect("a minimal set table"),
            fill: 0,
            used: 0,
            finger: 0,
        }
    }
}

/// The runs of slots a key with `hash` visits, in order (CPython's `set_lookkey`):
/// its slot and up to `LINEAR_PROBES` neighbours while they fit before the end, then
/// a perturbed jump to the next run. Endless: the table always has an empty slot, and
/// every search stops at one.
fn probe_runs(hash: i64, mask: usize) -> impl Iterator<Item = std::ops::RangeInclusive<usize>> {
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    std::iter::from_fn(move || {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        let run = i..=i + probes;
        perturb >>= PERTURB_SHIFT;
        i = i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize)
            & mask;
        Some(run)
    })
}

fn empty_slots(n: usize) -> Result<HVec<Slot>, OutOfMemory> {
    let mut v = hvec();
    v.try_reserve_exact(n).map_err(|_| OutOfMemory)?;
    for _ in 0..n {
        v.push(Slot::Empty);
    }
    Ok(v)
}

impl SetTable {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Live keys.
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Whether the table has no dummies.
    fn clean(&self) -> bool {
        self.fill == self.used
    }

    fn find(&self, key: &Value, hash: i64) -> Option<usize> {
        for j in probe_runs(hash, self.mask()).flatten() {
            match &self.slots[j] {
                Slot::Empty => return None,
                Slot::Active(e) if e.hash == hash && keys_equal(&e.key, key) => return Some(j),
                _ => {}
            }
        }
        unreachable!("every probe sequence reaches an empty slot")
    }

    /// The keys stored with hash `hash`, in probe order.
    pub fn keys_with_hash(&self, hash: i64) -> Vec<Value> {
        let mut out = Vec::new();
        for j in probe_runs(hash, self.mask()).flatten() {
            match &self.slots[j] {
                Slot::Empty => return out,
                Slot::Active(e) if e.hash == hash => out.push(e.key.clone()),
                _ => {}
            }
        }
        unreachable!("every probe sequence reaches an empty slot")
    }

    /// Whether `key` is in the set.
    pub fn get(&self, key: &Value, hash: i64) -> Option<&Value> {
        self.find(key, hash).map(|i| match &self.slots[i] {
            Slot::Active(e) => &e.value,
            _ => unreachable!("find returns active slots"),
        })
    }

    /// CPython's `set_add_entry`: add `key` unless present. Fails, changing nothing,
    /// if the table must grow and cannot.
    pub fn add(&mut self, key: Value, hash: i64) -> Result<(), OutOfMemory> {
        if (self.fill + 1) * 5 >= self.mask() * 3 && self.find(&key, hash).is_none() {
            // This insertion will resize: make sure it can, first.
            let used = self.used + 1;
            let minused = if used > 50_000 { used * 2 } else { used * 4 };
            let mut size = MIN_SIZE;
            while size <= minused {
                size <<= 1;
            }
            let mut probe: HVec<Slot> = hvec();
            probe.try_reserve_exact(size).map_err(|_| OutOfMemory)?;
        }
        let mask = self.mask();
        let mut freeslot = None;
        let mut unused = None;
        for j in probe_runs(hash, mask).flatten() {
            match &self.slots[j] {
                Slot::Empty => {
                    unused = Some(j);
                    break;
                }
                Slot::Active(e) if e.hash == hash && keys_equal(&e.key, &key) => return Ok(()),
                Slot::Dummy if freeslot.is_none() => freeslot = Some(j),
                _ => {}
            }
        }
        let unused = unused.expect("every probe sequence reaches an empty slot");
        let entry = Entry {
            hash,
            key,
            value: Value::NONE,
        };
        if let Some(j) = freeslot {
            self.slots[j] = Slot::Active(entry);
            self.used += 1;
            return Ok(());
        }
        self.slots[unused] = Slot::Active(entry);
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= mask * 3 {
            let minused = if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(minused)?;
        }
        Ok(())
    }

    /// CPython's `set_table_resize`: a table of at least `minused + 1` slots, the
    /// active keys reinserted in table order.
    fn resize(&mut self, minused: usize) -> Result<(), OutOfMemory> {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, empty_slots(size)?);
        self.fill = self.used;
        for slot in old {
            if let Slot::Active(e) = slot {
                self.insert_clean(e);
            }
        }
        Ok(())
    }

    /// CPython's `set_insert_clean`: place an entry known to be absent, in a table
    /// without dummies.
    fn insert_clean(&mut self, entry: Entry) {
        let j = probe_runs(entry.hash, self.mask())
            .flatten()
            .find(|&j| matches!(self.slots[j], Slot::Empty))
            .expect("every probe sequence reaches an empty slot");
        self.slots[j] = Slot::Active(entry);
    }

    /// CPython's `set_merge` from another set: one resize up front, then a copy of
    /// the table when this one is empty, of the same size and the other has no dummies;
    /// clean insertions when this one is empty; plain adds otherwise.
    pub fn merge(&mut self, other: &SetTable) -> Result<(), OutOfMemory> {
        if other.used == 0 {
            return Ok(());
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2)?;
        }
        if self.fill == 0 && self.mask() == other.mask() && other.clean() {
            for (mine, theirs) in self.slots.iter_mut().zip(other.slots.iter()) {
                if let Slot::Active(e) = theirs {
                    *mine = Slot::Active(copy(e));
                }
            }
            self.fill = other.fill;
            self.used = other.used;
            return Ok(());
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for slot in other.slots.iter() {
                if let Slot::Active(e) = slot {
                    self.insert_clean(copy(e));
                }
            }
            return Ok(());
        }
        for slot in other.slots.iter() {
            if let Slot::Active(e) = slot {
                self.add(e.key.clone(), e.hash)?;
            }
        }
        Ok(())
    }

    /// Remove `key`; returns its entry.
    pub fn remove(&mut self, key: &Value, hash: i64) -> Option<Entry> {
        let i = self.find(key, hash)?;
        self.used -= 1;
        match std::mem::replace(&mut self.slots[i], Slot::Dummy) {
            Slot::Active(e) => Some(e),
            _ => unreachable!("find returns active slots"),
        }
    }

    /// CPython's `set_pop`: the first active slot from the finger on.
    pub fn pop_any(&mut self) -> Option<Entry> {
        if self.used == 0 {
            return None;
        }
        let n = self.slots.len();
        let mut i = self.finger & self.mask();
        while !matches!(self.slots[i], Slot::Active(_)) {
            i = (i + 1) % n;
        }
        self.finger = i + 1;
        self.used -= 1;
        match std::mem::replace(&mut self.slots[i], Slot::Dummy) {
            Slot::Active(e) => Some(e),
            _ => unreachable!("an active slot"),
        }
    }

    /// The entries in table order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Active(e) => Some(e),
            _ => None,
        })
    }

    /// Slot `i`: `None` past the end, `Some(None)` when not active.
    pub fn slot(&self, i: usize) -> Option<Option<&Entry>> {
        self.slots.get(i).map(|s| match s {
            Slot::Active(e) => Some(e),
            _ => None,
        })
    }

    /// Take every entry out (`clear`).
    pub fn take_all(&mut self) -> HVec<Option<Entry>> {
        let old = std::mem::replace(
            &mut self.slots,
            empty_slots(MIN_SIZE).expect("a minimal set table"),
        );
        self.fill = 0;
        self.used = 0;
        self.finger = 0;
        let mut out = hvec();
        for slot in old {
            if let Slot::Active(e) = slot {
                out.push(Some(e));
            }
        }
        out
    }
}

fn copy(e: &Entry) -> Entry {
    Entry {
        hash: e.hash,
        key: e.key.clone(),
        value: Value::NONE,
    }
}
