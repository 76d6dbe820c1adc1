# A queue-based simulation: producers and consumers with generators.
def producer(name, items):
    for i in range(items):
        yield f"{name}-{i}"

def round_robin(*gens):
    gens = list(gens)
    while gens:
        for g in list(gens):
            try:
                yield next(g)
            except StopIteration:
                gens.remove(g)

out = list(round_robin(producer("a", 3), producer("b", 1), producer("c", 2)))
print(out)

def chunked(seq, n):
    chunk = []
    for x in seq:
        chunk.append(x)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk

print(list(chunked(range(7), 3)))
print(sum(len(c) for c in chunked("abcdefgh", 3)))

def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1

gen = primes()
print([next(gen) for _ in range(15)])
