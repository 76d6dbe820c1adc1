# State machine with dict dispatch and method references.
class Turnstile:
    def __init__(self):
        self.state = "locked"
        self.log = []
        self.table = {
            ("locked", "coin"): self.unlock,
            ("unlocked", "push"): self.lock,
            ("locked", "push"): self.alarm,
            ("unlocked", "coin"): self.refund,
        }
    def unlock(self):
        self.state = "unlocked"
        return "unlocked"
    def lock(self):
        self.state = "locked"
        return "locked"
    def alarm(self):
        return "alarm!"
    def refund(self):
        return "refund"
    def feed(self, events):
        for e in events:
            self.log.append(self.table[(self.state, e)]())
        return self.log
t = Turnstile()
print(t.feed(["push", "coin", "coin", "push", "push"]), t.state)
