def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

print(list(count_up(4)), sum(x * x for x in range(10)), "-".join(str(i) for i in range(3)))
g = count_up(2)
print(next(g), next(g), next(g, "end"))
def pairs():
    for a in "ab":
        for b in range(2):
            yield a, b
print(list(pairs()), any(x > 3 for x in [1, 5]), all(x for x in []), max(len(w) for w in ["a", "bbb"]))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
gen = (x for x in range(3))
print(type(gen).__name__, list(gen), list(gen))
