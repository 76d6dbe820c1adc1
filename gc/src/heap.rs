//! The heap: one allocator strategy, every object allocated from it, the generations.
//!
//! # One heap per thread
//!
//! A heap belongs to the thread that made it, as a CPython interpreter's objects do, and
//! the thread finds it through a thread-local: that is how a handle's `Drop` reaches the
//! heap to free an object, and how [`HeapAlloc`] (a zero-sized allocator that list item
//! arrays and dict tables use) reaches the heap's allocator. Handles stay one word and
//! `Vec<T, HeapAlloc>` stays three.
//!
//! The heap's state (`Core`) lives until its last block is freed. Dropping the [`Heap`]
//! handle while objects or buffers remain (held by the program, or leaked) leaves the
//! core *orphaned*: it goes on serving frees and is released when the allocator has no
//! live block left. So no handle or buffer can outlive the memory it points into, and a
//! thread cannot start a second heap while the first still has live blocks.
//!
//! # Deallocation
//!
//! When an object's refcount falls to zero it is deallocated at once, as in CPython's
//! `subtype_dealloc`: untrack; run its finalizer if it has one that has not run (with the
//! object tracked and temporarily alive; if the finalizer stored a new reference, the
//! object is resurrected and stays); drop the payload, whose handles release its
//! references; free the block. Dropping a payload can deallocate more objects, so
//! deallocation recurses — depth first, in CPython's order — but like CPython's trashcan
//! only [`TRASHCAN_UNWIND_LEVEL`] deep: deeper objects are parked on a stack and
//! destroyed when the outermost deallocation unwinds, so a chain of a million objects
//! frees in constant native stack.

use core::cell::{Cell, RefCell};
use core::fmt;
use core::ptr::NonNull;
use std::any::TypeId;
use std::collections::HashMap;
use std::rc::Rc;

use allocator::{AllocError, Allocator, AnyAllocator, Kind, Stats};

use crate::collect::Collection;
use crate::collector::{Collector, CollectorKind};
use crate::free_list::{FreeBlocks, MIN_BLOCK};
use crate::generation::{Generation, Table, GENERATIONS, PERMANENT};
use crate::header::{flag, Header};
use crate::object::FreeList;
use crate::object::{payload, Gc, HasInfo, ObjRef, Trace, Type, TypeInfo};
use crate::runtime::{report, CallbackInfo, NoRuntime, Phase, Runtime, Unraisable};
use crate::weakref::{self, WeakKind, WeakRef};

/// Deallocation recurses at most this deep before deferring (CPython's
/// `PyTrash_UNWIND_LEVEL`).
pub const TRASHCAN_UNWIND_LEVEL: u32 = 50;

/// CPython 3.11's default thresholds for generations 0, 1 and 2.
pub const DEFAULT_THRESHOLDS: [usize; 3] = [700, 10, 10];

thread_local! {
    /// This thread's heap core, if it has one.
    static CURRENT: Cell<Option<NonNull<Core>>> = const { Cell::new(None) };
    /// This thread's payload types; `Type<T>` tokens index it. Append-only.
    static TYPES: RefCell<Vec<&'static TypeInfo>> = const { RefCell::new(Vec::new()) };
    static TYPE_INDEX: RefCell<Option<HashMap<TypeId, u16>>> = const { RefCell::new(None) };
    /// The first [`FAST_TYPES`] entries of `TYPES` again, in cells that need no
    /// destructor: reading one is a load at a fixed thread-local offset, with no
    /// lazy-initialization check and no `RefCell` borrow (every deallocation reads one).
    static FAST: [Cell<Option<&'static TypeInfo>>; FAST_TYPES] =
        const { [const { Cell::new(None) }; FAST_TYPES] };
}

/// How many type indices [`type_info`] answers from the fast table.
const FAST_TYPES: usize = 256;

/// The type information of a registered type index.
#[inline]
pub(crate) fn type_info(index: u16) -> &'static TypeInfo {
    let fast = FAST.with(|t| t.get(index as usize).and_then(Cell::get));
    match fast {
        Some(info) => info,
        None => TYPES.with(|t| t.borrow()[index as usize]),
    }
}

/// Bring a snapshot of the type registry up to date (types are only ever added), with
/// no allocation when nothing was added since.
pub(crate) fn refresh_type_table(snapshot: &mut Vec<&'static TypeInfo>) {
    TYPES.with(|t| {
        let t = t.borrow();
        if snapshot.len() != t.len() {
            snapshot.clear();
            snapshot.extend(t.iter().copied());
        }
    });
}

/// Register `T` in this thread's type registry (idempotent).
fn register<T: Trace>() -> Type<T> {
    TYPE_INDEX.with(|index| {
        let mut index = index.borrow_mut();
        let index = index.get_or_insert_with(HashMap::new);
        let id = *index.entry(TypeId::of::<T>()).or_insert_with(|| {
            TYPES.with(|types| {
                let mut types = types.borrow_mut();
                let id = u16::try_from(types.len()).expect("at most 65536 payload types");
                types.push(&<T as HasInfo>::INFO);
                FAST.with(|fast| {
                    if let Some(cell) = fast.get(usize::from(id)) {
                        cell.set(Some(&<T as HasInfo>::INFO));
                    }
                });
                id
            })
        });
        Type::new(id)
    })
}

