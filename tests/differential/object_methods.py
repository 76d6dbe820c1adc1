# object's own methods: object.__init__/__new__/__repr__/__hash__/__eq__ and
# the attribute ones, called on the class or bound to an instance.
class A:
    def __init__(self, x):
        object.__init__(self)
        super().__init__()
        self.x = x
    def __eq__(self, o):
        return isinstance(o, A) and o.x == self.x
    __hash__ = object.__hash__
a = A(1)
print(a == A(1), hash(a) == hash(a), hash(a) == object.__hash__(a))
print(object.__repr__(a)[:17], a.__repr__()[:17], str(a)[:17])
print(a.__eq__(A(1)), a.__ne__(a), object.__eq__(a, A(1)), a.__lt__(a))
b = object.__new__(A)
print(type(b).__name__, hasattr(b, "x"))
object.__setattr__(b, "x", 5)
print(b.x, object.__getattribute__(b, "x"))
object.__delattr__(b, "x")
print(hasattr(b, "x"))
class E(Exception):
    def __init__(self, msg):
        super().__init__(msg)
        self.m = msg
try:
    raise E("bad")
except E as e:
    print(e, e.args, e.m)
try:
    object.__init__(a, 1)
except TypeError as e:
    print(e)
class B:
    pass
try:
    B(1)
except TypeError as e:
    print(e)
print(B().__str__()[:17])
class C:
    def __repr__(self):
        return "C!"
print(str(C()), C().__str__(), object.__str__(C()))
