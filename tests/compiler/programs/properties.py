"""@property with a setter (issue 14): reads call the getter and assignments the setter, on the
object's runtime class (a subclass overrides them); the setter may validate and raise."""
from abi import export


class Temperature:
    def __init__(self, celsius: int) -> None:
        self._celsius = celsius
        self.writes = 0

    @property
    def celsius(self) -> int:
        return self._celsius

    @celsius.setter
    def celsius(self, value: int) -> None:
        if value < -273:
            raise ValueError(f"below absolute zero: {value}")
        self.writes += 1
        self._celsius = value

    @property
    def label(self) -> str:
        return f"{self._celsius}°C"


class Offset(Temperature):
    @property
    def celsius(self) -> int:
        return self._celsius + 100

    @celsius.setter
    def celsius(self, value: int) -> None:
        self.writes += 10
        self._celsius = value - 1


def read(t: Temperature) -> int:
    return t.celsius


@export
def properties(n: int) -> int:
    t = Temperature(n % 50)
    t.celsius = t.celsius * 2
    o = Offset(1)
    o.celsius = 5
    text = t.label + o.label
    return read(t) * 1000000 + read(o) * 1000 + t.writes * 10 + o.writes + len(text)


@export
def setter_raises(n: int) -> int:
    t = Temperature(0)
    try:
        t.celsius = -(n % 600)
        return t.celsius
    except ValueError as err:
        return -len(str(err))
