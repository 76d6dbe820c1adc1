//! Objects as the VM sees them: payload types, their type information, and the handles
//! that keep them alive.
//!
//! A payload type (a list, a dict, an instance, …) implements [`Trace`]: what
//! CPython's type slots give the collector — `tp_traverse` (visit every reference),
//! `tp_clear` (drop references to break cycles), whether a finalizer exists, the type's
//! name — plus whether objects of the type are GC-capable (CPython's
//! `Py_TPFLAGS_HAVE_GC`) and tracked from birth. The VM registers each payload type
//! once ([`Heap::register`](crate::Heap::register)) and gets a [`Type`] token to
//! allocate with.
//!
//! [`ObjRef`] is a strong reference to any object: cloning it increments the refcount,
//! dropping it decrements, and the last drop deallocates the object then and there.
//! [`Gc<T>`] is the same reference with its payload type known, and derefs to `T`.
//! Payloads are shared, so they mutate through `Cell`/`RefCell` like any `Rc` payload.

use core::alloc::Layout;
use core::fmt;
use core::marker::PhantomData;
use core::ops::Deref;
use core::ptr::NonNull;
use std::any::TypeId;
use std::borrow::Cow;

use crate::header::{Header, BLOCK_ALIGN, HEADER_SIZE};
use crate::heap;

/// A payload type: what the collector needs to know about objects of this type.
///
/// Implementations promise that `traverse` visits exactly the strong references
/// ([`ObjRef`]s) the payload owns, each once per reference held, and that `clear`
/// drops (at least) every reference that could be part of a cycle. A wrong `traverse`
/// makes the collector free live objects or leak garbage, but never causes undefined
/// behavior: handles stay counted.
pub trait Trace: 'static {
    /// Objects of this type are GC-capable: they count in generation 0's count and may
    /// be tracked (CPython's `Py_TPFLAGS_HAVE_GC`). Strings are not; containers are.
    const GC: bool;

    /// New objects are tracked at once (most containers). A type that starts untracked
    /// (CPython's dict) is tracked later with [`Heap::track`](crate::Heap::track).
    const TRACK_ON_ALLOC: bool = Self::GC;

    /// Report every strong reference the payload owns (`tp_traverse`), to `tracer`. A
    /// payload that holds references in a slice (a list's items) should report it
    /// with [`Tracer::visit_all`].
    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        let _ = tracer;
    }

    /// Drop the references that could form cycles (`tp_clear`), so that the
    /// refcounts of unreachable cycles fall to zero.
    fn clear(&self) {}

    /// Whether the object has a finalizer to run before it dies (`tp_finalize`: a
    /// class with `__del__`). The heap's [`Runtime`](crate::Runtime) runs it.
    fn has_finalizer(&self) -> bool {
        false
    }

    /// When the collector asks surviving objects of this type whether they can be
    /// untracked (see [`Trace::can_untrack`]).
    const UNTRACK: Untrack = Untrack::Never;

    /// `true` if this surviving object can be untracked because it cannot be part of a
    /// cycle any more (CPython: a tuple or dict that holds only untracked objects).
    /// Asked as [`Trace::UNTRACK`] says.
    fn can_untrack(&self) -> bool {
        false
    }

    /// Which of CPython's free lists an object like this one comes from and returns
    /// to (see [`FreeList`]); it decides whether its allocation and its death move
    /// generation 0's count.
    fn free_list(&self) -> FreeList {
        FreeList::None
    }

    /// The name of the object's type as Python shows it (`type(x).__name__`).
    fn type_name(&self) -> Cow<'_, str>;

    /// What `sys.getsizeof` reports for the object. A VM modelling CPython's types
    /// returns CPython's size (for a GC object, including CPython's 16-byte GC header);
    /// by default, the bytes heaplab takes: header and payload.
    fn getsizeof(&self) -> usize
    where
        Self: Sized,
    {
        HEADER_SIZE + core::mem::size_of::<Self>()
    }
}

/// CPython keeps recently freed lists, dicts and small tuples on free lists and reuses
/// them, and an object taken from or returned to a free list does not go through
/// `_PyObject_GC_Link`/`PyObject_GC_Del`: it does not move `gc.get_count()`. heaplab
/// allocates every object afresh, but keeps a count of what each of CPython's free lists
/// would hold, so generation 0's count moves exactly as CPython's does. A full
/// collection empties the free lists, as CPython's does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreeList {
    /// No free list (most types): every allocation and death counts.
    None,
    /// Free list number `id` (below [`FREE_LISTS`]), holding at most `capacity`.
    Slot {
        /// Which list.
        id: u8,
        /// CPython's bound on its length.
        capacity: u16,
    },
    /// An immortal singleton in CPython (the empty tuple): never counted.
    Singleton,
}

