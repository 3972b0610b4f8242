"""find_label_issues (and the label-issues and suggest commands)."""

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


def test_cli_label_issues_and_suggest(tmp_path, capsys):
    corpus = tmp_path / "c.txt"
    corpus.write_text("开展网络安全检查\n今天天气晴朗\n建设县级融媒体中心\n", encoding="utf-8")
    assert main(["suggest", str(corpus), "-k", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and '"uncertainty"' in lines[0]
