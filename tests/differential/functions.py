def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))

print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9, d=0))
print(f(*[1, 2, 3], **{"c": 4, "z": 5}))

def make_counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc

c = make_counter()
c()
c(5)
print(c())

adders = [lambda x, i=i: x + i for i in range(3)]
print([g(10) for g in adders])

def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()

print(outer())

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print(fact(20), fact.__name__)
g = 10
def read_global():
    return g
def write_global():
    global g
    g = 20
write_global()
print(read_global())
print((lambda *a, **k: (a, k))(1, x=2))
