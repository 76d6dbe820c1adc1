# reversed(): __reversed__ first, ranges walked down, sequences in reverse; sets and
# iterators are not reversible.
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
class Rev:
    def __reversed__(self):
        return iter(["own", "reversed"])
    def __iter__(self):
        return iter(["forward"])
class L(list):
    pass
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("abc")), list(reversed(b"xy")))
print(list(reversed(range(5))), list(reversed(range(1, 10, 3))), list(reversed(range(0))), list(reversed(range(10, 0, -4))))
print(list(reversed({1: 2, 3: 4})), list(reversed({1: 2, 3: 4}.values())), list(reversed({1: 2}.items())))
print(list(reversed(Seq())), list(reversed(Rev())), list(reversed(L([4, 5]))))
for bad in [{1, 2}, iter([1]), 5, None, frozenset()]:
    try:
        reversed(bad)
    except TypeError as e:
        print("TypeError:", e)
print(type(reversed(range(3))).__name__, type(reversed([1])).__name__, type(reversed("ab")).__name__)
