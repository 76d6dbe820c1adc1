# Matrix and numeric routines with floats.
def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    return [[sum(a[i][k] * b[k][j] for k in range(m)) for j in range(p)] for i in range(n)]

def identity(n):
    return [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]

a = [[1, 2], [3, 4]]
b = [[0.5, -1], [2, 0.25]]
print(matmul(a, b), matmul(a, identity(2)) == [[1.0, 2.0], [3.0, 4.0]])

def newton_sqrt(x, tol=1e-12):
    guess = x / 2 if x > 1 else 1.0
    steps = 0
    while abs(guess * guess - x) > tol:
        guess = (guess + x / guess) / 2
        steps += 1
    return guess, steps

for v in [2, 10, 144, 0.5]:
    r, s = newton_sqrt(v)
    print(v, round(r, 10), s)
mean = sum(range(1, 11)) / 10
var = sum((x - mean) ** 2 for x in range(1, 11)) / 10
print(mean, var, var ** 0.5, 7 / 2, 7 // 2, -7 / 2, 1e-3, 2.5e10, 1 / 7)
print(f"{var:.3f} {mean:e} {1234.5678:,.2f} {0.25:%}")
