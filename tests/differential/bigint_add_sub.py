# Big-int addition and subtraction, done digit by digit: results across the 64-bit
# boundary in both directions, mixed signs, carries and borrows through runs of full
# and empty digits, bools as operands, and in-place forms; checked by identities as
# well as by printing.
edges = [0, 1, -1, 2**31, 2**32 - 1, 2**32, 2**63 - 1, -2**63, 2**63, -2**63 - 1,
         2**64 - 1, 2**64, -2**64, 2**96 - 1, 2**96, -(2**128) + 1, 10**30, -10**30,
         (2**32 - 1) * (2**64 + 2**32 + 1), 2**200 - 2**100, True, False]
total = 0
lines = 0
for a in edges:
    for b in edges:
        s, d = a + b, a - b
        assert s - b == a and d + b == a and s + d == 2 * a, (a, b)
        assert type(s) is int and type(d) is int
        total += s * 3 + d
        lines += 1
        if lines % 37 == 0:
            print(a, b, s, d)
print("pairs", lines, "checksum", total % (10**9 + 7), total.bit_length())
x = 2**64
for k in range(200):
    x += 2**63 - 1
    x -= k * (2**40 + 7)
print(x, x.bit_length())
y = -(2**70)
for k in range(70):
    y += 2**k
print(y, y == -(2**70) + 2**70 - 1, type(y))
z = 2**63
z -= 1
print(z, type(z), z + 1 - 1 == z)
fib = [0, 1]
for _ in range(300):
    fib.append(fib[-1] + fib[-2])
print(fib[100], fib[300] % 1000003, fib[300] - fib[299] == fib[298])
n = 10**40
print(n - (n - 1), (n + 1) - n, -n + n, n - n == 0, type(n - n))
