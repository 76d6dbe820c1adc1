# sum, min and max draw one item at a time, as CPython's: each item is added (or
# keyed and compared) before the next is drawn, and an error stops the drawing.
def noisy(n):
    for i in range(n):
        print("draw", i)
        yield i
def key(x):
    print("key", x)
    return -x
print(sum(noisy(3)))
print(max(noisy(3), key=key))
print(min(noisy(3), key=key))
print(max(3, 1, 2), min(3, 1, 2), max("ab", "b"), min([4, 2], [4]))
def mixed():
    yield 1
    print("drew 1")
    yield "x"
    print("drew x (never printed)")
    yield 2
try:
    sum(mixed())
except TypeError as e:
    print("TypeError", e)
def mixed_cmp():
    yield 1
    yield "a"
    print("never")
    yield 3
try:
    max(mixed_cmp())
except TypeError as e:
    print("TypeError", e)
for bad in ([], ()):
    try:
        max(bad)
    except ValueError as e:
        print("ValueError", e)
print(max([], default="d"), min((), default=None))
try:
    sum(5)
except TypeError as e:
    print("TypeError", e)
try:
    max(5)
except TypeError as e:
    print("TypeError", e)
print(sum([[1], [2]], []), sum((0.5, 0.25)), sum(range(10), 100))
it = iter(range(10))
print(sum(it), list(it))
