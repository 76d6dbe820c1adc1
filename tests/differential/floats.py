vals = [0.1, 0.2, 0.3, 1/3, 2/3, 1e-10, 123456.789, 1e15, 1e16, 1.5e300, 5e-324, 0.5, 100.0, -2.5e-7, 3.0e8, 9.999999999999999e22, 1e23, 2.0**0.5, 3.141592653589793, 1.1 * 1.1]
print(vals)
print([round(v, 3) for v in vals[:6]], [int(v) for v in vals[:9]])
print(float("1e400"), float("-inf"), float("nan") != float("nan"), -0.0 == 0.0, str(-0.0))
print(7.0 // 2, -7.0 // 2, 7.0 % 2.5, divmod(7.5, 2), 2 ** 0.5, 4 ** 0.5, (-8) ** 2, 10 ** -2)
print(True + 1, True * 3.5, False - 1, True & False, True | False, True ^ True, -True, ~False)
print(int(True), float(False), str(True), bool("False"), 3 > 2 > 1, 1 < 2 > 0, 1 == 1.0 == True)
