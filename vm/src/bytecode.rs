//! Bytecode: code objects and their instructions.
//!
//! A function body compiles to a [`Code`]: a vector of [`Op`]s (8 bytes each: an
//! opcode and a 32-bit argument), the constants and names they index, the local
//! variables' slots, and a line table. Locals are resolved at compile time: a local is
//! an index into the frame's slot array (`LoadFast`), a variable shared with a nested
//! function lives in a cell (`LoadDeref`), and only globals and builtins are looked up
//! by name. The instruction set follows CPython 3.11's where it can, under the same
//! names, so `heaplab dis` reads like `python3 -m dis`.

use crate::ast::{BinOp, CmpOp};
use crate::lexer::IntLit;

/// One instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Do nothing.
    Nop,
    /// Push `consts[i]`.
    LoadConst(u32),
    /// Push local slot `i` (UnboundLocalError if empty).
    LoadFast(u32),
    /// Pop into local slot `i`.
    StoreFast(u32),
    /// Empty local slot `i`.
    DeleteFast(u32),
    /// Push the value of cell `i` (the code's cells, then its free variables).
    LoadDeref(u32),
    /// Pop into cell `i`.
    StoreDeref(u32),
    /// Empty cell `i`.
    DeleteDeref(u32),
    /// Push cell `i` itself (to build a closure).
    LoadClosure(u32),
    /// Push global `names[i]` (or the builtin of that name).
    LoadGlobal(u32),
    /// Pop into global `names[i]`.
    StoreGlobal(u32),
    /// Delete global `names[i]`.
    DeleteGlobal(u32),
    /// Push `names[i]` from the class namespace being built, then globals, builtins.
    LoadName(u32),
    /// Pop into `names[i]` of the namespace (module or class body).
    StoreName(u32),
    /// Delete `names[i]` from the namespace.
    DeleteName(u32),
    /// Replace the top with its attribute `names[i]`.
    LoadAttr(u32),
    /// `TOS.names[i] = TOS1`.
    StoreAttr(u32),
    /// `del TOS.names[i]`.
    DeleteAttr(u32),
    /// Replace the top `obj` with `method, obj` (an unbound function and its receiver,
    /// no bound method allocated) or `NULL, attr` for a plain attribute.
    LoadMethod(u32),
    /// Call what `LoadMethod` left with `n` arguments above it.
    CallMethod(u32),
    /// Call the callable under `n` positional arguments.
    Call(u32),
    /// Call with `n` arguments, the last `k` keyword ones: their names are a tuple of
    /// strings on top.
    CallKw(u32),
    /// Call with `*args` (a tuple, or any iterable, made a tuple) and, if the argument
    /// is 1, `**kwargs` (a dict) on top (CPython's `CALL_FUNCTION_EX`).
    CallFunctionEx(u32),
    /// `TOS1[TOS]`.
    BinarySubscr,
    /// `TOS1[TOS] = TOS2`.
    StoreSubscr,
    /// `del TOS1[TOS]`.
    DeleteSubscr,
    /// A binary operator.
    Binary(BinOp),
    /// An augmented assignment's operator (in place when the type allows).
    Inplace(BinOp),
    /// `-TOS`.
    UnaryNegative,
    /// `+TOS`.
    UnaryPositive,
    /// `~TOS`.
    UnaryInvert,
    /// `not TOS`.
    UnaryNot,
    /// A rich comparison (`<`, `==`, ...; `in`, `is` have their own).
    Compare(CmpOp),
    /// `TOS1 is TOS` (`is not` when the argument is 1).
    IsOp(u32),
    /// `TOS1 in TOS` (`not in` when the argument is 1).
    ContainsOp(u32),
    /// Jump to instruction `i`.
    Jump(u32),
    /// Pop; jump if false.
    PopJumpIfFalse(u32),
    /// Pop; jump if true.
    PopJumpIfTrue(u32),
    /// If false, jump and keep it; else pop (`and`).
    JumpIfFalseOrPop(u32),
    /// If true, jump and keep it; else pop (`or`).
    JumpIfTrueOrPop(u32),
    /// Replace the top with an iterator over it.
    GetIter,
    /// Push the next item of the iterator on top, or pop it and jump to `i`.
    ForIter(u32),
    /// Pop.
    PopTop,
    /// Push a copy of the top.
    DupTop,
    /// Push copies of the top two.
    DupTopTwo,
    /// Swap the top two.
    RotTwo,
    /// Lift the second and third up, the top down to third.
    RotThree,
    /// Move the top under the next three.
    RotFour,
    /// Build a tuple of the top `n`.
    BuildTuple(u32),
    /// Build a list of the top `n`.
    BuildList(u32),
    /// Build a set of the top `n`.
    BuildSet(u32),
    /// Build a dict of the top `2n` (key, value, key, value...).
    BuildMap(u32),
    /// Build a slice of the top 2 or 3.
    BuildSlice(u32),
    /// Join the top `n` strings.
    BuildString(u32),
    /// Append TOS to the list `n` below it (comprehensions).
    ListAppend(u32),
    /// Add TOS to the set `n` below it.
    SetAdd(u32),
    /// `d[TOS1] = TOS` for the dict `n` below them.
    MapAdd(u32),
    /// Extend the list below the top with the iterable on top.
    ListExtend(u32),
    /// Update the set below with the iterable on top.
    SetUpdate(u32),
    /// Update the dict below with the mapping on top.
    DictUpdate(u32),
    /// Merge the mapping on top into the keyword dict `n` below it, refusing a name
    /// already there: the `**` of a call (the callable is two below the dict).
    DictMerge(u32),
    /// Turn the list on top into a tuple.
    ListToTuple,
    /// Format the value on top (flags: conversion in the low 2 bits, 4 = a spec below).
    FormatValue(u32),
    /// Unpack the iterable on top into exactly `n` values (last item on top... first).
    UnpackSequence(u32),
    /// Unpack with a starred target: `before | after << 8`.
    UnpackEx(u32),
    /// Make a function from the code on top; flags: 1 defaults tuple, 2 keyword-only
    /// defaults dict, 8 closure tuple below it.
    MakeFunction(u32),
    /// Return TOS from the frame.
    ReturnValue,
    /// Push the builtin `__build_class__`.
    LoadBuildClass,
    /// `import names[i]`: push the module.
    ImportName(u32),
    /// Push attribute `names[i]` of the module on top (which stays).
    ImportFrom(u32),
    /// Raise: 0 re-raises, 1 raises TOS, 2 raises TOS1 from TOS.
    RaiseVarargs(u32),
    /// Push an exception handler that jumps to `i`, with the stack depth of now.
    SetupFinally(u32),
    /// A `with`'s handler: as `SetupFinally`, but the stack depth excludes the top
    /// (`__enter__`'s value, stored before the body runs).
    SetupWith(u32),
    /// Pop the innermost handler.
    PopBlock,
    /// Pop the exception being handled (end of an `except` block).
    PopExcept,
    /// Re-raise the exception on top (end of a `finally` run for an exception).
    Reraise,
    /// Whether the exception TOS1 matches the class(es) TOS; pops TOS, pushes a bool.
    CheckExcMatch,
    /// Push the `AssertionError` class.
    LoadAssertionError,
    /// Suspend the generator, yielding the top; on resumption the value sent in is
    /// pushed.
    YieldValue,
    /// `with`: replace the context manager on top with its bound `__exit__` and the
    /// result of calling its `__enter__`.
    BeforeWith,
    /// Pop a `with`'s `__exit__` and call it with three `None`s (a normal exit).
    WithExit,
    /// In a `with`'s handler (`__exit__` under the exception): push the result of
    /// `__exit__(type, exception, traceback)`.
    WithExceptStart,
    /// `yield from`: replace the top with an iterator over it (a generator stays
    /// itself).
    GetYieldFromIter,
    /// `yield from`'s step: send TOS into the iterator TOS1. If it yields, replace TOS
    /// with the yielded value (a `YieldValue` follows); if it returns, pop both, push
    /// its return value and jump to `i`.
    Send(u32),
    // ---- superinstructions (see `superop`): each does the work of the op it
    // replaced and of the ops after it, which stay in place and are skipped ----
    /// `LOAD_FAST a; LOAD_FAST b`.
    LoadFastLoadFast(u16, u16),
    /// `LOAD_FAST a; LOAD_CONST c`.
    LoadFastLoadConst(u16, u16),
    /// `LOAD_GLOBAL g; LOAD_FAST a`: a global function and the local it is called
    /// with, where the local's load fuses with nothing after it.
    LoadGlobalLoadFast(u16, u16),
    /// `STORE_FAST a; LOAD_FAST b`.
    StoreFastLoadFast(u16, u16),
    /// `LOAD_FAST a; LOAD_ATTR name`: the local's attribute, with no push and pop of
    /// the local (and no refcount traffic on it).
    LoadFastLoadAttr(u16, u16),
    /// `LOAD_FAST a; STORE_ATTR name`: `a.name = TOS`, with no push and pop of the
    /// local (and no refcount traffic on it).
    LoadFastStoreAttr(u16, u16),
    /// `LOAD_FAST a; LOAD_METHOD name`: the method and the local as its receiver,
    /// with no pop of the local's pushed copy.
    LoadFastLoadMethod(u16, u16),
    /// `LOAD_CONST None; IS_OP; POP_JUMP_IF_*`: pop, and jump to `t` if it is None.
    PopJumpIfNone(u32),
    /// As `PopJumpIfNone`, jumping if it is not None.
    PopJumpIfNotNone(u32),
    /// `LOAD_FAST a` then `PopJumpIfNone(t)`'s run: `if a is None`, with no push.
    LoadFastJumpIfNone(u16, u32),
    /// As `LoadFastJumpIfNone`, jumping if the local is not None.
    LoadFastJumpIfNotNone(u16, u32),
    /// `COMPARE_OP c; POP_JUMP_IF_FALSE t`.
    CompareJumpIfFalse(CmpOp, u32),
    /// `LOAD_CONST c; RETURN_VALUE` (CPython 3.12's `RETURN_CONST`).
    ReturnConst(u32),
    /// `LOAD_FAST a; RETURN_VALUE`.
    ReturnFast(u32),
    /// `BINARY_OP op` (or its in-place form, when the flag is set); `STORE_FAST a`.
    BinaryStoreFast(BinOp, bool, u16),
    /// `UNPACK_SEQUENCE 2; STORE_FAST a; STORE_FAST b`: `a, b = pair`, a 2-tuple's
    /// items straight into the locals, never onto the stack.
    UnpackStoreFast(u16, u16),
}

