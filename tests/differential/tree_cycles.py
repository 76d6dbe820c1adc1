import gc
class Tree:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)
def build(depth, parent=None):
    node = Tree(parent)
    if depth > 0:
        for _ in range(3):
            build(depth - 1, node)
    return node
gc.collect()
root = build(5)
def count(n):
    total, stack = 0, [n]
    while stack:
        x = stack.pop()
        total += 1
        stack.extend(x.children)
    return total
print("nodes", count(root))
del root
print("parent links make cycles; collected", gc.collect())
print("nothing more", gc.collect())
