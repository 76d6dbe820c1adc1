# Multiple inheritance: C3 method resolution order, cooperative super() through a
# diamond, mixins, isinstance/issubclass along every base, __mro__ and __bases__, and
# the TypeError for an inconsistent order.


class Base:
    def __init__(self):
        self.calls = ["Base"]

    def who(self):
        return "Base"

    def greet(self):
        return "hello from " + self.who()


class Left(Base):
    def __init__(self):
        super().__init__()
        self.calls.append("Left")

    def who(self):
        return "Left>" + super().who()


class Right(Base):
    def __init__(self):
        super().__init__()
        self.calls.append("Right")

    def who(self):
        return "Right>" + super().who()


class Diamond(Left, Right):
    def __init__(self):
        super().__init__()
        self.calls.append("Diamond")

    def who(self):
        return "Diamond>" + super().who()


d = Diamond()
print(d.calls, d.who(), d.greet())
print([k.__name__ for k in Diamond.__mro__])
print([k.__name__ for k in Diamond.__bases__], Diamond.__base__.__name__)
print(isinstance(d, Right), issubclass(Diamond, Left), issubclass(Left, Right))


class JsonMixin:
    def to_json(self):
        keys = sorted(k for k in self.fields())
        return "{" + ", ".join(f'"{k}": {getattr(self, k)!r}' for k in keys) + "}"


class ReprMixin:
    def __repr__(self):
        return f"{type(self).__name__}({', '.join(self.fields())})"


class Point(JsonMixin, ReprMixin):
    def __init__(self, x, y):
        self.x, self.y = x, y

    def fields(self):
        return ["x", "y"]


p = Point(1, 2)
print(p.to_json(), repr(p), [k.__name__ for k in Point.__mro__])


class A:
    pass


class B(A):
    pass


try:

    class Bad(A, B):
        pass

except TypeError as e:
    print("TypeError:", e)


class X:
    tag = "X"


class Y:
    tag = "Y"

    def only_y(self):
        return "y"


class Z(X, Y):
    pass


z = Z()
print(z.tag, z.only_y(), [k.__name__ for k in Z.__mro__])


class Error1(Exception):
    pass


class Mixin:
    def describe(self):
        return "described " + str(self)


class Both(Mixin, Error1):
    pass


try:
    raise Both("boom")
except Error1 as e:
    print(type(e).__name__, e.describe(), isinstance(e, Exception))


class Counter:
    count = 0

    @classmethod
    def bump(cls):
        cls.count += 1
        return cls.count


class Sub1(Counter):
    pass


class Sub2(Sub1, Counter):
    @classmethod
    def bump(cls):
        return super().bump() * 10


print(Sub2.bump(), Sub2.bump(), Counter.count, Sub1.count, Sub2.count)
