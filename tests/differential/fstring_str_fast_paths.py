# f-string fields and str() of strs and ints (written without a Rust string) next to
# the values that still take the general path: bools, floats, big ints, __format__.
class P:
    def __str__(self):
        return "P!"
    def __format__(self, spec):
        return "fmt[" + spec + "]"
class Q:
    def __str__(self):
        return "Q!"
x = -5
s = "text"
print(f"{x}|{s}|{True}|{None}|{1.5}|{2**70}|{x!s}|{s!r}|{x!r}|{P()}|{P()!s}|{Q()}|{s:>6}|{x:04d}|{'':}|")
print(f"{0}{-0}{9223372036854775807}{-9223372036854775808}")
print(str(-9223372036854775808), str(s), str(7), str(True), str(P()))
