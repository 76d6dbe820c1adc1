a = []
b = []
for i in range(100000):
    a = [a]
    b = [b]
try:
    print(a < b)
except RecursionError as e:
    print("RecursionError")
try:
    print(a == b)
except RecursionError as e:
    print("RecursionError")
x = []
for i in range(100000):
    x = [x]
try:
    s = str(x)
    print(len(s))
except RecursionError:
    print("RecursionError")
