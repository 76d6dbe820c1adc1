# enumerate, zip, map and filter are lazy: they pull one item at a time, so they work
# on endless generators and interleave side effects as CPython does.


def naturals():
    n = 0
    while True:
        yield n
        n += 1


def noisy(tag, items):
    for x in items:
        print("  ", tag, "yields", x)
        yield x


for i, v in enumerate(naturals(), 1):
    if i > 3:
        break
    print(i, v)

for a, b in zip(naturals(), "abc"):
    print(a, b)

squares = map(lambda x: x * x, naturals())
print(next(squares), next(squares), next(squares))

evens = filter(lambda x: x % 2 == 0, naturals())
print([next(evens) for _ in range(4)])

print("zip stops at the shortest, after pulling from the ones before it:")
print(list(zip(noisy("A", [1, 2, 3]), noisy("B", [10, 20]))))

print("map calls as it goes:")
for r in map(lambda x: print("   call", x) or x + 1, noisy("C", [1, 2])):
    print("  got", r)

print(list(filter(None, [0, 1, "", "x", None, [], [0]])))
print(list(map(max, [1, 5, 3], [4, 2, 6])))
e = enumerate("ab")
print(next(e), list(e), list(e))
z = zip()
print(list(z))
pairs = dict(zip("xyz", naturals()))
print(pairs)
print(sum(map(len, ["ab", "cde"])), sorted(filter(lambda s: "a" in s, ["bar", "foo", "baz"])))
print(any(x > 1000 for x in naturals()), next(filter(lambda x: x > 10, naturals())))