/// Why a heap could not be created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeapError {
    /// This thread already has a heap (or the live blocks of a dropped one).
    ThreadHasHeap,
}

impl fmt::Display for HeapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeapError::ThreadHasHeap => write!(f, "this thread already has a heap"),
        }
    }
}

impl std::error::Error for HeapError {}

/// `gc.collect()` was asked for a generation other than 0, 1 or 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidGeneration;

impl fmt::Display for InvalidGeneration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid generation")
    }
}

impl std::error::Error for InvalidGeneration {}

/// An allocation failed: the allocator is out of memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfMemory;

impl fmt::Display for OutOfMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("out of memory")
    }
}

impl std::error::Error for OutOfMemory {}

/// The heap's state, reached through the thread-local `CURRENT`.
///
/// Invariants: it is freed only by `release`, when its allocator has no live block and
/// no heap function is running (`nesting == 0`) — so every object and `HeapAlloc`
/// buffer of the thread lies in its allocator. Its cells are only borrowed for short
/// spans that never call out (to payload drops or the runtime).
pub(crate) struct Core {
    pub gens: RefCell<[Generation; GENERATIONS + 1]>,
    /// Bytes in use past which allocation fails (`heaplab run --max-heap`).
    pub limit: Cell<usize>,
    /// The collector's unreachable set while finalizers and `tp_clear` run (see
    /// `collect.rs`); empty otherwise. Entries of objects freed meanwhile are `None`.
    pub work: RefCell<Table>,
    /// A collection is under way (CPython's `gcstate->collecting`).
    pub collecting: Cell<bool>,
    /// Automatic collection is on (`gc.enable()`).
    pub enabled: Cell<bool>,
    /// Objects in the oldest generation after the last full collection, and objects
    /// that survived into it since (CPython's `long_lived_total` / `_pending`).
    pub long_lived_total: Cell<usize>,
    pub long_lived_pending: Cell<usize>,
    pub gen_stats: RefCell<[GenerationStats; GENERATIONS]>,
    /// `gc.set_debug` flags.
    pub debug: Cell<u32>,
    /// One record per collection, oldest first.
    pub events: RefCell<Vec<Collection>>,
    /// Objects whose deallocation was deferred (CPython's `delete_later`), newest last.
    pub trash: RefCell<Vec<NonNull<Header>>>,
    /// How deep deallocation has recursed.
    pub nesting: Cell<u32>,
    /// The collector is traversing (`gc_slot`s hold `gc_refs`): nothing may be freed.
    pub traversing: Cell<bool>,
    /// Objects whose refcount fell to zero while the collector traversed, kept alive
    /// by these handles until it is safe to free them.
    pub deferred: RefCell<Vec<ObjRef>>,
    /// Each referent's weak references, in CPython's list order (see `weakref.rs`),
    /// in memory from the heap's allocator.
    pub weakrefs: RefCell<weakref::Table>,
    /// The type of weakref objects.
    pub weakref_type: Type<WeakRef>,
    /// The collector's scratch lists, kept between collections so that a collection
    /// does not fault fresh pages in (collector metadata, outside the heap).
    pub scratch: RefCell<crate::collect::Scratch>,
    pub runtime: RefCell<Rc<dyn Runtime>>,
    live_objects: Cell<usize>,
    /// How many objects each of CPython's free lists would hold (see [`FreeList`]).
    pub free_lists: [Cell<u16>; crate::FREE_LISTS],
    /// The blocks those lists hold, reused for new objects of their kind.
    free_blocks: FreeBlocks,
    /// The `Heap` handle was dropped; release the core when the allocator is empty.
    orphaned: Cell<bool>,
    /// The collection algorithm.
    collector: &'static dyn Collector,
    /// Declared last: dropped after everything that could refer to its blocks.
    pub alloc: AnyAllocator,
}

/// Per-generation totals, as `gc.get_stats()` reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenerationStats {
    /// Collections of this generation.
    pub collections: usize,
    /// Objects they collected.
    pub collected: usize,
    /// Objects they found uncollectable.
    pub uncollectable: usize,
}

/// This thread's heap core.
///
/// # Safety
/// The thread has a heap core: true while any object or `HeapAlloc` block of it lives.
#[inline(always)]
pub(crate) unsafe fn current() -> &'static Core {
    let core = CURRENT.with(Cell::get);
    debug_assert!(core.is_some(), "no heap on this thread");
    // SAFETY: the caller guarantees a core exists; it is not freed while any object or
    // block lives (the `Core` invariant), and the callers hold one. The `'static` never
    // escapes a heap function.
    unsafe { core.unwrap_unchecked().as_ref() }
}

impl Core {
    /// An allocation of an object that would come from `list`: `true` if it counts in
    /// generation 0 (CPython allocated it afresh), `false` if CPython would have reused
    /// a freed one.
    #[inline]
    fn take_from_free_list(&self, list: FreeList) -> bool {
        match list {
            FreeList::None => true,
            FreeList::Singleton => false,
            FreeList::Slot { id, .. } => {
                let held = &self.free_lists[usize::from(id)];
                if held.get() > 0 {
                    held.set(held.get() - 1);
                    false
                } else {
                    true
                }
            }
        }
    }

