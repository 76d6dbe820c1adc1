# Class-level behavior: class attributes vs instance, methods as values, counters.
class Registry:
    entries = []
    count = 0

    def __init__(self, name):
        self.name = name
        Registry.count += 1
        Registry.entries.append(name)

    def rename(self, new):
        old, self.name = self.name, new
        return old

r1 = Registry("one")
r2 = Registry("two")
print(Registry.count, Registry.entries, r1.entries is r2.entries)
method = r1.rename
print(method("uno"), r1.name, callable(method), callable(r1))
print(getattr(r2, "name"), hasattr(r2, "nope"), getattr(r2, "nope", 0))
r2.extra = [1, 2]
del r2.extra
print(hasattr(r2, "extra"))
try:
    r2.missing
except AttributeError as e:
    print("AttributeError:", e)

class Shape:
    sides = 0
    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides, area {self.area():.2f}"
    def area(self):
        return 0.0

class Square(Shape):
    sides = 4
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2

class Triangle(Shape):
    sides = 3
    def __init__(self, b, h):
        self.b, self.h = b, h
    def area(self):
        return self.b * self.h / 2

shapes = [Square(2), Triangle(3, 4), Square(1.5)]
for s in sorted(shapes, key=lambda s: s.area()):
    print(s.describe())
print(sum(s.area() for s in shapes), [s.sides for s in shapes])
print(isinstance(shapes[0], Shape), issubclass(Triangle, Square), Square.__base__.__name__)
