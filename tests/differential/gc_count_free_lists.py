# gc.get_count() after collections, as CPython moves it: a list, dict or small tuple
# that dies goes to CPython's free list (80 lists, 80 dicts, 2,000 tuples of each
# length below 20) instead of being freed, and one taken from there is not counted
# again; a full collection empties the free lists. Counts are read into variables
# and printed at the end, so printing does not disturb them.
import gc

gc.collect()
counts = []
counts.append(gc.get_count())
lists = [[] for _ in range(10)]
counts.append(gc.get_count())
del lists
counts.append(gc.get_count())
lists = [[] for _ in range(100)]
counts.append(gc.get_count())
del lists
counts.append(gc.get_count())
dicts = [{} for _ in range(90)]
counts.append(gc.get_count())
del dicts
counts.append(gc.get_count())
sets = [set() for _ in range(5)]
counts.append(gc.get_count())
del sets
counts.append(gc.get_count())
a, b = [], []
pairs = [(a, b) for _ in range(30)]
counts.append(gc.get_count())
del pairs
counts.append(gc.get_count())
pairs = [(a, b) for _ in range(10)]
counts.append(gc.get_count())
triples = [(a, b, a) for _ in range(5)]
counts.append(gc.get_count())
del pairs, triples
empties = [() for _ in range(5)]
counts.append(gc.get_count())
gc.collect(0)
counts.append(gc.get_count())
fresh = [[] for _ in range(3)]
counts.append(gc.get_count())
del fresh
gc.collect()
counts.append(gc.get_count())
again = [[] for _ in range(3)]
counts.append(gc.get_count())
for c in counts:
    print(c)
