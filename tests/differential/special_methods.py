class Stack:
    def __init__(self):
        self.items = []
    def push(self, x):
        self.items.append(x)
    def pop(self):
        return self.items.pop()
    def __len__(self):
        return len(self.items)
    def __bool__(self):
        return bool(self.items)
    def __iter__(self):
        return iter(self.items)
    def __contains__(self, x):
        return x in self.items
    def __getitem__(self, i):
        return self.items[i]
s = Stack()
for i in range(5):
    s.push(i * i)
print(len(s), bool(s), 9 in s, 10 in s, s[2], list(s), [x for x in s if x % 2])
while s:
    s.pop()
print(len(s), bool(s))
class Money:
    def __init__(self, c):
        self.c = c
    def __add__(self, o):
        return Money(self.c + (o.c if isinstance(o, Money) else o))
    __radd__ = __add__
    def __lt__(self, o):
        return self.c < o.c
    def __repr__(self):
        return f"Money({self.c})"
    def __eq__(self, o):
        return isinstance(o, Money) and self.c == o.c
    def __hash__(self):
        return hash(self.c)
print(Money(3) + Money(4), 5 + Money(1), sum([Money(1), Money(2)]), sorted([Money(3), Money(1)]))
print(Money(1) == Money(1), Money(1) != Money(2))