    /// The death of an object that would return to `list`: `true` if it counts in
    /// generation 0 (CPython freed it), `false` if CPython would have kept it.
    #[inline]
    fn give_to_free_list(&self, list: FreeList) -> bool {
        match list {
            FreeList::None => true,
            FreeList::Singleton => false,
            FreeList::Slot { id, capacity } => {
                let held = &self.free_lists[usize::from(id)];
                if held.get() < capacity {
                    held.set(held.get() + 1);
                    false
                } else {
                    true
                }
            }
        }
    }

    /// A birth generation 0 counts (CPython's `_PyObject_GC_Link`): count it, and
    /// collect if the count passed the threshold — before the new object is tracked,
    /// so it is not part of the collection (its references count as outside ones).
    fn count_birth(&self) {
        let due = {
            let mut gens = self.gens.borrow_mut();
            gens[0].count += 1;
            gens[0].count > gens[0].threshold && gens[0].threshold != 0
        };
        if due && self.enabled.get() {
            self.guarded(|core| core.collector.generation_due(core));
        }
    }

    /// The death of a GC object that would return to `list`: generation 0 counts
    /// down unless CPython would have kept it on the free list (`PyObject_GC_Del`).
    fn count_death(&self, list: FreeList) {
        if self.give_to_free_list(list) {
            let mut gens = self.gens.borrow_mut();
            gens[0].count = gens[0].count.saturating_sub(1);
        }
    }

    /// A full collection empties CPython's free lists (`clear_freelists`): the model's
    /// counts, and the blocks, which go back to the allocator.
    pub(crate) fn clear_free_lists(&self) {
        for held in &self.free_lists {
            held.set(0);
        }
        self.free_blocks.release(&self.alloc);
    }

    /// A fresh block from the allocator, within the heap's limit.
    #[inline]
    fn allocate_block(&self, layout: core::alloc::Layout) -> Result<NonNull<Header>, OutOfMemory> {
        let block = self
            .alloc
            .allocate(layout)
            .map_err(|AllocError| OutOfMemory)?;
        if self.alloc.in_use_bytes() > self.limit.get() {
            // Over the limit: give the block back and fail.
            // SAFETY: the block was just allocated with this layout and is not
            // referenced.
            unsafe { self.alloc.deallocate(block.cast(), layout) };
            return Err(OutOfMemory);
        }
        Ok(block.cast())
    }

    /// Release the core if it is orphaned, idle and holds no block.
    fn maybe_release(&self) {
        if self.orphaned.get() && self.nesting.get() == 0 && self.alloc.live_blocks() == 0 {
            CURRENT.with(|c| {
                if let Some(core) = c.take() {
                    debug_assert!(std::ptr::eq(core.as_ptr(), self));
                    // SAFETY: the core came from `Box::into_raw` in `Heap::with_allocator`;
                    // nothing refers to it any more (no live block, no heap function
                    // running, no `Heap` handle) and `CURRENT` no longer points to it.
                    drop(unsafe { Box::from_raw(core.as_ptr()) });
                }
            });
        }
    }

    #[inline]
    fn track(&self, obj: NonNull<Header>, gen: usize) {
        // SAFETY: callers pass live, untracked objects.
        unsafe { self.gens.borrow_mut()[gen].push(obj, gen) }
    }

    #[inline]
    fn untrack(&self, h: &Header) {
        if h.has(flag::COLLECTING) {
            self.work.borrow_mut().remove(h);
            h.unset(flag::COLLECTING | flag::TRACKED);
        } else {
            self.gens.borrow_mut()[h.generation()].remove(h);
        }
    }

    /// Run a collection with the re-entrancy guard, telling `gc.callbacks` before and
    /// after (CPython's `gc_collect_with_callback`); `None` if one is running, or if
    /// `pick` chooses no generation.
    fn guarded(&self, pick: impl FnOnce(&Core) -> Option<usize>) -> Option<Collection> {
        if self.collecting.get() {
            return None;
        }
        self.collecting.set(true);
        let outcome = pick(self).map(|generation| {
            let runtime = Rc::clone(&self.runtime.borrow());
            let info = CallbackInfo {
                generation,
                collected: 0,
                uncollectable: 0,
            };
            let started = runtime.gc_callbacks(Phase::Start, info);
            report(&*runtime, Unraisable::GcCallback(Phase::Start), started);
            let c = self.collector.collect(self, generation);
            let stopped = runtime.gc_callbacks(
                Phase::Stop,
                CallbackInfo {
                    collected: c.collected,
                    uncollectable: c.uncollectable,
                    ..info
                },
            );
            report(&*runtime, Unraisable::GcCallback(Phase::Stop), stopped);
            c
        });
        self.collecting.set(false);
        if let Some(c) = outcome {
            self.events.borrow_mut().push(c);
        }
        outcome
    }
}

