//! Reading and compiling a workload program, with a clear message for each way it can
//! fail: a missing or unreadable file, a file that is not UTF-8, an empty file, a syntax
//! error (CPython's report, exit 1) or a construct outside the language (exit 2).

use std::rc::Rc;

use vm::bytecode::Code;
use vm::error::CompileError;

use crate::Failure;

/// The source text of `path`.
pub fn read(path: &str) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::usage(format!("can't open file '{path}': {e}")))?;
    let source = String::from_utf8(bytes).map_err(|e| {
        Failure::usage(format!(
            "'{path}' is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    if source.trim().is_empty() {
        return Err(Failure::usage(format!("'{path}' is empty: nothing to run")));
    }
    Ok(source)
}

/// Compile `source` read from `path`; a failure carries the report as the message.
pub fn compile(source: &str, path: &str) -> Result<Rc<Code>, Failure> {
    // CPython names the main script by its absolute path in tracebacks and syntax
    // errors; `unsupported` reports keep the path as given, like a compiler's.
    let shown = std::path::absolute(path)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_string());
    vm::compile::compile_source(source, &shown).map_err(|e| {
        let report = match e {
            CompileError::Unsupported { .. } => e.report(path, source),
            _ => e.report(&shown, source),
        };
        let status = match e {
            CompileError::Unsupported { .. } => 2,
            CompileError::Syntax { .. } | CompileError::TooDeep { .. } => 1,
        };
        Failure::report(report, status)
    })
}
