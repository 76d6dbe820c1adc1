//! The interpreter: a frame stack and a value stack per frame, as in CPython's
//! Python/ceval.c.
//!
//! [`Vm::run_frames`] executes frames in a loop: a call to a Python function pushes a
//! frame and continues the loop, and a return pops it, so Python recursion never grows
//! the native stack. Only Rust code that calls back into Python (a built-in taking a
//! function, a finalizer, a weakref callback) starts a nested loop; the nesting counts
//! against the recursion limit like any frame, and runs on a fresh stack segment when
//! the native stack runs low.
//!
//! Errors are Python exceptions ([`Exc`]): an instance of an exception class and the
//! traceback entries gathered as it unwinds. An exception looks for a handler block in
//! its frame (`SetupFinally`); if none, the frame is popped and the caller's call site
//! raises it.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::mem::ManuallyDrop;
use std::rc::Rc;

use gc::{Heap, ObjRef};

use crate::ast::BinOp;
use crate::attr::Found;
use crate::bytecode::{Code, Const, Op, Scope};
use crate::object::class::BuiltinType;
use crate::object::dict::DictMap;
use crate::object::func::DescriptorKind;
use crate::object::iter::IterKind;
use crate::object::list::TupleItems;
use crate::object::*;
use crate::value::Value;

/// One entry of a traceback.
#[derive(Clone, Debug)]
pub struct TbEntry {
    /// The file.
    pub filename: Rc<str>,
    /// The line.
    pub line: u32,
    /// The function's name.
    pub name: String,
}

/// A Python exception on its way up: boxed, so that `Result<Value, Exc>` is two
/// words and comes back from a call in registers (an unboxed `Exc` made every fallible
/// call return through memory, and the loads of those results stalled on the stores).
#[derive(Clone, Debug)]
pub struct Exc(Box<Raised>);

/// What an [`Exc`] carries.
#[derive(Clone, Debug)]
pub struct Raised {
    /// The exception object.
    pub value: Value,
    /// Where it passed, innermost first.
    pub traceback: Vec<TbEntry>,
    /// Whether its `__context__` is settled: the exception being handled when it was
    /// raised has been looked for (in the frames of the run it was raised in, or, if
    /// none was handling one, of the runs below).
    pub chained: bool,
    /// Re-raised by the frame that was handling it: its traceback has that frame.
    pub reraised: bool,
}

impl Exc {
    /// An exception just raised: no traceback yet, its context not yet looked for.
    pub fn new(value: Value) -> Exc {
        Exc(Box::new(Raised {
            value,
            traceback: Vec::new(),
            chained: false,
            reraised: false,
        }))
    }
}

impl std::ops::Deref for Exc {
    type Target = Raised;

    fn deref(&self) -> &Raised {
        &self.0
    }
}

impl std::ops::DerefMut for Exc {
    fn deref_mut(&mut self) -> &mut Raised {
        &mut self.0
    }
}

/// How a run of frames ended.
pub(crate) enum Finish {
    /// The bottom frame returned this.
    Return(Value),
    /// The bottom frame (a generator's) yielded this and is suspended.
    Yield(Value, Box<Frame>),
}

/// What a frame's return value is for.
#[derive(Clone)]
enum OnReturn {
    /// Push it on the caller's stack.
    Value,
    /// An `__init__` call: check it is `None`; the instance, in the callable's slot
    /// since the call, is the result. What CPython's `type_call` made for the call
    /// dies then.
    Init(TpCall),
    /// A class body: hand its namespace and `__class__` cell to the class builder.
    Discard,
}

/// What CPython 3.11 builds to call a class, which has no vectorcall
/// (`_PyObject_MakeTpCall`): a tuple of the `args` positional arguments and, with
/// `kwargs` keyword arguments, a dict of them — and, to pass those on to a Python
/// `__init__`, a tuple of their names. heaplab's calls need none of them, but they
/// move `gc.get_count()` (and so when collections run) in CPython, so the heap is
/// told of them ([`gc::Heap::temporary_made`]): made before the instance, freed when
/// `__init__` returns.
#[derive(Clone, Copy, Default)]
pub(crate) struct TpCall {
    args: u32,
    kwargs: u32,
}

impl TpCall {
    /// The argument tuple and kwargs dict, made (before the instance is).
    fn made(self, vm: &Vm) -> TpCall {
        if self.args > 0 {
            vm.heap
                .temporary_made(crate::object::list::tuple_free_list(self.args as usize));
        }
        if self.kwargs > 0 {
            vm.heap.temporary_made(crate::object::dict::DICT_FREE_LIST);
        }
        self
    }

    /// The names tuple a Python `__init__` is called with (after the instance).
    fn names_made(self, vm: &Vm) -> TpCall {
        if self.kwargs > 0 {
            vm.heap
                .temporary_made(crate::object::list::tuple_free_list(self.kwargs as usize));
        }
        self
    }

    /// Everything made, freed: the names tuple (if made), the argument tuple, the
    /// kwargs dict.
    fn freed(self, vm: &Vm, names: bool) {
        if names && self.kwargs > 0 {
            vm.heap
                .temporary_freed(crate::object::list::tuple_free_list(self.kwargs as usize));
        }
        if self.args > 0 {
            vm.heap
                .temporary_freed(crate::object::list::tuple_free_list(self.args as usize));
        }
        if self.kwargs > 0 {
            vm.heap.temporary_freed(crate::object::dict::DICT_FREE_LIST);
        }
    }
}

/// A handler block: (target, stack depth, exceptions-being-handled depth), the depths
/// counted from the frame's own base, so a block means the same on a run's data stack
/// and in a detached frame.
type Block = (u32, usize, usize);

/// A frame's header: what it runs and where its values are. On a run's frame stack,
/// `base` is where its locals start in the run's data stack and `blocks_base` and
/// `handling_base` where its entries start in the run's block and handling stacks; in
/// a detached [`Frame`] all three are zero.
pub(crate) struct Head {
    /// The code object it runs (its [`Code`]: [`Head::code`]).
    code_obj: ObjRef,
    pc: usize,
    globals: ObjRef,
    /// The namespace of `LoadName`/`StoreName`: a class body's, or the module's globals.
    namespace: Option<ObjRef>,
    on_return: OnReturn,
    base: u32,
    blocks_base: u32,
    handling_base: u32,
}

impl Head {
    /// The compiled code it runs.
    #[inline(always)]
    fn code<'a>(&'a self, vm: &Vm) -> &'a Rc<Code> {
        &vm.t.code.get(&self.code_obj).expect("a code object").code
    }

    /// Where its locals start in the run's data stack (0 off a run).
    #[inline(always)]
    fn base(&self) -> usize {
        self.base as usize
    }

    /// Where its handler blocks start in the run's block stack.
    #[inline(always)]
    fn blocks_base(&self) -> usize {
        self.blocks_base as usize
    }

    /// Where the exceptions it handles start in the run's handling stack.
    #[inline(always)]
    fn handling_base(&self) -> usize {
        self.handling_base as usize
    }
}

/// A stack height as a frame head keeps it. A run's stacks never reach 2^32 entries
/// (the data stack would be 64 GiB).
#[inline(always)]
fn height(n: usize) -> u32 {
    u32::try_from(n).expect("a stack height fits in 32 bits")
}

/// A run of frames: CPython's frame stack and data stack. Every frame's values —
/// its locals (`Null` while unbound), its cells (`code.cellvars`, then the closure's),
/// then its value stack — lie in `data`, one frame above the other, so a call is a
/// bump: the arguments the caller pushed become the callee's first locals where they
/// lie, and a return truncates. Below each frame's base lies the slot of the callable
/// it runs (`Null` for a frame that was not called from the loop); the return value
/// replaces it, so it is on the caller's stack before the callee's locals are dropped.
/// Handler blocks and the exceptions being handled are stacks of their own, shared the
/// same way.
#[derive(Default)]
pub(crate) struct Frames {
    heads: HeadStack,
    data: Vec<Value>,
    blocks: Vec<Block>,
    handling: Vec<Exc>,
}

impl Frames {
    fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// Push the head of a frame the loop calls for its value: it runs `code_obj`
    /// with `globals`, its locals from `base` in the data stack, its blocks and
    /// handled exceptions above the current heights.
    ///
    /// With scalar arguments and [`HeadStack`]'s push, the head's fields are written
    /// once, in place: built in the loop and handed to an out-of-line `Vec::push`, a
    /// head was copied with 16-byte loads over its fields' narrower stores, a
    /// store-forwarding stall on every call.
    #[inline(always)]
    fn push_called(&mut self, code_obj: ObjRef, globals: ObjRef, base: usize) {
        self.push_head(code_obj, globals, OnReturn::Value, base);
    }

    /// [`Frames::push_called`] for an `__init__` frame of a call that CPython makes
    /// through `tp_call`.
    #[inline(never)]
    fn push_init(&mut self, code_obj: ObjRef, globals: ObjRef, tp_call: TpCall, base: usize) {
        self.push_head(code_obj, globals, OnReturn::Init(tp_call), base);
    }

    #[inline(always)]
    fn push_head(&mut self, code_obj: ObjRef, globals: ObjRef, on_return: OnReturn, base: usize) {
        let (blocks, handling) = (self.blocks.len(), self.handling.len());
        self.heads.push(Head {
            code_obj,
            pc: 0,
            globals,
            namespace: None,
            on_return,
            base: height(base),
            blocks_base: height(blocks),
            handling_base: height(handling),
        });
    }

    /// Drop every frame (an error left them): values first to last, then the rest.
    fn clear(&mut self) {
        self.data.clear();
        self.blocks.clear();
        self.handling.clear();
        self.heads.clear();
    }
}

/// The frame heads of a run, innermost last.
///
/// The heads are held as `ManuallyDrop`, and the stack drops them itself (in order,
/// as a `Vec` would): a push then has no unwinding path that must drop the head, so
/// the compiler keeps a new head's fields in registers and stores them straight into
/// the vector, where a `Vec<Head>` had it built on the stack and copied over.
#[derive(Default)]
struct HeadStack(Vec<ManuallyDrop<Head>>);

impl HeadStack {
    #[inline(always)]
    fn push(&mut self, head: Head) {
        self.0.push(ManuallyDrop::new(head));
    }

    #[inline(always)]
    fn pop(&mut self) -> Option<Head> {
        self.0.pop().map(ManuallyDrop::into_inner)
    }

    #[inline(always)]
    fn last(&self) -> Option<&Head> {
        self.0.last().map(|h| &**h)
    }

    #[inline(always)]
    fn last_mut(&mut self) -> Option<&mut Head> {
        self.0.last_mut().map(|h| &mut **h)
    }

    #[inline(always)]
    fn len(&self) -> usize {
        self.0.len()
    }

    #[inline(always)]
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Drop every head, outermost first.
    fn clear(&mut self) {
        for head in self.0.drain(..) {
            drop(ManuallyDrop::into_inner(head));
        }
    }
}

