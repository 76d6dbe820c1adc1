# Sparse matrix as dict of dicts; transposition and multiplication.
def sparse(dense):
    return {i: {j: v for j, v in enumerate(row) if v} for i, row in enumerate(dense) if any(row)}
def transpose(m):
    t = {}
    for i, row in m.items():
        for j, v in row.items():
            t.setdefault(j, {})[i] = v
    return t
def multiply(a, b):
    bt = transpose(b)
    out = {}
    for i, row in a.items():
        for j, col in bt.items():
            s = sum(v * col[k] for k, v in row.items() if k in col)
            if s:
                out.setdefault(i, {})[j] = s
    return out
m = sparse([[1, 0, 2], [0, 0, 0], [0, 3, 0]])
print(m, transpose(m))
print(multiply(m, m), multiply(m, transpose(m)))
