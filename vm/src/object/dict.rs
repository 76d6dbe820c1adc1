//! `dict`: an insertion-ordered hash table, as CPython's compact dict is: the entries in
//! insertion order in one array, and a hash index of entry numbers beside it. Both live
//! in the heap's allocator.
//!
//! Keys compare by CPython's rules for the built-in types (`1 == 1.0 == True`, strings
//! by content, tuples item by item) and by identity otherwise; hashes are CPython's for
//! numbers and tuples, so sets and dicts of numbers behave as CPython's do.
//!
//! A dict is not tracked until it holds a tracked key or value, and a full collection
//! untracks one that no longer does (CPython's `MAINTAIN_TRACKING` and
//! `_PyDict_MaybeUntrack`); the VM calls [`Dict::needs_tracking`] after a store.

use std::borrow::Cow;
use std::cell::RefCell;

use gc::{HeapAlloc, OutOfMemory, Trace, Tracer, Untrack};
use hashbrown::HashTable;

use super::set::SetTable;
use super::{hvec, HVec, Str, Tuple};
use crate::value::Value;

/// One key and value with the key's hash.
pub struct Entry {
    /// The key's hash.
    pub hash: i64,
    /// The key.
    pub key: Value,
    /// The value.
    pub value: Value,
}

/// The table of a dict: entries in insertion order and a hash index.
pub struct OrderedMap {
    /// Changes whenever the keys change (not when a value is replaced), to a number
    /// no state of any dict had before (see [`next_version`]): a cached position of a
    /// key is valid while it is unchanged.
    pub version: u64,
    index: HashTable<u32, HeapAlloc>,
    entries: HVec<Option<Entry>>,
    len: usize,
    /// Every key ever stored is a `str` (CPython's unicode-keys table, whose
    /// traversal skips the keys: strings cannot be in cycles).
    unicode_keys: bool,
}

impl Default for OrderedMap {
    fn default() -> Self {
        OrderedMap {
            version: next_version(),
            index: HashTable::new_in(HeapAlloc::new()),
            entries: hvec(),
            len: 0,
            unicode_keys: true,
        }
    }
}

impl OrderedMap {
    /// How many entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn find(&self, key: &Value, hash: i64) -> Option<u32> {
        let entries = &self.entries;
        self.index
            .find(spread(hash), |&i| {
                entries[i as usize]
                    .as_ref()
                    .is_some_and(|e| e.hash == hash && keys_equal(&e.key, key))
            })
            .copied()
    }

    /// The value stored under `key`.
    pub fn get(&self, key: &Value, hash: i64) -> Option<&Value> {
        let i = self.find(key, hash)?;
        self.entries[i as usize].as_ref().map(|e| &e.value)
    }

    /// The entry number of `key` (valid until the next mutation).
    pub fn entry_of(&self, key: &Value, hash: i64) -> Option<u32> {
        self.find(key, hash)
    }

    /// The keys stored with hash `hash`, in probe order.
    pub fn keys_with_hash(&self, hash: i64) -> Vec<Value> {
        self.index
            .iter_hash(spread(hash))
            .filter_map(|&i| self.entries[i as usize].as_ref())
            .filter(|e| e.hash == hash)
            .map(|e| e.key.clone())
            .collect()
    }

    /// The value of entry number `i`.
    pub fn value_at(&self, i: u32) -> Option<&Value> {
        self.entries.get(i as usize)?.as_ref().map(|e| &e.value)
    }

    /// Store `value` under `key`; returns the value it replaces (the old key stays, as
    /// in CPython). Fails, changing nothing, if the table cannot grow.
    pub fn insert(
        &mut self,
        key: Value,
        hash: i64,
        value: Value,
    ) -> Result<Option<Value>, OutOfMemory> {
        // A new value under a key moves no entry: the version (what a cached
        // position depends on) stays, so global loads stay cached while a program
        // updates its globals.
        if let Some(i) = self.find(&key, hash) {
            let e = self.entries[i as usize].as_mut().expect("a live entry");
            return Ok(Some(std::mem::replace(&mut e.value, value)));
        }
        self.version = next_version();
        self.entries.try_reserve(1).map_err(|_| OutOfMemory)?;
        let entries = &self.entries;
        self.index
            .try_reserve(1, |&j| {
                entries[j as usize].as_ref().map_or(0, |e| spread(e.hash))
            })
            .map_err(|_| OutOfMemory)?;
        let i = self.entries.len() as u32;
        if self.unicode_keys && !key.obj().is_some_and(|o| o.is_a::<Str>()) {
            self.unicode_keys = false;
        }
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(spread(hash), i, |&j| {
            entries[j as usize].as_ref().map_or(0, |e| spread(e.hash))
        });
        self.len += 1;
        Ok(None)
    }

    /// Remove `key`; returns its entry.
    pub fn remove(&mut self, key: &Value, hash: i64) -> Option<Entry> {
        self.version = next_version();
        let i = self.find(key, hash)?;
        let entries = &self.entries;
        if let Ok(found) = self.index.find_entry(spread(hash), |&j| j == i) {
            found.remove();
        }
        let _ = entries;
        let entry = self.entries[i as usize].take();
        self.len -= 1;
        if self.entries.len() > 8 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        entry
    }

    /// Remove and return the last entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        self.version = next_version();
        while let Some(slot) = self.entries.pop() {
            if let Some(e) = slot {
                let i = self.entries.len() as u32;
                if let Ok(found) = self.index.find_entry(spread(e.hash), |&j| j == i) {
                    found.remove();
                }
                self.len -= 1;
                return Some(e);
            }
        }
        None
    }

    /// Squeeze the holes out (skipped, holes kept, if memory is short).
    fn compact(&mut self) {
        let mut fresh = hvec();
        if fresh.try_reserve_exact(self.len).is_err() {
            return;
        }
        let old = std::mem::replace(&mut self.entries, fresh);
        self.index.clear();
        self.len = 0;
        for e in old.into_iter().flatten() {
            // Room was reserved for every entry, and the index only shrank.
            let _ = self.insert(e.key, e.hash, e.value);
        }
    }

    /// The entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    /// Entry number `i` of the underlying array (for iterators, which walk it by
    /// position and skip holes): `None` past the end, `Some(None)` for a hole.
    pub fn slot(&self, i: usize) -> Option<Option<&Entry>> {
        self.entries.get(i).map(Option::as_ref)
    }

    /// Take every entry out, in order.
    pub fn take_all(&mut self) -> HVec<Option<Entry>> {
        self.version = next_version();
        self.index.clear();
        self.len = 0;
        std::mem::replace(&mut self.entries, hvec())
    }
}

