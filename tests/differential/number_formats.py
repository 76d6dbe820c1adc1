# Numeric formatting tables.
for n in [0, 1, 7, 42, 255, 1000, 65535, -12]:
    print(f"{n:>6d} {n:>6x} {n:>8o} {n:>18b} {n:>+6} {n:06d}")
for x in [0.0, 0.5, 1/3, 2.5e-3, 12345.6789, -9.87]:
    print(f"{x:10.3f}|{x:<10.2e}|{x:^12.4g}|{x:.0f}")
print("%5s|%-5s|%05.1f|%3d%%" % ("ab", "cd", 3.14159, 50))
