counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def outer():
    x = 1
    def middle():
        nonlocal x
        x += 1
        def inner():
            nonlocal x
            x *= 10
            return x
        return inner()
    r = middle()
    return x, r
print(outer())
def make():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return [f() for f in fns]
print(make())
def shadow():
    len = 5
    return len
print(shadow(), len([1, 2]))
x = "global"
def reads():
    return x
def shadows():
    x = "local"
    return x
print(reads(), shadows(), x)
class K:
    x = "class"
    def m(self):
        return x
print(K().m(), K.x)
