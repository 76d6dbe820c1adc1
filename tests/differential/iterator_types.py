# Iterator classes are named after what they walk, as CPython's are.
for it in [iter([1]), iter((1,)), iter(range(3)), iter("ab"), iter("é"), iter({1: 2}), iter({1}), iter(b"x"),
           reversed([1, 2]), reversed(range(3)), reversed((1, 2)), iter({}.values()), iter({}.items()), iter({}.keys()),
           enumerate([]), zip([], []), map(abs, []), filter(None, []), iter(frozenset()),
           reversed({1: 2}), reversed("ab")]:
    print(type(it).__name__, type(it))
try:
    iter([1])[0]
except TypeError as e:
    print(e)
it = iter({"a": 1}.items())
print(type(it).__name__, next(it))
print(type(iter(iter([1]))).__name__)
