use super::*;

fn stmts(src: &str) -> Vec<StmtKind> {
    parse(src).unwrap().into_iter().map(|s| s.kind).collect()
}

fn expr(src: &str) -> ExprKind {
    match stmts(src).remove(0) {
        StmtKind::Expr(e) => e.kind,
        other => panic!("not an expression: {other:?}"),
    }
}

fn err(src: &str) -> (String, Pos) {
    match parse(src).unwrap_err() {
        CompileError::Syntax { message, pos, .. } => (message, pos),
        CompileError::Unsupported { what, pos } => (format!("unsupported: {what}"), pos),
        CompileError::TooDeep { pos } => ("too deep".into(), pos),
    }
}

fn name(n: &str) -> ExprKind {
    ExprKind::Name(n.into())
}

fn strip(e: &Expr) -> String {
    // A compact rendering for precedence tests.
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Const(Const::Int(crate::lexer::IntLit::Small(v))) => v.to_string(),
        ExprKind::Binary(op, a, b) => format!("({} {} {})", strip(a), op.symbol(), strip(b)),
        ExprKind::Unary(op, a) => format!("({op:?} {})", strip(a)),
        ExprKind::BoolOp(op, vs) => format!(
            "({op:?} {})",
            vs.iter().map(strip).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::Compare(a, ops) => {
            let mut s = format!("({}", strip(a));
            for (op, b) in ops {
                s.push_str(&format!(" {op:?} {}", strip(b)));
            }
            s + ")"
        }
        ExprKind::IfExp { test, body, orelse } => {
            format!(
                "({} if {} else {})",
                strip(body),
                strip(test),
                strip(orelse)
            )
        }
        other => format!("{other:?}"),
    }
}

fn shape(src: &str) -> String {
    match stmts(src).remove(0) {
        StmtKind::Expr(e) => strip(&e),
        other => panic!("{other:?}"),
    }
}

#[test]
fn precedence_and_associativity_follow_python() {
    assert_eq!(shape("a + b * c"), "(a + (b * c))");
    assert_eq!(shape("a - b - c"), "((a - b) - c)");
    assert_eq!(shape("-a ** b"), "(Neg (a ** b))");
    assert_eq!(shape("a ** -b ** c"), "(a ** (Neg (b ** c)))");
    assert_eq!(shape("a | b ^ c & d << 1"), "(a | (b ^ (c & (d << 1))))");
    assert_eq!(
        shape("not a == b and c or d"),
        "(Or (And (Not (a Eq b)) c) d)"
    );
    assert_eq!(
        shape("a < b <= c is not d not in e"),
        "(a Lt b LtE c IsNot d NotIn e)"
    );
    assert_eq!(
        shape("a if b else c if d else e"),
        "(a if b else (c if d else e))"
    );
}

#[test]
fn statements_parse_into_their_nodes() {
    let src = "\
x = y = 1
x += 2
a, *b = c
for i, j in k:
    pass
else:
    pass
while x:
    break
if a:
    pass
elif b:
    pass
else:
    pass
try:
    pass
except (A, B) as e:
    raise C from e
except:
    raise
else:
    pass
finally:
    pass
del a[1], b.c
global g
import gc, weakref as w
from sys import getrefcount as rc
assert x, 'msg'
with a as b, c:
    pass
";
    let kinds = stmts(src);
    assert_eq!(kinds.len(), 13);
    assert!(matches!(&kinds[0], StmtKind::Assign { targets, .. } if targets.len() == 2));
    assert!(matches!(
        &kinds[1],
        StmtKind::AugAssign { op: BinOp::Add, .. }
    ));
    assert!(matches!(&kinds[3], StmtKind::For { orelse, .. } if orelse.len() == 1));
    assert!(
        matches!(&kinds[5], StmtKind::If { orelse, .. } if matches!(orelse[0].kind, StmtKind::If { .. }))
    );
    assert!(
        matches!(&kinds[6], StmtKind::Try { handlers, orelse, finalbody, .. }
        if handlers.len() == 2 && handlers[0].name.as_deref() == Some("e") && orelse.len() == 1 && finalbody.len() == 1)
    );
    assert!(
        matches!(&kinds[9], StmtKind::Import(names) if names[1].asname.as_deref() == Some("w"))
    );
}

#[test]
fn functions_classes_and_calls() {
    let src = "\
@dec
def f(a, b=1, *args, c, d=2, **kw):
    return lambda x, y=2: x + y
class C(B, metaclass=M):
    def m(self): return super().m()
f(1, *xs, k=2, **m)
";
    let kinds = stmts(src);
    let StmtKind::FunctionDef(f) = &kinds[0] else {
        panic!()
    };
    assert_eq!(f.decorators.len(), 1);
    assert_eq!(f.params.args.len(), 2);
    assert_eq!(f.params.vararg.as_ref().unwrap().name, "args");
    assert_eq!(f.params.kwonly.len(), 2);
    assert_eq!(f.params.kwarg.as_ref().unwrap().name, "kw");
    let StmtKind::ClassDef(c) = &kinds[1] else {
        panic!()
    };
    assert_eq!((c.bases.len(), c.keywords.len()), (1, 1));
    let StmtKind::Expr(call) = &kinds[2] else {
        panic!()
    };
    let ExprKind::Call { args, keywords, .. } = &call.kind else {
        panic!()
    };
    assert_eq!((args.len(), keywords.len()), (2, 2));
    assert!(matches!(args[1].kind, ExprKind::Starred(_)));
}

