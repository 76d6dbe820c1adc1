import sys
class Item: pass
c = Item()
a = [1 for y in (z for z in (c,))]
del a
print(sys.getrefcount(c))
print('ok')
def base(f):
    return object if f() == 1 else int
def deco(f):
    return f
class A(base(lambda: 1)):
    def m(self):
        return [i * 2 for i in range(3)]
    v = [j for j in (k + 1 for k in range(2))]
print(A().m(), A.v)
def outer(n):
    return [[p + q for q in range(n)] for p in (r * n for r in range(n))]
print(outer(3))
def kw(a, *, b=[i for i in (j for j in range(2))], c=lambda: 5):
    return a, b, c()
print(kw(1))
@deco
def dd(x=(lambda: 3)()):
    return [x for _ in (t for t in range(2))]
print(dd())
x = 10
print({w: [x for _ in (w,)] for w in (u for u in range(2))})
for name in ('y', 'z', 'k', 'j'):
    try:
        eval_me = {'y': lambda: y, 'z': lambda: z, 'k': lambda: k, 'j': lambda: j}[name]
        eval_me()
        print(name, 'leaked')
    except NameError as e:
        print(e)
