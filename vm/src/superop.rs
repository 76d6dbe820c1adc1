//! Superinstructions: common runs of ops fused into one, fewer trips through the
//! interpreter's dispatch.
//!
//! After a code object is compiled, a peephole pass looks for the runs that the
//! workloads execute most (`LOAD_FAST self; LOAD_ATTR x`, its `STORE_ATTR` and
//! `LOAD_METHOD`, `x is
//! None` as a condition,
//! a comparison feeding a branch, pairs of local loads and stores, `a, b = pair`, a
//! global function and its local argument) and replaces the
//! *first* op of each run with a fused op that does the work of the whole run and
//! then skips the rest. The rest stay where they were, as CPython 3.11's
//! superinstructions leave theirs: a jump may land on any of them and run it alone,
//! offsets and the line table do not move, and a disassembly still shows every
//! original op after the fused one. The fused op only runs when control reaches the
//! run's first op, and then it is exactly the run, so fusing never changes what a
//! program does. An error in a later op of the run is reported at that op's offset.

use crate::ast::CmpOp;
use crate::bytecode::{Code, Const, Op};

/// Fuse the runs in `code` (its own ops; nested code objects are fused when they are
/// compiled).
pub fn fuse(code: &mut Code) {
    let small = |i: u32| u16::try_from(i).ok();
    let is_none = |i: u32| matches!(code.consts.get(i as usize), Some(Const::None));
    let mut fused = Vec::new();
    let ops = &code.ops;
    let mut k = 0;
    while k < ops.len() {
        let next = |d: usize| ops.get(k + d).copied();
        let op = match (ops[k], next(1), next(2)) {
            (Op::LoadFast(a), Some(Op::LoadConst(c)), Some(Op::IsOp(inv)))
                if is_none(c) && none_jump(inv, next(3)).is_some() =>
            {
                let (none, t) = none_jump(inv, next(3)).expect("checked");
                small(a).map(|a| {
                    if none {
                        Op::LoadFastJumpIfNone(a, t)
                    } else {
                        Op::LoadFastJumpIfNotNone(a, t)
                    }
                })
            }
            (Op::LoadConst(c), Some(Op::IsOp(inv)), jump) if is_none(c) => none_jump(inv, jump)
                .map(|(none, t)| {
                    if none {
                        Op::PopJumpIfNone(t)
                    } else {
                        Op::PopJumpIfNotNone(t)
                    }
                }),
            (Op::Compare(c), Some(Op::PopJumpIfFalse(t)), _)
                if !matches!(c, CmpOp::Is | CmpOp::IsNot) =>
            {
                Some(Op::CompareJumpIfFalse(c, t))
            }
            (Op::LoadConst(c), Some(Op::ReturnValue), _) => Some(Op::ReturnConst(c)),
            (Op::Binary(b), Some(Op::StoreFast(a)), _) => {
                small(a).map(|a| Op::BinaryStoreFast(b, false, a))
            }
            (Op::Inplace(b), Some(Op::StoreFast(a)), _) => {
                small(a).map(|a| Op::BinaryStoreFast(b, true, a))
            }
            (Op::LoadFast(a), Some(Op::ReturnValue), _) => Some(Op::ReturnFast(a)),
            (Op::LoadFast(a), Some(Op::LoadAttr(n)), _) => small(a)
                .zip(small(n))
                .map(|(a, n)| Op::LoadFastLoadAttr(a, n)),
            (Op::LoadFast(a), Some(Op::LoadMethod(n)), _) => small(a)
                .zip(small(n))
                .map(|(a, n)| Op::LoadFastLoadMethod(a, n)),
            (Op::LoadFast(a), Some(Op::StoreAttr(n)), _) => small(a)
                .zip(small(n))
                .map(|(a, n)| Op::LoadFastStoreAttr(a, n)),
            (Op::LoadFast(a), Some(Op::LoadFast(b)), _) => small(a)
                .zip(small(b))
                .map(|(a, b)| Op::LoadFastLoadFast(a, b)),
            (Op::LoadFast(a), Some(Op::LoadConst(c)), _) => small(a)
                .zip(small(c))
                .map(|(a, c)| Op::LoadFastLoadConst(a, c)),
            (Op::UnpackSequence(2), Some(Op::StoreFast(a)), Some(Op::StoreFast(b))) => small(a)
                .zip(small(b))
                .map(|(a, b)| Op::UnpackStoreFast(a, b)),
            (Op::StoreFast(a), Some(Op::LoadFast(b)), _) => small(a)
                .zip(small(b))
                .map(|(a, b)| Op::StoreFastLoadFast(a, b)),
            _ => None,
        };
        if let Some(op) = op {
            fused.push((k, op));
        }
        k += 1;
    }
    // A global and the local after it, as in `f(x)`, when that local's load fuses with
    // nothing of its own (fusing over it would skip its better run).
    let mut pairs = Vec::new();
    let mut rest = fused.iter().map(|&(k, _)| k).peekable();
    for k in 0..ops.len().saturating_sub(1) {
        while rest.next_if(|&j| j < k + 1).is_some() {}
        let next_fused = rest.peek() == Some(&(k + 1));
        if let (Op::LoadGlobal(g), Op::LoadFast(a)) = (ops[k], ops[k + 1]) {
            if let (false, Some(g), Some(a)) = (next_fused, small(g), small(a)) {
                pairs.push((k, Op::LoadGlobalLoadFast(g, a)));
            }
        }
    }
    for (k, op) in fused.into_iter().chain(pairs) {
        code.ops[k] = op;
    }
}

