def perms(items):
    if len(items) <= 1:
        return [items[:]]
    out = []
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in perms(rest):
            out.append([items[i]] + p)
    return out
ps = perms([1, 2, 3, 4])
print(len(ps), ps[:3], ps[-1])
def subsets(s):
    result = [[]]
    for x in s:
        result += [r + [x] for r in result]
    return result
print(len(subsets("abcd")), subsets("ab"))
def flatten(nested):
    out = []
    stack = [iter(nested)]
    while stack:
        for x in stack[-1]:
            if isinstance(x, list):
                stack.append(iter(x))
                break
            out.append(x)
        else:
            stack.pop()
    return out
print(flatten([1, [2, [3, [4, 5]], 6], [[7]], 8]))
words = ["apple", "bob", "kayak", "level", "python", "noon"]
print([w for w in words if w == w[::-1]], {len(w) for w in words})
