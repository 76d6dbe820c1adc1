//! Superinstructions: common runs of ops fused into one, fewer trips through the
//! interpreter's dispatch.
//!
//! After a code object is compiled, a peephole pass looks for the runs that the
//! workloads execute most (`LOAD_FAST self; LOAD_ATTR x`, `x is None` as a condition,
//! a comparison feeding a branch, pairs of local loads and stores) and replaces the
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
            (Op::LoadConst(c), Some(Op::IsOp(inv)), Some(jump)) if is_none(c) => {
                // `x is None` jumps when false if the test is `is not`, and so on.
                let when_none = match jump {
                    Op::PopJumpIfFalse(t) => Some((inv == 1, t)),
                    Op::PopJumpIfTrue(t) => Some((inv == 0, t)),
                    _ => None,
                };
                when_none.map(|(none, t)| {
                    if none {
                        Op::PopJumpIfNone(t)
                    } else {
                        Op::PopJumpIfNotNone(t)
                    }
                })
            }
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
            (Op::LoadFast(a), Some(Op::LoadFast(b)), _) => small(a)
                .zip(small(b))
                .map(|(a, b)| Op::LoadFastLoadFast(a, b)),
            (Op::LoadFast(a), Some(Op::LoadConst(c)), _) => small(a)
                .zip(small(c))
                .map(|(a, c)| Op::LoadFastLoadConst(a, c)),
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
    for (k, op) in fused {
        code.ops[k] = op;
    }
}

/// How many ops after it a fused op stands for.
pub fn covers(op: Op) -> usize {
    match op {
        Op::PopJumpIfNone(_) | Op::PopJumpIfNotNone(_) => 2,
        Op::LoadFastLoadFast(..)
        | Op::LoadFastLoadConst(..)
        | Op::StoreFastLoadFast(..)
        | Op::LoadFastLoadAttr(..)
        | Op::CompareJumpIfFalse(..)
        | Op::ReturnConst(_)
        | Op::ReturnFast(_)
        | Op::BinaryStoreFast(..) => 1,
        _ => 0,
    }
}
