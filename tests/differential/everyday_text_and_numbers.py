# Everyday text processing, numbers, containers and control flow: str.isprintable/translate/maketrans/format_map, ascii(), sys.version_info and maxsize.
import sys
text = """the quick brown fox jumps over the lazy dog
The Quick Brown Fox, again!  And again..."""
words = text.lower().split()
freq = {}
for w in words:
    w = w.strip(".,!")
    freq[w] = freq.get(w, 0) + 1
for w, c in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]:
    print(f"{w:<10}{c:>3}")
print(text.count("the"), text.title()[:20], text.partition(" ")[0], text.rpartition(" ")[-1])
print("abc".center(9, "*"), "x".join("abc"), "a,b,,c".split(","), "  pad ".strip())
print("tab\tsep".expandtabs(4), "ABC".swapcase(), "hello world".capitalize())
print(str.isprintable("abc\n"), "abc".isalpha(), "12".isdigit(), " ".isspace())
print("%-5s|%5.1f|%03d|%x" % ("ab", 3.14159, 7, 255))
print("{:,}".format(1234567), "{:.2%}".format(0.256), "{0}{1}{0}".format("a", "b"))
print(repr("quote's"), repr('dq"'), ascii("é"), "é".encode("utf-8"), b"abc".decode())
matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
transposed = [list(row) for row in zip(*matrix)]
print(matrix, transposed)
print([sum(r) for r in matrix], sum(map(sum, matrix)))
def quicksort(a):
    if len(a) <= 1:
        return a
    p = a[len(a) // 2]
    return quicksort([x for x in a if x < p]) + [x for x in a if x == p] + quicksort([x for x in a if x > p])
print(quicksort([5, 3, 8, 1, 9, 2, 7]))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
it = fib()
print([next(it) for _ in range(15)])
def take(n, it):
    for i, x in enumerate(it):
        if i >= n: return
        yield x
print(list(take(5, (x * x for x in fib() if x % 2))))
print(sys.version_info[:2] >= (3, 0), sys.maxsize > 2**32, type(sys.argv).__name__)
print(int("ff", 16), int("0b101", 0), float("inf"), -float("inf"), float("nan") != float("nan"))
print(1e100, 1.5e-7, 123456789.0, 0.1 + 0.2, 1/3, 2/3, 10/4, 3.0, -0.0)
print(round(1234.5678, -2), round(-2.5), 7 // -2, 7 % -2, -7 // 2, 2 ** -1, 10 ** 20)
print(max([1, 5, 3]), min("hello"), sorted([(2, "b"), (1, "z"), (2, "a")]))
print(list(range(10, 0, -3)), range(5)[2], len(range(0, 100, 7)), 5 in range(10))
s = {1, 2, 3}; t = {3, 4}
print(s | t, s & t, s - t, s ^ t, s <= {1, 2, 3, 4}, frozenset([1]) | {2})
d = dict(a=1, b=2); d2 = dict([("c", 3)]); d.update(d2)
print(d, list(d), d.pop("a"), d.setdefault("z", 0), d, {**d, "y": 1})
print(isinstance(True, int), True + True, bool([]), bool([0]), None == False)
l = [3, 1, 2]; l.sort(reverse=True); print(l, l[::-1], l[-1], l[:10], l * 2)
print(list(filter(None, [0, 1, "", "a", None])), all(x > 0 for x in [1, 2]), any(x > 1 for x in [1]))
x = 5
print("pos" if x > 0 else "neg", x if x else 0, (lambda: x)())
while x:
    x -= 2
    if x < 0:
        break
else:
    print("no break")
print(x)
for i in range(3):
    pass
else:
    print("for else", i)
print(*[1, 2, 3], sep="-", end="!\n")
print(id(x) == id(x), hash(1) == hash(1.0), 1 == 1.0, "a" < "b", [1, 2] < [1, 3], (1, 2) == (1, 2))
t = str.maketrans("abc", "xyz", "d")
print(sorted(t.items()), "aabbccdd".translate(t), "hello".translate({ord("l"): "L", ord("o"): None}))
print("".maketrans({"a": "b"}), "abc".translate(str.maketrans({"a": 1})) if False else "")
print("{x}-{y}".format_map({"x": 1, "y": "z"}), "a\tb".isprintable(), "".isprintable(), "é".isprintable())
