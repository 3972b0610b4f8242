"""The report's text explorer in a real browser (headless Chromium driven by Playwright).

The checks return the problems they find, so that the same checks can be run on a page
whose script was broken on purpose: they must then find something (the test can fail).

Skipped when Playwright or Chromium is missing, unless ``CYBERREPORT_REQUIRE_BROWSER=1``
(set by ``.ci/run``, which installs both): then a missing browser is a failure.
"""

from __future__ import annotations

import csv
import json
import os
import shutil

import pytest

import cyberreport as cr

REQUIRED = os.environ.get("CYBERREPORT_REQUIRE_BROWSER") == "1"


def _chromium() -> str | None:
    for name in (os.environ.get("CYBERREPORT_CHROMIUM"), "chromium", "chromium-browser",
                 "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def _need(what: str):
    if REQUIRED:
        pytest.fail(f"{what} is missing, and CYBERREPORT_REQUIRE_BROWSER=1")
    pytest.skip(f"{what} is missing (install the test extra and Chromium)")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("playwright")
    exe = _chromium()
    if exe is None:
        _need("chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A report over the corpus paragraphs as records with provinces and two years."""
    tmp = tmp_path_factory.mktemp("explorer")
    src = tmp / "reports.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i, p in enumerate(cr.load_corpus()):
            f.write(json.dumps({"id": p.id, "text": p.text, "province": p.province,
                                "year": 2016 + i % 2}, ensure_ascii=False) + "\n")
    rep = cr.write_report(str(src), tmp / "out", n_topics=4)
    with open(rep.files["texts.csv"], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return rep.files["index.html"], rows


def _open(browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.resolve().as_uri())
    return page, errors


def _shown(page) -> list[str]:
    return page.eval_on_selector_all("#cr-texts tbody tr",
                                     "rows => rows.map(r => r.getAttribute('data-id'))")


def _problems(page, rows) -> list[str]:
    """Every check of the explorer on ``page``; the problems found."""
    out = []
    ids = [r["id"] for r in rows]

    def expect(what, got, want):
        if list(got) != list(want):
            out.append(f"{what}: shown {list(got)[:6]}…, expected {list(want)[:6]}…")

    page.fill("#cr-search", "")
    for sel in ("#cr-theme", "#cr-province", "#cr-year"):
        page.select_option(sel, "")
    expect("all texts", _shown(page), ids)
    for q in ("网络扶贫", "网信办", "2016-1"):
        page.fill("#cr-search", q)
        expect(f"search {q!r}", _shown(page),
               [r["id"] for r in rows if q in r["text"] or q in r["id"] or q in r["group"]])
    page.fill("#cr-search", "")
    theme_ids = [t["id"] for t in page.evaluate(
        "JSON.parse(document.getElementById('cr-data').textContent).themes")]
    for k in (0, 3, theme_ids.index("digital_inclusion")):
        page.select_option("#cr-theme", str(k))
        expect(f"theme {theme_ids[k]}", _shown(page),
               [r["id"] for r in rows if theme_ids[k] in r["themes"].split(";")])
        marks = page.eval_on_selector_all("#cr-texts mark.focus",
                                          "ms => ms.map(m => m.getAttribute('data-themes'))")
        if not marks or any(theme_ids[k] not in m.split() for m in marks):
            out.append(f"theme {theme_ids[k]}: its evidence is not highlighted")
    page.select_option("#cr-theme", "none")
    expect("no theme", _shown(page), [r["id"] for r in rows if not r["themes"]])
    page.select_option("#cr-theme", "")
    page.select_option("#cr-province", "浙江")
    expect("province", _shown(page), [r["id"] for r in rows if r["province"] == "浙江"])
    page.select_option("#cr-province", "")
    page.select_option("#cr-year", "2017")
    expect("year", _shown(page), [r["id"] for r in rows if r["year"] == "2017"])
    page.select_option("#cr-year", "")
    page.click("th[data-key=id]")
    expect("sorted by id", _shown(page), sorted(ids))
    page.click("th[data-key=id]")
    expect("sorted by id, descending", _shown(page), sorted(ids, reverse=True))
    page.click("th[data-key=themes]")
    n = {r["id"]: len([t for t in r["themes"].split(";") if t]) for r in rows}
    got = [n[i] for i in _shown(page)]
    if got != sorted(got):
        out.append(f"sorted by number of themes: {got}")
    return out


def test_filters_search_and_sorting_show_the_right_rows(browser, report):
    path, rows = report
    page, errors = _open(browser, path)
    assert len(rows) == 29
    assert _problems(page, rows) == []
    assert errors == []
    page.close()


@pytest.mark.parametrize("broken, fixed", [
    # the theme filter keeps every text
    ("if (!r.themes.some(function (t) { return t[0] === k; })) return false;", ""),
    # search ignores what was typed
    ("if (st.q) {", "if (false) {"),
    # sorting does nothing
    ("if (st.key) rows = rows.slice().sort(cmp);", ""),
    # the year filter compares with the wrong field
    ("r.year !== st.year", "r.province !== st.year"),
])
def test_the_checks_fail_on_a_broken_page(browser, report, tmp_path, broken, fixed):
    path, rows = report
    page_text = path.read_text(encoding="utf-8")
    assert broken in page_text
    bad = tmp_path / "index.html"
    bad.write_text(page_text.replace(broken, fixed), encoding="utf-8")
    page, _ = _open(browser, bad)
    assert _problems(page, rows) != []
    page.close()


def test_a_script_error_is_caught(browser, report, tmp_path):
    path, _ = report
    bad = tmp_path / "index.html"
    bad.write_text(path.read_text(encoding="utf-8").replace(
        "var T = D.themes", "var T = D.themez.x"), encoding="utf-8")
    page, errors = _open(browser, bad)
    assert errors and _shown(page) == []
    page.close()


def test_a_text_cannot_inject_markup(browser, tmp_path):
    texts = ['<img src=x onerror="window.__pwned=1">开展网络安全检查。</script><b>x</b>',
             "建设县级融媒体中心。\u2028推进媒体融合。"]
    rep = cr.write_report(texts, tmp_path / "out", n_topics=2)
    page, errors = _open(browser, rep.files["index.html"])
    assert page.evaluate("window.__pwned === undefined")
    cells = page.eval_on_selector_all("#cr-texts td.text", "tds => tds.map(t => t.textContent)")
    assert cells[0] == texts[0]
    assert cells[1].startswith("建设县级融媒体中心。") and cells[1].endswith("推进媒体融合。")
    assert errors == []
    page.close()


def test_chinese_text_renders_with_a_cjk_font(browser, report, tmp_path):
    """Distinct characters draw distinct glyphs in the page's font; without a CJK font
    both would be the same empty box (and the screenshot test fails)."""
    path, _ = report
    page, _ = _open(browser, path)
    page.evaluate("""() => {
      for (const [id, s] of [["g1", "网网网"], ["g2", "信信信"], ["g0", ""]]) {
        const d = document.createElement("div");
        d.id = id; d.textContent = s;
        d.style.cssText = "width:120px;height:40px;font-size:28px;line-height:40px;"
                        + "background:#fff;color:#000;overflow:hidden";
        document.body.prepend(d);
      }
    }""")
    shots = {i: page.locator(f"#{i}").screenshot() for i in ("g0", "g1", "g2")}
    page.locator("#cr-texts").screenshot(path=str(tmp_path / "explorer.png"))
    assert shots["g1"] != shots["g0"] and shots["g2"] != shots["g0"], "no ink drawn"
    assert shots["g1"] != shots["g2"], "Chinese characters draw as identical boxes"
    page.close()
