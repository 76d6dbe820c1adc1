# Structures CPython handles by recursing on the C stack, that heaplab handles with
# worklists or a growing stack: hashing a tuple nested 100,000 deep, a sieve of
# thousands of nested filters, a chain of maps; and those CPython refuses with
# RecursionError (comparing deeply nested tuples, repr of deep lists).
t = ()
for i in range(100000):
    t = (t,)
print(hash(t) == hash(t), type(hash(t)).__name__)


def sieve(n):
    nums = iter(range(2, n))
    out = []
    while True:
        try:
            p = next(nums)
        except StopIteration:
            return out
        out.append(p)
        nums = filter(lambda x, p=p: x % p, nums)


primes = sieve(12000)
print(len(primes), primes[-3:])
g = iter([3, 1, 2])
for i in range(10000):
    g = map(lambda x: x + 1, g)
print(list(g))
u = ()
for i in range(100000):
    u = (u,)
try:
    print(t == u)
except RecursionError as e:
    print("RecursionError", e)
x = []
for i in range(100000):
    x = [x]
try:
    print(len(repr(x)))
except RecursionError as e:
    print("RecursionError", e)
del t, u, x
print("freed")
