# The g format and its variants, formats with only a precision, and bin/oct/hex of
# small and big ints.
for v in [3.0, 0.1, 1/3, 1e20, 1.5e-7, 123456789.0, -2.5, 0.0, float("inf"), float("nan"), 100.0]:
    print(f"{v:g}|{v:.3g}|{v:G}|{v:.2}|{v:10.4g}|{v:.0g}|{v:.3}")
for n in [0, 5, -5, 255, 2**70, -(2**65)]:
    print(bin(n), oct(n), hex(n), f"{n:b}", f"{n:o}")
