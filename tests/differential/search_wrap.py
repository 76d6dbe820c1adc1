def bisect_left(a, x):
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo
data = sorted([17, 3, 9, 25, 1, 12, 9])
print(data, [bisect_left(data, x) for x in (0, 9, 10, 30)])
def insort(a, x):
    a.insert(bisect_left(a, x), x)
for x in (5, 26, 0):
    insort(data, x)
print(data)
paths = {}
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    key = (r, c)
    if key not in paths:
        paths[key] = grid_paths(r - 1, c) + grid_paths(r, c - 1)
    return paths[key]
print(grid_paths(10, 10), grid_paths(16, 16), len(paths))
def wrap(text, width):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = word if not line else line + " " + word
    if line:
        lines.append(line)
    return lines
for l in wrap("the quick brown fox jumps over the lazy dog and keeps running far away", 16):
    print(f"|{l:<16}|")
