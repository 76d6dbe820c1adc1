# The part of the weakref module written in Python, as CPython's Lib/weakref.py is:
# it runs in the module's namespace, after ref, getweakrefcount and getweakrefs.


_missing = object()


class WeakValueDictionary:
    """A mapping whose values are held weakly: an entry goes when its value dies.

    As in CPython, one remover serves every entry: it finds the key of a dead
    weakref through `_keys` (by the weakref's id; CPython's KeyedRef carries the key
    itself), so an entry costs a weakref and two dict entries, not a closure.
    """

    def __init__(self, other=None):
        self._data = {}
        self._keys = {}
        data = self._data
        keys = self._keys

        def remove(wr):
            key = keys.pop(id(wr), _missing)
            if key is not _missing and data.get(key) is wr:
                del data[key]

        self._remove = remove
        if other is not None:
            for k, v in (other.items() if isinstance(other, dict) else other):
                self[k] = v

    def __setitem__(self, key, value):
        old = self._data.get(key)
        if old is not None:
            self._keys.pop(id(old), None)
        wr = ref(value, self._remove)
        self._keys[id(wr)] = key
        self._data[key] = wr

    def __getitem__(self, key):
        obj = self._data[key]()
        if obj is None:
            raise KeyError(key)
        return obj

    def __delitem__(self, key):
        wr = self._data.pop(key)
        self._keys.pop(id(wr), None)

    def __contains__(self, key):
        wr = self._data.get(key)
        return wr is not None and wr() is not None

    def __len__(self):
        return len(self._data)

    # Iteration checks each value when it gets to it (an entry whose value dies
    # meanwhile is skipped), and keys(), values() and items() are generators, as in
    # CPython's Lib/weakref.py.
    def __iter__(self):
        for k, wr in list(self._data.items()):
            if wr() is not None:
                yield k

    def get(self, key, default=None):
        wr = self._data.get(key)
        if wr is None:
            return default
        obj = wr()
        return default if obj is None else obj

    def keys(self):
        for k, wr in list(self._data.items()):
            if wr() is not None:
                yield k

    def values(self):
        for wr in list(self._data.values()):
            v = wr()
            if v is not None:
                yield v

    def items(self):
        for k, wr in list(self._data.items()):
            v = wr()
            if v is not None:
                yield k, v

    def pop(self, key, *default):
        try:
            wr = self._data.pop(key)
            self._keys.pop(id(wr), None)
            obj = wr()
        except KeyError:
            if default:
                return default[0]
            raise
        if obj is None:
            if default:
                return default[0]
            raise KeyError(key)
        return obj

    def __repr__(self):
        return f"<WeakValueDictionary at {hex(id(self))}>"


class WeakKeyDictionary:
    """A mapping whose keys are held weakly: an entry goes when its key dies.

    Entries are kept under the key's id, with one remover for all of them (it finds
    the entry of a dead weakref through `_ids`).
    """

    def __init__(self, other=None):
        self._data = {}
        self._ids = {}
        data = self._data
        ids = self._ids

        def remove(wr):
            key_id = ids.pop(id(wr), None)
            entry = data.get(key_id)
            if entry is not None and entry[0] is wr:
                del data[key_id]

        self._remove = remove
        if other is not None:
            for k, v in (other.items() if isinstance(other, dict) else other):
                self[k] = v

    def __setitem__(self, key, value):
        entry = self._data.get(id(key))
        if entry is not None and entry[0]() is key:
            self._data[id(key)] = (entry[0], value)
            return
        if entry is not None:
            self._ids.pop(id(entry[0]), None)
        wr = ref(key, self._remove)
        self._ids[id(wr)] = id(key)
        self._data[id(key)] = (wr, value)

    def _entry(self, key):
        entry = self._data.get(id(key))
        if entry is None or entry[0]() is not key:
            raise KeyError(key)
        return entry

    def __getitem__(self, key):
        return self._entry(key)[1]

    def __delitem__(self, key):
        entry = self._entry(key)
        self._ids.pop(id(entry[0]), None)
        del self._data[id(key)]

    def __contains__(self, key):
        entry = self._data.get(id(key))
        return entry is not None and entry[0]() is key

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        for e in list(self._data.values()):
            k = e[0]()
            if k is not None:
                yield k

    def get(self, key, default=None):
        entry = self._data.get(id(key))
        if entry is None or entry[0]() is not key:
            return default
        return entry[1]

    def keys(self):
        for e in list(self._data.values()):
            k = e[0]()
            if k is not None:
                yield k

    def values(self):
        for e in list(self._data.values()):
            if e[0]() is not None:
                yield e[1]

    def items(self):
        for wr, v in list(self._data.values()):
            k = wr()
            if k is not None:
                yield k, v

    def __repr__(self):
        return f"<WeakKeyDictionary at {hex(id(self))}>"


