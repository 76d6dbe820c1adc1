//! The parser: tokens to the syntax tree, by recursive descent over Python 3.11's
//! grammar (Grammar/python.gram), one function per rule, lowest precedence first.
//!
//! Errors carry CPython's messages where programs commonly meet them (`expected ':'`,
//! `Perhaps you forgot a comma?`, `cannot assign to literal here...`, `expected an
//! indented block...`), and `invalid syntax` at the offending token otherwise. Valid
//! Python outside the workload language (`async`, annotations, positional-only
//! parameters, `match`, ...) is refused as `unsupported`, never parsed into something
//! else.
//!
//! Recursion follows the nesting of the source, so it is bounded: brackets by the
//! tokenizer (200 levels), blocks by the indentation limit (100), and the other ways an
//! expression can nest without brackets (`not not ...`, `- - ...`, `lambda: lambda:
//! ...`, chained conditionals) by [`MAX_DEPTH`], past which the parser reports what
//! CPython reports for a program too deep to compile.

use crate::ast::*;
use crate::error::{CompileError, Pos};
use crate::lexer::{tokenize, Kw, StrKind, Tok, Token};

/// How deeply expressions may nest (brackets, unary operators, lambdas, conditionals
/// together) before the program is refused as too deep to compile.
pub const MAX_DEPTH: usize = 400;
/// Below this much native stack left, nested parsing moves to a new segment...
const STACK_RED_ZONE: usize = 128 * 1024;
/// ...of this size.
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// Parse a whole program (a module).
pub fn parse(source: &str) -> Result<Vec<Stmt>> {
    let tokens = tokenize(source)?;
    let mut parser = Parser {
        tokens,
        i: 0,
        depth: 0,
    };
    parser.module()
}

/// Parse the expression of an f-string replacement field.
fn parse_fstring_expr(source: &str, at: Pos) -> Result<Expr> {
    let tokens = tokenize(&format!("({source})")).map_err(|e| relocate(e, at))?;
    let mut parser = Parser {
        tokens,
        i: 0,
        depth: 0,
    };
    let expr = parser.star_expressions().map_err(|e| relocate(e, at))?;
    if !matches!(parser.peek(), Tok::Newline | Tok::EndMarker) {
        return Err(CompileError::syntax("f-string: invalid syntax", at));
    }
    Ok(reposition(expr, at))
}

/// An error inside an f-string's field, placed at the f-string.
fn relocate(err: CompileError, at: Pos) -> CompileError {
    match err {
        CompileError::Syntax { kind, message, .. } => CompileError::Syntax {
            kind,
            message: format!("f-string: {message}"),
            pos: at,
            end: at,
        },
        CompileError::Unsupported { what, .. } => CompileError::Unsupported { what, pos: at },
        CompileError::TooDeep { .. } => CompileError::TooDeep { pos: at },
    }
}

/// Give an f-string field's expression the f-string's position (its own positions are
/// relative to the field's text).
fn reposition(mut expr: Expr, at: Pos) -> Expr {
    expr.pos = at;
    expr
}

struct Parser {
    tokens: Vec<Token>,
    i: usize,
    depth: usize,
}

/// What an assignment target is checked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TargetUse {
    Assign,
    Delete,
    For,
}

type Result<T> = std::result::Result<T, CompileError>;

impl Parser {
    // ---- tokens ----

    fn peek(&self) -> &Tok {
        &self.tokens[self.i].tok
    }

    fn peek_at(&self, k: usize) -> &Tok {
        let last = self.tokens.len() - 1;
        &self.tokens[(self.i + k).min(last)].tok
    }

    fn pos(&self) -> Pos {
        self.tokens[self.i].start
    }

    /// Where the previous token ends.
    fn prev_end(&self) -> Pos {
        self.tokens[self.i.saturating_sub(1)].end
    }

    fn advance(&mut self) -> Tok {
        let tok = self.tokens[self.i].tok.clone();
        if self.i + 1 < self.tokens.len() {
            self.i += 1;
        }
        tok
    }

    fn at_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn at_kw(&self, kw: Kw) -> bool {
        matches!(self.peek(), Tok::Kw(k) if *k == kw)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        let hit = self.at_op(op);
        if hit {
            self.advance();
        }
        hit
    }

    fn eat_kw(&mut self, kw: Kw) -> bool {
        let hit = self.at_kw(kw);
        if hit {
            self.advance();
        }
        hit
    }

