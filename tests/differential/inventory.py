# A small inventory system: classes, dicts, sorting, formatting.
class Item:
    def __init__(self, name, price, qty=0):
        self.name = name
        self.price = price
        self.qty = qty

    def total(self):
        return self.price * self.qty

    def __repr__(self):
        return f"Item({self.name!r}, {self.price:.2f}, qty={self.qty})"

class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, name, price, qty=1):
        if name in self.items:
            self.items[name].qty += qty
        else:
            self.items[name] = Item(name, price, qty)
        return self

    def remove(self, name, qty=1):
        item = self.items.get(name)
        if item is None:
            raise KeyError(name)
        if item.qty < qty:
            raise ValueError(f"only {item.qty} {name} left")
        item.qty -= qty
        if item.qty == 0:
            del self.items[name]

    def value(self):
        return sum(i.total() for i in self.items.values())

    def report(self):
        lines = []
        for item in sorted(self.items.values(), key=lambda i: (-i.total(), i.name)):
            lines.append(f"{item.name:<10}{item.qty:>4} x {item.price:>7.2f} = {item.total():>8.2f}")
        return "\n".join(lines)

inv = Inventory()
inv.add("apple", 0.5, 10).add("pear", 0.75, 4).add("melon", 3.0).add("apple", 0.5, 5)
print(inv.report())
print("value:", inv.value())
try:
    inv.remove("kiwi")
except KeyError as e:
    print("no such item:", e)
try:
    inv.remove("melon", 2)
except ValueError as e:
    print("error:", e)
inv.remove("melon")
print(sorted(inv.items), len(inv.items))
print([repr(i) for i in inv.items.values()])
