# Every binary operator between values of many types (containers, subclasses of them, instances, None):
# the result's type or the exception's type, compared with CPython line by line.
class L(list): pass
class D(dict): pass
class S(set): pass
class A: pass
vals = [None, True, 1, -1, 10**30, 1.5, 10**30 * 1.0, "ab", b"ab", [1], (1,), {1: 2}, {1}, frozenset(), range(3), L([1]), D(a=1), S({1}), A()]
ops = [
    ("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b),
    ("/", lambda a, b: a / b), ("//", lambda a, b: a // b), ("%", lambda a, b: a % b),
    ("<<", lambda a, b: a << b), ("&", lambda a, b: a & b), ("|", lambda a, b: a | b),
    ("^", lambda a, b: a ^ b), ("<", lambda a, b: a < b), ("==", lambda a, b: a == b),
    ("in", lambda a, b: a in b),
]
for name, op in ops:
    row = []
    for a in vals:
        for b in vals:
            if name == "%" and type(a) is bytes:
                row.append("-")  # bytes %-formatting is outside the language
                continue
            try:
                r = op(a, b)
                row.append(type(r).__name__[:3])
            except Exception as e:
                row.append("!" + type(e).__name__[:3])
    print(name, " ".join(row))
for f in (len, hash, bool, sorted, list, tuple, repr):
    row = []
    for a in vals:
        try:
            r = f(a)
            row.append(type(r).__name__[:4] if f is not repr else "ok")
        except Exception as e:
            row.append("!" + type(e).__name__[:4])
    print(f.__name__, " ".join(row))
for s in (10**30, 2**63, 100):
    try:
        print(len(bin(1 << s)))
    except (OverflowError, MemoryError) as e:
        print(type(e).__name__, e)
