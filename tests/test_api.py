"""Package-level tests: version, public names, import cost, bundled data."""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import importlib.util

import pytest

import cyberreport


def test_version_matches_the_installed_metadata():
    assert cyberreport.__version__ == importlib.metadata.version("cyberreport")
    assert cyberreport.__version__ != "0+unknown"


def _lazy_module_missing(name: str) -> str | None:
    module = getattr(cyberreport, "_LAZY", {}).get(name)
    if module and importlib.util.find_spec(f"cyberreport.{module}") is None:
        return f"cyberreport.{module}"
    return None


@pytest.mark.parametrize("name", cyberreport.__all__)
def test_every_public_name_is_an_attribute(name):
    missing = _lazy_module_missing(name)
    if missing:
        pytest.skip(f"{name} lives in {missing}, which is not written yet")
    assert getattr(cyberreport, name) is not None
    assert name in dir(cyberreport)


def test_all_has_no_duplicates():
    assert len(set(cyberreport.__all__)) == len(cyberreport.__all__)


def test_unknown_attribute_raises_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        cyberreport.no_such_name  # noqa: B018


HEAVY = ("sklearn", "scipy", "jieba", "rjieba")


def test_import_loads_no_heavy_module(modules_loaded_by):
    assert modules_loaded_by("import cyberreport", HEAVY) == []


def test_foundation_use_loads_no_ml_stack(modules_loaded_by):
    # corpus, taxonomy, text and tokenize are usable without scikit-learn or scipy
    code = (
        "import cyberreport as cr\n"
        "cr.load_corpus(); cr.get_theme('security'); cr.split_sentences('网信办。好')\n"
        "cr.Tokenizer().cut('网信办'); cr.keywords('网信办开展净网行动')"
    )
    assert modules_loaded_by(code, ("sklearn", "scipy")) == []


def test_bundled_data_is_importable():
    """``cyberreport._data`` must be importable in every kind of install.

    If this fails with ModuleNotFoundError in an editable install, it is setuptools'
    known limitation with package-dir-mapped subpackages that have no ``__init__.py``
    (pypa/setuptools#4248, #4943): add ``__init__.py`` to data/ and models/, or install
    with ``--config-settings editable_mode=strict``.
    """
    files = importlib.resources.files("cyberreport._data")
    assert files.joinpath("provincial_reports_2016.jsonl").is_file()


def test_resources_are_shipped():
    res = importlib.resources.files("cyberreport.resources")
    for name in ("taxonomy.json", "domain_dict.txt", "stopwords.txt"):
        assert res.joinpath(name).is_file(), name


# ---------------------------------------------------------------------------------------
# the public API as a contract
# ---------------------------------------------------------------------------------------

PUBLIC_SUBMODULES = {"exceptions", "dask", "cli"}


def _import_every_submodule():
    import pkgutil

    for info in pkgutil.walk_packages(cyberreport.__path__, "cyberreport."):
        if info.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(info.name)
        except ImportError:  # an optional extra that is missing
            pass


def test_names_are_what_they_claim_after_importing_every_submodule():
    """``import cyberreport.X`` must never replace a public function by a module (in 0.1,
    ``import cyberreport.keywords`` turned ``cr.keywords`` into a module)."""
    import types

    _import_every_submodule()
    for name in cyberreport.__all__:
        value = getattr(cyberreport, name)
        if name == "exceptions":
            assert isinstance(value, types.ModuleType)
            continue
        assert not isinstance(value, types.ModuleType), f"cr.{name} is a module"
    assert callable(cyberreport.keywords)
    assert cyberreport.keywords("网信办开展净网行动", top_n=1)
    assert importlib.util.find_spec("cyberreport.keywords") is None


def test_subpackage_names_are_public_at_the_top():
    """What a subpackage declares public is public at the top (one place to look)."""
    import pkgutil

    missing = []
    for info in pkgutil.iter_modules(cyberreport.__path__):
        if info.name.startswith("_") or info.name in PUBLIC_SUBMODULES:
            continue
        mod = importlib.import_module(f"cyberreport.{info.name}")
        missing += [f"{info.name}.{n}" for n in getattr(mod, "__all__", ())
                    if n not in cyberreport.__all__]
    assert not missing, missing


def test_exceptions_and_result_types_are_exported():
    from cyberreport import exceptions

    for name in exceptions.__all__:
        assert getattr(cyberreport, name) is getattr(exceptions, name)
    for name in ("Classification", "Evidence", "CVReport", "TrainResult", "LabelledData",
                 "DataIssue", "LabelIssue", "Suggestion", "Topic", "TopicQuality",
                 "Profile", "ClassifyFileSummary", "Report", "Record", "Reject"):
        assert isinstance(getattr(cyberreport, name), type), name


def test_not_fitted_is_a_value_and_attribute_error():
    from cyberreport.exceptions import NotFittedError

    for est in (cyberreport.ThemeClassifier(), cyberreport.TopicModel()):
        with pytest.raises(NotFittedError) as info:
            est.predict(["开展网络安全检查。"])
        assert isinstance(info.value, ValueError) and isinstance(info.value, AttributeError)


@pytest.mark.parametrize("call, old, new", [
    (lambda: cyberreport.keywords("网信办开展净网行动", top_k=2), "top_k", "top_n"),
    (lambda: cyberreport.suggest_next(["开展网络安全检查"], k=1), "k", "top_n"),
    (lambda: cyberreport.ThemeClassifier(cv_folds=3), "cv_folds", "cv"),
    (lambda: cyberreport.TopicModel(n_terms=5), "n_terms", "top_n"),
    (lambda: cyberreport.ThemeClassifier(unit="document", threshold=0.5).fit(
        ["银行利率上调", "球队赢得比赛"] * 3, [["a"], ["b"]] * 3), "unit='document'", "unit='text'"),
    (lambda: cyberreport.TopicModel(n_topics=2, unit="paragraph").fit(
        ["开展网络安全检查。", "建设县级融媒体中心。", "受理网民举报。"]),
     "unit='paragraph'", "unit='text'"),
])
def test_old_spellings_work_with_a_future_warning(call, old, new):
    with pytest.warns(FutureWarning, match=new.split("=")[0]):
        call()


@pytest.mark.parametrize("method, old", [
    ("topic_terms", "n"), ("classify", "top_terms"),
])
def test_old_keyword_names_of_methods(model, method, old):
    if method == "classify":
        with pytest.warns(FutureWarning, match="top_n"):
            assert model.classify("开展网络安全检查。", top_terms=2).labels
    else:
        tm = cyberreport.TopicModel(n_topics=2).fit(
            ["开展网络安全检查。", "建设县级融媒体中心。", "受理网民举报。"])
        with pytest.warns(FutureWarning, match="top_n"):
            assert len(tm.topic_terms(n=1)[0]) == 1


def test_old_and_new_spelling_together_is_an_error():
    with pytest.raises(TypeError, match="top_k is the old name of top_n"):
        cyberreport.keywords("网信办", top_k=2, top_n=3)


def test_cross_validate_old_fold_keyword():
    with pytest.warns(FutureWarning, match="cv="):
        r = cyberreport.cross_validate(cyberreport.ThemeClassifier(threshold=0.5),
                                       n_folds=2, baselines=False)
    assert r.n_folds == 2
