# Float formats of inf, nan and -0.0; floats against big ints, exactly (ordering,
# equality, dict keys); the usual numeric prints.
vals = [0.1 + 0.2, 1 / 3, 2 / 3, 1e22, 1e-5, 123456789.123, 1.5e300 * 1e10, -0.0, 3.0, 2 ** 0.5, 1e16, 12345678901234567890.0, 0.000123, 100.0]
for v in vals:
    print(v, repr(v), str(v), f"{v}", f"{v:.3}", f"{v:e}", f"{v:g}", "%s %r %.2f %g" % (v, v, v, v), round(v, 2) if v == v and abs(v) != float("inf") else v)
print(7 / 2, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 7.5 // 2, -7.5 % 2, 2 ** 100, 2 ** -2, (-8) ** (1 / 3) if False else 0, 10 ** 20 / 3)
print(int(1e20), int(-2.5), float(10 ** 30), 10 ** 30 // 7, (10 ** 30) % 7, -(10 ** 30) // 7, divmod(-10 ** 20, 3), abs(-10 ** 25), hash(10 ** 25) == hash(10 ** 25))
print(round(0.5), round(1.5), round(2.5), round(-1.5), round(1234.5678, -2), round(1234, -2), round(15, -1), round(25, -1))
print(max(1, 2.5), min(-1, -1.0), sum([0.1] * 10), 1 == 1.0, hash(1) == hash(1.0), {1: "a", 1.0: "b"}, True + True, 3 * True)
print(float("nan") == float("nan"), float("inf") > 10 ** 400, 1e308 * 10, -1e308 * 10, 5 % -3, -5 % 3, 5.0 % -3)
print(format(1234567.891, ",.2f"), format(0.000012345, ".3e"), format(123, "+d"), format(-5, "05d"), format(3.14159, "10.3f") + "|", format(42, "x"), format(255, "#X"), format(8, "#o"), format(5, "#b"))
print(2.0**70 == 2**70, 1e30 == 10**30, 1e30 < 10**30, float("inf") > 10**400, -float("inf") < -10**400, float("nan") < 10**400, 2**70 + 0.5 > 2**70, 10**400 > 1e308, 2**70 == 2.0**70, 2**70 <= 2.0**70)
print({2**70: 1}.get(2.0**70), hash(2.0**70) == hash(2**70))
print({2**70: 1}.get(2.0**70), 2**53 + 1 == 2.0**53, {2**53 + 1: 1}.get(2.0**53), 2**53 == 2.0**53, 3 == 3.0, {3: "a"}[3.0], -0.0 == 0, {0: 1}[-0.0])