/// Deallocate an object whose refcount just fell to zero.
///
/// # Safety
/// `ptr` is an object of this thread's heap with refcount zero that nothing refers to.
#[inline(never)]
pub(crate) unsafe fn dealloc(ptr: NonNull<Header>) {
    // SAFETY: the object is still allocated, so the core exists.
    let core = unsafe { current() };
    if core.traversing.get() {
        // Only a `traverse` that drops handles gets here. The collector's state is
        // in the headers: keep the object alive until it is safe to free it.
        // SAFETY: the object is allocated; this handle takes the refcount of 1.
        unsafe {
            ptr.as_ref().refcnt.set(1);
            core.deferred.borrow_mut().push(ObjRef::from_counted(ptr));
        }
        return;
    }
    let depth = core.nesting.get();
    if depth >= TRASHCAN_UNWIND_LEVEL {
        // Deep enough: park it, untracked, for the outermost deallocation.
        // SAFETY: the object is allocated (refcount zero, not yet freed).
        let h = unsafe { ptr.as_ref() };
        if h.has(flag::TRACKED) {
            core.untrack(h);
        }
        core.trash.borrow_mut().push(ptr);
        return;
    }
    core.nesting.set(depth + 1);
    // SAFETY: forwarded from the caller.
    unsafe { destroy(core, ptr) };
    core.nesting.set(depth);
    if depth == 0 {
        drain_trash(core);
        core.maybe_release();
    }
}

/// Destroy the parked objects, newest first (CPython's `_PyTrash_thread_destroy_chain`).
pub(crate) fn drain_trash(core: &Core) {
    core.nesting.set(core.nesting.get() + 1);
    loop {
        let next = core.trash.borrow_mut().pop();
        let Some(parked) = next else { break };
        // SAFETY: parked objects have refcount zero and nothing refers to them.
        unsafe { destroy(core, parked) };
    }
    core.nesting.set(core.nesting.get() - 1);
}

/// Finalize (maybe resurrecting), then free, an object with refcount zero: its type's
/// [`destroy_typed`], as CPython calls the type's `tp_dealloc`.
///
/// # Safety
/// As for [`dealloc`].
#[inline(always)]
unsafe fn destroy(core: &Core, ptr: NonNull<Header>) {
    // SAFETY: the object is allocated; forwarded from the caller.
    unsafe { (type_info(ptr.as_ref().type_index).destroy)(core, ptr) }
}

/// [`destroy`] for an object whose payload is a `T`, compiled for each payload type
/// (CPython's `subtype_dealloc` and the types' own deallocators), so that what the
/// type decides — whether it can have a finalizer, its free list, its payload's drop
/// — is known where it is used, and a death takes one indirect call.
///
/// # Safety
/// As for [`dealloc`], and the payload is a `T`.
pub(crate) unsafe fn destroy_typed<T: Trace>(core: &Core, ptr: NonNull<Header>) {
    let info = &<T as HasInfo>::INFO;
    // SAFETY: the object is allocated until the end of this function.
    let h = unsafe { ptr.as_ref() };
    if h.has(flag::TRACKED) {
        core.untrack(h);
    }
    // SAFETY: the object and its payload (a `T`) are live.
    if !h.has(flag::FINALIZED) && unsafe { payload::<T>(ptr).as_ref() }.has_finalizer() {
        // SAFETY: forwarded: the object is live with refcount zero.
        if unsafe { finalize_dying(core, ptr, info.gc) } {
            return; // resurrected: the finalizer stored a new reference
        }
    }
    // CPython's subtype_dealloc clears the weakrefs after the finalizer, before the
    // payload: callbacks see the referent gone.
    if h.has(flag::HAS_WEAKREFS) {
        weakref::clear_weakrefs(core, ptr);
    }
    // SAFETY: the payload is live and dropped exactly once, after its free list is
    // read; its handles may deallocate other objects (recursively, through `dealloc`).
    let free_list = unsafe {
        let list = payload::<T>(ptr).as_ref().free_list();
        payload::<T>(ptr).drop_in_place();
        list
    };
    if info.gc {
        core.count_death(free_list);
    }
    core.live_objects.set(core.live_objects.get() - 1);
    if let FreeList::Slot { id, capacity } = free_list {
        if info.layout.size() >= MIN_BLOCK && !core.orphaned.get() {
            // SAFETY: the block is of this type's layout (large enough for the link,
            // just checked), its payload is dropped, it was untracked above, and
            // nothing refers to it.
            if unsafe { core.free_blocks.give(id, capacity, ptr) } {
                return;
            }
        }
    }
    // SAFETY: the block was allocated from this allocator with this layout, and nothing
    // refers to it any more.
    unsafe { core.alloc.deallocate(ptr.cast(), info.layout) };
}

