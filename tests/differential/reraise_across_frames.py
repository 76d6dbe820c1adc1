# A bare `raise` and `__context__` see the exception a caller is handling: the
# exceptions being handled are one stack across frames, as CPython's exc_info.
def reraise():
    raise

def helper_context():
    raise ValueError("inner")

try:
    try:
        raise KeyError("outer")
    except KeyError:
        reraise()
except KeyError as e:
    print("re-raised from a callee:", repr(e))

try:
    try:
        raise KeyError("outer")
    except KeyError:
        helper_context()
except ValueError as e:
    print("context across frames:", repr(e.__context__))

try:
    reraise()
except RuntimeError as e:
    print("no active exception:", e)

def gen():
    try:
        yield 1
        raise
    except KeyError as e:
        yield "gen caught " + repr(e)

try:
    raise KeyError("k")
except KeyError:
    g = gen()
    print(next(g))
try:
    print(next(g, "x"))
except RuntimeError as e:
    print("generator resumed outside the handler:", e)
