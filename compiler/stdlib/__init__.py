"""The standard library of compiled filters: one module per CPython module, in the subset.

``from base64 import b64encode`` resolves here (frontend/load.py); see docs/stdlib.md.
"""
