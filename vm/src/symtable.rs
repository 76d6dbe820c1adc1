//! Scopes: which names are locals, cells, free variables or globals, as CPython's
//! Python/symtable.c decides.
//!
//! A first walk over the syntax tree records, per scope (module, class body, function,
//! lambda, comprehension), the names it binds, the names it uses and its `global` and
//! `nonlocal` declarations. Resolution then decides, for each function scope, which
//! used names are its own locals, which come from an enclosing function (free here, a
//! cell there, and free in every scope in between), and which are globals. Class bodies
//! are skipped when looking outward, as in Python: a method does not see its class's
//! names. Scopes are numbered in the order the walk meets them; the compiler meets them
//! in the same order.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::ast::*;
use crate::bytecode::Scope;
use crate::error::{CompileError, Pos};

/// What a name is in one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    /// A slot of the frame.
    Local,
    /// A local that a nested function uses: it lives in a cell.
    Cell,
    /// A variable of an enclosing function, reached through the closure.
    Free,
    /// Declared `global`, or used and bound nowhere in reach.
    Global,
    /// Module or class namespace (looked up by name).
    Name,
}

/// The result for one scope.
#[derive(Debug, Default)]
pub struct ScopeInfo {
    /// Each name's binding in this scope.
    pub bindings: HashMap<String, Binding>,
    /// Parameters, in order (positional, `*args`, keyword-only, `**kwargs`).
    pub params: Vec<String>,
    /// Locals in the order they appear (parameters first).
    pub locals: Vec<String>,
    /// Cell variables, sorted as CPython sorts them.
    pub cells: Vec<String>,
    /// Free variables, sorted.
    pub frees: Vec<String>,
    /// The scope contains `yield`.
    pub generator: bool,
}

struct Raw {
    kind: Scope,
    parent: Option<usize>,
    params: Vec<String>,
    bound: Vec<String>,
    bound_set: HashSet<String>,
    used: HashSet<String>,
    globals: HashSet<String>,
    nonlocals: Vec<(String, Pos)>,
    generator: bool,
}

/// Analyse a module; the result is indexed by scope number (the module is 0).
pub fn analyse(module: &[Stmt]) -> Result<Vec<ScopeInfo>, CompileError> {
    let mut walker = Walker {
        scopes: Vec::new(),
        current: 0,
    };
    walker.open(Scope::Module, None, Vec::new());
    walker.stmts(module)?;
    resolve(walker.scopes)
}

struct Walker {
    scopes: Vec<Raw>,
    current: usize,
}

impl Walker {
    fn open(&mut self, kind: Scope, parent: Option<usize>, params: Vec<String>) -> usize {
        let mut raw = Raw {
            kind,
            parent,
            params: params.clone(),
            bound: Vec::new(),
            bound_set: HashSet::new(),
            used: HashSet::new(),
            globals: HashSet::new(),
            nonlocals: Vec::new(),
            generator: false,
        };
        for p in params {
            if raw.bound_set.insert(p.clone()) {
                raw.bound.push(p);
            }
        }
        self.scopes.push(raw);
        self.scopes.len() - 1
    }

    fn scope(&mut self) -> &mut Raw {
        &mut self.scopes[self.current]
    }

    fn bind(&mut self, name: &str, pos: Pos) -> Result<(), CompileError> {
        let scope = self.scope();
        if scope.nonlocals.iter().any(|(n, _)| n == name) || scope.globals.contains(name) {
            return Ok(());
        }
        let _ = pos;
        if scope.bound_set.insert(name.to_string()) {
            scope.bound.push(name.to_string());
        }
        Ok(())
    }

    fn use_name(&mut self, name: &str) {
        self.scope().used.insert(name.to_string());
    }

    /// Run `body` in a new nested scope.
    fn nested(
        &mut self,
        kind: Scope,
        params: Vec<String>,
        body: impl FnOnce(&mut Walker) -> Result<(), CompileError>,
    ) -> Result<(), CompileError> {
        let outer = self.current;
        self.current = self.open(kind, Some(outer), params);
        let result = body(self);
        self.current = outer;
        result
    }

