# Runs the interpreter fuses into one op (local pairs, `x is None` branches,
# comparisons feeding branches, a local's attribute) behave exactly as the ops
# they stand for: values, branches, errors and the lines errors are reported at
# (the program ends with an uncaught exception that passed a handler).
class Box:
    def __init__(self, v):
        self.v = v


class Weird:
    """Comparisons that return non-bools, and a truth value that raises."""

    def __lt__(self, other):
        return [1] if other else []

    def __eq__(self, other):
        return "yes"


class NoTruth:
    def __bool__(self):
        raise ValueError("no truth")


def none_tests(xs):
    out = []
    for x in xs:
        if x is None:
            out.append("none")
        elif x is not None and x.v is None:
            out.append("inner none")
        else:
            out.append(x.v if not isinstance(x.v, Box) else "box")
        while x is not None:
            x = x.v if isinstance(x, Box) else None
        out.append(x is None)
        out.append(not x is None)
    return out


print(none_tests([None, Box(None), Box(3), Box(Box(4))]))


def compares(a, b):
    r = []
    if a < b:
        r.append("lt")
    if a == b:
        r.append("eq")
    if not a <= b:
        r.append("not le")
    while a < b:
        a += 1
    r.append(a)
    return r


print(compares(1, 4), compares(5, 2), compares(2.5, 2.5), compares(True, 3))
print(compares(Weird(), 1) if False else "skip")
w = Weird()
if w < 1:
    print("weird lt truthy")
if w < 0:
    print("never")
else:
    print("weird lt falsy")
if w == 3:
    print("weird eq", w == 3)
try:
    if 1 < NoTruth():
        pass
except TypeError as e:
    print("TypeError", e)
try:
    if w < NoTruth():
        pass
except ValueError as e:
    print("ValueError", e)


def pairs(a):
    b = a + 1
    c = b
    return a, b, c, a.__class__.__name__


print(pairs(1), pairs(1.5))


def unbound_second(flag):
    a = 1
    if flag:
        b = 2
    return a + b


try:
    unbound_second(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)


def unbound_first(flag):
    if flag:
        a = 1
    b = 2
    return a + b


try:
    unbound_first(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)


def attrs(box):
    total = 0
    for _ in range(3):
        total += box.v
    return total + box.missing


try:
    attrs(Box(2))
except AttributeError as e:
    print("AttributeError", e)

print([b.v for b in [Box(1), Box(2)] if b.v is not None and b.v < 2])
x = None
print("none" if x is None else "some", "some" if x is not None else "none")


def fail_late(box):
    x = box.v
    return x < box


try:
    fail_late(Box(1))
except TypeError as e:
    print("TypeError", e)
print(fail_late(Box("s")) if False else "skip")

# An exception a handler does not match goes on with the line it was raised at.
try:
    if 1 if False else NoTruth():
        pass
except TypeError:
    print("not this handler")