#[test]
fn displays_comprehensions_slices_and_strings() {
    assert!(matches!(expr("[x for x in y if x]"), ExprKind::ListComp(_, g) if g[0].ifs.len() == 1));
    assert!(matches!(
        expr("{k: v for k, v in d}"),
        ExprKind::DictComp(..)
    ));
    assert!(matches!(expr("{1, 2}"), ExprKind::Set(s) if s.len() == 2));
    assert!(matches!(expr("{}"), ExprKind::Dict(d) if d.is_empty()));
    assert!(matches!(expr("{**a, 'b': 1}"), ExprKind::Dict(d) if d[0].0.is_none()));
    assert!(matches!(expr("(x for x in y)"), ExprKind::GeneratorExp(..)));
    assert!(matches!(expr("(1,)"), ExprKind::Tuple(t) if t.len() == 1));
    assert_eq!(expr("(a)"), name("a"));
    assert!(
        matches!(expr("a[1:2, ::3]"), ExprKind::Subscript(_, i) if matches!(i.kind, ExprKind::Tuple(_)))
    );
    assert_eq!(expr("'a' 'b'"), ExprKind::Const(Const::Str("ab".into())));
    let ExprKind::FString(parts) = expr("f'x={x!r:>{w}} {{}}' 'z'") else {
        panic!()
    };
    assert_eq!(parts.len(), 3);
    assert!(
        matches!(&parts[1], FPart::Value { conversion: Some('r'), spec, .. } if spec.len() == 2)
    );
    assert_eq!(parts[2], FPart::Lit(" {}z".into()));
    assert!(matches!(expr("(y := 3)"), ExprKind::NamedExpr(..)));
}

/// Messages and positions checked against python3's.
#[test]
fn errors_read_as_cpythons() {
    assert_eq!(
        err("if x\n    pass\n"),
        ("expected ':'".into(), Pos::new(1, 5))
    );
    assert_eq!(
        err("if x:\npass\n"),
        (
            "expected an indented block after 'if' statement on line 1".into(),
            Pos::new(2, 1)
        )
    );
    assert_eq!(err("x = 1\n  y = 2\n").0, "unexpected indent");
    assert_eq!(
        err("1 = x"),
        (
            "cannot assign to literal here. Maybe you meant '==' instead of '='?".into(),
            Pos::new(1, 1)
        )
    );
    assert_eq!(
        err("f() += 1").0,
        "'function call' is an illegal expression for augmented assignment"
    );
    assert_eq!(
        err("print(a b)"),
        (
            "invalid syntax. Perhaps you forgot a comma?".into(),
            Pos::new(1, 7)
        )
    );
    assert_eq!(err("x = 5 +"), ("invalid syntax".into(), Pos::new(1, 8)));
    assert_eq!(
        err("def f(x, x): pass").0,
        "duplicate argument 'x' in function definition"
    );
    assert_eq!(err("del f()").0, "cannot delete function call");
    assert_eq!(err("else: pass"), ("invalid syntax".into(), Pos::new(1, 1)));
    assert_eq!(
        err("f(x for x in y, 1)").0,
        "Generator expression must be parenthesized"
    );
    assert_eq!(
        err("f(a=1, b)").0,
        "positional argument follows keyword argument"
    );
    assert_eq!(
        err("try:\n  pass\nx = 1\n"),
        (
            "expected 'except' or 'finally' block".into(),
            Pos::new(3, 1)
        )
    );
    assert_eq!(err("x = {1: 2, 3}").0, "':' expected after dictionary key");
    assert_eq!(err("f'{'").0, "f-string: expecting '}'");
    assert_eq!(err("f'{}'").0, "f-string: empty expression not allowed");
    assert_eq!(err("f'}'").0, "f-string: single '}' is not allowed");
}

#[test]
fn outside_the_subset_is_unsupported() {
    for (src, what) in [
        ("async def f(): pass", "async and await"),
        ("x: int = 1", "variable annotations"),
        ("def f(a, /): pass", "positional-only parameters"),
        ("def f(a: int): pass", "parameter annotations"),
        ("def f() -> int: pass", "return annotations"),
        ("match x:\n    case 1: pass\n", "the match statement"),
        ("from . import a", "relative imports"),
    ] {
        assert_eq!(err(src).0, format!("unsupported: {what}"), "{src}");
    }
    // Soft keyword: `match` as a name still works.
    assert_eq!(stmts("match = 1\nmatch(x)\n").len(), 2);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let unary = format!("x = {}1", "-".repeat(100_000));
    assert_eq!(err(&unary).0, "too deep");
    let nots = format!("x = {}1", "not ".repeat(5_000));
    assert_eq!(err(&nots).0, "too deep");
    let lambdas = format!("x = {}1", "lambda: ".repeat(5_000));
    assert_eq!(err(&lambdas).0, "too deep");
    let parens = format!("x = {}1{}", "(".repeat(150), ")".repeat(150));
    assert!(
        parse(&parens).is_ok(),
        "150 parentheses are fine, as in CPython"
    );
}
