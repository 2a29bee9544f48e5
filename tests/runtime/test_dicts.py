"""compiler/runtime/dicts.py and dict_table.py under CPython (emulated memory), checked against
CPython's dict.

Edge cases, then model-based Hypothesis runs (the same random operations on a
Python dict and a runtime dict; results, exceptions, contents and insertion
order compared after every step, plus the layout's invariants), memory and probe
bounds, the GC's view of the entries, and the module compiled to wasm.
"""
from __future__ import annotations

import math
import textwrap
import types

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from abi.intrinsics import load_i64, load_u32
from compiler.runtime import dict_table, dicts
from compiler.runtime import memory
from compiler.runtime.list_cmp import data_equal
from compiler.runtime.lists import list_len
from compiler.runtime.memory import (ENTRY_KEY_POINTER, ENTRY_VALUE_POINTER, KIND_ENTRIES, KIND_POINTERS,
                                     KIND_RAW, alloc)
from containers import (BOOL, BYTES, EQ_DATA, EQ_FLOAT, EQ_INT, FLOAT, INT, KEY_BYTES, KEY_INT, KEY_STR, STR,
                        bits_float, check_dict_invariants, dict_footprint, dict_items, float_bits, is_freed,
                        list_item_kind, load_differential, make_bytes, make_dict, make_str, read_list,
                        reset_heap)

# The dict runtime's functions by name, whichever of its modules holds them.
D = types.SimpleNamespace(**{n: v for m in (dict_table, dicts) for n, v in vars(m).items() if not n.startswith("__")})

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def fresh_heap():
    reset_heap()
    yield


def outcome(fn, *args):
    try:
        return fn(*args), None
    except (KeyError, IndexError, ValueError, TypeError) as err:
        return None, type(err)


def get_value(d, key):
    """``d[key]`` the way the compiler does it: dict_find, then KeyError or the entry's value."""
    entry = D.dict_find(d, key)
    if entry < 0:
        raise KeyError(key)
    found = D.dict_entry_key(d, entry)  # the entry found holds an equal key
    assert found == key or (load_u32(d + 32) != KEY_INT and data_equal(found, key))
    return D.dict_entry_value(d, entry)


# -- basics -----------------------------------------------------------------------------------
@pytest.mark.parametrize("key_kind", [KEY_INT, KEY_STR, KEY_BYTES])
@pytest.mark.parametrize("value_pointer", [False, True])
def test_new_dict_layout(key_kind, value_pointer):
    d = D.dict_new(key_kind, value_pointer)
    assert load_u32(d + 4) & 255 == memory.KIND_DICT
    assert D.dict_len(d) == 0 and D.dict_next(d, -1) == -1 and D.dict_find(d, 5 if key_kind == 0 else make_str("")) == -1
    assert load_u32(d + 32) == key_kind
    kind_word = load_u32(d + 36)
    assert kind_word & 255 == KIND_ENTRIES
    assert bool(kind_word & ENTRY_KEY_POINTER) == (key_kind != KEY_INT)
    assert bool(kind_word & ENTRY_VALUE_POINTER) == value_pointer
    D.dict_set(d, 1 if key_kind == 0 else make_str("k"), 7)
    assert load_u32(load_u32(d + 16) + 4) == kind_word  # the entries block carries the kind word
    check_dict_invariants(d)
    keys, values = D.dict_keys_list(d), D.dict_values_list(d)
    assert list_item_kind(keys) == (KIND_RAW if key_kind == KEY_INT else KIND_POINTERS)
    assert list_item_kind(values) == (KIND_POINTERS if value_pointer else KIND_RAW)
    assert list_len(keys) == list_len(values) == 1


def test_unknown_key_kind_is_type_error():
    with pytest.raises(TypeError):
        D.dict_new(6, False)


def test_object_keys_compare_by_identity():
    """KEY_OBJECT (sema/class_keys.py): an object is its own key, traced by the GC; equal content is another key."""
    d = D.dict_new(D.KEY_OBJECT, False)
    a, b = make_str("k"), make_str("k")
    D.dict_set(d, a, 1)
    D.dict_set(d, b, 2)
    D.dict_set(d, a, 3)
    assert D.dict_len(d) == 2 and D.dict_find(d, a) == 0 and D.dict_find(d, b) == 1
    assert load_u32(d + 36) & ENTRY_KEY_POINTER
    check_dict_invariants(d)