/// A Python hash as the index table's hash. hashbrown takes its 7-bit tags from the
/// top bits, which Python's hashes leave empty (a small int is its own hash, and every
/// hash is made non-negative): unmixed, every small-int key had tag 0 and a lookup
/// compared every key of its group. A multiply moves the low bits up; the order of a
/// dict never depends on its index.
#[inline(always)]
fn spread(hash: i64) -> u64 {
    let x = (hash as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^ (x >> 29)
}

/// A fresh dict version: a thread-wide counter, so that no two states of any two dicts
/// share one (CPython's `ma_version_tag`).
pub fn next_version() -> u64 {
    thread_local! {
        static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
    }
    NEXT.with(|n| {
        let v = n.get();
        n.set(v + 1);
        v
    })
}

/// A dict's or a set's table, behind one interface.
pub enum DictMap {
    /// A dict: insertion order.
    Ordered(OrderedMap),
    /// A set: CPython's set layout.
    Set(SetTable),
}

impl DictMap {
    /// How many entries.
    pub fn len(&self) -> usize {
        match self {
            DictMap::Ordered(m) => m.len(),
            DictMap::Set(s) => s.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value under `key`.
    pub fn get(&self, key: &Value, hash: i64) -> Option<&Value> {
        match self {
            DictMap::Ordered(m) => m.get(key, hash),
            DictMap::Set(s) => s.get(key, hash),
        }
    }

    /// The keys stored with hash `hash` (candidates for a comparison by `__eq__`).
    pub fn keys_with_hash(&self, hash: i64) -> Vec<Value> {
        match self {
            DictMap::Ordered(m) => m.keys_with_hash(hash),
            DictMap::Set(s) => s.keys_with_hash(hash),
        }
    }

    /// Store `value` under `key` (a set adds the key if absent); returns the value
    /// replaced.
    pub fn insert(
        &mut self,
        key: Value,
        hash: i64,
        value: Value,
    ) -> Result<Option<Value>, OutOfMemory> {
        match self {
            DictMap::Ordered(m) => m.insert(key, hash, value),
            DictMap::Set(s) => s.add(key, hash).map(|()| None),
        }
    }

    /// Remove `key`.
    pub fn remove(&mut self, key: &Value, hash: i64) -> Option<Entry> {
        match self {
            DictMap::Ordered(m) => m.remove(key, hash),
            DictMap::Set(s) => s.remove(key, hash),
        }
    }

    /// Remove an entry: a dict's last (`popitem`), a set's next from its finger (`pop`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        match self {
            DictMap::Ordered(m) => m.pop_last(),
            DictMap::Set(s) => s.pop_any(),
        }
    }

    /// The entries in iteration order.
    pub fn iter(&self) -> Box<dyn Iterator<Item = &Entry> + '_> {
        match self {
            DictMap::Ordered(m) => Box::new(m.iter()),
            DictMap::Set(s) => Box::new(s.iter()),
        }
    }

    /// Position `i` for iterators: `None` past the end, `Some(None)` for a hole.
    pub fn slot(&self, i: usize) -> Option<Option<&Entry>> {
        match self {
            DictMap::Ordered(m) => m.slot(i),
            DictMap::Set(s) => s.slot(i),
        }
    }

    /// Take every entry out.
    pub fn take_all(&mut self) -> HVec<Option<Entry>> {
        match self {
            DictMap::Ordered(m) => m.take_all(),
            DictMap::Set(s) => s.take_all(),
        }
    }

    /// The set table, for the set algorithms that need its layout.
    pub fn as_set_mut(&mut self) -> Option<&mut SetTable> {
        match self {
            DictMap::Set(s) => Some(s),
            DictMap::Ordered(_) => None,
        }
    }

    /// The entry number of `key` in a dict.
    pub fn entry_of(&self, key: &Value, hash: i64) -> Option<u32> {
        match self {
            DictMap::Ordered(m) => m.entry_of(key, hash),
            DictMap::Set(_) => None,
        }
    }

    /// The value of a dict's entry number `i`.
    pub fn value_at(&self, i: u32) -> Option<&Value> {
        match self {
            DictMap::Ordered(m) => m.value_at(i),
            DictMap::Set(_) => None,
        }
    }

    /// The value of entry `entry`, if the dict's version is still `version` (a cached
    /// position is valid); one check of the table's kind for both.
    #[inline(always)]
    pub fn cached_value(&self, version: u64, entry: u32) -> Option<&Value> {
        match self {
            DictMap::Ordered(m) if m.version == version => m.value_at(entry),
            _ => None,
        }
    }

    /// The dict's version (0 for a set).
    pub fn version(&self) -> u64 {
        match self {
            DictMap::Ordered(m) => m.version,
            DictMap::Set(_) => 0,
        }
    }

    /// The set table, read-only.
    pub fn as_set(&self) -> Option<&SetTable> {
        match self {
            DictMap::Set(s) => Some(s),
            DictMap::Ordered(_) => None,
        }
    }
}

