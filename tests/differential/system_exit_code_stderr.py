# SystemExit's code (from sys.exit and raise, any arguments) and the exit status
# it gives; StopIteration's value.
import sys
for args in [(), (3,), ("msg",), (1, 2), (None,), (True,)]:
    try:
        sys.exit(*args)
    except SystemExit as e:
        print(repr(e.code), e.args)
    except TypeError as e:
        print("TypeError", e)
    try:
        raise SystemExit(*args)
    except SystemExit as e:
        print(repr(e.code), e.args)
class MyExit(SystemExit):
    pass
try:
    raise MyExit(5)
except SystemExit as e:
    print(type(e).__name__, e.code)
print(SystemExit().code, StopIteration(7).value, StopIteration().value)
sys.exit("bye")
