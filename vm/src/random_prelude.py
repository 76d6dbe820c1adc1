# The Python part of `random`: the Random class, whose instances each have their own
# Mersenne Twister. Its methods are the module's functions run on that generator.


class Random:
    def __init__(self, x=None):
        self._state = _new_state(x)

    def seed(self, a=None):
        self._state = _new_state(a)

    def random(self):
        return _with_state(self._state, random)

    def getrandbits(self, k):
        return _with_state(self._state, getrandbits, k)

    def randrange(self, *args):
        return _with_state(self._state, randrange, *args)

    def randint(self, a, b):
        return _with_state(self._state, randint, a, b)

    def choice(self, seq):
        return _with_state(self._state, choice, seq)

    def shuffle(self, x):
        return _with_state(self._state, shuffle, x)

    def sample(self, population, k):
        return _with_state(self._state, sample, population, k)

    def uniform(self, a, b):
        return _with_state(self._state, uniform, a, b)
