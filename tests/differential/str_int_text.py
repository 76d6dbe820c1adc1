# More str methods (ranges for find/count, expandtabs, splitlines' boundaries, ...),
# int() of text in every base and prefix, and f-string '=' fields.
s = "abcabcabc"
print(s.find("b", 2), s.find("b", 2, 4), s.find("b", -2), s.rfind("b", 0, 5), s.count("a", 1), s.count("", 2, 4), s.find("c", 10), s.find("", 9), s.find("", 10))
print(s.index("c", 3), s.rindex("a"), "a\tbc\td".expandtabs(), "a\tb".expandtabs(4), "Straße".casefold())
print("prefix_x".removeprefix("prefix_"), "x.py".removesuffix(".py"), "½".isnumeric(), "12".isdecimal(), "é".isascii(), "_a1".isidentifier(), "1a".isidentifier())
print("Hello World".istitle(), "Hello world".istitle(), "A1 B".istitle(), "".istitle())
print("a\nb\r\nc\rd\x0be".splitlines(), "a\nb\n".splitlines(True), "".splitlines(), "x\n\ny".splitlines(keepends=True))
try:
    s.rindex("z")
except ValueError as e:
    print(e)
cases = [(" 42 ", 10), ("-0x1f", 16), ("0b101", 0), ("0o17", 0), ("0x_ff", 16), ("1_000", 10), ("1__0", 10), ("_1", 10), ("1_", 10), ("010", 0), ("00", 0), ("0", 0), ("+-5", 10), ("- 5", 10), ("z", 36), ("Z", 36), ("12", 3), ("", 10), ("0x", 16), ("-0b", 0), ("99999999999999999999999", 10), ("-0XAB", 0), ("7", 1), ("7", 37)]
for text, base in cases:
    try:
        print(repr(text), base, int(text, base))
    except ValueError as e:
        print(repr(text), base, "ValueError", e)
x = 5
s = "a"
print(f"{x=}", f"{x = }", f"{s=}", f"{s=!s}", f"{x=:>4}", f"{x*2=}", f"{x==5}", f"{x!=4}")