/// CPython's dict free list (`PyDict_MAXFREELIST`, 80 deep).
pub const DICT_FREE_LIST: gc::FreeList = gc::FreeList::Slot {
    id: 1,
    capacity: 80,
};

/// A `dict` (and, with `is_set`, a `set`).
pub struct Dict {
    /// The table.
    pub map: RefCell<DictMap>,
    /// This is a `set` (values unused) rather than a dict.
    pub is_set: bool,
    /// A set that is a `frozenset`: hashable, and nothing changes it once it is built.
    pub frozen: std::cell::Cell<bool>,
    /// The base of an instance of a dict or set subclass (see `subclass`): never
    /// tracked, its instance's traversal reports what it holds.
    pub base: std::cell::Cell<bool>,
}

impl Dict {
    /// Its (key, value) pairs in order, copied out, so that the table is not borrowed
    /// while they are used (using them may change it).
    pub fn pairs(&self) -> Vec<(Value, Value)> {
        self.map
            .borrow()
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// An empty dict.
    pub fn new() -> Dict {
        Dict {
            map: RefCell::new(DictMap::Ordered(OrderedMap::default())),
            is_set: false,
            frozen: std::cell::Cell::new(false),
            base: std::cell::Cell::new(false),
        }
    }

    /// An empty set.
    pub fn new_set() -> Dict {
        Dict {
            map: RefCell::new(DictMap::Set(SetTable::default())),
            is_set: true,
            frozen: std::cell::Cell::new(false),
            base: std::cell::Cell::new(false),
        }
    }

    /// Whether storing `key` and `value` means the dict must be tracked: one of them
    /// may be tracked (CPython's `_PyObject_GC_MAY_BE_TRACKED`: any GC-capable object
    /// but an untracked tuple — an empty dict counts, it may hold a cycle later).
    pub fn needs_tracking(key: &Value, value: &Value) -> bool {
        let may = |v: &Value| match v {
            Value::Obj(o) => o.is_tracked() || (o.is_gc() && !o.is_a::<Tuple>()),
            _ => false,
        };
        may(key) || may(value)
    }

    /// Whether a full collection may untrack the dict: nothing in it may be tracked.
    fn holds_nothing_trackable(&self) -> bool {
        self.map
            .borrow()
            .iter()
            .all(|e| !Dict::needs_tracking(&e.key, &e.value))
    }
}

impl Default for Dict {
    fn default() -> Self {
        Dict::new()
    }
}

impl Trace for Dict {
    const GC: bool = true;
    const TRACK_ON_ALLOC: bool = false;
    const UNTRACK: Untrack = Untrack::FullCollection;

