"""f-string format specs: parsed at compile time into the pieces lowering needs.

Supported: ``[[fill]align][sign][0][width][.precision][type]`` with align in
``< > ^ =``, sign ``+``/``-``/`` ``, type ``d x X o b`` (int), ``s`` (str),
``f`` (float, int), no type for any of them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..program import BOOL, FLOAT, INT, STR, Type

_SPEC = re.compile(r"^(?:(?P<fill>.)?(?P<align>[<>^=]))?(?P<sign>[+\- ])?(?P<zero>0)?(?P<width>\d+)?"
                   r"(?:\.(?P<precision>\d+))?(?P<type>[dxXobfs])?$", re.S)


@dataclass(frozen=True)
class Spec:
    fill: str = " "
    align: str = ""  # '', '<', '>', '^', '='
    sign: str = "-"
    width: int = 0
    precision: int = -1
    type: str = ""


def parse_spec(text: str, ty: Type) -> Spec | str:
    """A ``Spec``, or an error message."""
    match = _SPEC.match(text)
    if match is None:
        return f"unsupported format spec '{text}'"
    g = match.groupdict()
    fill, align = g["fill"] or " ", g["align"] or ""
    if g["zero"] and not align:
        fill, align = "0", "="
    kind = g["type"] or ""
    spec = Spec(fill, align, g["sign"] or "-", int(g["width"] or 0),
                int(g["precision"]) if g["precision"] is not None else -1, kind)
    return _validate(spec, ty, text)


def _validate(spec: Spec, ty: Type, text: str) -> Spec | str:
    if ty == STR:
        if spec.type not in ("", "s") or spec.sign != "-" or spec.align == "=" or spec.precision >= 0:
            return f"format spec '{text}' does not apply to str"
    elif ty in (INT, BOOL):
        if ty == BOOL and text:
            return "format a bool with {flag} only (its text is True/False)"
        if spec.type in ("s",) or (spec.precision >= 0 and spec.type != "f"):
            return f"format spec '{text}' does not apply to int"
    elif ty == FLOAT:
        if spec.type not in ("", "f") or (spec.type == "" and text):
            return "floats support only the '.Nf' format in this version"
    else:
        return f"{ty} values cannot be formatted in an f-string"
    return spec
