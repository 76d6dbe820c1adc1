//! The tokenizer: source text to tokens, as CPython's Parser/tokenizer.c cuts it.
//!
//! Python's grammar is not free of layout: a logical line ends with NEWLINE, and a
//! change of indentation at the start of a line becomes INDENT or DEDENT tokens, which
//! the parser reads like braces. Inside brackets, and after a backslash at the end of a
//! line, lines join and indentation means nothing. Blank lines and comments make no
//! tokens. At the end of the input come a NEWLINE (if the last line had tokens), a
//! DEDENT per open indentation level, and ENDMARKER.
//!
//! Literals are decoded here: numbers to their values (an integer too large for `i64`
//! keeps its digits, for the VM's big integers), strings to their text with escapes
//! applied. An f-string keeps its raw body, because its replacement fields are
//! expressions the parser reads. Errors carry CPython's messages and the position of
//! CPython's caret.
//!
//! The tokenizer never recurses and never panics; bracket nesting is limited to 200
//! levels, as in CPython (`too many nested parentheses`).

use crate::error::{CompileError, Pos, SyntaxKind};

/// CPython's `MAXLEVEL`: how deep brackets may nest.
pub const MAX_NESTING: usize = 200;
/// CPython's `MAXINDENT`: how many indentation levels a program may open.
pub const MAX_INDENT: usize = 100;

/// A keyword of the language (Python 3.11's hard keywords).
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kw {
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
}

impl Kw {
    fn from_name(name: &str) -> Option<Kw> {
        Some(match name {
            "False" => Kw::False,
            "None" => Kw::None,
            "True" => Kw::True,
            "and" => Kw::And,
            "as" => Kw::As,
            "assert" => Kw::Assert,
            "async" => Kw::Async,
            "await" => Kw::Await,
            "break" => Kw::Break,
            "class" => Kw::Class,
            "continue" => Kw::Continue,
            "def" => Kw::Def,
            "del" => Kw::Del,
            "elif" => Kw::Elif,
            "else" => Kw::Else,
            "except" => Kw::Except,
            "finally" => Kw::Finally,
            "for" => Kw::For,
            "from" => Kw::From,
            "global" => Kw::Global,
            "if" => Kw::If,
            "import" => Kw::Import,
            "in" => Kw::In,
            "is" => Kw::Is,
            "lambda" => Kw::Lambda,
            "nonlocal" => Kw::Nonlocal,
            "not" => Kw::Not,
            "or" => Kw::Or,
            "pass" => Kw::Pass,
            "raise" => Kw::Raise,
            "return" => Kw::Return,
            "try" => Kw::Try,
            "while" => Kw::While,
            "with" => Kw::With,
            "yield" => Kw::Yield,
            _ => return None,
        })
    }

    /// The keyword as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Kw::False => "False",
            Kw::None => "None",
            Kw::True => "True",
            Kw::And => "and",
            Kw::As => "as",
            Kw::Assert => "assert",
            Kw::Async => "async",
            Kw::Await => "await",
            Kw::Break => "break",
            Kw::Class => "class",
            Kw::Continue => "continue",
            Kw::Def => "def",
            Kw::Del => "del",
            Kw::Elif => "elif",
            Kw::Else => "else",
            Kw::Except => "except",
            Kw::Finally => "finally",
            Kw::For => "for",
            Kw::From => "from",
            Kw::Global => "global",
            Kw::If => "if",
            Kw::Import => "import",
            Kw::In => "in",
            Kw::Is => "is",
            Kw::Lambda => "lambda",
            Kw::Nonlocal => "nonlocal",
            Kw::Not => "not",
            Kw::Or => "or",
            Kw::Pass => "pass",
            Kw::Raise => "raise",
            Kw::Return => "return",
            Kw::Try => "try",
            Kw::While => "while",
            Kw::With => "with",
            Kw::Yield => "yield",
        }
    }
}

/// The operators and delimiters, longest first where one is a prefix of another.
const OPERATORS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "!=", "==", "<=", ">=", "**", "//", "<<", ">>",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "(", ")", "[", "]", "{", "}", ",", ":",
    ";", ".", "+", "-", "*", "/", "%", "&", "|", "^", "~", "<", ">", "=", "@",
];