/// How many free lists a heap keeps counts for.
pub const FREE_LISTS: usize = 32;

/// When the collector offers to untrack survivors of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Untrack {
    /// Never (most types).
    Never,
    /// After every collection (CPython's `untrack_tuples`).
    EveryCollection,
    /// After full collections only (CPython's `untrack_dicts`, "to avoid quadratic dict
    /// build-up").
    FullCollection,
}

/// Receives the references a payload reports from [`Trace::traverse`]. The collector's
/// passes are tracers, each compiled into every payload type's traversal, so reporting
/// a reference costs no indirect call. Any `FnMut(&ObjRef)` closure is a tracer too.
pub trait Tracer {
    /// One reference.
    fn visit(&mut self, obj: &ObjRef);

    /// A run of references, in order.
    #[inline]
    fn visit_all(&mut self, objs: &[ObjRef]) {
        for obj in objs {
            self.visit(obj);
        }
    }
}

impl<F: FnMut(&ObjRef)> Tracer for F {
    #[inline]
    fn visit(&mut self, obj: &ObjRef) {
        self(obj)
    }
}

/// Type information for one payload type, built at compile time for each `T: Trace`.
pub(crate) struct TypeInfo {
    /// Layout of the whole block: header plus payload.
    pub layout: Layout,
    pub gc: bool,
    pub track_on_alloc: bool,
    pub untrack: Untrack,
    pub rust_type: TypeId,
    /// Finalize and free a dead object of this type (`heap::destroy_typed`).
    pub destroy: unsafe fn(&heap::Core, NonNull<Header>),
    /// Traversal with any tracer (`gc.get_referents`, `gc.get_referrers`).
    pub traverse: unsafe fn(NonNull<Header>, &mut dyn Tracer),
    /// Traversal compiled for each of the collector's passes.
    pub traverse_count: unsafe fn(NonNull<Header>, &mut crate::collect::Count),
    pub traverse_mark: unsafe fn(NonNull<Header>, &mut crate::collect::Mark),
    pub traverse_prefetch: unsafe fn(NonNull<Header>, &mut crate::collect::Prefetch),
    pub clear: unsafe fn(NonNull<Header>),
    pub has_finalizer: unsafe fn(NonNull<Header>) -> bool,
    pub can_untrack: unsafe fn(NonNull<Header>) -> bool,
    pub type_name: unsafe fn(NonNull<Header>) -> String,
    pub getsizeof: unsafe fn(NonNull<Header>) -> usize,
}

/// The payload of the object whose header is at `header`.
#[inline(always)]
pub(crate) fn payload<T>(header: NonNull<Header>) -> NonNull<T> {
    // SAFETY: every block is at least HEADER_SIZE + size_of::<T>() bytes (its layout),
    // so the offset stays inside it.
    unsafe { header.cast::<u8>().add(HEADER_SIZE).cast() }
}

/// Attaches the static [`TypeInfo`] to every payload type.
pub(crate) trait HasInfo {
    const INFO: TypeInfo;
}

impl<T: Trace> HasInfo for T {
    const INFO: TypeInfo = {
        assert!(
            core::mem::align_of::<T>() <= BLOCK_ALIGN,
            "payloads may be aligned to 16 bytes at most"
        );
        let layout =
            match Layout::from_size_align(HEADER_SIZE + core::mem::size_of::<T>(), BLOCK_ALIGN) {
                Ok(layout) => layout,
                Err(_) => panic!("payload too large"),
            };
        TypeInfo {
            layout,
            gc: T::GC,
            track_on_alloc: T::GC && T::TRACK_ON_ALLOC,
            untrack: T::UNTRACK,
            rust_type: TypeId::of::<T>(),
            destroy: heap::destroy_typed::<T>,
            traverse: traverse_dyn::<T>,
            traverse_count: traverse::<T, crate::collect::Count>,
            traverse_mark: traverse::<T, crate::collect::Mark>,
            traverse_prefetch: traverse::<T, crate::collect::Prefetch>,
            clear: clear::<T>,
            has_finalizer: has_finalizer::<T>,
            can_untrack: can_untrack::<T>,
            type_name: type_name::<T>,
            getsizeof: getsizeof::<T>,
        }
    };
}

// The functions below are the entries of a type's `TypeInfo`. Safety, for all: `h` is
// the header of a live object whose payload is a `T` (the type registry maps the
// header's type index to `T`'s info).

