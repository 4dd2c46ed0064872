"""Analysis library: pure functions over NumPy arrays, no Django import.

Callers pass seeded ``numpy.random.Generator`` objects, so every result can be reproduced.
Each function's docstring gives its formula and reference; tests pin the results to PySAL
(esda, pointpats) on the same data.
"""
