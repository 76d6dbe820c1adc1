# Deep structures: freed and compared without recursion on the native stack.
chain = None
for i in range(200000):
    chain = [chain]
del chain
print("deep list chain freed")
d = {}
cur = d
for i in range(100000):
    nxt = {}
    cur["k"] = nxt
    cur = nxt
del d, cur, nxt
print("deep dict chain freed")
t = ()
for i in range(100000):
    t = (t,)
del t
print("deep tuple chain freed")
a = [1, [2, [3, [4]]]]
b = [1, [2, [3, [4]]]]
print(a == b, repr(a))
l = []
l.append(l)
print(l, l == l)