def test_insertion_order_like_cpython():
    model, d = {}, D.dict_new(KEY_INT, False)
    script = [("set", 3, 1), ("set", 1, 2), ("set", 2, 3), ("set", 3, 4), ("del", 1), ("set", 1, 5),
              ("set", 2, 6), ("pop", 3), ("set", 3, 7), ("setdefault", 2, 8), ("setdefault", 9, 9)]
    for op, key, *value in script:
        if op == "set":
            model[key] = value[0]
            D.dict_set(d, key, value[0])
        elif op == "del":
            del model[key]
            D.dict_delete(d, key)
        elif op == "pop":
            assert D.dict_pop(d, key) == model.pop(key)
        else:
            assert D.dict_setdefault(d, key, value[0]) == model.setdefault(key, value[0])
        assert dict_items(d) == list(model.items())
    assert dict_items(d) == [(2, 6), (1, 5), (3, 7), (9, 9)]
    assert read_list(D.dict_keys_list(d)) == [2, 1, 3, 9]
    assert read_list(D.dict_values_list(d)) == [6, 5, 7, 9]


def test_missing_keys():
    d = make_dict({1: 10, -1: 20})
    for fn in (D.dict_delete, D.dict_pop):
        with pytest.raises(KeyError):
            fn(d, 2)
        with pytest.raises(KeyError):
            fn(D.dict_new(KEY_INT, False), 0)
    assert D.dict_pop_or(d, 2, 99) == 99 and D.dict_get_or(d, 2, 98) == 98
    assert D.dict_get_or(d, -1, 98) == 20 and D.dict_pop_or(d, -1, 99) == 20
    assert D.dict_find(d, -1) == -1 and dict_items(d) == [(1, 10)]
    with pytest.raises(KeyError):
        get_value(d, -1)


def test_extreme_and_colliding_int_keys():
    keys = [0, -1, -2, 1, INT64_MIN, INT64_MAX, 1 << 32, -(1 << 32), 1 << 63 >> 1]
    keys += [i << 20 for i in range(200)] + [i << 40 for i in range(-100, 100)]
    model = {}
    d = D.dict_new(KEY_INT, False)
    for i, k in enumerate(keys):
        model[k] = i
        D.dict_set(d, k, i)
    assert dict_items(d) == list(model.items())
    for k in keys:
        assert get_value(d, k) == model[k]
    assert D.dict_find(d, 12345) == -1
    check_dict_invariants(d)


def fnv1a64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & (2**64 - 1)
    h -= (h >> 63) << 64
    return -2 if h == -1 else h


@given(st.binary(max_size=40))
@SETTINGS
def test_data_hash_is_fnv1a64(data):
    reset_heap()
    assert D.hash_data(make_bytes(data)) == fnv1a64(data)


@given(st.integers(INT64_MIN, INT64_MAX))
@SETTINGS
def test_int_hash_is_an_int64_and_never_the_deleted_marker(key):
    h = D.hash_int(key)
    assert INT64_MIN <= h <= INT64_MAX and h != D.DELETED_HASH and h == D.hash_int(key)


def splitmix64_finaliser(key: int) -> int:
    z = key % (1 << 64)
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % (1 << 64)
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % (1 << 64)
    z ^= z >> 31
    z -= (z >> 63) << 64
    return -2 if z == -1 else z


INT_KEY_EDGES = [0, 1, -1, -2, 2, 255, 256, 0xFFFFFFFF, 1 << 32, -(1 << 32), 1 << 62, 3 << 62,
                 INT64_MAX, INT64_MIN, INT64_MIN + 1, INT64_MAX - 1]


@given(st.one_of(st.sampled_from(INT_KEY_EDGES), st.integers(INT64_MIN, INT64_MAX)))
@SETTINGS
def test_int_hash_is_splitmix64(key):
    assert D.hash_int(key) == splitmix64_finaliser(key)


def test_int_hash_spreads_keys_that_differ_only_in_high_bits():
    """The index uses the low bits: keys k << 40 must not share them."""
    low = {D.hash_int(k << 40) & 1023 for k in range(512)}
    assert len(low) > 300


