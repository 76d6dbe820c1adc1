# Exceptions: finally overriding return, chaining (from, from None, context),
# str/repr of exceptions, assert messages, with_traceback, binding of
# BaseException's methods; built-in functions stored on a class stay unbound.
def f():
    try:
        return "try"
    finally:
        return "finally"
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("fin", i)
    else:
        print("no")
g()
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("wrapped") from e
except ValueError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__, repr(e.__context__))
try:
    try:
        {}["x"]
    except KeyError:
        raise RuntimeError("ctx") from None
except RuntimeError as e:
    print(e.__cause__, e.__suppress_context__, repr(e.__context__))
print(str(KeyError("k")), str(KeyError("a", "b")), str(ValueError()), str(ValueError("a", 1)), repr(OSError) if False else "")
class E(Exception):
    def __str__(self):
        return "custom:" + str(self.args)
try:
    raise E(1, 2)
except Exception as e:
    print(e, repr(e), e.args, isinstance(e, E))
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("AE", e)
try:
    assert False
except AssertionError as e:
    print("AE2", repr(e))
def chain():
    try:
        raise TypeError("first")
    except TypeError:
        try:
            raise ValueError("second")
        except ValueError as v:
            return v
v = chain()
print(repr(v), repr(v.__context__), v.__traceback__ is not None)
try:
    raise
except RuntimeError as e:
    print("bare raise:", e)
e = Exception("x")
print(e.with_traceback(None) is e)
e = ValueError("a")
e.__init__("b", 2)
print(e.args)
class E(Exception):
    def __init__(self, x):
        super().__init__(x, "extra")
print(E(1).args)
class A:
    f = len
    g = print
print(A().f([1, 2]), A.f("abc"))
A().g("hi")
