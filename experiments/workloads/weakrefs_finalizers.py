# Objects with finalizers and weak references: made, watched through a
# WeakValueDictionary, linked into cycles, and freed by refcounting and by the
# collector. Prints counts and a checksum.
import gc
import sys
import weakref

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 20000


class Resource:
    finalized = 0

    def __init__(self, n):
        self.n = n
        self.peer = None

    def __del__(self):
        Resource.finalized += 1


callbacks = 0


def on_death(wr):
    global callbacks
    callbacks += 1


def run(count):
    # Automatic collections would make the registry's size depend on exactly when
    # they run; the cycles wait for the explicit collection below.
    gc.disable()
    registry = weakref.WeakValueDictionary()
    refs = []
    checksum = 0
    for i in range(count):
        r = Resource(i)
        registry[i] = r
        if i % 3 == 0:
            refs.append(weakref.ref(r, on_death))
        if i % 2 == 0:
            partner = Resource(-i)
            r.peer = partner
            partner.peer = r
        checksum += len(registry) % 13
    found = gc.collect()
    gc.enable()
    return checksum, found, len(refs)


checksum, found, watched = run(COUNT)
print("finalized", Resource.finalized, "callbacks", callbacks, "watched", watched)
print("collected in cycles", found > 0, "checksum", checksum)
