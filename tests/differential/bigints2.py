# Integer algorithms with big numbers.
def power_mod(b, e, m):
    result = 1
    b %= m
    while e:
        if e & 1:
            result = result * b % m
        b = b * b % m
        e >>= 1
    return result
print(power_mod(3, 10 ** 18, 10 ** 9 + 7), pow(3, 200, 1000007))
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
print(fib(100), fib(200) % 10 ** 10, len(str(fib(1000))))
print(2 ** 200 // 3 ** 100, (2 ** 128 - 1) & 0xffff, (1 << 100) >> 98, -(2 ** 70) // 3, -(2 ** 70) % 7)
n = 1
for i in range(1, 40):
    n *= i
print(n, n % 1000003, str(n)[:10], sum(int(d) for d in str(n)))
