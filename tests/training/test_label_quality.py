"""find_label_issues and suggest_next."""

from __future__ import annotations

import pytest

import cyberreport as cr
from cyberreport.cli import main

CLEAN = [
    ("开展关键信息基础设施网络安全检查", ["security"]), ("组织网络安全应急演练", ["security"]),
    ("修补高危漏洞，排查安全隐患", ["security"]), ("建设态势感知平台", ["security"]),
    ("建设县级融媒体中心", ["media_convergence"]), ("推进媒体深度融合，打造新闻客户端", ["media_convergence"]),
    ("建设中央厨房，整合报纸电视", ["media_convergence"]), ("手机报用户突破百万", ["media_convergence"]),
]


def test_find_label_issues_ranks_a_planted_error_first():
    data = CLEAN + [("开展网络安全检查，修补系统漏洞", ["media_convergence"])]  # wrong on purpose
    issues = cr.find_label_issues(data, threshold=0.7, cv=3)
    assert issues, "the planted error should be found"
    top = issues[0]
    assert top.index == len(data) - 1
    assert {i.label for i in issues if i.index == top.index} >= {"media_convergence"}
    assert all(a.confidence >= b.confidence for a, b in zip(issues, issues[1:]))
    assert "p=" in str(top)


def test_find_label_issues_validates():
    with pytest.raises(ValueError, match="threshold"):
        cr.find_label_issues(CLEAN, threshold=0.3)
    with pytest.raises(ValueError, match="at least 2"):
        cr.find_label_issues(CLEAN[:1])


def test_suggest_next_prefers_uncertain_and_diverse():
    texts = ["开展网络安全检查"] * 3 + ["今天天气晴朗", "网信办召开会议", "网信办召开会议。"]
    out = cr.suggest_next(texts, top_n=3)
    assert len(out) == 3
    assert len({s.index for s in out}) == 3
    chosen = [texts[s.index] for s in out]
    assert chosen.count("开展网络安全检查") <= 1  # near-duplicates are not suggested twice
    assert all(0 <= s.uncertainty <= 1 for s in out)


@pytest.mark.parametrize("k", [0, -1, 1.5, True])
def test_suggest_next_bad_k(k):
    with pytest.raises(ValueError, match="top_n must be a positive int"):
        cr.suggest_next(["x"], top_n=k)


def test_suggest_next_empty_and_types():
    assert cr.suggest_next([], top_n=3) == []
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        cr.suggest_next(["a", None], top_n=1)


def test_cli_label_issues_and_suggest(tmp_path, capsys):
    corpus = tmp_path / "c.txt"
    corpus.write_text("开展网络安全检查\n今天天气晴朗\n建设县级融媒体中心\n", encoding="utf-8")
    assert main(["suggest", str(corpus), "-k", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and '"uncertainty"' in lines[0]
