# Records and grouping, as a report generator would do.
rows = [
    ("alice", "eng", 120), ("bob", "eng", 95), ("carol", "ops", 80),
    ("dave", "ops", 85), ("erin", "eng", 130), ("frank", "sales", 70),
]
by_dept = {}
for name, dept, pay in rows:
    by_dept.setdefault(dept, []).append((name, pay))
for dept in sorted(by_dept):
    people = by_dept[dept]
    total = sum(p for _, p in people)
    avg = total / len(people)
    top = max(people, key=lambda np: np[1])[0]
    print(f"{dept:<6} n={len(people)} total={total:>4} avg={avg:7.2f} top={top}")
ranked = sorted(rows, key=lambda r: (-r[2], r[0]))
print([r[0] for r in ranked[:3]], {d: len(v) for d, v in by_dept.items()})
