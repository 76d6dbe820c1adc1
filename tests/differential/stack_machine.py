# A tiny stack-machine interpreter written in Python.
def run(program):
    stack, pc, out = [], 0, []
    labels = {}
    for i, (op, *args) in enumerate(program):
        if op == "label":
            labels[args[0]] = i
    while pc < len(program):
        op, *args = program[pc]
        pc += 1
        if op == "push":
            stack.append(args[0])
        elif op == "add":
            b, a = stack.pop(), stack.pop()
            stack.append(a + b)
        elif op == "mul":
            b, a = stack.pop(), stack.pop()
            stack.append(a * b)
        elif op == "dup":
            stack.append(stack[-1])
        elif op == "print":
            out.append(stack[-1])
        elif op == "jnz":
            if stack.pop() != 0:
                pc = labels[args[0]]
        elif op == "dec":
            stack.append(stack.pop() - 1)
        elif op == "swap":
            stack[-1], stack[-2] = stack[-2], stack[-1]
    return out, stack
prog = [("push", 1), ("push", 10), ("label", "loop"), ("swap",), ("push", 2), ("mul",),
        ("print",), ("swap",), ("dec",), ("dup",), ("jnz", "loop")]
print(run(prog))