/// Run the finalizer of a dying object, as CPython's `subtype_dealloc` does: the
/// object is tracked again (if `gc`) while it runs, and alive (refcount 1) in the
/// finalizer's hands. `true` if the finalizer resurrected it (stored a new reference);
/// else it is untracked again, with refcount zero, and its death goes on.
///
/// # Safety
/// `ptr` is a live object of this heap with refcount zero, untracked, whose
/// finalizer has not run.
#[inline(never)]
unsafe fn finalize_dying(core: &Core, ptr: NonNull<Header>, gc: bool) -> bool {
    // SAFETY: the caller guarantees the object is live.
    let h = unsafe { ptr.as_ref() };
    if gc {
        core.track(ptr, 0);
    }
    h.refcnt.set(1);
    h.set(flag::FINALIZED);
    let runtime = Rc::clone(&core.runtime.borrow());
    // SAFETY: the refcount of 1 just set belongs to this handle.
    let obj = unsafe { ObjRef::from_counted(ptr) };
    crate::runtime::report(
        &*runtime,
        Unraisable::Finalizer(&obj),
        runtime.finalize(&obj),
    );
    // Undo the temporary reference without deallocating again.
    core::mem::forget(obj);
    let left = h.refcnt.get() - 1;
    h.refcnt.set(left);
    if left > 0 {
        return true;
    }
    if h.has(flag::TRACKED) {
        core.untrack(h);
    }
    false
}

/// A heap: its allocator, its objects, its generations. See the module docs.
pub struct Heap {
    core: NonNull<Core>,
}

impl Heap {
    /// A heap on a new allocator of the given kind.
    pub fn new(kind: Kind) -> Result<Heap, HeapError> {
        Heap::with_allocator(kind.build())
    }

    /// A heap on the given allocator, with CPython 3.11's generational collector.
    pub fn with_allocator(alloc: AnyAllocator) -> Result<Heap, HeapError> {
        Heap::with_collector(alloc, CollectorKind::default())
    }

    /// A heap on the given allocator and collection algorithm.
    pub fn with_collector(alloc: AnyAllocator, kind: CollectorKind) -> Result<Heap, HeapError> {
        CURRENT.with(|current| {
            if current.get().is_some() {
                return Err(HeapError::ThreadHasHeap);
            }
            let core = Box::new(Core {
                gens: RefCell::new([
                    Generation::new(DEFAULT_THRESHOLDS[0]),
                    Generation::new(DEFAULT_THRESHOLDS[1]),
                    Generation::new(DEFAULT_THRESHOLDS[2]),
                    Generation::new(0),
                ]),
                work: RefCell::new(Table::default()),
                collecting: Cell::new(false),
                enabled: Cell::new(true),
                long_lived_total: Cell::new(0),
                long_lived_pending: Cell::new(0),
                gen_stats: RefCell::new([GenerationStats::default(); GENERATIONS]),
                debug: Cell::new(0),
                events: RefCell::new(Vec::new()),
                trash: RefCell::new(Vec::new()),
                nesting: Cell::new(0),
                traversing: Cell::new(false),
                deferred: RefCell::new(Vec::new()),
                scratch: RefCell::new(Default::default()),
                weakrefs: RefCell::new(weakref::Table::with_hasher_in(
                    Default::default(),
                    HeapAlloc::new(),
                )),
                weakref_type: register::<WeakRef>(),
                collector: kind.strategy(),
                runtime: RefCell::new(Rc::new(NoRuntime)),
                live_objects: Cell::new(0),
                free_lists: Default::default(),
                free_blocks: FreeBlocks::default(),
                orphaned: Cell::new(false),
                limit: Cell::new(usize::MAX),
                alloc,
            });
            let core = NonNull::from(Box::leak(core));
            current.set(Some(core));
            Ok(Heap { core })
        })
    }

    #[inline(always)]
    fn core(&self) -> &Core {
        // SAFETY: a core is not released while its `Heap` handle exists.
        unsafe { self.core.as_ref() }
    }

    /// Register a payload type; the token allocates objects of that type.
    pub fn register<T: Trace>(&self) -> Type<T> {
        register::<T>()
    }

    /// Limit the bytes in use in the heap's allocator: past it, allocating an object
    /// fails (`OutOfMemory`), and so does a container's storage growing by a megabyte or
    /// more at once; smaller growth of storage may pass the limit, so that code that
    /// cannot fail (a container's bookkeeping) never does. `None`: no limit.
    pub fn set_limit(&self, bytes: Option<usize>) {
        self.core().limit.set(bytes.unwrap_or(usize::MAX));
    }

    /// Install the runtime that runs finalizers and callbacks.
    pub fn set_runtime(&self, runtime: Rc<dyn Runtime>) {
        *self.core().runtime.borrow_mut() = runtime;
    }

    /// Allocate an object: header and payload in one block from the heap's allocator.
    /// A GC-capable object counts in generation 0; one tracked from birth joins it.
    #[inline]
    pub fn alloc<T: Trace>(&self, ty: Type<T>, value: T) -> Result<Gc<T>, OutOfMemory> {
        let list = value.free_list();
        self.alloc_with(ty, list, || value)
    }

