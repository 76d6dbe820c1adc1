# str.format's full field syntax (attributes, items, nested specs, conversions,
# numbering errors), string and container methods programs use.
class P:
    def __init__(self):
        self.x = 3
        self.items = [10, 20]
p = P()
d = {"k": "v", 1: "one"}
print("{0.x} {0.items[1]} {d[k]} {d[1]}".format(p, d=d))
print("{:>{w}.{p}f}|{:^{}}|{!r:>5}".format(3.14159, "a", 5, "b", w=8, p=2))
print("{0:{1}}".format(42, "05d"), "{a!s:<3}|".format(a=1), "{!a}".format("é"))
for bad in ["{0}{}", "{}{0}", "{", "}", "{0!x}", "{1}", "{z}", "{0[}"]:
    try:
        print(bad.format(1))
    except (ValueError, IndexError, KeyError) as e:
        print(type(e).__name__, e)
s = "Hello, World! hello"
print(s.partition(", "), s.rpartition("l"), s.partition("zz"), s.swapcase(), s.capitalize(), s.title())
print(s.center(25, "."), s.isalpha(), "abc".isalpha(), " \t".isspace(), "ABC".isupper(), "abc".islower())
print(s.split(" ", 1), s.rsplit(" ", 1), "a,b,,c".split(",", 2), "  a  b  ".split(), "a\nb\r\nc".splitlines())
print(s.rstrip("ol"), s.strip("Hh"), "xxhixx".strip("x"), s.lower().count("l"), s.replace("l", "L", 2))
print(s.encode(), "é".encode(), "{name}:{0}".format(5, name="n"), "{:>{w}}".format("x", w=4), "{0!r:>6}".format("a"))
print("-".join(["a", "b"]), s.find("o", 5), s.rfind("o"), s.index("World"), s.startswith(("He", "x")), s.endswith("llo"))
try:
    "-".join(["a", 1])
except TypeError as e:
    print("TE", e)
try:
    s.index("zzz")
except ValueError as e:
    print("VE", e)
print("%-6s|%6.2f|%x|%o|%e|%c|%%|%r" % ("ab", 3.14159, 255, 8, 12345.6789, 65, "q"))
print(ord("€"), chr(8364), "ß".upper(), "ǅ".lower(), len("😀"), "😀"[0], "abc"[::-1], "a" < "b", "Z" < "a")
print(str(b"x\x00\xff"), repr("a'b\"c"), repr("\n\t\\"), ascii("é") if False else "")
d = dict.fromkeys("abc", 0)
d.update(x=1)
d.update([("y", 2)])
print(d, d.popitem(), d.setdefault("a", 5), d.setdefault("z", 9), list(reversed(d)), d.get("nope"), len(d))
l = [5, 3, 8, 3]
print(l.index(3, 2), l.count(3), l.pop(1), l.pop(), l)
l.insert(-1, 7); l.insert(100, 9); l.insert(-100, 0)
print(l)
try:
    l.remove(42)
except ValueError as e:
    print("VE", e)
a, *b = "xyz"
*c, d2 = [1]
print(a, b, c, d2, [*"ab", *range(2)], {**{"a": 1}, "b": 2})
print(sorted({3: "c", 1: "a"}.items()), list(zip(*[(1, 2), (3, 4)])), list(map(pow, [2, 3], [3, 2])))
print(any([]), all([0, 1]), list(filter(lambda x: x > 1, [1, 2, 3])), list(enumerate([], 5)), max([], default=None))
l = [1, 2, 3, 2, 1]
print(l.index(2, 2), l.index(1, -1), l.index(2, -4, -1), (1, 2, 1).index(1, 1))
try:
    l.index(3, 0, 2)
except ValueError as e:
    print(e)
