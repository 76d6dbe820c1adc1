# A class's own __setattr__, __delattr__ and __getattribute__ run on every
# attribute access of its instances (and of its subclasses', and once set on the
# class later), object's versions are the generic ones, and __getattr__ still
# answers when __getattribute__ raises AttributeError.
class Logged:
    def __init__(self):
        self.log = []
        self.x = 1

    def __setattr__(self, name, value):
        if name != "log":
            self.log.append(("set", name, value))
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self.log.append(("del", name))
        super().__delattr__(name)


l = Logged()
l.y = 2
l.x += 1
del l.y
print(l.log, l.x, hasattr(l, "y"))


class Frozen:
    __slots__ = ("a",)

    def __init__(self, a):
        object.__setattr__(self, "a", a)

    def __setattr__(self, name, value):
        raise AttributeError(f"{name} is frozen")


f = Frozen(3)
try:
    f.a = 4
except AttributeError as e:
    print("AE", e, f.a)


class Tracing:
    def __init__(self):
        self.hits = 0
        self.v = 10

    def __getattribute__(self, name):
        if name not in ("hits", "__class__"):
            object.__setattr__(self, "hits", object.__getattribute__(self, "hits") + 1)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return "missing:" + name

    def method(self):
        return self.v * 2


t = Tracing()
print(t.v, t.method(), t.nothing, t.hits)
for _ in range(3):
    t.v
print(t.hits, getattr(t, "zz"), hasattr(t, "v"))


class Base:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)


class Child(Base):
    pass


c = Child()
c.q = 5
print(c.q)


class Late:
    pass


o = Late()
o.a = 1
for i in range(3):
    o.a = i


def hook(self, name, value):
    object.__setattr__(self, name, -value)


Late.__setattr__ = hook
o.a = 7
print(o.a)