/// An integer literal's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntLit {
    /// Fits in 64 bits.
    Small(i64),
    /// Too large: its digits (no underscores, no prefix) and their radix.
    Big {
        /// The digits, most significant first.
        digits: String,
        /// 2, 8, 10 or 16.
        radix: u32,
    },
}

/// What a string literal is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrKind {
    /// `'...'`, `r'...'`, `u'...'`.
    Str,
    /// `b'...'`, `rb'...'`.
    Bytes,
    /// `f'...'`, `rf'...'`: the token holds the raw body.
    Format {
        /// An `r` prefix: backslashes in the literal parts are kept.
        raw: bool,
    },
}

/// A token's kind and value.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier.
    Name(String),
    /// A keyword.
    Kw(Kw),
    /// An integer literal.
    Int(IntLit),
    /// A float literal.
    Float(f64),
    /// A string or bytes literal, decoded (for bytes, each char is a byte value), or
    /// an f-string's raw body.
    Str {
        /// Which literal.
        kind: StrKind,
        /// The text.
        text: String,
    },
    /// An operator or delimiter.
    Op(&'static str),
    /// The end of a logical line.
    Newline,
    /// Indentation grew.
    Indent,
    /// Indentation shrank by one level.
    Dedent,
    /// The end of the input.
    EndMarker,
}

/// A token and where it starts and ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Its first character.
    pub start: Pos,
    /// Just past its last character.
    pub end: Pos,
}

/// Tokenize a whole program.
pub fn tokenize(source: &str) -> Result<Vec<Token>, CompileError> {
    Lexer::new(source).run()
}

struct Lexer {
    chars: Vec<char>,
    i: usize,
    line: u32,
    /// Index in `chars` where the current line starts.
    line_start: usize,
    tokens: Vec<Token>,
    /// Open brackets: the bracket and where it opened.
    brackets: Vec<(char, Pos)>,
    /// Indentation levels: (columns with tabs to 8, columns with tabs to 1).
    indents: Vec<(usize, usize)>,
    /// The current logical line has tokens.
    line_has_tokens: bool,
}

impl Lexer {
    fn new(source: &str) -> Lexer {
        // A UTF-8 byte-order mark at the start is not part of the program.
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        // Universal newlines: `\r\n` and `\r` end lines as `\n` does.
        let chars: Vec<char> = source
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .collect();
        Lexer {
            chars,
            i: 0,
            line: 1,
            line_start: 0,
            tokens: Vec::new(),
            brackets: Vec::new(),
            indents: vec![(0, 0)],
            line_has_tokens: false,
        }
    }

    fn pos(&self) -> Pos {
        self.pos_at(self.i)
    }