class WeakSet:
    """A set whose members are held weakly: a member goes when it dies.

    Members are kept by id, each with its weak reference; one remover serves all.
    """

    def __init__(self, data=None):
        self._refs = {}
        refs = self._refs

        def remove(wr):
            for key, r in list(refs.items()):
                if r is wr:
                    del refs[key]
                    break

        self._remove = remove
        if data is not None:
            for item in data:
                self.add(item)

    def add(self, item):
        r = self._refs.get(id(item))
        if r is None or r() is not item:
            self._refs[id(item)] = ref(item, self._remove)

    def discard(self, item):
        r = self._refs.get(id(item))
        if r is not None and r() is item:
            del self._refs[id(item)]

    def remove(self, item):
        r = self._refs.get(id(item))
        if r is None or r() is not item:
            raise KeyError(item)
        del self._refs[id(item)]

    def __contains__(self, item):
        r = self._refs.get(id(item))
        return r is not None and r() is item

    def __len__(self):
        return sum(1 for r in list(self._refs.values()) if r() is not None)

    def __iter__(self):
        for r in list(self._refs.values()):
            x = r()
            if x is not None:
                yield x

    def clear(self):
        self._refs.clear()

    def __repr__(self):
        return f"<WeakSet at {hex(id(self))}>"


class WeakMethod:
    """A weak reference to a bound method: calling it gives the method again while its
    object lives, else None."""

    def __init__(self, meth, callback=None):
        obj = meth.__self__
        func = meth.__func__
        self._func_ref = ref(func)
        if callback is None:
            self._obj_ref = ref(obj)
        else:
            this = ref(self)

            def on_death(_):
                me = this()
                if me is not None:
                    callback(me)

            self._obj_ref = ref(obj, on_death)

    def __call__(self):
        obj = self._obj_ref()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return func.__get__(obj)


class finalize:
    """Call func(*args, **kwargs) once, when obj dies (or when called, or at exit)."""

    _registry = {}
    _index = 0

    def __init__(self, obj, func, *args, **kwargs):
        finalize._index += 1
        self._key = finalize._index
        self._atexit = True
        key = self._key
        registry = finalize._registry
        def callback(wr):
            entry = registry.pop(key, None)
            if entry is not None:
                entry[1](*entry[2], **entry[3])
        registry[key] = (ref(obj, callback), func, args, kwargs, self)

    # `alive` and `atexit` read the registry, as in Lib/weakref.py: a finalizer that
    # has run (or was detached) is neither.
    @property
    def alive(self):
        return self._key in finalize._registry

    @property
    def atexit(self):
        return self._key in finalize._registry and self._atexit

    @atexit.setter
    def atexit(self, value):
        if self._key in finalize._registry:
            self._atexit = bool(value)

    def __call__(self, _=None):
        entry = finalize._registry.pop(self._key, None)
        if entry is not None:
            return entry[1](*entry[2], **entry[3])

    def detach(self):
        entry = finalize._registry.pop(self._key, None)
        if entry is not None:
            obj = entry[0]()
            if obj is not None:
                return (obj, entry[1], entry[2], entry[3])

    def peek(self):
        entry = finalize._registry.get(self._key)
        if entry is not None and entry[0]() is not None:
            return (entry[0](), entry[1], entry[2], entry[3])

    def __repr__(self):
        return f"<finalize object at {hex(id(self))}>"


def _run_exit_finalizers():
    # At exit, the finalizers still pending whose atexit is true run, newest first.
    pending = sorted(finalize._registry.items(), reverse=True)
    for key, entry in pending:
        if entry[4].atexit and finalize._registry.pop(key, None) is not None:
            entry[1](*entry[2], **entry[3])
