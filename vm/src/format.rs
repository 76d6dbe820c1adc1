//! Text formatting as CPython does it: `repr` of floats and strings, format specs
//! (`format()`, f-strings) and `%`-formatting.

use crate::interp::{Exc, Vm};
use crate::value::Value;

/// `repr(float)`: the shortest text that reads back as the same float, in Python's
/// layout (`1e+16`, `1e-05`, `0.1`, `inf`, `nan`).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // Rust's `{:e}` gives the shortest round-trip digits.
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').expect("an exponent");
    let exp: i32 = exp.parse().expect("an integer exponent");
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let point = exp + 1; // digits before the decimal point
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point >= n {
            format!("{}{}.0", digits, "0".repeat((point - n) as usize))
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{sign}{body}")
    } else {
        let mant = if digits.len() == 1 {
            digits
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        format!(
            "{sign}{mant}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    }
}

/// Whether `repr` shows `c` as itself: not a separator other than the space, not a
/// format or private-use character, not a surrogate or unassigned code point
/// (CPython's `Py_UNICODE_ISPRINTABLE`; the common cases, without Unicode's tables).
pub(crate) fn printable(c: char) -> bool {
    let n = c as u32;
    !matches!(
        n,
        0xa0 | 0xad
            | 0x1680
            | 0x2000..=0x200f
            | 0x2028..=0x202f
            | 0x205f..=0x2064
            | 0x2066..=0x206f
            | 0x3000
            | 0xd800..=0xdfff
            | 0xe000..=0xf8ff
            | 0xfeff
            | 0xfff9..=0xfffb
            | 0xfffe..=0xffff
            | 0xf0000..=0x10ffff
    )
}

/// `repr(str)`: single quotes unless the text has one and no double quote.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if (0x80..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if !printable(c) => {
                let n = c as u32;
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A parsed format spec: `[[fill]align][sign][#][0][width][,][.precision][type]`.
#[derive(Default)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    zero: bool,
    width: usize,
    comma: bool,
    /// The grouping separator: `,` or `_`.
    sep: char,
    /// `#`: the alternate form (`0x` before hex digits, ...).
    alt: bool,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(vm: &Vm, spec: &str) -> Result<Spec, Exc> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    if chars.len() >= 2 && matches!(chars[1], '<' | '>' | '^' | '=') {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && matches!(chars[0], '<' | '>' | '^' | '=') {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = chars[start..i]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0);
    }
    if i < chars.len() && (chars[i] == ',' || chars[i] == '_') {
        s.comma = true;
        s.sep = chars[i];
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        s.precision = Some(
            chars[start..i]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0),
        );
    }
    if i < chars.len() {
        s.kind = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return Err(vm.error("ValueError", "Invalid format specifier"));
    }
    Ok(s)
}

/// A formatted number with its leading run of digits (the integer part) grouped in
/// threes with `sep`; the fraction and exponent stay as they are.
fn group_leading(t: &str, sep: char) -> String {
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    format!("{}{}", group_with(&t[..end], sep, 3), &t[end..])
}