    fn pos_at(&self, i: usize) -> Pos {
        Pos::new(self.line, (i - self.line_start) as u32 + 1)
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn push(&mut self, tok: Tok, start: Pos) {
        let end = self.pos();
        self.tokens.push(Token { tok, start, end });
        self.line_has_tokens = true;
    }

    fn newline(&mut self) {
        self.i += 1;
        self.line += 1;
        self.line_start = self.i;
    }

    fn run(mut self) -> Result<Vec<Token>, CompileError> {
        let mut at_line_start = true;
        loop {
            if at_line_start {
                at_line_start = false;
                // Inside brackets a line's indentation means nothing (and the rest of
                // the line, after a closing bracket, is not a line start either).
                if self.brackets.is_empty() && self.indentation()? {
                    continue; // a blank or comment-only line
                }
            }
            let Some(c) = self.peek(0) else { break };
            let start = self.pos();
            match c {
                '\n' => {
                    if self.brackets.is_empty() && self.line_has_tokens {
                        self.push(Tok::Newline, start);
                        self.line_has_tokens = false;
                    }
                    self.newline();
                    at_line_start = true;
                }
                ' ' | '\t' | '\x0c' => self.i += 1,
                '#' => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                '\\' => {
                    if self.peek(1) == Some('\n') {
                        self.i += 1;
                        self.newline();
                        if self.peek(0).is_none() {
                            return Err(CompileError::syntax(
                                "unexpected EOF while parsing",
                                self.pos(),
                            ));
                        }
                    } else {
                        return Err(CompileError::syntax(
                            "unexpected character after line continuation character",
                            Pos::new(start.line, start.col + 1),
                        ));
                    }
                }
                '0'..='9' => self.number()?,
                '.' if self.peek(1).is_some_and(|c| c.is_ascii_digit()) => self.number()?,
                '\'' | '"' => self.string(String::new(), start)?,
                c if is_id_start(c) => self.name_or_prefixed_string()?,
                _ => self.operator()?,
            }
        }
        if let Some(&(open, pos)) = self.brackets.last() {
            return Err(CompileError::syntax(
                format!("'{open}' was never closed"),
                pos,
            ));
        }
        let end = self.pos();
        if self.line_has_tokens {
            self.tokens.push(Token {
                tok: Tok::Newline,
                start: end,
                end,
            });
        }
        for _ in 1..self.indents.len() {
            self.tokens.push(Token {
                tok: Tok::Dedent,
                start: end,
                end,
            });
        }
        self.tokens.push(Token {
            tok: Tok::EndMarker,
            start: end,
            end,
        });
        Ok(self.tokens)
    }

    /// At the start of a line outside brackets: measure the indentation and emit
    /// INDENT or DEDENTs. Returns `true` for a blank or comment-only line (skipped).
    fn indentation(&mut self) -> Result<bool, CompileError> {
        let (mut col, mut alt) = (0usize, 0usize);
        loop {
            match self.peek(0) {
                Some(' ') => {
                    col += 1;
                    alt += 1;
                }
                Some('\t') => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                Some('\x0c') => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            self.i += 1;
        }
        match self.peek(0) {
            None => return Ok(false),
            Some('#') | Some('\n') => return Ok(true),
            Some('\\') if self.peek(1) == Some('\n') => return Ok(false),
            _ => {}
        }
        let pos = self.pos();
        let &(top, top_alt) = self.indents.last().expect("the base level");
        if col == top {
            if alt != top_alt {
                return Err(tab_error(pos));
            }
        } else if col > top {
            if alt <= top_alt {
                return Err(tab_error(pos));
            }
            if self.indents.len() > MAX_INDENT {
                return Err(CompileError::indentation(
                    "too many levels of indentation",
                    pos,
                ));
            }
            self.indents.push((col, alt));
            self.tokens.push(Token {
                tok: Tok::Indent,
                start: Pos::new(pos.line, 1),
                end: pos,
            });
        } else {
            while self.indents.last().is_some_and(|&(c, _)| col < c) {
                self.indents.pop();
                self.tokens.push(Token {
                    tok: Tok::Dedent,
                    start: pos,
                    end: pos,
                });
            }
            let &(top, top_alt) = self.indents.last().expect("the base level");
            if col != top {
                return Err(CompileError::indentation(
                    "unindent does not match any outer indentation level",
                    pos,
                ));
            }
            if alt != top_alt {
                return Err(tab_error(pos));
            }
        }
        Ok(false)
    }

    fn name_or_prefixed_string(&mut self) -> Result<(), CompileError> {
        let start = self.pos();
        let begin = self.i;
        while self.peek(0).is_some_and(is_id_continue) {
            self.i += 1;
        }
        let name: String = self.chars[begin..self.i].iter().collect();
        if matches!(self.peek(0), Some('\'' | '"')) && is_string_prefix(&name) {
            return self.string(name.to_ascii_lowercase(), start);
        }
        let tok = match Kw::from_name(&name) {
            Some(kw) => Tok::Kw(kw),
            None => Tok::Name(name),
        };
        self.push(tok, start);
        Ok(())
    }

    fn operator(&mut self) -> Result<(), CompileError> {
        let start = self.pos();
        let c = self.peek(0).expect("not at the end");
        let Some(op) = OPERATORS.iter().copied().find(|op| {
            op.chars()
                .enumerate()
                .all(|(k, oc)| self.peek(k) == Some(oc))
        }) else {
            let message = if c.is_control() || (!c.is_ascii() && c.is_whitespace()) {
                format!("invalid non-printable character U+{:04X}", c as u32)
            } else if !c.is_ascii() {
                format!("invalid character '{c}' (U+{:04X})", c as u32)
            } else {
                "invalid syntax".to_string()
            };
            return Err(CompileError::syntax(message, start));
        };
        self.i += op.chars().count();
        match op {
            "(" | "[" | "{" => {
                if self.brackets.len() >= MAX_NESTING {
                    return Err(CompileError::syntax("too many nested parentheses", start));
                }
                self.brackets.push((c, start));
            }
            ")" | "]" | "}" => {
                match self.brackets.pop() {
                    None => return Err(CompileError::syntax(format!("unmatched '{c}'"), start)),
                    Some((open, open_pos)) if closing(open) != c => {
                        let message = if open_pos.line == start.line {
                            format!("closing parenthesis '{c}' does not match opening parenthesis '{open}'")
                        } else {
                            format!(
                            "closing parenthesis '{c}' does not match opening parenthesis '{open}' on line {}",
                            open_pos.line
                        )
                        };
                        return Err(CompileError::syntax(message, start));
                    }
                    Some(_) => {}
                }
            }
            _ => {}
        }
        self.push(Tok::Op(op), start);
        Ok(())
    }

    fn number(&mut self) -> Result<(), CompileError> {
        let start = self.pos();
        let begin = self.i;
        let c = self.peek(0).expect("a digit or '.'");
        if c == '0' && matches!(self.peek(1), Some('x' | 'X' | 'o' | 'O' | 'b' | 'B')) {
            let radix = match self.peek(1) {
                Some('x' | 'X') => 16,
                Some('o' | 'O') => 8,
                _ => 2,
            };
            self.i += 2;
            let digits = self.digits(radix, true)?;
            if digits.is_empty() {
                return Err(self.invalid_literal(radix));
            }
            self.after_number(start)?;
            self.push(Tok::Int(int_literal(digits, radix)), start);
            return Ok(());
        }
        let mut is_float = false;
        let int_part = if c == '.' {
            String::new()
        } else {
            self.digits(10, false)?
        };
        if self.peek(0) == Some('.') {
            is_float = true;
            self.i += 1;
            if self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
                self.digits(10, false)?;
            }
        }
        if matches!(self.peek(0), Some('e' | 'E')) {
            let save = self.i;
            self.i += 1;
            if matches!(self.peek(0), Some('+' | '-')) {
                self.i += 1;
            }
            if self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
                self.digits(10, false)?;
                is_float = true;
            } else {
                self.i = save;
                return Err(CompileError::syntax("invalid decimal literal", start));
            }
        }
        if matches!(self.peek(0), Some('j' | 'J')) {
            return Err(CompileError::unsupported("complex numbers", start));
        }
        self.after_number(start)?;
        let text: String = self.chars[begin..self.i]
            .iter()
            .filter(|&&c| c != '_')
            .collect();
        if is_float {
            let value: f64 = text
                .parse()
                .map_err(|_| CompileError::syntax("invalid decimal literal", start))?;
            self.push(Tok::Float(value), start);
        } else {
            if int_part.len() > 1 && int_part.starts_with('0') && int_part.chars().any(|c| c != '0')
            {
                return Err(CompileError::syntax(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    start,
                ));
            }
            self.push(Tok::Int(int_literal(int_part, 10)), start);
        }
        Ok(())
    }

