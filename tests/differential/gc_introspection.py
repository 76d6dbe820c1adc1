import gc
# get_objects, get_referents and get_referrers on the program's own objects.
gc.collect()
class Leaf:
    pass
class Holder:
    def __init__(self):
        self.items = [Leaf(), Leaf()]
h = Holder()
refs = gc.get_referents(h)
print(len(refs), any(r is h.items for r in refs), any(r is Holder for r in refs))
print(sorted(type(x).__name__ for x in gc.get_referents(h.items)))
print(any(r is h for r in gc.get_referrers(h.items)))
objs = gc.get_objects()
print(any(x is h for x in objs), any(x is h.items for x in objs))
gen_sizes = [len(gc.get_objects(i)) for i in range(3)]
print(all(n >= 0 for n in gen_sizes))
print(gc.is_tracked(h), gc.is_tracked(h.items), gc.is_tracked(Leaf))