    /// [`Heap::alloc`] with the payload made once its block is had, by `make`, which
    /// runs only if the allocation succeeds; `list` is the free list the payload will
    /// name ([`Trace::free_list`]). The payload is then written straight into the block,
    /// where a payload made first was built on the native stack and copied over
    /// (reading its fields back as wider words than they had just been stored as,
    /// which stalls the processor). If `make` panics, the block is lost, never misused.
    #[inline(always)]
    pub fn alloc_with<T: Trace>(
        &self,
        ty: Type<T>,
        list: FreeList,
        make: impl FnOnce() -> T,
    ) -> Result<Gc<T>, OutOfMemory> {
        let info = &<T as HasInfo>::INFO;
        let core = self.core();
        let reused = match list {
            FreeList::Slot { id, .. } => core.free_blocks.take(id, ty.index),
            _ => None,
        };
        let ptr = match reused {
            Some(block) => block,
            None => core.allocate_block(info.layout)?,
        };
        // SAFETY: the block is ours (fresh from the allocator or off a free list: no
        // live payload, in no table, nothing refers to it), aligned to 16 and
        // `info.layout` bytes long: room for the header and a `T` after it
        // (`TypeInfo` is built that way).
        unsafe {
            payload::<T>(ptr).write(make());
            ptr.write(Header {
                refcnt: Cell::new(1),
                flags: Cell::new(0),
                type_index: ty.index,
                gc_slot: Cell::new(0),
                gc_internal: Cell::new(0),
            });
        }
        // SAFETY: the refcount of 1 belongs to this handle; the payload is a `T`.
        let obj: Gc<T> = unsafe { Gc::from_obj(ObjRef::from_counted(ptr)) };
        debug_assert!(
            obj.free_list() == list,
            "alloc_with: the payload names another free list"
        );
        core.live_objects.set(core.live_objects.get() + 1);
        if info.gc && core.take_from_free_list(list) {
            core.count_birth();
        }
        if info.track_on_alloc {
            core.track(ptr, 0);
        }
        Ok(obj)
    }

    /// A GC object of a type with the free list `list` made, and not kept: how
    /// CPython's generation 0 count and free lists move when it builds an object that
    /// a call needs only while it runs (the argument tuple of `Class(x)`, the kwargs
    /// dict of `Class(k=x)`) and heaplab's calls do without. It counts unless the
    /// free list has one to reuse, and may start a collection, as any counted
    /// allocation. [`Heap::temporary_freed`] is its death.
    pub fn temporary_made(&self, list: FreeList) {
        let core = self.core();
        if core.take_from_free_list(list) {
            core.count_birth();
        }
    }

    /// The death of an object [`Heap::temporary_made`] made: back to its free list
    /// if that has room, else generation 0 counts down.
    pub fn temporary_freed(&self, list: FreeList) {
        self.core().count_death(list);
    }

    /// [`Heap::temporary_made`], then at once [`Heap::temporary_freed`].
    pub fn temporary(&self, list: FreeList) {
        self.temporary_made(list);
        self.temporary_freed(list);
    }

    /// Start tracking a GC-capable object (no effect if it is tracked already, or not
    /// GC-capable).
    pub fn track(&self, obj: &ObjRef) {
        let h = obj.header();
        if !h.has(flag::TRACKED) && type_info(h.type_index).gc {
            self.core().track(obj.ptr, 0);
        }
    }

    /// Stop tracking an object (no effect if it is not tracked).
    pub fn untrack(&self, obj: &ObjRef) {
        let h = obj.header();
        if h.has(flag::TRACKED) {
            self.core().untrack(h);
        }
    }

    /// Whether the collector tracks the object (`gc.is_tracked`).
    pub fn is_tracked(&self, obj: &ObjRef) -> bool {
        obj.header().has(flag::TRACKED)
    }

    /// Whether the object's finalizer has run (`gc.is_finalized`).
    pub fn is_finalized(&self, obj: &ObjRef) -> bool {
        obj.header().has(flag::FINALIZED)
    }

    /// The generation counts (`gc.get_count()`).
    pub fn count(&self) -> (usize, usize, usize) {
        let gens = self.core().gens.borrow();
        (gens[0].count, gens[1].count, gens[2].count)
    }

    /// The tracked objects, in the collector's order: of one generation, or of all
    /// three (the permanent generation is never listed, as in CPython; a generation
    /// past the third lists nothing).
    pub fn objects(&self, generation: Option<usize>) -> Vec<ObjRef> {
        let gens = self.core().gens.borrow();
        let range = match generation {
            Some(g) if g < GENERATIONS => g..g + 1,
            Some(_) => 0..0,
            None => 0..GENERATIONS,
        };
        gens[range]
            .iter()
            .flat_map(|g| g.table.objects())
            // SAFETY: tables hold live objects only.
            .map(|p| unsafe { ObjRef::from_borrowed(p) })
            .collect()
    }

    /// Collect a generation (0, 1 or 2) and every younger one (`gc.collect(generation)`):
    /// the number of unreachable objects found, less those resurrected. During a
    /// collection (from a finalizer, say) it does nothing and returns 0, as CPython's
    /// re-entrancy guard does.
    pub fn collect(&self, generation: usize) -> Result<usize, InvalidGeneration> {
        if generation >= GENERATIONS {
            return Err(InvalidGeneration);
        }
        Ok(self
            .core()
            .guarded(|_| Some(generation))
            .map_or(0, |c| c.collected + c.uncollectable))
    }

    /// Turn automatic collection on or off (`gc.enable()` / `gc.disable()`).
    pub fn set_enabled(&self, on: bool) {
        self.core().enabled.set(on);
    }

    /// Whether automatic collection is on (`gc.isenabled()`).
    pub fn is_enabled(&self) -> bool {
        self.core().enabled.get()
    }