    /// Digits of `radix`, with single underscores between them (after a base prefix,
    /// one may come first). Returns them without underscores.
    fn digits(&mut self, radix: u32, after_prefix: bool) -> Result<String, CompileError> {
        let mut out = String::new();
        let mut last_underscore = false;
        let mut first = true;
        loop {
            match self.peek(0) {
                Some('_') if !last_underscore && (!first || after_prefix) => {
                    last_underscore = true;
                }
                Some(c) if c.is_digit(radix) => {
                    out.push(c);
                    last_underscore = false;
                }
                Some(c) if c.is_ascii_digit() && radix < 10 => {
                    let kind = if radix == 8 { "octal" } else { "binary" };
                    return Err(CompileError::syntax(
                        format!("invalid digit '{c}' in {kind} literal"),
                        self.pos(),
                    ));
                }
                _ => break,
            }
            first = false;
            self.i += 1;
        }
        if last_underscore {
            let kind = match radix {
                16 => "hexadecimal",
                8 => "octal",
                2 => "binary",
                _ => "decimal",
            };
            return Err(CompileError::syntax(
                format!("invalid {kind} literal"),
                self.pos_at(self.i - 1),
            ));
        }
        Ok(out)
    }

    fn invalid_literal(&self, radix: u32) -> CompileError {
        let kind = match radix {
            16 => "hexadecimal",
            8 => "octal",
            _ => "binary",
        };
        CompileError::syntax(format!("invalid {kind} literal"), self.pos_at(self.i - 1))
    }

