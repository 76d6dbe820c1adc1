# Exception chaining: __context__ set implicitly while handling, __cause__ by
# `raise ... from`, suppression by `from None`, and the chained traceback CPython
# prints for an uncaught exception.


class AppError(Exception):
    pass


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise AppError(f"cannot parse {text!r}") from e


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise LookupError("no " + key)


def quiet(table, key):
    try:
        return table[key]
    except KeyError:
        raise RuntimeError("quiet") from None


for f, args in [(parse, ("x1",)), (lookup, ({}, "k")), (quiet, ({}, "k"))]:
    try:
        f(*args)
    except Exception as e:
        print(type(e).__name__, e)
        print("  cause:", repr(e.__cause__))
        print("  context:", repr(e.__context__))
        print("  suppress:", e.__suppress_context__)
        print("  has traceback:", e.__traceback__ is not None)

e = ValueError("fresh")
print(e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__)

# Re-raising the exception being handled does not chain it to itself.
try:
    try:
        raise KeyError("a")
    except KeyError as inner:
        raise
except KeyError as outer:
    print("same:", repr(outer), outer.__context__)

# An exception raised in a finally block while another is pending.
try:
    try:
        raise IndexError("first")
    finally:
        try:
            raise TypeError("second")
        except TypeError as t:
            print("inside finally:", repr(t.__context__))
except IndexError as i:
    print("pending one survives:", repr(i), i.__context__)

# Contexts chain across calls: the handler is in a caller.
def deep():
    raise ValueError("deep")


try:
    raise KeyError("outer")
except KeyError:
    try:
        deep()
    except ValueError as v:
        print("across calls:", repr(v.__context__))

# Uncaught: both tracebacks are printed, the cause first.
def main():
    try:
        {}["missing"]
    except KeyError as e:
        raise RuntimeError("while loading") from e


try:
    main()
except RuntimeError:
    try:
        1 / 0
    except ZeroDivisionError:
        pass
main()
