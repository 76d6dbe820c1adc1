s = {3, 1, 2}
print(s, {10, 20, 3}, {100, 5, 37, 8}, set([9, 8, 7, 1]))
s.add(4)
s.discard(1)
print(s, s | {9}, s & {2, 3, 10}, s - {2}, s ^ {3, 11}, {x * 7 for x in range(10)})
big = set(range(0, 100, 7))
print(big, big.pop(), big.pop(), len(big))
print({(1, 2), (3, 4), (0, 0)}, {-1, -2, 5}, {1.5, 2.5, 0.5}, {True, 2, 0})
t = set()
for i in range(20):
    t.add(i * 13 % 17)
print(t, sorted(t) == list(range(17)))
u = set(range(30))
for i in range(0, 30, 2):
    u.discard(i)
u.add(100)
u.add(64)
print(u)
