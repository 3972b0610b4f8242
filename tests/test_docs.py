"""Every Python code block of README.md and docs/*.md runs, in order, one namespace per
file, in a temporary folder; where a line shows its result (``expr  # result`` or the
result on the next comment line), the result is compared.

A block preceded by ``<!-- not run: reason -->`` is skipped (e.g. it needs a cluster or
cloud storage).  Results are compared as Python literals when they parse as one; "…"
in a shown result matches anything; a shown exception name must be raised.  Prose
comments (``# the default model, no network``) are not results.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK_RE = re.compile(r"(?:<!--\s*not run:(?P<why>[^>]*)-->\s*\n)?```python\n(?P<code>.*?)```",
                       re.S)


def blocks(path: Path) -> list[tuple[int, str, str | None]]:
    """``(line number, code, reason not run)`` of every python block of ``path``."""
    text = path.read_text("utf-8")
    out = []
    for m in _BLOCK_RE.finditer(text):
        line = text.count("\n", 0, m.start("code")) + 1
        out.append((line, m.group("code"), (m.group("why") or "").strip() or None))
    return out


def _shown_result(lines: list[str], node: ast.stmt) -> str | None:
    """The result shown for statement ``node``: its trailing comment, or the comment line
    right after it."""
    last = lines[node.end_lineno - 1]
    code_end = node.end_col_offset
    tail = last[code_end:].strip()
    if tail.startswith("#"):
        return tail[1:].strip()
    if node.end_lineno < len(lines):
        nxt = lines[node.end_lineno].strip()
        if nxt.startswith("# ") and not nxt.startswith("#  "):
            return nxt[2:].strip()
    return None


def _is_result(shown: str) -> bool:
    """A Python literal (with "…" for elided parts), an array repr or an exception name;
    anything else is prose."""
    if re.match(r"[A-Z]\w+(Error|Warning)\b", shown) or shown.startswith("array("):
        return True
    try:
        ast.literal_eval(shown.replace("…", ""))
    except (ValueError, SyntaxError):
        return False
    return True


def _check(value, shown: str, where: str) -> None:
    actual = repr(value)
    if "…" in shown:
        pattern = ".*?".join(re.escape(p) for p in shown.split("…"))
        assert re.fullmatch(pattern, actual, re.S), f"{where}: shown {shown!r}, got {actual!r}"
        return
    try:
        expected = ast.literal_eval(shown)
    except (ValueError, SyntaxError):
        assert actual == shown, f"{where}: shown {shown!r}, got {actual!r}"
        return
    assert value == expected, f"{where}: shown {shown!r}, got {actual!r}"


def run_block(code: str, ns: dict, where: str) -> None:
    lines = code.splitlines()
    tree = ast.parse(code)
    for node in tree.body:
        shown = _shown_result(lines, node)
        shown = shown if shown and _is_result(shown) else None
        src = ast.get_source_segment(code, node)
        here = f"{where}+{node.lineno - 1}: {src.splitlines()[0]}"
        if isinstance(node, ast.Expr) and shown:
            exc = re.match(r"([A-Z]\w+(?:Error|Warning))\b", shown)
            if exc:
                with pytest.raises(Exception) as info:
                    eval(compile(ast.Expression(node.value), where, "eval"), ns)
                assert type(info.value).__name__ == exc.group(1), here
                continue
            value = eval(compile(ast.Expression(node.value), where, "eval"), ns)
            _check(value, shown, here)
        else:
            exec(compile(ast.Module([node], []), where, "exec"), ns)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_code_blocks_run_and_show_their_results(path, tmp_path, monkeypatch):
    found = blocks(path)
    if not found:
        pytest.skip("no python block")
    pytest.importorskip("pandas")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    ns: dict = {"__name__": "__docs__"}
    for line, code, why in found:
        if why:
            continue
        with contextlib.redirect_stdout(io.StringIO()):
            run_block(code, ns, f"{path.name}:{line}")


def test_the_harness_catches_a_wrong_result():
    """A shown result that differs fails (so the test above can fail)."""
    with pytest.raises(AssertionError, match="shown"):
        run_block("1 + 1   # 3\n", {}, "x")
    with pytest.raises(AssertionError, match="shown"):
        run_block("'abc'   # 'a…d'\n", {}, "x")
    run_block("'abcd'   # 'a…d'\n", {}, "x")
    run_block("x = [1]\nx   # the list (prose, not compared)\n", {}, "x")
    run_block("x = [1]\nx   # [(province, cosine), ...]\n", {}, "x")  # a description
    with pytest.raises(NameError):
        run_block("texts[0]\n", {}, "x")
