import gc
# Automatic collection: with a low threshold, cycles go without explicit collect().
gc.collect()
gc.set_threshold(10, 5, 5)
class C:
    freed = 0
    def __del__(self):
        C.freed += 1
for i in range(1000):
    c = C()
    c.self = c
del c
print("freed by automatic collections:", C.freed > 900)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
gc.collect()
print("all freed:", C.freed)
gc.set_threshold(0)
for i in range(100):
    c = C()
    c.self = c
del c
print("threshold 0 disables automatic collection:", C.freed == 1000)
print("explicit:", gc.collect())
gc.set_threshold(700, 10, 10)