unsafe fn traverse_dyn<T: Trace>(h: NonNull<Header>, tracer: &mut dyn Tracer) {
    // SAFETY: see above.
    unsafe { payload::<T>(h).as_ref() }.traverse(tracer)
}

unsafe fn traverse<T: Trace, V: Tracer + ?Sized>(h: NonNull<Header>, tracer: &mut V) {
    // SAFETY: see above.
    unsafe { payload::<T>(h).as_ref() }.traverse(tracer)
}

unsafe fn clear<T: Trace>(h: NonNull<Header>) {
    // SAFETY: see above.
    unsafe { payload::<T>(h).as_ref() }.clear()
}

unsafe fn has_finalizer<T: Trace>(h: NonNull<Header>) -> bool {
    // SAFETY: see above.
    unsafe { payload::<T>(h).as_ref() }.has_finalizer()
}

unsafe fn can_untrack<T: Trace>(h: NonNull<Header>) -> bool {
    // SAFETY: see above.
    unsafe { payload::<T>(h).as_ref() }.can_untrack()
}

unsafe fn getsizeof<T: Trace>(h: NonNull<Header>) -> usize {
    // SAFETY: see above.
    unsafe { payload::<T>(h).as_ref() }.getsizeof()
}

unsafe fn type_name<T: Trace>(h: NonNull<Header>) -> String {
    // SAFETY: see above.
    unsafe { payload::<T>(h).as_ref() }.type_name().into_owned()
}

/// A registered payload type: allocate objects of type `T` with it. Obtained from
/// [`Heap::register`](crate::Heap::register); valid for that heap.
///
/// Type indices are per thread (the registry is thread-local), so a token is `!Send`.
pub struct Type<T> {
    pub(crate) index: u16,
    _t: PhantomData<fn() -> T>,
    _not_send: PhantomData<*const ()>,
}

impl<T> Type<T> {
    pub(crate) fn new(index: u16) -> Self {
        Type {
            index,
            _t: PhantomData,
            _not_send: PhantomData,
        }
    }
}

impl<T: Trace> Type<T> {
    /// The payload of `obj` if it is of this type: one compare of the header's type
    /// index, the interpreter's fast check.
    #[inline(always)]
    pub fn get(self, obj: &ObjRef) -> Option<&T> {
        if obj.header().type_index == self.index {
            // SAFETY: this thread's registry gave `T` this index and no other type has
            // it (the token cannot leave the thread), so the payload is a `T`; the
            // handle keeps the object alive for the borrow.
            Some(unsafe { payload::<T>(obj.ptr).as_ref() })
        } else {
            None
        }
    }

    /// Whether `obj` is of this type.
    #[inline(always)]
    pub fn is(self, obj: &ObjRef) -> bool {
        obj.header().type_index == self.index
    }
}

impl<T> Clone for Type<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Type<T> {}

impl<T> fmt::Debug for Type<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Type({}, {})", self.index, std::any::type_name::<T>())
    }
}

/// A strong reference to an object of any type.
///
/// Invariant: `ptr` is the header of a live object of the current thread's heap, and
/// this handle is counted in its refcount. Handles are `!Send`: an object belongs to
/// the thread of its heap.
pub struct ObjRef {
    pub(crate) ptr: NonNull<Header>,
}

impl ObjRef {
    /// Take over one counted reference to the object at `ptr`.
    ///
    /// # Safety
    /// `ptr` is a live object of this thread's heap and the caller gives up one
    /// reference it counted (or has just counted one for this handle).
    #[inline(always)]
    pub(crate) unsafe fn from_counted(ptr: NonNull<Header>) -> ObjRef {
        ObjRef { ptr }
    }

    /// A new counted reference to the live object at `ptr`.
    ///
    /// # Safety
    /// `ptr` is a live object of this thread's heap.
    #[inline(always)]
    pub(crate) unsafe fn from_borrowed(ptr: NonNull<Header>) -> ObjRef {
        // SAFETY: the caller guarantees the object is live.
        incref(unsafe { ptr.as_ref() });
        ObjRef { ptr }
    }

    #[inline(always)]
    pub(crate) fn header(&self) -> &Header {
        // SAFETY: the handle keeps the object alive (type invariant).
        unsafe { self.ptr.as_ref() }
    }

    /// The object's refcount (what `sys.getrefcount` builds on).
    pub fn refcount(&self) -> u32 {
        self.header().refcnt.get()
    }

