# CPython's AST optimizer folds operations on constants into constants of the code
# object: tuples of them allocate nothing when they run (gc.get_count does not move),
# equal folded big ints are one object, and a set display of constants is built from
# a folded frozenset. What would raise is left to run time.
import gc

gc.disable()
gc.collect()


def tuples():
    return [
        (1, -1),
        (2 ** 3, 1.5 * 2, ~0, not 1, 1 << 70),
        (-(2 ** 63), 2 ** 64 - 1, -2 ** 2, (-2) ** 2, 7 // -2, -7 % 3),
        (True + 1, True & False, True | 0, 3 ^ 5, 256 >> 3, -256 >> 100),
        (1 / 4, 2 ** -1, 10 // 3.0, -7.5 % 2, 2.0 ** 10, 9 ** 0.5),
        ("ab" * 3, b"x" + b"y", "q" * 0, (1, 2) * 2, (1,) + (2, 3), () * 5),
        (not 0, not "", not (), -True, +False, ~True),
        ((1, -2), (3, (4, -5))),
        (1e308 * 10, -(1e308 * 10), 0.1 + 0.2),
    ]


before = gc.get_count()[0]
first = tuples()
second = tuples()
print("allocated", gc.get_count()[0] - before)
print(all(a is b for a, b in zip(first, second)))
for t in first:
    print(t)


def big():
    return 2 ** 100, 2 ** 100, 10 ** 38, -(2 ** 127), 1 << 127


b = big()
print(b[0] is b[1], b)


def not_folded():
    # Too big for CPython to fold (128-bit limit), or would raise.
    return [2 ** 200, 7 * 10 ** 40, 1 << 200, "x" * 5000, (0,) * 300, "ab" * -1]


r = not_folded()
print([len(str(x)) if isinstance(x, int) else len(x) for x in r])


def raises(k):
    if k == 0:
        return 1 / 0
    if k == 1:
        return 1 << -1
    if k == 2:
        return 10.0 ** 400
    return 0 ** -1


for k in range(4):
    try:
        raises(k)
    except (ZeroDivisionError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)

print({1.5, 2 ** 40, 8, 16, 24, -3, 2 ** 31, 40})
print({-1, -2, 2 ** 61 - 1, 2 ** 61, -(2 ** 61)})
print({1 - 1, 0.5 * 2, 2 ** 62, -(2 ** 62)})
print(1 in [1, -1, 2 ** 3], -1 in {1, -1, 3}, (1, -1) == (1, -1))
