x = 1
def f():
    return x
print(f())
x = 2
print(f())
del x
try:
    f()
except NameError as e:
    print(e)
len = lambda s: 42
print(f.__name__, len("abc"))
del len
print(len("abc"))
class Obj:
    def __del__(self):
        print("freed")
y = Obj()
def g():
    return y
g()
del y
print("after del")
