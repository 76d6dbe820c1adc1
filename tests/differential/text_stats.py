# Text statistics: word frequencies, sorting with keys, string formatting.
text = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity"""
words = [w.strip(",.").lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
for word, n in top:
    print(f"{word:>8} {'#' * n} {n}")
lengths = [len(w) for w in words]
print(len(words), sum(lengths) / len(lengths), min(lengths), max(lengths))
print(sorted(set(words), key=lambda w: (len(w), w))[-3:])
print(" ".join(w.capitalize() for w in words[:6]))
vowels = sum(1 for ch in text.lower() if ch in "aeiou")
print("vowels", vowels, "lines", len(text.splitlines()))
