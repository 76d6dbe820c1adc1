# Strings built piece by piece, and string-keyed dicts growing and shrinking.
parts = []
for i in range(200):
    parts.append(str(i * i % 97))
s = ",".join(parts)
print(len(s), s[:30], s.count(","), s.rsplit(",", 3)[-3:])
table = {}
for i in range(1000):
    table[f"key{i}"] = i
for i in range(0, 1000, 3):
    del table[f"key{i}"]
print(len(table), list(table)[:3], list(table)[-2:], sum(table.values()))
table.update({f"new{i}": -i for i in range(5)})
print(list(table.items())[-3:], "key1" in table, "key0" in table)
acc = ""
for word in ["alpha", "beta", "gamma"]:
    acc += word[0].upper() + word[1:] + " "
print(acc.strip(), acc.split(), len(acc))
