# Exceptions inside generators, and generators closed by the collector.
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")
g = gen()
print(next(g))
print(list(g))
def failing():
    yield "ok"
    raise ValueError("inside generator")
try:
    for v in failing():
        print(v)
except ValueError as e:
    print("caught", e)
def countdown(n):
    while n > 0:
        yield n
        n -= 1
print(list(countdown(3)), sum(countdown(100)), max(countdown(5)))
