# gc.get_count() after everyday operations moves as CPython 3.11's: comprehensions,
# generators (closed early by any()), closures, calls with defaults (constant
# defaults are one constant tuple), min/max/str.format (argument tuples).
import gc
gc.disable()
class P:
    def __init__(self, x):
        self.x = x
    def m(self, y):
        return self.x + y
    @property
    def prop(self):
        return self.x
def gen(n):
    for i in range(n):
        yield i
def closure(a):
    def inner(b):
        return a + b
    return inner
keep = [None] * 200
p = P(1)
cases = [
    ("listcomp", lambda: [i for i in range(3)]),
    ("dictcomp", lambda: {i: i for i in range(3)}),
    ("setcomp", lambda: {i for i in range(3)}),
    ("genexp", lambda: sum(i for i in range(3))),
    ("gen", lambda: gen(3)),
    ("list(gen)", lambda: list(gen(3))),
    ("closure", lambda: closure(1)),
    ("closure call", lambda: closure(1)(2)),
    ("fstring", lambda: f"{p.x}-{2}"),
    ("str.join", lambda: ",".join(["a", "b"])),
    ("str.split", lambda: "a b c".split()),
    ("sorted", lambda: sorted([3, 1, 2])),
    ("dict.items", lambda: list({1: 2}.items())),
    ("for items", lambda: [k for k, v in {1: 2, 3: 4}.items()]),
    ("enumerate loop", lambda: [i for i, v in enumerate("abc")]),
    ("method", lambda: p.m(2)),
    ("bound", lambda: p.m),
    ("property", lambda: p.prop),
    ("P(2)", lambda: P(2)),
    ("P(x=2)", lambda: P(x=2)),
    ("isinstance", lambda: isinstance(p, P)),
    ("getattr", lambda: getattr(p, "x")),
    ("hasattr", lambda: hasattr(p, "nope")),
    ("try/except", lambda: (lambda: [1][2])),
    ("max key", lambda: max([1, 2], key=lambda v: v)),
    ("min", lambda: min(3, 4)),
    ("tuple()", lambda: tuple(range(3))),
    ("list slice", lambda: [1, 2, 3][1:]),
    ("dict get", lambda: {1: 2}.get(1)),
    ("str %", lambda: "%d-%s" % (1, "a")),
    ("str.format", lambda: "{}-{}".format(1, 2)),
    ("divmod", lambda: divmod(7, 2)),
    ("filter list", lambda: list(filter(None, [0, 1]))),
    ("any", lambda: any(x > 1 for x in [1, 2])),
    ("star args", lambda: (lambda *a: a)(1, 2)),
    ("kw args", lambda: (lambda **k: k)(a=1)),
    ("default arg", lambda: (lambda a, b=2: a + b)(1)),
]
for i, (label, f) in enumerate(cases):
    gc.collect()
    a = gc.get_count()[0]
    keep[i] = f()
    b = gc.get_count()[0]
    print(label, b - a)
