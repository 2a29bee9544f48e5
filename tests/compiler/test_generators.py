"""Generator expressions the compiler refuses, because CPython's order could not be kept or the
result would differ (docs/language.md "Generator expressions"): one program, one compile, each
refusal located at its line and column. What is accepted is compared with CPython in
programs/generators.py."""
import textwrap

import pytest

from compiler import CompileError, compile_file

SOURCE = textwrap.dedent('''\
    from typing import Iterator
    from abi import export


    def noisy(v: int) -> int:
        return v


    def kept(xs: list[int]) -> int:
        g = (x for x in xs)
        return 0


    def keyed(xs: list[int]) -> int:
        return max((noisy(x) for x in xs), key=lambda v: -v)


    def float_sum(xs: list[float]) -> float:
        return sum(x for x in xs)


    def late_start(xs: list[int]) -> int:
        return sum((x for x in xs[1:]), noisy(1))


    def late_default(xs: list[int]) -> int:
        return min((x for x in xs), default=noisy(1))


    def zipped(xs: list[int]) -> int:
        for a, b in zip(xs, (x for x in xs if x)):
            return a
        return 0


    def strings(xs: list[str]) -> int:
        return sum(x for x in xs)


    def generator_function() -> Iterator[int]:
        yield 1


    def kept_generator() -> int:
        return len(tuple(generator_function()))


    class Sink:
        def extend(self, xs: list[int]) -> None:
            pass


    def own_method(s: Sink) -> None:
        s.extend(x for x in [1])


    @export
    def main() -> int:
        return 0
''')

EXPECTED = [
    ("10:9", "a generator expression is supported as the argument of any(), all(), sum()"),
    ("15:17", "max() with key= calls the key between the items of a generator"),
    ("19:12", "sum() of floats starts from the int 0"),
    ("23:37", "with a generator expression, the start of sum() must be a constant or a variable here"),
    ("27:41", "with a generator expression, the default of min() must be a constant or a variable here"),
    ("31:25", "zip() pulls its second iterable only while the first has items"),
    ("37:16", "sum() adds int, bool or float items here, not str"),
    ("45:22", "a generator is supported only where it is consumed at once"),
    ("54:13", "a generator expression is supported as the argument of any(), all(), sum()"),
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("generators") / "refused.py"
    path.write_text(SOURCE)
    with pytest.raises(CompileError) as err:
        compile_file(path)
    return str(err.value)


@pytest.mark.parametrize("where,message", EXPECTED)
def test_refused_with_location(rendered, where, message):
    assert f"refused.py:{where}: error: {message}" in rendered


def test_nothing_else_refused(rendered):
    assert rendered.count(": error: ") == len(EXPECTED)