def test_str_keys_compare_content():
    d = D.dict_new(KEY_STR, True)
    words = ["", "a", "b", "ab", "ba", "é", "🙂", "a" * 30, "a" * 29 + "b"]
    for w in words:
        D.dict_set(d, make_str(w), make_str(w.upper()))
    for w in words:  # fresh objects with the same content find the entries
        entry = D.dict_find(d, make_str(w))
        assert entry >= 0 and dict_items(d, STR, STR)[words.index(w)][0] == w
        assert get_value(d, make_str(w)) != 0
    D.dict_set(d, make_str("ab"), make_str("new"))
    assert D.dict_len(d) == len(words)
    assert dict_items(d, STR, STR)[3] == ("ab", "new")
    assert D.dict_find(d, make_str("abc")) == -1
    D.dict_delete(d, make_str("é"))
    assert [k for k, _ in dict_items(d, STR, STR)] == [w for w in words if w != "é"]
    assert read_list(D.dict_keys_list(d), STR) == [w for w in words if w != "é"]


def test_bytes_keys():
    d = make_dict({b"": 1, b"\x00": 2, b"\x00\x00": 3, b"\xff" * 9: 4}, BYTES, INT)
    assert dict_items(d, BYTES) == [(b"", 1), (b"\x00", 2), (b"\x00\x00", 3), (b"\xff" * 9, 4)]
    assert D.dict_get_or(d, make_bytes(b"\x00\x00"), 0) == 3 and D.dict_find(d, make_bytes(b"\x01")) == -1


def test_eq_is_order_insensitive_and_compares_values():
    a = make_dict({1: 10, 2: 20, 3: 30})
    b = make_dict({3: 30, 1: 10, 2: 20})
    assert D.dict_eq(a, b, EQ_INT) and D.dict_eq(b, a, EQ_INT)
    D.dict_set(b, 2, 21)
    assert not D.dict_eq(a, b, EQ_INT)
    D.dict_delete(b, 2)
    assert not D.dict_eq(a, b, EQ_INT) and not D.dict_eq(b, a, EQ_INT)
    D.dict_set(b, 4, 20)
    assert not D.dict_eq(a, b, EQ_INT)
    assert D.dict_eq(D.dict_new(KEY_INT, False), D.dict_new(KEY_INT, False), EQ_INT)


def test_eq_float_and_str_values():
    nan = math.nan
    a = make_dict({1: nan, 2: -0.0}, INT, FLOAT)
    b = make_dict({2: 0.0, 1: nan}, INT, FLOAT)
    with pytest.raises(ValueError):  # two nans: equal in CPython only if the same object
        D.dict_eq(a, b, EQ_FLOAT)
    assert not D.dict_eq(a, make_dict({1: 2.0, 2: 0.0}, INT, FLOAT), EQ_FLOAT)  # one nan: unequal
    c = make_dict({1: 1.5, 2: -0.0}, INT, FLOAT)
    e = make_dict({2: 0.0, 1: 1.5}, INT, FLOAT)
    assert D.dict_eq(c, e, EQ_FLOAT) and not D.dict_eq(c, e, EQ_INT)
    same = {1: nan}
    assert same == same and D.dict_eq(a, a, EQ_FLOAT)  # a dict equals itself, as in CPython
    s1 = make_dict({"k": "v", "x": ""}, STR, STR)
    s2 = make_dict({"x": "", "k": "v"}, STR, STR)
    assert D.dict_eq(s1, s2, EQ_DATA) and not D.dict_eq(s1, s2, EQ_INT)
    assert dict_items(make_dict({True: 1.0}, BOOL, FLOAT), BOOL, FLOAT) == [(True, 1.0)]
    assert bits_float(float_bits(-0.0)) == 0.0


