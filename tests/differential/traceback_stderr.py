class Parser:
    def parse(self, text):
        return [self.number(tok) for tok in text.split()]

    def number(self, tok):
        return int(tok)

print(Parser().parse("1 2 3"))
Parser().parse("1 x 3")
