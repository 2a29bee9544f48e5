"""Fields typed from another instance's fields: ``self.config = root.config`` in an ``__init__``,
the other class defined further down (its own field inferred from its ``__init__``), through a
chain (``root.settings.limit``), an inherited field, and a parameter used directly."""
from abi import export


class Settings:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.name: str = "s" + str(limit)


class Child:
    def __init__(self, root: "Root", extra: int) -> None:
        self.settings = root.settings
        self.limit = root.settings.limit
        self.tags = root.tags
        self.label = root.label
        self.extra = extra
        self.inherited = root.base_value

    def total(self) -> int:
        return self.limit + self.settings.limit + len(self.tags) + len(self.label) + self.extra + self.inherited


class Base:
    def __init__(self) -> None:
        self.base_value = 7


class Root(Base):
    def __init__(self, limit: int) -> None:
        super().__init__()
        self.settings = Settings(limit)
        self.tags: list[str] = ["a", "b"]
        self.label = "root"


class Grandchild:
    def __init__(self, child: Child) -> None:
        self.label = child.label
        self.settings = child.settings


@export
def field_of_a_class_below(n: int) -> int:
    root = Root(n % 1000)
    child = Child(root, 3)
    root.tags.append("c")  # the same list: CPython shares it too
    return child.total() * 10 + len(child.tags)


@export
def shared_object(n: int) -> int:
    root = Root(n % 100)
    child = Child(root, 0)
    root.settings.limit = 5
    return child.settings.limit * 100 + child.limit


@export
def chain_of_instances(n: int) -> int:
    grandchild = Grandchild(Child(Root(n % 50), 1))
    return len(grandchild.label) * 1000 + grandchild.settings.limit + len(grandchild.settings.name)


class Limits:
    DEFAULT = 10
    NAME = "lim"

    def __init__(self) -> None:
        self.n = Limits.DEFAULT
        self.label = self.NAME


class Tighter(Limits):
    RATE = 0.5

    def __init__(self) -> None:
        super().__init__()
        self.rate = Tighter.RATE
        self.cap = Tighter.DEFAULT


@export
def fields_from_class_constants(a: int) -> int:
    """A field typed by the class constant __init__ assigns it (its class's, self's or a base's)."""
    limits = Limits()
    limits.n += a % 100
    tight = Tighter()
    return limits.n * 1000 + len(limits.label + tight.label) * 100 + int(tight.rate * 10) + tight.cap


class Route:
    def __init__(self, path: str) -> None:
        self.path = path


class Router:
    def __init__(self, prefix: str, limit: int) -> None:
        self.routes = []  # typed by the append below, as mypy infers it
        self.limits = {}
        self.seen = set()
        self.routes.append(Route(prefix))
        self.limits[prefix] = limit
        self.seen.add(prefix)

    def add(self, path: str) -> None:
        self.routes.append(Route(path))
        self.seen.add(path)


@export
def fields_from_empty_literals(a: int) -> int:
    """self.x = [] / {} / set() in __init__, typed by what __init__ then appends, stores or adds."""
    router = Router("/a", a % 100)
    router.add("/b" + str(a % 3))
    router.add("/a")
    text = repr([r.path for r in router.routes]) + repr(router.limits) + repr(sorted(router.seen))
    return len(text) * 1000 + sum(ord(c) for c in text) % 997