    /// The thresholds of generations 0, 1 and 2 (`gc.get_threshold()`).
    pub fn threshold(&self) -> (usize, usize, usize) {
        let gens = self.core().gens.borrow();
        (gens[0].threshold, gens[1].threshold, gens[2].threshold)
    }

    /// Set thresholds (`gc.set_threshold(t0[, t1[, t2]])`): `None` keeps one. A
    /// threshold0 of 0 turns automatic collection off.
    pub fn set_threshold(&self, t0: usize, t1: Option<usize>, t2: Option<usize>) {
        let mut gens = self.core().gens.borrow_mut();
        gens[0].threshold = t0;
        if let Some(t1) = t1 {
            gens[1].threshold = t1;
        }
        if let Some(t2) = t2 {
            gens[2].threshold = t2;
        }
    }

    /// Per-generation totals (`gc.get_stats()`).
    pub fn generation_stats(&self) -> [GenerationStats; GENERATIONS] {
        *self.core().gen_stats.borrow()
    }

    /// The `gc.set_debug` flags.
    pub fn debug(&self) -> u32 {
        self.core().debug.get()
    }

    /// Set the `gc.set_debug` flags (`DEBUG_*`).
    pub fn set_debug(&self, flags: u32) {
        self.core().debug.set(flags);
    }

    /// Whether a collection is under way.
    pub fn is_collecting(&self) -> bool {
        self.core().collecting.get()
    }

    /// The record of every collection so far, oldest first.
    pub fn events(&self) -> Vec<Collection> {
        self.core().events.borrow().clone()
    }

    /// A weak reference to `target` (`weakref.ref(target, callback)` for `WeakKind::Ref`,
    /// `weakref.proxy` for `WeakKind::Proxy`). A plain request (no callback,
    /// `shareable`) returns the existing plain weakref of that kind if there is one, as
    /// CPython does; `shareable` is false for instances of subclasses.
    pub fn weakref(
        &self,
        target: &ObjRef,
        kind: WeakKind,
        callback: Option<ObjRef>,
        shareable: bool,
    ) -> Result<Gc<WeakRef>, OutOfMemory> {
        let core = self.core();
        let mut failed = false;
        let made = weakref::new_weakref(
            core,
            |wr| match self.alloc(core.weakref_type, wr) {
                Ok(gc) => Some(gc.into_obj()),
                Err(OutOfMemory) => {
                    failed = true;
                    None
                }
            },
            target,
            kind,
            callback,
            shareable,
        );
        match made {
            // SAFETY: the object was made or found as a `WeakRef`.
            Some(obj) => Ok(unsafe { Gc::from_obj(obj) }),
            None => {
                debug_assert!(failed);
                Err(OutOfMemory)
            }
        }
    }

    /// How many weak references point at `target` (`weakref.getweakrefcount`).
    pub fn weakref_count(&self, target: &ObjRef) -> usize {
        self.core()
            .weakrefs
            .borrow()
            .get(&target.ptr)
            .map_or(0, |l| l.len())
    }

    /// The weak references to `target`, in CPython's order (`weakref.getweakrefs`).
    pub fn weakrefs(&self, target: &ObjRef) -> Vec<ObjRef> {
        weakref::weakrefs_of(self.core(), target)
    }

    /// Move every tracked object into the permanent generation, which collections
    /// ignore (`gc.freeze()`); generation 0's count restarts.
    pub fn freeze(&self) {
        let mut gens = self.core().gens.borrow_mut();
        for g in 0..GENERATIONS {
            merge(&mut gens[..], g, PERMANENT);
        }
        gens[0].count = 0;
    }

    /// Move the permanent generation back into the oldest (`gc.unfreeze()`).
    pub fn unfreeze(&self) {
        merge(
            &mut self.core().gens.borrow_mut()[..],
            PERMANENT,
            GENERATIONS - 1,
        );
    }

    /// Objects in the permanent generation (`gc.get_freeze_count()`).
    pub fn freeze_count(&self) -> usize {
        self.core().gens.borrow()[PERMANENT].live()
    }

    /// The objects `obj` refers to, as its type's traversal reports them
    /// (`gc.get_referents`).
    pub fn referents(&self, obj: &ObjRef) -> Vec<ObjRef> {
        let mut out = Vec::new();
        let info = type_info(obj.header().type_index);
        // SAFETY: the object is live; its payload is of this type; the visitor only
        // takes new counted references to the (live) referents.
        unsafe { (info.traverse)(obj.ptr, &mut |r: &ObjRef| out.push(r.clone())) };
        out
    }

    /// The tracked objects that refer to any of `targets` (`gc.get_referrers`), in the
    /// collector's order; like CPython's, it only finds tracked referrers.
    pub fn referrers(&self, targets: &[ObjRef]) -> Vec<ObjRef> {
        let wanted: std::collections::HashSet<NonNull<Header>> =
            targets.iter().map(|t| t.ptr).collect();
        self.objects(None)
            .into_iter()
            .filter(|candidate| {
                let mut hit = false;
                let info = type_info(candidate.header().type_index);
                // SAFETY: the candidate is live; its payload is of this type; the
                // visitor only compares addresses.
                unsafe {
                    (info.traverse)(candidate.ptr, &mut |r: &ObjRef| {
                        hit |= wanted.contains(&r.ptr)
                    })
                };
                hit
            })
            .collect()
    }