def test_copy_update_clear():
    a = make_dict({1: 1, 2: 2, 3: 3})
    D.dict_delete(a, 2)
    b = D.dict_copy(a)
    check_dict_invariants(b)
    assert load_u32(b + 12) == 2  # compacted
    D.dict_set(b, 4, 4)
    D.dict_set(a, 1, 100)
    assert dict_items(a) == [(1, 100), (3, 3)] and dict_items(b) == [(1, 1), (3, 3), (4, 4)]
    D.dict_update(a, b)
    assert dict_items(a) == [(1, 1), (3, 3), (4, 4)]
    D.dict_update(a, a)
    D.dict_update(a, D.dict_new(KEY_INT, False))
    assert dict_items(a) == [(1, 1), (3, 3), (4, 4)]
    D.dict_clear(a)
    check_dict_invariants(a)
    assert D.dict_len(a) == 0 and dict_items(a) == [] and dict_footprint(a) == 0
    D.dict_set(a, 5, 5)
    assert dict_items(a) == [(5, 5)] and dict_items(b) == [(1, 1), (3, 3), (4, 4)]
    empty = D.dict_copy(D.dict_new(KEY_STR, True))
    assert load_u32(empty + 36) == KIND_ENTRIES | ENTRY_KEY_POINTER | ENTRY_VALUE_POINTER
    assert D.dict_len(empty) == 0


def test_next_skips_deleted_entries():
    d = make_dict({i: i for i in range(10)})
    for k in (0, 1, 4, 5, 9):
        D.dict_delete(d, k)
    entries = []
    entry = D.dict_next(d, -1)
    while entry >= 0:
        entries.append(entry)
        entry = D.dict_next(d, entry)
    assert [D.dict_entry_key(d, e) for e in entries] == [2, 3, 6, 7, 8]
    assert D.dict_next(d, 8) == -1 and D.dict_next(d, 100) == -1


# -- model-based runs ----------------------------------------------------------------------------
KEY = st.integers(-6, 6) | st.sampled_from([INT64_MIN, INT64_MAX, 1 << 32])
VALUE = st.integers(-3, 3) | st.sampled_from([INT64_MIN, INT64_MAX])
INT_OPS = st.one_of(
    st.tuples(st.just("set"), KEY, VALUE),
    st.tuples(st.just("set"), KEY, VALUE),
    st.tuples(st.just("get"), KEY),
    st.tuples(st.just("get_or"), KEY, VALUE),
    st.tuples(st.just("delete"), KEY),
    st.tuples(st.just("pop"), KEY),
    st.tuples(st.just("pop_or"), KEY, VALUE),
    st.tuples(st.just("setdefault"), KEY, VALUE),
    st.tuples(st.just("clear")),
    st.tuples(st.just("copy"), st.booleans()),
    st.tuples(st.just("update"), st.dictionaries(KEY, VALUE, max_size=6)),
    st.tuples(st.just("update_self")),
    st.tuples(st.just("eq"), st.dictionaries(KEY, VALUE, max_size=6)),
    st.tuples(st.just("eq_copy"), KEY, VALUE),
    st.tuples(st.just("lists")),
    st.tuples(st.just("many"), st.integers(0, 60), st.integers(0, 60)),
)


def run_dict_op(op, model: dict, d: int):
    name, *args = op
    if name == "set":
        expected, actual = outcome(model.__setitem__, *args), outcome(D.dict_set, d, *args)
    elif name == "get":
        expected, actual = outcome(model.__getitem__, args[0]), outcome(get_value, d, args[0])
    elif name == "get_or":
        expected, actual = outcome(model.get, *args), outcome(D.dict_get_or, d, *args)
    elif name == "delete":
        expected, actual = outcome(model.__delitem__, args[0]), outcome(D.dict_delete, d, args[0])
    elif name == "pop":
        expected, actual = outcome(model.pop, args[0]), outcome(D.dict_pop, d, args[0])
    elif name == "pop_or":
        expected, actual = outcome(model.pop, *args), outcome(D.dict_pop_or, d, *args)
    elif name == "setdefault":
        expected, actual = outcome(model.setdefault, *args), outcome(D.dict_setdefault, d, *args)
    elif name == "clear":
        expected, actual = outcome(model.clear), outcome(D.dict_clear, d)
    elif name == "copy":
        copy = D.dict_copy(d)
        check_dict_invariants(copy)
        assert dict_items(copy) == list(model.items())
        D.dict_set(copy, 1000, 1)  # independent of the original
        assert D.dict_find(d, 1000) == -1
        if args[0]:
            D.dict_delete(copy, 1000)
            return dict(model), copy
        return model, d
    elif name == "update":
        expected, actual = outcome(model.update, args[0]), outcome(D.dict_update, d, make_dict(args[0]))
    elif name == "update_self":
        expected, actual = outcome(model.update, model), outcome(D.dict_update, d, d)
    elif name == "eq":
        expected, actual = (model == args[0], None), outcome(D.dict_eq, d, make_dict(args[0]), EQ_INT)
    elif name == "eq_copy":  # a dict with the same items in another order, then one changed
        other = dict(reversed(list(model.items())))
        assert D.dict_eq(d, make_dict(other), EQ_INT) and D.dict_eq(make_dict(other), d, EQ_INT)
        other[args[0]] = args[1]
        expected, actual = (model == other, None), outcome(D.dict_eq, make_dict(other), d, EQ_INT)
    elif name == "lists":
        expected = (list(model), list(model.values()))
        actual = (read_list(D.dict_keys_list(d)), read_list(D.dict_values_list(d)))
    else:  # many inserts, then many deletes: grows, rebuilds and shrinks
        inserts, deletes = args
        for i in range(inserts):
            model[100 + i] = i
            D.dict_set(d, 100 + i, i)
        for i in range(deletes):
            expected, actual = outcome(model.pop, 100 + i), outcome(D.dict_pop, d, 100 + i)
            assert actual == expected
        return model, d
    assert actual == expected, op
    return model, d


