# Mutation during iteration, sorting and lookups behaves as in CPython: a dict
# that changes under a lookup, a set that grows in a loop, a key function that
# adds to the list being sorted (ValueError; the sorted items stay); and PEP 479:
# a StopIteration leaving a generator becomes RuntimeError.
class Bad:
    def __eq__(self, other):
        raise ValueError("no eq")
    def __hash__(self):
        return 1
d = {Bad(): 1}
try:
    d[Bad()]
except ValueError as e:
    print("VE", e)
class Mut:
    def __init__(self, d):
        self.d = d
    def __eq__(self, other):
        self.d.clear()
        return False
    def __hash__(self):
        return 7
dd = {}
dd[Mut(dd)] = 1
try:
    print(dd.get(Mut(dd)))
except RuntimeError as e:
    print("RE", e)
l = [1, 2, 3]
for x in l:
    if x < 10:
        l.append(x + 10)
print(l)
s = {1, 2}
try:
    for x in s:
        s.add(x + 5)
except RuntimeError as e:
    print("RE", e)
def g():
    yield from g2()
def g2():
    yield 1
    raise StopIteration
try:
    print(list(g()))
except RuntimeError as e:
    print("RE gen", e)
gen = (i for i in range(3))
def f():
    return next(gen)
print(f(), f(), f())
try:
    f()
except StopIteration:
    print("SI")
class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration
print(list(It()), sorted([3, 1, 2], key=lambda v: -v))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TE", e)
x = [3, 1, 2]
def k(v):
    x.append(v)
    return v
try:
    x.sort(key=k)
except ValueError as e:
    print("VE", e)
print(x)