    fn stmts(&mut self, stmts: &[Stmt]) -> Result<(), CompileError> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> Result<(), CompileError> {
        match &stmt.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for t in targets {
                    self.target(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.use_name(n);
                }
                self.target(target)
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => Ok(()),
            StmtKind::Return(value) => value.as_ref().map_or(Ok(()), |v| self.expr(v)),
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.target(t)?;
                }
                Ok(())
            }
            StmtKind::Global(names) => {
                for n in names {
                    let scope = self.scope();
                    if scope.bound_set.contains(n) || scope.used.contains(n) {
                        let what = if scope.params.contains(n) {
                            format!("name '{n}' is parameter and global")
                        } else if scope.bound_set.contains(n) {
                            format!("name '{n}' is assigned to before global declaration")
                        } else {
                            format!("name '{n}' is used prior to global declaration")
                        };
                        return Err(CompileError::syntax(what, stmt.pos));
                    }
                    scope.globals.insert(n.clone());
                }
                Ok(())
            }
            StmtKind::Nonlocal(names) => {
                for n in names {
                    let scope = self.scope();
                    if scope.kind == Scope::Module {
                        return Err(CompileError::syntax(
                            "nonlocal declaration not allowed at module level",
                            stmt.pos,
                        ));
                    }
                    if scope.params.contains(n) {
                        return Err(CompileError::syntax(
                            format!("name '{n}' is parameter and nonlocal"),
                            stmt.pos,
                        ));
                    }
                    if scope.bound_set.contains(n) {
                        return Err(CompileError::syntax(
                            format!("name '{n}' is assigned to before nonlocal declaration"),
                            stmt.pos,
                        ));
                    }
                    if scope.used.contains(n) {
                        return Err(CompileError::syntax(
                            format!("name '{n}' is used prior to nonlocal declaration"),
                            stmt.pos,
                        ));
                    }
                    scope.nonlocals.push((n.clone(), stmt.pos));
                }
                Ok(())
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let bound = a
                        .asname
                        .clone()
                        .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string());
                    self.bind(&bound, a.pos)?;
                }
                Ok(())
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.bind(&bound, a.pos)?;
                }
                Ok(())
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                msg.as_ref().map_or(Ok(()), |m| self.expr(m))
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                cause.as_ref().map_or(Ok(()), |c| self.expr(c))
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.bind(n, h.pos)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.expr(&item.context)?;
                    if let Some(t) = &item.target {
                        self.target(t)?;
                    }
                }
                self.stmts(body)
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.function(f)?;
                self.bind(&f.name, stmt.pos)
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d)?;
                }
                // The body's scopes are numbered before those of the bases, in the
                // order the compiler meets them.
                self.nested(Scope::Class, Vec::new(), |w| w.stmts(&c.body))?;
                for b in &c.bases {
                    self.expr(b)?;
                }
                for k in &c.keywords {
                    self.expr(&k.value)?;
                }
                self.bind(&c.name, stmt.pos)
            }
        }
    }

    fn function(&mut self, f: &FunctionDef) -> Result<(), CompileError> {
        let p = &f.params;
        for d in p
            .args
            .iter()
            .chain(&p.kwonly)
            .filter_map(|a| a.default.as_ref())
        {
            self.expr(d)?;
        }
        let params = param_names(p);
        self.nested(Scope::Function, params, |w| w.stmts(&f.body))
    }

    fn target(&mut self, t: &Expr) -> Result<(), CompileError> {
        match &t.kind {
            ExprKind::Name(n) => self.bind(n, t.pos),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(i)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(t),
        }
    }

    fn expr(&mut self, e: &Expr) -> Result<(), CompileError> {
        // An explicit worklist for the wide parts; nesting itself is bounded by the
        // parser.
        match &e.kind {
            ExprKind::Name(n) => {
                self.use_name(n);
                if n == "super" && self.scope().kind == Scope::Function {
                    // Zero-argument super() reads the implicit `__class__` cell.
                    self.use_name("__class__");
                }
                Ok(())
            }
            ExprKind::Const(_) => Ok(()),
            ExprKind::FString(parts) => self.fparts(parts),
            ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::Set(items) => {
                items.iter().try_for_each(|i| self.expr(i))
            }
            ExprKind::Dict(items) => items.iter().try_for_each(|(k, v)| {
                if let Some(k) = k {
                    self.expr(k)?;
                }
                self.expr(v)
            }),
            ExprKind::Starred(inner) | ExprKind::Unary(_, inner) => self.expr(inner),
            ExprKind::Binary(_, a, b) => {
                self.expr(a)?;
                self.expr(b)
            }
            ExprKind::BoolOp(_, values) => values.iter().try_for_each(|v| self.expr(v)),
            ExprKind::Compare(first, rest) => {
                self.expr(first)?;
                rest.iter().try_for_each(|(_, v)| self.expr(v))
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Lambda(f) => self.function(f),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                args.iter().try_for_each(|a| self.expr(a))?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
            ExprKind::Attribute(value, _) => self.expr(value),
            ExprKind::Subscript(value, index) => {
                self.expr(value)?;
                self.expr(index)
            }
            ExprKind::Slice(a, b, c) => {
                for part in [a, b, c].into_iter().flatten() {
                    self.expr(part)?;
                }
                Ok(())
            }
            ExprKind::ListComp(elt, gens) | ExprKind::SetComp(elt, gens) => {
                self.comprehension(gens, |w| w.expr(elt))
            }
            ExprKind::GeneratorExp(elt, gens) => self.comprehension(gens, |w| {
                w.scope().generator = true;
                w.expr(elt)
            }),
            ExprKind::DictComp(k, v, gens) => self.comprehension(gens, |w| {
                w.expr(k)?;
                w.expr(v)
            }),
            ExprKind::NamedExpr(name, value) => {
                self.expr(value)?;
                // `:=` in a comprehension binds in the enclosing function.
                let mut s = self.current;
                while self.scopes[s].params.first().is_some_and(|p| p == ".0") {
                    s = self.scopes[s].parent.unwrap_or(0);
                }
                let saved = self.current;
                self.current = s;
                let r = self.bind(name, e.pos);
                self.current = saved;
                if s != saved {
                    self.scopes[saved].used.insert(name.clone());
                }
                r
            }
            ExprKind::Yield(value) => {
                self.scope().generator = true;
                value.as_ref().map_or(Ok(()), |v| self.expr(v))
            }
            ExprKind::YieldFrom(value) => {
                self.scope().generator = true;
                self.expr(value)
            }
        }
    }

    fn fparts(&mut self, parts: &[FPart]) -> Result<(), CompileError> {
        for p in parts {
            if let FPart::Value { value, spec, .. } = p {
                self.expr(value)?;
                self.fparts(spec)?;
            }
        }
        Ok(())
    }

    /// A comprehension: its first iterable is evaluated outside, the rest inside a
    /// function scope whose one parameter is `.0`.
    fn comprehension(
        &mut self,
        gens: &[Comprehension],
        elt: impl FnOnce(&mut Walker) -> Result<(), CompileError>,
    ) -> Result<(), CompileError> {
        self.expr(&gens[0].iter)?;
        self.nested(Scope::Function, vec![".0".into()], |w| {
            for (k, g) in gens.iter().enumerate() {
                if k > 0 {
                    w.expr(&g.iter)?;
                }
                w.target(&g.target)?;
                for cond in &g.ifs {
                    w.expr(cond)?;
                }
            }
            elt(w)
        })
    }
}