@given(st.dictionaries(KEY, VALUE, max_size=8), st.lists(INT_OPS, max_size=40))
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_model_int_dicts(initial, ops):
    reset_heap()
    model, d = dict(initial), make_dict(initial)
    for op in ops:
        model, d = run_dict_op(op, model, d)
        assert D.dict_len(d) == len(model)
        assert dict_items(d) == list(model.items()), op
        check_dict_invariants(d)


WORD = st.sampled_from(["", "a", "b", "ab", "ba", "é", "a" * 9, "🙂"])
STR_OPS = st.one_of(
    st.tuples(st.just("set"), WORD, WORD),
    st.tuples(st.just("get"), WORD),
    st.tuples(st.just("delete"), WORD),
    st.tuples(st.just("pop_or"), WORD, WORD),
    st.tuples(st.just("setdefault"), WORD, WORD),
    st.tuples(st.just("eq"), st.dictionaries(WORD, WORD, max_size=4)),
    st.tuples(st.just("update"), st.dictionaries(WORD, WORD, max_size=4)),
    st.tuples(st.just("copy")),
)


@given(st.dictionaries(WORD, WORD, max_size=5), st.lists(STR_OPS, max_size=30), st.sampled_from([STR, BYTES]))
@SETTINGS
def test_model_str_and_bytes_dicts(initial, ops, codec):
    reset_heap()
    conv = (lambda w: w) if codec is STR else (lambda w: w.encode())
    model = {conv(k): conv(v) for k, v in initial.items()}
    d = make_dict(model, codec, codec)

    def enc(w):
        return codec.encode(conv(w))

    for op in ops:
        name, *args = op
        if name == "set":
            expected = outcome(model.__setitem__, conv(args[0]), conv(args[1]))
            actual = outcome(D.dict_set, d, enc(args[0]), enc(args[1]))
        elif name == "get":
            expected = outcome(model.__getitem__, conv(args[0]))
            actual = outcome(get_value, d, enc(args[0]))
            actual = (codec.decode(actual[0]), None) if actual[1] is None else actual
        elif name == "delete":
            expected, actual = outcome(model.__delitem__, conv(args[0])), outcome(D.dict_delete, d, enc(args[0]))
        elif name in ("pop_or", "setdefault"):
            method = model.pop if name == "pop_or" else model.setdefault
            expected = outcome(method, conv(args[0]), conv(args[1]))
            actual = outcome(getattr(D, "dict_" + name), d, enc(args[0]), enc(args[1]))
            actual = (codec.decode(actual[0]), actual[1])
        elif name == "eq":
            other = {conv(k): conv(v) for k, v in args[0].items()}
            expected, actual = (model == other, None), outcome(D.dict_eq, d, make_dict(other, codec, codec), EQ_DATA)
        elif name == "update":
            other = {conv(k): conv(v) for k, v in args[0].items()}
            expected, actual = outcome(model.update, other), outcome(D.dict_update, d, make_dict(other, codec, codec))
        else:
            d = D.dict_copy(d)
            expected = actual = None
        assert actual == expected, op
        assert dict_items(d, codec, codec) == list(model.items()), op
        assert read_list(D.dict_keys_list(d), codec) == list(model)
        check_dict_invariants(d)