    /// CPython's dict free list (`PyDict_MAXFREELIST`); sets have none.
    fn free_list(&self) -> gc::FreeList {
        if self.is_set {
            gc::FreeList::None
        } else {
            DICT_FREE_LIST
        }
    }

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        if let Ok(map) = self.map.try_borrow() {
            let keys = !matches!(&*map, DictMap::Ordered(m) if m.unicode_keys);
            for e in map.iter() {
                if let (true, Value::Obj(k)) = (keys, &e.key) {
                    tracer.visit(k);
                }
                if let Value::Obj(v) = &e.value {
                    tracer.visit(v);
                }
            }
        }
    }

    fn clear(&self) {
        let entries = self.map.borrow_mut().take_all();
        drop(entries);
    }

    fn can_untrack(&self) -> bool {
        !self.is_set && self.holds_nothing_trackable()
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed(if self.is_set { "set" } else { "dict" })
    }

    fn getsizeof(&self) -> usize {
        let n = self.map.borrow().len();
        if self.is_set {
            // CPython: 216 bytes up to 5 items, then the table doubles.
            let mut table = 8;
            while n * 5 >= table * 3 {
                table *= 4;
            }
            200 + 16 * table - 16 * 8 + 16
        } else if n == 0 {
            64
        } else {
            // CPython 3.11: the object plus a keys table of 8 slots and 5 entries,
            // growing by powers of two at two thirds full.
            let mut size = 8usize;
            while n > size * 2 / 3 {
                size *= 2;
            }
            let usable = size * 2 / 3;
            let index_bytes = if size <= 128 { size } else { size * 2 };
            48 + 32 + index_bytes + 24 * usable
        }
    }
}

/// Equality of dict keys: CPython's for the built-in types, identity otherwise.
/// Tuples nested in tuples are compared with a worklist, not by recursion, so no key
/// can exhaust the native stack. (CPython raises RecursionError comparing tuples
/// nested past the recursion limit; these compare to their answer.)
#[inline(always)]
pub fn keys_equal(a: &Value, b: &Value) -> bool {
    // The common case first, inline: the very key (an interned name, a small int).
    match (a, b) {
        (Value::Obj(x), Value::Obj(y)) if x.is(y) => true,
        (Value::Int(x), Value::Int(y)) => x == y,
        _ => keys_equal_by_value(a, b),
    }
}

/// [`keys_equal`] past identity: values compared, tuples item by item (a worklist).
#[inline(never)]
fn keys_equal_by_value(a: &Value, b: &Value) -> bool {
    // Two objects of different payload types are never equal keys (ints, floats and
    // bools are immediate; an int is a big int only past 64 bits; a set and a
    // frozenset share a payload type); two strings, the usual case, compare at once.
    if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
        if x.type_index() != y.type_index() {
            return false;
        }
        if let (Some(s), Some(t)) = (x.get::<Str>(), y.get::<Str>()) {
            return s.as_str() == t.as_str();
        }
    }
    let mut pairs: Vec<(&Value, &Value)> = Vec::new();
    let (mut a, mut b) = (a, b);
    loop {
        let nested = match (a, b) {
            (Value::Obj(x), Value::Obj(y)) if !x.is(y) => x.get::<Tuple>().zip(y.get::<Tuple>()),
            _ => None,
        };
        match nested {
            Some((s, t)) => {
                if s.items.len() != t.items.len() {
                    return false;
                }
                pairs.extend(s.items.iter().zip(t.items.iter()).rev());
            }
            None => {
                if !atom_equal(a, b) {
                    return false;
                }
            }
        }
        match pairs.pop() {
            Some((x, y)) => (a, b) = (x, y),
            None => return true,
        }
    }
}

