//! Weak references (CPython's Objects/weakrefobject.c).
//!
//! A [`WeakRef`] is a GC-tracked object that refers to its referent without counting
//! it. The heap keeps, per referent, the list of weakrefs to it (CPython keeps the list
//! head inside the object; here a side table, with the HAS_WEAKREFS header bit so that
//! objects without weakrefs never look it up). Table and lists take their memory from
//! the heap's allocator, like any payload storage, and the table gives it back when
//! it empties. The list is in CPython's order: a
//! weakref without callback is shared (`ref(o) is ref(o)`) and sits at the head (the
//! plain ref, then the plain proxy); weakrefs with callbacks follow, newest first — so
//! callbacks run newest first.
//!
//! When a referent dies by refcount (after its finalizer), every weakref to it is
//! cleared first, then the callbacks of those still alive run, in list order. The
//! collector's `handle_weakrefs` does the same for the unreachable set, except that
//! a weakref that is itself garbage is cleared without calling its callback.
//!
//! Invariant: a weakref's `referent` is `Some(p)` exactly when it is in `p`'s list, and
//! `p` is live with HAS_WEAKREFS set exactly when its list is not empty.

use core::cell::{Cell, RefCell};
use core::ptr::NonNull;
use std::borrow::Cow;
use std::rc::Rc;

use crate::header::{flag, Header, HEADER_SIZE};
use crate::heap::{current, Core, HeapAlloc};
use crate::object::{ObjRef, Trace};
use crate::runtime::{report, Unraisable};

/// One referent's weakrefs, in list order.
pub(crate) type List = allocator_api2::vec::Vec<NonNull<Header>, HeapAlloc>;

/// Every referent's list, by referent. Table and lists live in the heap's allocator,
/// so weakrefs cost what they cost in CPython's heap, in its statistics.
pub(crate) type Table =
    hashbrown::HashMap<NonNull<Header>, List, hashbrown::DefaultHashBuilder, HeapAlloc>;

/// Which kind of weak reference (CPython's `weakref.ref` or `weakref.proxy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeakKind {
    /// `weakref.ref`: calling it gives the referent or `None`.
    Ref,
    /// `weakref.proxy`: stands for the referent.
    Proxy,
}

/// A weak reference. Made only by [`Heap::weakref`](crate::Heap::weakref).
pub struct WeakRef {
    referent: Cell<Option<NonNull<Header>>>,
    callback: RefCell<Option<ObjRef>>,
    kind: WeakKind,
    /// Whether it may be shared by later requests without callback (a plain `ref` or
    /// `proxy` of the exact type, not a subclass's instance).
    shared: bool,
    /// The hash the VM caches (a weakref hashes as its referent did, once computed).
    pub hash: Cell<Option<i64>>,
}

impl WeakRef {
    /// The referent, if it is still alive (calling a `weakref.ref`).
    pub fn get(&self) -> Option<ObjRef> {
        // SAFETY: a `Some` referent is live (it is in its list, and dying clears it).
        self.referent
            .get()
            .map(|p| unsafe { ObjRef::from_borrowed(p) })
    }

    /// Whether the referent is gone.
    pub fn is_dead(&self) -> bool {
        self.referent.get().is_none()
    }

    /// The callback, if any (`__callback__`).
    pub fn callback(&self) -> Option<ObjRef> {
        self.callback.borrow().clone()
    }

    /// Ref or proxy.
    pub fn kind(&self) -> WeakKind {
        self.kind
    }

    /// This weakref's own header (the payload lives right after it in its block).
    fn header(&self) -> NonNull<Header> {
        let me = NonNull::from(self).cast::<u8>();
        // SAFETY: a `WeakRef` only exists as the payload of a heap block (it has no
        // public constructor), HEADER_SIZE bytes after the block's header.
        unsafe { me.sub(HEADER_SIZE).cast() }
    }

    /// Clear: forget the referent and leave its list (CPython's `_PyWeakref_ClearRef`);
    /// the callback stays.
    fn clear_ref(&self, core: &Core) {
        if let Some(referent) = self.referent.take() {
            unlink(core, referent, self.header());
        }
    }
}

impl Trace for WeakRef {
    const GC: bool = true;

    fn traverse<V: crate::Tracer + ?Sized>(&self, tracer: &mut V) {
        if let Some(callback) = &*self.callback.borrow() {
            tracer.visit(callback);
        }
    }

    fn clear(&self) {
        // SAFETY: the weakref is live, so its heap core exists.
        self.clear_ref(unsafe { current() });
        let callback = self.callback.take();
        drop(callback);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self.kind {
            WeakKind::Ref => "ReferenceType",
            WeakKind::Proxy => "ProxyType",
        })
    }
}

impl Drop for WeakRef {
    fn drop(&mut self) {
        if self.referent.get().is_some() {
            // SAFETY: the weakref's block is still allocated, so its core exists.
            self.clear_ref(unsafe { current() });
        }
    }
}

