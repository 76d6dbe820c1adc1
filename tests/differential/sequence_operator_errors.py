# The errors of a sequence's + and * in CPython's words.
for a, b in [("s", 1), ([1], 1), ((1,), 1), ("s", [1]), ([1], (1,)), ((1,), [1]), (b"x", 1), (1, "s"), (None, 1)]:
    try:
        a + b
    except TypeError as e:
        print("+", e)
    try:
        c = a
        c += b
    except TypeError as e:
        print("+=", e)
for a, b in [("s", "t"), ("s", 1.5), ([1], None), (2.5, "s"), ((1,), [2]), (None, "s")]:
    for label in ("*", "*="):
        try:
            if label == "*":
                a * b
            else:
                c = a
                c *= b
        except TypeError as e:
            print(label, e)
