# Number formatting and arithmetic edge cases; pow with a modulus (any size, a
# negative exponent through the modular inverse); int.bit_length/bit_count and
# float.is_integer.
vals = [0.1, 1/3, 2/3, 1e16, 1.5e-7, 123456789.123, -0.0, 1e300*1e10, 2**0.5, 100.0, 1e22, 1e-5, 0.00001234, 12345678901234567890.0]
for v in vals:
    print(repr(v), str(v), f"{v:.3g}", f"{v:10.4f}", f"{v:e}", round(v, 2) if v == v and abs(v) != float('inf') else v)
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(2.675, 2), round(1234.5678, -2), round(15, -1), round(25, -1))
print(divmod(-7.5, 2), divmod(7, -2), -7 // 2, -7 % 2, 7 % -2, (-7) // -2)
print(pow(3, -1, 7), pow(2, 100, 10**9 + 7), pow(-2, 3), pow(2.0, -2), (2**100).bit_length(), (255).bit_length())
print(int("  -42  "), int("0x1f", 16), int("101", 2), float("  1e3 "), float("inf"), float("-nan") != float("-nan"))
print(10**20 // 7, 10**20 % 7, -(10**20) // 7, (10**20) / 3, 2**64 * 2**64, -(2**70) >> 3, ~(2**70))
print(abs(-2**80), hex(2**70), oct(-8), bin(5), hex(-255), format(255, "08b"), format(2**70, ","))
print(max([1.5, 2, True]), min("abc", "abd"), sum([0.1]*3), sum([1, 2], 10), sum([[1], [2]], []))
print(1e16 + 1, 0.1 + 0.2 == 0.3, 3 * 1.1, 1 / 7, float(2**53 + 1), int(1e20), int(-1.9999))
print(str(12345678901234567890123), repr(-1e-300), 5e-324, 1.7976931348623157e308, float("1e-400"))
print(f"{1234567.891:,.2f}", f"{0.5:%}", f"{42:^10d}|", f"{-3.14159:+.2f}", f"{3:03d}", "%5.1f|%-5d|%05.1f" % (3.14159, 42, -2.5))
print(pow(3, -1, 7), pow(2, -1, 9), pow(5, 3, -7), pow(-5, 3, 7), pow(10**30, 10**20, 2**127 - 1), pow(7, 0, 1), pow(0, 0, 5))
try:
    pow(2, -1, 4)
except ValueError as e:
    print(e)
try:
    pow(2.0, 1, 3)
except TypeError as e:
    print(e)
print((0).bit_length(), (-255).bit_count(), (2**100 - 1).bit_count(), True.bit_length(), (7).real, (7).imag, (7).denominator, (2.0).is_integer(), (2.5).is_integer(), float("inf").is_integer(), (1.5).real)
