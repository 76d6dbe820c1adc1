# __slots__: instances without a __dict__, sized as CPython sizes them, refusing other
# attributes and (without __weakref__) weak references; subclasses with and without
# their own __slots__.
import gc
import sys
import weakref


class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Q:
    __slots__ = ("x", "__weakref__")


class R(P):
    __slots__ = ("z",)


class S(P):
    pass


class E:
    __slots__ = ()


class W:
    __slots__ = "a"


class Plain:
    pass


p = P(1, 2)
print(sys.getsizeof(p), sys.getsizeof(Q()), sys.getsizeof(R(0, 0)), sys.getsizeof(S(0, 0)))
print(sys.getsizeof(E()), sys.getsizeof(W()), sys.getsizeof(Plain()))
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
del p.y
try:
    p.y
except AttributeError as e:
    print("AttributeError:", e)
p.y = 5
print(p.x, p.y)
try:
    weakref.ref(p)
except TypeError as e:
    print("TypeError:", e)
q = Q()
q.x = 1
print(weakref.ref(q)() is q)
s = S(1, 2)
s.extra = "dict"
print(s.extra, s.x, weakref.ref(s)() is s)
r = R(1, 2)
r.z = 3
print(r.x, r.y, r.z)
try:
    r.w = 4
except AttributeError as e:
    print("AttributeError:", e)
print(gc.is_tracked(E()), gc.is_tracked(p))


class Node:
    __slots__ = ("value", "next")

    def __init__(self, value, next=None):
        self.value = value
        self.next = next


head = None
for i in range(1000):
    head = Node(i, head)
total = 0
node = head
while node is not None:
    total += node.value
    node = node.next
print(total)
a = Node(1)
b = Node(2, a)
a.next = b
del a, b
print(gc.collect())