    /// Objects allocated and not yet freed.
    pub fn live_objects(&self) -> usize {
        self.core().live_objects.get()
    }

    /// Blocks of dead objects held on the free lists for reuse (see `free_list.rs`).
    pub fn free_list_blocks(&self) -> usize {
        self.core().free_blocks.held()
    }

    /// The allocator's statistics.
    pub fn allocator_stats(&self) -> Stats {
        self.core().alloc.stats()
    }

    /// The allocator's name.
    pub fn allocator_name(&self) -> &'static str {
        self.core().alloc.name()
    }

    /// Bytes of the collector's own tables (outside the heap's allocator).
    pub fn table_bytes(&self) -> usize {
        self.core()
            .gens
            .borrow()
            .iter()
            .map(|g| g.table.table_bytes())
            .sum()
    }
}

/// Append generation `from`'s objects to generation `to`, in order (CPython's
/// `gc_list_merge`).
fn merge(gens: &mut [Generation], from: usize, to: usize) {
    let moved: Vec<_> = gens[from].table.drain().collect();
    for obj in moved {
        // SAFETY: tables hold live objects; this one just left its table.
        unsafe {
            obj.as_ref().unset(flag::TRACKED);
            gens[to].push(obj, to);
        }
    }
}

/// Final collections when a heap is dropped: enough for chains of finalizers that
/// resurrect and release in turn, bounded so a finalizer that always resurrects cannot
/// hang the drop.
const FINAL_COLLECTIONS: usize = 8;

impl Drop for Heap {
    /// Free the garbage (cycles included: full collections, with `DEBUG_SAVEALL` off so
    /// nothing is kept), then release the heap — or, while handles or buffers the
    /// program still holds keep objects alive, leave it orphaned until they go.
    fn drop(&mut self) {
        let core = self.core();
        if !core.collecting.get() {
            core.debug.set(core.debug.get() & !crate::DEBUG_SAVEALL);
            for _ in 0..FINAL_COLLECTIONS {
                let freed = core.guarded(|_| Some(GENERATIONS - 1));
                if freed.is_none_or(|c| c.collected == 0) {
                    break;
                }
            }
        }
        core.orphaned.set(true);
        core.free_blocks.release(&core.alloc);
        core.maybe_release();
    }
}

/// The heap's allocator as a zero-sized `Allocator`, for the storage of payloads (list
/// item arrays, dict tables, string bytes): `allocator_api2::vec::Vec<T, HeapAlloc>`.
/// It allocates from this thread's heap; with no heap, allocation fails.
#[derive(Clone, Copy, Debug, Default)]
pub struct HeapAlloc {
    /// `!Send`: its blocks belong to this thread's heap.
    _not_send: core::marker::PhantomData<*const ()>,
}

impl HeapAlloc {
    /// The allocator of this thread's heap.
    pub fn new() -> Self {
        HeapAlloc::default()
    }
}

// SAFETY: every call forwards to the allocator of this thread's heap core. A block
// allocated here is counted as live by that allocator, and the core is not released
// while any block is live, so `deallocate`, `grow` and `shrink` (which the caller may
// only call on live blocks from here) always reach the allocator that made the block;
// `HeapAlloc` is `!Send`, so the block cannot reach another thread's heap.
unsafe impl Allocator for HeapAlloc {
    #[inline]
    fn allocate(&self, layout: core::alloc::Layout) -> Result<NonNull<[u8]>, AllocError> {
        match CURRENT.with(Cell::get) {
            Some(core) => {
                // SAFETY: a core in `CURRENT` is live.
                let core = unsafe { core.as_ref() };
                over_limit(core, layout.size())?;
                core.alloc.allocate(layout)
            }
            None => Err(AllocError),
        }
    }

    #[inline]
    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: core::alloc::Layout) {
        // SAFETY: the block is live, so the core that made it exists.
        let core = unsafe { current() };
        // SAFETY: forwarded from the caller.
        unsafe { core.alloc.deallocate(ptr, layout) };
        core.maybe_release();
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: core::alloc::Layout,
        new: core::alloc::Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the block is live, so its core exists.
        let core = unsafe { current() };
        over_limit(core, new.size() - old.size())?;
        // SAFETY: forwarded from the caller.
        unsafe { core.alloc.grow(ptr, old, new) }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: core::alloc::Layout,
        new: core::alloc::Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: the block is live, so its core exists; forwarded from the caller.
        unsafe { current().alloc.shrink(ptr, old, new) }
    }
}

/// Storage growth of this many bytes or more is refused past the heap's limit.
const LARGE_GROWTH: usize = 1 << 20;

/// Refuse a large storage request that would take the heap past its limit.
#[inline]
fn over_limit(core: &Core, bytes: usize) -> Result<(), AllocError> {
    if bytes >= LARGE_GROWTH && core.alloc.in_use_bytes().saturating_add(bytes) > core.limit.get() {
        Err(AllocError)
    } else {
        Ok(())
    }
}
