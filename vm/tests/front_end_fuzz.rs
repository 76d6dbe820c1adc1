//! The tokenizer and parser on random and mutated programs: every input gets `Ok` or a
//! `CompileError` — never a panic, a stack overflow or a hang.

use proptest::prelude::*;
use vm::error::CompileError;
use vm::parser::parse;

/// Programs that use most of the grammar, to mutate.
const SEEDS: &[&str] = &[
    "def f(a, b=1, *args, c, **kw):\n    return [x * 2 for x in args if x] + list(kw)\n",
    "class A(B):\n    def __init__(self):\n        super().__init__()\n        self.x = {'a': (1, 2.5, 0x1f)}\n",
    "try:\n    x = y[1:2:3]\nexcept (E, F) as e:\n    raise G from e\nelse:\n    pass\nfinally:\n    del x\n",
    "while not a and b or c:\n    a, *b = c\n    a += 1 << 3 | 4 ^ 5 & ~6\n    if a is not None: break\n",
    "print(f'{x!r:>{w}} {y:.3f} {{z}}', sep='', end='\\n')\nlambda x=(1,): x if x else -x ** 2\n",
    "for i in range(10):\n\tif i % 2:\n\t\tcontinue\nelse:\n\tassert i, 'msg'\n",
    "import gc, weakref as w\nfrom sys import getrefcount\ngc.collect(); w.ref(o, lambda r: None)\n",
];

fn check(src: &str) {
    match parse(src) {
        Ok(_) => {}
        Err(e) => {
            // The report is printable and names a position inside the program.
            let report = e.report("fuzz.py", src);
            assert!(!report.is_empty());
            if let CompileError::Syntax { pos, .. } | CompileError::Unsupported { pos, .. } = e {
                assert!(pos.line >= 1 && pos.col >= 1, "{e:?}");
            }
        }
    }
}

fn mutate(seed: &str, edits: &[(usize, u8, char)]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for &(at, op, c) in edits {
        if chars.is_empty() {
            chars.push(c);
            continue;
        }
        let at = at % (chars.len() + 1);
        match op % 3 {
            0 => chars.insert(at, c),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ if at < chars.len() => chars[at] = c,
            _ => chars.push(c),
        }
    }
    chars.into_iter().collect()
}

fn alphabet() -> impl Strategy<Value = char> {
    prop::sample::select(
        " \t\n\\()[]{}:;,.=+-*/%@&|^~<>!'\"#_0123456789abcdefxyzjbrfuLN\u{e9}\u{20ac}\r"
            .chars()
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(src in prop::collection::vec(alphabet(), 0..200)) {
        check(&src.into_iter().collect::<String>());
    }

    #[test]
    fn mutated_programs_never_panic(
        seed in 0..SEEDS.len(),
        edits in prop::collection::vec((0usize..400, 0u8..3, alphabet()), 1..8),
    ) {
        check(&mutate(SEEDS[seed], &edits));
    }

    #[test]
    fn keywords_in_random_order_never_panic(
        words in prop::collection::vec(prop::sample::select(vec![
            "if", "else", "elif", "for", "in", "while", "def", "class", "return", "lambda",
            "yield", "from", "import", "try", "except", "finally", "with", "as", "not",
            "and", "or", "is", "None", "x", "1", ":", "(", ")", "[", "]", "{", "}", ",",
            "=", "*", "**", "\n", "    ", "f'{x}'", "'s'", "->", ":=", "@", "del", "global",
        ]), 0..40),
    ) {
        check(&words.join(" "));
    }
}

#[test]
fn the_seeds_parse() {
    for seed in SEEDS {
        parse(seed).unwrap_or_else(|e| panic!("{}", e.report("seed.py", seed)));
    }
}

#[test]
fn pathological_inputs_are_refused_cleanly() {
    let inputs = [
        "(".repeat(1_000_000),
        "[".repeat(300) + &"]".repeat(300),
        format!("x = {}1", "-".repeat(1_000_000)),
        format!("x = {}1", "not ".repeat(100_000)),
        "if x:\n".repeat(200),
        (0..150)
            .map(|i| format!("{}if x:\n", " ".repeat(i)))
            .collect(),
        "\"\"\"".to_string(),
        "'\\".to_string(),
        "\\".to_string(),
        String::new(),
        "\u{feff}x = 1\n".to_string(),
    ];
    for src in &inputs {
        check(src);
    }
}
