def pipeline(data):
    evens = (x for x in data if x % 2 == 0)
    squares = map(lambda x: x * x, evens)
    labeled = zip(range(100), squares)
    return [f"{i}:{v}" for i, v in labeled]
print(pipeline(range(15)))
def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(take(5, (x * 3 for x in naturals() if x % 2)), take(3, "abcdef"))
print(list(filter(lambda s: s.isupper(), ["A", "b", "C"])), list(map(str.upper, "xyz")))
print(dict(zip("abc", range(3))), list(enumerate(reversed("abc"))), sum(x for x in range(101) if x % 7 == 0))
