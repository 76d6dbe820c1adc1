# Slices of a whole tuple, str or bytes are the object itself (as CPython returns
# them); deleting and assigning extended and reversed slices of lists.
t = (1, 2, 3)
print(t[:] is t, t[0:3] is t, t[::1] is t, t[0:] is t, t[:5] is t, t[-3:] is t)
s = "hello"
print(s[:] is s, s[0:5] is s, s[1:] is s)
b = b"abc"
print(b[:] is b)
u = "héllo wörld"
print(u[1:8], u[::-2], u[:], u[-3:], u[8:1:-1])
l = list(range(10))
del l[::3]; print(l)
del l[5:1:-2]; print(l)
del l[1:3]; print(l)
l[1:1] = [9, 9]; print(l)
l[::-1] = list(range(len(l))); print(l)
l[10:20] = [7]; print(l)
l[-100:1] = []; print(l)
print(l[::-1], l[100:], l[-1:-100:-3])
