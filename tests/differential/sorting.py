items = [(3, "c"), (1, "a"), (2, "b"), (1, "z"), (3, "a")]
print(sorted(items), sorted(items, reverse=True), sorted(items, key=lambda t: (-t[0], t[1])))
print(min(items), max(items, key=lambda t: t[1]), sorted("hello world"), sorted([3, 1, 2], reverse=True))
data = [5, 3, 9, 1, 7]
data.sort()
print(data, data[::-1], data.index(7), sorted(data) is data)
def key_len(s):
    return len(s)
print(sorted(["ccc", "a", "bb", "dd"], key=key_len), sorted(["ccc", "a", "bb", "dd"], key=key_len, reverse=True))
try:
    next(iter([]))
except StopIteration:
    print("StopIteration")
try:
    {(1, 2): 3}[(2, 1)]
except KeyError as e:
    print("KeyError", e)
try:
    [1, 2, 3][10]
except IndexError as e:
    print(e)
try:
    "abc"[5]
except IndexError as e:
    print(e)
try:
    (1,)[2]
except IndexError as e:
    print(e)
print(3 in [1, 2, 3], "b" in "abc", 2 in (1, 2), 5 in range(10), 10 in range(10), "k" in {"k": 1}, 4 not in {1, 2})
