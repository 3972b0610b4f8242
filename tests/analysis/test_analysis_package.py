"""The cyberreport.analysis package: public names, import cost."""

from __future__ import annotations


import cyberreport.analysis as analysis


def test_public_names():
    assert set(analysis.__all__) == {
        "Profile", "profile", "similar", "log_odds", "dirichlet_prior", "LogOdds", "bootstrap_share",
        "bootstrap_share_difference", "ShareEstimate", "ShareDifference", "find_reuse",
        "reuse_matrix", "ReusedPassage", "ReuseMatrix", "theme_shares", "topic_shares",
        "compare"}
    for name in analysis.__all__:
        obj = getattr(analysis, name)
        assert obj.__doc__ and "Examples" in obj.__doc__, name


def test_importing_and_finding_reuse_loads_no_ml_stack(modules_loaded_by):
    code = ("import cyberreport.analysis as a\n"
            "a.find_reuse(['各地要切实增强全社会网络安全意识和防护能力。'] * 2)\n"
            "a.log_odds([1, 2], [2, 1])")
    assert modules_loaded_by(code, ("sklearn", "scipy", "jieba", "pandas")) == []
