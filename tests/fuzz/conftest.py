"""The fuzz targets are programs (atheris), not test modules: pytest does not import them
(``--doctest-modules`` would); ``tests/adversarial/test_fuzz.py`` runs them briefly."""

collect_ignore_glob = ["fuzz_*.py"]
