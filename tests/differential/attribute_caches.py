# Attribute lookups stay right while classes and instances change under them: the
# interpreter caches where an attribute lives, and every change below must be seen.


class Base:
    kind = "base"

    def who(self):
        return "Base.who"


class Mid(Base):
    pass


class Leaf(Mid):
    def __init__(self, n):
        self.n = n


def describe(obj):
    return f"{obj.kind} {obj.who()} {getattr(obj, 'n', '-')}"


leaf = Leaf(1)
mid = Mid()
print(describe(leaf), describe(mid))

# A method added to a class between the instance's class and the one that had it.
def mid_who(self):
    return "Mid.who"


Mid.who = mid_who
print(describe(leaf), describe(mid))

# A class attribute replaced, then shadowed by an instance attribute, then revealed.
Base.kind = "changed"
print(describe(leaf))
leaf.kind = "own"
print(describe(leaf), describe(Leaf(2)))
del leaf.kind
print(describe(leaf))

# An instance attribute that shadows a method, on one instance only.
other = Leaf(3)
other.who = lambda: "instance who"
print(describe(other), describe(leaf))

# Names built at run time find the same slots as literal names.
name = "".join(["n", ""])
setattr(leaf, "x" + "y", 10)
print(getattr(leaf, name), leaf.xy, getattr(leaf, "x" + "y"))


# One call site that sees many classes, each with its own layout.
class A:
    def __init__(self):
        self.a = 1
        self.v = "A"

    def get(self):
        return self.v


class B:
    def __init__(self):
        self.v = "B"

    def get(self):
        return self.v + "!"


class C(B):
    def __init__(self):
        self.c = 3
        super().__init__()


class D(C):
    def get(self):
        return "D:" + super().get()


items = [A(), B(), C(), D()] * 3
print([x.get() for x in items])
print([x.v for x in items])

# A layout that grows after lookups were cached: a new attribute on a later instance.
first = B()
print(hasattr(first, "late"))
second = B()
second.late = 5
print(hasattr(first, "late"), hasattr(second, "late"), getattr(first, "late", None))
first.late = 6
print(first.late, second.late)

# A class attribute read through the class and through instances, then rebound.
class Counter:
    count = 0

    def bump(self):
        Counter.count += 1
        return self.count


c = Counter()
print([c.bump() for _ in range(4)], Counter.count)
Counter.bump = lambda self: -1
print(c.bump())
try:
    c.missing
except AttributeError as e:
    print("AttributeError:", e)
print(c.__class__.__name__, type(c).__name__)
