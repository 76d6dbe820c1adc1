# Graph algorithms on adjacency dicts: BFS, DFS with an explicit stack, topological sort.
graph = {
    "a": ["b", "c"],
    "b": ["d"],
    "c": ["d", "e"],
    "d": ["f"],
    "e": ["f"],
    "f": [],
}

def bfs(start):
    seen = {start}
    order = [start]
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                queue.append(nxt)
    return order

def dfs(start):
    seen = set()
    order = []
    stack = [start]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        for nxt in reversed(graph[node]):
            stack.append(nxt)
    return order

def topo():
    indeg = {n: 0 for n in graph}
    for n, outs in graph.items():
        for o in outs:
            indeg[o] += 1
    ready = sorted(n for n, d in indeg.items() if d == 0)
    out = []
    while ready:
        n = ready.pop(0)
        out.append(n)
        for o in graph[n]:
            indeg[o] -= 1
            if indeg[o] == 0:
                ready.append(o)
                ready.sort()
    return out

print(bfs("a"), dfs("a"), topo())
dist = {n: None for n in graph}
dist["a"] = 0
for n in topo():
    for o in graph[n]:
        d = dist[n] + 1
        if dist[o] is None or d > dist[o]:
            dist[o] = d
print(dist, max(dist.values()), [k for k, v in dist.items() if v == 2])
matrix = [[0] * 4 for _ in range(4)]
for i in range(4):
    for j in range(4):
        matrix[i][j] = (i + 1) * (j + 1)
print(matrix, [row[i] for i, row in enumerate(matrix)], sum(map(sum, matrix)))
transposed = [list(col) for col in zip(*matrix)]
print(transposed == matrix, transposed[1])
