# staticmethod, classmethod and property: from instances and from the class, through
# inheritance, with setters and deleters, and the errors CPython gives.


class Temperature:
    scale = "C"
    instances = 0

    def __init__(self, celsius):
        self._c = celsius
        Temperature.instances += 1

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value

    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = 0

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @staticmethod
    def convert(c):
        return c * 9 / 5 + 32

    @classmethod
    def freezing(cls):
        return cls(0)

    @classmethod
    def count(cls):
        return cls.instances


class Kelvin(Temperature):
    scale = "K"

    @property
    def celsius(self):
        return self._c + 273.15


t = Temperature(25)
print(t.celsius, t.fahrenheit, Temperature.convert(100), t.convert(0))
t.celsius = 30
print(t.celsius, t._c)
del t.celsius
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    del t.fahrenheit
except AttributeError as e:
    print("AttributeError:", e)
f = Temperature.freezing()
print(type(f).__name__, f.celsius, Temperature.count())
k = Kelvin.freezing()
print(type(k).__name__, k.celsius, k.scale, Kelvin.count(), k.fahrenheit)
try:
    k.celsius = 5
except AttributeError as e:
    print("AttributeError:", e)
print(type(Temperature.celsius).__name__, Temperature.celsius.fget(t))
sm = staticmethod(len)
cm = classmethod(len)
print(type(sm).__name__, type(cm).__name__)


class Registry:
    items = []

    @classmethod
    def register(cls, x):
        cls.items.append(x)
        return cls

    @staticmethod
    def describe():
        return "registry"


Registry.register(1).register(2)
r = Registry()
r.register(3)
print(Registry.items, r.describe(), Registry.describe())


def make_prop():
    return property(lambda self: self.v * 2)


class Doubler:
    twice = make_prop()

    def __init__(self, v):
        self.v = v


print(Doubler(21).twice)
