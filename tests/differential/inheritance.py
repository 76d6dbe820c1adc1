class Base:
    def __init__(self, x):
        self.x = x
    def describe(self):
        return f"Base({self.x})"
    def twice(self):
        return self.describe() * 2

class Middle(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def describe(self):
        return "Middle<" + super().describe() + f",{self.y}>"

class Leaf(Middle):
    label = "leaf"
    def describe(self):
        return "Leaf[" + super().describe() + "]"

obj = Leaf(1, 2)
print(obj.describe())
print(obj.twice())
print(Leaf.label, obj.label, isinstance(obj, (int, Base)), issubclass(Leaf, Middle))
print([c.__name__ for c in Leaf.__mro__])
obj.label = "mine"
print(obj.label, Leaf.label)

class Counter:
    total = 0
    def add(self, n=1):
        Counter.total += n
        return self

c = Counter()
c.add().add(5).add()
print(Counter.total)

class E1(Exception):
    pass
class E2(E1):
    def __str__(self):
        return "custom message"
try:
    raise E2("ignored")
except E1 as e:
    print(type(e).__name__, str(e), e.args, repr(e))
