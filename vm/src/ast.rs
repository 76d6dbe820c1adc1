//! The abstract syntax tree: what the parser builds and the compiler reads.
//!
//! It follows CPython's `ast` module (Parser/Python.asdl) closely, for the part of the
//! language heaplab accepts, so a reader can map each node to `python3 -m ast`'s output.
//! Every statement and expression carries the position where it starts, for error
//! messages, tracebacks and the line table.

use crate::error::Pos;
use crate::lexer::IntLit;

/// An identifier.
pub type Name = String;

/// A statement and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// Its first token.
    pub pos: Pos,
}

/// The statements.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// `a = b = value`: the targets, left to right.
    Assign {
        /// Where the value goes.
        targets: Vec<Expr>,
        /// The value.
        value: Expr,
    },
    /// `target op= value`.
    AugAssign {
        /// A name, attribute or subscript.
        target: Expr,
        /// The operator.
        op: BinOp,
        /// The value.
        value: Expr,
    },
    /// `if test: body else: orelse` (`elif` nests in `orelse`).
    If {
        /// The condition.
        test: Expr,
        /// Run when true.
        body: Vec<Stmt>,
        /// Run when false.
        orelse: Vec<Stmt>,
    },
    /// `while test: body else: orelse`.
    While {
        /// The condition.
        test: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// Run when the loop ends without `break`.
        orelse: Vec<Stmt>,
    },
    /// `for target in iter: body else: orelse`.
    For {
        /// Where each item goes.
        target: Expr,
        /// What is iterated.
        iter: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// Run when the loop ends without `break`.
        orelse: Vec<Stmt>,
    },
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `pass`.
    Pass,
    /// `return [value]`.
    Return(Option<Expr>),
    /// `del a, b.c, d[e]`.
    Delete(Vec<Expr>),
    /// `global a, b`.
    Global(Vec<Name>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<Name>),
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from module import a as b, c`.
    ImportFrom {
        /// The module's dotted name.
        module: Name,
        /// The names imported.
        names: Vec<Alias>,
    },
    /// `assert test, msg`.
    Assert {
        /// The condition.
        test: Expr,
        /// The message, if any.
        msg: Option<Expr>,
    },
    /// `raise [exc [from cause]]`.
    Raise {
        /// The exception; `None` re-raises the one being handled.
        exc: Option<Expr>,
        /// The `from` clause.
        cause: Option<Expr>,
    },
    /// `try: body except...: else: finally:`.
    Try {
        /// The guarded block.
        body: Vec<Stmt>,
        /// The `except` clauses, in order.
        handlers: Vec<Handler>,
        /// Run when the body raised nothing.
        orelse: Vec<Stmt>,
        /// Run whatever happened.
        finalbody: Vec<Stmt>,
    },
    /// `with a as b, c: body`.
    With {
        /// The context managers and their targets.
        items: Vec<WithItem>,
        /// The body.
        body: Vec<Stmt>,
    },
    /// `def name(params): body`, with its decorators.
    FunctionDef(Box<FunctionDef>),
    /// `class name(bases): body`, with its decorators.
    ClassDef(Box<ClassDef>),
}

/// `name as asname` in an import.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The (dotted) name imported.
    pub name: Name,
    /// The name it is bound to, if not its own.
    pub asname: Option<Name>,
    /// Where it is.
    pub pos: Pos,
}

/// One `except` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// The class (or tuple of classes) caught; `None` for a bare `except:`.
    pub typ: Option<Expr>,
    /// `as name`.
    pub name: Option<Name>,
    /// The handler's block.
    pub body: Vec<Stmt>,
    /// Where `except` is.
    pub pos: Pos,
}

/// `expr as target` in a `with`.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    /// The context manager.
    pub context: Expr,
    /// Where `__enter__`'s result goes.
    pub target: Option<Expr>,
}

/// A function definition (also a lambda's parameters and body).
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    /// Its name (`<lambda>` for a lambda).
    pub name: Name,
    /// Its parameters.
    pub params: Params,
    /// Its body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
}

/// A class definition.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    /// Its name.
    pub name: Name,
    /// Base classes.
    pub bases: Vec<Expr>,
    /// `metaclass=...` and other keywords.
    pub keywords: Vec<Keyword>,
    /// Its body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
}

/// A parameter list: `a, b=1, *args, c, d=2, **kwargs`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    /// Positional-or-keyword parameters.
    pub args: Vec<Param>,
    /// `*args`.
    pub vararg: Option<Param>,
    /// Keyword-only parameters (after `*` or `*args`).
    pub kwonly: Vec<Param>,
    /// `**kwargs`.
    pub kwarg: Option<Param>,
}

/// One parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: Name,
    /// Its default value.
    pub default: Option<Expr>,
    /// Where it is.
    pub pos: Pos,
}

/// `name=value` in a call or class definition; `name` is `None` for `**mapping`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// The keyword, or `None` for `**mapping`.
    pub name: Option<Name>,
    /// The value.
    pub value: Expr,
}

/// An expression and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Its first token.
    pub pos: Pos,
}

/// The expressions.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A variable.
    Name(Name),
    /// A literal.
    Const(Const),
    /// An f-string: literal text and formatted values.
    FString(Vec<FPart>),
    /// `(a, b)` or `a, b`.
    Tuple(Vec<Expr>),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `{k: v, **m}`: a `None` key unpacks the value.
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `*x` in a display, a call or an assignment target.
    Starred(Box<Expr>),
    /// `-x`, `+x`, `~x`, `not x`.
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `a and b and c` / `a or b or c`.
    BoolOp(BoolOp, Vec<Expr>),
    /// `a < b <= c`: the first operand, then each operator and operand.
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `body if test else orelse`.
    IfExp {
        /// The condition.
        test: Box<Expr>,
        /// The value when true.
        body: Box<Expr>,
        /// The value when false.
        orelse: Box<Expr>,
    },
    /// `lambda params: body`.
    Lambda(Box<FunctionDef>),
    /// `func(args, keywords)`.
    Call {
        /// What is called.
        func: Box<Expr>,
        /// Positional arguments (`Starred` for `*seq`).
        args: Vec<Expr>,
        /// Keyword arguments (and `**mapping`).
        keywords: Vec<Keyword>,
    },
    /// `value.attr`.
    Attribute(Box<Expr>, Name),
    /// `value[index]`.
    Subscript(Box<Expr>, Box<Expr>),
    /// `lower:upper:step` inside a subscript.
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `[elt for ...]`.
    ListComp(Box<Expr>, Vec<Comprehension>),
    /// `{elt for ...}`.
    SetComp(Box<Expr>, Vec<Comprehension>),
    /// `{key: value for ...}`.
    DictComp(Box<Expr>, Box<Expr>, Vec<Comprehension>),
    /// `(elt for ...)`.
    GeneratorExp(Box<Expr>, Vec<Comprehension>),
    /// `name := value`.
    NamedExpr(Name, Box<Expr>),
    /// `yield [value]`.
    Yield(Option<Box<Expr>>),
    /// `yield from value`.
    YieldFrom(Box<Expr>),
}

/// A literal value.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer.
    Int(IntLit),
    /// A float.
    Float(f64),
    /// A string (adjacent literals joined).
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`.
    Ellipsis,
}

/// A piece of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    /// Literal text.
    Lit(String),
    /// `{value!conversion:spec}`.
    Value {
        /// The expression.
        value: Box<Expr>,
        /// `r`, `s` or `a`.
        conversion: Option<char>,
        /// The format spec, itself made of literal text and values.
        spec: Vec<FPart>,
    },
}

/// `for target in iter if cond...` in a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    /// Where each item goes.
    pub target: Expr,
    /// What is iterated.
    pub iter: Expr,
    /// The `if` filters.
    pub ifs: Vec<Expr>,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-`.
    Neg,
    /// `+`.
    Pos,
    /// `~`.
    Invert,
    /// `not`.
    Not,
}

/// Binary operators (and augmented assignment's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
}

/// `and` / `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    /// `and`.
    And,
    /// `or`.
    Or,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}