# -- growth: O(1) probes, memory proportional to live entries ------------------------------------------
def test_memory_stays_proportional_to_live_entries():
    d = D.dict_new(KEY_INT, False)
    live = {}
    peak = 0
    for step in range(6000):  # a sliding window of 50 keys over 6000 insertions
        D.dict_set(d, step * 7, step)
        live[step * 7] = step
        if step >= 50:
            D.dict_delete(d, (step - 50) * 7)
            del live[(step - 50) * 7]
        peak = max(peak, dict_footprint(d))
    assert dict_items(d) == list(live.items())
    assert peak <= 150 * 50 + 512, peak
    for k in range(6000, 10000):  # grow big, then delete nearly all
        D.dict_set(d, k, k)
    big = dict_footprint(d)
    assert big >= 24 * 4000
    for k in range(6000, 9990):
        D.dict_delete(d, k)
        # at worst 8 entries of capacity (24 bytes) and 12 index slots (4 bytes) per live entry
        assert dict_footprint(d) <= 240 * D.dict_len(d) + 512
    check_dict_invariants(d)
    assert dict_footprint(d) < big // 10
    for k in list(live):
        D.dict_delete(d, k)
    for k in range(9990, 10000):
        D.dict_pop(d, k)
    assert D.dict_len(d) == 0 and dict_footprint(d) <= (8 + 5 * 24) + (8 + 8 * 4)  # the smallest table


def test_live_heap_proportional_under_churn_with_collection(monkeypatch):
    """With the dict as the only root, what survives a collection follows the live entries."""
    d = D.dict_new(KEY_STR, True)
    monkeypatch.setattr(memory, "mark_roots", lambda: memory.mark(d))
    for round_ in range(30):
        for i in range(200):
            D.dict_set(d, make_str(f"key{round_}-{i}"), make_str("v" * (i % 7)))
        for i in range(200):
            if i % 10:
                D.dict_delete(d, make_str(f"key{round_}-{i}"))
        memory.collect()
        live = D.dict_len(d)
        assert live == 20 * (round_ + 1)
        # key (32) + value (24) + 8 entries' worth of capacity and index per live entry, at worst
        assert memory.live_after_collect <= (32 + 24 + 240) * live + 1024, (round_, memory.live_after_collect)
    check_dict_invariants(d)
    assert dict_items(d, STR, STR)[-1] == ("key29-190", "v" * (190 % 7))


def count_index_loads(monkeypatch, d, keys):
    """Average index-slot reads per lookup."""
    calls = [0]
    real = dict_table.load_u32  # the index is read in dict_table.py
    index = load_u32(d + 20) + 8
    size = load_u32(d + 28)

    def counting(addr):
        if index <= addr < index + 4 * size:
            calls[0] += 1
        return real(addr)

    monkeypatch.setattr(dict_table, "load_u32", counting)
    for k in keys:
        D.dict_find(d, k)
    monkeypatch.setattr(dict_table, "load_u32", real)
    return calls[0] / len(keys)


@pytest.mark.parametrize("pattern", ["sequential", "shifted", "high", "negative"])
def test_lookups_probe_few_slots(monkeypatch, pattern):
    n = 3000
    keys = {"sequential": range(n), "shifted": (i << 20 for i in range(n)),
            "high": (i << 44 for i in range(n)), "negative": (-i * 4096 for i in range(n))}[pattern]
    keys = list(keys)
    d = D.dict_new(KEY_INT, False)
    for k in keys:
        D.dict_set(d, k, 1)
    assert count_index_loads(monkeypatch, d, keys) < 3
    assert count_index_loads(monkeypatch, d, [k + 1 for k in keys[:500]] if pattern != "sequential"
                             else list(range(n, n + 500))) < 4


def test_str_lookups_probe_few_slots(monkeypatch):
    d = D.dict_new(KEY_STR, False)
    keys = [make_str(f"/api/v1/item/{i}") for i in range(1500)]
    for k in keys:
        D.dict_set(d, k, 1)
    assert count_index_loads(monkeypatch, d, keys) < 3