    fn expect_op(&mut self, op: &str) -> Result<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.invalid())
        }
    }

    /// `:` ending a compound statement's header: CPython says `expected ':'`, with the
    /// caret just past the header.
    fn expect_colon(&mut self) -> Result<()> {
        if self.eat_op(":") {
            Ok(())
        } else if matches!(self.peek(), Tok::Newline) {
            Err(CompileError::syntax("expected ':'", self.prev_end()))
        } else {
            Err(self.invalid())
        }
    }

    fn name(&mut self) -> Result<Name> {
        match self.peek().clone() {
            Tok::Name(n) => {
                self.advance();
                Ok(n)
            }
            _ => Err(self.invalid()),
        }
    }

    /// `invalid syntax` at the current token.
    fn invalid(&self) -> CompileError {
        let token = &self.tokens[self.i];
        match &token.tok {
            Tok::Indent => CompileError::indentation("unexpected indent", token.end),
            Tok::Kw(Kw::Async | Kw::Await) => {
                CompileError::unsupported("async and await", token.start)
            }
            _ => {
                let end = if token.end.line == token.start.line {
                    token.end
                } else {
                    token.start
                };
                CompileError::syntax_span("invalid syntax", token.start, end)
            }
        }
    }

    /// Parse something nested one level deeper: refused past [`MAX_DEPTH`], and run on
    /// a fresh stack segment when the current one runs low (debug builds take several
    /// kilobytes per level), so that no program can overflow the native stack.
    fn nested<T>(&mut self, parse: impl FnOnce(&mut Parser) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            return Err(CompileError::TooDeep { pos: self.pos() });
        }
        self.depth += 1;
        let result = stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || parse(self));
        self.depth -= 1;
        result
    }

    // ---- statements ----

    fn module(&mut self) -> Result<Vec<Stmt>> {
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::EndMarker => return Ok(body),
                Tok::Newline => {
                    self.advance();
                }
                _ => self.statement(&mut body)?,
            }
        }
    }

    /// One statement, or a line of simple statements, appended to `out`.
    fn statement(&mut self, out: &mut Vec<Stmt>) -> Result<()> {
        match self.peek() {
            Tok::Kw(Kw::If) => out.push(self.if_stmt()?),
            Tok::Kw(Kw::While) => out.push(self.while_stmt()?),
            Tok::Kw(Kw::For) => out.push(self.for_stmt()?),
            Tok::Kw(Kw::Try) => out.push(self.try_stmt()?),
            Tok::Kw(Kw::With) => out.push(self.with_stmt()?),
            Tok::Kw(Kw::Def) => out.push(self.funcdef(Vec::new())?),
            Tok::Kw(Kw::Class) => out.push(self.classdef(Vec::new())?),
            Tok::Op("@") => out.push(self.decorated()?),
            Tok::Name(n) if n == "match" && self.looks_like_match() => {
                return Err(CompileError::unsupported("the match statement", self.pos()))
            }
            _ => self.simple_statements(out)?,
        }
        Ok(())
    }

    /// `match x:` at the start of a line (a soft keyword: `match = 1` is an assignment).
    fn looks_like_match(&self) -> bool {
        let mut k = 1;
        let mut depth = 0usize;
        loop {
            match self.peek_at(k) {
                Tok::Newline | Tok::EndMarker => return false,
                Tok::Op("(" | "[" | "{") => depth += 1,
                Tok::Op(")" | "]" | "}") => depth = depth.saturating_sub(1),
                Tok::Op(":") if depth == 0 => {
                    return k > 1 && matches!(self.peek_at(k + 1), Tok::Newline)
                }
                Tok::Op("=") if depth == 0 => return false,
                _ => {}
            }
            k += 1;
        }
    }

    fn simple_statements(&mut self, out: &mut Vec<Stmt>) -> Result<()> {
        loop {
            out.push(self.simple_statement()?);
            if self.eat_op(";") {
                if matches!(self.peek(), Tok::Newline) {
                    break;
                }
                continue;
            }
            break;
        }
        match self.peek() {
            Tok::Newline => {
                self.advance();
                Ok(())
            }
            Tok::EndMarker => Ok(()),
            _ => Err(self.invalid()),
        }
    }

    fn simple_statement(&mut self) -> Result<Stmt> {
        let pos = self.pos();
        let kind = match self.peek() {
            Tok::Kw(Kw::Pass) => {
                self.advance();
                StmtKind::Pass
            }
            Tok::Kw(Kw::Break) => {
                self.advance();
                StmtKind::Break
            }
            Tok::Kw(Kw::Continue) => {
                self.advance();
                StmtKind::Continue
            }
            Tok::Kw(Kw::Return) => {
                self.advance();
                let value = if self.at_statement_end() {
                    None
                } else {
                    Some(self.star_expressions()?)
                };
                StmtKind::Return(value)
            }
            Tok::Kw(Kw::Del) => {
                self.advance();
                let mut targets = Vec::new();
                loop {
                    let target = self.bitwise_or()?;
                    check_target(&target, TargetUse::Delete)?;
                    targets.push(target);
                    if !self.eat_op(",") || self.at_statement_end() {
                        break;
                    }
                }
                StmtKind::Delete(targets)
            }
            Tok::Kw(Kw::Global) | Tok::Kw(Kw::Nonlocal) => {
                let global = self.at_kw(Kw::Global);
                self.advance();
                let mut names = vec![self.name()?];
                while self.eat_op(",") {
                    names.push(self.name()?);
                }
                if global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            Tok::Kw(Kw::Import) => {
                self.advance();
                let mut names = vec![self.alias(true)?];
                while self.eat_op(",") {
                    names.push(self.alias(true)?);
                }
                for a in &names {
                    importable(&a.name, a.pos)?;
                }
                StmtKind::Import(names)
            }
            Tok::Kw(Kw::From) => {
                self.advance();
                if self.at_op(".") || self.at_op("...") {
                    return Err(CompileError::unsupported("relative imports", self.pos()));
                }
                let at = self.pos();
                let module = self.dotted_name()?;
                importable(&module, at)?;
                if !self.eat_kw(Kw::Import) {
                    return Err(self.invalid());
                }
                let names = if self.at_op("*") {
                    return Err(CompileError::unsupported("'import *'", self.pos()));
                } else if self.eat_op("(") {
                    let mut names = vec![self.alias(false)?];
                    while self.eat_op(",") && !self.at_op(")") {
                        names.push(self.alias(false)?);
                    }
                    self.expect_op(")")?;
                    names
                } else {
                    let mut names = vec![self.alias(false)?];
                    while self.eat_op(",") {
                        names.push(self.alias(false)?);
                    }
                    names
                };
                StmtKind::ImportFrom { module, names }
            }
            Tok::Kw(Kw::Assert) => {
                self.advance();
                let test = self.expression()?;
                let msg = if self.eat_op(",") {
                    Some(self.expression()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Tok::Kw(Kw::Raise) => {
                self.advance();
                if self.at_statement_end() {
                    StmtKind::Raise {
                        exc: None,
                        cause: None,
                    }
                } else {
                    let exc = self.expression()?;
                    let cause = if self.eat_kw(Kw::From) {
                        Some(self.expression()?)
                    } else {
                        None
                    };
                    StmtKind::Raise {
                        exc: Some(exc),
                        cause,
                    }
                }
            }
            _ => return self.expression_statement(),
        };
        Ok(Stmt { kind, pos })
    }

    fn at_statement_end(&self) -> bool {
        matches!(self.peek(), Tok::Newline | Tok::EndMarker | Tok::Op(";"))
    }

    fn dotted_name(&mut self) -> Result<Name> {
        let mut name = self.name()?;
        while self.eat_op(".") {
            name.push('.');
            name.push_str(&self.name()?);
        }
        Ok(name)
    }

    fn alias(&mut self, dotted: bool) -> Result<Alias> {
        let pos = self.pos();
        let name = if dotted {
            self.dotted_name()?
        } else {
            self.name()?
        };
        let asname = if self.eat_kw(Kw::As) {
            Some(self.name()?)
        } else {
            None
        };
        Ok(Alias { name, asname, pos })
    }

    /// An expression statement, an assignment chain or an augmented assignment.
    fn expression_statement(&mut self) -> Result<Stmt> {
        let pos = self.pos();
        let first = self.star_expressions_or_yield()?;
        if self.at_op(":") {
            return Err(CompileError::unsupported(
                "variable annotations",
                self.pos(),
            ));
        }
        if let Tok::Op(op) = self.peek() {
            if let Some(binop) = augmented(op) {
                check_augmented(&first)?;
                self.advance();
                let value = self.star_expressions_or_yield()?;
                return Ok(Stmt {
                    kind: StmtKind::AugAssign {
                        target: first,
                        op: binop,
                        value,
                    },
                    pos,
                });
            }
        }
        if !self.at_op("=") {
            return Ok(Stmt {
                kind: StmtKind::Expr(first),
                pos,
            });
        }
        let mut exprs = vec![first];
        while self.eat_op("=") {
            exprs.push(self.star_expressions_or_yield()?);
        }
        let value = exprs.pop().expect("at least two");
        for target in &exprs {
            check_target(target, TargetUse::Assign)?;
        }
        Ok(Stmt {
            kind: StmtKind::Assign {
                targets: exprs,
                value,
            },
            pos,
        })
    }

    fn star_expressions_or_yield(&mut self) -> Result<Expr> {
        if self.at_kw(Kw::Yield) {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    /// An indented block after a compound statement's header (or the simple statements
    /// on the header's own line).
    fn block(&mut self, what: &str, header: Pos) -> Result<Vec<Stmt>> {
        let mut body = Vec::new();
        if !matches!(self.peek(), Tok::Newline) {
            self.simple_statements(&mut body)?;
            return Ok(body);
        }
        self.advance();
        if !matches!(self.peek(), Tok::Indent) {
            return Err(CompileError::indentation(
                format!(
                    "expected an indented block after {what} on line {}",
                    header.line
                ),
                self.pos(),
            ));
        }
        self.advance();
        loop {
            match self.peek() {
                Tok::Dedent => {
                    self.advance();
                    return Ok(body);
                }
                Tok::EndMarker => return Ok(body),
                _ => self.statement(&mut body)?,
            }
        }
    }

    fn if_stmt(&mut self) -> Result<Stmt> {
        let pos = self.pos();
        self.advance(); // `if` or `elif`
        let test = self.named_expression()?;
        self.expect_colon()?;
        let body = self.block("'if' statement", pos)?;
        let orelse = if self.at_kw(Kw::Elif) {
            vec![self.if_stmt()?]
        } else if self.at_kw(Kw::Else) {
            let else_pos = self.pos();
            self.advance();
            self.expect_colon()?;
            self.block("'else' statement", else_pos)?
        } else {
            Vec::new()
        };
        Ok(Stmt {
            kind: StmtKind::If { test, body, orelse },
            pos,
        })
    }

    fn loop_else(&mut self) -> Result<Vec<Stmt>> {
        if self.at_kw(Kw::Else) {
            let pos = self.pos();
            self.advance();
            self.expect_colon()?;
            self.block("'else' statement", pos)
        } else {
            Ok(Vec::new())
        }
    }

    fn while_stmt(&mut self) -> Result<Stmt> {
        let pos = self.pos();
        self.advance();
        let test = self.named_expression()?;
        self.expect_colon()?;
        let body = self.block("'while' statement", pos)?;
        let orelse = self.loop_else()?;
        Ok(Stmt {
            kind: StmtKind::While { test, body, orelse },
            pos,
        })
    }

    fn for_stmt(&mut self) -> Result<Stmt> {
        let pos = self.pos();
        self.advance();
        let target = self.target_list()?;
        if !self.eat_kw(Kw::In) {
            return Err(self.invalid());
        }
        let iter = self.star_expressions()?;
        self.expect_colon()?;
        let body = self.block("'for' statement", pos)?;
        let orelse = self.loop_else()?;
        Ok(Stmt {
            kind: StmtKind::For {
                target,
                iter,
                body,
                orelse,
            },
            pos,
        })
    }

    /// The target of `for` (and of a comprehension): a star-target list.
    fn target_list(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let first = self.star_target()?;
        if !self.at_op(",") {
            check_target(&first, TargetUse::For)?;
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_kw(Kw::In) || self.at_op("=") {
                break;
            }
            items.push(self.star_target()?);
        }
        let target = Expr {
            kind: ExprKind::Tuple(items),
            pos,
        };
        check_target(&target, TargetUse::For)?;
        Ok(target)
    }

    fn star_target(&mut self) -> Result<Expr> {
        if self.at_op("*") {
            let pos = self.pos();
            self.advance();
            let inner = self.bitwise_or()?;
            return Ok(Expr {
                kind: ExprKind::Starred(Box::new(inner)),
                pos,
            });
        }
        self.bitwise_or()
    }

    fn try_stmt(&mut self) -> Result<Stmt> {
        let pos = self.pos();
        self.advance();
        self.expect_colon()?;
        let body = self.block("'try' statement", pos)?;
        let mut handlers = Vec::new();
        while self.at_kw(Kw::Except) {
            let hpos = self.pos();
            self.advance();
            if self.at_op("*") {
                return Err(CompileError::unsupported("except*", self.pos()));
            }
            let (typ, name) = if self.at_op(":") {
                (None, None)
            } else {
                let typ = self.expression()?;
                let typ = if self.at_op(",") {
                    // `except A, B:` is Python 2.
                    return Err(CompileError::syntax_span(
                        "multiple exception types must be parenthesized",
                        typ.pos,
                        self.prev_end(),
                    ));
                } else {
                    typ
                };
                let name = if self.eat_kw(Kw::As) {
                    Some(self.name()?)
                } else {
                    None
                };
                (Some(typ), name)
            };
            self.expect_colon()?;
            let body = self.block("'except' statement", hpos)?;
            handlers.push(Handler {
                typ,
                name,
                body,
                pos: hpos,
            });
        }
        let orelse = if !handlers.is_empty() && self.at_kw(Kw::Else) {
            let epos = self.pos();
            self.advance();
            self.expect_colon()?;
            self.block("'else' statement", epos)?
        } else {
            Vec::new()
        };
        let finalbody = if self.at_kw(Kw::Finally) {
            let fpos = self.pos();
            self.advance();
            self.expect_colon()?;
            self.block("'finally' statement", fpos)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(CompileError::syntax(
                "expected 'except' or 'finally' block",
                self.pos(),
            ));
        }
        Ok(Stmt {
            kind: StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
            pos,
        })
    }

    fn with_stmt(&mut self) -> Result<Stmt> {
        let pos = self.pos();
        self.advance();
        let mut items = Vec::new();
        // `with (a as b, c):` — a parenthesized list of items — or plain items.
        loop {
            let context = self.expression()?;
            let target = if self.eat_kw(Kw::As) {
                let target = self.star_target()?;
                check_target(&target, TargetUse::Assign)?;
                Some(target)
            } else {
                None
            };
            items.push(WithItem { context, target });
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_colon()?;
        let body = self.block("'with' statement", pos)?;
        Ok(Stmt {
            kind: StmtKind::With { items, body },
            pos,
        })
    }

    fn decorated(&mut self) -> Result<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.named_expression()?);
            if !matches!(self.peek(), Tok::Newline) {
                return Err(self.invalid());
            }
            self.advance();
        }
        match self.peek() {
            Tok::Kw(Kw::Def) => self.funcdef(decorators),
            Tok::Kw(Kw::Class) => self.classdef(decorators),
            _ => Err(self.invalid()),
        }
    }

    fn funcdef(&mut self, decorators: Vec<Expr>) -> Result<Stmt> {
        let pos = self.pos();
        self.advance();
        let name = self.name()?;
        self.expect_op("(")?;
        let params = self.params(")")?;
        self.expect_op(")")?;
        if self.at_op("->") {
            return Err(CompileError::unsupported("return annotations", self.pos()));
        }
        self.expect_colon()?;
        let body = self.block("function definition", pos)?;
        Ok(Stmt {
            kind: StmtKind::FunctionDef(Box::new(FunctionDef {
                name,
                params,
                body,
                decorators,
            })),
            pos,
        })
    }

    /// A parameter list, up to (not including) `close`: `)` for `def`, `:` for lambda.
    fn params(&mut self, close: &str) -> Result<Params> {
        let mut params = Params::default();
        let mut seen_default = false;
        let mut star = false;
        let mut names: Vec<Name> = Vec::new();
        while !self.at_op(close) {
            let pos = self.pos();
            if self.eat_op("**") {
                let name = self.name()?;
                params.kwarg = Some(Param {
                    name: name.clone(),
                    default: None,
                    pos,
                });
                names.push(name);
                self.eat_op(",");
                if !self.at_op(close) {
                    return Err(CompileError::syntax(
                        "arguments cannot follow var-keyword argument",
                        self.pos(),
                    ));
                }
                break;
            }
            if self.eat_op("*") {
                if star {
                    return Err(CompileError::syntax("* argument may appear only once", pos));
                }
                star = true;
                if let Tok::Name(_) = self.peek() {
                    let name = self.name()?;
                    params.vararg = Some(Param {
                        name: name.clone(),
                        default: None,
                        pos,
                    });
                    names.push(name);
                } else if self.at_op(close)
                    || self.at_op(",") && { matches!(self.peek_at(1), Tok::Op(o) if *o == close) }
                {
                    return Err(CompileError::syntax(
                        "named arguments must follow bare *",
                        pos,
                    ));
                }
            } else if self.at_op("/") {
                return Err(CompileError::unsupported("positional-only parameters", pos));
            } else {
                let name = self.name()?;
                if close == ")" && self.at_op(":") {
                    return Err(CompileError::unsupported(
                        "parameter annotations",
                        self.pos(),
                    ));
                }
                let default = if self.eat_op("=") {
                    Some(self.expression()?)
                } else {
                    None
                };
                if names.contains(&name) {
                    return Err(CompileError::syntax(
                        format!("duplicate argument '{name}' in function definition"),
                        pos,
                    ));
                }
                names.push(name.clone());
                let param = Param { name, default, pos };
                if star {
                    params.kwonly.push(param);
                } else {
                    if param.default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return Err(CompileError::syntax(
                            "non-default argument follows default argument",
                            pos,
                        ));
                    }
                    params.args.push(param);
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        // Duplicates among *args and **kwargs too.
        for (k, n) in names.iter().enumerate() {
            if names[..k].contains(n) {
                return Err(CompileError::syntax(
                    format!("duplicate argument '{n}' in function definition"),
                    self.pos(),
                ));
            }
        }
        Ok(params)
    }

    fn classdef(&mut self, decorators: Vec<Expr>) -> Result<Stmt> {
        let pos = self.pos();
        self.advance();
        let name = self.name()?;
        let (bases, keywords) = if self.eat_op("(") {
            let (args, keywords) = self.arguments()?;
            self.expect_op(")")?;
            (args, keywords)
        } else {
            (Vec::new(), Vec::new())
        };
        self.expect_colon()?;
        let body = self.block("class definition", pos)?;
        Ok(Stmt {
            kind: StmtKind::ClassDef(Box::new(ClassDef {
                name,
                bases,
                keywords,
                body,
                decorators,
            })),
            pos,
        })
    }

    // ---- expressions ----

    /// `a, *b, c` — a tuple if there is a comma — or one expression.
    fn star_expressions(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let first = self.star_expression()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_expression_end() {
                break;
            }
            items.push(self.star_expression()?);
        }
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            pos,
        })
    }

    /// Whether the next token cannot start an expression (after a trailing comma).
    fn at_expression_end(&self) -> bool {
        matches!(
            self.peek(),
            Tok::Newline
                | Tok::EndMarker
                | Tok::Op(")" | "]" | "}" | "=" | ";" | ":")
                | Tok::Kw(Kw::In)
        ) || matches!(self.peek(), Tok::Op(op) if augmented(op).is_some())
    }

    fn star_expression(&mut self) -> Result<Expr> {
        if self.at_op("*") {
            let pos = self.pos();
            self.advance();
            let inner = self.bitwise_or()?;
            return Ok(Expr {
                kind: ExprKind::Starred(Box::new(inner)),
                pos,
            });
        }
        self.expression()
    }

    /// `name := value` or an expression.
    fn named_expression(&mut self) -> Result<Expr> {
        if let (Tok::Name(name), Tok::Op(":=")) = (self.peek().clone(), self.peek_at(1)) {
            let pos = self.pos();
            self.advance();
            self.advance();
            let value = self.expression()?;
            return Ok(Expr {
                kind: ExprKind::NamedExpr(name, Box::new(value)),
                pos,
            });
        }
        let expr = self.expression()?;
        if self.at_op(":=") {
            return Err(CompileError::syntax(
                format!("cannot use assignment expressions with {}", describe(&expr)),
                expr.pos,
            ));
        }
        Ok(expr)
    }

    /// A conditional expression or a lambda.
    fn expression(&mut self) -> Result<Expr> {
        self.nested(Parser::expression_inner)
    }

    fn expression_inner(&mut self) -> Result<Expr> {
        if self.at_kw(Kw::Lambda) {
            return self.lambda();
        }
        let pos = self.pos();
        let body = self.disjunction()?;
        if !self.eat_kw(Kw::If) {
            return Ok(body);
        }
        let test = self.disjunction()?;
        if !self.eat_kw(Kw::Else) {
            return Err(CompileError::syntax_span(
                "expected 'else' after 'if' expression",
                pos,
                self.prev_end(),
            ));
        }
        let orelse = self.expression()?;
        Ok(Expr {
            kind: ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
            pos,
        })
    }

    fn lambda(&mut self) -> Result<Expr> {
        let pos = self.pos();
        self.advance();
        let params = self.params(":")?;
        self.expect_op(":")?;
        let body = self.expression()?;
        let body_pos = body.pos;
        Ok(Expr {
            kind: ExprKind::Lambda(Box::new(FunctionDef {
                name: "<lambda>".into(),
                params,
                body: vec![Stmt {
                    kind: StmtKind::Return(Some(body)),
                    pos: body_pos,
                }],
                decorators: Vec::new(),
            })),
            pos,
        })
    }

    fn disjunction(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let first = self.conjunction()?;
        if !self.at_kw(Kw::Or) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(Kw::Or) {
            values.push(self.conjunction()?);
        }
        Ok(Expr {
            kind: ExprKind::BoolOp(BoolOp::Or, values),
            pos,
        })
    }

    fn conjunction(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let first = self.inversion()?;
        if !self.at_kw(Kw::And) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(Kw::And) {
            values.push(self.inversion()?);
        }
        Ok(Expr {
            kind: ExprKind::BoolOp(BoolOp::And, values),
            pos,
        })
    }

    fn inversion(&mut self) -> Result<Expr> {
        if self.at_kw(Kw::Not) {
            let pos = self.pos();
            self.advance();
            let operand = self.nested(Parser::inversion)?;
            return Ok(Expr {
                kind: ExprKind::Unary(UnaryOp::Not, Box::new(operand)),
                pos,
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let first = self.bitwise_or()?;
        let mut ops = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Op("==") => CmpOp::Eq,
                Tok::Op("!=") => CmpOp::NotEq,
                Tok::Op("<") => CmpOp::Lt,
                Tok::Op("<=") => CmpOp::LtE,
                Tok::Op(">") => CmpOp::Gt,
                Tok::Op(">=") => CmpOp::GtE,
                Tok::Kw(Kw::In) => CmpOp::In,
                Tok::Kw(Kw::Is) => {
                    if matches!(self.peek_at(1), Tok::Kw(Kw::Not)) {
                        self.advance();
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    }
                }
                Tok::Kw(Kw::Not) if matches!(self.peek_at(1), Tok::Kw(Kw::In)) => {
                    self.advance();
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.advance();
            ops.push((op, self.bitwise_or()?));
        }
        if ops.is_empty() {
            return Ok(first);
        }
        Ok(Expr {
            kind: ExprKind::Compare(Box::new(first), ops),
            pos,
        })
    }

    /// The binary operators, by precedence level (lowest first), all left-associative.
    fn binary_level(&mut self, level: usize) -> Result<Expr> {
        const LEVELS: [&[(&str, BinOp)]; 6] = [
            &[("|", BinOp::BitOr)],
            &[("^", BinOp::BitXor)],
            &[("&", BinOp::BitAnd)],
            &[("<<", BinOp::LShift), (">>", BinOp::RShift)],
            &[("+", BinOp::Add), ("-", BinOp::Sub)],
            &[
                ("*", BinOp::Mul),
                ("/", BinOp::Div),
                ("//", BinOp::FloorDiv),
                ("%", BinOp::Mod),
                ("@", BinOp::MatMul),
            ],
        ];
        let pos = self.pos();
        let next = |p: &mut Parser| {
            if level + 1 < LEVELS.len() {
                p.binary_level(level + 1)
            } else {
                p.factor()
            }
        };
        let mut left = next(self)?;
        while let Some(&(_, binop)) = match self.peek() {
            Tok::Op(op) => LEVELS[level].iter().find(|(s, _)| s == op),
            _ => None,
        } {
            self.advance();
            let right = next(self)?;
            left = Expr {
                kind: ExprKind::Binary(binop, Box::new(left), Box::new(right)),
                pos,
            };
        }
        Ok(left)
    }

    fn bitwise_or(&mut self) -> Result<Expr> {
        self.binary_level(0)
    }

    /// Unary `+`, `-`, `~`.
    fn factor(&mut self) -> Result<Expr> {
        let op = match self.peek() {
            Tok::Op("-") => UnaryOp::Neg,
            Tok::Op("+") => UnaryOp::Pos,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        let pos = self.pos();
        self.advance();
        let operand = self.nested(Parser::factor)?;
        Ok(Expr {
            kind: ExprKind::Unary(op, Box::new(operand)),
            pos,
        })
    }

    /// `a ** b`: right-associative, binding tighter than a unary operator on its left.
    fn power(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let base = self.primary()?;
        if !self.eat_op("**") {
            return Ok(base);
        }
        let exponent = self.nested(Parser::factor)?;
        Ok(Expr {
            kind: ExprKind::Binary(BinOp::Pow, Box::new(base), Box::new(exponent)),
            pos,
        })
    }

    /// An atom followed by calls, attributes and subscripts.
    fn primary(&mut self) -> Result<Expr> {
        if self.at_kw(Kw::Await) {
            return Err(CompileError::unsupported("async and await", self.pos()));
        }
        let pos = self.pos();
        let mut expr = self.atom()?;
        loop {
            if self.eat_op(".") {
                let name = self.name()?;
                expr = Expr {
                    kind: ExprKind::Attribute(Box::new(expr), name),
                    pos,
                };
            } else if self.eat_op("(") {
                let (args, keywords) = self.arguments()?;
                self.expect_op(")")?;
                expr = Expr {
                    kind: ExprKind::Call {
                        func: Box::new(expr),
                        args,
                        keywords,
                    },
                    pos,
                };
            } else if self.eat_op("[") {
                let index = self.slices()?;
                self.expect_op("]")?;
                expr = Expr {
                    kind: ExprKind::Subscript(Box::new(expr), Box::new(index)),
                    pos,
                };
            } else {
                return Ok(expr);
            }
        }
    }

    /// A call's arguments, up to `)`.
    fn arguments(&mut self) -> Result<(Vec<Expr>, Vec<Keyword>)> {
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_double_star = false;
        while !self.at_op(")") {
            let pos = self.pos();
            if self.eat_op("**") {
                let value = self.expression()?;
                keywords.push(Keyword { name: None, value });
                seen_double_star = true;
            } else if self.eat_op("*") {
                if seen_double_star {
                    return Err(CompileError::syntax(
                        "iterable argument unpacking follows keyword argument unpacking",
                        pos,
                    ));
                }
                let inner = self.expression()?;
                args.push(Expr {
                    kind: ExprKind::Starred(Box::new(inner)),
                    pos,
                });
            } else if let (Tok::Name(name), Tok::Op("=")) = (self.peek().clone(), self.peek_at(1)) {
                self.advance();
                self.advance();
                let value = self.expression()?;
                if keywords
                    .iter()
                    .any(|k| k.name.as_deref() == Some(name.as_str()))
                {
                    return Err(CompileError::syntax(
                        format!("keyword argument repeated: {name}"),
                        pos,
                    ));
                }
                keywords.push(Keyword {
                    name: Some(name),
                    value,
                });
            } else {
                let value = self.named_expression()?;
                let value = if self.at_kw(Kw::For) {
                    let generators = self.comprehension_clauses()?;
                    let genexp = Expr {
                        kind: ExprKind::GeneratorExp(Box::new(value), generators),
                        pos,
                    };
                    if !args.is_empty()
                        || !keywords.is_empty()
                        || self.at_op(",") && !matches!(self.peek_at(1), Tok::Op(")"))
                    {
                        return Err(CompileError::syntax_span(
                            "Generator expression must be parenthesized",
                            pos,
                            self.prev_end(),
                        ));
                    }
                    genexp
                } else {
                    value
                };
                if !keywords.is_empty() {
                    let message = if seen_double_star {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    return Err(CompileError::syntax(message, self.prev_end()));
                }
                args.push(value);
            }
            if !self.eat_op(",") {
                if !self.at_op(")") && !matches!(self.peek(), Tok::Newline | Tok::EndMarker) {
                    return Err(self.forgot_comma(pos));
                }
                break;
            }
        }
        Ok((args, keywords))
    }

    /// Two expressions side by side inside brackets: CPython's comma hint.
    fn forgot_comma(&self, from: Pos) -> CompileError {
        if matches!(
            self.peek(),
            Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Str { .. }
        ) {
            let end = self.tokens[self.i].end;
            CompileError::syntax_span(
                "invalid syntax. Perhaps you forgot a comma?",
                from,
                if end.line == from.line { end } else { from },
            )
        } else {
            self.invalid()
        }
    }

    /// The inside of `[...]` after an expression: an index, a slice, or a tuple of them.
    fn slices(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let first = self.slice()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op("]") {
                break;
            }
            items.push(self.slice()?);
        }
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            pos,
        })
    }

    fn slice(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let lower = if self.at_op(":") {
            None
        } else {
            let e = self.named_expression()?;
            if !self.at_op(":") {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect_op(":")?;
        let upper = if self.at_op(":") || self.at_op("]") || self.at_op(",") {
            None
        } else {
            Some(Box::new(self.expression()?))
        };
        let step = if self.eat_op(":") {
            if self.at_op("]") || self.at_op(",") {
                None
            } else {
                Some(Box::new(self.expression()?))
            }
        } else {
            None
        };
        Ok(Expr {
            kind: ExprKind::Slice(lower, upper, step),
            pos,
        })
    }

    fn atom(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let kind = match self.peek().clone() {
            Tok::Name(name) => {
                self.advance();
                ExprKind::Name(name)
            }
            Tok::Kw(Kw::None) => {
                self.advance();
                ExprKind::Const(Const::None)
            }
            Tok::Kw(Kw::True) => {
                self.advance();
                ExprKind::Const(Const::Bool(true))
            }
            Tok::Kw(Kw::False) => {
                self.advance();
                ExprKind::Const(Const::Bool(false))
            }
            Tok::Int(v) => {
                self.advance();
                ExprKind::Const(Const::Int(v))
            }
            Tok::Float(v) => {
                self.advance();
                ExprKind::Const(Const::Float(v))
            }
            Tok::Str { .. } => return self.strings(),
            Tok::Op("...") => {
                self.advance();
                ExprKind::Const(Const::Ellipsis)
            }
            Tok::Op("(") => {
                self.advance();
                return self.nested(|p| p.paren_contents(pos));
            }
            Tok::Op("[") => {
                self.advance();
                return self.nested(|p| p.list_contents(pos));
            }
            Tok::Op("{") => {
                self.advance();
                return self.nested(|p| p.brace_contents(pos));
            }
            Tok::Kw(Kw::Yield) => {
                return Err(CompileError::syntax("invalid syntax", pos));
            }
            _ => return Err(self.invalid()),
        };
        Ok(Expr { kind, pos })
    }

    /// After `(`: `()`, `(x)`, `(x,)`, `(a, b)`, `(x for ...)`, `(yield x)`.
    fn paren_contents(&mut self, pos: Pos) -> Result<Expr> {
        if self.eat_op(")") {
            return Ok(Expr {
                kind: ExprKind::Tuple(Vec::new()),
                pos,
            });
        }
        if self.at_kw(Kw::Yield) {
            let y = self.yield_expr()?;
            self.expect_op(")")?;
            return Ok(y);
        }
        let first = if self.at_op("*") {
            self.star_expression()?
        } else {
            self.named_expression()?
        };
        if self.at_kw(Kw::For) {
            let generators = self.comprehension_clauses()?;
            self.expect_op(")")?;
            return Ok(Expr {
                kind: ExprKind::GeneratorExp(Box::new(first), generators),
                pos,
            });
        }
        if self.eat_op(")") {
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Err(CompileError::syntax(
                    "cannot use starred expression here",
                    first.pos,
                ));
            }
            // A parenthesized expression keeps its own position.
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(")") {
                break;
            }
            items.push(self.star_expression()?);
        }
        if !self.at_op(")") {
            return Err(self.forgot_comma(items.last().expect("an item").pos));
        }
        self.advance();
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            pos,
        })
    }

    fn list_contents(&mut self, pos: Pos) -> Result<Expr> {
        if self.eat_op("]") {
            return Ok(Expr {
                kind: ExprKind::List(Vec::new()),
                pos,
            });
        }
        let first = if self.at_op("*") {
            self.star_expression()?
        } else {
            self.named_expression()?
        };
        if self.at_kw(Kw::For) {
            let generators = self.comprehension_clauses()?;
            self.expect_op("]")?;
            return Ok(Expr {
                kind: ExprKind::ListComp(Box::new(first), generators),
                pos,
            });
        }
        let items = self.display_items(first, "]")?;
        Ok(Expr {
            kind: ExprKind::List(items),
            pos,
        })
    }

    /// The rest of a list or set display after its first item, through `close`.
    fn display_items(&mut self, first: Expr, close: &str) -> Result<Vec<Expr>> {
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(close) {
                break;
            }
            let item = if self.at_op("*") {
                self.star_expression()?
            } else {
                self.named_expression()?
            };
            items.push(item);
        }
        if !self.at_op(close) {
            return Err(self.forgot_comma(items.last().expect("an item").pos));
        }
        self.advance();
        Ok(items)
    }

    /// After `{`: a dict or set display or comprehension.
    fn brace_contents(&mut self, pos: Pos) -> Result<Expr> {
        if self.eat_op("}") {
            return Ok(Expr {
                kind: ExprKind::Dict(Vec::new()),
                pos,
            });
        }
        if self.eat_op("**") {
            let value = self.bitwise_or()?;
            return self.dict_rest(pos, None, value);
        }
        let first = if self.at_op("*") {
            self.star_expression()?
        } else {
            self.named_expression()?
        };
        if self.eat_op(":") {
            let value = self.expression()?;
            if self.at_kw(Kw::For) {
                let generators = self.comprehension_clauses()?;
                self.expect_op("}")?;
                return Ok(Expr {
                    kind: ExprKind::DictComp(Box::new(first), Box::new(value), generators),
                    pos,
                });
            }
            return self.dict_rest(pos, Some(first), value);
        }
        if self.at_kw(Kw::For) {
            let generators = self.comprehension_clauses()?;
            self.expect_op("}")?;
            return Ok(Expr {
                kind: ExprKind::SetComp(Box::new(first), generators),
                pos,
            });
        }
        let items = self.display_items(first, "}")?;
        Ok(Expr {
            kind: ExprKind::Set(items),
            pos,
        })
    }

    fn dict_rest(&mut self, pos: Pos, key: Option<Expr>, value: Expr) -> Result<Expr> {
        let mut items = vec![(key, value)];
        while self.eat_op(",") {
            if self.at_op("}") {
                break;
            }
            if self.eat_op("**") {
                let value = self.bitwise_or()?;
                items.push((None, value));
                continue;
            }
            let key = self.expression()?;
            if !self.eat_op(":") {
                return Err(CompileError::syntax(
                    "':' expected after dictionary key",
                    key.pos,
                ));
            }
            let value = self.expression()?;
            items.push((Some(key), value));
        }
        if !self.at_op("}") {
            return Err(self.invalid());
        }
        self.advance();
        Ok(Expr {
            kind: ExprKind::Dict(items),
            pos,
        })
    }

    fn comprehension_clauses(&mut self) -> Result<Vec<Comprehension>> {
        let mut generators = Vec::new();
        while self.at_kw(Kw::For) {
            self.advance();
            let target = self.target_list()?;
            if !self.eat_kw(Kw::In) {
                return Err(self.invalid());
            }
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw(Kw::If) {
                ifs.push(self.disjunction()?);
            }
            generators.push(Comprehension { target, iter, ifs });
        }
        Ok(generators)
    }

    fn yield_expr(&mut self) -> Result<Expr> {
        let pos = self.pos();
        self.advance();
        if self.eat_kw(Kw::From) {
            let value = self.expression()?;
            return Ok(Expr {
                kind: ExprKind::YieldFrom(Box::new(value)),
                pos,
            });
        }
        let value = if self.at_expression_end() {
            None
        } else {
            Some(Box::new(self.star_expressions()?))
        };
        Ok(Expr {
            kind: ExprKind::Yield(value),
            pos,
        })
    }

    /// Adjacent string literals, joined (f-strings parsed into parts).
    fn strings(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let mut parts: Vec<FPart> = Vec::new();
        let mut bytes: Option<Vec<u8>> = None;
        let mut any_text = false;
        let mut any_fstring = false;
        while let Tok::Str { kind, text } = self.peek().clone() {
            let at = self.pos();
            self.advance();
            match kind {
                StrKind::Bytes => {
                    if any_text {
                        return Err(CompileError::syntax(
                            "cannot mix bytes and nonbytes literals",
                            at,
                        ));
                    }
                    bytes
                        .get_or_insert_with(Vec::new)
                        .extend(text.chars().map(|c| c as u32 as u8));
                }
                _ if bytes.is_some() => {
                    return Err(CompileError::syntax(
                        "cannot mix bytes and nonbytes literals",
                        at,
                    ))
                }
                StrKind::Str => {
                    any_text = true;
                    push_lit(&mut parts, &text);
                }
                StrKind::Format { raw } => {
                    any_text = true;
                    any_fstring = true;
                    let mut fparts = parse_fstring(&text, raw, at, 0)?;
                    for part in fparts.drain(..) {
                        match part {
                            FPart::Lit(s) => push_lit(&mut parts, &s),
                            value => parts.push(value),
                        }
                    }
                }
            }
        }
        let kind = if let Some(b) = bytes {
            ExprKind::Const(Const::Bytes(b))
        } else if any_fstring {
            ExprKind::FString(parts)
        } else {
            let text = match parts.pop() {
                Some(FPart::Lit(s)) => s,
                _ => String::new(),
            };
            ExprKind::Const(Const::Str(text))
        };
        Ok(Expr { kind, pos })
    }
}

fn push_lit(parts: &mut Vec<FPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(FPart::Lit(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(FPart::Lit(text.to_string()));
    }
}

/// Parse an f-string's raw body into literal text and replacement fields. `nesting` is
/// 0 for the string itself, 1 inside a format spec (which may hold fields too).
fn parse_fstring(body: &str, raw: bool, at: Pos, nesting: usize) -> Result<Vec<FPart>> {
    let chars: Vec<char> = body.chars().collect();
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let flush = |lit: &mut String, parts: &mut Vec<FPart>| -> Result<()> {
        if !lit.is_empty() {
            let text = if raw {
                std::mem::take(lit)
            } else {
                crate::lexer::decode_escapes(&std::mem::take(lit), false, at)?
            };
            parts.push(FPart::Lit(text));
        }
        Ok(())
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if chars.get(i + 1) == Some(&'{') {
                lit.push('{');
                i += 2;
                continue;
            }
            flush(&mut lit, &mut parts)?;
            // The expression runs to a top-level `!`, `:` or `}` (brackets and strings
            // inside it are skipped).
            let start = i + 1;
            let mut j = start;
            let mut depth = 0usize;
            let mut quote: Option<char> = None;
            while j < chars.len() {
                let d = chars[j];
                if let Some(q) = quote {
                    if d == q {
                        quote = None;
                    }
                } else {
                    match d {
                        '\'' | '"' => quote = Some(d),
                        '(' | '[' | '{' => depth += 1,
                        ')' | ']' | '}' if depth > 0 => depth -= 1,
                        '}' | ':' if depth == 0 => break,
                        '!' if depth == 0 && chars.get(j + 1) != Some(&'=') => break,
                        _ => {}
                    }
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err(CompileError::syntax("f-string: expecting '}'", at));
            }
            let source: String = chars[start..j].iter().collect();
            if source.trim().is_empty() {
                return Err(CompileError::syntax(
                    "f-string: empty expression not allowed",
                    at,
                ));
            }
            // `{expr=}` prints the expression's text, `=` included, then its value: its
            // repr unless a conversion or a format spec says otherwise.
            let trimmed = source.trim_end();
            let self_documenting = trimmed.ends_with('=')
                && !trimmed[..trimmed.len() - 1].ends_with(['=', '!', '<', '>']);
            let expr_text = if self_documenting {
                flush(&mut lit, &mut parts)?;
                parts.push(FPart::Lit(source.clone()));
                &trimmed[..trimmed.len() - 1]
            } else {
                source.as_str()
            };
            let value = parse_fstring_expr(expr_text, at)?;
            let mut conversion = None;
            if chars[j] == '!' {
                match chars.get(j + 1) {
                    Some(&c @ ('r' | 's' | 'a')) => conversion = Some(c),
                    _ => {
                        return Err(CompileError::syntax(
                            "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                            at,
                        ))
                    }
                }
                j += 2;
            }
            let mut spec = Vec::new();
            if chars.get(j) == Some(&':') {
                if nesting > 0 {
                    return Err(CompileError::syntax(
                        "f-string: expressions nested too deeply",
                        at,
                    ));
                }
                // The spec runs to the matching `}`.
                let spec_start = j + 1;
                let mut k = spec_start;
                let mut depth = 0usize;
                while k < chars.len() {
                    match chars[k] {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    k += 1;
                }
                let spec_text: String = chars[spec_start..k.min(chars.len())].iter().collect();
                spec = parse_fstring(&spec_text, raw, at, nesting + 1)?;
                j = k;
            }
            if chars.get(j) != Some(&'}') {
                return Err(CompileError::syntax("f-string: expecting '}'", at));
            }
            if self_documenting && conversion.is_none() && spec.is_empty() {
                conversion = Some('r');
            }
            parts.push(FPart::Value {
                value: Box::new(value),
                conversion,
                spec,
            });
            i = j + 1;
        } else if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                lit.push('}');
                i += 2;
                continue;
            }
            return Err(CompileError::syntax(
                "f-string: single '}' is not allowed",
                at,
            ));
        } else {
            lit.push(c);
            i += 1;
        }
    }
    flush(&mut lit, &mut parts)?;
    Ok(parts)
}

/// A program may import only the modules heaplab provides; any other is `unsupported`
/// at compile time, with its name.
fn importable(module: &str, at: Pos) -> Result<()> {
    if crate::modules::MODULES.contains(&module) {
        return Ok(());
    }
    Err(CompileError::unsupported(
        format!(
            "import of module '{module}' (a program may import {})",
            crate::modules::MODULES.join(", ")
        ),
        at,
    ))
}

fn augmented(op: &str) -> Option<BinOp> {
    Some(match op {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "*=" => BinOp::Mul,
        "@=" => BinOp::MatMul,
        "/=" => BinOp::Div,
        "//=" => BinOp::FloorDiv,
        "%=" => BinOp::Mod,
        "**=" => BinOp::Pow,
        "<<=" => BinOp::LShift,
        ">>=" => BinOp::RShift,
        "|=" => BinOp::BitOr,
        "^=" => BinOp::BitXor,
        "&=" => BinOp::BitAnd,
        _ => return None,
    })
}

/// What CPython calls an expression in "cannot assign to ..." messages.
fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Const(Const::None) => "None",
        ExprKind::Const(Const::Bool(true)) => "True",
        ExprKind::Const(Const::Bool(false)) => "False",
        ExprKind::Const(Const::Ellipsis) => "ellipsis",
        ExprKind::Const(_) | ExprKind::FString(_) => "literal",
        ExprKind::Compare(..) => "comparison",
        ExprKind::BoolOp(..) | ExprKind::Binary(..) | ExprKind::Unary(..) => "expression",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::GeneratorExp(..) => "generator expression",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::NamedExpr(..) => "named expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Name(_) => "name",
        ExprKind::Attribute(..) => "attribute",
        ExprKind::Subscript(..) => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Slice(..) => "slice",
    }
}