impl Drop for HeadStack {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Drop what a popped frame, whose head had these heights, left on the run's stacks:
/// its values, then the callable under them.
fn drop_frame_values(frames: &mut Frames, base: usize, blocks_base: usize, handling_base: usize) {
    frames.blocks.truncate(blocks_base);
    frames.handling.truncate(handling_base);
    frames.data.truncate(base);
    frames.data.truncate(base - 1);
}

/// A frame off any run: one being set up for a call from Rust, or a generator's,
/// suspended. Its values are laid out as on a run's data stack, from index 0. Boxed:
/// it moves between a run, the pool and a generator as a pointer.
pub(crate) struct Frame {
    /// `None` only while pooled.
    head: Option<Head>,
    /// What goes in the callable's slot under it when it runs: `Null`, or the
    /// instance an `__init__` frame returns.
    slot: Value,
    values: Vec<Value>,
    blocks: Vec<Block>,
    handling: Vec<Exc>,
}

/// `data.truncate(len)`: the values past `len` dropped first to last, as CPython
/// clears a frame's locals; a frame's few values without a call.
#[inline(always)]
fn truncate_in_order(data: &mut Vec<Value>, len: usize) {
    match data.len().saturating_sub(len) {
        0 => {}
        1 => drop(data.pop()),
        2 => {
            let last = data.pop();
            drop(data.pop());
            drop(last);
        }
        3 => {
            let last = data.pop();
            let middle = data.pop();
            drop(data.pop());
            drop(middle);
            drop(last);
        }
        _ => data.truncate(len),
    }
}

/// Push `n` unbound locals. Out of line on purpose: inside the loop, `Vec::extend` and
/// `Vec::push` here become calls LLVM does not inline (one per value for `push`);
/// this is one call, with the pushes inlined in its loop (`resize` costs more).
#[inline(never)]
fn push_unbound(data: &mut Vec<Value>, n: usize) {
    data.reserve(n);
    for _ in 0..n {
        data.push(Value::NULL);
    }
}

/// The built-in classes.
pub struct Classes {
    /// By name: `object`, `int`, `list`, ..., every built-in exception.
    pub by_name: hashbrown::HashMap<&'static str, ObjRef>,
}

impl Classes {
    /// The class named `name` (a built-in; panics if unknown: a VM bug).
    pub fn get(&self, name: &str) -> &ObjRef {
        self.by_name
            .get(name)
            .unwrap_or_else(|| panic!("no built-in class {name}"))
    }
}

/// CPython 3.11's exception hierarchy: (name, base).
pub const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", "object"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeError", "ValueError"),
    ("ReferenceError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("OSError", "Exception"),
    ("EOFError", "Exception"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("ResourceWarning", "Warning"),
];

/// The interpreter.
pub struct Vm {
    /// The heap every object lives on.
    pub heap: Heap,
    /// Payload type tokens.
    pub t: Types,
    /// Built-in classes.
    pub classes: Classes,
    /// The `builtins` namespace.
    pub builtins: ObjRef,
    /// Interned names (foldhash: a name is looked up on many calls).
    interned: RefCell<hashbrown::HashMap<String, Value>>,
    /// The one-character strings of U+0000 to U+00FF, made on first use and kept, as
    /// CPython keeps its Latin-1 characters: every `s[i]`, `for c in s` and `chr(i)`
    /// of such a character is the same object.
    latin1: RefCell<Vec<Value>>,
    /// `"__init__"`, interned: every instantiation looks it up.
    init_name: Value,
    modules: RefCell<HashMap<String, Value>>,
    /// Program output not yet written.
    out: RefCell<Vec<u8>>,
    /// Python frames alive (across nested loops).
    depth: Cell<usize>,
    /// Bumped whenever a class namespace changes: cached class-attribute lookups from
    /// before are stale (CPython invalidates type version tags instead).
    pub(crate) class_epoch: Cell<u64>,
    /// The `random` module's Mersenne Twister.
    pub(crate) random: RefCell<rand_mt::Mt>,
    /// The attribute cache (see `attr`).
    pub(crate) attr_cache: RefCell<Box<[crate::attr::Entry]>>,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: Cell<usize>,
    /// `sys.get_int_max_str_digits()`.
    pub int_max_str_digits: Cell<usize>,
    /// Source lines per file, for tracebacks.
    sources: RefCell<HashMap<Rc<str>, Rc<Vec<String>>>>,
    /// `gc.garbage`.
    pub garbage: RefCell<Option<ObjRef>>,
    /// `gc.callbacks`.
    pub gc_callbacks: RefCell<Option<ObjRef>>,
    argv: RefCell<Vec<String>>,
    /// Vectors of finished frames, reused by the next calls.
    #[allow(clippy::vec_box)] // boxed: a frame moves between pool and generators as a pointer
    frame_pool: RefCell<Vec<Box<Frame>>>,
    /// The unbound methods of the built-in types, by type and name.
    pub(crate) method_objects: RefCell<hashbrown::HashMap<(BuiltinType, &'static str), Value>>,
    /// `method_objects` by the identity of an interned name (`LOAD_METHOD`'s names
    /// are): two integers to hash instead of the text. Interned names live as long
    /// as the VM, so an identity is never reused for other text.
    method_by_name: RefCell<hashbrown::HashMap<(BuiltinType, usize), Value>>,
    /// Argument vectors, reused by the next calls.
    args_pool: RefCell<Vec<Vec<Value>>>,
    /// Keyword argument vectors, reused likewise.
    kwargs_pool: RefCell<Vec<Vec<(Value, Value)>>>,
    /// Frame stacks of finished nested runs, reused by the next ones.
    stacks_pool: RefCell<Vec<Frames>>,
    /// The `MemoryError` raised when the heap is full.
    memory_error_value: Value,
    /// `()`: every empty tuple is this one object, as in CPython.
    empty_tuple: Value,
    /// The AttributeError a quiet lookup's miss gives (see [`Vm::lookup_attr`]).
    quiet_attr_error: Value,
    /// A lookup through [`Vm::lookup_attr`] is under way in this run.
    quiet_attr: Cell<bool>,
    /// The traceback of the last exception a finalizer or callback raised, for the
    /// "Exception ignored in" report the heap asks for next.
    unraisable_tb: RefCell<Vec<TbEntry>>,
}

/// How many finished frames are kept for reuse.
const FRAME_POOL: usize = 64;

impl Vm {
    /// A VM on `heap`, with its built-in classes and functions.
    pub fn new(heap: Heap) -> Rc<Vm> {
        let t = Types::register(&heap);
        let mut by_name = hashbrown::HashMap::new();
        let builtins = heap.alloc(t.dict, Dict::new()).expect("memory").into_obj();
        let vm = Rc::new_cyclic(|_| {
            // Built-in classes: object first, then the rest deriving from it.
            let mk = |name: &'static str, base: Option<ObjRef>, builtin: BuiltinType| {
                let dict = heap.alloc(t.dict, Dict::new()).expect("memory").into_obj();
                let name_v = Value::Obj(
                    heap.alloc(t.str, Str::new(name).expect("memory"))
                        .expect("memory")
                        .into_obj(),
                );
                // A built-in class's bases are a chain: its MRO is that chain.
                let mut mro = hvec();
                let mut bases = hvec();
                if let Some(b) = &base {
                    bases.push(b.clone());
                    mro.push(b.clone());
                    let bc = t.class.get(b).expect("a class");
                    mro.extend(bc.mro.iter().cloned());
                }
                let class = heap
                    .alloc(
                        t.class,
                        Class {
                            name: name_v.clone(),
                            qualname: name_v,
                            base,
                            bases,
                            mro,
                            dict,
                            bases_tuple: None,
                            mro_tuple: RefCell::new(None),
                            // A bare `object()` holds nothing: no attributes, no weak
                            // references (its subclasses get both, see `slot_layout`).
                            slots: (name == "object").then(hvec),
                            // CPython's exceptions take no weak references; a subclass can.
                            weakrefable: builtin != BuiltinType::BaseException && name != "object",
                            instance_size: 56,
                            builtin,
                            has_del: Cell::new(false),
                            hooks: Cell::new(0),
                            layout: RefCell::new(hvec()),
                            serial: crate::object::dict::next_version(),
                        },
                    )
                    .expect("memory")
                    .into_obj();
                // CPython's built-in types are static: the collector does not track
                // them (so a tuple of them, like a class's `(object,)` bases, can be
                // untracked as CPython untracks it).
                heap.untrack(&class);
                class
            };
            let object = mk("object", None, BuiltinType::Object);
            by_name.insert("object", object.clone());
            for (name, builtin) in [
                ("type", BuiltinType::Type),
                ("NoneType", BuiltinType::NoneType),
                ("int", BuiltinType::Int),
                ("float", BuiltinType::Float),
                ("str", BuiltinType::Str),
                ("bytes", BuiltinType::Bytes),
                ("list", BuiltinType::List),
                ("tuple", BuiltinType::Tuple),
                ("dict", BuiltinType::Dict),
                ("set", BuiltinType::Set),
                ("frozenset", BuiltinType::FrozenSet),
                ("function", BuiltinType::Function),
                ("builtin_function_or_method", BuiltinType::BuiltinFunction),
                ("method", BuiltinType::Method),
                ("cell", BuiltinType::Cell),
                ("code", BuiltinType::Code),
                ("module", BuiltinType::Module),
                ("range", BuiltinType::Range),
                ("slice", BuiltinType::Slice),
                ("ReferenceType", BuiltinType::WeakRef),
                ("dict_keys", BuiltinType::Object),
                ("dict_values", BuiltinType::Object),
                ("dict_items", BuiltinType::Object),
                ("ProxyType", BuiltinType::Object),
                ("CallableProxyType", BuiltinType::Object),
                ("generator", BuiltinType::Iterator),
                ("super", BuiltinType::Object),
                ("traceback", BuiltinType::Object),
                ("staticmethod", BuiltinType::Object),
                ("classmethod", BuiltinType::Object),
                ("property", BuiltinType::Object),
                ("getset_descriptor", BuiltinType::Object),
                ("member_descriptor", BuiltinType::Object),
            ] {
                by_name.insert(name, mk(name, Some(object.clone()), builtin));
            }
            for &name in crate::object::iter::CLASS_NAMES {
                by_name.insert(name, mk(name, Some(object.clone()), BuiltinType::Iterator));
            }
            let int = by_name["int"].clone();
            by_name.insert("bool", mk("bool", Some(int), BuiltinType::Bool));
            for &(name, base) in EXCEPTIONS {
                let base = by_name[base].clone();
                by_name.insert(name, mk(name, Some(base), BuiltinType::BaseException));
            }
            let no_args = heap
                .alloc(
                    t.tuple,
                    Tuple {
                        items: TupleItems::Inline(0, [Value::NULL, Value::NULL]),
                    },
                )
                .expect("memory")
                .into_obj();
            // The one `()`, never tracked, as CPython's empty tuple singleton.
            heap.untrack(&no_args);
            let empty_tuple = Value::Obj(no_args.clone());
            let memory_error = heap
                .alloc(
                    t.instance,
                    Instance::new(by_name["MemoryError"].clone(), false),
                )
                .expect("memory")
                .into_obj();
            let attr_error = heap
                .alloc(
                    t.instance,
                    Instance::new(by_name["AttributeError"].clone(), false),
                )
                .expect("memory")
                .into_obj();
            let args_name = heap
                .alloc(t.str, Str::new("args").expect("memory"))
                .expect("memory")
                .into_obj();
            t.str.get(&args_name).expect("a str").interned.set(true);
            let init_name = heap
                .alloc(t.str, Str::new("__init__").expect("memory"))
                .expect("memory")
                .into_obj();
            t.str.get(&init_name).expect("a str").interned.set(true);
            let mut interned = hashbrown::HashMap::new();
            interned.insert("args".to_string(), Value::Obj(args_name.clone()));
            interned.insert("__init__".to_string(), Value::Obj(init_name.clone()));
            let _ = t
                .instance
                .get(&memory_error)
                .expect("an instance")
                .set_attr(
                    t.class.get(&by_name["MemoryError"]).expect("a class"),
                    Value::Obj(args_name.clone()),
                    Value::Obj(no_args.clone()),
                );
            let _ = t.instance.get(&attr_error).expect("an instance").set_attr(
                t.class.get(&by_name["AttributeError"]).expect("a class"),
                Value::Obj(args_name),
                Value::Obj(no_args),
            );
            Vm {
                heap,
                t,
                classes: Classes { by_name },
                builtins,
                interned: RefCell::new(interned),
                latin1: RefCell::new(Vec::new()),
                init_name: Value::Obj(init_name),
                modules: RefCell::new(HashMap::new()),
                out: RefCell::new(Vec::new()),
                depth: Cell::new(0),
                class_epoch: Cell::new(0),
                random: RefCell::new(crate::random::unseeded()),
                attr_cache: RefCell::new(
                    vec![crate::attr::Entry::default(); crate::attr::SIZE].into_boxed_slice(),
                ),
                recursion_limit: Cell::new(1000),
                int_max_str_digits: Cell::new(4300),
                sources: RefCell::new(HashMap::new()),
                garbage: RefCell::new(None),
                gc_callbacks: RefCell::new(None),
                argv: RefCell::new(Vec::new()),
                frame_pool: RefCell::new(Vec::new()),
                method_objects: RefCell::new(hashbrown::HashMap::new()),
                method_by_name: RefCell::new(hashbrown::HashMap::new()),
                args_pool: RefCell::new(Vec::new()),
                kwargs_pool: RefCell::new(Vec::new()),
                stacks_pool: RefCell::new(Vec::new()),
                memory_error_value: Value::Obj(memory_error),
                empty_tuple,
                quiet_attr_error: Value::Obj(attr_error),
                quiet_attr: Cell::new(false),
                unraisable_tb: RefCell::new(Vec::new()),
            }
        });
        crate::builtins::install(&vm);
        vm
    }

    // ---- making objects ----

    /// Allocate a payload; MemoryError past the heap's limit.
    pub fn alloc<T: gc::Trace>(&self, ty: gc::Type<T>, payload: T) -> Result<ObjRef, Exc> {
        match self.heap.alloc(ty, payload) {
            Ok(g) => Ok(g.into_obj()),
            Err(gc::OutOfMemory) => Err(self.memory_error()),
        }
    }

    /// [`Vm::alloc`] with the payload made by `make` once the block is had, and
    /// written straight into it ([`gc::Heap::alloc_with`]); `list` is the free list
    /// the payload names.
    #[inline(always)]
    pub fn alloc_with<T: gc::Trace>(
        &self,
        ty: gc::Type<T>,
        list: gc::FreeList,
        make: impl FnOnce() -> T,
    ) -> Result<ObjRef, Exc> {
        match self.heap.alloc_with(ty, list, make) {
            Ok(g) => Ok(g.into_obj()),
            Err(gc::OutOfMemory) => Err(self.memory_error()),
        }
    }

    /// `MemoryError`: the instance made at start-up, since there may be no memory for
    /// a new one (CPython preallocates it too).
    pub fn memory_error(&self) -> Exc {
        Exc::new(self.memory_error_value.clone())
    }

    /// A new `str`.
    pub fn new_str(&self, text: &str) -> Result<Value, Exc> {
        let payload = Str::new(text).map_err(|_| self.memory_error())?;
        Ok(Value::Obj(self.alloc(self.t.str, payload)?))
    }

    /// The one-character `str` of `c`; the same object each time for a Latin-1
    /// character, as in CPython.
    pub fn new_char(&self, c: char) -> Result<Value, Exc> {
        let Ok(k) = u8::try_from(u32::from(c)) else {
            return self.new_str(c.encode_utf8(&mut [0; 4]));
        };
        let k = usize::from(k);
        if let Some(v) = self
            .latin1
            .borrow()
            .get(k)
            .filter(|v| !matches!(v, Value::Null(_)))
        {
            return Ok(v.clone());
        }
        let v = self.new_str(c.encode_utf8(&mut [0; 4]))?;
        let mut table = self.latin1.borrow_mut();
        if table.len() <= k {
            table.resize(256, Value::NULL);
        }
        table[k] = v.clone();
        Ok(v)
    }

    /// `str(v)` as a heap `str`: a str is itself, as in CPython, and an int is written
    /// in a buffer on the stack; anything else goes through [`crate::ops::str`].
    pub fn str_value(&self, v: &Value) -> Result<Value, Exc> {
        if self.str_of(v).is_some() {
            return Ok(v.clone());
        }
        if let Value::Int(i) = v {
            use std::io::Write;
            let mut buf = [0u8; 24];
            let mut cursor = std::io::Cursor::new(&mut buf[..]);
            let _ = write!(cursor, "{i}");
            let n = cursor.position() as usize;
            return self.new_str(std::str::from_utf8(&buf[..n]).unwrap_or_default());
        }
        self.new_str(&crate::ops::str(self, v)?)
    }

    /// A new `str` of the concatenated `parts`, written once into the heap.
    pub fn new_str_concat(&self, parts: &[&str]) -> Result<Value, Exc> {
        let payload = Str::concat(parts).map_err(|_| self.memory_error())?;
        Ok(Value::Obj(self.alloc(self.t.str, payload)?))
    }

    /// The interned `str` for `text` (names: attributes, globals, keywords).
    pub fn intern(&self, text: &str) -> Value {
        if let Some(v) = self.interned.borrow().get(text) {
            return v.clone();
        }
        let v = self.new_str(text).expect("memory for a name");
        if let Some(s) = v.obj().and_then(|o| self.t.str.get(o)) {
            s.interned.set(true);
        }
        self.interned
            .borrow_mut()
            .insert(text.to_string(), v.clone());
        v
    }

    /// A new `list`.
    pub fn new_list(&self, items: HVec<Value>) -> Result<Value, Exc> {
        Ok(Value::Obj(self.alloc(
            self.t.list,
            List {
                items: RefCell::new(items),
            },
        )?))
    }

    /// A new `bytes`.
    pub fn new_bytes(&self, data: &[u8]) -> Result<Value, Exc> {
        let mut v = crate::object::hvec();
        v.try_reserve_exact(data.len())
            .map_err(|_| self.memory_error())?;
        v.extend_from_slice(data);
        Ok(Value::Obj(self.alloc(
            self.t.bytes,
            crate::object::bytes::Bytes { data: v },
        )?))
    }

    /// A heap vector of object handles.
    pub fn hvec_objs(&self, objs: Vec<ObjRef>) -> Result<HVec<ObjRef>, Exc> {
        let mut v = hvec();
        v.try_reserve_exact(objs.len())
            .map_err(|_| self.memory_error())?;
        v.extend(objs);
        Ok(v)
    }

    /// A new `tuple` of one or two items, in the tuple's own block.
    pub fn new_small_tuple<const N: usize>(&self, values: [Value; N]) -> Result<Value, Exc> {
        const { assert!(N <= crate::object::list::INLINE) };
        let mut slots = [Value::NULL, Value::NULL];
        for (slot, v) in slots.iter_mut().zip(values) {
            *slot = v;
        }
        let items = TupleItems::Inline(N as u8, slots);
        Ok(Value::Obj(self.alloc(self.t.tuple, Tuple { items })?))
    }

    /// A new `tuple`.
    pub fn new_tuple(&self, items: HVec<Value>) -> Result<Value, Exc> {
        if items.is_empty() {
            return Ok(self.empty_tuple.clone());
        }
        let items = TupleItems::from_vec(items);
        Ok(Value::Obj(self.alloc(self.t.tuple, Tuple { items })?))
    }

    /// A heap vector of `values`.
    pub fn hvec_of(&self, values: impl IntoIterator<Item = Value>) -> Result<HVec<Value>, Exc> {
        let mut v = hvec();
        for x in values {
            v.try_reserve(1).map_err(|_| self.memory_error())?;
            v.push(x);
        }
        Ok(v)
    }

    /// An empty set, tracked from birth and for good, as CPython's sets are
    /// (`make_new_set`), whatever they hold.
    pub fn new_set(&self) -> Result<ObjRef, Exc> {
        let s = self.alloc(self.t.dict, Dict::new_set())?;
        self.heap.track(&s);
        Ok(s)
    }

    /// A new empty `dict`.
    pub fn new_dict(&self) -> Result<ObjRef, Exc> {
        self.alloc(self.t.dict, Dict::new())
    }

    /// The payload of `v` if it is of type `ty`.
    pub fn get<'a, T: gc::Trace>(&self, ty: gc::Type<T>, v: &'a Value) -> Option<&'a T> {
        ty.get(v.obj()?)
    }

    /// The text of a `str` value.
    pub fn str_of<'a>(&self, v: &'a Value) -> Option<&'a str> {
        self.get(self.t.str, v).map(Str::as_str)
    }

    // ---- exceptions ----

    /// An exception of the built-in class `class` with message `msg`.
    pub fn error(&self, class: &str, msg: impl Into<String>) -> Exc {
        if self.quiet_attr.get() && class == "AttributeError" {
            return Exc::new(self.quiet_attr_error.clone());
        }
        let msg = msg.into();
        let args = match self.new_str(&msg) {
            Ok(s) => self.hvec_of([s]),
            Err(e) => return e,
        };
        match args.and_then(|a| self.new_tuple(a)) {
            Ok(args) => self.exception(self.classes.get(class).clone(), args),
            Err(e) => e,
        }
    }

    /// An instance of exception class `class` with `args` (a tuple).
    pub fn exception(&self, class: ObjRef, args: Value) -> Exc {
        let has_del = self.t.class.get(&class).is_some_and(|c| c.has_del.get());
        let inst = self.alloc(self.t.instance, Instance::new(class, has_del));
        match inst {
            Ok(inst) => {
                let inst = Value::Obj(inst);
                let old = self
                    .t
                    .instance
                    .get(inst.obj().expect("an object"))
                    .map(|i| self.inst_set(i, self.intern("args"), args));
                drop(old);
                Exc::new(inst)
            }
            Err(e) => e,
        }
    }

    /// `TypeError` with a message.
    pub fn type_error(&self, msg: impl Into<String>) -> Exc {
        self.error("TypeError", msg)
    }

    /// Whether `class` is `base` or derives from it.
    pub fn is_subclass(&self, class: &ObjRef, base: &ObjRef) -> bool {
        class.is(base)
            || self
                .t
                .class
                .get(class)
                .is_some_and(|c| c.mro.iter().any(|k| k.is(base)))
    }

    /// The class of any value.
    pub fn class_of(&self, v: &Value) -> ObjRef {
        let name = match v {
            Value::Null(_) | Value::None(_) => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Obj(o) => {
                if let Some(i) = self.t.instance.get(o) {
                    return i.class.clone();
                }
                let t = &self.t;
                if t.str.is(o) {
                    "str"
                } else if t.bytes.is(o) {
                    "bytes"
                } else if t.list.is(o) {
                    "list"
                } else if t.tuple.is(o) {
                    "tuple"
                } else if let Some(d) = t.dict.get(o) {
                    if d.frozen.get() {
                        "frozenset"
                    } else if d.is_set {
                        "set"
                    } else {
                        "dict"
                    }
                } else if t.function.is(o) {
                    "function"
                } else if t.class.is(o) {
                    "type"
                } else if t.builtin.is(o) {
                    "builtin_function_or_method"
                } else if t.method.is(o) {
                    "method"
                } else if t.cell.is(o) {
                    "cell"
                } else if t.module.is(o) {
                    "module"
                } else if t.range.is(o) {
                    "range"
                } else if t.slice.is(o) {
                    "slice"
                } else if t.code.is(o) {
                    "code"
                } else if let Some(v) = t.view.get(o) {
                    v.type_name()
                } else if let Some(w) = t.weakref.get(o) {
                    match (w.kind(), w.get()) {
                        (gc::WeakKind::Ref, _) => "ReferenceType",
                        (_, Some(r)) if self.is_callable(&Value::Obj(r.clone())) => {
                            "CallableProxyType"
                        }
                        _ => "ProxyType",
                    }
                } else if t.generator.is(o) {
                    "generator"
                } else if let Some(it) = t.iter.get(o) {
                    it.class_name()
                } else if t.traceback.is(o) {
                    "traceback"
                } else if let Some(d) = t.descriptor.get(o) {
                    match d.kind {
                        DescriptorKind::Static => "staticmethod",
                        DescriptorKind::Class => "classmethod",
                        DescriptorKind::Property => "property",
                    }
                } else if t.bigint.is(o) {
                    "int"
                } else if t.super_.is(o) {
                    "super"
                } else if let Some(d) = t.slot_descriptor.get(o) {
                    match d.kind {
                        crate::object::class::SlotKind::Member => "member_descriptor",
                        _ => "getset_descriptor",
                    }
                } else {
                    "iterator"
                }
            }
        };
        self.classes.get(name).clone()
    }

    /// `type(v).__name__`.
    pub fn type_name(&self, v: &Value) -> String {
        let class = self.class_of(v);
        let c = self.t.class.get(&class).expect("a class");
        self.str_of(&c.name).unwrap_or("?").to_string()
    }

    // ---- output ----

    /// Write program output (buffered; flushed at exit and before stderr output).
    pub fn write_out(&self, text: &str) {
        let mut out = self.out.borrow_mut();
        out.extend_from_slice(text.as_bytes());
        if out.len() > 1 << 16 {
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), &out);
            out.clear();
        }
    }

    /// Write everything buffered to stdout.
    pub fn flush(&self) {
        let mut out = self.out.borrow_mut();
        let mut stdout = std::io::stdout().lock();
        let _ = std::io::Write::write_all(&mut stdout, &out);
        let _ = std::io::Write::flush(&mut stdout);
        out.clear();
    }

    /// Write to stderr (after flushing stdout, so the two interleave as written).
    pub fn write_err(&self, text: &str) {
        self.flush();
        eprint!("{text}");
    }

    // ---- running ----

    /// Run a compiled module as `__main__`; returns its globals.
    pub fn run_main(&self, code: Rc<Code>, source: &str) -> Result<ObjRef, Exc> {
        self.sources.borrow_mut().insert(
            code.filename.clone(),
            Rc::new(source.lines().map(str::to_string).collect()),
        );
        let globals = self.new_dict()?;
        self.dict_set(&globals, self.intern("__name__"), self.intern("__main__"))?;
        let builtins_mod = self.module_value("builtins")?;
        self.dict_set(&globals, self.intern("__builtins__"), builtins_mod)?;
        let doc = match &code.doc {
            Some(doc) => self.new_str(doc)?,
            None => Value::NONE,
        };
        self.dict_set(&globals, self.intern("__doc__"), doc)?;
        let code_obj = self.code_object(&code)?;
        let frame = self.new_frame(code_obj, globals.clone(), Some(globals.clone()))?;
        self.run_frames(frame)?;
        Ok(globals)
    }

    /// Make the code object (constants as values) for `code`.
    pub fn code_object(&self, code: &Rc<Code>) -> Result<ObjRef, Exc> {
        let mut consts = hvec();
        for c in &code.consts {
            consts.push(self.const_value(c)?);
        }
        let mut names = hvec();
        for n in &code.names {
            names.push(self.intern(n));
        }
        let mut cache = hvec();
        cache.resize_with(names.len(), Default::default);
        let mut attr_cache = hvec();
        attr_cache.resize_with(names.len(), Default::default);
        let mut method_cache = hvec();
        method_cache.resize_with(names.len(), Default::default);
        self.alloc(
            self.t.code,
            CodeObj {
                code: code.clone(),
                consts,
                names,
                global_cache: cache,
                attr_cache,
                method_cache,
            },
        )
    }

    fn const_value(&self, c: &Const) -> Result<Value, Exc> {
        Ok(match c {
            Const::None => Value::NONE,
            Const::Bool(b) => Value::bool(*b),
            Const::Int(crate::lexer::IntLit::Small(i)) => Value::Int(*i),
            Const::Int(crate::lexer::IntLit::Big { digits, radix }) => {
                let n = num_bigint::BigInt::parse_bytes(digits.as_bytes(), *radix)
                    .expect("the tokenizer checked the digits");
                crate::int::from_num(self, n)?
            }
            Const::Float(f) => Value::float(*f),
            Const::Str(s) => {
                // As CPython's compiler: names made of ASCII letters, digits and `_`
                // are interned; any other one-character Latin-1 string is the shared
                // character object that indexing and iteration also give.
                let name_like = s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !name_like => self.new_char(c)?,
                    _ if name_like && s.len() <= 32 => self.intern(s),
                    _ => self.new_str(s)?,
                }
            }
            Const::Bytes(b) => self.new_bytes(b)?,
            Const::Ellipsis => self.intern("Ellipsis"),
            Const::Tuple(items) => {
                let mut v = hvec();
                for i in items {
                    v.push(self.const_value(i)?);
                }
                // Tracked, as CPython's compiler makes them, until a collection finds
                // them untrackable (`()` is the untracked singleton).
                self.new_tuple(v)?
            }
            Const::FrozenSet(items) => {
                // CPython builds the constant from the items, then its compiler
                // rebuilds it from that set's iteration order (merge_consts_recursive):
                // the layout a program sees is the second one.
                let first = self.new_set()?;
                for i in items {
                    self.set_add(&first, self.const_value(i)?)?;
                }
                let second = self.new_set()?;
                for k in self.collect_iter(&Value::Obj(first))? {
                    self.set_add(&second, k)?;
                }
                self.t.dict.get(&second).expect("a set").frozen.set(true);
                Value::Obj(second)
            }
            Const::Code(code) => Value::Obj(self.code_object(code)?),
        })
    }

    fn new_frame(
        &self,
        code_obj: ObjRef,
        globals: ObjRef,
        namespace: Option<ObjRef>,
    ) -> Result<Box<Frame>, Exc> {
        let code = &self.t.code.get(&code_obj).expect("a code object").code;
        self.frame_for(code, &code_obj, &globals, namespace)
    }

    /// A detached frame to run `code` (of the code object `code_obj`): its locals
    /// unbound, its own cells made (the closure's are for the caller to push). A
    /// pooled frame keeps its vectors' capacity, so a call from Rust allocates nothing
    /// on the Rust side.
    fn frame_for(
        &self,
        code: &Rc<Code>,
        code_obj: &ObjRef,
        globals: &ObjRef,
        namespace: Option<ObjRef>,
    ) -> Result<Box<Frame>, Exc> {
        let mut frame = self.empty_frame();
        frame.head = Some(Head {
            code_obj: code_obj.clone(),
            pc: 0,
            globals: globals.clone(),
            namespace,
            on_return: OnReturn::Value,
            base: 0,
            blocks_base: 0,
            handling_base: 0,
        });
        frame.values.resize(code.varnames.len(), Value::NULL);
        for _ in 0..code.cellvars.len() {
            frame.values.push(Value::Obj(self.new_cell()?));
        }
        Ok(frame)
    }

    /// An empty detached frame, from the pool if it has one.
    fn empty_frame(&self) -> Box<Frame> {
        self.frame_pool.borrow_mut().pop().unwrap_or_else(|| {
            Box::new(Frame {
                head: None,
                slot: Value::NULL,
                values: Vec::new(),
                blocks: Vec::new(),
                handling: Vec::new(),
            })
        })
    }

    /// Give an emptied detached frame back to the pool.
    fn pool_frame(&self, frame: Box<Frame>) {
        debug_assert!(frame.head.is_none() && frame.values.is_empty());
        let mut pool = self.frame_pool.borrow_mut();
        if pool.len() < FRAME_POOL {
            pool.push(frame);
        }
    }

    /// A new, empty cell.
    fn new_cell(&self) -> Result<ObjRef, Exc> {
        self.alloc(
            self.t.cell,
            CellObj {
                value: RefCell::new(None),
            },
        )
    }

    /// Call any callable with positional and keyword arguments (from Rust: a nested
    /// interpreter loop if the callable is Python code).
    pub fn call(
        &self,
        callable: &Value,
        args: &[Value],
        kwargs: &[(Value, Value)],
    ) -> Result<Value, Exc> {
        let mut argv = self.take_args();
        argv.extend_from_slice(args);
        match self.prepare_call(callable, argv, kwargs)? {
            Prepared::Done(v) => Ok(v),
            Prepared::Frame(frame) => {
                stacker::maybe_grow(256 * 1024, 8 * 1024 * 1024, || self.run_frames(frame))
            }
        }
    }

    /// Call a method by name on `receiver`.
    pub fn call_method(&self, receiver: &Value, name: &str, args: &[Value]) -> Result<Value, Exc> {
        let f = self.get_attr(receiver, &self.intern(name))?;
        self.call(&f, args, &[])
    }

    /// Run `frame` (and every frame it calls) to its return.
    fn run_frames(&self, first: Box<Frame>) -> Result<Value, Exc> {
        match self.run_until(first, None)? {
            Finish::Return(v) => Ok(v),
            Finish::Yield(..) => unreachable!("only generator frames yield"),
        }
    }

    /// Resume a generator's frame until it yields or returns; with `throw`, the
    /// exception is raised where the frame is suspended.
    pub(crate) fn resume(&self, frame: Box<Frame>, throw: Option<Exc>) -> Result<Finish, Exc> {
        stacker::maybe_grow(256 * 1024, 8 * 1024 * 1024, || self.run_until(frame, throw))
    }

    /// Run `first` and the frames it calls until `first` returns or yields; with
    /// `throw`, start by raising that exception in `first`.
    fn run_until(&self, first: Box<Frame>, throw: Option<Exc>) -> Result<Finish, Exc> {
        // Python code a quiet lookup runs (a property, `__getattr__`) raises real
        // exceptions.
        let quiet = self.quiet_attr.replace(false);
        let result = self.run_until_loud(first, throw);
        self.quiet_attr.set(quiet);
        result
    }

    fn run_until_loud(&self, first: Box<Frame>, throw: Option<Exc>) -> Result<Finish, Exc> {
        // The run's stacks are reused by the next nested run (a call from Rust, such
        // as a data-model method's, allocates nothing on the Rust side).
        let mut frames: Frames = self.stacks_pool.borrow_mut().pop().unwrap_or_default();
        let result = self.run_on(&mut frames, first, throw);
        // Whatever an error left on the stacks is dropped outside any borrow.
        self.depth.set(self.depth.get() - frames.heads.len());
        frames.clear();
        let mut pool = self.stacks_pool.borrow_mut();
        if pool.len() < FRAME_POOL {
            pool.push(frames);
        }
        result
    }

    /// [`Vm::run_until`] on the (empty) run `frames`.
    fn run_on(
        &self,
        frames: &mut Frames,
        first: Box<Frame>,
        mut throw: Option<Exc>,
    ) -> Result<Finish, Exc> {
        self.push_frame(frames, first)?;
        loop {
            let result = match throw.take() {
                Some(exc) => Err(exc),
                None => self.execute(frames),
            };
            match result {
                Ok(f) => return Ok(f),
                Err(mut exc) => {
                    if !exc.chained {
                        self.chain_context(frames, &mut exc);
                    }
                    // Find a handler, frame by frame.
                    loop {
                        let Some(head) = frames.heads.last_mut() else {
                            return Err(exc);
                        };
                        let code = head.code(self);
                        let line = code
                            .lines
                            .get(head.pc.saturating_sub(1))
                            .copied()
                            .unwrap_or(code.firstlineno);
                        if !std::mem::take(&mut exc.reraised) {
                            exc.traceback.push(TbEntry {
                                filename: code.filename.clone(),
                                line,
                                name: code.name.clone(),
                            });
                        }
                        if frames.blocks.len() > head.blocks_base() {
                            let (handler, depth, handling) =
                                frames.blocks.pop().expect("a handler block");
                            frames.data.truncate(head.base() + depth);
                            frames.handling.truncate(head.handling_base() + handling);
                            frames.data.push(exc.value.clone());
                            head.pc = handler as usize;
                            self.attach_traceback(&exc);
                            frames.handling.push(exc);
                            break;
                        }
                        let dead = frames.heads.pop().expect("a frame");
                        self.depth.set(self.depth.get() - 1);
                        if let OnReturn::Init(tp_call) = dead.on_return {
                            tp_call.freed(self, true);
                        }
                        drop_frame_values(
                            frames,
                            dead.base(),
                            dead.blocks_base(),
                            dead.handling_base(),
                        );
                        drop(dead);
                        if frames.is_empty() {
                            return Err(exc);
                        }
                    }
                }
            }
        }
    }

    /// A freshly raised exception's `__context__`: the exception being handled, the
    /// innermost one of these frames (CPython's `_PyErr_SetObject`). A chain that
    /// would loop back to `exc` is cut first.
    fn chain_context(&self, frames: &Frames, exc: &mut Exc) {
        let Some(handled) = frames.handling.last() else {
            return;
        };
        exc.chained = true;
        if handled.value.is(&exc.value) {
            return;
        }
        let context = self.intern("__context__");
        let mut o = handled.value.clone();
        for _ in 0..10_000 {
            let next = self.own_attr(&o, &context);
            if next.is(&exc.value) {
                let _ = self.set_attr(&o, context.clone(), Value::NONE);
                break;
            }
            if matches!(next, Value::None(_)) {
                break;
            }
            o = next;
        }
        let _ = self.set_attr(&exc.value, context, handled.value.clone());
    }

    /// Give a caught exception its `__traceback__`: where it passed so far.
    fn attach_traceback(&self, exc: &Exc) {
        let tb = crate::object::traceback::Traceback {
            entries: exc.traceback.clone(),
        };
        if let Ok(tb) = self.alloc(self.t.traceback, tb) {
            let _ = self.set_attr(&exc.value, self.intern("__traceback__"), Value::Obj(tb));
        }
    }

    /// `obj.name`, or `None` if it has none (an AttributeError): CPython's
    /// `_PyObject_LookupAttr`, which `hasattr` and `getattr` with a default use. A
    /// plain miss makes no exception object, as CPython's does not; errors of Python
    /// code the lookup runs are real, and any other error is passed on.
    pub fn lookup_attr(&self, obj: &Value, name: &Value) -> Result<Option<Value>, Exc> {
        let quiet = self.quiet_attr.replace(true);
        let found = self.get_attr(obj, name);
        self.quiet_attr.set(quiet);
        match found {
            Ok(v) => Ok(Some(v)),
            Err(e)
                if self
                    .is_subclass(&self.class_of(&e.value), self.classes.get("AttributeError")) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// An instance's own attribute, or `None`.
    fn own_attr(&self, obj: &Value, name: &Value) -> Value {
        obj.obj()
            .and_then(|o| self.t.instance.get(o))
            .and_then(|i| self.inst_get(i, name))
            .unwrap_or(Value::NONE)
    }

    /// Put the detached `frame` on top of the run `frames` (its values moved onto
    /// the data stack above an empty callable slot); the emptied box goes back to
    /// the pool.
    fn push_frame(&self, frames: &mut Frames, mut frame: Box<Frame>) -> Result<(), Exc> {
        if let Err(e) = self.enter() {
            if let Some(Head {
                on_return: OnReturn::Init(tp_call),
                ..
            }) = frame.head
            {
                tp_call.freed(self, true);
            }
            return Err(e);
        }
        frames
            .data
            .push(std::mem::replace(&mut frame.slot, Value::NULL));
        let base = frames.data.len();
        let blocks_base = frames.blocks.len();
        let handling_base = frames.handling.len();
        frames.data.append(&mut frame.values);
        if !frame.blocks.is_empty() {
            frames.blocks.append(&mut frame.blocks);
        }
        if !frame.handling.is_empty() {
            frames.handling.append(&mut frame.handling);
        }
        let mut head = frame.head.take().expect("a frame's head");
        head.base = height(base);
        head.blocks_base = height(blocks_base);
        head.handling_base = height(handling_base);
        frames.heads.push(head);
        self.pool_frame(frame);
        Ok(())
    }

    /// Count a frame entering: RecursionError past the limit.
    #[inline(always)]
    fn enter(&self) -> Result<(), Exc> {
        if self.depth.get() >= self.recursion_limit.get() {
            return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
        }
        self.depth.set(self.depth.get() + 1);
        Ok(())
    }

    /// Take the top frame of `frames` off the run, detached (a generator's, at a
    /// `yield`).
    fn detach_top(&self, frames: &mut Frames) -> Box<Frame> {
        let mut head = frames.heads.pop().expect("a frame");
        self.depth.set(self.depth.get() - 1);
        let mut frame = self.empty_frame();
        frame.values.extend(frames.data.drain(head.base()..));
        frames.data.truncate(head.base() - 1);
        // Most yields are outside any handler: no drain to set up and drop.
        if frames.blocks.len() > head.blocks_base() {
            frame
                .blocks
                .extend(frames.blocks.drain(head.blocks_base()..));
        }
        if frames.handling.len() > head.handling_base() {
            frame
                .handling
                .extend(frames.handling.drain(head.handling_base()..));
        }
        head.base = 0;
        head.blocks_base = 0;
        head.handling_base = 0;
        frame.head = Some(head);
        frame
    }

    /// The interpreter loop proper: runs until the bottom frame returns (`Ok`) or an
    /// exception must unwind (`Err`, with the frame's `pc` past the failing op).
    ///
    /// The running frame's code, constants and names are held in locals, apart
    /// from the frame stack, so fetching the next op is one load from a known array
    /// instead of a chase through the frame stack; they are reloaded (`continue
    /// 'frames`) whenever an op pushes or pops a frame, and the code is only replaced
    /// when the new frame runs other code than the last one. The loop steps a
    /// local `pc` and stores it into the frame as each op starts, so the frame's `pc`
    /// is exact whenever an op raises, calls or suspends, while the fetch of the next
    /// op does not wait for a load through the frame; jumps set only the local.
    fn execute(&self, frames: &mut Frames) -> Result<Finish, Exc> {
        let mut code_obj = frames.heads.last().expect("a frame").code_obj.clone();
        'frames: loop {
            let head = frames.heads.last_mut().expect("a frame");
            // A recursive call or its return keeps the code it had.
            if !head.code_obj.is(&code_obj) {
                code_obj = head.code_obj.clone();
            }
            let code_object = self.t.code.get(&code_obj).expect("a code object");
            let ops: &[Op] = &code_object.code.ops;
            // Only what nearly every op uses is loaded here, on each entry to a frame;
            // constants, names and cells are found through `code_object` by the ops
            // that use them, so a call and a return set up less.
            let name = |i: u32| code_object.names[i as usize].clone();
            let data = &mut frames.data;
            // Local `i` is `data[base + i]`, cell `i` is `data[cells() + i]`.
            let base = head.base();
            let cells = || base + code_object.code.varnames.len();
            let mut pc = head.pc;
            loop {
                let op = &ops[pc];
                pc += 1;
                head.pc = pc;
                match *op {
                    Op::Nop => {}
                    Op::LoadConst(i) => {
                        data.push(code_object.consts[i as usize].clone());
                    }
                    Op::LoadFast(i) => {
                        let v = &data[base + i as usize];
                        if matches!(v, Value::Null(_)) {
                            return Err(self.unbound_local(head.code(self), i));
                        }
                        let v = v.clone();
                        data.push(v);
                    }
                    Op::LoadFastLoadFast(a, b) => {
                        for (k, i) in [a, b].into_iter().enumerate() {
                            let v = data[base + usize::from(i)].clone();
                            if matches!(v, Value::Null(_)) {
                                head.pc += k;
                                return Err(self.unbound_local(head.code(self), u32::from(i)));
                            }
                            data.push(v);
                        }
                        pc += 1;
                    }
                    Op::LoadFastLoadConst(a, c) => {
                        let v = data[base + usize::from(a)].clone();
                        if matches!(v, Value::Null(_)) {
                            return Err(self.unbound_local(head.code(self), u32::from(a)));
                        }
                        data.push(v);
                        data.push(code_object.consts[usize::from(c)].clone());
                        pc += 1;
                    }
                    Op::LoadGlobalLoadFast(g, a) => {
                        let v = self.load_global_cached(code_object, &head.globals, g.into())?;
                        data.push(v);
                        pc += 1;
                        head.pc = pc;
                        let v = data[base + usize::from(a)].clone();
                        if matches!(v, Value::Null(_)) {
                            return Err(self.unbound_local(head.code(self), u32::from(a)));
                        }
                        data.push(v);
                    }
                    Op::StoreFastLoadFast(a, b) => {
                        let v = data.pop().expect("a value");
                        let old = std::mem::replace(&mut data[base + usize::from(a)], v);
                        drop(old);
                        pc += 1;
                        head.pc = pc;
                        let v = data[base + usize::from(b)].clone();
                        if matches!(v, Value::Null(_)) {
                            return Err(self.unbound_local(head.code(self), u32::from(b)));
                        }
                        data.push(v);
                    }
                    Op::LoadFastLoadAttr(a, n) => {
                        let obj = &data[base + usize::from(a)];
                        if matches!(obj, Value::Null(_)) {
                            return Err(self.unbound_local(head.code(self), u32::from(a)));
                        }
                        pc += 1;
                        head.pc = pc;
                        let hit = &code_object.attr_cache[usize::from(n)];
                        let v = match self.cached_own_attr(hit, obj) {
                            Some(v) => v,
                            None => {
                                let name = &code_object.names[usize::from(n)];
                                let v = self.get_attr(obj, name)?;
                                self.remember_attr(hit, obj, name);
                                v
                            }
                        };
                        data.push(v);
                    }
                    Op::LoadFastLoadMethod(a, n) => {
                        let obj = &data[base + usize::from(a)];
                        if matches!(obj, Value::Null(_)) {
                            return Err(self.unbound_local(head.code(self), u32::from(a)));
                        }
                        pc += 1;
                        head.pc = pc;
                        let site = &code_object.method_cache[usize::from(n)];
                        if let Some(f) = self.cached_method(site, obj) {
                            let obj = obj.clone();
                            data.push(f);
                            data.push(obj);
                            continue;
                        }
                        let obj = obj.clone();
                        let name = &code_object.names[usize::from(n)];
                        let (f, receiver) = self.load_method_at(site, obj, name)?;
                        data.push(f);
                        data.push(receiver);
                    }
                    Op::LoadFastStoreAttr(a, n) => {
                        if matches!(data[base + usize::from(a)], Value::Null(_)) {
                            return Err(self.unbound_local(head.code(self), u32::from(a)));
                        }
                        pc += 1;
                        head.pc = pc;
                        let v = data.pop().expect("a value");
                        let obj = &data[base + usize::from(a)];
                        let hit = &code_object.attr_cache[usize::from(n)];
                        if let Err(v) = self.cached_store(hit, obj, v) {
                            let name = &code_object.names[usize::from(n)];
                            self.set_attr(obj, name.clone(), v)?;
                            self.remember_attr(hit, obj, name);
                        }
                    }
                    Op::PopJumpIfNone(t) | Op::PopJumpIfNotNone(t) => {
                        let v = data.pop().expect("a value");
                        if matches!(v, Value::None(_)) == matches!(op, Op::PopJumpIfNone(_)) {
                            pc = t as usize;
                        } else {
                            pc += 2;
                        }
                    }
                    Op::LoadFastJumpIfNone(a, t) | Op::LoadFastJumpIfNotNone(a, t) => {
                        let v = &data[base + usize::from(a)];
                        if matches!(v, Value::Null(_)) {
                            return Err(self.unbound_local(head.code(self), u32::from(a)));
                        }
                        let when_none = matches!(op, Op::LoadFastJumpIfNone(..));
                        if matches!(v, Value::None(_)) == when_none {
                            pc = t as usize;
                        } else {
                            pc += 3;
                        }
                    }
                    Op::CompareJumpIfFalse(cop, t) => {
                        let b = data.pop().expect("a value");
                        let a = data.pop().expect("a value");
                        let truth = if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                            crate::ops::int_compare(cop, *x, *y)
                        } else {
                            let v = crate::ops::compare(self, cop, &a, &b)?;
                            match v {
                                Value::Bool(b) => b.get(),
                                _ => {
                                    // A failing truth test is the jump's error.
                                    head.pc += 1;
                                    let truth = crate::ops::truthy(self, &v)?;
                                    head.pc -= 1;
                                    truth
                                }
                            }
                        };
                        pc = if truth { pc + 1 } else { t as usize };
                    }
                    Op::StoreFast(i) => {
                        let v = data.pop().expect("a value");
                        let old = std::mem::replace(&mut data[base + i as usize], v);
                        drop(old);
                    }
                    Op::DeleteFast(i) => {
                        let old = std::mem::replace(&mut data[base + i as usize], Value::NULL);
                        if matches!(old, Value::Null(_)) {
                            let name = head.code(self).varnames[i as usize].clone();
                            return Err(self.error(
                            "UnboundLocalError",
                            format!(
                                "cannot access local variable '{name}' where it is not associated with a value"
                            ),
                        ));
                        }
                        drop(old);
                    }
                    Op::LoadDeref(i) | Op::LoadClosure(i) => {
                        let cell = data[cells() + i as usize].obj().expect("a cell").clone();
                        if matches!(op, Op::LoadClosure(_)) {
                            data.push(Value::Obj(cell));
                        } else {
                            let v = self
                                .t
                                .cell
                                .get(&cell)
                                .expect("a cell")
                                .value
                                .borrow()
                                .clone();
                            match v {
                                Some(v) => data.push(v),
                                None => {
                                    let name = self.deref_name(head.code(self), i);
                                    return Err(self.error(
                                    "NameError",
                                    format!(
                                        "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                                    ),
                                ));
                                }
                            }
                        }
                    }
                    Op::StoreDeref(i) => {
                        let v = data.pop().expect("a value");
                        let cell = data[cells() + i as usize].obj().expect("a cell");
                        let old = self
                            .t
                            .cell
                            .get(cell)
                            .expect("a cell")
                            .value
                            .replace(Some(v));
                        drop(old);
                    }
                    Op::DeleteDeref(i) => {
                        let cell = data[cells() + i as usize].obj().expect("a cell");
                        let old = self.t.cell.get(cell).expect("a cell").value.replace(None);
                        drop(old);
                    }
                    Op::LoadGlobal(i) => {
                        let v = self.load_global_cached(code_object, &head.globals, i)?;
                        data.push(v);
                    }
                    Op::StoreGlobal(i) => {
                        let name = name(i);
                        let v = data.pop().expect("a value");
                        let globals = head.globals.clone();
                        self.dict_set(&globals, name, v)?;
                    }
                    Op::DeleteGlobal(i) => {
                        let name = name(i);
                        let globals = head.globals.clone();
                        if self.dict_del(&globals, &name)?.is_none() {
                            return Err(self.name_error(&name));
                        }
                    }
                    Op::LoadName(i) => {
                        // The namespace, then the globals (unless they are the
                        // namespace: module code), then the builtins.
                        let name = &code_object.names[i as usize];
                        let ns = head.namespace.as_ref().unwrap_or(&head.globals);
                        let v = match self.dict_get(ns, name)? {
                            Some(v) => v,
                            None if ns.is(&head.globals) => self.load_builtin(name)?,
                            None => self.load_global(&head.globals, name)?,
                        };
                        data.push(v);
                    }
                    Op::StoreName(i) => {
                        let name = name(i);
                        let v = data.pop().expect("a value");
                        let ns = head.namespace.as_ref().unwrap_or(&head.globals).clone();
                        self.dict_set(&ns, name, v)?;
                    }
                    Op::DeleteName(i) => {
                        let name = name(i);
                        let ns = head.namespace.clone().unwrap_or(head.globals.clone());
                        if self.dict_del(&ns, &name)?.is_none() {
                            return Err(self.name_error(&name));
                        }
                    }
                    Op::LoadAttr(i) => {
                        let obj = data.pop().expect("a value");
                        let hit = &code_object.attr_cache[i as usize];
                        let v = match self.cached_own_attr(hit, &obj) {
                            Some(v) => v,
                            None => {
                                let name = &code_object.names[i as usize];
                                let v = self.get_attr(&obj, name)?;
                                self.remember_attr(hit, &obj, name);
                                v
                            }
                        };
                        data.push(v);
                    }
                    Op::StoreAttr(i) => {
                        let obj = data.pop().expect("a value");
                        let v = data.pop().expect("a value");
                        let hit = &code_object.attr_cache[i as usize];
                        if let Err(v) = self.cached_store(hit, &obj, v) {
                            self.set_attr(&obj, name(i), v)?;
                            self.remember_attr(hit, &obj, &code_object.names[i as usize]);
                        }
                    }
                    Op::DeleteAttr(i) => {
                        let name = name(i);
                        let obj = data.pop().expect("a value");
                        self.del_attr(&obj, &name)?;
                    }
                    Op::LoadMethod(i) => {
                        let obj = data.pop().expect("a value");
                        let site = &code_object.method_cache[i as usize];
                        if let Some(f) = self.cached_method(site, &obj) {
                            data.push(f);
                            data.push(obj);
                            continue;
                        }
                        let (a, b) =
                            self.load_method_at(site, obj, &code_object.names[i as usize])?;
                        data.push(a);
                        data.push(b);
                    }
                    Op::CallMethod(n) => {
                        let n = n as usize;
                        let at = data.len() - n - 2;
                        // Fast path: a Python function and its receiver, positional
                        // arguments only, which become the new frame's locals in place.
                        if self.simple_call(frames, at, n + 1)? {
                            continue 'frames;
                        }
                        if let Some(v) = self.builtin_method_call(frames, at)? {
                            frames.data.push(v);
                            continue 'frames;
                        }
                        // `module.Class(...)`: no receiver under the class.
                        if matches!(frames.data[at], Value::Null(_))
                            && self.quick_instantiate(frames, at, n, true)?
                        {
                            continue 'frames;
                        }
                        let data = &mut frames.data;
                        let mut args = self.take_args();
                        args.extend(data.drain(at..));
                        let first = std::mem::replace(&mut args[0], Value::NULL);
                        let (callable, args) = if matches!(first, Value::Null(_)) {
                            let callable = std::mem::replace(&mut args[1], Value::NULL);
                            args.drain(..2);
                            (callable, args)
                        } else {
                            args.remove(0);
                            (first, args)
                        };
                        self.dispatch_call(frames, callable, args, &[])?;
                        continue 'frames;
                    }
                    Op::Call(n) => {
                        let n = n as usize;
                        let at = data.len() - n - 1;
                        if self.simple_call(frames, at, n)?
                            || self.quick_instantiate(frames, at, n, false)?
                        {
                            continue 'frames;
                        }
                        if n > 0 {
                            if let Some(v) = self.builtin_function_call(frames, at)? {
                                frames.data.push(v);
                                continue 'frames;
                            }
                        }
                        let data = &mut frames.data;
                        let mut args = self.take_args();
                        args.extend(data.drain(at + 1..));
                        let callable = data.pop().expect("a callable");
                        self.dispatch_call(frames, callable, args, &[])?;
                        continue 'frames;
                    }
                    Op::CallKw(n) => {
                        // Into pooled vectors: a keyword call makes no Rust-side
                        // allocation.
                        let names = data.pop().expect("names");
                        let n = n as usize;
                        let at = data.len() - n - 1;
                        let names = &self.get(self.t.tuple, &names).expect("a tuple").items;
                        let mut kwargs = self.take_kwargs();
                        let kw_at = data.len() - names.len();
                        kwargs.extend(names.iter().cloned().zip(data.drain(kw_at..)));
                        let mut args = self.take_args();
                        args.extend(data.drain(at + 1..));
                        let callable = data.pop().expect("a callable");
                        let called = self.dispatch_call(frames, callable, args, &kwargs);
                        self.give_kwargs(kwargs);
                        called?;
                        continue 'frames;
                    }
                    Op::CallFunctionEx(flags) => {
                        let mut kwargs = self.take_kwargs();
                        if flags & 1 != 0 {
                            let d = data.pop().expect("a dict");
                            let dict = self.get(self.t.dict, &d).expect("a dict");
                            let map = dict.map.borrow();
                            kwargs.extend(map.iter().map(|e| (e.key.clone(), e.value.clone())));
                        }
                        let args = data.pop().expect("the positional arguments");
                        let callable = data.pop().expect("a callable");
                        let mut argv = self.take_args();
                        match self.get(self.t.tuple, &args) {
                            Some(t) => argv.extend_from_slice(&t.items),
                            // A lone `*x` that is not a tuple is made one, as
                            // CPython's PySequence_Tuple makes it.
                            None => {
                                let items = self.star_args(&callable, &args)?;
                                let t = self.new_tuple(items)?;
                                let t = self.get(self.t.tuple, &t).expect("a tuple");
                                argv.extend_from_slice(&t.items);
                            }
                        }
                        drop(args);
                        if kwargs.iter().any(|(k, _)| self.str_of(k).is_none()) {
                            return Err(self.type_error("keywords must be strings"));
                        }
                        let called = self.dispatch_call(frames, callable, argv, &kwargs);
                        self.give_kwargs(kwargs);
                        called?;
                        continue 'frames;
                    }
                    Op::BinarySubscr => {
                        let index = data.pop().expect("a value");
                        let obj = data.pop().expect("a value");
                        let quick = crate::ops::quick_getitem(self, &obj, &index)
                            .or_else(|| crate::ops::quick_dict_getitem(self, &obj, &index));
                        let v = match quick {
                            Some(v) => v,
                            None => crate::ops::getitem(self, &obj, &index)?,
                        };
                        data.push(v);
                    }
                    Op::StoreSubscr => {
                        let index = data.pop().expect("a value");
                        let obj = data.pop().expect("a value");
                        let v = data.pop().expect("a value");
                        if let Err(v) = crate::ops::quick_setitem(self, &obj, &index, v) {
                            crate::ops::setitem(self, &obj, index, v)?;
                        }
                    }
                    Op::DeleteSubscr => {
                        let index = data.pop().expect("a value");
                        let obj = data.pop().expect("a value");
                        crate::ops::delitem(self, &obj, &index)?;
                    }
                    Op::Binary(bop) | Op::Inplace(bop) => {
                        let b = data.pop().expect("a value");
                        let a = data.pop().expect("a value");
                        let inplace = matches!(op, Op::Inplace(_));
                        let v = self.binary_op(bop, &a, &b, inplace)?;
                        data.push(v);
                    }
                    Op::BinaryStoreFast(bop, inplace, slot) => {
                        let b = data.pop().expect("a value");
                        let a = data.pop().expect("a value");
                        let v = self.binary_op(bop, &a, &b, inplace)?;
                        drop((a, b));
                        pc += 1;
                        head.pc = pc;
                        let old = std::mem::replace(&mut data[base + usize::from(slot)], v);
                        drop(old);
                    }
                    Op::UnaryNegative | Op::UnaryPositive | Op::UnaryInvert | Op::UnaryNot => {
                        let a = data.pop().expect("a value");
                        let v = crate::ops::unary(self, *op, &a)?;
                        data.push(v);
                    }
                    Op::Compare(cop) => {
                        let b = data.pop().expect("a value");
                        let a = data.pop().expect("a value");
                        if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                            data.push(Value::bool(crate::ops::int_compare(cop, *x, *y)));
                            continue;
                        }
                        let v = crate::ops::compare(self, cop, &a, &b)?;
                        data.push(v);
                    }
                    Op::IsOp(invert) => {
                        let b = data.pop().expect("a value");
                        let a = data.pop().expect("a value");
                        data.push(Value::bool(a.is(&b) != (invert == 1)));
                    }
                    Op::ContainsOp(invert) => {
                        let container = data.pop().expect("a value");
                        let item = data.pop().expect("a value");
                        let found = crate::ops::contains(self, &container, &item)?;
                        data.push(Value::bool(found != (invert == 1)));
                    }
                    Op::Jump(t) => pc = t as usize,
                    Op::PopJumpIfFalse(t) | Op::PopJumpIfTrue(t) => {
                        let v = data.pop().expect("a value");
                        let truth = match v {
                            Value::Bool(b) => b.get(),
                            _ => crate::ops::truthy(self, &v)?,
                        };
                        if truth == matches!(op, Op::PopJumpIfTrue(_)) {
                            pc = t as usize;
                        }
                    }
                    Op::JumpIfFalseOrPop(t) | Op::JumpIfTrueOrPop(t) => {
                        let v = data.last().expect("a value").clone();
                        let truth = crate::ops::truthy(self, &v)?;
                        if truth == matches!(op, Op::JumpIfTrueOrPop(_)) {
                            pc = t as usize;
                        } else {
                            data.pop();
                        }
                    }
                    Op::GetIter => {
                        let v = data.pop().expect("a value");
                        let it = crate::ops::iter(self, &v)?;
                        data.push(it);
                    }
                    Op::ForIter(t) => {
                        // A range, list or tuple steps here, without a call.
                        let it = data.last().expect("an iterator");
                        let mut quick = None;
                        let mut exhausted = false;
                        if let Some(iter) = it.obj().and_then(|o| self.t.iter.get(o)) {
                            match &iter.kind {
                                IterKind::Range { next, left, step } => {
                                    if left.get() > 0 {
                                        let v = next.get();
                                        left.set(left.get() - 1);
                                        next.set(v.wrapping_add(*step));
                                        quick = Some(Value::Int(v));
                                    } else {
                                        exhausted = true;
                                    }
                                }
                                IterKind::Seq(seq) if !iter.done.get() => {
                                    let pos = iter.pos.get();
                                    quick = match self.t.list.get(seq) {
                                        Some(l) => l.items.borrow().get(pos).cloned(),
                                        None => self
                                            .t
                                            .tuple
                                            .get(seq)
                                            .and_then(|t| t.items.get(pos).cloned()),
                                    };
                                    if quick.is_some() {
                                        iter.pos.set(pos + 1);
                                    }
                                }
                                _ => {}
                            }
                        }
                        if let Some(v) = quick {
                            data.push(v);
                            continue;
                        }
                        if exhausted {
                            data.pop();
                            pc = t as usize;
                            continue;
                        }
                        let it = data.last().expect("an iterator").clone();
                        match crate::ops::next(self, &it)? {
                            Some(v) => data.push(v),
                            None => {
                                data.pop();
                                pc = t as usize;
                            }
                        }
                    }
                    Op::PopTop => {
                        let v = data.pop();
                        drop(v);
                    }
                    Op::DupTop => {
                        let v = data.last().expect("a value").clone();
                        data.push(v);
                    }
                    Op::DupTopTwo => {
                        let n = data.len();
                        let a = data[n - 2].clone();
                        let b = data[n - 1].clone();
                        data.push(a);
                        data.push(b);
                    }
                    Op::RotTwo => {
                        let n = data.len();
                        data.swap(n - 1, n - 2);
                    }
                    Op::RotThree => {
                        let v = data.pop().expect("a value");
                        let n = data.len();
                        data.insert(n - 2, v);
                    }
                    Op::RotFour => {
                        let v = data.pop().expect("a value");
                        let n = data.len();
                        data.insert(n - 3, v);
                    }
                    Op::BuildTuple(0) => data.push(self.empty_tuple.clone()),
                    Op::BuildTuple(n) if n as usize <= crate::object::list::INLINE => {
                        // Straight from the stack into the tuple's own block, once
                        // there is one (on failure the items stay on the stack).
                        let list = crate::object::list::tuple_free_list(n as usize);
                        let t = self.alloc_with(self.t.tuple, list, || {
                            let b = data.pop().expect("a value");
                            let items = match n {
                                1 => [b, Value::NULL],
                                _ => [data.pop().expect("a value"), b],
                            };
                            Tuple {
                                items: TupleItems::Inline(n as u8, items),
                            }
                        })?;
                        data.push(Value::Obj(t));
                    }
                    Op::BuildTuple(n) | Op::BuildList(n) | Op::BuildSet(n) => {
                        let at = data.len() - n as usize;
                        // Straight from the stack into heap storage: no Rust-side vector.
                        let mut items = hvec();
                        items
                            .try_reserve_exact(n as usize)
                            .map_err(|_| self.memory_error())?;
                        items.extend(data.drain(at..));
                        let v = match op {
                            Op::BuildTuple(_) => self.new_tuple(items)?,
                            Op::BuildList(_) => self.new_list(items)?,
                            _ => {
                                let set = self.new_set()?;
                                for item in items {
                                    self.set_add(&set, item)?;
                                }
                                Value::Obj(set)
                            }
                        };
                        data.push(v);
                    }
                    Op::BuildMap(n) => {
                        let at = data.len() - 2 * n as usize;
                        let mut items = self.take_args();
                        items.extend(data.drain(at..));
                        let d = self.new_dict()?;
                        let mut it = items.drain(..);
                        while let (Some(k), Some(v)) = (it.next(), it.next()) {
                            self.dict_set(&d, k, v)?;
                        }
                        drop(it);
                        self.give_args(items);
                        data.push(Value::Obj(d));
                    }
                    Op::BuildSlice(n) => {
                        let step = if n == 3 {
                            data.pop().expect("a value")
                        } else {
                            Value::NONE
                        };
                        let stop = data.pop().expect("a value");
                        let start = data.pop().expect("a value");
                        let s = self.alloc(
                            self.t.slice,
                            Slice {
                                parts: [start, stop, step],
                            },
                        )?;
                        data.push(Value::Obj(s));
                    }
                    Op::BuildString(n) => {
                        let at = data.len() - n as usize;
                        let parts: Vec<Value> = data.drain(at..).collect();
                        let mut text = String::new();
                        for p in &parts {
                            text.push_str(self.str_of(p).unwrap_or(""));
                        }
                        let v = self.new_str(&text)?;
                        data.push(v);
                    }
                    Op::ListAppend(d) | Op::SetAdd(d) | Op::ListExtend(d) | Op::SetUpdate(d) => {
                        let v = data.pop().expect("a value");
                        let target = data[data.len() - d as usize].clone();
                        match op {
                            Op::ListAppend(_) => crate::builtins::list_append(self, &target, v)?,
                            Op::SetAdd(_) => self.set_add(target.obj().expect("a set"), v)?,
                            Op::ListExtend(_) => {
                                let items = self.collect_iter(&v).map_err(|e| {
                                    self.not_iterable_as(e, &v, || "Value".to_string())
                                })?;
                                for item in items {
                                    crate::builtins::list_append(self, &target, item)?;
                                }
                            }
                            _ => crate::builtins::add_all(self, target.obj().expect("a set"), &v)?,
                        }
                    }
                    Op::MapAdd(d) => {
                        let v = data.pop().expect("a value");
                        let k = data.pop().expect("a key");
                        let target = data[data.len() - d as usize].clone();
                        self.dict_set(target.obj().expect("a dict"), k, v)?;
                    }
                    Op::DictUpdate(d) => {
                        let v = data.pop().expect("a mapping");
                        let target = data[data.len() - d as usize].clone();
                        let Some(src) = self.get(self.t.dict, &v).filter(|d| !d.is_set) else {
                            return Err(self.type_error(format!(
                                "'{}' object is not a mapping",
                                self.type_name(&v)
                            )));
                        };
                        let entries: Vec<(Value, Value)> = src.pairs();
                        for (k, v) in entries {
                            self.dict_set(target.obj().expect("a dict"), k, v)?;
                        }
                    }
                    Op::DictMerge(d) => {
                        let update = data.pop().expect("a mapping");
                        let at = data.len() - d as usize;
                        let (target, callable) = (data[at].clone(), data[at - 2].clone());
                        self.dict_merge(&target, &update, &callable)?;
                    }
                    Op::ListToTuple => {
                        let v = data.pop().expect("a list");
                        let items = self
                            .get(self.t.list, &v)
                            .expect("a list")
                            .items
                            .borrow()
                            .to_vec();
                        let t = self.new_tuple(self.hvec_of(items)?)?;
                        data.push(t);
                    }
                    Op::FormatValue(flags) => {
                        let spec = if flags & 4 != 0 {
                            Some(data.pop().expect("a spec"))
                        } else {
                            None
                        };
                        let v = data.pop().expect("a value");
                        let v = match flags & 3 {
                            1 => self.str_value(&v)?,
                            2 | 3 => self.new_str(&crate::ops::repr(self, &v)?)?,
                            _ => v,
                        };
                        let spec = spec.as_ref().and_then(|s| self.str_of(s)).unwrap_or("");
                        // `format(v, '')` of a str or an int is its `str`: no Rust string.
                        if spec.is_empty()
                            && (self.str_of(&v).is_some() || matches!(v, Value::Int(_)))
                        {
                            let s = self.str_value(&v)?;
                            data.push(s);
                            continue;
                        }
                        let text = crate::format::format_value(self, &v, spec)?;
                        let s = self.new_str(&text)?;
                        data.push(s);
                    }
                    Op::UnpackSequence(n) => {
                        let v = data.pop().expect("a value");
                        self.unpack(data, v, n)?;
                    }
                    Op::UnpackStoreFast(a, b) => {
                        let v = data.pop().expect("a value");
                        let pair = match self.get(self.t.tuple, &v).map(|t| &t.items) {
                            Some(TupleItems::Inline(2, [x, y])) => Some((x.clone(), y.clone())),
                            _ => None,
                        };
                        match pair {
                            // The unpack's work, then the two stores': the tuple's
                            // reference goes first, then each local's old value.
                            Some((x, y)) => {
                                drop(v);
                                let old = std::mem::replace(&mut data[base + usize::from(a)], x);
                                drop(old);
                                let old = std::mem::replace(&mut data[base + usize::from(b)], y);
                                drop(old);
                                pc += 2;
                            }
                            // Anything else unpacks alone; the stores run as ops.
                            None => self.unpack(data, v, 2)?,
                        }
                    }
                    Op::UnpackEx(arg) => {
                        let before = (arg & 0xff) as usize;
                        let after = (arg >> 8) as usize;
                        let v = data.pop().expect("a value");
                        let mut items = self.collect_iter(&v)?;
                        if items.len() < before + after {
                            return Err(self.error(
                                "ValueError",
                                format!(
                                    "not enough values to unpack (expected at least {}, got {})",
                                    before + after,
                                    items.len()
                                ),
                            ));
                        }
                        let tail = items.split_off(items.len() - after);
                        let middle = items.split_off(before);
                        let middle = self.new_list(self.hvec_of(middle)?)?;
                        data.extend(tail.into_iter().rev());
                        data.push(middle);
                        data.extend(items.into_iter().rev());
                    }
                    Op::MakeFunction(flags) => {
                        let code = data.pop().expect("code");
                        let closure = if flags & 8 != 0 {
                            Some(data.pop().expect("a closure"))
                        } else {
                            None
                        };
                        let kwdefaults = if flags & 2 != 0 {
                            Some(data.pop().expect("kwdefaults"))
                        } else {
                            None
                        };
                        let defaults = if flags & 1 != 0 {
                            Some(data.pop().expect("defaults"))
                        } else {
                            None
                        };
                        let code_obj = code.obj().expect("code").clone();
                        let c = self.t.code.get(&code_obj).expect("code").code.clone();
                        let f = Function {
                            code: code_obj,
                            globals: head.globals.clone(),
                            name: RefCell::new(self.intern(&c.name)),
                            qualname: self.new_str(&c.qualname)?,
                            defaults: defaults.and_then(|d| d.obj().cloned()),
                            kwdefaults: kwdefaults.and_then(|d| d.obj().cloned()),
                            closure: closure.and_then(|d| d.obj().cloned()),
                            attrs: RefCell::new(None),
                        };
                        let f = self.alloc(self.t.function, f)?;
                        data.push(Value::Obj(f));
                    }
                    Op::ReturnValue => {
                        let v = data.pop().expect("a value");
                        match self.return_value(frames, v)? {
                            Some(finish) => return Ok(finish),
                            None => continue 'frames,
                        }
                    }
                    Op::ReturnConst(c) => {
                        let v = code_object.consts[c as usize].clone();
                        match self.return_value(frames, v)? {
                            Some(finish) => return Ok(finish),
                            None => continue 'frames,
                        }
                    }
                    Op::ReturnFast(a) => {
                        let v = data[base + a as usize].clone();
                        if matches!(v, Value::Null(_)) {
                            return Err(self.unbound_local(head.code(self), a));
                        }
                        match self.return_value(frames, v)? {
                            Some(finish) => return Ok(finish),
                            None => continue 'frames,
                        }
                    }
                    Op::LoadBuildClass => {
                        let f = self
                            .load_global(&self.builtins.clone(), &self.intern("__build_class__"))?;
                        data.push(f);
                    }
                    Op::ImportName(i) => {
                        let name = name(i);
                        let m = self.import(&name)?;
                        data.push(m);
                    }
                    Op::ImportFrom(i) => {
                        let name = name(i);
                        let m = data.last().expect("a module").clone();
                        let v = self.get_attr(&m, &name).map_err(|_| {
                            let module = self
                                .get(self.t.module, &m)
                                .and_then(|m| self.str_of(&m.name).map(str::to_string))
                                .unwrap_or_default();
                            self.error(
                                "ImportError",
                                format!(
                                    "cannot import name '{}' from '{module}'",
                                    self.str_of(&name).unwrap_or("")
                                ),
                            )
                        })?;
                        data.push(v);
                    }
                    Op::RaiseVarargs(n) => {
                        return Err(match n {
                            0 => match frames.handling.last() {
                                Some(exc) => {
                                    let mut exc = exc.clone();
                                    // The traceback continues from where it was.
                                    exc.traceback.pop();
                                    exc
                                }
                                None => {
                                    self.error("RuntimeError", "No active exception to reraise")
                                }
                            },
                            1 => {
                                let v = data.pop().expect("an exception");
                                self.make_exception(v)?
                            }
                            _ => {
                                let cause = data.pop().expect("a cause");
                                let v = data.pop().expect("an exception");
                                let exc = self.make_exception(v)?;
                                let cause = match cause {
                                    Value::None(_) => Value::NONE,
                                    c => self.make_exception(c)?.value.clone(),
                                };
                                self.set_attr(&exc.value, self.intern("__cause__"), cause)?;
                                let suppress = self.intern("__suppress_context__");
                                self.set_attr(&exc.value, suppress, Value::bool(true))?;
                                exc
                            }
                        });
                    }
                    Op::SetupFinally(t) | Op::SetupWith(t) => {
                        let depth = data.len() - base - usize::from(matches!(op, Op::SetupWith(_)));
                        let handling = frames.handling.len() - head.handling_base();
                        frames.blocks.push((t, depth, handling));
                    }
                    Op::PopBlock => {
                        frames.blocks.pop();
                    }
                    Op::PopExcept => {
                        let e = frames.handling.pop();
                        drop(e);
                    }
                    Op::Reraise => {
                        let _ = data.pop();
                        let mut exc = frames.handling.pop().expect("an exception being handled");
                        // Its traceback already has this frame, at the line it was
                        // raised at (CPython's RERAISE adds no entry).
                        exc.reraised = true;
                        return Err(exc);
                    }
                    Op::CheckExcMatch => {
                        let class = data.pop().expect("a class");
                        let exc = data.last().expect("an exception").clone();
                        let matched = self.exception_matches(&exc, &class)?;
                        data.push(Value::bool(matched));
                    }
                    Op::LoadAssertionError => {
                        data.push(Value::Obj(self.classes.get("AssertionError").clone()));
                    }
                    Op::BeforeWith => {
                        let mgr = data.pop().expect("a context manager");
                        let (enter, exit) = self.context_methods(&mgr)?;
                        let entered = self.call(&enter, &[], &[])?;
                        data.push(exit);
                        data.push(entered);
                    }
                    Op::WithExit => {
                        let exit = data.pop().expect("__exit__");
                        self.call(&exit, &[Value::NONE, Value::NONE, Value::NONE], &[])?;
                    }
                    Op::WithExceptStart => {
                        let n = data.len();
                        let (exit, exc) = (data[n - 2].clone(), data[n - 1].clone());
                        let class = Value::Obj(self.class_of(&exc));
                        let tb = self
                            .get_attr(&exc, &self.intern("__traceback__"))
                            .unwrap_or(Value::NONE);
                        let r = self.call(&exit, &[class, exc, tb], &[])?;
                        data.push(r);
                    }
                    Op::GetYieldFromIter => {
                        let v = data.pop().expect("a value");
                        let it = if v.obj().is_some_and(|o| self.t.generator.is(o)) {
                            v
                        } else {
                            crate::ops::iter(self, &v)?
                        };
                        data.push(it);
                    }
                    Op::Send(target) => {
                        let sent = data.pop().expect("a value");
                        let receiver = data.last().expect("an iterator").clone();
                        let step = self.send_into(&receiver, sent)?;
                        match step {
                            GenStep::Yielded(v) => data.push(v),
                            GenStep::Returned(v) => {
                                data.pop();
                                data.push(v);
                                pc = target as usize;
                            }
                        }
                    }
                    Op::YieldValue => {
                        // A generator's frame is always the bottom of its own loop.
                        let v = data.pop().expect("a value");
                        debug_assert_eq!(frames.heads.len(), 1);
                        return Ok(Finish::Yield(v, self.detach_top(frames)));
                    }
                }
            }
        }
    }

    /// Return `v` from the running frame: pop it, put `v` in its callable's slot on
    /// the caller's stack, then drop its values (in CPython's order: locals first to
    /// last, then cells, then the stack) and the callable. `Some`: that was the run's
    /// bottom frame, the run is done.
    #[inline(always)]
    fn return_value(&self, frames: &mut Frames, v: Value) -> Result<Option<Finish>, Exc> {
        // Taken apart at once, field by field: a head kept whole across the drops
        // below was copied out of the stack with 16-byte loads over the narrower
        // stores that had just written it (a store-forwarding stall on every
        // return), and `drop(head)` was a call.
        let Head {
            code_obj,
            globals,
            namespace,
            on_return,
            base,
            blocks_base,
            handling_base,
            ..
        } = frames.heads.pop().expect("a frame");
        let (base, blocks_base, handling_base) =
            (base as usize, blocks_base as usize, handling_base as usize);
        self.depth.set(self.depth.get() - 1);
        let v = match on_return {
            OnReturn::Value | OnReturn::Discard => v,
            OnReturn::Init(tp_call) => {
                tp_call.freed(self, true);
                if let Some(err) = self.init_result_error(&v) {
                    drop_frame_values(frames, base, blocks_base, handling_base);
                    return Err(err);
                }
                frames.data[base - 1].clone()
            }
        };
        // The value goes to the caller before the frame's locals are dropped (their
        // finalizers may run): it is not held across.
        let callable = std::mem::replace(&mut frames.data[base - 1], v);
        truncate_in_order(&mut frames.data, base);
        if frames.blocks.len() > blocks_base {
            frames.blocks.truncate(blocks_base);
        }
        if frames.handling.len() > handling_base {
            frames.handling.truncate(handling_base);
        }
        drop(callable);
        drop(code_obj);
        drop(globals);
        drop(namespace);
        if frames.heads.is_empty() {
            let v = frames.data.pop().expect("the return value");
            return Ok(Some(Finish::Return(v)));
        }
        Ok(None)
    }

    /// The TypeError for an `__init__` that returned `v`, unless `v` is `None`.
    fn init_result_error(&self, v: &Value) -> Option<Exc> {
        (!matches!(v, Value::None(_))).then(|| {
            self.type_error(format!(
                "__init__() should return None, not '{}'",
                self.type_name(v)
            ))
        })
    }

    /// `a op b`: small ints that cannot overflow without a call, the rest through
    /// [`crate::ops::binary`].
    #[inline(always)]
    fn binary_op(&self, bop: BinOp, a: &Value, b: &Value, inplace: bool) -> Result<Value, Exc> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            let quick = match bop {
                BinOp::Add => x.checked_add(*y),
                BinOp::Sub => x.checked_sub(*y),
                BinOp::Mul => x.checked_mul(*y),
                BinOp::BitAnd => Some(x & y),
                BinOp::BitOr => Some(x | y),
                BinOp::BitXor => Some(x ^ y),
                BinOp::FloorDiv => crate::ops::int_divmod(*x, *y).map(|(q, _)| q),
                BinOp::Mod => crate::ops::int_divmod(*x, *y).map(|(_, r)| r),
                BinOp::RShift if *y >= 0 => Some(x >> (*y).min(63)),
                BinOp::LShift if (0..64).contains(y) => {
                    // Only when no bit is lost: the rest grows into a big int.
                    let r = x << y;
                    (r >> y == *x).then_some(r)
                }
                _ => None,
            };
            if let Some(r) = quick {
                return Ok(Value::Int(r));
            }
        }
        // Float arithmetic (an int operand converted as CPython converts it, to the
        // nearest float), but division by zero, which raises.
        let float = |v: &Value| match v {
            Value::Float(f) => Some(f.get()),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        };
        if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
            if let (Some(x), Some(y)) = (float(a), float(b)) {
                let quick = match bop {
                    BinOp::Add => Some(x + y),
                    BinOp::Sub => Some(x - y),
                    BinOp::Mul => Some(x * y),
                    BinOp::Div if y != 0.0 => Some(x / y),
                    _ => None,
                };
                if let Some(r) = quick {
                    return Ok(Value::float(r));
                }
            }
        }
        crate::ops::binary(self, bop, a, b, inplace)
    }

    /// An empty argument vector, reused.
    pub(crate) fn take_args(&self) -> Vec<Value> {
        self.args_pool.borrow_mut().pop().unwrap_or_default()
    }

    /// Give an argument vector back (emptied).
    pub(crate) fn give_args(&self, mut args: Vec<Value>) {
        args.clear();
        let mut pool = self.args_pool.borrow_mut();
        if pool.len() < FRAME_POOL {
            pool.push(args);
        }
    }

    /// How CPython names a callable in the errors of a call
    /// (`_PyObject_FunctionStr`): `module.qualname()`, with no module for built-ins.
    pub(crate) fn function_str(&self, f: &Value) -> String {
        if let Some(b) = f.obj().and_then(|o| self.t.builtin.get(o)) {
            // A built-in function, an unbound method of its type, or a bound one.
            let owner = match (&b.receiver, b.owner) {
                (Value::Null(_), None) => return format!("{}()", b.name),
                (Value::Null(_), Some(kind)) => format!("{kind:?}").to_lowercase(),
                (receiver, _) => self.type_name(receiver),
            };
            return format!("{owner}.{}()", b.name);
        }
        let quiet = |name: &str| self.get_attr(f, &self.intern(name)).ok();
        let Some(qualname) = quiet("__qualname__").and_then(|q| self.str_of(&q).map(String::from))
        else {
            return self
                .str_value(f)
                .ok()
                .and_then(|s| self.str_of(&s).map(String::from))
                .unwrap_or_default();
        };
        match quiet("__module__").as_ref().and_then(|m| self.str_of(m)) {
            Some(m) if m != "builtins" => format!("{m}.{qualname}()"),
            _ => format!("{qualname}()"),
        }
    }

    /// `e`, a failure to iterate `v`, as the TypeError CPython raises for what is
    /// unpacked with `*`: `WHAT after * must be an iterable, not T` when `v` cannot
    /// be iterated at all; any other error is `e` itself.
    fn not_iterable_as(&self, e: Exc, v: &Value, what: impl FnOnce() -> String) -> Exc {
        let is_type_error = self.type_name(&e.value) == "TypeError";
        if is_type_error && !crate::ops::is_iterable(self, v) {
            return self.type_error(format!(
                "{} after * must be an iterable, not {}",
                what(),
                self.type_name(v)
            ));
        }
        e
    }

    /// The items of a lone `*x` argument (`check_args_iterable`, then
    /// `PySequence_Tuple`).
    fn star_args(&self, callable: &Value, args: &Value) -> Result<HVec<Value>, Exc> {
        self.collect_iter(args).map_err(|e| {
            self.not_iterable_as(e, args, || {
                format!("{} argument", self.function_str(callable))
            })
        })
    }

    /// `DICT_MERGE`: the `**` mapping `update` into the keyword dict `target` of a
    /// call of `callable`, refusing a name already given (`_PyDict_MergeEx` with
    /// override 2, and `format_kwargs_error` for its errors).
    fn dict_merge(&self, target: &Value, update: &Value, callable: &Value) -> Result<(), Exc> {
        let pairs: Vec<(Value, Value)> = match self.get(self.t.dict, update).filter(|d| !d.is_set) {
            Some(src) => src.pairs(),
            None => {
                let Ok(keys) = self.get_attr(update, &self.intern("keys")) else {
                    return Err(self.type_error(format!(
                        "{} argument after ** must be a mapping, not {}",
                        self.function_str(callable),
                        self.type_name(update)
                    )));
                };
                let keys = self.call(&keys, &[], &[])?;
                let mut pairs = Vec::new();
                for k in self.collect_iter(&keys)? {
                    let v = crate::ops::getitem(self, update, &k)?;
                    pairs.push((k, v));
                }
                pairs
            }
        };
        let target = target.obj().expect("a dict");
        for (k, v) in pairs {
            if self.dict_get(target, &k)?.is_some() {
                let key = self.str_value(&k)?;
                return Err(self.type_error(format!(
                    "{} got multiple values for keyword argument '{}'",
                    self.function_str(callable),
                    self.str_of(&key).unwrap_or("")
                )));
            }
            self.dict_set(target, k, v)?;
        }
        Ok(())
    }

    /// An empty keyword argument vector, from the pool if it has one.
    pub(crate) fn take_kwargs(&self) -> Vec<(Value, Value)> {
        self.kwargs_pool.borrow_mut().pop().unwrap_or_default()
    }

    /// Give a keyword argument vector back: its pairs are dropped first, outside
    /// the pool's borrow (dropping may run a finalizer).
    pub(crate) fn give_kwargs(&self, mut kwargs: Vec<(Value, Value)>) {
        kwargs.clear();
        let mut pool = self.kwargs_pool.borrow_mut();
        if pool.len() < FRAME_POOL {
            pool.push(kwargs);
        }
    }

    fn deref_name(&self, code: &Code, i: u32) -> String {
        let i = i as usize;
        code.cellvars
            .get(i)
            .or_else(|| code.freevars.get(i - code.cellvars.len()))
            .cloned()
            .unwrap_or_default()
    }

    /// `callable(v)`.
    pub fn is_callable(&self, v: &Value) -> bool {
        let t = &self.t;
        let Value::Obj(o) = v else { return false };
        if let Some(w) = t.weakref.get(o) {
            return match w.kind() {
                gc::WeakKind::Ref => true,
                gc::WeakKind::Proxy => w.get().is_some_and(|r| self.is_callable(&Value::Obj(r))),
            };
        }
        t.function.is(o)
            || t.builtin.is(o)
            || t.method.is(o)
            || t.class.is(o)
            || t.instance.get(o).is_some_and(|i| {
                self.class_lookup(&i.class, &self.intern("__call__"))
                    .is_some()
            })
    }

    /// The referent a `weakref.proxy` stands for: `None` if `v` is not a proxy, and
    /// ReferenceError if its referent is gone.
    pub fn proxied(&self, v: &Value) -> Result<Option<Value>, Exc> {
        let Some(w) = v.obj().and_then(|o| self.t.weakref.get(o)) else {
            return Ok(None);
        };
        if w.kind() != gc::WeakKind::Proxy {
            return Ok(None);
        }
        match w.get() {
            Some(r) => Ok(Some(Value::Obj(r))),
            None => Err(self.error(
                "ReferenceError",
                "weakly-referenced object no longer exists",
            )),
        }
    }

    /// `UnboundLocalError` for local slot `i`.
    fn unbound_local(&self, code: &Code, i: u32) -> Exc {
        let name = &code.varnames[i as usize];
        self.error(
            "UnboundLocalError",
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    fn name_error(&self, name: &Value) -> Exc {
        self.error(
            "NameError",
            format!("name '{}' is not defined", self.str_of(name).unwrap_or("?")),
        )
    }

    /// `LOAD_GLOBAL` through the code object's cache (CPython 3.11's
    /// `LOAD_GLOBAL_MODULE` and `LOAD_GLOBAL_BUILTIN`): a name found in the globals
    /// is valid while their keys keep their version, one found in the builtins while
    /// both dicts keep theirs; the value is read afresh from the entry.
    #[inline(always)]
    fn load_global_cached(&self, c: &CodeObj, globals: &ObjRef, i: u32) -> Result<Value, Exc> {
        let hit = c.global_cache[i as usize].get();
        let g = self.t.dict.get(globals).expect("a dict");
        if hit.builtins == 0 {
            if let Some(v) = g.map.borrow().cached_value(hit.globals, hit.entry) {
                return Ok(v.clone());
            }
        } else if g.map.borrow().version() == hit.globals {
            let b = self.t.dict.get(&self.builtins).expect("a dict");
            if let Some(v) = b.map.borrow().cached_value(hit.builtins, hit.entry) {
                return Ok(v.clone());
            }
        }
        self.load_global_miss(c, g, i)
    }

    /// `LOAD_GLOBAL` the slow way, filling the cache.
    #[inline(never)]
    fn load_global_miss(&self, c: &CodeObj, g: &Dict, i: u32) -> Result<Value, Exc> {
        let b = self.t.dict.get(&self.builtins).expect("a dict");
        let name = c.names[i as usize].clone();
        let h = self.hash(&name)?;
        let (gv, bv) = (g.map.borrow().version(), b.map.borrow().version());
        let found = match g.map.borrow().entry_of(&name, h) {
            Some(e) => Some((false, e)),
            None => b.map.borrow().entry_of(&name, h).map(|e| (true, e)),
        };
        let Some((in_builtins, entry)) = found else {
            return Err(self.name_error(&name));
        };
        c.global_cache[i as usize].set(crate::object::func::GlobalHit {
            globals: gv,
            builtins: if in_builtins { bv } else { 0 },
            entry,
        });
        let d = if in_builtins { b } else { g };
        let v = d.map.borrow().value_at(entry).cloned();
        Ok(v.expect("the entry just found"))
    }

    fn load_global(&self, globals: &ObjRef, name: &Value) -> Result<Value, Exc> {
        if let Some(v) = self.dict_get(globals, name)? {
            return Ok(v);
        }
        self.load_builtin(name)
    }

    /// `name` from the builtins, or NameError.
    fn load_builtin(&self, name: &Value) -> Result<Value, Exc> {
        self.dict_get(&self.builtins, name)?
            .ok_or_else(|| self.name_error(name))
    }

    /// Turn what `raise` got (a class or an instance) into an exception.
    pub fn make_exception(&self, v: Value) -> Result<Exc, Exc> {
        let base = self.classes.get("BaseException").clone();
        if let Some(o) = v.obj() {
            if self.t.class.is(o) && self.is_subclass(o, &base) {
                let inst = self.call(&v, &[], &[])?;
                return Ok(Exc::new(inst));
            }
            if let Some(i) = self.t.instance.get(o) {
                if self.is_subclass(&i.class, &base) {
                    return Ok(Exc::new(v));
                }
            }
        }
        Err(self.type_error("exceptions must derive from BaseException"))
    }

    fn exception_matches(&self, exc: &Value, class: &Value) -> Result<bool, Exc> {
        let exc_class = self.class_of(exc);
        if let Some(t) = self.get(self.t.tuple, class) {
            for c in t.items.iter() {
                if self.exception_matches(exc, c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        match class.obj().filter(|o| self.t.class.is(o)) {
            Some(c) if self.is_subclass(c, self.classes.get("BaseException")) => {
                Ok(self.is_subclass(&exc_class, c))
            }
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    // ---- calls ----

    /// Call `callable` from the loop: a Python function gets a new frame on `frames`;
    /// anything else runs now and its result is pushed.
    fn dispatch_call(
        &self,
        frames: &mut Frames,
        callable: Value,
        args: Vec<Value>,
        kwargs: &[(Value, Value)],
    ) -> Result<(), Exc> {
        if args.is_empty() && kwargs.is_empty() {
            if let Some(v) = self.frame_builtin(frames, &callable)? {
                frames.data.push(v);
                return Ok(());
            }
        }
        match self.prepare_call(&callable, args, kwargs)? {
            Prepared::Done(v) => {
                frames.data.push(v);
                Ok(())
            }
            Prepared::Frame(frame) => self.push_frame(frames, frame),
        }
    }

    /// `globals()`, `locals()`, `vars()` and `dir()` with no argument: what they
    /// read of the calling frame (CPython's `PyEval_GetGlobals`/`GetLocals`).
    /// `None`: `callable` is not one of them.
    #[inline(never)]
    fn frame_builtin(&self, frames: &Frames, callable: &Value) -> Result<Option<Value>, Exc> {
        let Some(b) = callable.obj().and_then(|o| self.t.builtin.get(o)) else {
            return Ok(None);
        };
        if !matches!(b.receiver, Value::Null(_))
            || !matches!(b.name, "globals" | "locals" | "vars" | "dir")
        {
            return Ok(None);
        }
        let head = frames.heads.last().expect("a frame");
        if b.name == "globals" {
            return Ok(Some(Value::Obj(head.globals.clone())));
        }
        // A module or class body's namespace is its locals; a function's are made
        // into a new dict: its set variables, then its cells' values.
        let locals = match &head.namespace {
            Some(ns) => ns.clone(),
            None => {
                let d = self.new_dict()?;
                let code = head.code(self);
                let locals = &frames.data[head.base()..];
                for (name, v) in code.varnames.iter().zip(locals) {
                    if !matches!(v, Value::Null(_)) {
                        self.dict_set(&d, self.intern(name), v.clone())?;
                    }
                }
                let cell_names = code.cellvars.iter().chain(code.freevars.iter());
                let cells = &locals[code.varnames.len()..];
                for (name, cell) in cell_names.zip(cells) {
                    let cell = cell.obj().expect("a cell");
                    let v = self.t.cell.get(cell).and_then(|c| c.value.borrow().clone());
                    if let Some(v) = v {
                        self.dict_set(&d, self.intern(name), v)?;
                    }
                }
                d
            }
        };
        if b.name != "dir" {
            return Ok(Some(Value::Obj(locals)));
        }
        let keys = self.t.dict.get(&locals).expect("a dict").pairs();
        let mut names: Vec<Value> = keys.into_iter().map(|(k, _)| k).collect();
        names.sort_by(|a, b| self.str_of(a).cmp(&self.str_of(b)));
        Ok(Some(self.new_list(self.hvec_of(names)?)?))
    }

    fn prepare_call(
        &self,
        callable: &Value,
        mut args: Vec<Value>,
        kwargs: &[(Value, Value)],
    ) -> Result<Prepared, Exc> {
        let Some(o) = callable.obj() else {
            return Err(self.not_callable(callable));
        };
        if let Some(f) = self.t.function.get(o) {
            let frame = self.function_frame(f, args, kwargs)?;
            if frame.head().code(self).generator {
                // Calling a generator function makes a generator; its frame waits.
                let g = self.alloc(
                    self.t.generator,
                    Generator {
                        frame: RefCell::new(Some(frame)),
                        started: Cell::new(false),
                        name: f.name.borrow().clone(),
                    },
                )?;
                return Ok(Prepared::Done(Value::Obj(g)));
            }
            return Ok(Prepared::Frame(frame));
        }
        if let Some(b) = self.t.builtin.get(o) {
            if !matches!(b.receiver, Value::Null(_)) {
                args.insert(0, b.receiver.clone());
            } else if let Some(kind) = b.owner {
                self.descriptor_receiver(kind, b.name, &mut args)?;
            }
            let result = (b.f)(self, &args, kwargs);
            self.give_args(args);
            return Ok(Prepared::Done(result?));
        }
        if let Some(r) = self.proxied(callable)? {
            return self.prepare_call(&r, args, kwargs);
        }
        if let Some(w) = self.t.weakref.get(o) {
            if !args.is_empty() || !kwargs.is_empty() {
                return Err(self.type_error(format!(
                    "weakref() takes no arguments ({} given)",
                    args.len() + kwargs.len()
                )));
            }
            self.give_args(args);
            return Ok(Prepared::Done(w.get().map_or(Value::NONE, Value::Obj)));
        }
        if let Some(m) = self.t.method.get(o) {
            args.insert(0, m.receiver.clone());
            let func = m.func.clone();
            return self.prepare_call(&func, args, kwargs);
        }
        if self.t.class.is(o) {
            return self.instantiate(o, args, kwargs);
        }
        if let Some(i) = self.t.instance.get(o) {
            if let Some(call) = self.class_lookup(&i.class, &self.intern("__call__")) {
                args.insert(0, callable.clone());
                return self.prepare_call(&call, args, kwargs);
            }
        }
        Err(self.not_callable(callable))
    }

    /// `obj.m(args)` for a method of a built-in type on an object of exactly that type
    /// (`d.get(k)`, `l.append(x)`), the method and its arguments at `at` on the stack:
    /// called on the stack's own values, with no argument vector, which are then
    /// dropped (the arguments after the call, as CPython's vectorcall leaves them).
    /// `None`: not such a call, the stack untouched.
    #[inline]
    fn builtin_method_call(&self, frames: &mut Frames, at: usize) -> Result<Option<Value>, Exc> {
        let data = &frames.data;
        let Some(b) = data[at].obj().and_then(|o| self.t.builtin.get(o)) else {
            return Ok(None);
        };
        let (Value::Null(_), Some(kind)) = (&b.receiver, b.owner) else {
            return Ok(None);
        };
        let args = &data[at + 1..];
        if crate::builtins::builtin_kind(self, &args[0]) != Some(kind) {
            return Ok(None);
        }
        let result = (b.f)(self, args, &[])?;
        truncate_in_order(&mut frames.data, at);
        Ok(Some(result))
    }

    /// `f(args)` for a built-in function (`len(x)`, `isinstance(x, C)`), `f` at `at`
    /// on the stack and at least one argument above it: called on the stack's own
    /// values, as [`Vm::builtin_method_call`]. (With no argument, a call may be one
    /// of the builtins that read the calling frame: the general path sees to them.)
    #[inline]
    fn builtin_function_call(&self, frames: &mut Frames, at: usize) -> Result<Option<Value>, Exc> {
        let data = &frames.data;
        let Some(b) = data[at].obj().and_then(|o| self.t.builtin.get(o)) else {
            return Ok(None);
        };
        if !matches!(b.receiver, Value::Null(_)) || b.owner.is_some() {
            return Ok(None);
        }
        let result = (b.f)(self, &data[at + 1..], &[])?;
        truncate_in_order(&mut frames.data, at);
        Ok(Some(result))
    }

    /// An unbound method of the built-in type `kind` called with `args`: the first
    /// must be a `kind` (CPython's method descriptor check), or an instance of a
    /// program's subclass of it, which the method then sees as its base.
    #[inline]
    fn descriptor_receiver(
        &self,
        kind: BuiltinType,
        name: &str,
        args: &mut [Value],
    ) -> Result<(), Exc> {
        let type_name = |k: BuiltinType| match k {
            BuiltinType::List => "list",
            BuiltinType::Dict => "dict",
            BuiltinType::Set => "set",
            BuiltinType::FrozenSet => "frozenset",
            BuiltinType::Str => "str",
            BuiltinType::Bytes => "bytes",
            BuiltinType::Tuple => "tuple",
            _ => "object",
        };
        let Some(first) = args.first() else {
            return Err(self.type_error(format!(
                "unbound method {}.{name}() needs an argument",
                type_name(kind)
            )));
        };
        if crate::builtins::builtin_kind(self, first) == Some(kind) {
            return Ok(());
        }
        if let Some(base) = self
            .base_of(first)
            .filter(|b| crate::builtins::builtin_kind(self, b) == Some(kind))
        {
            args[0] = base;
            return Ok(());
        }
        Err(self.type_error(format!(
            "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
            type_name(kind),
            self.type_name(first)
        )))
    }

    fn not_callable(&self, v: &Value) -> Exc {
        self.type_error(format!("'{}' object is not callable", self.type_name(v)))
    }

    /// Calling a class: a built-in type's constructor, or a new instance and its
    /// `__init__` (in a frame, so the loop runs it).
    fn instantiate(
        &self,
        class: &ObjRef,
        args: Vec<Value>,
        kwargs: &[(Value, Value)],
    ) -> Result<Prepared, Exc> {
        let c = self.t.class.get(class).expect("a class");
        let based = crate::subclass::based_kind(c);
        match c.builtin {
            BuiltinType::Object | BuiltinType::BaseException => {}
            _ if based.is_some() => {}
            _ => {
                let r = crate::builtins::construct(self, class, c.builtin, &args, kwargs);
                self.give_args(args);
                return Ok(Prepared::Done(r?));
            }
        }
        let is_exception = c.builtin == BuiltinType::BaseException;
        // An exception keeps CPython's argument tuple as its `args` (made below, or
        // by `BaseException.__init__`): only a kwargs dict is temporary then.
        let tp_call = TpCall {
            args: if is_exception { 0 } else { args.len() as u32 },
            kwargs: kwargs.len() as u32,
        }
        .made(self);
        let made = self.new_instance(class, args, kwargs, tp_call);
        if !matches!(made, Ok(Prepared::Frame(_))) {
            tp_call.freed(self, false);
        }
        made
    }

    /// [`Vm::instantiate`] for a class of instances: make one and run `__init__` (a
    /// Python one in a frame, which frees `tp_call`'s temporaries as it returns).
    fn new_instance(
        &self,
        class: &ObjRef,
        args: Vec<Value>,
        kwargs: &[(Value, Value)],
        tp_call: TpCall,
    ) -> Result<Prepared, Exc> {
        let c = self.t.class.get(class).expect("a class");
        let based = crate::subclass::based_kind(c);
        let inst = Value::Obj(self.alloc(
            self.t.instance,
            Instance::new(class.clone(), c.has_del.get()),
        )?);
        // A bare `object()` can hold nothing: CPython's is no GC object.
        if c.is_object() {
            self.heap.untrack(inst.obj().expect("an object"));
        }
        if let Some(kind) = based {
            let base = self.new_base(kind)?;
            let i = self
                .t
                .instance
                .get(inst.obj().expect("an object"))
                .expect("an instance");
            let old = i.set_slot(c, 0, base.clone());
            drop(old);
            // No `__init__` of the program's: the built-in's takes the arguments.
            if self.class_lookup(class, &self.init_name).is_none() {
                let mut all = args;
                all.insert(0, base);
                let r = crate::subclass::container_init(self, &all, kwargs);
                self.give_args(all);
                r?;
                return Ok(Prepared::Done(inst));
            }
        }
        let is_exception = c.builtin == BuiltinType::BaseException;
        let init = self.class_lookup(class, &self.init_name);
        // A generator `__init__` is called like any callable: what it returns (a
        // generator) is then refused below.
        let python_init = init.as_ref().is_some_and(|i| {
            i.obj()
                .and_then(|o| self.t.function.get(o))
                .is_some_and(|f| !self.t.code.get(&f.code).expect("code").code.generator)
        });
        // The argument tuple CPython's BaseException_new keeps; with no Python
        // `__init__`, BaseException.__init__ sets it (one tuple, as CPython's).
        if is_exception && python_init {
            let t = self.new_tuple(self.hvec_of(args.iter().cloned())?)?;
            let old = self
                .t
                .instance
                .get(inst.obj().expect("an object"))
                .map(|i| self.inst_set(i, self.intern("args"), t));
            drop(old);
        }
        match init {
            Some(init) if python_init => {
                let mut args = args;
                args.insert(0, inst.clone());
                let all = args;
                let f = self
                    .t
                    .function
                    .get(init.obj().expect("an object"))
                    .expect("a function");
                let mut frame = self.function_frame(f, all, kwargs)?;
                frame.head_mut().on_return = OnReturn::Init(tp_call.names_made(self));
                frame.slot = inst;
                Ok(Prepared::Frame(frame))
            }
            Some(init) => {
                let mut all = args;
                all.insert(0, inst.clone());
                let r = self.call(&init, &all, kwargs);
                self.give_args(all);
                if let Some(err) = self.init_result_error(&r?) {
                    return Err(err);
                }
                Ok(Prepared::Done(inst))
            }
            None => {
                if !is_exception && (!args.is_empty() || !kwargs.is_empty()) {
                    return Err(self.type_error(format!(
                        "{}() takes no arguments",
                        self.str_of(&c.name).unwrap_or("?")
                    )));
                }
                // The argument vector goes back to the pool, as every call's does.
                self.give_args(args);
                Ok(Prepared::Done(inst))
            }
        }
    }

    /// The common call, made cheap: `data[at]` is a Python function (not a
    /// generator) taking exactly the `n` positional arguments above it (`n + 1` values
    /// from `at` for a method call, whose `at + 1` is the receiver), with no keyword,
    /// `*args` or `**kwargs` parameters (fewer, if defaults make up the rest). The
    /// arguments become the new frame's first locals where they lie; its other locals
    /// and its cells are pushed above them, and the function stays in its slot under
    /// them until the return value replaces it. `true`: the new frame is on top of
    /// `frames`; `false`: not such a call (the stacks are untouched).
    #[inline(always)]
    fn simple_call(&self, frames: &mut Frames, at: usize, n: usize) -> Result<bool, Exc> {
        let data = &mut frames.data;
        let Some(f) = data[at].obj().and_then(|o| self.t.function.get(o)) else {
            return Ok(false);
        };
        let code = &self.t.code.get(&f.code).expect("code").code;
        let Some(defaults) = self.quick_defaults(f, code, n) else {
            return Ok(false);
        };
        let (code_obj, globals) = (f.code.clone(), f.globals.clone());
        if defaults.is_empty() && code.cellvars.is_empty() && f.closure.is_none() {
            let extra = code.varnames.len() - n;
            if extra > 0 {
                push_unbound(data, extra);
            }
        } else {
            let fobj = data[at].obj().expect("a function").clone();
            let f = self.t.function.get(&fobj).expect("a function");
            let code = &self.t.code.get(&code_obj).expect("code").code;
            let defaults = self.quick_defaults(f, code, n).expect("checked above");
            self.push_locals(data, f, code, n, defaults)?;
        }
        self.enter()?;
        frames.push_called(code_obj, globals, at + 1);
        Ok(true)
    }

    /// Above `n` arguments on `data`: the `defaults` for the parameters after them,
    /// the rest of `code`'s locals unbound, its own cells new, then `f`'s closure.
    fn push_locals(
        &self,
        data: &mut Vec<Value>,
        f: &Function,
        code: &Code,
        n: usize,
        defaults: &[Value],
    ) -> Result<(), Exc> {
        data.extend(defaults.iter().cloned());
        let unbound = code.varnames.len() - n - defaults.len();
        data.resize(data.len() + unbound, Value::NULL);
        for _ in 0..code.cellvars.len() {
            data.push(Value::Obj(self.new_cell()?));
        }
        if let Some(closure) = f.closure.as_ref().and_then(|c| self.t.tuple.get(c)) {
            data.extend(closure.items.iter().cloned());
        }
        Ok(())
    }

    /// Whether `f` (of `code`) can be called quickly with `n` positional arguments:
    /// its shape allows it (`Code::quick_argcount`) and the arguments are all its
    /// parameters, or the first of them with defaults for the rest. The defaults to
    /// fill in (none for an exact call).
    #[inline(always)]
    fn quick_defaults<'a>(&'a self, f: &'a Function, code: &Code, n: usize) -> Option<&'a [Value]> {
        if code.quick_argcount as usize == n {
            return Some(&[]);
        }
        self.quick_defaults_short(f, code, n)
    }

    /// [`Vm::quick_defaults`] for a call with fewer arguments than parameters, out of
    /// the line of the exact call.
    #[inline(never)]
    fn quick_defaults_short<'a>(
        &'a self,
        f: &'a Function,
        code: &Code,
        n: usize,
    ) -> Option<&'a [Value]> {
        let argc = code.quick_argcount as usize;
        if n > argc || code.quick_argcount == u32::MAX {
            return None;
        }
        let defaults = &self.t.tuple.get(f.defaults.as_ref()?)?.items;
        let missing = argc - n;
        defaults
            .len()
            .checked_sub(missing)
            .map(|from| &defaults[from..])
    }

    /// `Class(args)` made cheap, as [`Vm::simple_call`] makes calls (the frame is
    /// counted in: no `enter` for the caller to make): a class of the
    /// program whose `__init__` is a Python function taking exactly the `n` arguments
    /// above it (after `self`). The instance is made and becomes the `__init__` frame's
    /// first local, under the arguments; it also takes the class's place in the
    /// callable's slot, where the frame's return leaves it. With `receiver_slot` (a `CallMethod`
    /// finding no receiver) the class is at `at + 1` above an empty slot at `at`;
    /// else at `at`. `true`: the `__init__` frame is on top of `frames`; `false`: not
    /// such a call (the stacks are untouched).
    #[inline]
    fn quick_instantiate(
        &self,
        frames: &mut Frames,
        at: usize,
        n: usize,
        receiver_slot: bool,
    ) -> Result<bool, Exc> {
        let data = &mut frames.data;
        let class_at = at + usize::from(receiver_slot);
        let Some(class) = data[class_at].obj().filter(|o| self.t.class.is(o)) else {
            return Ok(false);
        };
        let c = self.t.class.get(class).expect("a class");
        if c.builtin != BuiltinType::Object || c.bases_tuple.is_none() {
            return Ok(false);
        }
        let Some(init) = self.class_lookup(class, &self.init_name) else {
            return Ok(false);
        };
        let Some(f) = init.obj().and_then(|o| self.t.function.get(o)) else {
            return Ok(false);
        };
        let code = &self.t.code.get(&f.code).expect("code").code;
        let Some(defaults) = self.quick_defaults(f, code, n + 1) else {
            return Ok(false);
        };
        let class = class.clone();
        self.enter()?;
        let tp_call = TpCall {
            args: n as u32,
            kwargs: 0,
        }
        .made(self);
        let inst = match self.alloc(
            self.t.instance,
            Instance::new(class.clone(), c.has_del.get()),
        ) {
            Ok(inst) => Value::Obj(inst),
            Err(e) => {
                tp_call.freed(self, false);
                self.depth.set(self.depth.get() - 1);
                return Err(e);
            }
        };
        let (code_obj, globals) = (f.code.clone(), f.globals.clone());
        // The instance takes the class's place in the callable's slot (it keeps its
        // class alive), and is the frame's `self`.
        data[at] = inst.clone();
        if receiver_slot {
            data[at + 1] = inst;
        } else {
            data.insert(at + 1, inst);
        }
        let code = &self.t.code.get(&code_obj).expect("code").code;
        if let Err(e) = self.push_locals(data, f, code, n + 1, defaults) {
            tp_call.freed(self, false);
            self.depth.set(self.depth.get() - 1);
            return Err(e);
        }
        frames.push_init(code_obj, globals, tp_call, at + 1);
        Ok(true)
    }

    /// A frame for calling `f` with these arguments bound to its parameters.
    fn function_frame(
        &self,
        f: &Function,
        mut args: Vec<Value>,
        kwargs: &[(Value, Value)],
    ) -> Result<Box<Frame>, Exc> {
        // Exactly the positional parameters (the usual call from Rust: a data-model
        // method, a sort key): straight into the slots, as the loop's quick call.
        if kwargs.is_empty() {
            let code = &self.t.code.get(&f.code).expect("code").code;
            if code.quick_argcount as usize == args.len() {
                let mut frame = self.frame_for(code, &f.code, &f.globals, None)?;
                if let Some(closure) = f.closure.as_ref().and_then(|c| self.t.tuple.get(c)) {
                    for c in closure.items.iter() {
                        frame.values.push(c.clone());
                    }
                }
                frame.set_args(args.drain(..));
                self.give_args(args);
                return Ok(frame);
            }
        }
        let mut frame = self.new_frame(f.code.clone(), f.globals.clone(), None)?;
        let code = frame.head().code(self).clone();
        let argcount = code.argcount as usize;
        // CPython 3.10+ names the function by its qualified name in these errors.
        let fname = self.str_of(&f.qualname).unwrap_or(code.name.as_str());
        // `**kwargs` is made first, as CPython's `initialize_locals` makes it, and
        // filled below as the names are matched, in call order.
        let extra_kw = if code.varkeywords {
            Some(self.new_dict()?)
        } else {
            None
        };
        // Positional arguments; those past the parameters go into `*args`, straight
        // from the argument vector into heap storage.
        let given = args.len().min(argcount);
        let extra_count = args.len() - given;
        let extra = if code.varargs {
            let mut items = crate::object::hvec();
            items
                .try_reserve_exact(extra_count)
                .map_err(|_| self.memory_error())?;
            items.extend(args.drain(given..));
            Some(items)
        } else {
            None
        };
        for (i, a) in args.drain(..given).enumerate() {
            frame.values[i] = a;
        }
        self.give_args(args);
        let mut next_slot = argcount;
        if let Some(extra) = extra {
            frame.values[next_slot] = self.new_tuple(extra)?;
            next_slot += 1;
        } else if extra_count > 0 {
            let total = given + extra_count;
            let defaults = f
                .defaults
                .as_ref()
                .and_then(|d| self.t.tuple.get(d))
                .map_or(0, |t| t.items.len());
            let expected = if defaults > 0 {
                format!("from {} to {argcount}", argcount - defaults)
            } else {
                argcount.to_string()
            };
            // Keyword-only arguments passed are named too (CPython's too_many_positional).
            let kwonly = &code.varnames[argcount..argcount + code.kwonlyargcount as usize];
            let kwonly_given = kwargs
                .iter()
                .filter(|(k, _)| {
                    self.str_of(k)
                        .is_some_and(|k| kwonly.iter().any(|n| n == k))
                })
                .count();
            let given = if kwonly_given > 0 {
                format!(
                    "{total} positional argument{} (and {kwonly_given} keyword-only argument{})",
                    if total == 1 { "" } else { "s" },
                    if kwonly_given == 1 { "" } else { "s" }
                )
            } else {
                total.to_string()
            };
            return Err(self.type_error(format!(
                "{fname}() takes {expected} positional argument{} but {given} {} given",
                if argcount == 1 && defaults == 0 {
                    ""
                } else {
                    "s"
                },
                if total == 1 && kwonly_given == 0 {
                    "was"
                } else {
                    "were"
                }
            )));
        }
        let kwonly_start = next_slot;
        let kwonly = code.kwonlyargcount as usize;
        for (k, v) in kwargs {
            let name = self.str_of(k).unwrap_or("");
            let slot = code.varnames[..argcount]
                .iter()
                .position(|p| p == name)
                .or_else(|| {
                    code.varnames[kwonly_start..kwonly_start + kwonly]
                        .iter()
                        .position(|p| p == name)
                        .map(|p| p + kwonly_start)
                });
            match (slot, &extra_kw) {
                (Some(s), _) => {
                    if !matches!(frame.values[s], Value::Null(_)) {
                        return Err(self.type_error(format!(
                            "{fname}() got multiple values for argument '{name}'"
                        )));
                    }
                    frame.values[s] = v.clone();
                }
                (None, Some(d)) => self.dict_set(d, k.clone(), v.clone())?,
                (None, None) => {
                    return Err(self.type_error(format!(
                        "{fname}() got an unexpected keyword argument '{name}'"
                    )))
                }
            }
        }
        // `**kwargs` follows the keyword-only parameters.
        if let Some(d) = extra_kw {
            frame.values[kwonly_start + kwonly] = Value::Obj(d);
        }
        // Defaults for what is still missing.
        let defaults = f.defaults.as_ref().and_then(|d| self.t.tuple.get(d));
        let ndefaults = defaults.map_or(0, |t| t.items.len());
        let mut missing = Vec::new();
        for i in 0..argcount {
            if matches!(frame.values[i], Value::Null(_)) {
                let d = (i + ndefaults).checked_sub(argcount);
                match (d, defaults) {
                    (Some(d), Some(t)) => frame.values[i] = t.items[d].clone(),
                    _ => missing.push(code.varnames[i].clone()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(format!(
                "{fname}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
        let mut missing_kw = Vec::new();
        for s in kwonly_start..kwonly_start + kwonly {
            if matches!(frame.values[s], Value::Null(_)) {
                let name = &code.varnames[s];
                let d = match f.kwdefaults.as_ref() {
                    Some(kd) => self.dict_get(kd, &self.intern(name))?,
                    None => None,
                };
                match d {
                    Some(v) => frame.values[s] = v,
                    None => missing_kw.push(name.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(self.type_error(format!(
                "{fname}() missing {} required keyword-only argument{}: {}",
                missing_kw.len(),
                if missing_kw.len() == 1 { "" } else { "s" },
                join_names(&missing_kw)
            )));
        }
        // Cells: parameters that live in cells, then the closure's.
        let cells = code.varnames.len();
        for &(slot, cell) in &code.cell_params {
            let v = std::mem::replace(&mut frame.values[slot as usize], Value::NULL);
            let v = (!matches!(v, Value::Null(_))).then_some(v);
            let cell = frame.values[cells + cell as usize].obj().expect("a cell");
            *self.t.cell.get(cell).expect("a cell").value.borrow_mut() = v;
        }
        if let Some(closure) = f.closure.as_ref().and_then(|c| self.t.tuple.get(c)) {
            for c in closure.items.iter() {
                frame.values.push(c.clone());
            }
        }
        Ok(frame)
    }

    /// Run a class body (a function made from its code) in a fresh namespace; returns
    /// the namespace and the `__class__` cell the body returns (or `None`).
    pub fn run_class_body(&self, body: &Value) -> Result<(ObjRef, Value), Exc> {
        let f = self.get(self.t.function, body).expect("a class body");
        let ns = self.new_dict()?;
        let mut frame = self.new_frame(f.code.clone(), f.globals.clone(), Some(ns.clone()))?;
        if let Some(closure) = f.closure.as_ref().and_then(|c| self.t.tuple.get(c)) {
            for c in closure.items.iter() {
                frame.values.push(c.clone());
            }
        }
        frame.head_mut().on_return = OnReturn::Discard;
        let cell = stacker::maybe_grow(256 * 1024, 8 * 1024 * 1024, || self.run_frames(frame))?;
        Ok((ns, cell))
    }

    // ---- attributes ----

    /// An instance's own attribute `name`.
    pub fn inst_get(&self, inst: &Instance, name: &Value) -> Option<Value> {
        if let Some(d) = inst.dict() {
            return self.dict_get(&d, name).ok().flatten();
        }
        inst.get_attr(self.t.class.get(&inst.class).expect("a class"), name)
    }

    /// The attribute hook (`__getattribute__`, `__setattr__`, `__delattr__`: `bit` of
    /// [`hook`](crate::object::class::hook)) the class of the instance `obj` defines.
    fn attr_hook(&self, obj: &Value, bit: u8, name: &str) -> Option<Value> {
        let inst = self.t.instance.get(obj.obj()?)?;
        let class = self.t.class.get(&inst.class)?;
        if class.hooks.get() & bit == 0 {
            return None;
        }
        self.class_lookup(&inst.class, &self.intern(name))
    }

    /// `obj.name`: through the class's `__getattribute__` if it defines one (and then
    /// its `__getattr__` if that raises AttributeError, as CPython's slot does).
    pub fn get_attr(&self, obj: &Value, name: &Value) -> Result<Value, Exc> {
        let Some(f) = self.attr_hook(obj, crate::object::class::hook::GET, "__getattribute__")
        else {
            return self.generic_get_attr(obj, name, true);
        };
        match self.call(&f, &[obj.clone(), name.clone()], &[]) {
            Err(e) if self.type_name(&e.value) == "AttributeError" => {
                let class = self.class_of(obj);
                match self.class_lookup(&class, &self.intern("__getattr__")) {
                    Some(g) => self.call(&g, &[obj.clone(), name.clone()], &[]),
                    None => Err(e),
                }
            }
            r => r,
        }
    }

    /// `object.__getattribute__`: the instance's own attributes and its class's; with
    /// `getattr_fallback`, a class's `__getattr__` when neither has the name.
    pub fn generic_get_attr(
        &self,
        obj: &Value,
        name: &Value,
        getattr_fallback: bool,
    ) -> Result<Value, Exc> {
        if let Some(o) = obj.obj() {
            if let Some(inst) = self.t.instance.get(o) {
                match self.instance_lookup(inst, name) {
                    Some(Found::Own(v)) => return Ok(v),
                    Some(Found::Class(v)) if self.str_of(name) != Some("__class__") => {
                        return self.bind(v, obj);
                    }
                    _ => {}
                }
                let text = self.str_of(name).unwrap_or("");
                if text == "__class__" {
                    return Ok(Value::Obj(inst.class.clone()));
                }
                // A container subclass: the built-in type's methods, on the base.
                // (`__class__` was answered above; `__dict__` is the instance's own.)
                if let Some(base) = self.base_of(obj).filter(|_| text != "__dict__") {
                    if let Some(m) = crate::builtins::method(self, &base, text) {
                        let b = Builtin {
                            name: m.0,
                            f: m.1,
                            receiver: base,
                            owner: None,
                        };
                        return Ok(Value::Obj(self.alloc(self.t.builtin, b)?));
                    }
                    if text.starts_with("__") {
                        if let Some(v) = crate::builtins::special_attr(self, &base, text)? {
                            return Ok(v);
                        }
                    }
                }
                // The `__dict__` getset: the attributes as a dict, made on first use.
                if text == "__dict__" && self.has_instance_dict(inst) {
                    if self.is_exception_instance(inst) {
                        return self.exception_dict(inst);
                    }
                    return Ok(Value::Obj(self.instance_dict(inst)?));
                }
                // The `__weakref__` getset: the first weak reference, or None.
                if text == "__weakref__"
                    && self.t.class.get(&inst.class).is_some_and(|c| c.weakrefable)
                {
                    let refs = self.heap.weakrefs(o);
                    return Ok(refs.into_iter().next().map_or(Value::NONE, Value::Obj));
                }
                // `object`'s own methods, bound (`self.__repr__()`, `x.__eq__(y)`).
                if let Some((mname, f)) = crate::builtins::method_of_type(BuiltinType::Object, text)
                {
                    let b = Builtin {
                        name: mname,
                        f,
                        receiver: obj.clone(),
                        owner: None,
                    };
                    return Ok(Value::Obj(self.alloc(self.t.builtin, b)?));
                }
                // Not found: `__getattr__`, if the class has one, has the last word.
                if getattr_fallback {
                    if let Some(f) = self.class_lookup(&inst.class, &self.intern("__getattr__")) {
                        return self.call(&f, &[obj.clone(), name.clone()], &[]);
                    }
                }
                return Err(self.attribute_error(obj, text));
            }
        }
        if let Some(r) = self.proxied(obj)? {
            return self.get_attr(&r, name);
        }
        let text = self.str_of(name).unwrap_or("");
        if let Some(o) = obj.obj() {
            if let Some(c) = self.t.class.get(o) {
                if let Some(v) = self.class_lookup(o, name) {
                    return self.bind_to_class(v, o);
                }
                let typed = crate::builtins::TYPES_WITH_METHODS.contains(&c.builtin)
                    && c.bases_tuple.is_none();
                let found = crate::builtins::method_of_type(c.builtin, text)
                    .or_else(|| typed.then(|| crate::builtins::dunder(text)).flatten());
                if let Some((mname, f)) = found {
                    // `str.lower`: the built-in method, unbound (a method descriptor:
                    // its first argument must be a str); a class method
                    // (`dict.fromkeys`) binds to the class.
                    let (receiver, owner) = if matches!(mname, "fromkeys" | "maketrans") {
                        (obj.clone(), None)
                    } else {
                        (Value::NULL, typed.then_some(c.builtin))
                    };
                    return Ok(Value::Obj(self.alloc(
                        self.t.builtin,
                        Builtin {
                            name: mname,
                            f,
                            receiver,
                            owner,
                        },
                    )?));
                }
                match text {
                    "__name__" => return Ok(c.name.clone()),
                    "__qualname__" => return Ok(c.qualname.clone()),
                    "__base__" => {
                        return Ok(c.base.clone().map_or(Value::NONE, Value::Obj));
                    }
                    "__mro__" => {
                        if let Some(t) = c.mro_tuple.borrow().as_ref() {
                            return Ok(Value::Obj(t.clone()));
                        }
                        let mro = std::iter::once(o.clone()).chain(c.mro.iter().cloned());
                        return self.new_tuple(self.hvec_of(mro.map(Value::Obj))?);
                    }
                    "__dict__" => {
                        // A copy, as read-only as CPython's mappingproxy in effect:
                        // a class namespace changes only through the class, which
                        // keeps the attribute caches right.
                        let pairs = self.t.dict.get(&c.dict).expect("a dict").pairs();
                        return Ok(Value::Obj(self.new_dict_from(pairs)?));
                    }
                    "__bases__" => {
                        if let Some(t) = &c.bases_tuple {
                            return Ok(Value::Obj(t.clone()));
                        }
                        let bases = c.bases.iter().cloned().map(Value::Obj);
                        return self.new_tuple(self.hvec_of(bases)?);
                    }
                    _ => {}
                }
                return Err(self.error(
                    "AttributeError",
                    format!(
                        "type object '{}' has no attribute '{text}'",
                        self.str_of(&c.name).unwrap_or("?")
                    ),
                ));
            }
            if let Some(m) = self.t.module.get(o) {
                if let Some(v) = self.dict_get(&m.dict, name)? {
                    return Ok(v);
                }
                if text == "__dict__" {
                    return Ok(Value::Obj(m.dict.clone()));
                }
                return Err(self.error(
                    "AttributeError",
                    format!(
                        "module '{}' has no attribute '{text}'",
                        self.str_of(&m.name).unwrap_or("?")
                    ),
                ));
            }
            if let Some(f) = self.t.function.get(o) {
                match text {
                    "__name__" => return Ok(f.name.borrow().clone()),
                    "__qualname__" => return Ok(f.qualname.clone()),
                    _ => {
                        let dict = f.attrs.borrow().clone();
                        if let Some(v) =
                            dict.map(|d| self.dict_get(&d, name)).transpose()?.flatten()
                        {
                            return Ok(v);
                        }
                    }
                }
            }
            if let Some(b) = self.t.builtin.get(o) {
                if text == "__name__" {
                    return self.new_str(b.name);
                }
            }
            // A bound method: its function and receiver, and the function's names.
            if let Some(m) = self.t.method.get(o) {
                match text {
                    "__self__" => return Ok(m.receiver.clone()),
                    "__func__" => return Ok(m.func.clone()),
                    "__name__" | "__qualname__" | "__module__" | "__doc__" => {
                        return self.get_attr(&m.func.clone(), name);
                    }
                    _ => {}
                }
            }
            if let Some(f) = self.t.function.get(o) {
                match text {
                    "__module__" => {
                        let module = self.dict_get(&f.globals, &self.intern("__name__"))?;
                        return Ok(module.unwrap_or(Value::NONE));
                    }
                    "__defaults__" => {
                        return Ok(f.defaults.clone().map_or(Value::NONE, Value::Obj));
                    }
                    "__doc__" => {
                        let code = &self.t.code.get(&f.code).expect("code").code;
                        return match &code.doc {
                            Some(doc) => self.new_str(doc),
                            None => Ok(Value::NONE),
                        };
                    }
                    _ => {}
                }
            }
        }
        if text == "__class__" {
            return Ok(Value::Obj(self.class_of(obj)));
        }
        // Built-in methods, bound.
        if let Some(f) = crate::builtins::method(self, obj, text) {
            let b = self.alloc(
                self.t.builtin,
                Builtin {
                    name: f.0,
                    f: f.1,
                    receiver: obj.clone(),
                    owner: None,
                },
            )?;
            return Ok(Value::Obj(b));
        }
        crate::builtins::special_attr(self, obj, text)?
            .ok_or_else(|| self.attribute_error(obj, text))
    }

    /// Whether `inst` is an exception (its class derives from BaseException).
    fn is_exception_instance(&self, inst: &Instance) -> bool {
        self.t
            .class
            .get(&inst.class)
            .is_some_and(|c| c.builtin == BuiltinType::BaseException)
    }

    /// An exception's `__dict__`: the attributes a program gave it. Those CPython
    /// keeps in the exception's own fields (`args`, `__traceback__`, the chaining
    /// attributes, StopIteration's `value`, SystemExit's `code`) live among them
    /// here and are left out; the dict is a copy.
    fn exception_dict(&self, inst: &Instance) -> Result<Value, Exc> {
        const FIELDS: &[&str] = &[
            "args",
            "__traceback__",
            "__context__",
            "__cause__",
            "__suppress_context__",
        ];
        let derives = |base: &str| self.is_subclass(&inst.class, self.classes.get(base));
        let field = |t: &str| {
            FIELDS.contains(&t)
                || (t == "value" && derives("StopIteration"))
                || (t == "code" && derives("SystemExit"))
        };
        Ok(Value::Obj(
            self.new_dict_from(self.inline_attrs(inst, |t| !field(t)))?,
        ))
    }

    /// Whether instances of the instance's class have a `__dict__` (not if
    /// `__slots__` left it out).
    fn has_instance_dict(&self, inst: &Instance) -> bool {
        self.t
            .class
            .get(&inst.class)
            .is_some_and(|c| c.slots.is_none())
    }

    /// `property 'x' of 'A' object has no setter` (or deleter).
    pub(crate) fn property_error(&self, obj: &Value, name: &Value, what: &str) -> Exc {
        self.error(
            "AttributeError",
            format!(
                "property '{}' of '{}' object has no {what}",
                self.str_of(name).unwrap_or("?"),
                self.type_name(obj)
            ),
        )
    }

    fn attribute_error(&self, obj: &Value, name: &str) -> Exc {
        self.error(
            "AttributeError",
            format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
        )
    }

    /// What `obj.name` gives for `v`, found as `name` on `obj`'s class: a function
    /// bound to `obj`, a static method's function, a class method bound to the class,
    /// a property's value.
    pub(crate) fn bind(&self, v: Value, obj: &Value) -> Result<Value, Exc> {
        let Some(o) = v.obj() else {
            return Ok(v);
        };
        if self.t.function.is(o) {
            let m = Method {
                func: v.clone(),
                receiver: obj.clone(),
            };
            return Ok(Value::Obj(self.alloc(self.t.method, m)?));
        }
        // An unbound built-in method in a class's namespace (BaseException's
        // `__init__`, `with_traceback`, `object.__init__` stored there) binds as
        // CPython's method descriptors do; a built-in function (`len`) does not.
        let method = |b: &Builtin| {
            matches!(b.receiver, Value::Null(_))
                && (b.name.starts_with("__") || b.name == "with_traceback")
        };
        if let Some(b) = self.t.builtin.get(o).filter(|b| method(b)) {
            let bound = Builtin {
                name: b.name,
                f: b.f,
                receiver: obj.clone(),
                owner: None,
            };
            return Ok(Value::Obj(self.alloc(self.t.builtin, bound)?));
        }
        let Some(d) = self.t.descriptor.get(o) else {
            return Ok(v);
        };
        match d.kind {
            DescriptorKind::Static => Ok(d.func.clone()),
            DescriptorKind::Class => {
                // Bound to the class: `obj`'s, or `obj` itself (super() in a class
                // method looks up on behalf of a class).
                let class = match obj.obj() {
                    Some(o) if self.t.class.is(o) => o.clone(),
                    _ => self.class_of(obj),
                };
                let m = Method {
                    func: d.func.clone(),
                    receiver: Value::Obj(class),
                };
                Ok(Value::Obj(self.alloc(self.t.method, m)?))
            }
            DescriptorKind::Property => {
                let getter = d.func.clone();
                if matches!(getter, Value::None(_)) {
                    return Err(self.error("AttributeError", "unreadable attribute"));
                }
                self.call(&getter, std::slice::from_ref(obj), &[])
            }
        }
    }

    /// What `cls.name` gives for `v`, found along `cls`'s bases: a class method
    /// bound to the class, a static method's function; the rest as they are.
    fn bind_to_class(&self, v: Value, class: &ObjRef) -> Result<Value, Exc> {
        let Some(d) = v.obj().and_then(|o| self.t.descriptor.get(o)) else {
            return Ok(v);
        };
        match d.kind {
            DescriptorKind::Static => Ok(d.func.clone()),
            DescriptorKind::Class => {
                let m = Method {
                    func: d.func.clone(),
                    receiver: Value::Obj(class.clone()),
                };
                Ok(Value::Obj(self.alloc(self.t.method, m)?))
            }
            DescriptorKind::Property => Ok(v),
        }
    }

    /// The property `name` of instances of `class`, if the class has one.
    fn class_property(&self, class: &ObjRef, name: &Value) -> Option<ObjRef> {
        let v = self.class_lookup(class, name)?;
        let o = v.obj()?;
        let d = self.t.descriptor.get(o)?;
        (d.kind == DescriptorKind::Property).then(|| o.clone())
    }

    /// For `LoadMethod`: `(function, receiver)` without binding, or `(Null, attr)`.
    /// `LOAD_METHOD` at a site with the cache `site` that had nothing for `obj`:
    /// [`Vm::load_method`], and the site remembers what it found.
    #[inline(never)]
    fn load_method_at(
        &self,
        site: &crate::attr::MethodSite,
        obj: Value,
        name: &Value,
    ) -> Result<(Value, Value), Exc> {
        if let Some(method) = self.cached_builtin_method(site, &obj) {
            return Ok((method, obj));
        }
        self.remember_method(site, &obj, name);
        let builtin = crate::builtins::builtin_kind(self, &obj).map(|_| obj.clone());
        let (method, receiver) = self.load_method(obj, name)?;
        if let Some(obj) = builtin {
            self.remember_builtin_method(site, &obj, &method);
        }
        Ok((method, receiver))
    }

    fn load_method(&self, obj: Value, name: &Value) -> Result<(Value, Value), Exc> {
        if let Some(o) = obj.obj() {
            if let Some(inst) = self.t.instance.get(o) {
                let hooked = self
                    .t
                    .class
                    .get(&inst.class)
                    .is_some_and(|c| c.hooks.get() & crate::object::class::hook::GET != 0);
                if hooked {
                    return Ok((Value::NULL, self.get_attr(&obj, name)?));
                }
                match self.instance_lookup(inst, name) {
                    Some(Found::Own(v)) => return Ok((Value::NULL, v)),
                    Some(Found::Class(v)) if v.obj().is_some_and(|f| self.t.function.is(f)) => {
                        return Ok((v, obj));
                    }
                    Some(_) => {}
                    // A container subclass's method of the built-in type acts on
                    // the base.
                    None => {
                        if let Some(base) = self.base_of(&obj) {
                            return self.load_method(base, name);
                        }
                    }
                }
            }
        }
        if let Some(kind) = crate::builtins::builtin_kind(self, &obj) {
            let interned = name
                .obj()
                .filter(|o| self.t.str.get(o).is_some_and(|s| s.interned.get()));
            if let Some(n) = interned {
                if let Some(m) = self.method_by_name.borrow().get(&(kind, n.id())) {
                    return Ok((m.clone(), obj));
                }
            }
            let text = self.str_of(name).unwrap_or("");
            let found = self.method_objects.borrow().get(&(kind, text)).cloned();
            if let Some(m) = found {
                if let Some(n) = interned {
                    self.method_by_name
                        .borrow_mut()
                        .insert((kind, n.id()), m.clone());
                }
                return Ok((m, obj));
            }
        }
        let attr = self.get_attr(&obj, name)?;
        Ok((Value::NULL, attr))
    }

    /// `obj.name = value`: through the class's `__setattr__` if it defines one.
    pub fn set_attr(&self, obj: &Value, name: Value, value: Value) -> Result<(), Exc> {
        match self.attr_hook(obj, crate::object::class::hook::SET, "__setattr__") {
            Some(f) => self.call(&f, &[obj.clone(), name, value], &[]).map(drop),
            None => self.generic_set_attr(obj, name, value),
        }
    }

    /// `object.__setattr__`.
    pub fn generic_set_attr(&self, obj: &Value, name: Value, value: Value) -> Result<(), Exc> {
        if let Some(r) = self.proxied(obj)? {
            return self.set_attr(&r, name, value);
        }
        if let Some(o) = obj.obj() {
            if let Some(inst) = self.t.instance.get(o) {
                // An instance's class is fixed here: say so rather than store an
                // attribute that would not change what the object is.
                if self.str_of(&name) == Some("__class__") {
                    return Err(self.type_error("__class__ assignment is not supported by heaplab"));
                }
                if self.str_of(&name) == Some("__dict__")
                    && self.has_instance_dict(inst)
                    && !self.is_exception_instance(inst)
                {
                    let Some(d) = value.obj().filter(|d| self.t.dict.is(d)) else {
                        return Err(self.type_error(format!(
                            "__dict__ must be set to a dictionary, not a '{}'",
                            self.type_name(&value)
                        )));
                    };
                    self.set_instance_dict(inst, d.clone());
                    return Ok(());
                }
                return self.instance_store(obj, inst, name, value);
            }
            if let Some(c) = self.t.class.get(o) {
                // A new name moves what cached lookups found (a replaced value does
                // not: they read the entry afresh).
                if self.dict_get(&c.dict, &name)?.is_none() {
                    self.class_changed();
                }
                if self.str_of(&name) == Some("__del__") {
                    c.has_del.set(true);
                }
                let bit = crate::object::class::hook::of(self.str_of(&name).unwrap_or(""));
                if bit != 0 {
                    c.hooks.set(c.hooks.get() | bit);
                    self.class_changed();
                }
                return self.dict_set(&c.dict, name, value);
            }
            if let Some(f) = self.t.function.get(o) {
                if self.str_of(&name) == Some("__name__") {
                    let old = f.name.replace(value);
                    drop(old);
                    return Ok(());
                }
                let existing = f.attrs.borrow().clone();
                let dict = match existing {
                    Some(d) => d,
                    None => {
                        let d = self.new_dict()?;
                        *f.attrs.borrow_mut() = Some(d.clone());
                        d
                    }
                };
                return self.dict_set(&dict, name, value);
            }
            if let Some(m) = self.t.module.get(o) {
                return self.dict_set(&m.dict, name, value);
            }
        }
        Err(self.attribute_error(obj, self.str_of(&name).unwrap_or("")))
    }

    /// `del obj.name`.
    pub fn del_attr(&self, obj: &Value, name: &Value) -> Result<(), Exc> {
        match self.attr_hook(obj, crate::object::class::hook::DEL, "__delattr__") {
            Some(f) => self.call(&f, &[obj.clone(), name.clone()], &[]).map(drop),
            None => self.generic_del_attr(obj, name),
        }
    }

    /// `object.__delattr__`.
    pub fn generic_del_attr(&self, obj: &Value, name: &Value) -> Result<(), Exc> {
        if let Some(inst) = obj.obj().and_then(|o| self.t.instance.get(o)) {
            if let Some(p) = self.class_property(&inst.class, name) {
                let deleter = self.t.descriptor.get(&p).expect("a property").fdel.clone();
                if matches!(deleter, Value::None(_)) {
                    return Err(self.property_error(obj, name, "deleter"));
                }
                self.call(&deleter, std::slice::from_ref(obj), &[])?;
                return Ok(());
            }
            let class = self.t.class.get(&inst.class).expect("a class");
            if let Some(d) = inst.dict() {
                if let Some(old) = self.dict_del(&d, name)? {
                    drop(old);
                    return Ok(());
                }
                return Err(self.attribute_error(obj, self.str_of(name).unwrap_or("")));
            }
            if let Some(old) = inst.del_attr(class, name) {
                drop(old);
                return Ok(());
            }
            // An empty `__slots__` slot: its member descriptor's error, the bare name.
            let in_slots = class
                .slots
                .as_ref()
                .is_some_and(|s| s.iter().any(|k| k.is(name)));
            if in_slots {
                return Err(self.error("AttributeError", self.str_of(name).unwrap_or("")));
            }
        }
        if let Some(r) = self.proxied(obj)? {
            return self.del_attr(&r, name);
        }
        if let Some(o) = obj.obj() {
            if let Some(c) = self.t.class.get(o) {
                // Removing a name moves what cached lookups found.
                return match self.dict_del(&c.dict, name)? {
                    Some(old) => {
                        self.class_changed();
                        drop(old);
                        Ok(())
                    }
                    None => Err(self.error(
                        "AttributeError",
                        format!(
                            "type object '{}' has no attribute '{}'",
                            self.str_of(&c.name).unwrap_or("?"),
                            self.str_of(name).unwrap_or("")
                        ),
                    )),
                };
            }
            if let Some(f) = self.t.function.get(o) {
                let dict = f.attrs.borrow().clone();
                if let Some(old) = dict.map(|d| self.dict_del(&d, name)).transpose()?.flatten() {
                    drop(old);
                    return Ok(());
                }
            }
            if let Some(m) = self.t.module.get(o) {
                if let Some(old) = self.dict_del(&m.dict, name)? {
                    drop(old);
                    return Ok(());
                }
                return Err(self.error(
                    "AttributeError",
                    format!(
                        "module '{}' has no attribute '{}'",
                        self.str_of(&m.name).unwrap_or("?"),
                        self.str_of(name).unwrap_or("")
                    ),
                ));
            }
        }
        Err(self.attribute_error(obj, self.str_of(name).unwrap_or("")))
    }

    // ---- dicts and sets ----

    /// The hash of a value (TypeError if unhashable). Tuples nested in tuples are
    /// hashed with a worklist, not by recursion: CPython's `tuplehash` recurses on
    /// the C stack and hashes a tuple nested 100,000 deep; this does too, in a loop.
    pub fn hash(&self, v: &Value) -> Result<i64, Exc> {
        use crate::object::dict::hash_tuple;
        let Some(first) = v.obj().filter(|o| self.t.tuple.is(o)) else {
            return self.hash_one(v);
        };
        // Per open tuple: the tuple, and the hashes of its items so far.
        let mut open: Vec<(ObjRef, Vec<i64>)> = vec![(first.clone(), Vec::new())];
        loop {
            let (tuple, hashes) = open.last_mut().expect("an open tuple");
            let items = &self.t.tuple.get(tuple).expect("a tuple").items;
            match items.get(hashes.len()) {
                None => {
                    let h = hash_tuple(hashes);
                    open.pop();
                    match open.last_mut() {
                        None => return Ok(h),
                        Some((_, outer)) => outer.push(h),
                    }
                }
                Some(Value::Obj(o)) if self.t.tuple.is(o) => {
                    let inner = o.clone();
                    open.push((inner, Vec::new()));
                }
                Some(item) => {
                    let h = self.hash_one(item)?;
                    hashes.push(h);
                }
            }
        }
    }

    /// The hash of a value, a tuple's items through [`Vm::hash`].
    fn hash_one(&self, v: &Value) -> Result<i64, Exc> {
        use crate::object::dict::{hash_float, hash_int};
        Ok(match v {
            Value::Null(_) | Value::None(_) => 0x5f5_e100,
            Value::Bool(b) => i64::from(*b),
            Value::Int(i) => hash_int(*i),
            Value::Float(f) => hash_float(f.get()),
            Value::Obj(o) => {
                if let Some(s) = self.t.str.get(o) {
                    s.hash()
                } else if let Some(b) = self.t.bytes.get(o) {
                    b.hash()
                } else if let Some(b) = self.t.bigint.get(o) {
                    crate::int::hash(&b.to_num())
                } else if self.t.tuple.is(o) {
                    return self.hash(v);
                } else if let Some(d) = self.t.dict.get(o).filter(|d| d.frozen.get()) {
                    frozenset_hash(d)
                } else if self.t.list.is(o) || self.t.dict.is(o) {
                    return Err(
                        self.type_error(format!("unhashable type: '{}'", self.type_name(v)))
                    );
                } else if let Some(inst) = self.t.instance.get(o) {
                    match self.class_lookup(&inst.class, &self.intern("__hash__")) {
                        // list, dict and set set `__hash__` to None.
                        None if self.base_of(v).is_some() => {
                            return Err(self
                                .type_error(format!("unhashable type: '{}'", self.type_name(v))))
                        }
                        None => {
                            let a = o.id() as u64;
                            (a.rotate_right(4) >> 1) as i64
                        }
                        Some(Value::None(_)) => {
                            return Err(self
                                .type_error(format!("unhashable type: '{}'", self.type_name(v))))
                        }
                        Some(f) => {
                            let r = self.call(&f, std::slice::from_ref(v), &[])?;
                            if crate::int::to_num(self, &r).is_none() {
                                return Err(
                                    self.type_error("__hash__ method should return an integer")
                                );
                            }
                            // A big result is reduced as int's hash reduces it.
                            let h = self.hash(&r)?;
                            if h == -1 {
                                -2
                            } else {
                                h
                            }
                        }
                    }
                } else if self.t.view.is(o) {
                    return Err(
                        self.type_error(format!("unhashable type: '{}'", self.type_name(v)))
                    );
                } else if let Some(w) = self
                    .t
                    .weakref
                    .get(o)
                    .filter(|w| w.kind() == gc::WeakKind::Ref)
                {
                    // A weak reference hashes as its referent, once, and keeps that hash.
                    if let Some(h) = w.hash.get() {
                        return Ok(h);
                    }
                    let Some(r) = w.get() else {
                        return Err(self.type_error("weak object has gone away"));
                    };
                    let h = self.hash(&Value::Obj(r))?;
                    w.hash.set(Some(h));
                    h
                } else if self
                    .t
                    .weakref
                    .get(o)
                    .is_some_and(|w| w.kind() == gc::WeakKind::Proxy)
                {
                    return Err(self
                        .type_error(format!("unhashable type: 'weakref.{}'", self.type_name(v))));
                } else {
                    let a = o.id() as u64;
                    (a.rotate_right(4) >> 1) as i64
                }
            }
        })
    }

    /// The key under which `d` holds a key equal to `k`, and `k`'s hash. Keys compare
    /// by identity and by value for the built-in types (in the table itself); an
    /// instance whose class defines `__eq__` is compared here, by calling it on each
    /// stored key with the same hash (outside any borrow of the table, since `__eq__`
    /// may change it), and the stored key it equals stands in for it.
    pub fn dict_key(&self, d: &Dict, k: &Value) -> Result<(Value, i64), Exc> {
        // A str key (names, most keys): its cached hash, no `__eq__` to ask.
        if let Some(s) = k.obj().and_then(|o| self.t.str.get(o)) {
            return Ok((k.clone(), s.hash()));
        }
        let h = self.hash(k)?;
        let custom_eq = k.obj().is_some_and(|o| {
            self.t.weakref.is(o)
                || self.t.instance.get(o).is_some_and(|i| {
                    self.class_lookup(&i.class, &self.intern("__eq__"))
                        .is_some()
                })
        });
        if custom_eq {
            let candidates = d.map.borrow().keys_with_hash(h);
            for c in candidates {
                if c.is(k) {
                    break;
                }
                if crate::ops::equal(self, &c, k)? {
                    return Ok((c, h));
                }
            }
        }
        Ok((k.clone(), h))
    }

    /// `d[k]`, if present.
    pub fn dict_get(&self, d: &ObjRef, k: &Value) -> Result<Option<Value>, Exc> {
        let dict = self.t.dict.get(d).expect("a dict");
        let (k, h) = self.dict_key(dict, k)?;
        let map = dict.map.borrow();
        Ok(map.get(&k, h).cloned())
    }

    /// `d[k] = v` (tracking the dict if it now holds a tracked object).
    pub fn dict_set(&self, d: &ObjRef, k: Value, v: Value) -> Result<(), Exc> {
        let dict = self.t.dict.get(d).expect("a dict");
        let (k, h) = self.dict_key(dict, &k)?;
        if !d.is_tracked() && !dict.base.get() && Dict::needs_tracking(&k, &v) {
            self.heap.track(d);
        }
        let old = dict.map.borrow_mut().insert(k, h, v);
        match old {
            Ok(old) => {
                drop(old);
                Ok(())
            }
            Err(gc::OutOfMemory) => Err(self.memory_error()),
        }
    }

    /// `del d[k]`: the removed value, if it was there.
    pub fn dict_del(&self, d: &ObjRef, k: &Value) -> Result<Option<Value>, Exc> {
        let dict = self.t.dict.get(d).expect("a dict");
        let (k, h) = self.dict_key(dict, k)?;
        let entry = dict.map.borrow_mut().remove(&k, h);
        Ok(entry.map(|e| e.value))
    }

    /// Add to a set.
    pub fn set_add(&self, s: &ObjRef, k: Value) -> Result<(), Exc> {
        let set = self.t.dict.get(s).expect("a set");
        let (k, h) = self.dict_key(set, &k)?;
        if !s.is_tracked() && !set.base.get() && Dict::needs_tracking(&k, &Value::NONE) {
            self.heap.track(s);
        }
        let mut map: std::cell::RefMut<'_, DictMap> = set.map.borrow_mut();
        if map.get(&k, h).is_none() && map.insert(k, h, Value::NONE).is_err() {
            drop(map);
            return Err(self.memory_error());
        }
        Ok(())
    }

    /// `UNPACK_SEQUENCE n`: `v`'s `n` items onto `data`, the last deepest (a tuple or
    /// list of the right length straight from its storage); a ValueError for another
    /// count.
    fn unpack(&self, data: &mut Vec<Value>, v: Value, n: u32) -> Result<(), Exc> {
        if let Some(t) = self
            .get(self.t.tuple, &v)
            .filter(|t| t.items.len() == n as usize)
        {
            data.extend(t.items.iter().rev().cloned());
            return Ok(());
        }
        if let Some(l) = self.get(self.t.list, &v) {
            let items = l.items.borrow();
            if items.len() == n as usize {
                data.extend(items.iter().rev().cloned());
                return Ok(());
            }
        }
        let items = self.collect_iter(&v)?;
        if items.len() != n as usize {
            return Err(if items.len() < n as usize {
                self.error(
                    "ValueError",
                    format!(
                        "not enough values to unpack (expected {n}, got {})",
                        items.len()
                    ),
                )
            } else {
                self.error(
                    "ValueError",
                    format!("too many values to unpack (expected {n})"),
                )
            });
        }
        data.extend(items.into_iter().rev());
        Ok(())
    }

    /// Every item an iterable yields, in storage from the heap's allocator (so the
    /// heap's limit and MemoryError apply to what a program collects, as to its lists).
    pub fn collect_iter(&self, v: &Value) -> Result<HVec<Value>, Exc> {
        let mut out = hvec();
        let memory = |_| self.memory_error();
        if let Some(l) = self.get(self.t.list, v) {
            let items = l.items.borrow();
            out.try_reserve_exact(items.len()).map_err(memory)?;
            out.extend(items.iter().cloned());
            return Ok(out);
        }
        if let Some(t) = self.get(self.t.tuple, v) {
            out.try_reserve_exact(t.items.len()).map_err(memory)?;
            out.extend(t.items.iter().cloned());
            return Ok(out);
        }
        // A range says how long it is: room for all of it at once, or MemoryError
        // at once (as CPython's length hint gives), not after filling memory.
        if let Some(r) = self.get(self.t.range, v) {
            let n = usize::try_from(r.len()).unwrap_or(0);
            out.try_reserve_exact(n).map_err(memory)?;
        }
        let it = crate::ops::iter(self, v)?;
        while let Some(x) = crate::ops::next(self, &it)? {
            // Growth that fails is a MemoryError, never an abort.
            out.try_reserve(1).map_err(memory)?;
            out.push(x);
        }
        Ok(out)
    }

    // ---- modules ----

    /// The module `name` as a value (`gc`, `sys`, `time`, `weakref`, `builtins`).
    pub fn module_value(&self, name: &str) -> Result<Value, Exc> {
        if let Some(m) = self.modules.borrow().get(name) {
            return Ok(m.clone());
        }
        let dict = match name {
            "builtins" => self.builtins.clone(),
            _ => crate::modules::make(self, name)?.ok_or_else(|| {
                self.error("ModuleNotFoundError", format!("No module named '{name}'"))
            })?,
        };
        let m = Value::Obj(self.alloc(
            self.t.module,
            Module {
                name: self.intern(name),
                dict,
            },
        )?);
        self.modules
            .borrow_mut()
            .insert(name.to_string(), m.clone());
        Ok(m)
    }

    fn import(&self, name: &Value) -> Result<Value, Exc> {
        let name = self.str_of(name).unwrap_or("").to_string();
        self.module_value(&name)
    }

    // ---- tracebacks ----

    /// The report of an uncaught exception, as CPython prints it.
    ///
    /// The exceptions it was chained to come first, outermost cause or context first,
    /// each with its own traceback, as `traceback.print_exception` prints them.
    pub fn format_exception(&self, exc: &Exc) -> String {
        const CAUSE: &str =
            "\nThe above exception was the direct cause of the following exception:\n\n";
        const CONTEXT: &str =
            "\nDuring handling of the above exception, another exception occurred:\n\n";
        let (cause, context) = (self.intern("__cause__"), self.intern("__context__"));
        let suppress = self.intern("__suppress_context__");
        // (exception, its traceback, what joins it to the one after it)
        let mut chain = vec![(exc.value.clone(), exc.traceback.clone(), "")];
        loop {
            let last = &chain[chain.len() - 1].0;
            let (next, joint) = match self.own_attr(last, &cause) {
                Value::None(_) => match self.own_attr(last, &context) {
                    Value::None(_) => break,
                    _ if crate::ops::truthy(self, &self.own_attr(last, &suppress))
                        .unwrap_or(false) =>
                    {
                        break
                    }
                    c => (c, CONTEXT),
                },
                c => (c, CAUSE),
            };
            if chain.iter().any(|(v, _, _)| v.is(&next)) {
                break;
            }
            let tb = self
                .get_attr(&next, &self.intern("__traceback__"))
                .ok()
                .and_then(|t| {
                    let o = t.obj()?.clone();
                    Some(self.t.traceback.get(&o)?.entries.clone())
                })
                .unwrap_or_default();
            chain.push((next, tb, joint));
        }
        let mut out = String::new();
        let mut joint = "";
        for (value, tb, j) in chain.iter().rev() {
            out.push_str(joint);
            if !tb.is_empty() {
                out.push_str("Traceback (most recent call last):\n");
                out.push_str(&self.format_frames(tb));
            }
            out.push_str(&self.exception_line(value));
            out.push('\n');
            joint = j;
        }
        out
    }

    /// Traceback lines for `traceback` (innermost first), outermost printed first.
    fn format_frames(&self, traceback: &[TbEntry]) -> String {
        let mut out = String::new();
        for e in traceback.iter().rev() {
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                e.filename, e.line, e.name
            ));
            if let Some(lines) = self.sources.borrow().get(&e.filename) {
                if let Some(text) = lines.get(e.line as usize - 1) {
                    out.push_str(&format!("    {}\n", text.trim()));
                }
            }
        }
        out
    }

    /// `ErrorName: message` (or just the name without a message).
    pub fn exception_line(&self, exc: &Value) -> String {
        let name = self.type_name(exc);
        let msg = crate::ops::str(self, exc).unwrap_or_default();
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }

    /// Compile and run `source` with `globals` as its namespace (a module written in
    /// Python).
    pub fn exec_in(&self, source: &str, filename: &str, globals: &ObjRef) -> Result<(), Exc> {
        let code = crate::compile::compile_source(source, filename)
            .map_err(|e| self.error("SyntaxError", e.to_string()))?;
        let code_obj = self.code_object(&code)?;
        let frame = self.new_frame(code_obj, globals.clone(), Some(globals.clone()))?;
        self.run_frames(frame).map(drop)
    }

    /// Clear the module's globals at exit, so remaining finalizers run (CPython's
    /// module teardown), then collect what cycles are left. `weakref.finalize` objects
    /// still pending run first, as CPython's atexit hook runs them.
    pub fn finish(&self, globals: &ObjRef) {
        let weakref = self.modules.borrow().get("weakref").cloned();
        if let Some(m) = weakref {
            if let Ok(f) = self.get_attr(&m, &self.intern("_run_exit_finalizers")) {
                if let Err(e) = self.call(&f, &[], &[]) {
                    self.write_err(&self.format_exception(&e));
                }
            }
        }
        if let Some(d) = self.t.dict.get(globals) {
            let entries = d.map.borrow_mut().take_all();
            // CPython sets the values to None in order; dropping in order does the same.
            for e in entries.into_iter().flatten() {
                drop(e);
            }
        }
        self.flush();
    }

    /// Set `sys.argv`.
    pub fn set_argv(&self, argv: &[String]) {
        self.argv.replace(argv.to_vec());
    }

    /// `sys.argv` as given.
    pub fn argv(&self) -> Vec<String> {
        self.argv.borrow().clone()
    }

    /// Python frames alive.
    pub fn depth(&self) -> usize {
        self.depth.get()
    }
}

/// What resuming a generator came to.
pub enum GenStep {
    /// It yielded this and is suspended.
    Yielded(Value),
    /// It returned this (StopIteration's value) and is finished.
    Returned(Value),
}

/// CPython's `frozenset_hash`: each element's hash shuffled and xor-ed together (so
/// the order does not matter), then mixed with the size.
fn frozenset_hash(d: &Dict) -> i64 {
    let shuffle = |h: u64| ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167);
    let map = d.map.borrow();
    let mut hash: u64 = 0;
    for e in map.iter() {
        hash ^= shuffle(e.hash as u64);
    }
    hash ^= (map.len() as u64 + 1).wrapping_mul(1_927_868_237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        hash = 590_923_713;
    }
    hash as i64
}

enum Prepared {
    Done(Value),
    Frame(Box<Frame>),
}

fn join_names(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

impl Drop for Vm {
    /// Let go of the imported modules before the heap (the first field) is dropped:
    /// a module written in Python (`weakref`, `random`) is a cycle — its classes'
    /// functions hold its namespace as their globals — which only the heap's final
    /// collections can free, and they run when the heap is dropped.
    fn drop(&mut self) {
        let modules = std::mem::take(&mut *self.modules.borrow_mut());
        drop(modules);
    }
}

/// The runtime the heap calls for finalizers and callbacks.
pub struct VmRuntime {
    /// The VM (weak: the VM owns the heap that owns this runtime).
    pub vm: std::rc::Weak<Vm>,
}

impl gc::Runtime for VmRuntime {
    fn finalize(&self, obj: &ObjRef) -> gc::Outcome {
        let Some(vm) = self.vm.upgrade() else {
            return Ok(());
        };
        let v = Value::Obj(obj.clone());
        if let Some(g) = vm.t.generator.get(obj) {
            // A generator dropped while suspended is closed (CPython's _PyGen_Finalize):
            // its `finally` blocks run.
            return match vm.generator_close(g) {
                Ok(()) => Ok(()),
                Err(mut e) => {
                    *vm.unraisable_tb.borrow_mut() = std::mem::take(&mut e.traceback);
                    Err(e.value.obj().cloned().unwrap_or_else(|| obj.clone()))
                }
            };
        }
        let Some(inst) = vm.t.instance.get(obj) else {
            return Ok(());
        };
        let Some(del) = vm.class_lookup(&inst.class, &vm.intern("__del__")) else {
            return Ok(());
        };
        match vm.call(&del, &[v], &[]) {
            Ok(_) => Ok(()),
            Err(mut e) => {
                *vm.unraisable_tb.borrow_mut() = std::mem::take(&mut e.traceback);
                Err(e.value.obj().cloned().unwrap_or_else(|| obj.clone()))
            }
        }
    }

    fn unraisable(&self, context: gc::Unraisable<'_>, exception: ObjRef) {
        let Some(vm) = self.vm.upgrade() else {
            return;
        };
        let what = match context {
            gc::Unraisable::Finalizer(obj) if vm.t.generator.is(obj) => format!(
                "Exception ignored in: {}",
                crate::ops::repr(&vm, &Value::Obj(obj.clone())).unwrap_or_default()
            ),
            gc::Unraisable::Finalizer(obj) => {
                let f =
                    vm.t.instance
                        .get(obj)
                        .and_then(|i| vm.class_lookup(&i.class, &vm.intern("__del__")));
                match f {
                    Some(f) => format!(
                        "Exception ignored in: {}",
                        crate::ops::repr(&vm, &f).unwrap_or_default()
                    ),
                    None => "Exception ignored in a finalizer".into(),
                }
            }
            gc::Unraisable::WeakrefCallback(cb) => format!(
                "Exception ignored in: {}",
                crate::ops::repr(&vm, &Value::Obj(cb.clone())).unwrap_or_default()
            ),
            gc::Unraisable::GcCallback(_) => "Exception ignored in: gc callback".into(),
        };
        let line = vm.exception_line(&Value::Obj(exception));
        let tb = std::mem::take(&mut *vm.unraisable_tb.borrow_mut());
        let frames = vm.format_frames(&tb);
        vm.write_err(&format!(
            "{what}\nTraceback (most recent call last):\n{frames}{line}\n"
        ));
    }

    fn save_garbage(&self, obj: &ObjRef) {
        if let Some(vm) = self.vm.upgrade() {
            if let Some(g) = vm.garbage.borrow().clone() {
                let _ = crate::builtins::list_append(&vm, &Value::Obj(g), Value::Obj(obj.clone()));
            }
        }
    }

    fn weakref_callback(&self, callback: &ObjRef, weakref: &ObjRef) -> gc::Outcome {
        let Some(vm) = self.vm.upgrade() else {
            return Ok(());
        };
        match vm.call(
            &Value::Obj(callback.clone()),
            &[Value::Obj(weakref.clone())],
            &[],
        ) {
            Ok(_) => Ok(()),
            Err(mut e) => {
                *vm.unraisable_tb.borrow_mut() = std::mem::take(&mut e.traceback);
                Err(e.value.obj().cloned().unwrap_or_else(|| callback.clone()))
            }
        }
    }

    fn gc_callbacks(&self, phase: gc::Phase, info: gc::CallbackInfo) -> gc::Outcome {
        let Some(vm) = self.vm.upgrade() else {
            return Ok(());
        };
        crate::modules::gc_callbacks(&vm, phase, info)
    }

    fn debug_line(&self, line: &str) {
        match self.vm.upgrade() {
            Some(vm) => vm.write_err(&format!("{line}\n")),
            None => eprintln!("{line}"),
        }
    }
}

/// Whether the scope of `code` uses a namespace dict.
pub fn uses_namespace(code: &Code) -> bool {
    code.scope != Scope::Function
}

impl Frame {
    /// The header (a pooled frame has none).
    fn head(&self) -> &Head {
        self.head.as_ref().expect("a frame's head")
    }

    fn head_mut(&mut self) -> &mut Head {
        self.head.as_mut().expect("a frame's head")
    }

    /// The first `n` locals (parameters) set to `args`.
    fn set_args(&mut self, args: impl Iterator<Item = Value>) {
        for (slot, a) in self.values.iter_mut().zip(args) {
            *slot = a;
        }
    }

    /// If the frame is suspended in a `yield from`, where its `Send` jumps when the
    /// delegate returns.
    fn yield_from_target(&self, vm: &Vm) -> Option<usize> {
        let head = self.head();
        let ops = &head.code(vm).ops;
        let prev = |k: usize| head.pc.checked_sub(k).map(|i| ops[i]);
        match (prev(2), prev(1)) {
            (Some(Op::Send(t)), Some(Op::YieldValue)) => Some(t as usize),
            _ => None,
        }
    }

    /// Report every reference the frame holds (for a suspended generator's traversal).
    pub(crate) fn trace<V: gc::Tracer + ?Sized>(&self, tracer: &mut V) {
        use crate::value::visit_values;
        // Forward, as CPython's frame traversal visits its values.
        for v in &self.values {
            visit_values(std::slice::from_ref(v), tracer);
        }
        for e in &self.handling {
            visit_values(std::slice::from_ref(&e.value), tracer);
        }
        if let Some(head) = &self.head {
            tracer.visit(&head.code_obj);
            tracer.visit(&head.globals);
            if let Some(ns) = &head.namespace {
                tracer.visit(ns);
            }
        }
    }

    /// Push a value sent into a resumed generator.
    pub(crate) fn push(&mut self, v: Value) {
        self.values.push(v);
    }
}

/// A generator: a function's frame, suspended at its last `yield`.
pub struct Generator {
    /// The frame; `None` while it runs and once it has finished.
    pub(crate) frame: RefCell<Option<Box<Frame>>>,
    /// Whether it has run at all (a first resume pushes no sent value).
    pub(crate) started: Cell<bool>,
    /// The function's `__name__`.
    pub name: Value,
}

impl gc::Trace for Generator {
    const GC: bool = true;

    fn traverse<V: gc::Tracer + ?Sized>(&self, tracer: &mut V) {
        if let Ok(frame) = self.frame.try_borrow() {
            if let Some(f) = frame.as_ref() {
                f.trace(tracer);
            }
        }
        crate::value::visit_values(std::slice::from_ref(&self.name), tracer);
    }

    fn clear(&self) {
        let frame = self.frame.borrow_mut().take();
        drop(frame);
    }

    /// A started generator that has not finished is closed before it dies.
    fn has_finalizer(&self) -> bool {
        self.started.get() && self.frame.try_borrow().map_or(true, |f| f.is_some())
    }

    fn type_name(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed("generator")
    }

    fn getsizeof(&self) -> usize {
        112
    }
}

impl Vm {
    /// A context manager's bound `__enter__` and `__exit__`.
    fn context_methods(&self, mgr: &Value) -> Result<(Value, Value), Exc> {
        let missing = |what: &str| {
            self.type_error(format!(
                "'{}' object does not support the context manager protocol{what}",
                self.type_name(mgr)
            ))
        };
        let has = |name: &str| {
            let class = self.class_of(mgr);
            self.class_lookup(&class, &self.intern(name)).is_some()
        };
        if !has("__enter__") {
            return Err(missing(""));
        }
        if !has("__exit__") {
            return Err(missing(" (missed __exit__ method)"));
        }
        let enter = self.get_attr(mgr, &self.intern("__enter__"))?;
        let exit = self.get_attr(mgr, &self.intern("__exit__"))?;
        Ok((enter, exit))
    }

    /// The next value of a generator, or `None` when it is exhausted.
    pub fn generator_next(&self, g: &Generator) -> Result<Option<Value>, Exc> {
        match self.generator_resume(g, Value::NONE, None)? {
            GenStep::Yielded(v) => Ok(Some(v)),
            GenStep::Returned(_) => Ok(None),
        }
    }

    /// `yield from`'s step: send `value` into `receiver` (a generator, or any iterator
    /// when `value` is `None`).
    fn send_into(&self, receiver: &Value, value: Value) -> Result<GenStep, Exc> {
        if let Some(g) = receiver.obj().and_then(|o| self.t.generator.get(o)) {
            return self.generator_resume(g, value, None);
        }
        if matches!(value, Value::None(_)) {
            return Ok(match crate::ops::next(self, receiver)? {
                Some(v) => GenStep::Yielded(v),
                None => GenStep::Returned(Value::NONE),
            });
        }
        match self.call_method(receiver, "send", &[value]) {
            Ok(v) => Ok(GenStep::Yielded(v)),
            Err(e) if self.type_name(&e.value) == "StopIteration" => {
                Ok(GenStep::Returned(self.stop_value(&e.value)))
            }
            Err(e) => Err(e),
        }
    }

    /// The `value` of a StopIteration.
    fn stop_value(&self, exc: &Value) -> Value {
        exc.obj()
            .and_then(|o| self.t.instance.get(o))
            .and_then(|i| self.inst_get(i, &self.intern("value")))
            .unwrap_or(Value::NONE)
    }

    /// Resume `g`: send `sent` in (the value of the `yield` it is suspended at), or,
    /// with `throw`, raise that exception there. A generator suspended in `yield from`
    /// passes a thrown exception to the generator it delegates to first.
    pub fn generator_resume(
        &self,
        g: &Generator,
        sent: Value,
        throw: Option<Exc>,
    ) -> Result<GenStep, Exc> {
        let Ok(mut slot) = g.frame.try_borrow_mut() else {
            return Err(self.error("ValueError", "generator already executing"));
        };
        let Some(mut frame) = slot.take() else {
            drop(slot);
            return match throw {
                Some(exc) => Err(exc),
                None => Ok(GenStep::Returned(Value::NONE)),
            };
        };
        drop(slot);
        let mut throw = throw;
        if !g.started.replace(true) {
            if throw.is_none() && !matches!(sent, Value::None(_)) {
                *g.frame.borrow_mut() = Some(frame);
                g.started.set(false);
                return Err(
                    self.type_error("can't send non-None value to a just-started generator")
                );
            }
        } else if let Some(target) = frame.yield_from_target(self).filter(|_| throw.is_some()) {
            let exc = throw.take().expect("an exception to throw");
            // Delegate the exception to the iterator of the `yield from`.
            let delegate = frame.values.last().expect("the delegate").clone();
            match delegate.obj().and_then(|o| self.t.generator.get(o)) {
                Some(inner) => match self.generator_resume(inner, Value::NONE, Some(exc)) {
                    Ok(GenStep::Yielded(v)) => {
                        *g.frame.borrow_mut() = Some(frame);
                        return Ok(GenStep::Yielded(v));
                    }
                    Ok(GenStep::Returned(v)) => {
                        frame.values.pop();
                        frame.values.push(v);
                        frame.head_mut().pc = target;
                        return self.finish_resume(g, frame, None);
                    }
                    Err(e) => throw = Some(e),
                },
                None => throw = Some(exc),
            }
        } else if throw.is_none() {
            frame.push(sent); // the value of the `yield` expression
        }
        self.finish_resume(g, frame, throw)
    }

    fn finish_resume(
        &self,
        g: &Generator,
        frame: Box<Frame>,
        throw: Option<Exc>,
    ) -> Result<GenStep, Exc> {
        let finish = match self.resume(frame, throw) {
            Ok(f) => f,
            Err(e) => return Err(self.stop_iteration_escaped(e)?),
        };
        match finish {
            Finish::Yield(v, frame) => {
                *g.frame.borrow_mut() = Some(frame);
                Ok(GenStep::Yielded(v))
            }
            Finish::Return(v) => Ok(GenStep::Returned(v)),
        }
    }

    /// PEP 479: a StopIteration that leaves a generator's frame becomes
    /// `RuntimeError: generator raised StopIteration`, caused by it; any other
    /// exception passes as it is.
    fn stop_iteration_escaped(&self, e: Exc) -> Result<Exc, Exc> {
        let stop = self.classes.get("StopIteration");
        if !self.is_subclass(&self.class_of(&e.value), stop) {
            return Ok(e);
        }
        let mut err = self.error("RuntimeError", "generator raised StopIteration");
        self.set_attr(&err.value, self.intern("__cause__"), e.value.clone())?;
        self.set_attr(&err.value, self.intern("__context__"), e.value.clone())?;
        let suppress = self.intern("__suppress_context__");
        self.set_attr(&err.value, suppress, Value::bool(true))?;
        err.traceback = e.traceback.clone();
        err.chained = true;
        Ok(err)
    }

    /// `g.close()`: raise GeneratorExit where it is suspended (closing the generator
    /// it delegates to first); an error if it yields instead of finishing.
    pub fn generator_close(&self, g: &Generator) -> Result<(), Exc> {
        let suspended = match g.frame.try_borrow() {
            Ok(f) => f.is_some(),
            Err(_) => return Err(self.error("ValueError", "generator already executing")),
        };
        if !suspended {
            return Ok(());
        }
        if !g.started.get() {
            let frame = g.frame.borrow_mut().take();
            drop(frame);
            return Ok(());
        }
        let exit = match self.call(
            &Value::Obj(self.classes.get("GeneratorExit").clone()),
            &[],
            &[],
        ) {
            Ok(v) => Exc::new(v),
            Err(_) => self.error("GeneratorExit", ""),
        };
        match self.generator_resume(g, Value::NONE, Some(exit)) {
            Ok(GenStep::Yielded(_)) => {
                Err(self.error("RuntimeError", "generator ignored GeneratorExit"))
            }
            Ok(GenStep::Returned(_)) => Ok(()),
            Err(e) => {
                let name = self.type_name(&e.value);
                if name == "GeneratorExit" || name == "StopIteration" {
                    Ok(())
                } else {
                    Err(e)
                }
            }
        }
    }
}

#[cfg(test)]
mod layout_tests {
    use super::Head;

    /// Every call pushes a head and every return drops one: it stays a cache line.
    #[test]
    fn a_frame_head_is_one_cache_line() {
        assert!(
            std::mem::size_of::<Head>() <= 64,
            "{}",
            std::mem::size_of::<Head>()
        );
    }
}
