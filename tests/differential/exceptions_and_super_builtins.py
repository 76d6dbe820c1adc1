# Exceptions: custom __str__ over BaseException's, raise from None, finally order,
# reraised GeneratorExit; super() reaching object's and BaseException's methods.
# exceptions: hierarchy, args, str/repr, custom __str__, raise from None, finally ordering
class AppError(Exception):
    def __str__(self):
        return "app: " + super().__str__()
class Sub(AppError):
    pass
def f(n):
    try:
        if n == 0:
            raise Sub("zero", 1)
        if n == 1:
            raise KeyError("k")
        if n == 2:
            raise ValueError
        return n
    except KeyError as e:
        raise RuntimeError("wrapped") from None
    finally:
        print("finally", n)
for n in range(4):
    try:
        print("ok", f(n))
    except AppError as e:
        print(type(e).__name__, str(e), repr(e), e.args, isinstance(e, Exception))
    except RuntimeError as e:
        print(repr(e), e.__cause__, e.__suppress_context__, type(e.__context__).__name__)
    except Exception as e:
        print("other", repr(e), str(e) == "", e.args)
try:
    try:
        1 / 0
    finally:
        print("inner finally")
except ZeroDivisionError as e:
    print("caught", e)
def gen():
    try:
        yield 1
    except GeneratorExit:
        print("closing")
        raise
g = gen(); next(g); g.close()
try:
    raise ExceptionGroup if False else TypeError("t")
except (ValueError, TypeError) as e:
    print("tuple catch", e)
e = KeyError("a", "b")
print(str(e), repr(e), str(KeyError()), repr(StopIteration(5)), StopIteration(5).value)
print(issubclass(KeyError, LookupError), issubclass(RecursionError, RuntimeError), UnboundLocalError.__mro__[1].__name__)
class A:
    def __repr__(self):
        return "A<" + super().__repr__()[:10] + ">"
    def __eq__(self, o):
        return super().__eq__(o)
    def __hash__(self):
        return super().__hash__()
a = A()
a.x = 2
print(repr(a), a == a, a == A(), hash(a) == object.__hash__(a), a.x)
class E(KeyError):
    def __str__(self):
        return "E:" + super().__str__()
    def __repr__(self):
        return "R:" + super().__repr__()
print(str(E("k")), repr(E("k", 2)), str(E()))
