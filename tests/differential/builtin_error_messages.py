# Error messages of built-in operations, each caught and printed.
def f(a, b=1, *, c):
    return a
def g(x):
    return x
tests = [
    lambda: 1 / 0, lambda: 1 // 0, lambda: 1 % 0, lambda: 1.0 / 0, lambda: 2 ** -1 // 0,
    lambda: [][1], lambda: (1,)[5], lambda: "ab"[9], lambda: {}["k"], lambda: {}[(1, 2)],
    lambda: g(), lambda: g(1, 2), lambda: g(y=1), lambda: f(1), lambda: f(1, 2, 3, c=1), lambda: f(c=1),
    lambda: None.x, lambda: (1).x, lambda: None[0], lambda: len(5), lambda: iter(5), lambda: next(iter([])),
    lambda: int("x"), lambda: float("y"), lambda: [].pop(), lambda: {}.popitem(), lambda: [1].remove(2),
    lambda: [1].index(3), lambda: "a".index("b"), lambda: set().pop(), lambda: {1}.remove(2),
    lambda: abs("x"), lambda: -"x", lambda: ~1.5, lambda: "a" < 1, lambda: [1] < (1,), lambda: hash([]),
    lambda: {[]: 1}, lambda: 1 + None, lambda: None(), lambda: "x" * "y", lambda: chr(-1), lambda: ord("ab"),
    lambda: divmod(1, 0), lambda: round("x"), lambda: sorted([1, "a"]), lambda: max([]), lambda: min(),
    lambda: list(1), lambda: dict([1]), lambda: tuple(None), lambda: "{}".format(), lambda: "%d" % "x",
    lambda: getattr(1, "nope"), lambda: setattr(1, "x", 2), lambda: 10 ** 10 ** 10 if False else int("9" * 5000),
    lambda: [1, 2, 3][1:2:0], lambda: (lambda: (yield))().throw(ValueError("thrown")),
]
for t in tests:
    try:
        t()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
