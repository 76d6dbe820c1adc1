//! The compiler: syntax tree to code objects, as CPython's Python/compile.c does it.
//!
//! One [`Code`] per module, function, lambda, comprehension and class body. Names are
//! resolved by [`crate::symtable`] first, so every load and store is emitted as the
//! right kind (slot, cell, global, namespace). Control flow compiles to jumps; `try`
//! pushes a handler block at run time (`SetupFinally`), and leaving a block early
//! (`return`, `break`, `continue`) unwinds the blocks in between at compile time —
//! popping handlers and loop iterators and running `finally` bodies inline — as
//! CPython's `compiler_unwind_fblock` does.
//!
//! Recursion follows the syntax tree, whose depth the parser bounds; nested calls run
//! on fresh stack segments when the native stack runs low, like the parser's.

use std::collections::HashMap;
use std::rc::Rc;

use crate::ast::{self, *};
use crate::bytecode::{Code, Const, Op, Scope};
use crate::error::{CompileError, Pos};
use crate::symtable::{self, Binding, ScopeInfo};

/// CPython's compiler builds displays and calls with more items than this a piece at a
/// time rather than all on the stack (`STACK_USE_GUIDELINE`).
const STACK_USE_GUIDELINE: usize = 30;

type Result<T> = std::result::Result<T, CompileError>;

/// Compile a parsed module from file `filename`.
pub fn compile_module(module: &[Stmt], filename: &str) -> Result<Rc<Code>> {
    let scopes = symtable::analyse(module)?;
    let mut compiler = Compiler {
        scopes,
        next_scope: 1,
        filename: Rc::from(filename),
        units: Vec::new(),
    };
    compiler.push_unit(0, "<module>".into(), "<module>".into(), Scope::Module, 1);
    compiler.unit().code.doc = docstring(module);
    compiler.stmts(module)?;
    compiler.emit_const(Const::None);
    compiler.emit(Op::ReturnValue);
    Ok(Rc::new(compiler.pop_unit()))
}

/// The docstring of a body: its first statement, if that is a string literal.
fn docstring(body: &[Stmt]) -> Option<String> {
    match &body.first()?.kind {
        StmtKind::Expr(Expr {
            kind: ExprKind::Const(crate::ast::Const::Str(s)),
            ..
        }) => Some(s.clone()),
        _ => None,
    }
}

/// Parse and compile a whole program.
pub fn compile_source(source: &str, filename: &str) -> Result<Rc<Code>> {
    let module = crate::parser::parse(source)?;
    compile_module(&module, filename)
}

/// A block that leaving early must unwind (CPython's fblock).
#[derive(Clone)]
enum Block {
    /// A `while` loop: `continue` jumps to `start`.
    While { start: u32, breaks: usize },
    /// A `for` loop: its iterator is on the stack.
    For { start: u32, breaks: usize },
    /// Inside `try:` of try/except: a handler is pushed.
    TryExcept,
    /// Inside `try:` of try/finally: a handler is pushed, and the body runs on exit.
    TryFinally(Vec<Stmt>),
    /// Running a `finally` body for an exception: the exception is on the stack.
    FinallyEnd,
    /// Inside an `except` body: the exception being handled is recorded.
    HandlerCleanup(Option<String>),
    /// Inside a `with` body: a handler is pushed, and `__exit__` is on the stack.
    With,
}

struct Unit {
    code: Code,
    scope: usize,
    blocks: Vec<Block>,
    /// Jumps to patch, per open loop: the `break`s.
    breaks: Vec<Vec<usize>>,
    line: u32,
    consts: HashMap<String, u32>,
    names: HashMap<String, u32>,
}

struct Compiler {
    scopes: Vec<ScopeInfo>,
    next_scope: usize,
    filename: Rc<str>,
    units: Vec<Unit>,
}

/// Where a name lives, for one load, store or delete.
enum Access {
    Fast(u32),
    Deref(u32),
    Global(u32),
    Name(u32),
}

/// A constant's key for deduplication (floats by bits, so -0.0 and 0.0 stay apart).
fn const_key(c: &Const) -> Option<String> {
    Some(match c {
        Const::None => "N".into(),
        Const::Bool(b) => format!("B{b}"),
        Const::Int(crate::lexer::IntLit::Small(v)) => format!("I{v}"),
        Const::Float(f) => format!("F{}", f.to_bits()),
        Const::Str(s) => format!("S{s}"),
        Const::Ellipsis => "E".into(),
        _ => return None,
    })
}

impl Compiler {
    fn unit(&mut self) -> &mut Unit {
        self.units.last_mut().expect("a unit is open")
    }

    fn info(&self) -> &ScopeInfo {
        &self.scopes[self.units.last().expect("a unit").scope]
    }

    fn push_unit(&mut self, scope: usize, name: String, qualname: String, kind: Scope, line: u32) {
        let info = &self.scopes[scope];
        let code = Code {
            name,
            qualname,
            filename: self.filename.clone(),
            scope: kind,
            ops: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            varnames: info.locals.clone(),
            cellvars: info.cells.clone(),
            freevars: info.frees.clone(),
            argcount: 0,
            kwonlyargcount: 0,
            varargs: false,
            varkeywords: false,
            firstlineno: line,
            cell_params: Vec::new(),
            generator: info.generator,
            quick_argcount: u32::MAX,
            doc: None,
        };
        self.units.push(Unit {
            code,
            scope,
            blocks: Vec::new(),
            breaks: Vec::new(),
            line,
            consts: HashMap::new(),
            names: HashMap::new(),
        });
    }

