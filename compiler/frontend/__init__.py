"""Front end: source files -> parsed modules with their imports resolved."""
