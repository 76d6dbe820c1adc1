words = "the quick brown fox jumps over the lazy dog".split()
print(len(words), sorted(words), sorted(words, key=len), max(words, key=len))
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
print(" ".join(w.upper() for w in []) if False else "-".join([w[0] for w in words]))
print("%5.2f|%-6s|%03d|%x|%r" % (3.14159, "ab", 7, 255, "q"))
print("{:>8}|{:<8}|{:^8}|{:08.3f}|{:+d}".format("r", "l", "c", 2.5, 5))
print(f"{'nested ' + str(1 + 2)}", f"{[x for x in range(3)]}", f"{{literal}}")
print("a\tb\\n", 'single "double"', "unicode: é ñ 中", len("中文"))
s = "abcdef"
print(s[1:-1], s[-3:], s[:100], s[4:2], s[::3], s[5:0:-2])
print("x".center(5, "*") if hasattr("x", "center") else "no center")
print(str(12345)[::-1], int("0012"), "3" * 3, "-".join(str(i) for i in []) if False else "")
print(repr(0.1), repr(1/7), repr(-1e-10), repr(2.0**53), 1e22, 1e21, 123e-20)
print("x".center(5, "*"), "ab".center(5), "abc".center(6, "-"), "a b  c ".rsplit(), "a,b,c".rsplit(",", 1))
print("hello world".title(), "hELLO".capitalize(), "abc".isalpha(), "a1".isalnum(), " ".isspace(), "AB".isupper(), "ab1".islower())
print("k=v=w".partition("="), "k=v=w".rpartition("="), "none".partition("="), "a\nb\r\nc".splitlines(), "abcabc".index("c"), "abcabc".rfind("b"), "AbC".swapcase())
