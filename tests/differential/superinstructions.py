class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
def f(p):
    a, b = D(1), D(2)
    a, b = p
    print(a, b)
    a, a = (3, 4)
    print(a)
    x, y = [5, 6]
    print(x, y)
    try:
        x, y = (1, 2, 3)
    except ValueError as e:
        print(e)
    try:
        x, y = (1,)
    except ValueError as e:
        print(e)
    for k, v in {"a": 1, "b": 2}.items():
        print(k, v)
    t = (D(7), D(8))
    a, b = t
    del t
    print("end")
f(("p", "q"))


def nones(x, y):
    out = []
    if x is None:
        out.append("x none")
    if y is not None:
        out.append("y set")
    while x is not None:
        out.append(x)
        x = None if x > 2 else x + 1
    return out


print(nones(None, 1), nones(0, None))


def unbound(flag):
    if flag:
        z = 1
    try:
        if z is None:
            print("none")
    except UnboundLocalError as e:
        print("unbound:", e)


unbound(False)
unbound(True)


def twice(v):
    return v * 2


def calls(flag):
    if flag:
        w = 3
    try:
        print(twice(w))
    except UnboundLocalError as e:
        print("unbound:", e)
    try:
        print(missing_function(flag))
    except NameError as e:
        print("name:", e)


calls(True)
calls(False)


class Point:
    def __init__(self, x):
        self.x = x


class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)


def stores(flag):
    p = Point(1)
    p.x = p.x + 1
    p.y = 5
    print(p.x, p.y)
    q = Logged()
    q.a = 1
    print(q.a)
    n = 5
    try:
        n.y = 1
    except AttributeError as e:
        print("attr:", e)
    if flag:
        r = Point(0)
    try:
        r.x = 2
    except UnboundLocalError as e:
        print("unbound:", e)


stores(False)


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, by):
        self.n += by
        return self


def methods(flag):
    c = Counter()
    c.bump(1).bump(2)
    items = []
    items.append(c.n)
    text = "a,b"
    print(c.n, items, text.split(","))
    try:
        c.missing()
    except AttributeError as e:
        print("attr:", e)
    if flag:
        d = Counter()
    try:
        d.bump(1)
    except UnboundLocalError as e:
        print("unbound:", e)


methods(False)


def lists():
    (a, b, c), d = [1, 2, 3], [4]
    print(a, b, c, d)
    for (x, y), z in [([1, 2], 3), ([4, 5], 6)]:
        print(x + y + z)
    try:
        a, b = [1, 2, 3]
    except ValueError as e:
        print(e)
    try:
        a, b, c = [1]
    except ValueError as e:
        print(e)

    class L(list):
        def __iter__(self):
            return iter([7, 8])

    a, b = L([1, 2])
    print(a, b)


lists()
