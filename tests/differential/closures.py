# Closures, nonlocal state machines, higher-order functions.
def compose(*fs):
    def run(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return run

inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))

def counter_factory():
    counts = {}
    def count(key):
        counts[key] = counts.get(key, 0) + 1
        return counts[key]
    def snapshot():
        return dict(sorted(counts.items()))
    return count, snapshot

count, snapshot = counter_factory()
for k in "abracadabra":
    count(k)
print(snapshot())

def make_accumulator(total=0):
    def add(n):
        nonlocal total
        total += n
        return total
    return add

acc = make_accumulator(10)
print([acc(i) for i in range(5)])

def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x

print(apply_n(lambda s: s + "!", 3, "hi"), apply_n(dbl, 10, 1))
print(list(map(lambda p: p[0] * p[1], zip(range(5), range(5, 10)))))
print(sorted(["banana", "Apple", "cherry"], key=str.lower) if hasattr(str, "lower") else None)