/// The `WeakRef` payload of a weakref object.
///
/// # Safety
/// `h` is a live object whose payload is a `WeakRef`.
unsafe fn weakref_of<'a>(h: NonNull<Header>) -> &'a WeakRef {
    // SAFETY: forwarded from the caller.
    unsafe { crate::object::payload::<WeakRef>(h).as_ref() }
}

/// Remove `wr` from `referent`'s list.
fn unlink(core: &Core, referent: NonNull<Header>, wr: NonNull<Header>) {
    let mut table = core.weakrefs.borrow_mut();
    if let Some(list) = table.get_mut(&referent) {
        list.retain(|&w| w != wr);
        if list.is_empty() {
            table.remove(&referent);
            // SAFETY: the referent is live (weakrefs to it still pointed at it).
            unsafe { referent.as_ref() }.unset(flag::HAS_WEAKREFS);
            release_if_empty(&mut table);
        }
    }
}

/// An empty table gives its storage back to the heap's allocator, whose last block
/// must go before the heap can be released. (Not `capacity() > 0`: hashbrown's
/// capacity leaves out slots that removals left as tombstones, so an emptied table
/// can report 0 and still hold its block; a new empty table allocates nothing.)
fn release_if_empty(table: &mut Table) {
    if table.is_empty() {
        *table = Table::with_hasher_in(Default::default(), HeapAlloc::new());
    }
}

/// Make a weakref to `target` (or reuse the shared one, for a plain request).
pub(crate) fn new_weakref(
    core: &Core,
    make: impl FnOnce(WeakRef) -> Option<ObjRef>,
    target: &ObjRef,
    kind: WeakKind,
    callback: Option<ObjRef>,
    shareable: bool,
) -> Option<ObjRef> {
    let plain = callback.is_none() && shareable;
    if plain {
        let table = core.weakrefs.borrow();
        if let Some(list) = table.get(&target.ptr) {
            for &w in list {
                // SAFETY: weakrefs in a list are live.
                let existing = unsafe { weakref_of(w) };
                if existing.shared && existing.kind == kind {
                    // SAFETY: as above.
                    return Some(unsafe { ObjRef::from_borrowed(w) });
                }
            }
        }
    }
    let wr = make(WeakRef {
        referent: Cell::new(Some(target.ptr)),
        callback: RefCell::new(callback),
        kind,
        shared: plain,
        hash: Cell::new(None),
    })?;
    let mut table = core.weakrefs.borrow_mut();
    // The list's memory comes from the heap too: out of it (`--max-heap`), no weakref
    // (the caller raises MemoryError).
    table.try_reserve(1).ok()?;
    let list = table
        .entry(target.ptr)
        .or_insert_with(|| List::new_in(HeapAlloc::new()));
    if list.try_reserve(1).is_err() {
        if list.is_empty() {
            table.remove(&target.ptr);
        }
        return None;
    }
    // After the shared ones (the plain ref, then the plain proxy), or at the head.
    let shared_before = list
        .iter()
        // SAFETY: weakrefs in a list are live.
        .take_while(|&&w| unsafe { weakref_of(w) }.shared)
        .count();
    let at = if plain && kind == WeakKind::Ref {
        0
    } else {
        shared_before
    };
    list.insert(at, wr.ptr);
    target.header().set(flag::HAS_WEAKREFS);
    Some(wr)
}

/// The weakrefs to `target`, in list order.
pub(crate) fn weakrefs_of(core: &Core, target: &ObjRef) -> Vec<ObjRef> {
    core.weakrefs
        .borrow()
        .get(&target.ptr)
        .map(|list| {
            list.iter()
                // SAFETY: weakrefs in a list are live.
                .map(|&w| unsafe { ObjRef::from_borrowed(w) })
                .collect()
        })
        .unwrap_or_default()
}

/// Take `referent`'s list out of the table (empty if it has none).
fn take_list(core: &Core, referent: NonNull<Header>) -> List {
    let mut table = core.weakrefs.borrow_mut();
    let list = table
        .remove(&referent)
        .unwrap_or_else(|| List::new_in(HeapAlloc::new()));
    release_if_empty(&mut table);
    list
}

/// What a pass gathers before it calls out (callbacks to run, with their weakrefs):
/// in the heap's memory, as everything the program's objects cost; only once the heap
/// is full (`--max-heap`), the rest in Rust's, so that the callbacks still run.
struct Gathered<T> {
    heap: allocator_api2::vec::Vec<T, HeapAlloc>,
    rust: Vec<T>,
}

impl<T> Gathered<T> {
    fn new() -> Self {
        Gathered {
            heap: allocator_api2::vec::Vec::new_in(HeapAlloc::new()),
            rust: Vec::new(),
        }
    }

    /// Room for `n` more.
    fn reserve(&mut self, n: usize) {
        if self.rust.is_empty() && self.heap.try_reserve(n).is_ok() {
            return;
        }
        self.rust.reserve(n);
    }