/// `digits` grouped by `every` from the right with `sep`.
fn group_with(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `format(v, spec)`.
pub fn format_value(vm: &Vm, v: &Value, spec: &str) -> Result<String, Exc> {
    if let Some(inst) = v.obj().and_then(|o| vm.t.instance.get(o)) {
        let class = inst.class.clone();
        if let Some(f) = vm.class_lookup(&class, &vm.intern("__format__")) {
            let r = vm.call(&f, &[v.clone(), vm.new_str(spec)?], &[])?;
            return match vm.str_of(&r) {
                Some(s) => Ok(s.to_string()),
                None => Err(vm.type_error(format!(
                    "__format__ must return a str, not {}",
                    vm.type_name(&r)
                ))),
            };
        }
        if !spec.is_empty() {
            return Err(vm.type_error(format!(
                "unsupported format string passed to {}.__format__",
                vm.type_name(v)
            )));
        }
    }
    if spec.is_empty() {
        return crate::ops::str(vm, v);
    }
    let mut s = parse_spec(vm, spec)?;
    check_spec(vm, &s, v)?;
    // `n` is `d` or `g` in the C locale heaplab runs in.
    let is_number = matches!(v, Value::Int(_) | Value::Bool(_) | Value::Float(_));
    if s.kind == Some('n') && (is_number || crate::int::is_big(vm, v)) {
        let is_int = !matches!(v, Value::Float(_));
        s.kind = Some(if is_int { 'd' } else { 'g' });
    }
    if crate::int::is_big(vm, v) {
        return format_big(vm, v, &s, spec);
    }
    let (body, numeric) = match v {
        Value::Int(_) | Value::Bool(_) | Value::Float(_) => {
            let f = match v {
                Value::Float(f) => f.get(),
                Value::Int(i) => *i as f64,
                Value::Bool(b) => f64::from(u8::from(*b)),
                _ => 0.0,
            };
            let int = match v {
                Value::Int(i) => Some(*i),
                Value::Bool(b) => Some(i64::from(*b)),
                _ => None,
            };
            let negative = match int {
                Some(i) => i < 0,
                None => f.is_sign_negative() && !f.is_nan(),
            };
            let magnitude = match (s.kind, int) {
                (Some('d') | None, Some(i)) => {
                    let d = i.unsigned_abs().to_string();
                    if s.comma {
                        group_with(&d, s.sep, 3)
                    } else {
                        d
                    }
                }
                (Some(k @ ('x' | 'X' | 'o' | 'b')), Some(i)) => {
                    let n = i.unsigned_abs();
                    let d = match k {
                        'x' => format!("{n:x}"),
                        'X' => format!("{n:X}"),
                        'o' => format!("{n:o}"),
                        _ => format!("{n:b}"),
                    };
                    // `_` groups these in fours (`,` is refused before this).
                    if s.comma {
                        group_with(&d, '_', 4)
                    } else {
                        d
                    }
                }
                (Some('c'), Some(i)) => match u32::try_from(i).ok().and_then(char::from_u32) {
                    Some(c) => c.to_string(),
                    None => return Err(vm.error("OverflowError", "%c arg not in range(0x110000)")),
                },
                // inf and nan print as words in every float format (upper case for
                // the upper-case types).
                (Some(k @ ('e' | 'E' | 'f' | 'F' | '%')), _) if !f.is_finite() => {
                    let word = if f.is_nan() { "nan" } else { "inf" };
                    let word = if k.is_ascii_uppercase() {
                        word.to_uppercase()
                    } else {
                        word.to_string()
                    };
                    if k == '%' {
                        format!("{word}%")
                    } else {
                        word
                    }
                }
                (Some('f' | 'F'), _) => {
                    let p = s.precision.unwrap_or(6);
                    let t = format!("{:.p$}", f.abs());
                    if s.comma {
                        group_leading(&t, s.sep)
                    } else {
                        t
                    }
                }
                (Some('e' | 'E'), _) => {
                    let p = s.precision.unwrap_or(6);
                    let t = format!("{:.p$e}", f.abs());
                    let (m, e) = t.split_once('e').expect("an exponent");
                    let e: i32 = e.parse().unwrap_or(0);
                    let t = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
                    if s.kind == Some('E') {
                        t.to_uppercase()
                    } else {
                        t
                    }
                }
                (Some('%'), _) => {
                    let p = s.precision.unwrap_or(6);
                    let t = format!("{:.p$}%", f.abs() * 100.0);
                    if s.comma {
                        group_leading(&t, s.sep)
                    } else {
                        t
                    }
                }
                (Some('g' | 'G') | None, _) => {
                    let t = match (s.kind, s.precision) {
                        (None, None) => float_repr(f.abs()),
                        // With no type, a precision gives 'g' that keeps a point.
                        // Precision 0 with no type: one digit, always an exponent.
                        (None, Some(0)) if f.is_finite() => {
                            let t = format!("{:.0e}", f.abs());
                            let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
                            let e: i32 = e.parse().unwrap_or(0);
                            format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
                        }
                        (None, Some(p)) => {
                            let p = p.max(1);
                            let t = general_switching_at(f.abs(), p, p as i32 - 1);
                            if t.contains(['.', 'e', 'n']) {
                                t
                            } else {
                                format!("{t}.0")
                            }
                        }
                        (_, p) => {
                            let p = p.unwrap_or(6).max(1);
                            let t = if s.alt && f.is_finite() {
                                general_alternate(f.abs(), p)
                            } else {
                                general(f.abs(), p)
                            };
                            if s.kind == Some('G') {
                                t.to_uppercase()
                            } else {
                                t
                            }
                        }
                    };
                    if s.comma {
                        group_leading(&t, s.sep)
                    } else {
                        t
                    }
                }
                (Some(k), _) => {
                    return Err(vm.error(
                        "ValueError",
                        format!(
                            "Unknown format code '{k}' for object of type '{}'",
                            vm.type_name(v)
                        ),
                    ))
                }
            };
            let sign = if negative {
                "-"
            } else {
                match s.sign {
                    Some('+') => "+",
                    Some(' ') => " ",
                    _ => "",
                }
            };
            let prefix = match (s.alt, s.kind, int) {
                (true, Some('x'), Some(_)) => "0x",
                (true, Some('X'), Some(_)) => "0X",
                (true, Some('o'), Some(_)) => "0o",
                (true, Some('b'), Some(_)) => "0b",
                _ => "",
            };
            (format!("{sign}{prefix}{magnitude}"), true)
        }
        _ => {
            let mut t = crate::ops::str(vm, v)?;
            if let Some(p) = s.precision {
                t = t.chars().take(p).collect();
            }
            if let Some(k) = s.kind.filter(|&k| k != 's') {
                return Err(vm.error(
                    "ValueError",
                    format!(
                        "Unknown format code '{k}' for object of type '{}'",
                        vm.type_name(v)
                    ),
                ));
            }
            (t, false)
        }
    };
    let len = body.chars().count();
    if len >= s.width {
        return Ok(body);
    }
    let pad = s.width - len;
    // The `0` flag fills with zeros unless a fill is given, and, for numbers, pads
    // after the sign unless an alignment is given.
    let fill = s.fill.unwrap_or(if s.zero { '0' } else { ' ' });
    let align = s.align.unwrap_or(match (numeric, s.zero) {
        (true, true) => '=',
        (true, false) => '>',
        _ => '<',
    });
    let fill_str = |n: usize| fill.to_string().repeat(n);
    Ok(match align {
        '<' => format!("{body}{}", fill_str(pad)),
        '^' => format!("{}{body}{}", fill_str(pad / 2), fill_str(pad - pad / 2)),
        '=' => {
            // Padding goes after the sign and the `0x`-style prefix.
            let sign_len = usize::from(body.starts_with(['-', '+', ' ']));
            let rest = &body[sign_len..];
            let prefix_len = if s.alt && rest.len() >= 2 && rest[..2].eq_ignore_ascii_case("0x")
                || s.alt && rest.len() >= 2 && (rest.starts_with("0o") || rest.starts_with("0b"))
            {
                2
            } else {
                0
            };
            let (head, tail) = body.split_at(sign_len + prefix_len);
            format!("{head}{}{tail}", fill_str(pad))
        }
        _ => format!("{}{body}", fill_str(pad)),
    })
}

/// The combinations of a format spec CPython refuses for the value's type.
fn check_spec(vm: &Vm, s: &Spec, v: &Value) -> Result<(), Exc> {
    let err = |msg: String| Err(vm.error("ValueError", msg));
    let is_int = matches!(v, Value::Int(_) | Value::Bool(_)) || crate::int::is_big(vm, v);
    let is_str = vm.str_of(v).is_some();
    // A separator with a type that has no digits to group (checked for every type,
    // against the type's default code when none is given).
    if s.comma {
        if let Some(k) = s.kind.or(is_str.then_some('s')) {
            let refused = match k {
                'x' | 'X' | 'o' | 'b' => s.sep == ',',
                'd' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => false,
                _ => true,
            };
            if refused {
                return err(format!("Cannot specify '{}' with '{k}'.", s.sep));
            }
        }
    }
    let int_kind = match s.kind {
        Some('d' | 'x' | 'X' | 'o' | 'b' | 'c' | 'n') => true,
        None => is_int,
        _ => false,
    };
    if is_int && int_kind && s.precision.is_some() {
        return err("Precision not allowed in integer format specifier".into());
    }
    if is_int && s.kind == Some('c') {
        if s.sign.is_some() {
            return err("Sign not allowed with integer format specifier 'c'".into());
        }
        if s.alt {
            return err("Alternate form (#) not allowed with integer format specifier 'c'".into());
        }
    }
    if is_str && matches!(s.kind, None | Some('s')) {
        match s.sign {
            Some(' ') => return err("Space not allowed in string format specifier".into()),
            Some(_) => return err("Sign not allowed in string format specifier".into()),
            None => {}
        }
        if s.alt {
            return err("Alternate form (#) not allowed in string format specifier".into());
        }
        if s.align == Some('=') {
            return err("'=' alignment not allowed in string format specifier".into());
        }
    }
    Ok(())
}

/// `format()` of a big int: the integer codes on its digits, the float codes on its
/// value as a float.
fn format_big(vm: &Vm, v: &Value, s: &Spec, spec: &str) -> Result<String, Exc> {
    let n = crate::int::to_num(vm, v).expect("a big int");
    let magnitude = num_traits::Signed::abs(&n);
    let radix = match s.kind {
        None | Some('d') => 10,
        Some('x') | Some('X') => 16,
        Some('o') => 8,
        Some('b') => 2,
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let f = Value::float(crate::int::to_f64(vm, &n)?);
            return format_value(vm, &f, spec);
        }
        Some('c') => {
            return Err(vm.error("OverflowError", "Python int too large to convert to C long"))
        }
        Some(k) => {
            return Err(vm.error(
                "ValueError",
                format!("Unknown format code '{k}' for object of type 'int'"),
            ))
        }
    };
    let mut digits = magnitude.to_str_radix(radix);
    if radix == 10 {
        crate::int::check_str_digits(vm, digits.len())?;
    }
    if s.kind == Some('X') {
        digits = digits.to_uppercase();
    }
    if s.comma {
        digits = if radix == 10 {
            group_with(&digits, s.sep, 3)
        } else {
            group_with(&digits, '_', 4)
        };
    }
    let sign = if num_traits::Signed::is_negative(&n) {
        "-"
    } else {
        match s.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    let prefix = match (s.alt, s.kind) {
        (true, Some('x')) => "0x",
        (true, Some('X')) => "0X",
        (true, Some('o')) => "0o",
        (true, Some('b')) => "0b",
        _ => "",
    };
    let head = format!("{sign}{prefix}");
    let body = format!("{head}{digits}");
    let len = body.chars().count();
    if len >= s.width {
        return Ok(body);
    }
    let pad = s.width - len;
    let fill = s.fill.unwrap_or(if s.zero { '0' } else { ' ' });
    let fills = |k: usize| fill.to_string().repeat(k);
    Ok(match s.align.unwrap_or(if s.zero { '=' } else { '>' }) {
        '<' => format!("{body}{}", fills(pad)),
        '^' => format!("{}{body}{}", fills(pad / 2), fills(pad - pad / 2)),
        '=' => format!("{head}{}{digits}", fills(pad)),
        _ => format!("{}{body}", fills(pad)),
    })
}

/// `#g`: `p` significant digits, trailing zeros and the point kept.
fn general_alternate(f: f64, p: usize) -> String {
    let t = format!("{:.*e}", p - 1, f);
    let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    if f != 0.0 && (e < -4 || e >= p as i32) {
        let m = if m.contains('.') {
            m.to_string()
        } else {
            format!("{m}.")
        };
        format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
    } else {
        let decimals = (p as i32 - 1 - if f == 0.0 { 0 } else { e }).max(0) as usize;
        let t = format!("{f:.decimals$}");
        if t.contains('.') {
            t
        } else {
            format!("{t}.")
        }
    }
}

/// The `g` format with `p` significant digits.
fn general(f: f64, p: usize) -> String {
    general_switching_at(f, p, p as i32)
}

/// The `g` format with `p` significant digits, in scientific notation from exponent
/// `sci` up (`p` for `g`; `p - 1` for a float formatted with a precision and no type).
fn general_switching_at(f: f64, p: usize, sci: i32) -> String {
    if f == 0.0 {
        return "0".into();
    }
    if !f.is_finite() {
        return float_repr(f);
    }
    let exp = f.abs().log10().floor() as i32;
    let t = format!("{:.*e}", p - 1, f);
    let (_, e) = t.split_once('e').expect("an exponent");
    let e: i32 = e.parse().unwrap_or(exp);
    if e < -4 || e >= sci {
        let (m, _) = t.split_once('e').expect("an exponent");
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
    } else {
        let decimals = (p as i32 - 1 - e).max(0) as usize;
        let t = format!("{f:.decimals$}");
        if t.contains('.') {
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            t
        }
    }
}

/// `fmt % args`.
pub fn percent_format(vm: &Vm, fmt: &str, args: &Value) -> Result<String, Exc> {
    let items: Vec<Value> = match vm.get(vm.t.tuple, args) {
        Some(t) => t.items.to_vec(),
        None => vec![args.clone()],
    };
    // `%(name)s` takes its values from a mapping: the single argument, if it has
    // items and is neither a tuple nor a str (CPython's `PyMapping_Check` test, which
    // lists, bytes and ranges pass too); then unused arguments are no error.
    let mapping = args
        .obj()
        .filter(|o| {
            let t = &vm.t;
            t.dict.get(o).is_some_and(|d| !d.is_set)
                || t.list.is(o)
                || t.bytes.is(o)
                || t.range.is(o)
                || t.instance.get(o).is_some_and(|i| {
                    vm.class_lookup(&i.class, &vm.intern("__getitem__"))
                        .is_some()
                        || vm.base_of(args).is_some_and(|b| {
                            vm.t.list.is(b.obj().expect("a base"))
                                || vm.get(vm.t.dict, &b).is_some_and(|d| !d.is_set)
                        })
                })
        })
        .map(|_| args.clone());
    let mut it = items.into_iter();
    let mut used_mapping = false;
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let mut key = None;
        if chars.get(i) == Some(&'(') {
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(vm.error("ValueError", "incomplete format key"));
            }
            key = Some(chars[start..i - 1].iter().collect::<String>());
        }
        let start = i;
        while i < chars.len() && "-+ 0#.0123456789".contains(chars[i]) {
            i += 1;
        }
        let Some(&kind) = chars.get(i) else {
            return Err(vm.error("ValueError", "incomplete format"));
        };
        i += 1;
        if kind == '%' && key.is_none() {
            out.push('%');
            continue;
        }
        let flags: String = chars[start..i - 1].iter().collect();
        let arg = match &key {
            Some(k) => {
                let Some(m) = &mapping else {
                    return Err(vm.type_error("format requires a mapping"));
                };
                used_mapping = true;
                let k = vm.new_str(k)?;
                crate::ops::getitem(vm, m, &k)?
            }
            None => match it.next() {
                Some(a) => a,
                None => return Err(vm.type_error("not enough arguments for format string")),
            },
        };
        let sign: String = flags
            .split('.')
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| matches!(c, '+' | ' ' | '#'))
            .collect();
        // `%.Ns` and `%.Nr` keep the first N characters.
        let truncate = |t: String| -> String {
            match flags
                .split_once('.')
                .map(|(_, p)| p.parse::<usize>().unwrap_or(0))
            {
                Some(p) => t.chars().take(p).collect(),
                None => t,
            }
        };
        let text = match kind {
            's' => truncate(crate::ops::str(vm, &arg)?),
            'r' => truncate(crate::ops::repr(vm, &arg)?),
            'd' | 'i' | 'u' => {
                let n = match arg {
                    Value::Float(f) => {
                        let f = f.get();
                        if f.is_nan() {
                            return Err(
                                vm.error("ValueError", "cannot convert float NaN to integer")
                            );
                        }
                        if f.is_infinite() {
                            return Err(vm.error(
                                "OverflowError",
                                "cannot convert float infinity to integer",
                            ));
                        }
                        match <num_bigint::BigInt as num_traits::FromPrimitive>::from_f64(f.trunc())
                        {
                            Some(n) => crate::int::from_num(vm, n)?,
                            None => Value::Int(0),
                        }
                    }
                    Value::Int(_) | Value::Bool(_) => arg,
                    other if crate::int::is_big(vm, &other) => other,
                    other => {
                        return Err(vm.type_error(format!(
                            "%{kind} format: a real number is required, not {}",
                            vm.type_name(&other)
                        )))
                    }
                };
                format_value(vm, &n, &format!("{sign}d"))?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G'
                if !matches!(arg, Value::Int(_) | Value::Bool(_) | Value::Float(_))
                    && !crate::int::is_big(vm, &arg) =>
            {
                return Err(
                    vm.type_error(format!("must be real number, not {}", vm.type_name(&arg)))
                );
            }
            'x' | 'X' | 'o'
                if !matches!(arg, Value::Int(_) | Value::Bool(_))
                    && !crate::int::is_big(vm, &arg) =>
            {
                return Err(vm.type_error(format!(
                    "%{kind} format: an integer is required, not {}",
                    vm.type_name(&arg)
                )));
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' => {
                let spec_prec = flags
                    .split_once('.')
                    .map(|(_, p)| format!(".{}", if p.is_empty() { "0" } else { p }))
                    .unwrap_or_default();
                format_value(vm, &arg, &format!("{sign}{spec_prec}{kind}"))?
            }
            'c' => match &arg {
                Value::Int(_) | Value::Bool(_) => {
                    match u32::try_from(crate::ops::as_i64(&arg).unwrap_or(-1))
                        .ok()
                        .and_then(char::from_u32)
                    {
                        Some(c) => c.to_string(),
                        None => {
                            return Err(vm.error("OverflowError", "%c arg not in range(0x110000)"))
                        }
                    }
                }
                v if vm.str_of(v).is_some_and(|s| s.chars().count() == 1) => {
                    vm.str_of(v).unwrap_or_default().to_string()
                }
                v if crate::int::is_big(vm, v) => {
                    return Err(vm.error("OverflowError", "%c arg not in range(0x110000)"))
                }
                _ => return Err(vm.type_error("%c requires int or char")),
            },
            _ => {
                return Err(vm.error(
                    "ValueError",
                    format!(
                        "unsupported format character '{kind}' (0x{:x}) at index {}",
                        u32::from(kind),
                        i - 1
                    ),
                ))
            }
        };
        let width_flags = flags.split('.').next().unwrap_or("");
        let left = width_flags.contains('-');
        let zero = width_flags.starts_with('0') && !left;
        let width: usize = width_flags
            .trim_start_matches(['-', '+', ' ', '0', '#'])
            .parse()
            .unwrap_or(0);
        let len = text.chars().count();
        if len < width {
            let pad = width - len;
            if left {
                out.push_str(&text);
                out.push_str(&" ".repeat(pad));
            } else if zero && !matches!(kind, 's' | 'r' | 'c') {
                // Zeros go after the sign (and a `0x`-style prefix).
                let sign_len = usize::from(text.starts_with(['-', '+', ' ']));
                let prefix_len = if text[sign_len..].starts_with("0x")
                    || text[sign_len..].starts_with("0X")
                    || text[sign_len..].starts_with("0o")
                {
                    2
                } else {
                    0
                };
                let (head, tail) = text.split_at(sign_len + prefix_len);
                out.push_str(head);
                out.push_str(&"0".repeat(pad));
                out.push_str(tail);
            } else {
                out.push_str(&" ".repeat(pad));
                out.push_str(&text);
            }
        } else {
            out.push_str(&text);
        }
    }
    if !used_mapping && mapping.is_none() && it.next().is_some() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checked against python3's `repr`.
    #[test]
    fn floats_print_as_python_prints_them() {
        for (f, text) in [
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (123.456, "123.456"),
            (-2.5, "-2.5"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0f64.powi(70), "1.1805916207174113e+21"),
            (f64::INFINITY, "inf"),
            (-0.0, "-0.0"),
        ] {
            assert_eq!(float_repr(f), text);
        }
    }

    #[test]
    fn strings_repr_with_pythons_quotes() {
        assert_eq!(str_repr("a'b"), "\"a'b\"");
        assert_eq!(str_repr("a'b\""), "'a\\'b\"'");
        assert_eq!(str_repr("x\n\t\\"), "'x\\n\\t\\\\'");
    }
}