/// Check that `e` can be assigned to (or deleted), with CPython's messages.
fn check_target(e: &Expr, usage: TargetUse) -> Result<()> {
    let mut work = vec![(e, false)];
    while let Some((e, nested)) = work.pop() {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => {}
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let stars = items
                    .iter()
                    .filter(|i| matches!(i.kind, ExprKind::Starred(_)))
                    .count();
                if stars > 1 && usage != TargetUse::Delete {
                    return Err(CompileError::syntax(
                        "multiple starred expressions in assignment",
                        e.pos,
                    ));
                }
                work.extend(items.iter().map(|i| (i, true)));
            }
            ExprKind::Starred(inner) if nested && usage != TargetUse::Delete => {
                work.push((inner, true));
            }
            ExprKind::Starred(_) if usage != TargetUse::Delete => {
                return Err(CompileError::syntax(
                    "starred assignment target must be in a list or tuple",
                    e.pos,
                ));
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) if usage == TargetUse::Assign => {
                return Err(CompileError::syntax(
                    "assignment to yield expression not possible",
                    e.pos,
                ));
            }
            _ => {
                let what = describe(e);
                let message = match usage {
                    TargetUse::Delete => format!("cannot delete {what}"),
                    TargetUse::Assign => format!(
                        "cannot assign to {what} here. Maybe you meant '==' instead of '='?"
                    ),
                    TargetUse::For => format!("cannot assign to {what}"),
                };
                return Err(CompileError::syntax(message, e.pos));
            }
        }
    }
    Ok(())
}

fn check_augmented(e: &Expr) -> Result<()> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => Ok(()),
        _ => Err(CompileError::syntax(
            format!(
                "'{}' is an illegal expression for augmented assignment",
                describe(e)
            ),
            e.pos,
        )),
    }
}

#[cfg(test)]
mod tests;
