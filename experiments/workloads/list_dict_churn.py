# List and dict churn: build, mutate and drop many small containers, the way
# programs shuffle records. Prints a checksum.
import sys

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20000


def record(i):
    return {"id": i, "tags": [i % 7, i % 11], "score": i * 3 % 101}


def churn(rounds):
    checksum = 0
    window = []
    for i in range(rounds):
        r = record(i)
        r["tags"].append(len(window))
        window.append(r)
        if len(window) > 64:
            old = window.pop(0)
            checksum += old["score"] + sum(old["tags"])
        if i % 100 == 0:
            index = {w["id"]: w for w in window}
            checksum += len(index)
            merged = [t for w in window for t in w["tags"]]
            checksum += len(merged) % 97
    return checksum


print("checksum", churn(ROUNDS))
