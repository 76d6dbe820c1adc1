# random with a seed draws what CPython draws, and math computes what it computes.
import math
import random

random.seed(12345)
print([random.random() for _ in range(3)])
print([random.randint(1, 6) for _ in range(10)])
print([random.randrange(100) for _ in range(5)], random.randrange(10, 20, 3), random.randrange(20, 10, -2))
print(random.getrandbits(1), random.getrandbits(31), random.getrandbits(32), random.getrandbits(100))
items = list(range(20))
random.shuffle(items)
print(items)
print(random.choice("abcdefgh"), random.choice([10, 20, 30]), random.choice(range(1000)))
print(random.sample(range(100), 5), random.sample("abcdefghij", 3), len(random.sample(range(10000), 50)))
print(round(random.uniform(1, 2), 12))
random.seed(0)
a = [random.random() for _ in range(2)]
random.seed(0)
print(a == [random.random() for _ in range(2)], a)
random.seed(2 ** 100 + 7)
print(random.random(), random.randint(-10**20, 10**20))
random.seed(-42)
print(random.random())
random.seed(3.5)
print(random.random())
big = random.randrange(10 ** 30)
print(big < 10 ** 30, big)
print(math.sqrt(2), math.floor(2.7), math.ceil(-2.2), math.floor(-0.5), math.trunc(-3.9), math.isqrt(10 ** 20 + 1))
print(math.pi, math.e, math.inf, -math.inf, math.isnan(math.nan), math.isinf(math.inf), math.fabs(-2))
print(math.exp(1), math.log(math.e), math.log(8, 2), math.log2(1024), math.log10(0.001), math.pow(2, 0.5))
print(math.sin(0), math.cos(math.pi), math.atan2(1, 1), math.hypot(3, 4), math.gcd(12, 18, 27), math.factorial(20))
print(math.floor(1e20), math.ceil(2.0), math.fmod(7, 3), math.copysign(1, -0.0), math.isclose(0.1 + 0.2, 0.3))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.exp(1000), lambda: math.floor(math.nan)]:
    try:
        bad()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
