# The binary-trees benchmark (Computer Language Benchmarks Game): allocate and
# discard many perfect binary trees while a long-lived one stays. Nodes are
# tuples of children, as in the pyperformance version; prints a checksum.
import sys


def make_tree(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tree(depth), make_tree(depth))


def check(tree):
    left, right = tree
    if left is None:
        return 1
    return 1 + check(left) + check(right)


def main(max_depth):
    min_depth = 4
    stretch = max_depth + 1
    print(f"stretch tree of depth {stretch}\t check: {check(make_tree(stretch))}")
    long_lived = make_tree(max_depth)
    total = 0
    for depth in range(min_depth, max_depth + 1, 2):
        iterations = 2 ** (max_depth - depth + min_depth)
        checksum = 0
        for _ in range(iterations):
            checksum += check(make_tree(depth))
        total += checksum
        print(f"{iterations}\t trees of depth {depth}\t check: {checksum}")
    print(f"long lived tree of depth {max_depth}\t check: {check(long_lived)}")
    print("checksum", total)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 14)
