# List, dict, set and tuple operations across inputs: results or error types.
def show(f):
    try:
        r = f()
    except Exception as e:
        r = type(e).__name__ + ": " + str(e)
    print(repr(r))
lists = [[], [3, 1, 2], [1, 1, 1], ["b", "a"], [1, "a"], [[2], [1]]]
for l in lists:
    show(lambda: sorted(l))
    show(lambda: sorted(l, reverse=True))
    show(lambda: max(l))
    show(lambda: l.index(1))
    show(lambda: l.count(1))
    show(lambda: l * 2)
    show(lambda: l + [9])
    show(lambda: l[1:] + l[:1])
    show(lambda: list(reversed(l)))
    show(lambda: 1 in l)
    show(lambda: l == sorted(l))
    show(lambda: l < [2])
    x = list(l); show(lambda: (x.insert(-1, "i"), x)[1])
    x = list(l); show(lambda: (x.insert(100, "j"), x)[1])
    x = list(l); show(lambda: x.pop(0))
    x = list(l); show(lambda: x.pop(-5))
    x = list(l); show(lambda: (x.extend(range(2)), x)[1])
    x = list(l); show(lambda: (x.remove(1), x)[1])
    x = list(l); show(lambda: (x.reverse(), x)[1])
    x = list(l); show(lambda: (x.__setitem__(0, 5), x)[1])
    x = list(l); show(lambda: (x.__delitem__(-1), x)[1])
    show(lambda: tuple(l) + (1,))
    show(lambda: sorted(map(repr, set(l))))
    show(lambda: dict.fromkeys(l))
dicts = [{}, {"a": 1, "b": 2}, {1: "x", 2: "y"}]
for d in dicts:
    show(lambda: list(d))
    show(lambda: sorted(d.items()))
    show(lambda: d.get("a", 0))
    show(lambda: d["a"])
    show(lambda: {**d, "z": 0})
    x = dict(d); show(lambda: (x.update(a=5), x)[1])
    x = dict(d); show(lambda: x.pop("a"))
    x = dict(d); show(lambda: x.pop("q", "dflt"))
    x = dict(d); show(lambda: x.popitem())
    x = dict(d); show(lambda: (x.setdefault("n", []).append(1), x)[1])
    show(lambda: d == {"a": 1, "b": 2})
    show(lambda: d | {"c": 3} if hasattr(d, "__or__") else "no |")
    show(lambda: len(d))
sets = [set(), {1, 2, 3}, {3, 4}]
for a in sets:
    for b in sets:
        show(lambda: sorted(a | b))
        show(lambda: sorted(a & b))
        show(lambda: sorted(a - b))
        show(lambda: sorted(a ^ b))
        show(lambda: (a <= b, a < b, a >= b, a > b, a == b, a.isdisjoint(b), a.issubset(b), a.issuperset(b)))
for a in sets:
    for b in sets:
        x = set(a); x.intersection_update(b); y = set(a); y.difference_update(b); z = set(a); z.symmetric_difference_update(b)
        print(sorted(x), sorted(y), sorted(z), sorted(a.symmetric_difference(b)), frozenset(a).issubset(b), a.issuperset([3]))
print(open.__name__ if False else "done", [1, 2].__len__(), {1: 2}.__contains__(1), "ab".__add__("c"), [3].__lt__("a"), {"a": 1} | {"b": 2})