/// [`keys_equal`] of two values that are not both tuples.
fn atom_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None(_), Value::None(_)) => true,
        (Value::Bool(_) | Value::Int(_), Value::Bool(_) | Value::Int(_)) => as_int(a) == as_int(b),
        (Value::Float(x), Value::Float(y)) => x.get() == y.get(),
        (Value::Float(x), Value::Int(_) | Value::Bool(_))
        | (Value::Int(_) | Value::Bool(_), Value::Float(x)) => {
            // Exactly: an integral float in i64's range converts without loss.
            let i = as_int(if matches!(a, Value::Float(_)) { b } else { a });
            let f = x.get();
            f.fract() == 0.0 && (-(i64::MAX as f64)..i64::MAX as f64).contains(&f) && f as i64 == i
        }
        (Value::Float(x), Value::Obj(o)) | (Value::Obj(o), Value::Float(x)) => {
            o.get::<super::int::BigInt>().is_some_and(|n| {
                crate::ops::float_cmp_int(x.get(), &n.to_num()) == Some(std::cmp::Ordering::Equal)
            })
        }
        (Value::Obj(x), Value::Obj(y)) => {
            if x.is(y) {
                return true;
            }
            if let (Some(s), Some(t)) = (x.get::<Str>(), y.get::<Str>()) {
                return s.as_str() == t.as_str();
            }
            if let (Some(s), Some(t)) = (
                x.get::<super::bytes::Bytes>(),
                y.get::<super::bytes::Bytes>(),
            ) {
                return s.as_slice() == t.as_slice();
            }
            if let (Some(s), Some(t)) =
                (x.get::<super::int::BigInt>(), y.get::<super::int::BigInt>())
            {
                return s.negative == t.negative && s.digits[..] == t.digits[..];
            }
            if let (Some(s), Some(t)) = (x.get::<Dict>(), y.get::<Dict>()) {
                if !(s.is_set && t.is_set) {
                    return false;
                }
                let (a, b) = (s.map.borrow(), t.map.borrow());
                // Frozensets nested in frozensets compare by recursion here (a member
                // is found by comparing keys), on a stack that grows onto the heap.
                return a.len() == b.len()
                    && stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                        a.iter().all(|e| b.get(&e.key, e.hash).is_some())
                    });
            }
            false
        }
        _ => false,
    }
}

fn as_int(v: &Value) -> i64 {
    match v {
        Value::Bool(b) => i64::from(*b),
        Value::Int(i) => *i,
        _ => 0,
    }
}

/// CPython's modulus for numeric hashes: 2^61 - 1.
const MODULUS: u64 = (1 << 61) - 1;

/// CPython's `hash()` of an int.
pub fn hash_int(i: i64) -> i64 {
    let m = i.unsigned_abs() % MODULUS;
    let h = if i < 0 { -(m as i64) } else { m as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's `hash()` of a float (`_Py_HashDouble`).
pub fn hash_float(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    if v.is_nan() {
        return 0;
    }
    if v.fract() == 0.0 && v.abs() < 9.2e18 {
        return hash_int(v as i64);
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    } as u32;
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    let h = x as i64 * sign;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `frexp`: `v = m * 2^e` with `0.5 <= |m| < 1`.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

/// CPython's `hash()` of a tuple from its items' hashes (xxHash-based, 3.8+).
pub fn hash_tuple(hashes: &[i64]) -> i64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let mut acc = P5;
    for &h in hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values from python3: `hash(...)`.
    #[test]
    fn numeric_hashes_are_cpythons() {
        assert_eq!(hash_int(-1), -2);
        assert_eq!(hash_int(1 << 62), 2);
        assert_eq!(hash_int(-(1 << 62)), -2);
        assert_eq!(hash_float(1.5), 1_152_921_504_606_846_977);
        assert_eq!(hash_float(-0.1), -230_584_300_921_369_408);
        assert_eq!(hash_float(2.0), 2);
        assert_eq!(hash_tuple(&[1, 2]), -3_550_055_125_485_641_917);
        assert_eq!(hash_tuple(&[]), 5_740_354_900_026_072_187);
    }
}
