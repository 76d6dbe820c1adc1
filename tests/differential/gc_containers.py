import gc
# from test_gc style checks
class A:
    pass
def test_list():
    l = []
    l.append(l)
    gc.collect()
    del l
    return gc.collect()
def test_dict():
    d = {}
    d[1] = d
    gc.collect()
    del d
    return gc.collect()
def test_tuple():
    l = []
    t = (l,)
    l.append(t)
    gc.collect()
    del t
    del l
    return gc.collect()
def test_class():
    class B:
        pass
    B.a = B
    gc.collect()
    del B
    return gc.collect() > 0
def test_instance():
    a = A()
    a.a = a
    gc.collect()
    del a
    return gc.collect()
def test_method():
    class C:
        def __init__(self):
            self.init = self.__init__
    c = C()
    gc.collect()
    del c
    return gc.collect()
def test_function():
    d = {}
    exec_like = lambda: d
    d["f"] = exec_like
    gc.collect()
    del d, exec_like
    return gc.collect()
print(test_list(), test_dict(), test_tuple(), test_class(), test_instance(), test_method(), test_function())
def test_del():
    class Del:
        def __del__(self):
            pass
    a = Del()
    a.a = a
    gc.collect()
    del a
    return gc.collect()
print(test_del())
