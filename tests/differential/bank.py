# A bank account simulation with exceptions and class hierarchy.
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"need {needed}, have {available}")
        self.needed = needed
        self.available = available

class Account:
    interest = 0.02
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def apply_interest(self):
        gained = round(self.balance * self.interest, 2)
        self.balance += gained
        return gained

class Savings(Account):
    interest = 0.05

accounts = [Account("ann", 100), Savings("bob", 1000)]
for acc in accounts:
    acc.deposit(50)
    try:
        acc.withdraw(500)
    except InsufficientFunds as e:
        print(acc.owner, "refused:", e, e.needed - e.available)
    print(acc.owner, acc.apply_interest(), acc.balance, len(acc.history))
try:
    accounts[0].deposit(-5)
except ValueError as e:
    print("error:", e)
print(sorted(a.owner for a in accounts), max(accounts, key=lambda a: a.balance).owner)
summary = {a.owner: [kind for kind, _ in a.history] for a in accounts}
print(summary)
