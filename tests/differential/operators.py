class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
    def __mul__(self, other):
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
    def __eq__(self, other):
        return self.rows == other.rows
    def __repr__(self):
        return "Matrix(" + repr(self.rows) + ")"
    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]
    def __len__(self):
        return len(self.rows)
m = Matrix([[1, 2], [3, 4]])
i2 = Matrix([[1, 0], [0, 1]])
print(m * i2 == m, m * m, m[1, 0], len(m))
p = m
for _ in range(10):
    p = p * m
print(p[0, 0], p[1, 1])
class Temperature:
    def __init__(self, c):
        self.c = c
    def __lt__(self, o):
        return self.c < o.c
    def __le__(self, o):
        return self.c <= o.c
    def __repr__(self):
        return f"{self.c}C"
temps = [Temperature(t) for t in (21.5, -3, 37, 0)]
print(sorted(temps), min(temps), max(temps), Temperature(1) <= Temperature(1))
