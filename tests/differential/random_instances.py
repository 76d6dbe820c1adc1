# random.Random: generators of their own, seeded and drawn as CPython's, independent of the module's.
import random
r = random.Random(42)
print(r.random(), r.randint(1, 100), r.choice("abcdef"), r.randrange(10), r.randrange(2, 20, 3), r.uniform(1, 2))
l = list(range(10)); r.shuffle(l); print(l, r.sample(range(100), 5), r.getrandbits(40))
random.seed(42)
print(random.random())
r2 = random.Random(42)
print(r2.random() == random.Random(42).random(), r2.random())
r.seed(7); a = r.random(); r.seed(7); print(a == r.random())
rs = [random.Random(i) for i in range(3)]
print([x.randint(0, 1000) for x in rs], random.random())
from random import Random
print(Random(1).random())
r3 = random.Random("abc") if False else random.Random(3.5)
print(r3.random())
