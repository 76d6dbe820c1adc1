# Global loads stay right while globals change: values replaced, names added,
# deleted and re-added, builtins shadowed and unshadowed.
x = 1
def read():
    return x, len("ab")
print(read())
x = 2
print(read())
del x
try:
    read()
except NameError as e:
    print(e)
x = 3
def len(s):
    return -1
print(read())
del len
print(read())
for i in range(3):
    x = i * 10
    print(read())