    /// Append, after everything gathered so far (into the heap's vector only while
    /// it has room and nothing has spilled to Rust's).
    fn push(&mut self, x: T) {
        if self.rust.is_empty() && self.heap.len() < self.heap.capacity() {
            self.heap.push(x);
        } else {
            self.rust.push(x);
        }
    }

    fn len(&self) -> usize {
        self.heap.len() + self.rust.len()
    }

    fn into_iter(self) -> impl Iterator<Item = T> {
        self.heap.into_iter().chain(self.rust)
    }
}

/// A referent is dying by refcount: clear every weakref to it, then call the callbacks
/// of those still alive, in list order (CPython's `PyObject_ClearWeakRefs`). Returns
/// how many callbacks ran.
pub(crate) fn clear_weakrefs(core: &Core, referent: NonNull<Header>) -> usize {
    let list = take_list(core, referent);
    // SAFETY: the referent is still allocated (it is being destroyed).
    unsafe { referent.as_ref() }.unset(flag::HAS_WEAKREFS);
    let mut calls = Gathered::new();
    calls.reserve(list.len());
    for w in list {
        // SAFETY: weakrefs in a list are live (a dying one unlinks itself first).
        let wr = unsafe { weakref_of(w) };
        wr.referent.set(None);
        let callback = wr.callback.take();
        // SAFETY: as above.
        if unsafe { w.as_ref() }.refcnt.get() > 0 {
            if let Some(callback) = callback {
                // SAFETY: the weakref is live; the handle counts its own reference.
                calls.push((unsafe { ObjRef::from_borrowed(w) }, callback));
            }
        }
    }
    call_callbacks(core, calls)
}

fn call_callbacks(core: &Core, calls: Gathered<(ObjRef, ObjRef)>) -> usize {
    let runtime = Rc::clone(&core.runtime.borrow());
    let ran = calls.len();
    for (wr, callback) in calls.into_iter() {
        let outcome = runtime.weakref_callback(&callback, &wr);
        report(&*runtime, Unraisable::WeakrefCallback(&callback), outcome);
    }
    ran
}

/// The collector's `handle_weakrefs`, on the unreachable set (the working set): clear
/// every weakref to an unreachable object, and every weakref in the set; then call the
/// callbacks of the cleared weakrefs that are reachable. A reachable weakref leaves its
/// generation while its callback runs and goes to the end of generation `old` if it
/// survives it. Returns how many callbacks ran and how many such weakrefs they freed.
pub(crate) fn handle_weakrefs(core: &Core, old: usize) -> (usize, usize) {
    let mut to_call: Gathered<(NonNull<Header>, ObjRef)> = Gathered::new();
    // By index: no Python code runs in this loop, so the working set does not change.
    let n = core.work.borrow().len();
    for i in 0..n {
        let Some(obj) = core.work.borrow().get(i) else {
            continue;
        };
        // SAFETY: working-set objects are live (no Python code runs in this pass).
        let h = unsafe { obj.as_ref() };
        if h.type_index == core.weakref_type.index {
            // A weakref in the set is cleared; its callback never runs.
            // SAFETY: the object is a live weakref.
            unsafe { weakref_of(obj) }.clear_ref(core);
        }
        if !h.has(flag::HAS_WEAKREFS) {
            continue;
        }
        let list = take_list(core, obj);
        h.unset(flag::HAS_WEAKREFS);
        to_call.reserve(list.len());
        for w in list {
            // SAFETY: weakrefs in a list are live.
            let wr = unsafe { weakref_of(w) };
            wr.referent.set(None);
            // SAFETY: as above.
            let wh = unsafe { w.as_ref() };
            if wr.callback.borrow().is_none() || wh.has(flag::COLLECTING) {
                continue; // no callback, or the weakref is garbage too
            }
            // Keep it alive, out of its generation, until its callback has run.
            // SAFETY: the weakref is live.
            let handle = unsafe { ObjRef::from_borrowed(w) };
            if wh.has(flag::TRACKED) {
                core.gens.borrow_mut()[wh.generation()].remove(wh);
            }
            to_call.push((w, handle));
        }
    }
    let runtime = Rc::clone(&core.runtime.borrow());
    let mut freed = 0;
    let ran = to_call.len();
    for (w, handle) in to_call.into_iter() {
        // SAFETY: the handle keeps the weakref live.
        let callback = unsafe { weakref_of(w) }.callback.borrow().clone();
        if let Some(callback) = callback {
            let outcome = runtime.weakref_callback(&callback, &handle);
            report(&*runtime, Unraisable::WeakrefCallback(&callback), outcome);
        }
        if handle.refcount() == 1 {
            freed += 1; // the callback let go of it: it dies with our handle
        } else if !handle.header().has(flag::TRACKED) {
            // SAFETY: the weakref is live and untracked.
            unsafe { core.gens.borrow_mut()[old].push(w, old) };
        }
        drop(handle);
    }
    (ran, freed)
}
