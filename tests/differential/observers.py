import weakref
# Observers held weakly: dead observers drop out of the subject's list.
class Subject:
    def __init__(self):
        self.observers = weakref.WeakValueDictionary()
        self.next_id = 0
    def attach(self, obs):
        self.next_id += 1
        self.observers[self.next_id] = obs
    def notify(self, msg):
        return [o.receive(msg) for o in self.observers.values()]
class Observer:
    def __init__(self, name):
        self.name = name
    def receive(self, msg):
        return f"{self.name} got {msg}"
s = Subject()
a, b, c = Observer("a"), Observer("b"), Observer("c")
for o in (a, b, c):
    s.attach(o)
print(s.notify("hello"))
del b
print(s.notify("again"), len(s.observers))
