# Methods of built-in types called on their own instances (the loop's quick path)
# and on others: finalizer and __eq__ order around the call, subclasses, wrong types.
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
    def __eq__(self, o):
        print("eq", self.n)
        return isinstance(o, D) and o.n == self.n
    def __hash__(self):
        return 1
l = []
l.append(D(1))
d = {D(2): "two"}
print(d.get(D(2)), d.get(D(3), "none"))
print(l.pop().n)
class L(list):
    pass
x = L([3, 1, 2])
x.sort()
print(x, list.append.__name__)
try:
    list.append(d, 1)
except TypeError as e:
    print(e)
s = "a-b"
print(s.split("-"), s.upper(), "".join(["x", "y"]), (1, 2, 1).count(1), {1, 2}.union({3}))
print("end")


def functions():
    items = [3, 1, 2]
    print(len(items), abs(-4), min(items), max(4, 9), sorted(items), isinstance(items, list))
    print(sum(items), repr("q"), str(5), int("7"), list(range(3)), divmod(9, 4))
    try:
        len(5)
    except TypeError as e:
        print(e)
    try:
        int("x")
    except ValueError as e:
        print(e)
    print(getattr(items, "count")(1), callable(print), hash(1) == hash(1.0))


functions()


def run(objs):
    out = []
    for o in objs:
        try:
            out.append(o.count(1) if not isinstance(o, str) else o.count("1"))
        except AttributeError as e:
            out.append(str(e))
    return out
print(run([[1, 1, 2], (1, 2), "a1b1", [1], {1: 2}, (1, 1, 1), "x"]))


def ups(xs):
    return [x.upper() for x in xs]
print(ups(["a", "b"]))
