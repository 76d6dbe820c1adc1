# Attribute caches at a site stay right when classes change under them.
# (Run by both: instance slots, properties added and removed, class attributes,
# __slots__, __getattr__.)
class A:
    def __init__(self):
        self.x = 1

def get(o):
    return o.x

def put(o, v):
    o.x = v

a = A()
print(get(a), get(a))
A.x = property(lambda self: "property")
print(get(a))
del A.x
print(get(a))
put(a, 5)
print(get(a))
del a.x
try:
    get(a)
except AttributeError as e:
    print(e)
A.x = "class attr"
print(get(a))
put(a, 6)
print(get(a), A.x)
del A.x

class B(A):
    pass

b = B()
print(get(b), get(a))
A.x = property(lambda self: "base property", lambda self, v: print("setter", v))
put(b, 7)
print(get(b))
del A.x
put(b, 8)
print(get(b))

class S:
    __slots__ = ("x",)

s = S()
put(s, 9)
print(get(s))
try:
    put(s, 10)
    s.y = 1
except AttributeError as e:
    print(e)

class G:
    def __getattr__(self, name):
        return "fallback " + name

g = G()
print(get(g))
put(g, 11)
print(get(g))
del g.x
print(get(g))
for o in (a, b, g, s):
    try:
        print(type(o).__name__, get(o))
    except AttributeError as e:
        print(e)
