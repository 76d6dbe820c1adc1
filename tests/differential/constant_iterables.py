# CPython's fold_iter: a list display that is only iterated (a for loop, a
# comprehension, the right side of `in`) is compiled as a tuple, a constant one when
# its items are constants, and a set display of constants as a frozenset constant;
# so these allocate nothing (gc.get_count() shows it).
import gc

gc.disable()
gc.collect()


def loops():
    s = 0
    for x in [1, 2, 3]:
        s += x
    for y in [1, -2, 2 ** 3]:
        s += y
    if s in [1, 2, 3]:
        s += 1
    if s in {4, 5, 6}:
        s += 1
    if s not in [7, 8, -9]:
        s += 100
    s += sum([x * 2 for x in [1, 2]])
    s += len({v for v in (1, 2, 2)})
    if 1 < s in [s, 1]:
        s += 1
    for z in [s, 1]:
        s += z
    return s


for body in range(3):
    before = gc.get_count()[0]
    for _ in range(10):
        r = loops()
    print(r, gc.get_count()[0] - before)
