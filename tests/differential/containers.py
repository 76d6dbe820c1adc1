lst = [3, 1, 2]
lst.append(5)
lst.insert(0, 9)
lst.extend([7, 7])
print(lst, lst.pop(), lst.pop(0), lst.index(2), lst.count(7), len(lst))
lst.remove(7)
lst.sort()
print(lst, sorted(lst, reverse=True), lst[1:3], lst[-2:], lst[::-1])
lst[1:3] = [10, 20, 30]
del lst[0]
print(lst, [x * 2 for x in lst if x > 5], list(range(2, 12, 3)), list(reversed([1, 2, 3])))
t = (1, 2, 3)
print(t, t[1], t + (4,), t * 2, (1,), (), tuple([5, 6]), t.index(3), t.count(1))
d = {"a": 1, "b": 2}
d["c"] = 3
del d["a"]
print(d, d.get("b"), d.get("z", 0), list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("b"), d, d.setdefault("e", 5), d, "c" in d, len(d))
d.update({"f": 6}, g=7)
print(d, {k: v * 2 for k, v in d.items()}, dict(a=1), dict([("x", 1)]))
s = {1, 2, 3}
s.add(4)
s.discard(1)
print(s, 2 in s, len(s), s | {9}, s & {2, 3, 10}, s - {2}, sorted(s ^ {3, 11}))
print(list(enumerate("ab")), list(zip([1, 2], "xy")), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])))
print(any([0, 0, 1]), all([1, 1, 0]), [1, 2] == [1, 2], (1, 2) < (1, 3), [1, [2, 3]] == [1, [2, 3]])
a, (b, c), *rest = 1, (2, 3), 4, 5
print(a, b, c, rest)
nested = [[i * j for j in range(3)] for i in range(3)]
print(nested, {x % 3 for x in range(10)})