/// A constant of a code object.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `None`.
    None,
    /// `True`/`False`.
    Bool(bool),
    /// An integer literal.
    Int(IntLit),
    /// A float literal.
    Float(f64),
    /// A string literal (also attribute and keyword names).
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`.
    Ellipsis,
    /// A tuple of constants (keyword-argument names, folded tuple displays).
    Tuple(Vec<Const>),
    /// The frozenset CPython folds a set display of three or more constants into.
    FrozenSet(Vec<Const>),
    /// A nested code object (a function, lambda, comprehension or class body).
    Code(std::rc::Rc<Code>),
}

/// What kind of scope a code object runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A module: names are globals.
    Module,
    /// A class body: names go to the class namespace.
    Class,
    /// A function (or lambda, or comprehension): names are locals.
    Function,
}

/// A compiled body.
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    /// The function's name (`<module>`, `<lambda>`, `<listcomp>`, a class's name).
    pub name: String,
    /// The docstring: a string literal as the body's first statement
    /// (a function's `__doc__`, a module's).
    pub doc: Option<String>,
    /// Dotted name, for reprs (`C.m.<locals>.f`).
    pub qualname: String,
    /// The file it came from.
    pub filename: std::rc::Rc<str>,
    /// The scope kind.
    pub scope: Scope,
    /// The instructions.
    pub ops: Vec<Op>,
    /// The source line of each instruction.
    pub lines: Vec<u32>,
    /// The constants.
    pub consts: Vec<Const>,
    /// Global, attribute and namespace names.
    pub names: Vec<String>,
    /// Local variables: parameters first.
    pub varnames: Vec<String>,
    /// Locals that nested functions use (cells made by this frame).
    pub cellvars: Vec<String>,
    /// Variables of enclosing functions this code uses.
    pub freevars: Vec<String>,
    /// Positional parameters.
    pub argcount: u32,
    /// Keyword-only parameters.
    pub kwonlyargcount: u32,
    /// Has `*args`.
    pub varargs: bool,
    /// Has `**kwargs`.
    pub varkeywords: bool,
    /// The first line.
    pub firstlineno: u32,
    /// For each cell variable that is a parameter, the parameter's slot.
    pub cell_params: Vec<(u32, u32)>,
    /// Is a generator (contains `yield`).
    pub generator: bool,
    /// The number of positional arguments a call must pass to take the quick path
    /// (no `*args`, `**kwargs`, keyword-only parameters, cells among the parameters,
    /// and not a generator), or `u32::MAX` if calls never can. Set by `finish`.
    pub quick_argcount: u32,
}

impl Code {
    /// Settle what is derived from the finished code: `quick_argcount`.
    pub fn finish(&mut self) {
        let quick = !self.varargs
            && !self.varkeywords
            && self.kwonlyargcount == 0
            && !self.generator
            && self.cell_params.is_empty();
        self.quick_argcount = if quick { self.argcount } else { u32::MAX };
    }
}

// One instruction is one word: the loop fetches it with one load.
const _: () = assert!(std::mem::size_of::<Op>() == 8);
