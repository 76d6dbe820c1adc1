# Arithmetic across ints (small and big), floats, bools and the operators:
# results or error types.
# (A negative number to a fractional power is complex in CPython; heaplab has no
# complex numbers and says so, so those pairs are left out.)
vals = [0, 1, -1, 7, -7, 2 ** 63, -(2 ** 63), 2 ** 64 + 1, 0.0, -0.0, 2.5, -2.5, 1e308, True, False]
ops = [
    ("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b),
    ("/", lambda a, b: a / b), ("//", lambda a, b: a // b), ("%", lambda a, b: a % b),
    ("**", lambda a, b: a ** b if abs(b) < 70 and not (a < 0 and isinstance(b, float) and b != int(b)) else "skip"), ("<<", lambda a, b: a << b if 0 <= b < 70 else "skip"), (">>", lambda a, b: a >> b if 0 <= b < 70 else "skip"),
    ("&", lambda a, b: a & b), ("|", lambda a, b: a | b), ("^", lambda a, b: a ^ b),
    ("divmod", divmod), ("<", lambda a, b: a < b), ("==", lambda a, b: a == b), ("max", max),
]
for a in vals:
    for b in vals:
        row = []
        for name, f in ops:
            try:
                r = f(a, b)
            except Exception as e:
                r = type(e).__name__
            row.append(r)
        print(repr(a), repr(b), row)
for a in vals:
    try:
        print(repr(a), -a, +a, abs(a), int(a) if a == a and abs(a) != float("inf") else "x", float(a), hash(a) == hash(a), bool(a), round(a) if not isinstance(a, float) or abs(a) < 1e300 else "x", ~a if isinstance(a, int) else "f")
    except Exception as e:
        print(type(e).__name__)
