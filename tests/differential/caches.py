import gc
# Caches that keep objects alive, and clearing them.
class Big:
    alive = 0
    def __init__(self, n):
        self.data = list(range(n))
        Big.alive += 1
    def __del__(self):
        Big.alive -= 1
cache = {}
def get(n):
    if n not in cache:
        cache[n] = Big(n)
    return cache[n]
for i in range(20):
    get(i % 5)
print(len(cache), Big.alive)
cache.clear()
print(Big.alive)
objs = [Big(3) for _ in range(10)]
objs[3].peer = objs[7]
objs[7].peer = objs[3]
del objs
print("after del:", Big.alive)
gc.collect()
print("after collect:", Big.alive)
