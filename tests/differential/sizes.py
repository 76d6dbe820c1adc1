import sys
# sys.getsizeof for the types CPython sizes deterministically.
print(sys.getsizeof([]), sys.getsizeof(()), sys.getsizeof((1, 2)))
print(sys.getsizeof(""), sys.getsizeof("abc"), sys.getsizeof({}), sys.getsizeof(1), sys.getsizeof(2 ** 40))
print(sys.getsizeof(1.5), sys.getsizeof(True), sys.getsizeof(None), sys.getsizeof(set()))
l = []
sizes = []
for i in range(20):
    l.append(i)
    sizes.append(sys.getsizeof(l))
print(sizes)
print(sys.getrefcount(None) > 100, sys.getrecursionlimit())
sys.setrecursionlimit(200)
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
try:
    deep(500)
except RecursionError:
    print("limit respected")
print(deep(100))
