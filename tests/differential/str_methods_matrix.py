# str methods across inputs: each call's result or its error type.
texts = ["", "a", "  Hello World  ", "a,b,,c", "x\ty\nz", "ÄÖü ß", "aaa", "CamelCase_snake", "12 34", "\u2028line"]
args = {
    "split": [(), (",",), (" ",), (",", 1), (None, 1)], "rsplit": [(), (",", 1), (" ", 1)],
    "strip": [(), (" H",), ("a",)], "lstrip": [(), ("a ",)], "rstrip": [(), (" d",)],
    "replace": [("a", "b"), ("", "-"), ("a", "", 1)], "find": [("a",), ("",), ("o", 5)], "rfind": [("a",), ("l", 0, 6)],
    "count": [("a",), ("",), ("aa",)], "startswith": [("a",), (("x", " "),), ("", 2)], "endswith": [("c",), ("  ",)],
    "upper": [()], "lower": [()], "title": [()], "capitalize": [()], "swapcase": [()], "casefold": [()],
    "center": [(9,), (9, "*")], "ljust": [(6, ".")], "rjust": [(6,)], "zfill": [(6,)],
    "partition": [(",",), (" ",)], "rpartition": [(",",)], "splitlines": [(), (True,)],
    "isdigit": [()], "isalpha": [()], "isalnum": [()], "isspace": [()], "isupper": [()], "islower": [()], "istitle": [()],
    "index": [("a",)], "join": [(["1", "2"],), ("xy",)], "expandtabs": [(), (2,)], "removeprefix": [("a",)], "removesuffix": [(" ",)],
}
for t in texts:
    for name, calls in args.items():
        for a in calls:
            try:
                r = getattr(t, name)(*a)
            except Exception as e:
                r = type(e).__name__
            print(repr(t), name, a, repr(r))
print("abc".startswith("b", 1), "abc".startswith("a", 1), "abc".endswith("b", 0, 2), "abc".endswith(("x", "c")), "abc".startswith("", 3), "abc".startswith("", 4), "abc".endswith("c", -1))
