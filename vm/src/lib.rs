//! heaplab's workload VM: tokenizer, parser, compiler to bytecode, and an
//! interpreter with a frame stack and a value stack that runs the Python subset of
//! `shared/LANGUAGE.md` on the `gc` heap, with the `gc`, `weakref`, `sys`, `time`, `math`
//! and `random` modules.
//!
//! The VM holds objects only through the `gc` crate's safe handles: it contains no
//! unsafe code.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod ast;
pub mod attr;
pub mod builtins;
pub mod bytecode;
pub mod compile;
pub mod dis;
pub mod error;
pub mod fold;
pub mod format;
pub mod int;
pub mod interp;
pub mod lexer;
pub mod math;
pub mod modules;
pub mod object;
pub mod ops;
pub mod parser;
pub mod random;
pub mod sort;
pub mod subclass;
pub mod superop;
pub mod symtable;
pub mod value;
