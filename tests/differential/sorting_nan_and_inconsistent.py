# Sorting as CPython sorts: NaNs and inconsistent comparisons (no crash; CPython's order for short lists), reverse keeps equal items' order, a raising __lt__.
import random
random.seed(7)
nan = float("nan")
for n in (3, 10, 40, 63):
    for t in range(20):
        xs = [random.choice([nan, 1.0, 2.0, 0.5, 3.0, -1.0]) for _ in range(n)]
        print(sorted(xs), sorted(xs, reverse=True))
print(sorted([3, 1, 2], reverse=True), sorted(["b", "a", "c"], key=lambda s: s, reverse=True))
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b")]
print(sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[0], reverse=True))
l = [5, 3, 9, 1]; l.sort(reverse=True); print(l)
class Bad:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        if self.v == 2: raise ValueError("no")
        return self.v < o.v
    def __repr__(self): return f"B{self.v}"
xs = [Bad(3), Bad(1), Bad(2)]
try:
    xs.sort()
except ValueError as e:
    print("error", e, len(xs))
big = [random.random() for _ in range(5000)]
print(sorted(big) == sorted(big, key=lambda x: x), sorted(big)[:3] == sorted(big)[:3])

random.seed(3)
for trial in range(300):
    xs = [random.random() if random.random() < 0.8 else float("nan") for _ in range(random.randint(2, 300))]
    ys = sorted(xs)
class R:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return random.random() < 0.5
for trial in range(300):
    sorted([R(i) for i in range(random.randint(2, 200))])
print("inconsistent comparisons survived")
