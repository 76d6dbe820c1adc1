# The with statement: __enter__'s value bound by `as`, __exit__ called on a normal
# exit, on an exception (which it may suppress), and on return, break and continue;
# several managers in one statement; errors from __exit__ and the protocol.


class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc, tb is not None)
        return self.suppress


with Ctx("a") as v:
    print("body", v)

with Ctx("b", suppress=True):
    raise ValueError("swallowed")
print("after b")

try:
    with Ctx("c"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))


def early():
    with Ctx("d") as d:
        return d + "!"


print(early())

for i in range(3):
    with Ctx(f"loop{i}"):
        if i == 0:
            continue
        if i == 1:
            break
print("loop done", i)

with Ctx("x") as x, Ctx("y") as y:
    print("both", x, y)

try:
    with Ctx("outer"), Ctx("inner", suppress=False):
        raise IndexError("deep")
except IndexError:
    print("IndexError out of both")

with Ctx("o", suppress=True):
    with Ctx("i"):
        raise RuntimeError("inner error")
print("suppressed by the outer")


class Failing:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        raise OSError("exit failed")


try:
    with Failing():
        pass
except OSError as e:
    print("OSError:", e)

try:
    with Failing():
        raise ValueError("original")
except OSError as e:
    print("OSError:", e, "context:", repr(e.__context__))


class NoExit:
    def __enter__(self):
        return 1


try:
    with NoExit():
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    with 42:
        pass
except TypeError as e:
    print("TypeError:", e)


def gen():
    with Ctx("gen"):
        yield 1
        yield 2


print(list(gen()))
g = gen()
next(g)
del g
print("generator dropped")

log = []


class Lock:
    depth = 0

    def __enter__(self):
        Lock.depth += 1
        log.append(("acquire", Lock.depth))
        return self

    def __exit__(self, *a):
        log.append(("release", Lock.depth))
        Lock.depth -= 1


lock = Lock()
for n in range(2):
    with lock:
        with lock:
            log.append(("work", n))
print(log)
