class Vector:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __add__(self, o):
        return Vector(*[a + b for a, b in zip(self.xs, o.xs)])
    def __sub__(self, o):
        return Vector(*[a - b for a, b in zip(self.xs, o.xs)])
    def __mul__(self, k):
        return Vector(*[a * k for a in self.xs])
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return self * -1
    def __abs__(self):
        return sum(a * a for a in self.xs) ** 0.5
    def __eq__(self, o):
        return self.xs == o.xs
    def __repr__(self):
        return f"Vector{tuple(self.xs)}"
v, w = Vector(1, 2, 3), Vector(4, 5, 6)
print(v + w, w - v, v * 2, 3 * v, -v, v == Vector(1, 2, 3), v != w)
print(round(abs(Vector(3, 4)), 3) if hasattr(Vector, "__abs__") else None)