/// A parameter list's names, in CPython's order.
pub fn param_names(p: &Params) -> Vec<String> {
    let mut names: Vec<String> = p.args.iter().map(|a| a.name.clone()).collect();
    names.extend(p.kwonly.iter().map(|a| a.name.clone()));
    if let Some(v) = &p.vararg {
        names.insert(p.args.len(), v.name.clone());
    }
    if let Some(k) = &p.kwarg {
        names.push(k.name.clone());
    }
    names
}

fn resolve(raws: Vec<Raw>) -> Result<Vec<ScopeInfo>, CompileError> {
    let n = raws.len();
    let mut frees: Vec<BTreeSet<String>> = vec![BTreeSet::new(); n];
    let mut cells: Vec<BTreeSet<String>> = vec![BTreeSet::new(); n];
    let is_local = |s: &Raw, name: &str| {
        s.kind == Scope::Function
            && s.bound_set.contains(name)
            && !s.globals.contains(name)
            && !s.nonlocals.iter().any(|(x, _)| x == name)
    };
    for (i, raw) in raws.iter().enumerate() {
        // Names this scope needs from outside: used or nonlocal, not its own.
        let mut wanted: Vec<(String, bool, Pos)> = raw
            .used
            .iter()
            .filter(|u| !is_local(raw, u) && !raw.globals.contains(*u))
            .filter(|u| raw.kind != Scope::Class || !raw.bound_set.contains(*u))
            .map(|u| (u.clone(), false, Pos::default()))
            .collect();
        wanted.extend(raw.nonlocals.iter().map(|(n, p)| (n.clone(), true, *p)));
        wanted.sort();
        for (name, declared, pos) in wanted {
            // The nearest enclosing function that binds it.
            let mut path = Vec::new();
            let mut s = raw.parent;
            let mut found = None;
            while let Some(j) = s {
                let outer = &raws[j];
                if name == "__class__" && outer.kind == Scope::Class {
                    found = Some(j);
                    break;
                }
                if outer.kind == Scope::Function {
                    if is_local(outer, &name) {
                        found = Some(j);
                        break;
                    }
                    if outer.globals.contains(&name) {
                        break;
                    }
                }
                if outer.kind == Scope::Module {
                    break;
                }
                path.push(j);
                s = outer.parent;
            }
            match found {
                Some(j) if raw.kind != Scope::Module => {
                    cells[j].insert(name.clone());
                    frees[i].insert(name.clone());
                    for k in path {
                        if raws[k].kind == Scope::Function || raws[k].kind == Scope::Class {
                            frees[k].insert(name.clone());
                        }
                    }
                }
                _ if declared => {
                    return Err(CompileError::syntax(
                        format!("no binding for nonlocal '{name}' found"),
                        pos,
                    ));
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::with_capacity(n);
    for (i, raw) in raws.into_iter().enumerate() {
        let mut info = ScopeInfo {
            params: raw.params.clone(),
            generator: raw.generator,
            ..ScopeInfo::default()
        };
        let free_set = &frees[i];
        let cell_set = &cells[i];
        for name in raw.bound.iter().chain(raw.used.iter()) {
            let binding = match raw.kind {
                Scope::Module => Binding::Name,
                Scope::Class => {
                    if cell_set.contains(name) {
                        Binding::Cell
                    } else if free_set.contains(name) && !raw.bound_set.contains(name) {
                        Binding::Free
                    } else if raw.globals.contains(name) {
                        Binding::Global
                    } else {
                        Binding::Name
                    }
                }
                Scope::Function => {
                    if raw.globals.contains(name) {
                        Binding::Global
                    } else if cell_set.contains(name) {
                        Binding::Cell
                    } else if free_set.contains(name) {
                        Binding::Free
                    } else if raw.bound_set.contains(name) {
                        Binding::Local
                    } else {
                        Binding::Global
                    }
                }
            };
            info.bindings.insert(name.clone(), binding);
        }
        for name in free_set {
            info.bindings.entry(name.clone()).or_insert(Binding::Free);
        }
        for name in cell_set {
            info.bindings.insert(name.clone(), Binding::Cell);
        }
        if raw.kind == Scope::Function {
            info.locals = raw
                .bound
                .iter()
                .filter(|n| matches!(info.bindings.get(*n), Some(Binding::Local | Binding::Cell)))
                .cloned()
                .collect();
            // Parameters always have slots, even when they live in cells.
            for (k, p) in raw.params.iter().enumerate() {
                if info.locals.get(k) != Some(p) {
                    info.locals.retain(|l| l != p);
                    info.locals.insert(k, p.clone());
                }
            }
        }
        info.cells = cell_set.iter().cloned().collect();
        info.frees = free_set.iter().cloned().collect();
        out.push(info);
    }
    Ok(out)
}
