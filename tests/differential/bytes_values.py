# bytes: literals with escapes, len, indexing and slicing, iteration, concatenation
# and repetition, comparison, membership, hashing as dict keys, decode and encode,
# bytes() constructors, reprs with both quotes, and sys.getsizeof.
import sys

b = b"hello\n\x00\xff'"
print(b, len(b), b[0], b[-1], b[1:4], b[::2], list(b[:3]))
print(b"a" + b"bc", b"ab" * 3, b"" * 5, b"abc" == b"abc", b"abc" != b"abd", b"a" < b"b")
print(b"ell" in b"hello", 104 in b"hello", b"" in b"x", b"xyz".find(b"z"), b"aaa".count(b"a"))
print(b"it's", b'say "hi"', b"both ' and \"", repr(b"\t\r\\"), str(b"x"))
print(b"caf\xc3\xa9".decode(), "café".encode(), "abc".encode() == b"abc", b"\x01\xab".hex())
print(bytes(3), bytes([65, 66, 67]), bytes(range(3)), bytes(), bytes("hi", "utf-8"))
d = {b"k": 1, b"k2": 2}
print(d[b"k"], b"k2" in d, len({b"a", b"a", b"b"}))
print(type(b).__name__, isinstance(b, bytes), bool(b""), bool(b"0"))
print(sys.getsizeof(b""), sys.getsizeof(b"abcd"), b"abc".startswith(b"ab"), b"abc".endswith(b"bc"))
total = 0
for byte in b"\x01\x02\x03":
    total += byte
print(total, sorted(b"cab"), max(b"az"))
blocks = [bytes(64) for _ in range(100)]
print(sum(len(x) for x in blocks))
try:
    b"\xff".decode()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
try:
    b"abc"[5]
except IndexError as e:
    print("IndexError:", e)
try:
    bytes([300])
except ValueError as e:
    print("ValueError:", e)
