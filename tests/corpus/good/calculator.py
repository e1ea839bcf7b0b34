import ast
import operator

OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}


def calc(expr):
    tree = ast.parse(expr, mode="eval")
    return ast.literal_eval(expr) if isinstance(tree.body, ast.Constant) else eval(
        compile(tree, "<expr>", "eval"), {"__builtins__": {}})


print(calc("2 + 3 * 4"))
