# Small classic benchmarks (fannkuch, n-queens with generators, spectral norm, an
# n-body energy, a binary search tree with __slots__, word counts), written with
# conditions that span lines inside brackets in nested blocks.
def fannkuch(n):
    count = list(range(1, n + 1))
    max_flips = 0
    m = n - 1
    r = n
    check = 0
    perm1 = list(range(n))
    perm = list(range(n))
    perm1_ins = perm1.insert
    perm1_pop = perm1.pop
    while 1:
        if check < 30:
            check += 1
        while r != 1:
            count[r - 1] = r
            r -= 1
        if perm1[0] != 0 and perm1[m] != m:
            perm = perm1[:]
            flips_count = 0
            k = perm[0]
            while k:
                perm[:k + 1] = perm[k::-1]
                flips_count += 1
                k = perm[0]
            if flips_count > max_flips:
                max_flips = flips_count
        while r != n:
            perm1_ins(r, perm1_pop(0))
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        else:
            return max_flips
print(fannkuch(7))

def n_queens(queen_count):
    cols = range(queen_count)
    for vec in permutations(cols):
        if (queen_count == len(set(vec[i] + i for i in cols))
                        == len(set(vec[i] - i for i in cols))):
            yield vec

def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    indices = list(range(n))
    cycles = list(range(n - r + 1, n + 1))[::-1]
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return
print(len(list(n_queens(6))))

def eval_A(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)
def eval_A_times_u(u):
    return [sum(eval_A(i, j) * u_j for j, u_j in enumerate(u)) for i in range(len(u))]
def eval_At_times_u(u):
    return [sum(eval_A(j, i) * u_j for j, u_j in enumerate(u)) for i in range(len(u))]
u = [1.0] * 20
for _ in range(5):
    v = eval_At_times_u(eval_A_times_u(u))
    u = eval_At_times_u(eval_A_times_u(v))
vBv = sum(ue * ve for ue, ve in zip(u, v))
vv = sum(ve * ve for ve in v)
print(f"{(vBv / vv) ** 0.5:.9f}")

import math
def nbody_energy(bodies):
    e = 0.0
    for i, (p1, v1, m1) in enumerate(bodies):
        e += 0.5 * m1 * sum(x * x for x in v1)
        for (p2, v2, m2) in bodies[i + 1:]:
            d = math.sqrt(sum((a - b) ** 2 for a, b in zip(p1, p2)))
            e -= m1 * m2 / d
    return e
bodies = [([0.0, 0.0, 0.0], [0.0, 0.0, 0.0], 39.47), ([4.84, -1.16, -0.10], [0.60, 2.81, -0.02], 0.037), ([8.34, 4.12, -0.4], [-1.01, 1.82, 0.008], 0.011)]
print(f"{nbody_energy(bodies):.9f}")

class Node:
    __slots__ = ("key", "left", "right")
    def __init__(self, key):
        self.key = key; self.left = self.right = None
def insert(root, key):
    if root is None: return Node(key)
    node = root
    while True:
        if key < node.key:
            if node.left is None: node.left = Node(key); break
            node = node.left
        else:
            if node.right is None: node.right = Node(key); break
            node = node.right
    return root
def inorder(root):
    out, stack, node = [], [], root
    while stack or node:
        while node:
            stack.append(node); node = node.left
        node = stack.pop(); out.append(node.key); node = node.right
    return out
import random
random.seed(1)
root = None
for k in random.sample(range(1000), 50):
    root = insert(root, k)
print(inorder(root)[:10])
words = "the quick brown fox jumps over the lazy dog the end".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
print(" ".join(w.capitalize() if hasattr(w, "capitalize") else w for w in words[:3]))
