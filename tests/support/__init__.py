"""Code the tests and the benchmarks share and the product never runs (not in the wheel).

The tests import it as `support.…` (their folder is on sys.path, see tests/conftest.py), the
benchmarks as `tests.support.…` (they run from the repository root, `python -m benchmarks`).
Modules here reach one another by relative imports so that both names work.
"""
