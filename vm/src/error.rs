//! Errors found before a program runs: syntax errors, reported as CPython reports them,
//! and valid Python that the workload language does not support.

use std::fmt;

/// Which of CPython's compile-time exceptions an error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError` (a subclass of `SyntaxError`).
    Indentation,
    /// `TabError` (a subclass of `IndentationError`).
    Tab,
}

impl SyntaxKind {
    /// The exception's name, as a traceback prints it.
    pub fn name(self) -> &'static str {
        match self {
            SyntaxKind::Syntax => "SyntaxError",
            SyntaxKind::Indentation => "IndentationError",
            SyntaxKind::Tab => "TabError",
        }
    }
}

/// A place in the source: 1-based line, 1-based column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, counted in characters.
    pub col: u32,
}

impl Pos {
    /// A position.
    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// Why a program cannot be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompileError {
    /// Not valid Python: CPython would refuse it too.
    Syntax {
        /// Which exception CPython raises.
        kind: SyntaxKind,
        /// CPython's message.
        message: String,
        /// Where the carets start.
        pos: Pos,
        /// Where they end (exclusive); on another line, or at `pos`, one caret.
        end: Pos,
    },
    /// Nested too deeply to compile (CPython: `RecursionError: maximum recursion depth
    /// exceeded during compilation`).
    TooDeep {
        /// Where the nesting went past the limit.
        pos: Pos,
    },
    /// Valid Python outside the workload language.
    Unsupported {
        /// What is not supported.
        what: String,
        /// Where it starts.
        pos: Pos,
    },
}

impl CompileError {
    /// A `SyntaxError`.
    pub fn syntax(message: impl Into<String>, pos: Pos) -> CompileError {
        CompileError::Syntax {
            kind: SyntaxKind::Syntax,
            message: message.into(),
            pos,
            end: pos,
        }
    }

    /// A `SyntaxError` about the source from `pos` to `end` (CPython underlines it).
    pub fn syntax_span(message: impl Into<String>, pos: Pos, end: Pos) -> CompileError {
        CompileError::Syntax {
            kind: SyntaxKind::Syntax,
            message: message.into(),
            pos,
            end,
        }
    }

    /// An `IndentationError`.
    pub fn indentation(message: impl Into<String>, pos: Pos) -> CompileError {
        CompileError::Syntax {
            kind: SyntaxKind::Indentation,
            message: message.into(),
            pos,
            end: pos,
        }
    }

    /// A construct outside the subset.
    pub fn unsupported(what: impl Into<String>, pos: Pos) -> CompileError {
        CompileError::Unsupported {
            what: what.into(),
            pos,
        }
    }

    /// Where the error is.
    pub fn pos(&self) -> Pos {
        match self {
            CompileError::Syntax { pos, .. }
            | CompileError::TooDeep { pos }
            | CompileError::Unsupported { pos, .. } => *pos,
        }
    }

    /// The report as the `heaplab` command prints it for the file `path` with source
    /// `source`: CPython's format for syntax errors (the file and line, the source
    /// line, a caret, `SyntaxError: message`), `path:line:col: unsupported: what` for
    /// the rest.
    pub fn report(&self, path: &str, source: &str) -> String {
        match self {
            CompileError::Syntax {
                kind,
                message,
                pos,
                end,
            } => {
                let mut out = format!("  File \"{path}\", line {}\n", pos.line);
                if let Some(text) = source.lines().nth(pos.line as usize - 1) {
                    // CPython strips the line's indentation and moves the caret with it.
                    let trimmed = text.trim_start();
                    let indent = text.chars().count() - trimmed.chars().count();
                    let trimmed = trimmed.trim_end();
                    let caret = (pos.col as usize).saturating_sub(1 + indent);
                    out.push_str(&format!("    {trimmed}\n"));
                    let carets = if end.line == pos.line && end.col > pos.col {
                        (end.col - pos.col) as usize
                    } else {
                        1
                    };
                    out.push_str(&format!(
                        "    {}{}\n",
                        " ".repeat(caret),
                        "^".repeat(carets)
                    ));
                }
                out.push_str(&format!("{}: {message}\n", kind.name()));
                out
            }
            CompileError::TooDeep { .. } => {
                "RecursionError: maximum recursion depth exceeded during compilation\n".into()
            }
            CompileError::Unsupported { what, pos } => {
                format!("{path}:{}:{}: unsupported: {what}\n", pos.line, pos.col)
            }
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::Syntax {
                kind, message, pos, ..
            } => {
                write!(f, "{pos}: {}: {message}", kind.name())
            }
            CompileError::TooDeep { pos } => {
                write!(
                    f,
                    "{pos}: maximum recursion depth exceeded during compilation"
                )
            }
            CompileError::Unsupported { what, pos } => write!(f, "{pos}: unsupported: {what}"),
        }
    }
}

impl std::error::Error for CompileError {}
