//! `heaplab dis`: the bytecode of every code object, in the spirit of `python3 -m dis`.
//!
//! Each code object prints a header, then one line per instruction: the source line
//! where it changes, the offset (in bytes, two per instruction as in CPython), a `>>`
//! on jump targets, the opcode's name, its argument and what the argument means.

use std::fmt::Write;

use crate::bytecode::{Code, Const, Op};

/// Disassemble `code` and, after it, every code object among its constants.
pub fn disassemble(code: &Code) -> String {
    let mut out = String::new();
    let mut work = vec![code];
    let mut first = true;
    while let Some(code) = work.pop() {
        if !first {
            out.push('\n');
        }
        first = false;
        one(code, &mut out);
        // Nested code objects in the order they appear.
        let nested: Vec<&Code> = code
            .consts
            .iter()
            .filter_map(|c| match c {
                Const::Code(c) => Some(&**c),
                _ => None,
            })
            .collect();
        work.extend(nested.into_iter().rev());
    }
    out
}

fn one(code: &Code, out: &mut String) {
    let _ = writeln!(
        out,
        "Disassembly of <code object {} at line {}, file \"{}\">:",
        code.name, code.firstlineno, code.filename
    );
    let targets: Vec<u32> = code.ops.iter().filter_map(|op| jump_target(*op)).collect();
    let mut last_line = 0;
    for (i, op) in code.ops.iter().enumerate() {
        let line = code.lines[i];
        let line_col = if line != last_line {
            if last_line != 0 {
                out.push('\n');
            }
            last_line = line;
            line.to_string()
        } else {
            String::new()
        };
        let marker = if targets.contains(&(i as u32)) {
            ">>"
        } else {
            ""
        };
        let (name, arg) = name_and_arg(*op);
        let meaning = meaning(code, *op);
        let arg = arg.map(|a| a.to_string()).unwrap_or_default();
        let _ = writeln!(
            out,
            "{line_col:>4} {marker:>6} {:>4} {name:<20} {arg:>4}{}",
            i * 2,
            if meaning.is_empty() {
                String::new()
            } else {
                format!(" ({meaning})")
            }
        );
    }
}

fn jump_target(op: Op) -> Option<u32> {
    match op {
        Op::Jump(t)
        | Op::PopJumpIfFalse(t)
        | Op::PopJumpIfTrue(t)
        | Op::JumpIfFalseOrPop(t)
        | Op::JumpIfTrueOrPop(t)
        | Op::ForIter(t)
        | Op::Send(t)
        | Op::SetupFinally(t)
        | Op::SetupWith(t)
        | Op::PopJumpIfNone(t)
        | Op::PopJumpIfNotNone(t)
        | Op::LoadFastJumpIfNone(_, t)
        | Op::LoadFastJumpIfNotNone(_, t)
        | Op::CompareJumpIfFalse(_, t) => Some(t),
        _ => None,
    }
}

