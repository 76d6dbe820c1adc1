memo = {}
def fib(n):
    if n in memo:
        return memo[n]
    r = n if n < 2 else fib(n - 1) + fib(n - 2)
    memo[n] = r
    return r
print(fib(90), len(memo))
d = {"x": 1, "y": 2, "z": 3}
del d["y"]
d["y"] = 4
d["x"] = 5
print(d, list(d), d.popitem(), d)
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[1], reverse=True))
lst = list(range(10))
lst[2:5] = []
lst[::2] = [0] * len(lst[::2])
print(lst, lst.index(0), lst[-1::-3])
class Box:
    def __init__(self):
        self.v = 1
        self.items = [1, 2]
b = Box()
b.v += 10
b.items[0] *= 5
b.items += [3]
print(b.v, b.items)
counts = [0] * 3
for i in range(10):
    counts[i % 3] += i
print(counts)
grid = {(x, y): x * y for x in range(3) for y in range(3) if x != y}
print(grid[(1, 2)], len(grid), sorted(grid)[:3])
nested = [[y for y in range(x)] for x in range(4)]
print(nested, [x for row in nested for x in row if x % 2 == 0])
funcs = []
for i in range(3):
    def f(j=i):
        return j * 10
    funcs.append(f)
print([f() for f in funcs])
def first_negative(xs):
    for x in xs:
        if x < 0:
            break
    else:
        return None
    return x
print(first_negative([1, 2, -3, 4]), first_negative([1]))
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return float("inf")
    finally:
        pass
print(safe_div(1, 2), safe_div(1, 0))
a, b = 1, 2
a, b = b, a
print(a, b)
x = y = z = []
x.append(1)
print(y, z is x)
print(1 if [] else 2, [] or "empty", {} and "x", 0 or None)
print(list(range(10))[3:8:2], "abcdef"[-2:], (1, 2, 3)[::-1])
