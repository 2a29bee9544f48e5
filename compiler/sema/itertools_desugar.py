"""``chain``, ``chain.from_iterable`` and ``product`` as the generator expressions they equal
(sema/itertools_calls.py accepts them where generators are consumed at once).

``chain(a, b)`` is ``(x for s in [a, b] for x in s)``: its arguments are evaluated when it is
made, as the generator's first iterable is, and each list is walked by index while the loop runs,
as CPython's list iterators are (appends are seen). ``product(a, b, repeat=n)`` copies each pool
first, as CPython's ``tuple(pool)``: ``((x, y) for p, q in [(list(a), list(b))] for x in p for y in q)``.
"""
from __future__ import annotations

import ast as py_ast


class DesugaredItertools:
    def desugar_chain(self, call):
        self.itertools_arguments(call, "chain", 0, ())
        if not call.args:
            raise self.fail(call, "itertools.chain() of nothing is empty", "leave the loop out")
        for arg in call.args:
            if isinstance(arg, py_ast.GeneratorExp) or self.itertools_name(arg) is not None \
                    or (isinstance(arg, py_ast.Call) and isinstance(arg.func, py_ast.Name) and arg.func.id == "range"):
                raise self.fail(arg, "itertools.chain() takes lists, str or bytes of one type here",
                                "chain lists: write list(...) around this one, or loop over each in turn")
        pools = _at(py_ast.List(elts=list(call.args), ctx=py_ast.Load()), call)
        return _nested(call, pools, self.fresh_hidden())

    def desugar_chain_from_iterable(self, call):
        self.itertools_arguments(call, "chain.from_iterable", 1, ())
        return _nested(call, call.args[0], self.fresh_hidden())

    def desugar_product(self, call):
        for keyword in call.keywords:
            if keyword.arg != "repeat":
                raise self.fail(keyword, f"itertools.product() has no keyword argument '{keyword.arg}'",
                                "pass the iterables by position, and repeat= by name")
        repeat = next((k.value for k in call.keywords if k.arg == "repeat"), None)
        times = 1
        if repeat is not None:
            if not (isinstance(repeat, py_ast.Constant) and type(repeat.value) is int and repeat.value >= 1):
                raise self.fail(repeat, "product()'s repeat= must be a positive int constant here",
                                "the length of its tuples is part of their type")
            times = repeat.value
        if not call.args:
            raise self.fail(call, "itertools.product() takes at least one iterable here",
                            "product() of nothing is one empty tuple: write [()]")
        n = self.fresh_hidden()
        pool_names = [f"__pool{n}_{i}" for i in range(len(call.args))]
        copies = [_at(py_ast.Call(func=_at(py_ast.Name(id="list", ctx=py_ast.Load()), a), args=[a], keywords=[]), a)
                  for a in call.args]
        pools = _at(py_ast.Tuple(elts=copies, ctx=py_ast.Load()), call)
        pools_target = _at(py_ast.Tuple(elts=[_name(p, call, py_ast.Store()) for p in pool_names],
                                        ctx=py_ast.Store()), call)
        clauses = [_clause(pools_target, _at(py_ast.List(elts=[pools], ctx=py_ast.Load()), call))]
        items = []
        for r in range(times):
            for i, pool in enumerate(pool_names):
                item = f"__item{n}_{r}_{i}"
                items.append(item)
                clauses.append(_clause(_name(item, call, py_ast.Store()), _name(pool, call)))
        elt = _at(py_ast.Tuple(elts=[_name(i, call) for i in items], ctx=py_ast.Load()), call)
        return _at(py_ast.GeneratorExp(elt=elt, generators=clauses), call)


def _nested(call, pools, n: int) -> py_ast.GeneratorExp:
    """``(x for s in pools for x in s)``."""
    pool, item = f"__pool{n}", f"__item{n}"
    clauses = [_clause(_name(pool, call, py_ast.Store()), pools),
               _clause(_name(item, call, py_ast.Store()), _name(pool, call))]
    return _at(py_ast.GeneratorExp(elt=_name(item, call), generators=clauses), call)


def _clause(target, iterable) -> py_ast.comprehension:
    return py_ast.comprehension(target=target, iter=iterable, ifs=[], is_async=0)



def _name(name: str, where, ctx=None) -> py_ast.Name:
    return _at(py_ast.Name(id=name, ctx=ctx or py_ast.Load()), where)


def _at(node, where):
    return py_ast.copy_location(node, where)
