# Format specs and %-formats across values: every combination CPython accepts or
# refuses, with its result or the error type.
import random
random.seed(7)
vals = [0, 1, -1, 255, 10**30, -10**30, 0.0, -0.0, 1.5, -2.25, float("inf"), float("-inf"), float("nan"), True, "s", "", "long string"]
kinds = ["", "d", "f", "F", "e", "E", "g", "G", "%", "x", "X", "o", "b", "c", "s", "n", "r"]
out = []
for v in vals:
    for k in kinds:
        for spec in ["", "10", "<5", ">+8", "^9", "=+012", ",", "_", ".0", ".3", "#", "0>10", " ", "-.2", "010.2"]:
            s = spec + k
            try:
                out.append(format(v, s))
            except (ValueError, TypeError, OverflowError) as e:
                out.append(type(e).__name__)
            try:
                out.append(f"{v:{s}}")
            except (ValueError, TypeError, OverflowError) as e:
                out.append(type(e).__name__)
for fmt in ["%d", "%5.2f", "%-8s|", "%x", "%e", "%g", "%c", "%r", "%%", "%+d", "% d", "%05d", "%.3s", "%i", "%o", "%X", "%E", "%G", "%u"]:
    for v in vals:
        try:
            out.append(fmt % (v,))
        except (ValueError, TypeError, OverflowError) as e:
            out.append(type(e).__name__)
print(len(out))
for i in range(0, len(out), 1):
    print(repr(out[i]))
