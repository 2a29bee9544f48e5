"""The runtime library, written in the subset itself and compiled into programs.

These modules are ordinary source for the compiler (only what a program
reaches is emitted); under CPython they are never used. They work on raw
memory through ``abi.intrinsics``; the compiler calls them for allocation,
garbage collection and the operations of str, bytes, list and dict.
"""