/// CPython's name for the opcode (UPPER_SNAKE_CASE) and its argument.
fn name_and_arg(op: Op) -> (String, Option<u32>) {
    let debug = format!("{op:?}");
    let (head, arg) = match debug.find('(') {
        Some(k) => (&debug[..k], Some(&debug[k + 1..debug.len() - 1])),
        None => (debug.as_str(), None),
    };
    let mut name = String::new();
    for (k, c) in head.chars().enumerate() {
        if c.is_uppercase() && k > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    let number = arg.and_then(|a| a.parse::<u32>().ok());
    match op {
        Op::Binary(b) | Op::Inplace(b) => {
            let prefix = if matches!(op, Op::Inplace(_)) {
                "INPLACE"
            } else {
                "BINARY"
            };
            (format!("{prefix}_OP {}", b.symbol()), None)
        }
        Op::Compare(c) => (format!("COMPARE_OP {c:?}"), None),
        // Superinstructions: CPython's `FIRST__SECOND` names, the first op's argument.
        Op::LoadFastLoadFast(a, _)
        | Op::LoadFastLoadConst(a, _)
        | Op::LoadFastLoadAttr(a, _)
        | Op::LoadFastStoreAttr(a, _)
        | Op::LoadFastLoadMethod(a, _) => (
            name.replacen("LOAD_FAST_", "LOAD_FAST__", 1),
            Some(u32::from(a)),
        ),
        Op::StoreFastLoadFast(a, _) => ("STORE_FAST__LOAD_FAST".into(), Some(u32::from(a))),
        Op::LoadGlobalLoadFast(g, _) => ("LOAD_GLOBAL__LOAD_FAST".into(), Some(u32::from(g))),
        Op::CompareJumpIfFalse(c, _) => (format!("COMPARE_OP__POP_JUMP_IF_FALSE {c:?}"), None),
        Op::ReturnConst(c) => ("LOAD_CONST__RETURN_VALUE".into(), Some(c)),
        Op::BinaryStoreFast(b, inplace, _) => {
            let prefix = if inplace { "INPLACE" } else { "BINARY" };
            (format!("{prefix}_OP__STORE_FAST {}", b.symbol()), None)
        }
        Op::ReturnFast(a) => ("LOAD_FAST__RETURN_VALUE".into(), Some(a)),
        Op::UnpackStoreFast(..) => ("UNPACK_SEQUENCE__STORE_FAST".into(), Some(2)),
        Op::LoadFastJumpIfNone(a, _) => ("LOAD_FAST__POP_JUMP_IF_NONE".into(), Some(a.into())),
        Op::LoadFastJumpIfNotNone(a, _) => {
            ("LOAD_FAST__POP_JUMP_IF_NOT_NONE".into(), Some(a.into()))
        }
        _ => (name, number),
    }
}

fn meaning(code: &Code, op: Op) -> String {
    let name = |i: u32| code.names.get(i as usize).cloned().unwrap_or_default();
    let deref = |i: u32| {
        let i = i as usize;
        code.cellvars
            .get(i)
            .or_else(|| code.freevars.get(i - code.cellvars.len().min(i)))
            .cloned()
            .unwrap_or_default()
    };
    match op {
        Op::LoadConst(i) | Op::ReturnConst(i) => match &code.consts[i as usize] {
            Const::Code(c) => format!("<code object {}>", c.name),
            c => const_repr(c),
        },
        Op::LoadFast(i) | Op::StoreFast(i) | Op::DeleteFast(i) | Op::ReturnFast(i) => {
            code.varnames.get(i as usize).cloned().unwrap_or_default()
        }
        Op::LoadFastLoadFast(a, _)
        | Op::LoadFastLoadConst(a, _)
        | Op::LoadFastLoadAttr(a, _)
        | Op::LoadFastStoreAttr(a, _)
        | Op::LoadFastLoadMethod(a, _)
        | Op::StoreFastLoadFast(a, _) => code
            .varnames
            .get(usize::from(a))
            .cloned()
            .unwrap_or_default(),
        Op::LoadDeref(i) | Op::StoreDeref(i) | Op::DeleteDeref(i) | Op::LoadClosure(i) => deref(i),
        Op::LoadGlobal(i)
        | Op::StoreGlobal(i)
        | Op::DeleteGlobal(i)
        | Op::LoadName(i)
        | Op::StoreName(i)
        | Op::DeleteName(i)
        | Op::LoadAttr(i)
        | Op::StoreAttr(i)
        | Op::DeleteAttr(i)
        | Op::LoadMethod(i)
        | Op::ImportName(i)
        | Op::ImportFrom(i) => name(i),
        Op::LoadGlobalLoadFast(g, _) => name(g.into()),
        Op::Jump(t)
        | Op::PopJumpIfFalse(t)
        | Op::PopJumpIfTrue(t)
        | Op::JumpIfFalseOrPop(t)
        | Op::JumpIfTrueOrPop(t)
        | Op::ForIter(t)
        | Op::Send(t)
        | Op::SetupFinally(t)
        | Op::SetupWith(t)
        | Op::PopJumpIfNone(t)
        | Op::PopJumpIfNotNone(t)
        | Op::CompareJumpIfFalse(_, t) => format!("to {}", t * 2),
        Op::LoadFastJumpIfNone(a, t) | Op::LoadFastJumpIfNotNone(a, t) => format!(
            "{}, to {}",
            code.varnames.get(usize::from(a)).map_or("", String::as_str),
            t * 2
        ),
        Op::IsOp(1) => "is not".into(),
        Op::IsOp(_) => "is".into(),
        Op::ContainsOp(1) => "not in".into(),
        Op::ContainsOp(_) => "in".into(),
        _ => String::new(),
    }
}

fn const_repr(c: &Const) -> String {
    match c {
        Const::None => "None".into(),
        Const::Bool(b) => if *b { "True" } else { "False" }.into(),
        Const::Int(crate::lexer::IntLit::Small(v)) => v.to_string(),
        Const::Int(crate::lexer::IntLit::Big { digits, radix }) => {
            format!("<int {digits} base {radix}>")
        }
        Const::Float(f) => format!("{f:?}"),
        Const::Str(s) => format!("{s:?}").replace('"', "'"),
        Const::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        Const::Ellipsis => "Ellipsis".into(),
        Const::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(const_repr).collect();
            if inner.len() == 1 {
                format!("({},)", inner[0])
            } else {
                format!("({})", inner.join(", "))
            }
        }
        Const::FrozenSet(items) => {
            let inner: Vec<String> = items.iter().map(const_repr).collect();
            format!("frozenset({{{}}})", inner.join(", "))
        }
        Const::Code(c) => format!("<code object {}>", c.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::compile_source;

    fn dis(src: &str) -> String {
        disassemble(&compile_source(src, "t.py").unwrap())
    }

    #[test]
    fn locals_cells_and_globals_resolve_at_compile_time() {
        let out =
            dis("def f(a):\n    b = a + 1\n    def g():\n        return b + c\n    return g\n");
        assert!(out.contains("LOAD_FAST") && out.contains("(a)"), "{out}");
        assert!(out.contains("STORE_DEREF") && out.contains("(b)"), "{out}");
        assert!(out.contains("LOAD_CLOSURE"), "{out}");
        assert!(out.contains("LOAD_GLOBAL") && out.contains("(c)"), "{out}");
        assert!(out.contains("Disassembly of <code object g"), "{out}");
    }

    #[test]
    fn method_calls_load_methods_not_bound_methods() {
        let out = dis("x = []\nx.append(1)\n");
        assert!(
            out.contains("LOAD_METHOD") && out.contains("CALL_METHOD"),
            "{out}"
        );
    }

    #[test]
    fn compile_errors_name_the_place() {
        let err = compile_source("return 1\n", "t.py").unwrap_err();
        assert_eq!(
            err.to_string(),
            "1:1: SyntaxError: 'return' outside function"
        );
        let err = compile_source("while 1:\n    pass\nbreak\n", "t.py").unwrap_err();
        assert_eq!(err.to_string(), "3:1: SyntaxError: 'break' outside loop");
        let err = compile_source("def f():\n    x = 1\n    nonlocal x\n", "t.py").unwrap_err();
        assert!(
            err.to_string().contains("assigned to before nonlocal"),
            "{err}"
        );
        let err = compile_source("def f():\n    nonlocal q\n", "t.py").unwrap_err();
        assert!(
            err.to_string()
                .contains("no binding for nonlocal 'q' found"),
            "{err}"
        );
    }
}
