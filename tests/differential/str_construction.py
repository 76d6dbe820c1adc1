# str() of a str is the str itself; str() of ints; split and case mapping on ASCII
# and non-ASCII text.
s = "abc"
print(str(s) is s, str(-12345), str(0), str(2**63 - 1), str(-2**63), str(True), str(1.5), "a b  c".split(), "a,b".split(","), "a b c".split(None, 1), "".split(), "ÀÉ".upper(), "ß".upper(), "ÀB".lower(), "x".upper())
