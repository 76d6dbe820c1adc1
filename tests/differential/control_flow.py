for i in range(3):
    for j in range(3):
        if j == 1:
            break
        print(i, j)
    else:
        print("no break")
else:
    print("outer done")
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    if n == 4:
        break
    print("n", n)
else:
    print("while else skipped")
while False:
    pass
else:
    print("while else runs")
x = 5
print("big" if x > 3 else "small", x > 3 and "yes", x < 3 or "fallback", not x)
if (y := x * 2) > 8:
    print("walrus", y)
result = []
for k, v in {"a": 1, "b": 2}.items():
    result.append(f"{k}={v}")
print(",".join(result))
def gen_like(n):
    out = []
    i = 0
    while True:
        if i >= n:
            return out
        out.append(i * i)
        i += 1
print(gen_like(5))
try:
    for i in range(3):
        try:
            if i == 1:
                raise ValueError(i)
        finally:
            print("inner finally", i)
except ValueError as e:
    print("escaped", e)
def early():
    for i in range(10):
        try:
            if i == 2:
                return i
        finally:
            print("cleanup", i)
print("returned", early())
