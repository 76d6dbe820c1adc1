# Interval merging and scheduling.
intervals = [(1, 3), (2, 6), (8, 10), (15, 18), (17, 20), (9, 12)]
merged = []
for start, end in sorted(intervals):
    if merged and start <= merged[-1][1]:
        merged[-1] = (merged[-1][0], max(merged[-1][1], end))
    else:
        merged.append((start, end))
print(merged, sum(e - s for s, e in merged))
meetings = sorted(intervals, key=lambda iv: iv[1])
chosen, last_end = [], -1
for s, e in meetings:
    if s >= last_end:
        chosen.append((s, e))
        last_end = e
print(chosen, len(chosen))
