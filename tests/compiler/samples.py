"""Value samples shared by the property tests and the program fuzzer.

``texts`` mixes ASCII with the characters where str operations go wrong (case
mappings that change length, final sigma, every kind of whitespace, Unicode
digits, emoji, combining marks); ``int64s`` is biased to int64's edges; the
format specs are the ones the compiler supports and gets right today.
"""
from hypothesis import strategies as st

from differential import INT64_MAX, INT64_MIN

WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2003\u2028\u202f\u3000"
DIGITS = "0123456789\u0663\uff15\u00b2"  # Arabic-Indic 3, fullwidth 5, superscript 2 (isdigit, not int)
LETTERS = "aAbBzZéÉßẞΣσςİıǅﬁŉ"  # case mappings that change length or depend on context
OTHER = "\u0301\u200b😀🇫🇷-_.,:|+"  # combining acute, zero-width space, emoji (flag = 2 code points)
ALPHABET = WHITESPACE + DIGITS + LETTERS + OTHER
texts = st.one_of(
    st.text(alphabet=ALPHABET, max_size=8),
    st.sampled_from(["", " ", "a", "ab", "abc", "Σ", "ΑΣ ΟΔΟΣ", "straße", "e\u0301", "1_000", " 42 ", "-7",
                     "+0", "a,b,,c", "x  y\tz", "😀😀", "İstanbul", "ﬁne"]),
)
STR_SPECS = ["", ">5", "<4", "^7", "*>6", "-^5", "é<3", "s", "10"]
# No sign ('+d', ' d') and no '=' alignment with another fill: known bugs, see test_found_bugs.py.
INT_SPECS = ["", "5", ">6", "<4", "^5", "05", "-d", "x", "X", "o", "b", "_<7", "08b", "0=5"]

INT64_EDGES = [0, 1, -1, 2, -2, 3, 7, -7, 63, 64, 65, -64, 2**31, -2**31, 2**32, 3037000500,
               -3037000500, 2**62, -2**62, INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1]
int64s = st.one_of(st.sampled_from(INT64_EDGES), st.integers(-100, 100), st.integers(INT64_MIN, INT64_MAX))
