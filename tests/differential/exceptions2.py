# Exceptions: nesting, re-raise, finally ordering, exceptions across calls.
def level3():
    raise KeyError("deep")

def level2():
    try:
        level3()
    finally:
        print("level2 finally")

def level1():
    try:
        level2()
    except KeyError as e:
        print("level1 caught", repr(e))
        raise RuntimeError("wrapped") from e

try:
    level1()
except RuntimeError as e:
    print("top caught", e, type(e.__cause__).__name__)

def gen_errors():
    for exc in (ValueError, TypeError, IndexError, ZeroDivisionError, AttributeError):
        try:
            raise exc("x")
        except (ValueError, TypeError):
            print("group 1", exc.__name__)
        except LookupError:
            print("lookup", exc.__name__)
        except Exception as e:
            print("other", type(e).__name__, e)

gen_errors()
results = []
for i in range(4):
    try:
        if i % 2:
            raise ValueError(i)
        results.append(i)
    except ValueError as e:
        results.append(-int(str(e)))
    else:
        results.append("ok")
    finally:
        results.append("f")
print(results)

def reraiser():
    try:
        [][0]
    except IndexError:
        print("handling")
        raise

try:
    reraiser()
except IndexError as e:
    print("reraised:", e)

class CustomError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code

try:
    raise CustomError(42, "the answer")
except CustomError as e:
    print(e.code, e, e.args)
err = ValueError("a", "b")
print(err.args, str(err), repr(err))
print(repr(KeyError()), str(KeyError("k")), repr(Exception()), str(Exception()))
