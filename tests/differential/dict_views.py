# Dict views: live keys/values/items (not copies), their set operations,
# membership, repr, and the error when a dict or set changes size while iterated.
import gc, sys
d = {"a": 1, "b": 2}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, type(k).__name__, len(k), bool(k), bool({}.keys()))
d["c"] = 3
print(k, list(v), sorted(it), "a" in k, 3 in v, ("a", 1) in it, ("a", 2) in it, ("z", 1) in it, [1] in v)
print(k & {"a", "z"}, sorted(k | {"z"}), sorted(k - {"a"}), sorted(k ^ {"a", "q"}), {"a"} & k, it & {("a", 1)}, k == {"a", "b", "c"}, k == ["a"], v == v)
print(list(reversed(k)), set(k) == set(d), gc.is_tracked(k), sys.getsizeof(k))
try:
    hash(k)
except TypeError as e:
    print(e)
try:
    k[0]
except TypeError as e:
    print(e)
try:
    for key in d.keys():
        d[key + "!"] = 0
except RuntimeError as e:
    print(e)
for key, value in {"x": 1}.items():
    print(key, value)
print(d.keys() == d.keys(), d.items() == {("a", 1)}, list(d.items())[:1])
s = {1, 2}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print(e)
it = iter(d)
d["new"] = 1
for attempt in range(2):
    try:
        next(it)
    except RuntimeError as e:
        print(attempt, e)
print(gc.get_referents(k) == [d], sys.getrefcount(d) > 2)
