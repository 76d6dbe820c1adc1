class Animal:
    kind = "animal"
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return f"{self.name} makes a sound"

    def __repr__(self):
        return f"<{type(self).__name__} {self.name}>"


class Dog(Animal):
    kind = "dog"

    def __init__(self, name, trick):
        super().__init__(name)
        self.trick = trick

    def speak(self):
        return super().speak() + " (woof)"


a = Animal("generic")
d = Dog("rex", "roll")
print(a.speak(), d.speak(), d.kind, a.kind, Animal.count, d.trick)
print(isinstance(d, Animal), isinstance(a, Dog), issubclass(Dog, Animal), type(d).__name__)
print(d, [a, d], hasattr(d, "trick"), getattr(d, "missing", "default"))
setattr(d, "age", 3)
print(d.age, Dog.__name__, Dog.__mro__ == (Dog, Animal, object))

class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __eq__(self, other):
        return self.x == other.x and self.y == other.y
    def __len__(self):
        return 2
    def __str__(self):
        return f"({self.x}, {self.y})"

v = Vec(1, 2) + Vec(3, 4)
print(v, v == Vec(4, 6), len(v), str(v), bool(v))
