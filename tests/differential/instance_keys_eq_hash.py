# Instances as dict keys and set members: __hash__ and __eq__ decide, as in CPython,
# and a class with __eq__ but no __hash__ is unhashable.


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


grid = {Point(x, y): x * 10 + y for x in range(3) for y in range(3)}
print(grid[Point(2, 1)], Point(0, 0) in grid, Point(5, 5) in grid, len(grid))
grid[Point(1, 1)] = "changed"
print(len(grid), grid[Point(1, 1)], grid.get(Point(9, 9), "none"))
del grid[Point(0, 0)]
print(len(grid), Point(0, 0) in grid, grid.pop(Point(2, 2)), len(grid))
seen = set()
for p in [Point(1, 2), Point(1, 2), Point(2, 1), Point(1, 2)]:
    seen.add(p)
print(len(seen), Point(2, 1) in seen, sorted((p.x, p.y) for p in seen))
print({Point(1, 2)} & {Point(1, 2), Point(3, 3)}, {Point(1, 1)} - {Point(1, 1)})
print([Point(1, 1), Point(2, 2)].index(Point(2, 2)), Point(1, 1) in [Point(1, 1)])
print({Point(0, 1): "a"} == {Point(0, 1): "a"})


class OnlyEq:
    def __eq__(self, other):
        return True


print(OnlyEq.__hash__ is None)
try:
    {OnlyEq(): 1}
except TypeError as e:
    print("TypeError:", e)


class Bucket:
    """Every instance hashes alike: lookups fall back on __eq__ along the probe."""

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return 7

    def __eq__(self, other):
        return self.n == other.n


table = {Bucket(i): i for i in range(20)}
print(len(table), table[Bucket(13)], Bucket(25) in table)


class Plain:
    pass


a, b = Plain(), Plain()
d = {a: 1, b: 2}
print(d[a], d[b], len(d), hash(a) == hash(a))


class BigHash:
    def __hash__(self):
        return 2 ** 100


print(hash(BigHash()) == hash(2 ** 100))
