# Slicing across start/stop/step (negative, out of range, None) on lists, tuples,
# strings, bytes and ranges; slice assignment and deletion on lists.
idx = [None, -12, -5, -1, 0, 1, 3, 7, 12]
steps = [None, 1, 2, -1, -3]
seqs = [list(range(8)), tuple(range(8)), "abcdefgh", b"abcdefgh", range(8)]
out = []
for s in seqs:
    for a in idx:
        for b in idx:
            for c in steps:
                r = s[a:b:c]
                out.append(list(r) if isinstance(r, range) else r)
print(len(out), hash(str(out)) == hash(str(out)))
for line in out[::7]:
    print(line)
for a in idx:
    for b in idx:
        x = list(range(6))
        x[a:b] = ["X", "Y"]
        y = list(range(6))
        del y[a:b]
        z = list(range(6))
        del z[a:b:2]
        print(x, y, z)
for a, b, c in [(0, 6, 2), (None, None, -2), (1, 5, 2), (5, 1, -2)]:
    x = list(range(6))
    try:
        x[a:b:c] = ["Q"] * len(range(6)[a:b:c])
        print(x)
        x[a:b:c] = []
    except ValueError as e:
        print("ValueError", e)
try:
    [1, 2, 3][::0]
except ValueError as e:
    print(e)
print(slice(1, 5, 2).indices(10), slice(None, None, -1).indices(4), range(10)[2:8:3], range(0, 20, 3)[-2], "abc"[5:], [1, 2][-5:-3])
for a in [(), (1, 2, 3, 4)]:
    try:
        slice(*a)
    except TypeError as e:
        print(e)
s = slice(2, None, -1)
print(s.start, s.stop, s.step, s.indices(5), [0,1,2,3][s], slice(3) == slice(3) if False else 1, repr(slice(1, 2)))