    fn pop_unit(&mut self) -> Code {
        let mut unit = self.units.pop().expect("a unit is open");
        // Parameters that live in cells are copied in at frame start.
        for (slot, name) in unit.code.varnames.iter().enumerate() {
            if let Some(cell) = unit.code.cellvars.iter().position(|c| c == name) {
                unit.code.cell_params.push((slot as u32, cell as u32));
            }
        }
        crate::superop::fuse(&mut unit.code);
        unit.code.finish();
        unit.code
    }

    fn take_scope(&mut self) -> usize {
        let s = self.next_scope;
        self.next_scope += 1;
        s
    }

    // ---- emitting ----

    fn emit(&mut self, op: Op) -> usize {
        let unit = self.unit();
        unit.code.ops.push(op);
        unit.code.lines.push(unit.line);
        unit.code.ops.len() - 1
    }

    fn here(&mut self) -> u32 {
        self.unit().code.ops.len() as u32
    }

    /// Point the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.here();
        let op = &mut self.unit().code.ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
            Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::Send(_) => Op::Send(target),
            Op::SetupFinally(_) => Op::SetupFinally(target),
            Op::SetupWith(_) => Op::SetupWith(target),
            other => unreachable!("not a jump: {other:?}"),
        };
    }

    fn add_const(&mut self, c: Const) -> u32 {
        let key = const_key(&c);
        let unit = self.unit();
        if let Some(k) = &key {
            if let Some(&i) = unit.consts.get(k) {
                return i;
            }
        }
        unit.code.consts.push(c);
        let i = unit.code.consts.len() as u32 - 1;
        if let Some(k) = key {
            unit.consts.insert(k, i);
        }
        i
    }

    fn emit_const(&mut self, c: Const) {
        let i = self.add_const(c);
        self.emit(Op::LoadConst(i));
    }

    fn name_index(&mut self, name: &str) -> u32 {
        let unit = self.unit();
        if let Some(&i) = unit.names.get(name) {
            return i;
        }
        unit.code.names.push(name.to_string());
        let i = unit.code.names.len() as u32 - 1;
        unit.names.insert(name.to_string(), i);
        i
    }

    fn set_line(&mut self, pos: Pos) {
        if pos.line > 0 {
            self.unit().line = pos.line;
        }
    }

    // ---- names ----

    fn access(&mut self, name: &str) -> Access {
        let binding = self.info().bindings.get(name).copied();
        let unit = self.units.last().expect("a unit");
        let kind = unit.code.scope;
        let deref = |unit: &Unit| {
            let cells = &unit.code.cellvars;
            cells
                .iter()
                .position(|c| c == name)
                .or_else(|| {
                    unit.code
                        .freevars
                        .iter()
                        .position(|f| f == name)
                        .map(|f| f + cells.len())
                })
                .expect("a cell or free variable") as u32
        };
        match (kind, binding) {
            (_, Some(Binding::Cell | Binding::Free)) => Access::Deref(deref(unit)),
            (Scope::Function, Some(Binding::Local)) => {
                let slot = unit
                    .code
                    .varnames
                    .iter()
                    .position(|v| v == name)
                    .expect("a local") as u32;
                Access::Fast(slot)
            }
            (Scope::Function, _) | (_, Some(Binding::Global)) => {
                Access::Global(self.name_index(name))
            }
            _ => Access::Name(self.name_index(name)),
        }
    }

    fn load_name(&mut self, name: &str) {
        let op = match self.access(name) {
            Access::Fast(i) => Op::LoadFast(i),
            Access::Deref(i) => Op::LoadDeref(i),
            Access::Global(i) => Op::LoadGlobal(i),
            Access::Name(i) => Op::LoadName(i),
        };
        self.emit(op);
    }

    fn store_name(&mut self, name: &str) {
        let op = match self.access(name) {
            Access::Fast(i) => Op::StoreFast(i),
            Access::Deref(i) => Op::StoreDeref(i),
            Access::Global(i) => Op::StoreGlobal(i),
            Access::Name(i) => Op::StoreName(i),
        };
        self.emit(op);
    }

    fn delete_name(&mut self, name: &str) {
        let op = match self.access(name) {
            Access::Fast(i) => Op::DeleteFast(i),
            Access::Deref(i) => Op::DeleteDeref(i),
            Access::Global(i) => Op::DeleteGlobal(i),
            Access::Name(i) => Op::DeleteName(i),
        };
        self.emit(op);
    }

    // ---- statements ----

    fn stmts(&mut self, stmts: &[Stmt]) -> Result<()> {
        for s in stmts {
            stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || self.stmt(s))?;
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> Result<()> {
        self.set_line(stmt.pos);
        match &stmt.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::PopTop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (k, t) in targets.iter().enumerate() {
                    if k + 1 < targets.len() {
                        self.emit(Op::DupTop);
                    }
                    self.store(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.stmts(body)?;
                if orelse.is_empty() {
                    self.patch(to_else);
                } else {
                    let to_end = self.emit(Op::Jump(0));
                    self.patch(to_else);
                    self.stmts(orelse)?;
                    self.patch(to_end);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let start = self.here();
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.open_loop(Block::While { start, breaks: 0 });
                self.stmts(body)?;
                self.emit(Op::Jump(start));
                let breaks = self.close_loop();
                self.patch(to_else);
                self.stmts(orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.iterable(iter)?;
                self.emit(Op::GetIter);
                let start = self.here();
                let for_iter = self.emit(Op::ForIter(0));
                self.open_loop(Block::For { start, breaks: 0 });
                self.store(target)?;
                self.stmts(body)?;
                self.emit(Op::Jump(start));
                let breaks = self.close_loop();
                self.patch(for_iter);
                self.stmts(orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            StmtKind::Break => self.break_or_continue(true, stmt.pos)?,
            StmtKind::Continue => self.break_or_continue(false, stmt.pos)?,
            StmtKind::Pass => {}
            StmtKind::Return(value) => {
                if self.units.last().expect("a unit").code.scope != Scope::Function {
                    return Err(CompileError::syntax("'return' outside function", stmt.pos));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Const::None),
                }
                self.unwind_all(true)?;
                self.set_line(stmt.pos);
                self.emit(Op::ReturnValue);
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Import(aliases) => {
                for a in aliases {
                    if a.name.contains('.') {
                        return Err(CompileError::unsupported(
                            format!("import of a submodule ('{}')", a.name),
                            a.pos,
                        ));
                    }
                    let i = self.name_index(&a.name);
                    self.emit(Op::ImportName(i));
                    self.store_name(a.asname.as_deref().unwrap_or(&a.name));
                }
            }
            StmtKind::ImportFrom { module, names } => {
                let i = self.name_index(module);
                self.emit(Op::ImportName(i));
                for a in names {
                    let j = self.name_index(&a.name);
                    self.emit(Op::ImportFrom(j));
                    self.store_name(a.asname.as_deref().unwrap_or(&a.name));
                }
                self.emit(Op::PopTop);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let to_end = self.emit(Op::PopJumpIfTrue(0));
                self.emit(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::Call(1));
                }
                self.emit(Op::RaiseVarargs(1));
                self.patch(to_end);
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Op::RaiseVarargs(n));
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::With { items, body } => self.with(items, 0, body, stmt.pos)?,
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.function(f, stmt.pos)?;
                for _ in &f.decorators {
                    self.emit(Op::Call(1));
                }
                self.store_name(&f.name);
            }
            StmtKind::ClassDef(c) => self.class(c, stmt.pos)?,
        }
        Ok(())
    }

    /// `with items[i], ...: body`: as CPython 3.11 compiles it, one item at a time.
    fn with(&mut self, items: &[ast::WithItem], i: usize, body: &[Stmt], pos: Pos) -> Result<()> {
        let item = &items[i];
        self.expr(&item.context)?;
        self.set_line(pos);
        self.emit(Op::BeforeWith);
        let setup = self.emit(Op::SetupWith(0));
        self.unit().blocks.push(Block::With);
        match &item.target {
            Some(t) => self.store(t)?,
            None => {
                self.emit(Op::PopTop);
            }
        }
        if i + 1 < items.len() {
            self.with(items, i + 1, body, pos)?;
        } else {
            self.stmts(body)?;
        }
        self.unit().blocks.pop();
        self.set_line(pos);
        self.emit(Op::PopBlock);
        self.emit(Op::WithExit);
        let end = self.emit(Op::Jump(0));
        // An exception: `__exit__(type, exc, tb)` decides whether it is suppressed.
        self.patch(setup);
        self.emit(Op::WithExceptStart);
        let suppressed = self.emit(Op::PopJumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch(suppressed);
        self.emit(Op::PopTop); // the exception
        self.emit(Op::PopExcept);
        self.emit(Op::PopTop); // __exit__
        self.patch(end);
        Ok(())
    }

    fn open_loop(&mut self, block: Block) {
        let unit = self.unit();
        unit.breaks.push(Vec::new());
        let n = unit.breaks.len() - 1;
        unit.blocks.push(match block {
            Block::While { start, .. } => Block::While { start, breaks: n },
            Block::For { start, .. } => Block::For { start, breaks: n },
            other => other,
        });
    }

    fn close_loop(&mut self) -> Vec<usize> {
        let unit = self.unit();
        unit.blocks.pop();
        unit.breaks.pop().unwrap_or_default()
    }

    fn break_or_continue(&mut self, is_break: bool, pos: Pos) -> Result<()> {
        // Unwind the blocks inside the innermost loop.
        let blocks = self.unit().blocks.clone();
        let Some(k) = blocks
            .iter()
            .rposition(|b| matches!(b, Block::While { .. } | Block::For { .. }))
        else {
            let what = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(CompileError::syntax(what, pos));
        };
        for block in blocks[k + 1..].iter().rev() {
            self.unwind(block, false)?;
        }
        self.set_line(pos);
        match blocks[k] {
            Block::While { start, breaks } | Block::For { start, breaks } => {
                if is_break {
                    if matches!(blocks[k], Block::For { .. }) {
                        self.emit(Op::PopTop); // the iterator
                    }
                    let j = self.emit(Op::Jump(0));
                    self.unit().breaks[breaks].push(j);
                } else {
                    self.emit(Op::Jump(start));
                }
            }
            _ => unreachable!(),
        }
        Ok(())
    }

    /// Before `return`: unwind every block (the return value is on top).
    fn unwind_all(&mut self, preserve_tos: bool) -> Result<()> {
        let blocks = self.unit().blocks.clone();
        for block in blocks.iter().rev() {
            self.unwind(block, preserve_tos)?;
        }
        Ok(())
    }

    /// Leave `block` early: what CPython's `compiler_unwind_fblock` emits.
    fn unwind(&mut self, block: &Block, preserve_tos: bool) -> Result<()> {
        match block {
            Block::While { .. } => {}
            Block::For { .. } => {
                if preserve_tos {
                    self.emit(Op::RotTwo);
                }
                self.emit(Op::PopTop);
            }
            Block::TryExcept => {
                self.emit(Op::PopBlock);
            }
            Block::TryFinally(finalbody) => {
                self.emit(Op::PopBlock);
                // The finally body runs outside its own block.
                let saved = self.unit().blocks.clone();
                let at = saved
                    .iter()
                    .rposition(|b| matches!(b, Block::TryFinally(_)))
                    .unwrap_or(0);
                self.unit().blocks.truncate(at);
                let r = self.stmts(finalbody);
                self.unit().blocks = saved;
                r?;
            }
            Block::FinallyEnd => {
                if preserve_tos {
                    self.emit(Op::RotTwo);
                }
                self.emit(Op::PopTop); // the exception
                self.emit(Op::PopExcept);
            }
            Block::With => {
                self.emit(Op::PopBlock);
                if preserve_tos {
                    self.emit(Op::RotTwo);
                }
                self.emit(Op::WithExit);
            }
            Block::HandlerCleanup(name) => {
                self.emit(Op::PopExcept);
                if let Some(n) = name {
                    self.emit_const(Const::None);
                    self.store_name(n);
                    self.delete_name(n);
                }
            }
        }
        Ok(())
    }

    fn try_except(&mut self, body: &[Stmt], handlers: &[Handler], orelse: &[Stmt]) -> Result<()> {
        let setup = self.emit(Op::SetupFinally(0));
        self.unit().blocks.push(Block::TryExcept);
        self.stmts(body)?;
        self.unit().blocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(orelse)?;
        let to_end = self.emit(Op::Jump(0));
        self.patch(setup);
        // The exception is on the stack and recorded as being handled.
        let mut ends = vec![to_end];
        for (k, h) in handlers.iter().enumerate() {
            if h.typ.is_none() && k + 1 < handlers.len() {
                return Err(CompileError::syntax(
                    "default 'except:' must be last",
                    h.pos,
                ));
            }
            self.set_line(h.pos);
            let next = if let Some(typ) = &h.typ {
                self.expr(typ)?;
                self.emit(Op::CheckExcMatch);
                Some(self.emit(Op::PopJumpIfFalse(0)))
            } else {
                None
            };
            match &h.name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Op::PopTop);
                }
            }
            self.unit()
                .blocks
                .push(Block::HandlerCleanup(h.name.clone()));
            self.stmts(&h.body)?;
            self.unit().blocks.pop();
            self.unwind(&Block::HandlerCleanup(h.name.clone()), false)?;
            ends.push(self.emit(Op::Jump(0)));
            match next {
                Some(j) => self.patch(j),
                None => break, // a bare except catches everything after it
            }
        }
        if handlers.last().is_none_or(|h| h.typ.is_some()) {
            self.emit(Op::Reraise);
        }
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> Result<()> {
        let setup = self.emit(Op::SetupFinally(0));
        self.unit()
            .blocks
            .push(Block::TryFinally(finalbody.to_vec()));
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.unit().blocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(finalbody)?;
        let to_end = self.emit(Op::Jump(0));
        self.patch(setup);
        self.unit().blocks.push(Block::FinallyEnd);
        self.stmts(finalbody)?;
        self.unit().blocks.pop();
        self.emit(Op::Reraise);
        self.patch(to_end);
        Ok(())
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> Result<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.store_name(n);
            }
            ExprKind::Attribute(obj, attr) => {
                self.expr(obj)?;
                self.emit(Op::DupTop);
                let i = self.name_index(attr);
                self.emit(Op::LoadAttr(i));
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.emit(Op::RotTwo);
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript(obj, index) => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::DupTopTwo);
                self.emit(Op::BinarySubscr);
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.emit(Op::RotThree);
                self.emit(Op::StoreSubscr);
            }
            _ => unreachable!("the parser checks augmented targets"),
        }
        Ok(())
    }

    fn store(&mut self, target: &Expr) -> Result<()> {
        self.set_line(target.pos);
        match &target.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute(obj, attr) => {
                self.expr(obj)?;
                let i = self.name_index(attr);
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript(obj, index) => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                match items
                    .iter()
                    .position(|i| matches!(i.kind, ExprKind::Starred(_)))
                {
                    None => {
                        self.emit(Op::UnpackSequence(items.len() as u32));
                    }
                    Some(star) => {
                        let after = items.len() - star - 1;
                        if star > 255 || after > (u32::MAX >> 8) as usize {
                            return Err(CompileError::syntax(
                                "too many expressions in star-unpacking assignment",
                                target.pos,
                            ));
                        }
                        self.emit(Op::UnpackEx(star as u32 | (after as u32) << 8));
                    }
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => self.store(inner)?,
                        _ => self.store(item)?,
                    }
                }
            }
            _ => unreachable!("the parser checks assignment targets"),
        }
        Ok(())
    }

    fn delete(&mut self, target: &Expr) -> Result<()> {
        self.set_line(target.pos);
        match &target.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute(obj, attr) => {
                self.expr(obj)?;
                let i = self.name_index(attr);
                self.emit(Op::DeleteAttr(i));
            }
            ExprKind::Subscript(obj, index) => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(i)?;
                }
            }
            _ => unreachable!("the parser checks del targets"),
        }
        Ok(())
    }

    /// Compile a function body to a code object and emit `MakeFunction` (defaults and
    /// closure first).
    fn function(&mut self, f: &FunctionDef, pos: Pos) -> Result<()> {
        let p = &f.params;
        let mut flags = 0;
        let defaults: Vec<&Expr> = p.args.iter().filter_map(|a| a.default.as_ref()).collect();
        if !defaults.is_empty() {
            // Constant defaults are one constant tuple, as CPython's peephole pass
            // folds their BUILD_TUPLE: making the function allocates no tuple.
            let folded: Option<Vec<Const>> =
                defaults.iter().map(|d| crate::fold::fold(d)).collect();
            match folded {
                Some(items) => self.emit_const(Const::Tuple(items)),
                None => {
                    for d in &defaults {
                        self.expr(d)?;
                    }
                    self.emit(Op::BuildTuple(defaults.len() as u32));
                }
            }
            flags |= 1;
        }
        let kwdefaults: Vec<(&str, &Expr)> = p
            .kwonly
            .iter()
            .filter_map(|a| a.default.as_ref().map(|d| (a.name.as_str(), d)))
            .collect();
        if !kwdefaults.is_empty() {
            for (name, d) in &kwdefaults {
                self.emit_const(Const::Str(name.to_string()));
                self.expr(d)?;
            }
            self.emit(Op::BuildMap(kwdefaults.len() as u32));
            flags |= 2;
        }
        let scope = self.take_scope();
        let qualname = self.qualname(&f.name);
        self.push_unit(scope, f.name.clone(), qualname, Scope::Function, pos.line);
        {
            let code = &mut self.unit().code;
            code.argcount = p.args.len() as u32;
            code.kwonlyargcount = p.kwonly.len() as u32;
            code.varargs = p.vararg.is_some();
            code.varkeywords = p.kwarg.is_some();
            code.doc = docstring(&f.body);
        }
        self.stmts(&f.body)?;
        self.emit_const(Const::None);
        self.emit(Op::ReturnValue);
        let code = self.pop_unit();
        self.make_function(code, flags);
        Ok(())
    }

    /// Emit the closure (if the code has free variables) and `MakeFunction`.
    fn make_function(&mut self, code: Code, mut flags: u32) {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                match self.access(name) {
                    Access::Deref(i) => {
                        self.emit(Op::LoadClosure(i));
                    }
                    _ => unreachable!("a free variable is a cell outside"),
                }
            }
            self.emit(Op::BuildTuple(code.freevars.len() as u32));
            flags |= 8;
        }
        self.emit_const(Const::Code(Rc::new(code)));
        self.emit(Op::MakeFunction(flags));
    }

    fn qualname(&self, name: &str) -> String {
        let parent = self.units.last().expect("a unit");
        match parent.code.scope {
            Scope::Module => name.to_string(),
            Scope::Class => format!("{}.{name}", parent.code.qualname),
            Scope::Function => format!("{}.<locals>.{name}", parent.code.qualname),
        }
    }

    fn class(&mut self, c: &ClassDef, pos: Pos) -> Result<()> {
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.emit(Op::LoadBuildClass);
        let scope = self.take_scope();
        let qualname = self.qualname(&c.name);
        self.push_unit(
            scope,
            c.name.clone(),
            qualname.clone(),
            Scope::Class,
            pos.line,
        );
        self.load_name("__name__");
        self.store_name("__module__");
        self.emit_const(Const::Str(qualname));
        self.store_name("__qualname__");
        // A docstring becomes `__doc__`, as CPython's compiler stores it.
        if let Some(doc) = docstring(&c.body) {
            self.emit_const(Const::Str(doc));
            self.store_name("__doc__");
        }
        self.stmts(&c.body)?;
        // The body returns its `__class__` cell, for `__build_class__` to fill.
        match self.info().cells.iter().position(|n| n == "__class__") {
            Some(i) => {
                self.emit(Op::LoadClosure(i as u32));
            }
            None => self.emit_const(Const::None),
        }
        self.emit(Op::ReturnValue);
        let code = self.pop_unit();
        self.make_function(code, 0);
        self.emit_const(Const::Str(c.name.clone()));
        for b in &c.bases {
            self.expr(b)?;
        }
        self.call_tail(2 + c.bases.len(), &c.keywords)?;
        for _ in &c.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&c.name);
        Ok(())
    }

    /// Finish a call whose callable and `positional` arguments are pushed.
    fn call_tail(&mut self, positional: usize, keywords: &[Keyword]) -> Result<()> {
        if keywords.is_empty() {
            self.emit(Op::Call(positional as u32));
            return Ok(());
        }
        if keywords.iter().any(|k| k.name.is_none()) {
            // `**mapping`: everything goes through a tuple and a dict.
            self.emit(Op::BuildTuple(positional as u32));
            return self.ex_call(keywords);
        }
        let mut names = Vec::new();
        for k in keywords {
            self.expr(&k.value)?;
            names.push(Const::Str(k.name.clone().expect("a keyword")));
        }
        let n = names.len();
        self.emit_const(Const::Tuple(names));
        self.emit(Op::CallKw((positional + n) as u32));
        Ok(())
    }

    // ---- expressions ----

    fn expr(&mut self, e: &Expr) -> Result<()> {
        stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || self.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &Expr) -> Result<()> {
        let line = self.unit().line;
        self.set_line(e.pos);
        match &e.kind {
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Const(c) => self.emit_const(crate::fold::literal(c)),
            ExprKind::FString(parts) => self.fstring(parts)?,
            ExprKind::Tuple(items) => {
                if let Some(c) = constant_tuple(items) {
                    // Folded, as CPython's optimizer folds tuples of constants.
                    self.emit_const(c);
                } else if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.starred_list(items)?;
                    self.emit(Op::ListToTuple);
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    self.emit(Op::BuildTuple(items.len() as u32));
                }
            }
            ExprKind::List(items) => {
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.starred_list(items)?;
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    self.emit(Op::BuildList(items.len() as u32));
                }
            }
            ExprKind::Set(items) => {
                let folded = if items.len() > 2 {
                    constant_tuple(items)
                } else {
                    None
                };
                if let Some(Const::Tuple(consts)) = folded {
                    // As CPython: an empty set updated from a constant frozenset.
                    self.emit(Op::BuildSet(0));
                    self.emit_const(Const::FrozenSet(consts));
                    self.emit(Op::SetUpdate(1));
                } else if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.emit(Op::BuildSet(0));
                    for i in items {
                        match &i.kind {
                            ExprKind::Starred(inner) => {
                                self.expr(inner)?;
                                self.emit(Op::SetUpdate(1));
                            }
                            _ => {
                                self.expr(i)?;
                                self.emit(Op::BuildSet(1));
                                self.emit(Op::SetUpdate(1));
                            }
                        }
                    }
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    self.emit(Op::BuildSet(items.len() as u32));
                }
            }
            ExprKind::Dict(items) => {
                if items.iter().any(|(k, _)| k.is_none()) {
                    self.emit(Op::BuildMap(0));
                    for (k, v) in items {
                        match k {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(v)?;
                                self.emit(Op::BuildMap(1));
                            }
                            None => self.expr(v)?,
                        }
                        self.emit(Op::DictUpdate(1));
                    }
                } else {
                    for (k, v) in items {
                        self.expr(k.as_ref().expect("a key"))?;
                        self.expr(v)?;
                    }
                    self.emit(Op::BuildMap(items.len() as u32));
                }
            }
            ExprKind::Starred(_) => {
                return Err(CompileError::syntax(
                    "can't use starred expression here",
                    e.pos,
                ))
            }
            ExprKind::Unary(op, operand) => {
                if let Some(c) = crate::fold::fold(e) {
                    self.emit_const(c);
                    return Ok(());
                }
                self.expr(operand)?;
                self.emit(match op {
                    UnaryOp::Neg => Op::UnaryNegative,
                    UnaryOp::Pos => Op::UnaryPositive,
                    UnaryOp::Invert => Op::UnaryInvert,
                    UnaryOp::Not => Op::UnaryNot,
                });
            }
            ExprKind::Binary(op, a, b) => {
                if let Some(c) = crate::fold::fold(e) {
                    self.emit_const(c);
                    return Ok(());
                }
                self.expr(a)?;
                self.expr(b)?;
                self.set_line(e.pos);
                self.emit(Op::Binary(*op));
            }
            ExprKind::BoolOp(op, values) => {
                let mut jumps = Vec::new();
                for (k, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if k + 1 < values.len() {
                        jumps.push(self.emit(match op {
                            BoolOp::And => Op::JumpIfFalseOrPop(0),
                            BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            ExprKind::Compare(first, rest) => self.compare(first, rest)?,
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.expr(body)?;
                let to_end = self.emit(Op::Jump(0));
                self.patch(to_else);
                self.expr(orelse)?;
                self.patch(to_end);
            }
            ExprKind::Lambda(f) => self.function(f, e.pos)?,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords)?,
            ExprKind::Attribute(value, attr) => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.set_line(e.pos);
                self.emit(Op::LoadAttr(i));
            }
            ExprKind::Subscript(value, index) => {
                if let Some(c) = crate::fold::fold(e) {
                    self.emit_const(c);
                    return Ok(());
                }
                self.expr(value)?;
                self.expr(index)?;
                self.set_line(e.pos);
                self.emit(Op::BinarySubscr);
            }
            ExprKind::Slice(lo, hi, step) => {
                for part in [lo, hi] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.emit_const(Const::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
            ExprKind::ListComp(elt, gens) => self.comprehension(
                "<listcomp>",
                e.pos,
                gens,
                |c, depth| {
                    c.expr(elt)?;
                    c.emit(Op::ListAppend(depth));
                    Ok(())
                },
                Op::BuildList(0),
            )?,
            ExprKind::SetComp(elt, gens) => self.comprehension(
                "<setcomp>",
                e.pos,
                gens,
                |c, depth| {
                    c.expr(elt)?;
                    c.emit(Op::SetAdd(depth));
                    Ok(())
                },
                Op::BuildSet(0),
            )?,
            ExprKind::DictComp(k, v, gens) => self.comprehension(
                "<dictcomp>",
                e.pos,
                gens,
                |c, depth| {
                    c.expr(k)?;
                    c.expr(v)?;
                    c.emit(Op::MapAdd(depth));
                    Ok(())
                },
                Op::BuildMap(0),
            )?,
            ExprKind::GeneratorExp(elt, gens) => self.comprehension(
                "<genexpr>",
                e.pos,
                gens,
                |c, _| {
                    c.expr(elt)?;
                    c.emit(Op::YieldValue);
                    c.emit(Op::PopTop);
                    Ok(())
                },
                Op::Nop,
            )?,
            ExprKind::NamedExpr(name, value) => {
                self.expr(value)?;
                self.emit(Op::DupTop);
                self.store_name(name);
            }
            ExprKind::Yield(value) => {
                if self.units.last().expect("a unit").code.scope != Scope::Function {
                    return Err(CompileError::syntax("'yield' outside function", e.pos));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Const::None),
                }
                self.emit(Op::YieldValue);
            }
            ExprKind::YieldFrom(value) => {
                if self.units.last().expect("a unit").code.scope != Scope::Function {
                    return Err(CompileError::syntax("'yield' outside function", e.pos));
                }
                // As CPython 3.11 compiles it: send into the iterator until it returns.
                self.expr(value)?;
                self.emit(Op::GetYieldFromIter);
                self.emit_const(Const::None);
                let send = self.here();
                let exit = self.emit(Op::Send(0));
                self.emit(Op::YieldValue);
                self.emit(Op::Jump(send));
                self.patch(exit);
            }
        }
        self.unit().line = line;
        Ok(())
    }

    /// Items with `*` unpacking, as a list on the stack, as CPython's
    /// `starunpack_helper` builds it: the plain items before the first star are
    /// pushed and built into the list, the rest appended or extended one by one (all
    /// of them, past `STACK_USE_GUIDELINE` items).
    fn starred_list(&mut self, items: &[Expr]) -> Result<()> {
        let mut built = items.len() > STACK_USE_GUIDELINE;
        if built {
            self.emit(Op::BuildList(0));
        }
        for (k, i) in items.iter().enumerate() {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    if !built {
                        self.emit(Op::BuildList(k as u32));
                        built = true;
                    }
                    self.expr(inner)?;
                    self.emit(Op::ListExtend(1));
                }
                _ => {
                    self.expr(i)?;
                    if built {
                        self.emit(Op::ListAppend(1));
                    }
                }
            }
        }
        if !built {
            self.emit(Op::BuildList(items.len() as u32));
        }
        Ok(())
    }

    /// The end of a call through `CALL_FUNCTION_EX`, its positional tuple pushed: the
    /// keyword dict, if there are keywords, then the call.
    fn ex_call(&mut self, keywords: &[Keyword]) -> Result<()> {
        if keywords.is_empty() {
            self.emit(Op::CallFunctionEx(0));
        } else {
            self.ex_keywords(keywords)?;
            self.emit(Op::CallFunctionEx(1));
        }
        Ok(())
    }

    /// The keyword dict of a `CALL_FUNCTION_EX`, as CPython's `compiler_call_helper`
    /// builds it: each run of named keywords is one dict (`compiler_subkwargs`), and
    /// the dicts and `**` mappings are merged in order by `DICT_MERGE`, which refuses
    /// a name given twice.
    fn ex_keywords(&mut self, keywords: &[Keyword]) -> Result<()> {
        let mut have_dict = false;
        let mut seen = 0;
        for (k, kw) in keywords.iter().enumerate() {
            if kw.name.is_some() {
                seen += 1;
                continue;
            }
            if seen > 0 {
                self.sub_kwargs(&keywords[k - seen..k])?;
                if have_dict {
                    self.emit(Op::DictMerge(1));
                }
                have_dict = true;
                seen = 0;
            }
            if !have_dict {
                self.emit(Op::BuildMap(0));
                have_dict = true;
            }
            self.expr(&kw.value)?;
            self.emit(Op::DictMerge(1));
        }
        if seen > 0 {
            self.sub_kwargs(&keywords[keywords.len() - seen..])?;
            if have_dict {
                self.emit(Op::DictMerge(1));
            }
        }
        Ok(())
    }

    /// A dict of named keyword arguments (`compiler_subkwargs`; CPython's
    /// `BUILD_CONST_KEY_MAP` makes the same one dict from the same values in order).
    fn sub_kwargs(&mut self, keywords: &[Keyword]) -> Result<()> {
        let big = keywords.len() * 2 > STACK_USE_GUIDELINE;
        if big {
            self.emit(Op::BuildMap(0));
        }
        for kw in keywords {
            self.emit_const(Const::Str(kw.name.clone().expect("a named keyword")));
            self.expr(&kw.value)?;
            if big {
                self.emit(Op::MapAdd(1));
            }
        }
        if !big {
            self.emit(Op::BuildMap(keywords.len() as u32));
        }
        Ok(())
    }

    fn compare(&mut self, first: &Expr, rest: &[(CmpOp, Expr)]) -> Result<()> {
        self.expr(first)?;
        // The last operand of `in`/`not in` is only iterated (CPython's fold_compare).
        let operand = |c: &mut Compiler, k: usize| -> Result<()> {
            let (op, value) = &rest[k];
            if k + 1 == rest.len() && matches!(op, CmpOp::In | CmpOp::NotIn) {
                c.iterable(value)
            } else {
                c.expr(value)
            }
        };
        if rest.len() == 1 {
            operand(self, 0)?;
            self.compare_op(rest[0].0);
            return Ok(());
        }
        let mut cleanups = Vec::new();
        for (k, (op, _)) in rest.iter().enumerate() {
            operand(self, k)?;
            if k + 1 < rest.len() {
                self.emit(Op::DupTop);
                self.emit(Op::RotThree);
                self.compare_op(*op);
                cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
            } else {
                self.compare_op(*op);
            }
        }
        let to_end = self.emit(Op::Jump(0));
        for c in cleanups {
            self.patch(c);
        }
        self.emit(Op::RotTwo);
        self.emit(Op::PopTop);
        self.patch(to_end);
        Ok(())
    }

    /// An expression that is only iterated over (`for`, comprehensions, `in`): CPython's
    /// `fold_iter` makes a list display a tuple (a constant one if its items are
    /// constants) and a set display of constants a frozenset constant.
    fn iterable(&mut self, e: &Expr) -> Result<()> {
        match &e.kind {
            ExprKind::List(items)
                if !items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) =>
            {
                match constant_tuple(items) {
                    Some(c) => self.emit_const(c),
                    None => {
                        for item in items {
                            self.expr(item)?;
                        }
                        self.emit(Op::BuildTuple(items.len() as u32));
                    }
                }
                Ok(())
            }
            ExprKind::Set(items) => match constant_tuple(items) {
                Some(Const::Tuple(consts)) => {
                    self.emit_const(Const::FrozenSet(consts));
                    Ok(())
                }
                _ => self.expr(e),
            },
            _ => self.expr(e),
        }
    }

    fn compare_op(&mut self, op: CmpOp) {
        self.emit(match op {
            CmpOp::Is => Op::IsOp(0),
            CmpOp::IsNot => Op::IsOp(1),
            CmpOp::In => Op::ContainsOp(0),
            CmpOp::NotIn => Op::ContainsOp(1),
            other => Op::Compare(other),
        });
    }

    fn call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> Result<()> {
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        // Zero-argument `super()`: the `__class__` cell and the first parameter, as
        // CPython's super() finds them in the calling frame.
        if matches!(&func.kind, ExprKind::Name(n) if n == "super")
            && args.is_empty()
            && keywords.is_empty()
        {
            let unit = self.units.last().expect("a unit");
            let first = unit.code.varnames.first().cloned();
            let has_class = unit.code.freevars.iter().any(|f| f == "__class__");
            if let (Some(first), true, Scope::Function) = (first, has_class, unit.code.scope) {
                self.load_name("super");
                self.load_name("__class__");
                self.load_name(&first);
                self.emit(Op::Call(2));
                return Ok(());
            }
        }
        // `obj.method(args)`: no bound method is made.
        if let ExprKind::Attribute(obj, name) = &func.kind {
            if !starred && keywords.is_empty() {
                self.expr(obj)?;
                let i = self.name_index(name);
                self.set_line(func.pos);
                self.emit(Op::LoadMethod(i));
                for a in args {
                    self.expr(a)?;
                }
                self.set_line(func.pos);
                self.emit(Op::CallMethod(args.len() as u32));
                return Ok(());
            }
        }
        self.expr(func)?;
        if starred {
            // A lone `*x` is passed as it is (CALL_FUNCTION_EX makes it a tuple if it
            // is not one); anything else is built into a list, then a tuple.
            match args {
                [Expr {
                    kind: ExprKind::Starred(inner),
                    ..
                }] => self.expr(inner)?,
                _ => {
                    self.starred_list(args)?;
                    self.emit(Op::ListToTuple);
                }
            }
            self.set_line(func.pos);
            return self.ex_call(keywords);
        }
        for a in args {
            self.expr(a)?;
        }
        self.set_line(func.pos);
        self.call_tail(args.len(), keywords)
    }

    fn fstring(&mut self, parts: &[FPart]) -> Result<()> {
        for part in parts {
            match part {
                FPart::Lit(s) => self.emit_const(Const::Str(s.clone())),
                FPart::Value {
                    value,
                    conversion,
                    spec,
                } => {
                    self.expr(value)?;
                    let mut flags = match conversion {
                        None => 0,
                        Some('s') => 1,
                        Some('r') => 2,
                        Some(_) => 3,
                    };
                    if !spec.is_empty() {
                        self.fstring(spec)?;
                        flags |= 4;
                    }
                    self.emit(Op::FormatValue(flags));
                }
            }
        }
        if parts.len() != 1 || matches!(parts[0], FPart::Lit(_)) {
            self.emit(Op::BuildString(parts.len() as u32));
        }
        Ok(())
    }

    /// A comprehension as a nested function called with its first iterable.
    fn comprehension(
        &mut self,
        name: &str,
        pos: Pos,
        gens: &[Comprehension],
        element: impl FnOnce(&mut Compiler, u32) -> Result<()>,
        build: Op,
    ) -> Result<()> {
        // The first iterable is compiled outside, before the comprehension's own scope
        // (the symbol table meets its scopes first too).
        self.iterable(&gens[0].iter)?;
        self.emit(Op::GetIter);
        let scope = self.take_scope();
        let qualname = self.qualname(name);
        self.push_unit(scope, name.to_string(), qualname, Scope::Function, pos.line);
        self.unit().code.argcount = 1;
        let generator = build == Op::Nop;
        self.unit().code.generator = generator;
        if !generator {
            self.emit(build);
        }
        let mut loops = Vec::new();
        for (k, g) in gens.iter().enumerate() {
            if k == 0 {
                self.emit(Op::LoadFast(0));
            } else {
                self.iterable(&g.iter)?;
                self.emit(Op::GetIter);
            }
            let start = self.here();
            let for_iter = self.emit(Op::ForIter(0));
            self.store(&g.target)?;
            let mut skips = Vec::new();
            for cond in &g.ifs {
                self.expr(cond)?;
                skips.push(self.emit(Op::PopJumpIfFalse(start)));
            }
            loops.push((start, for_iter));
        }
        // The result sits under one iterator per loop.
        element(self, gens.len() as u32 + 1)?;
        for (start, for_iter) in loops.into_iter().rev() {
            self.emit(Op::Jump(start));
            self.patch(for_iter);
        }
        if generator {
            self.emit_const(Const::None);
        }
        self.emit(Op::ReturnValue);
        let code = self.pop_unit();
        self.make_function(code, 0);
        self.emit(Op::RotTwo);
        self.emit(Op::Call(1));
        Ok(())
    }
}

/// A tuple display of constants only, as one constant (nested tuples and foldable
/// operations included: see [`crate::fold`]).
fn constant_tuple(items: &[Expr]) -> Option<Const> {
    items
        .iter()
        .map(crate::fold::fold)
        .collect::<Option<Vec<_>>>()
        .map(Const::Tuple)
}