# -- the GC traces live entries only ---------------------------------------------------------------
def test_gc_keeps_live_entries_and_frees_deleted_ones(monkeypatch):
    d = D.dict_new(KEY_STR, True)
    keys = [make_str(f"k{i}") for i in range(20)]
    values = [make_str(f"value-{i}") for i in range(20)]
    for k, v in zip(keys, values):
        D.dict_set(d, k, v)
    for i in range(0, 20, 3):
        D.dict_delete(d, make_str(f"k{i}"))
    probe = make_str("k4")
    assert D.dict_pop(d, probe) == values[4]
    monkeypatch.setattr(memory, "mark_roots", lambda: memory.mark(d))
    memory.collect()
    gone = [i for i in range(20) if i % 3 == 0 or i == 4]
    assert all(is_freed(keys[i]) and is_freed(values[i]) for i in gone)
    assert not any(is_freed(keys[i]) or is_freed(values[i]) for i in range(20) if i not in gone)
    for _ in range(100):  # reuse the freed blocks
        make_str("zzzzzz")
        alloc(24, KIND_RAW)
    expected = [(f"k{i}", f"value-{i}") for i in range(20) if i not in gone]
    assert dict_items(d, STR, STR) == expected
    old_entries, old_index = load_u32(d + 16), load_u32(d + 20)
    D.dict_clear(d)
    memory.collect()
    assert is_freed(old_entries) and is_freed(old_index) and all(is_freed(k) for k in keys)


def test_gc_int_dict_values_are_not_traced(monkeypatch):
    d = D.dict_new(KEY_INT, False)
    obj = make_str("not referenced as an object")
    D.dict_set(d, obj, obj)  # an int that happens to equal an address
    monkeypatch.setattr(memory, "mark_roots", lambda: memory.mark(d))
    memory.collect()
    assert is_freed(obj) and D.dict_get_or(d, obj, 0) == obj


# -- compiled to wasm: the same results as under CPython --------------------------------------------
PROGRAM = textwrap.dedent('''
    from abi import export
    from abi.intrinsics import store_u8, store_u32
    from compiler.runtime.dict_table import hash_data, hash_int
    from compiler.runtime.dicts import (dict_new, dict_set, dict_get_or, dict_delete, dict_pop, dict_len,
                                        dict_next, dict_entry_key, dict_entry_value, dict_find, dict_copy,
                                        dict_eq, dict_update, dict_setdefault, dict_pop_or)
    from compiler.runtime.memory import KIND_STR, alloc

    seed = 1


    def rand(n: int) -> int:
        global seed
        seed = (seed * 1103515245 + 12345) % 2147483648
        return seed % n


    def text(n: int) -> int:
        """A str of n bytes: the decimal digits of n, repeated."""
        s = alloc(8 + max(n, 1), KIND_STR)
        store_u32(s + 8, n)
        store_u32(s + 12, n)
        for i in range(n):
            store_u8(s + 16 + i, 48 + (n + i * 7) % 10)
        return s


    def digest(d: int) -> int:
        h = dict_len(d)
        entry = dict_next(d, -1)
        while entry >= 0:
            h = (h * 31 + dict_entry_key(d, entry) % 1000003 + dict_entry_value(d, entry)) % 1000000007
            entry = dict_next(d, entry)
        return h


    @export
    def int_churn(s: int, n: int, span: int) -> int:
        global seed
        seed = s
        d = dict_new(0, False)
        for i in range(n):
            k = rand(span) * 1048576 - span
            op = rand(6)
            if op < 3:
                dict_set(d, k, i)
            elif op == 3:
                dict_pop_or(d, k, 0)
            elif op == 4:
                dict_setdefault(d, k, -i)
            elif dict_find(d, k) >= 0:
                dict_delete(d, k)
        other = dict_copy(d)
        dict_set(other, 1, 1)
        same = 1 if dict_eq(d, dict_copy(d), 0) else 0
        return digest(d) * 4 + same * 2 + (1 if dict_eq(d, other, 0) else 0)


    @export
    def str_churn(s: int, n: int) -> int:
        global seed
        seed = s
        d = dict_new(1, False)
        for i in range(n):
            k = text(rand(40))
            if rand(3) == 0:
                dict_pop_or(d, k, 0)
            else:
                dict_set(d, k, i)
        h = 0
        entry = dict_next(d, -1)
        while entry >= 0:
            h = (h * 131 + hash_data(dict_entry_key(d, entry)) % 1000003 + dict_entry_value(d, entry)) % 1000000007
            entry = dict_next(d, entry)
        e = dict_new(1, False)
        dict_update(e, d)
        return h * 2 + (1 if dict_eq(d, e, 0) else 0)


    @export
    def hashes(k: int, n: int) -> int:
        return hash_int(k) % 1000000007 * 1000 + hash_data(text(n)) % 1000


    @export
    def pop_missing() -> int:
        return dict_pop(dict_new(0, False), 5)


    @export
    def delete_missing() -> int:
        d = dict_new(1, False)
        dict_set(d, text(3), 1)
        dict_delete(d, text(4))
        return 0
''')


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    path = tmp_path_factory.mktemp("dicts_wasm") / "dicts_program.py"
    path.write_text(PROGRAM)
    return path, load_differential()