    /// A number must not run into a name: `1abc` is an error, `1if x else y` is not
    /// (CPython allows a keyword right after a number, with a warning).
    fn after_number(&self, start: Pos) -> Result<(), CompileError> {
        if self.peek(0).is_some_and(is_id_start) {
            let rest: String = self.chars[self.i..]
                .iter()
                .take_while(|&&c| is_id_continue(c))
                .collect();
            if Kw::from_name(&rest).is_none() {
                return Err(CompileError::syntax("invalid decimal literal", start));
            }
        }
        Ok(())
    }

    /// A string literal whose (lowercased) prefix has been read; at the quote.
    fn string(&mut self, prefix: String, start: Pos) -> Result<(), CompileError> {
        let raw = prefix.contains('r');
        let kind = if prefix.contains('b') {
            StrKind::Bytes
        } else if prefix.contains('f') {
            StrKind::Format { raw }
        } else {
            StrKind::Str
        };
        let quote = self.peek(0).expect("at a quote");
        let triple = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        self.i += if triple { 3 } else { 1 };
        let mut body = String::new();
        loop {
            let Some(c) = self.peek(0) else {
                let message = if triple {
                    format!(
                        "unterminated triple-quoted string literal (detected at line {})",
                        self.line
                    )
                } else {
                    format!(
                        "unterminated string literal (detected at line {})",
                        self.line
                    )
                };
                return Err(CompileError::syntax(message, start));
            };
            if c == quote
                && (!triple || (self.peek(1) == Some(quote) && self.peek(2) == Some(quote)))
            {
                self.i += if triple { 3 } else { 1 };
                break;
            }
            if c == '\n' {
                if !triple {
                    return Err(CompileError::syntax(
                        format!(
                            "unterminated string literal (detected at line {})",
                            self.line
                        ),
                        start,
                    ));
                }
                body.push('\n');
                self.newline();
                continue;
            }
            if c == '\\' {
                // Keep the escape for now; the quote after it does not end the string.
                body.push('\\');
                self.i += 1;
                match self.peek(0) {
                    Some('\n') => {
                        body.push('\n');
                        self.newline();
                    }
                    Some(e) => {
                        body.push(e);
                        self.i += 1;
                    }
                    None => {}
                }
                continue;
            }
            body.push(c);
            self.i += 1;
        }
        if kind == StrKind::Bytes && !body.is_ascii() {
            return Err(CompileError::syntax(
                "bytes can only contain ASCII literal characters",
                start,
            ));
        }
        // CPython puts the caret of a bad escape just past the literal.
        let text = match kind {
            StrKind::Format { .. } => body,
            _ if raw => body,
            StrKind::Str => decode_escapes(&body, false, self.pos())?,
            StrKind::Bytes => decode_escapes(&body, true, self.pos())?,
        };
        self.push(Tok::Str { kind, text }, start);
        Ok(())
    }
}

fn tab_error(pos: Pos) -> CompileError {
    CompileError::Syntax {
        kind: SyntaxKind::Tab,
        message: "inconsistent use of tabs and spaces in indentation".into(),
        pos,
        end: pos,
    }
}

fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

fn is_id_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_id_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn is_string_prefix(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "r" | "u" | "b" | "br" | "rb" | "f" | "fr" | "rf"
    )
}

