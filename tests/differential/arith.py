# Integer and float arithmetic, Python's rounding and printing rules.
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1)
print(1 / 3, 2 / 2, 0.1 + 0.2, 1e16, 1.5e-5, -0.0, 1e300 * 10)
print(3 * 1.5, 10 - 2.5, 7.5 // 2, 7.5 % 2, -7.5 % 2, divmod(17, 5), divmod(-17, 5))
print(abs(-3), abs(2.5), round(2.5), round(3.5), round(2.675, 2), round(7, 1))
print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, True + True, 5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, -16 >> 2)
print(int("17"), int(" -3 "), int("ff", 16), float("2.5"), float("inf"), int(3.99), int(-3.99))
print(min(3, 1, 2), max([4, 9, 2]), sum([1, 2, 3]), sum([0.5, 0.25], 1))
print(hex(255), hex(-1), ord("A"), chr(97), pow(2, 10), pow(3, 4, 5))
x = 10
x += 5
x *= 2
x //= 3
x -= 1
print(x, 10 ** 18, -(2 ** 62))
print(bool(0), bool(0.0), bool(""), bool([]), bool([0]), bool(None), bool("x"))