def test_compiled_dicts_match_cpython(program):
    path, diff = program
    compiled = diff.compiled(path)
    cases = [("int_churn", (s, n, span)) for s in (1, 2, 3) for n in (0, 10, 400) for span in (5, 300)]
    cases += [("str_churn", (s, n)) for s in (1, 2) for n in (0, 30, 200)]
    cases += [("hashes", (k, n)) for k in (0, -1, INT64_MIN, INT64_MAX, 1 << 40) for n in (0, 1, 17, 64)]
    cases += [("pop_missing", ()), ("delete_missing", ())]
    for name, args in cases:
        reset_heap()
        expected = diff.run_python(path, name, *args)
        assert compiled.call(name, *args) == expected, (name, args)
    assert compiled.call("pop_missing").error == "KeyError"
    assert compiled.call("delete_missing").error == "KeyError"
    assert compiled.call("int_churn", 1, 400, 300).value % 4 == 2  # copies are equal, a changed one is not
    assert compiled.call("str_churn", 1, 200).value % 2 == 1


def count_rebuilds(monkeypatch):
    calls = []
    real = D.rebuild_into
    monkeypatch.setattr(D, "rebuild_into", lambda dst, src, size: (calls.append(size), real(dst, src, size))[1])
    return calls


@pytest.mark.parametrize("n", [1, 5, 40, 300])
def test_rebuilds_are_amortised(monkeypatch, n):
    d = make_dict({k: k for k in range(n)})
    rebuilds = count_rebuilds(monkeypatch)
    for k in range(n, n + 3000):  # sliding window: delete the oldest, insert a new key
        D.dict_delete(d, k - n)
        D.dict_set(d, k, k)
    assert len(rebuilds) <= 3000 // max(n, 1) + 2
    del rebuilds[:]
    for k in range(n + 3000 - n // 2 - 1, n + 3000):  # shrink, then hover around the threshold
        D.dict_delete(d, k)
    for i in range(3000):
        D.dict_set(d, -1, i)
        D.dict_delete(d, -1)
        D.dict_set(d, -2 - i, i)
        D.dict_delete(d, -2 - i)
    assert len(rebuilds) <= 6000 // max(n // 2, 1) + 3, len(rebuilds)
    check_dict_invariants(d)


@pytest.mark.parametrize("key", [0, -5, INT64_MIN, "k", "it's", "\x00é", b"k", b"'\xff"])
def test_missing_key_messages(key):
    """KeyError's str() is CPython's (dicts.key_repr: the repr of the key, of any type); under
    CPython, which runs this module here, the KeyError's argument is that text."""
    kind = KEY_INT if isinstance(key, int) else KEY_STR if isinstance(key, str) else KEY_BYTES
    d = D.dict_new(kind, False)
    slot = key if kind == KEY_INT else make_str(key) if kind == KEY_STR else make_bytes(key)
    text = repr(key)
    for fn in (D.dict_get, D.dict_pop, D.dict_delete):
        with pytest.raises(KeyError) as raised:
            fn(d, slot)
        assert raised.value.args == (text,)
    with pytest.raises(KeyError) as cpython:
        {}[key]
    assert D.key_repr(d, slot) == str(cpython.value)
