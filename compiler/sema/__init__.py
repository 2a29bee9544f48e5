"""Semantic analysis: declarations, name resolution and type checking."""