    /// The object's identity: its address, stable while it lives (`id(x)`).
    pub fn id(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// Whether both handles refer to the same object (`a is b`).
    pub fn is(&self, other: &ObjRef) -> bool {
        self.ptr == other.ptr
    }

    /// The name of the object's type as Python shows it.
    pub fn type_name(&self) -> String {
        let info = heap::type_info(self.header().type_index);
        // SAFETY: the object is live and `info` is its type's.
        unsafe { (info.type_name)(self.ptr) }
    }

    /// What `sys.getsizeof` reports for the object (see [`Trace::getsizeof`]).
    pub fn getsizeof(&self) -> usize {
        let info = heap::type_info(self.header().type_index);
        // SAFETY: the object is live and `info` is its type's.
        unsafe { (info.getsizeof)(self.ptr) }
    }

    /// The object as a `Gc<T>` if its payload is a `T`.
    pub fn downcast<T: Trace>(&self) -> Option<Gc<T>> {
        let info = heap::type_info(self.header().type_index);
        (info.rust_type == TypeId::of::<T>()).then(|| Gc {
            obj: self.clone(),
            _t: PhantomData,
        })
    }

    /// Whether the object's payload is a `T`.
    pub fn is_a<T: Trace>(&self) -> bool {
        heap::type_info(self.header().type_index).rust_type == TypeId::of::<T>()
    }

    /// The payload, if it is a `T`, borrowed for as long as this handle: no refcount
    /// traffic, for the interpreter's fast paths.
    #[inline]
    pub fn get<T: Trace>(&self) -> Option<&T> {
        if self.is_a::<T>() {
            // SAFETY: the handle keeps the object alive for the borrow's lifetime, and
            // its payload is a `T` (just checked).
            Some(unsafe { payload::<T>(self.ptr).as_ref() })
        } else {
            None
        }
    }

    /// Whether the object's type takes part in cycle collection (CPython's
    /// `PyObject_IS_GC`), tracked now or not.
    #[inline]
    pub fn is_gc(&self) -> bool {
        heap::type_info(self.header().type_index).gc
    }

    /// Whether the collector tracks the object (`gc.is_tracked`).
    #[inline]
    pub fn is_tracked(&self) -> bool {
        self.header().has(crate::header::flag::TRACKED)
    }

    /// The index of the object's payload type in the heap's registry (equal for two
    /// objects exactly when their payload types are equal).
    #[inline]
    pub fn type_index(&self) -> u16 {
        self.header().type_index
    }
}

#[inline(always)]
fn incref(h: &Header) {
    let n = h.refcnt.get();
    if n == u32::MAX {
        // As `Rc` does: an overflow would let a live object be freed.
        std::process::abort();
    }
    h.refcnt.set(n + 1);
}

impl Clone for ObjRef {
    #[inline(always)]
    fn clone(&self) -> Self {
        incref(self.header());
        ObjRef { ptr: self.ptr }
    }
}

impl Drop for ObjRef {
    #[inline(always)]
    fn drop(&mut self) {
        let h = self.header();
        let n = h.refcnt.get() - 1;
        h.refcnt.set(n);
        if n == 0 {
            // SAFETY: this was the last reference; nothing else can reach the object.
            unsafe { heap::dealloc(self.ptr) }
        }
    }
}

impl PartialEq for ObjRef {
    fn eq(&self, other: &Self) -> bool {
        self.is(other)
    }
}

impl Eq for ObjRef {}

impl core::hash::Hash for ObjRef {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.ptr.hash(state)
    }
}

impl fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} object at {:#x}>", self.type_name(), self.id())
    }
}

/// A strong reference to an object whose payload is a `T`; derefs to the payload.
pub struct Gc<T> {
    obj: ObjRef,
    _t: PhantomData<T>,
}

impl<T: Trace> Gc<T> {
    /// # Safety
    /// `obj`'s payload is a `T`.
    pub(crate) unsafe fn from_obj(obj: ObjRef) -> Gc<T> {
        Gc {
            obj,
            _t: PhantomData,
        }
    }

    /// The untyped reference.
    pub fn as_obj(&self) -> &ObjRef {
        &self.obj
    }

    /// Give up the type.
    pub fn into_obj(self) -> ObjRef {
        self.obj
    }
}

impl<T: Trace> Deref for Gc<T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: the handle keeps the object alive, and its payload is a `T`.
        unsafe { payload::<T>(self.obj.ptr).as_ref() }
    }
}

impl<T> Clone for Gc<T> {
    fn clone(&self) -> Self {
        Gc {
            obj: self.obj.clone(),
            _t: PhantomData,
        }
    }
}

impl<T: Trace> fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.obj.fmt(f)
    }
}
