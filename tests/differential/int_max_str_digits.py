# sys.set_int_max_str_digits: the limit on decimal conversions of big ints.
import sys
print(sys.get_int_max_str_digits())
big = 10 ** 4299
print(len(str(big)))
try:
    str(10 ** 4300)
except ValueError as e:
    print(e)
print(len(hex(10 ** 5000)) > 0, f"{10 ** 100:,}"[:10])
sys.set_int_max_str_digits(0)
print(len(str(10 ** 5000)), len(str(int("7" * 5000))))
sys.set_int_max_str_digits(5000)
try:
    int("1" * 5001)
except ValueError as e:
    print(e)
try:
    sys.set_int_max_str_digits(10)
except ValueError as e:
    print(e)
