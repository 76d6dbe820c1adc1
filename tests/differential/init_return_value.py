# __init__ must return None: a generator __init__ (which returns a generator), one
# returning a value, one reassigning self, and the instance a class call gives.
class Gen:
    def __init__(self, x):
        yield x


class Value:
    def __init__(self):
        return 42


class Rebind:
    def __init__(self, x=2):
        self.x = x
        self = None


for cls in (Gen, Value):
    try:
        cls(1) if cls is Gen else cls()
    except TypeError as e:
        print(type(e).__name__, e)

r = Rebind()
print(type(r).__name__, r.x, Rebind(x=5).x, Rebind(7).x)


class Counted:
    made = 0

    def __init__(self, *args, **kwargs):
        Counted.made += 1
        self.args = args
        self.kwargs = kwargs


c = Counted(1, 2, k=3)
print(c.args, c.kwargs, Counted.made)
try:
    Value.__init__(Value.__new__(Value))
except TypeError as e:
    print("direct", e)
print(Value.__init__(c))
