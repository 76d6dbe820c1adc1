counts = {}
text = "to be or not to be that is the question whether tis nobler in the mind to suffer"
for ch in text:
    if ch != " ":
        counts[ch] = counts.get(ch, 0) + 1
letters = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
print(letters[:5], len(counts))
bigrams = {}
words = text.split()
for a, b in zip(words, words[1:]):
    bigrams[(a, b)] = bigrams.get((a, b), 0) + 1
print(sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
index = {}
for i, w in enumerate(words):
    index.setdefault(w[0], []).append(i)
print(sorted((k, v) for k, v in index.items() if len(v) > 1))