/// For `IS_OP inv` on `None` followed by `jump`: whether the jump is taken when the
/// value is None, and its target; `None` if `jump` is not a conditional jump.
fn none_jump(inv: u32, jump: Option<Op>) -> Option<(bool, u32)> {
    // `x is None` jumps when false if the test is `is not`, and so on.
    match jump? {
        Op::PopJumpIfFalse(t) => Some((inv == 1, t)),
        Op::PopJumpIfTrue(t) => Some((inv == 0, t)),
        _ => None,
    }
}

/// How many ops after it a fused op stands for.
pub fn covers(op: Op) -> usize {
    match op {
        Op::LoadFastJumpIfNone(..) | Op::LoadFastJumpIfNotNone(..) => 3,
        Op::PopJumpIfNone(_) | Op::PopJumpIfNotNone(_) | Op::UnpackStoreFast(..) => 2,
        Op::LoadFastLoadFast(..)
        | Op::LoadFastLoadConst(..)
        | Op::LoadGlobalLoadFast(..)
        | Op::StoreFastLoadFast(..)
        | Op::LoadFastLoadAttr(..)
        | Op::LoadFastStoreAttr(..)
        | Op::LoadFastLoadMethod(..)
        | Op::CompareJumpIfFalse(..)
        | Op::ReturnConst(_)
        | Op::ReturnFast(_)
        | Op::BinaryStoreFast(..) => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::compile_source;

    /// The ops of the first function defined in `src`.
    fn ops_of_f(src: &str) -> Vec<Op> {
        let module = compile_source(src, "t.py").unwrap();
        module
            .consts
            .iter()
            .find_map(|c| match c {
                Const::Code(f) => Some(f.ops.clone()),
                _ => None,
            })
            .expect("a function")
    }

    #[test]
    fn a_pair_unpacks_into_two_locals_in_one_op_that_covers_the_stores() {
        let ops = ops_of_f("def f(p):\n    a, b = p\n    return a\n");
        let k = ops
            .iter()
            .position(|op| matches!(op, Op::UnpackStoreFast(1, 2)))
            .expect("fused");
        assert_eq!(covers(ops[k]), 2);
        // The stores stay in place for a jump that lands on them.
        assert!(matches!(ops[k + 1], Op::StoreFast(1)));
        assert!(matches!(
            ops[k + 2],
            Op::StoreFast(2) | Op::StoreFastLoadFast(2, _)
        ));
    }

    #[test]
    fn only_pairs_into_locals_fuse() {
        let triple = ops_of_f("def f(p):\n    a, b, c = p\n");
        assert!(!triple
            .iter()
            .any(|op| matches!(op, Op::UnpackStoreFast(..))));
        let attr = ops_of_f("def f(p, o):\n    a, o.b = p\n");
        assert!(!attr.iter().any(|op| matches!(op, Op::UnpackStoreFast(..))));
    }

    #[test]
    fn a_local_tested_against_none_jumps_in_one_op() {
        let ops = ops_of_f("def f(x):\n    if x is None:\n        return 1\n    return 2\n");
        let k = ops
            .iter()
            .position(|op| matches!(op, Op::LoadFastJumpIfNotNone(0, _)))
            .expect("fused");
        assert_eq!(covers(ops[k]), 3);
        // The run it stands for, each op still there: the constant's run fused too.
        assert!(matches!(ops[k + 1], Op::PopJumpIfNotNone(_)));
        let ops = ops_of_f("def f(x):\n    if x is not None:\n        return 1\n    return 2\n");
        assert!(ops
            .iter()
            .any(|op| matches!(op, Op::LoadFastJumpIfNone(0, _))));
    }

    #[test]
    fn a_global_called_with_a_local_loads_both_in_one_op_unless_the_local_fuses() {
        let ops = ops_of_f("def f(x):\n    return g(x)\n");
        assert!(matches!(ops[0], Op::LoadGlobalLoadFast(0, 0)), "{ops:?}");
        assert_eq!(covers(ops[0]), 1);
        // `x.y` keeps its own fused load, which saves more than the pair would.
        let ops = ops_of_f("def f(x):\n    return g(x.y)\n");
        assert!(matches!(ops[0], Op::LoadGlobal(0)), "{ops:?}");
        assert!(matches!(ops[1], Op::LoadFastLoadAttr(0, _)), "{ops:?}");
    }

    #[test]
    fn a_store_to_a_locals_attribute_fuses_with_the_locals_load() {
        let ops = ops_of_f("def f(o, v):\n    o.x = v\n");
        let k = ops
            .iter()
            .position(|op| matches!(op, Op::LoadFastStoreAttr(0, 0)))
            .expect("fused");
        assert!(matches!(ops[k + 1], Op::StoreAttr(0)));
    }

    #[test]
    fn a_method_of_a_local_loads_with_its_receiver_in_one_op() {
        let ops = ops_of_f("def f(o):\n    return o.m()\n");
        assert!(matches!(ops[0], Op::LoadFastLoadMethod(0, 0)), "{ops:?}");
        assert!(matches!(ops[1], Op::LoadMethod(0)), "{ops:?}");
    }
}
