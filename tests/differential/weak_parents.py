import gc
import weakref
# A parent/child tree with weak parent links: no cycles, so refcounting frees it.
class TreeNode:
    live = 0
    def __init__(self, name, parent=None):
        self.name = name
        self._parent = weakref.ref(parent) if parent is not None else None
        self.children = []
        TreeNode.live += 1
        if parent is not None:
            parent.children.append(self)
    def parent(self):
        return self._parent() if self._parent is not None else None
    def path(self):
        node, parts = self, []
        while node is not None:
            parts.append(node.name)
            node = node.parent()
        return "/".join(reversed(parts))
    def __del__(self):
        TreeNode.live -= 1
gc.disable()
root = TreeNode("root")
a = TreeNode("a", root)
b = TreeNode("b", a)
print(b.path(), TreeNode.live)
del a, b
print(TreeNode.live)
del root
print("freed without the collector:", TreeNode.live)
gc.enable()
