s = "The Quick Brown Fox"
print(s.lower().split(), s.swapcase(), s.title(), s.find("Q"), s.rfind("o"), s.count("o"))
print("-".join(reversed(s.split())), s[4:9].upper(), s.replace(" ", "_", 2))
print("%-10s|%5d|%.3f|%x|%o" % ("left", 42, 3.14159, 255, 8), "%s and %r" % ("a", "b"))
print("{:*^11}".format("mid"), "{:>6.2f}".format(2.345), "{0}-{0}".format("x"))
print(f"{'abc':>5}{'de':<4}|{12345:,}|{-7:+}|{0.000123:.2e}|{255:08b}")
num = 1234.5
print(f"{num:10.1f}|{num:<10}|{int(num):^9}|")
print(str(1e100), str(1.0e-5), repr(0.1 + 0.7), 2.675 * 100, round(2.675, 2), 10 / 4, 10 // 4)
print(ord("é"), chr(8364), "naïve".upper(), len("日本語"), "日本語"[1], "ab" * 0, "x".join([]))
