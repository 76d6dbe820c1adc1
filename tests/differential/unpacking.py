def f(a, b, *rest, **kw):
    return a, b, rest, sorted(kw.items())
args = [1, 2, 3, 4]
opts = {"x": 1, "y": 2}
print(f(*args), f(*args, **opts), f(0, *[9], z=3), f(*"ab"))
first, *middle, last = range(6)
print(first, middle, last)
(a, b), c = (1, 2), 3
print(a, b, c)
for i, (x, y) in enumerate([(1, 2), (3, 4)]):
    print(i, x + y)
head, *tail = "hello"
print(head, tail)
nums = [1, 2, 3]
print(*nums, sep="-")
print(*[], "empty")
merged = [*nums, *"ab", *range(2)]
print(merged, {*nums, 9}, {**opts, "z": 0}, (*nums,))
n = 0
data = [5, 3, 0, 4]
while (v := data[n]) != 0:
    n += 1
print("stopped at", n, v)
print([y for x in range(5) if (y := x * x) > 4])
