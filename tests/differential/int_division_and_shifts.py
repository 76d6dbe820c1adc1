# Floor division, modulo and shifts of 64-bit ints at their edges (signs, zero,
# overflow into big ints, negative shift counts), plain and in place.
vals = [0, 1, -1, 2, -2, 7, -7, 63, 64, 65, 2**62, -2**62, 2**63 - 1, -2**63, 3, -3, 100]
out = []
for a in vals:
    for b in vals:
        for f in (lambda a, b: a // b, lambda a, b: a % b, lambda a, b: a << b if b < 200 else 'big', lambda a, b: a >> b):
            try:
                out.append(f(a, b))
            except (ZeroDivisionError, ValueError, OverflowError, MemoryError) as e:
                out.append(type(e).__name__)
        x = a
        try:
            x //= b
            x %= 5
            x <<= 3 if b < 200 else 0
            x >>= 1
        except Exception as e:
            x = type(e).__name__
        out.append(x)
print(len(out))
for k in range(0, len(out), 40):
    print(out[k:k + 40])
