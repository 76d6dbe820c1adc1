# The fused runs `LOAD_CONST; RETURN_VALUE`, `LOAD_FAST; RETURN_VALUE` and
# `BINARY_OP; STORE_FAST` behave as the ops they stand for: values, the
# UnboundLocalError of a local that is returned unset, the error of an operation
# whose result would be stored, `__init__` returning a constant, generators
# returning, and finalizers run by the store (the program ends with an uncaught
# exception whose traceback shows the lines).
import sys


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)

    def __add__(self, other):
        return Noisy(self.name + "+" + str(other))


def const():
    return (1, 2)


def local(flag):
    if flag:
        x = "set"
    return x


def store(a, b):
    c = a + b
    c += b
    c = c * 2
    return c


def store_objects():
    n = Noisy("a")
    n = n + 1
    n += 2
    print("stored", n.name)
    return 0


def gen():
    yield 1
    return 5


print(const(), const() is const(), local(True), store(1, 2), store("x", "y"))
print(store_objects())
g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
try:
    local(False)
except UnboundLocalError as e:
    print("unbound:", e)
try:
    store(1, "y")
except TypeError as e:
    print("type:", e)


class BadInit:
    def __init__(self):
        return 3


try:
    BadInit()
except TypeError as e:
    print("init:", e)


def deep(k):
    total = 0
    total += k
    total = total + "!"
    return total


sys.stdout.flush()
deep(4)