fn int_literal(digits: String, radix: u32) -> IntLit {
    match i64::from_str_radix(&digits, radix) {
        Ok(v) => IntLit::Small(v),
        Err(_) => {
            let digits = digits.trim_start_matches('0').to_string();
            IntLit::Big { digits, radix }
        }
    }
}

/// Apply a literal's backslash escapes (CPython's `decode_unicode_with_escapes` and,
/// for bytes, `_PyBytes_DecodeEscape`). An unknown escape keeps its backslash.
pub fn decode_escapes(body: &str, bytes: bool, at: Pos) -> Result<String, CompileError> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = e.to_digit(8).expect("octal digit");
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                if bytes {
                    out.push(char::from((value & 0xff) as u8));
                } else {
                    out.push(char::from_u32(value).expect("at most 0o777"));
                }
            }
            'x' | 'u' | 'U' if !bytes || e == 'x' => {
                let len = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..len)
                    .filter_map(|_| chars.next_if(char::is_ascii_hexdigit))
                    .collect();
                if hex.len() != len {
                    let what = match e {
                        'x' => "truncated \\xXX escape",
                        'u' => "truncated \\uXXXX escape",
                        _ => "truncated \\UXXXXXXXX escape",
                    };
                    let codec = if bytes {
                        "invalid \\x escape at position 0".to_string()
                    } else {
                        format!("(unicode error) 'unicodeescape' codec can't decode bytes in position 0-{}: {what}", len + 1)
                    };
                    return Err(CompileError::syntax(codec, at));
                }
                let value = u32::from_str_radix(&hex, 16).expect("hex digits");
                match char::from_u32(value) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(CompileError::syntax(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character",
                            at,
                        ))
                    }
                }
            }
            'N' if !bytes => {
                return Err(CompileError::unsupported("\\N{...} escapes", at));
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(src).unwrap().into_iter().map(|t| t.tok).collect()
    }

    fn err(src: &str) -> (String, Pos) {
        match tokenize(src).unwrap_err() {
            CompileError::Syntax { message, pos, .. } => (message, pos),
            CompileError::Unsupported { what, pos } => (format!("unsupported: {what}"), pos),
            CompileError::TooDeep { pos } => ("too deep".into(), pos),
        }
    }

    fn name(s: &str) -> Tok {
        Tok::Name(s.into())
    }

    #[test]
    fn indentation_makes_indent_and_dedent() {
        let src = "if x:\n    y = 1\n\n    # comment\n    if z:\n        pass\nw\n";
        assert_eq!(
            toks(src),
            vec![
                Tok::Kw(Kw::If),
                name("x"),
                Tok::Op(":"),
                Tok::Newline,
                Tok::Indent,
                name("y"),
                Tok::Op("="),
                Tok::Int(IntLit::Small(1)),
                Tok::Newline,
                Tok::Kw(Kw::If),
                name("z"),
                Tok::Op(":"),
                Tok::Newline,
                Tok::Indent,
                Tok::Kw(Kw::Pass),
                Tok::Newline,
                Tok::Dedent,
                Tok::Dedent,
                name("w"),
                Tok::Newline,
                Tok::EndMarker,
            ]
        );
    }

    #[test]
    fn a_line_that_closes_a_bracket_is_not_a_line_start() {
        let toks = toks("if True:\n    if (1\n == 2):\n        pass\n");
        assert_eq!(
            toks.iter().filter(|t| matches!(t, Tok::Indent)).count(),
            2,
            "{toks:?}"
        );
    }

    #[test]
    fn brackets_and_backslashes_join_lines() {
        let src = "x = (1,\n  2)\ny = 1 + \\\n  2";
        assert_eq!(
            toks(src),
            vec![
                name("x"),
                Tok::Op("="),
                Tok::Op("("),
                Tok::Int(IntLit::Small(1)),
                Tok::Op(","),
                Tok::Int(IntLit::Small(2)),
                Tok::Op(")"),
                Tok::Newline,
                name("y"),
                Tok::Op("="),
                Tok::Int(IntLit::Small(1)),
                Tok::Op("+"),
                Tok::Int(IntLit::Small(2)),
                Tok::Newline,
                Tok::EndMarker,
            ]
        );
    }

    #[test]
    fn numbers_decode_as_python_reads_them() {
        assert_eq!(
            toks("0x_ff 0o17 0b1_0 1_000 00 7"),
            [255, 15, 2, 1000, 0, 7]
                .into_iter()
                .map(|v| Tok::Int(IntLit::Small(v)))
                .chain([Tok::Newline, Tok::EndMarker])
                .collect::<Vec<_>>()
        );
        assert_eq!(
            toks("1.5 .5 1. 1e3 1_0.2_5e-1_0")[..5],
            [
                Tok::Float(1.5),
                Tok::Float(0.5),
                Tok::Float(1.0),
                Tok::Float(1000.0),
                Tok::Float(10.25e-10)
            ]
        );
        assert_eq!(
            toks("123456789012345678901234567890")[0],
            Tok::Int(IntLit::Big {
                digits: "123456789012345678901234567890".into(),
                radix: 10
            })
        );
        assert_eq!(toks("1if x else 2")[1], Tok::Kw(Kw::If));
    }

    #[test]
    fn strings_decode_escapes_and_keep_fstring_bodies() {
        assert_eq!(
            toks(
                r#"'a\n\x41\101\u00e9\q' r'a\n' b'\xff' f'{x}\n' """x
y""""#
            )[..5],
            [
                Tok::Str {
                    kind: StrKind::Str,
                    text: "a\nAAé\\q".into()
                },
                Tok::Str {
                    kind: StrKind::Str,
                    text: "a\\n".into()
                },
                Tok::Str {
                    kind: StrKind::Bytes,
                    text: "\u{ff}".into()
                },
                Tok::Str {
                    kind: StrKind::Format { raw: false },
                    text: "{x}\\n".into()
                },
                Tok::Str {
                    kind: StrKind::Str,
                    text: "x\ny".into()
                },
            ]
        );
        assert_eq!(
            toks(r"'it\'s'")[0],
            Tok::Str {
                kind: StrKind::Str,
                text: "it's".into()
            }
        );
    }

    /// Messages and caret positions checked against python3's.
    #[test]
    fn errors_read_as_cpythons() {
        assert_eq!(
            err("x = (1,\n"),
            ("'(' was never closed".into(), Pos::new(1, 5))
        );
        assert_eq!(err("x = 1)"), ("unmatched ')'".into(), Pos::new(1, 6)));
        assert_eq!(
            err("x = [1)"),
            (
                "closing parenthesis ')' does not match opening parenthesis '['".into(),
                Pos::new(1, 7)
            )
        );
        assert_eq!(
            err("s = 'abc\n"),
            (
                "unterminated string literal (detected at line 1)".into(),
                Pos::new(1, 5)
            )
        );
        assert_eq!(
            err("if x:\n    a\n  b\n"),
            (
                "unindent does not match any outer indentation level".into(),
                Pos::new(3, 3)
            )
        );
        assert_eq!(
            err("x = 012"),
            (
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into(),
                Pos::new(1, 5)
            )
        );
        assert_eq!(err("1j").0, "unsupported: complex numbers");
        assert_eq!(
            err("x = b'é'"),
            (
                "bytes can only contain ASCII literal characters".into(),
                Pos::new(1, 5)
            )
        );
        assert_eq!(
            err("x = 1abc"),
            ("invalid decimal literal".into(), Pos::new(1, 5))
        );
        assert_eq!(
            err("x = 0b12"),
            ("invalid digit '2' in binary literal".into(), Pos::new(1, 8))
        );
        assert_eq!(
            err("x = 0x"),
            ("invalid hexadecimal literal".into(), Pos::new(1, 6))
        );
        assert_eq!(
            err("x = €"),
            ("invalid character '€' (U+20AC)".into(), Pos::new(1, 5))
        );
        assert_eq!(err("x = '\\x4'").1, Pos::new(1, 10));
        assert_eq!(err(&"(".repeat(1_000_000)).0, "too many nested parentheses");
    }
}
