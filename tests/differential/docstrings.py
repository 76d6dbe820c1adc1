"""Docstrings: a module's, a class's (stored as __doc__ by the class body), a function's and a method's; only a plain string literal as the first statement is one."""
def f():
    "doc here"
    return 1
class A:
    "class doc"
    def m(self):
        """m doc"""
print(f.__doc__, A.__doc__, A.m.__doc__, A().m.__doc__)
def g(): pass
print(g.__doc__)
print(__doc__)
class B:
    x = 1
print(B.__doc__)
lam = lambda: "not a doc"
print(lam.__doc__)
def h():
    f"not {1} a doc"
    return 2
print(h.__doc__)
def k():
    x = 1
    "not first"
print(k.__doc__, A.__dict__["__doc__"] if False else "")
