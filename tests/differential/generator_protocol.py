# The generator protocol: send, throw, close, yield from (with delegation of sent
# values, thrown exceptions and return values), and generators closed when dropped,
# so their finally blocks run.
import gc


def echo():
    received = []
    try:
        while True:
            x = yield len(received)
            received.append(x)
    finally:
        print("echo closing with", received)


g = echo()
print(next(g), g.send("a"), g.send("b"))
g.close()
print("closed")


def accumulate():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x


def delegator():
    result = yield from accumulate()
    print("inner returned", result)
    yield from [10, 20]
    return "done"


d = delegator()
print(next(d), d.send(5), d.send(7))
print(d.send(None), next(d))
try:
    next(d)
except StopIteration as e:
    print("StopIteration", e.value, e.args)


def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("caught", e)
            yield "recovered"


c = catcher()
print(next(c), c.throw(ValueError("boom")), next(c))
try:
    c.throw(KeyError("k"))
except KeyError as e:
    print("KeyError propagated", e)
print(list(c))


def outer():
    try:
        yield from catcher()
    finally:
        print("outer finally")


o = outer()
print(next(o), o.throw(ValueError("through")))
o.close()


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)


def resource(name):
    print("open", name)
    try:
        yield name
        yield name + "!"
    finally:
        print("release", name)


for r in resource("a"):
    print("using", r)
    break
print("after break")
r = resource("b")
next(r)
del r
print("after del")


def counter():
    n = 0
    while True:
        n += 1
        yield n


cyc = []
gen = counter()
cyc.append(gen)
next(gen)
print(gc.collect() >= 0)
u = counter()
try:
    u.send(1)
except TypeError as e:
    print("TypeError:", e)
print(next(u), u.send(None))
fresh = resource("never")
fresh.close()
print(list(fresh))
try:
    resource("thrown").throw(ValueError("at start"))
except ValueError as e:
    print("ValueError:", e)


def flatten(tree):
    for x in tree:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x


print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
