class AppError(Exception):
    pass

class DeepError(AppError):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code

def risky(n):
    if n == 0:
        raise DeepError(7)
    if n == 1:
        return 1 / 0
    if n == 2:
        return [][1]
    return {}["k"]

for n in range(4):
    try:
        risky(n)
    except AppError as e:
        print("app", e, e.code, e.args)
    except ZeroDivisionError as e:
        print("zero", e)
    except (IndexError, KeyError) as e:
        print("lookup", type(e).__name__, e)
    else:
        print("no error")
    finally:
        print("finally", n)

def order():
    try:
        return "try"
    finally:
        print("finally runs before return")

print(order())
try:
    try:
        raise ValueError("inner")
    except ValueError:
        raise TypeError("outer")
except TypeError as e:
    print("caught", repr(e))
try:
    raise KeyError("missing")
except LookupError as e:
    print("base class catches", repr(e), str(e))
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("cleanup", i)
try:
    assert 1 == 2, "math is broken"
except AssertionError as e:
    print("assert", e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    int("x")
except ValueError as e:
    print(e)
