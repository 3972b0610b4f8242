"""The report's text explorer: every text with its themes and evidence, searchable,
sortable and filterable in the page itself (no server, no network, no library).

:func:`explorer_rows` turns records and their classifications into plain rows;
:func:`explorer_section` renders them as one HTML section whose data sits in a
``<script type="application/json">`` element and whose table is drawn by a small
script.  Texts are put into the page with ``textContent`` only, so nothing in a text
can become markup or code.
"""

from __future__ import annotations

import json

from .._display import shown

__all__ = ["explorer_rows", "explorer_section", "MAX_ROWS"]

#: Texts shown in the explorer at most (the CSV of every text has them all).
MAX_ROWS = 20_000


def _utf16(text: str, offsets) -> list[int]:
    """Offsets in code points -> offsets in UTF-16 units (JavaScript string indices)."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return list(offsets)
    out = []
    for o in offsets:
        out.append(len(text[:o].encode("utf-16-le")) // 2)
    return out


def _segments(text: str, spans) -> list[list]:
    """Non-overlapping ``[start, end, [theme index …]]`` from possibly overlapping
    evidence spans ``(start, end, theme index)``; offsets in UTF-16 units."""
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        themes = sorted({t for s, e, t in spans if s <= a and b <= e})
        if themes:
            out.append([a, b, themes])
    if not out:
        return []
    starts = _utf16(text, [s for s, _, _ in out])
    ends = _utf16(text, [e for _, e, _ in out])
    return [[s, e, t] for s, e, (_, _, t) in zip(starts, ends, out)]


def _field(x, name: str):
    """A metadata field of a corpus Paragraph or a Record (``None`` when missing)."""
    value = getattr(x, name, None)
    if value is None and hasattr(x, "get"):
        value = x.get(name)
    return None if value in ("", None) else value


def explorer_rows(records, groups, classifications, theme_ids) -> list[dict]:
    """One plain row per text for :func:`explorer_section`.

    Parameters
    ----------
    records : sequence of Record or Paragraph
        The texts with their id and metadata (``province``, ``year``).
    groups : sequence of str
        The report's group of each text.
    classifications : sequence of Classification
        The theme classifier's result for each text (with evidence).
    theme_ids : sequence of str
        The themes in the order the page lists them.

    Examples
    --------
    >>> import cyberreport as cr
    >>> paras = list(cr.load_corpus())[:2]
    >>> cls = cr.load_model().classify_many([p.text for p in paras])
    >>> rows = explorer_rows(paras, ["北京", "天津"], cls, cr.load_model().classes_)
    >>> rows[0]["id"], rows[0]["province"], len(rows[0]["themes"]) > 0
    ('2016-01', '北京', True)
    """
    index = {t: i for i, t in enumerate(theme_ids)}
    rows = []
    for x, g, c in zip(records, groups, classifications):
        text = c.text
        spans = [(e.start, e.end, index[t]) for t, evs in c.evidence.items()
                 if t in index for e in evs]
        year = _field(x, "year")
        rows.append({  # metadata as shown anywhere (no bidi controls, escapes visible)
            "id": shown(str(_field(x, "id") or "")),
            "group": shown(str(g)),
            "province": shown(str(_field(x, "province") or "")),
            "year": "" if year is None else shown(str(year)),
            "text": text,
            "themes": [[index[t], round(float(c.scores.get(t, 0.0)), 3)]
                       for t in c.labels if t in index],
            "marks": _segments(text, spans),
        })
    return rows


def _json_for_script(obj) -> str:
    """JSON that can sit inside ``<script>``: no ``</script>``, no HTML comment openers,
    no line separators that end a JavaScript string."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _names(theme_id: str) -> dict:
    from ..taxonomy import THEME_IDS, get_theme

    if theme_id in THEME_IDS:
        t = get_theme(theme_id)
        return {"id": t.id, "zh": t.name_zh, "en": t.name_en}
    return {"id": theme_id, "zh": theme_id, "en": ""}  # a user's own label


def explorer_section(rows, theme_ids, *, total: int | None = None) -> str:
    """The explorer as an HTML fragment (heading, controls, table, data and script).

    Parameters
    ----------
    rows : list of dict
        From :func:`explorer_rows`; at most :data:`MAX_ROWS` are put in the page.
    theme_ids : sequence of str
        The model's labels, in the order of the rows' theme indices (the taxonomy's
        names are shown for its themes; a user's own labels as they are).
    total : int, optional
        Number of texts in the report when ``rows`` holds only part of them.

    Examples
    --------
    >>> html_ = explorer_section([], ["security", "my_label"])
    >>> 'id="cr-explorer"' in html_
    True
    """
    total = len(rows) if total is None else total
    shown = rows[:MAX_ROWS]
    data = {
        "themes": [_names(t) for t in theme_ids],
        "rows": shown,
    }
    note = (f"<p class=\"note\">The first {len(shown):,} of {total:,} texts are shown here; "
            "<code>texts.csv</code> has them all.</p>" if len(shown) < total else "")
    return "".join([
        '<h2 id="texts">文本浏览 Texts</h2>',
        '<p class="note">Every text with the themes the classifier gives it; the sentences '
        "that justify a theme are highlighted (hover for the theme). Search, filter by "
        "theme, province and year, and click a column heading to sort. Table: "
        "<code>texts.csv</code>.</p>",
        note,
        '<div id="cr-explorer">',
        '<div class="cr-controls">',
        '<input id="cr-search" type="search" placeholder="搜索 search (text or id)" '
        'aria-label="search">',
        '<select id="cr-theme" aria-label="theme"></select>',
        '<select id="cr-province" aria-label="province"></select>',
        '<select id="cr-year" aria-label="year"></select>',
        '<span id="cr-count" class="note"></span>',
        "</div>",
        '<table id="cr-texts"><thead><tr>',
        '<th data-key="id" class="sortable">id</th>',
        '<th data-key="province" class="sortable">省份 province</th>',
        '<th data-key="year" class="sortable">年份 year</th>',
        '<th data-key="themes" class="sortable">主题 themes</th>',
        '<th>文本 text</th>',
        "</tr></thead><tbody></tbody></table>",
        '<button id="cr-more" type="button">显示更多 show more</button>',
        "</div>",
        f'<script type="application/json" id="cr-data">{_json_for_script(data)}</script>',
        f"<script>{_SCRIPT}</script>",
    ])


CSS = """
#cr-explorer .cr-controls{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;margin:.5em 0}
#cr-explorer input,#cr-explorer select,#cr-explorer button{font:inherit;padding:.2em .4em}
#cr-search{min-width:18em}
#cr-texts th.sortable{cursor:pointer;user-select:none}
#cr-texts th.sortable[aria-sort=ascending]::after{content:" \\25B2"}
#cr-texts th.sortable[aria-sort=descending]::after{content:" \\25BC"}
#cr-texts td.text{min-width:24em;max-width:48em}
#cr-texts td.themes{max-width:15em}
#cr-texts mark{background:#fff0b3;padding:0 .05em}
#cr-texts.filtered mark{background:#f6f2e4}
#cr-texts.filtered mark.focus{background:#ffd24d}
.cr-theme{display:inline-block;background:#e8eef7;border-radius:.6em;padding:0 .45em;
margin:.1em .2em .1em 0;font-size:.85em;white-space:nowrap}
"""


# The table is drawn from the JSON data; texts go in with textContent only.
_SCRIPT = r"""
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("cr-data").textContent);
  var T = D.themes, R = D.rows;
  var st = {q: "", theme: "", province: "", year: "", key: "", dir: 1, limit: 200};
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fill(sel, label, values) {
    sel.appendChild(new Option(label, ""));
    values.forEach(function (v) { sel.appendChild(new Option(v[1], v[0])); });
  }
  function uniq(f) {
    var s = {};
    R.forEach(function (r) { if (r[f]) s[r[f]] = 1; });
    return Object.keys(s).sort();
  }
  var themeSel = document.getElementById("cr-theme");
  fill(themeSel, "全部主题 all themes",
       T.map(function (t, i) { return [String(i), t.zh + " " + t.en]; })
        .concat([["none", "无主题 no theme"]]));
  var provSel = document.getElementById("cr-province");
  fill(provSel, "全部省份 all provinces", uniq("province").map(function (v) { return [v, v]; }));
  var yearSel = document.getElementById("cr-year");
  fill(yearSel, "全部年份 all years", uniq("year").map(function (v) { return [v, v]; }));
  if (provSel.options.length < 2) provSel.hidden = true;
  if (yearSel.options.length < 2) yearSel.hidden = true;

  function keep(r) {
    if (st.theme === "none") { if (r.themes.length) return false; }
    else if (st.theme !== "") {
      var k = Number(st.theme);
      if (!r.themes.some(function (t) { return t[0] === k; })) return false;
    }
    if (st.province && r.province !== st.province) return false;
    if (st.year && r.year !== st.year) return false;
    if (st.q) {
      var q = st.q.toLowerCase();
      if (r.text.toLowerCase().indexOf(q) < 0 && r.id.toLowerCase().indexOf(q) < 0
          && r.group.toLowerCase().indexOf(q) < 0) return false;
    }
    return true;
  }
  var collator = new Intl.Collator("zh-CN", {numeric: true});
  function cmp(a, b) {
    if (st.key === "themes") return (a.themes.length - b.themes.length) * st.dir;
    return collator.compare(a[st.key], b[st.key]) * st.dir;
  }
  function textCell(r) {
    var td = el("td", "text"), pos = 0, focus = st.theme === "" || st.theme === "none"
      ? -1 : Number(st.theme);
    r.marks.forEach(function (m) {
      if (m[0] > pos) td.appendChild(document.createTextNode(r.text.slice(pos, m[0])));
      var mk = el("mark", m[2].indexOf(focus) >= 0 ? "focus" : "", r.text.slice(m[0], m[1]));
      mk.title = m[2].map(function (i) { return T[i].zh + " " + T[i].en; }).join("; ");
      mk.setAttribute("data-themes", m[2].map(function (i) { return T[i].id; }).join(" "));
      td.appendChild(mk);
      pos = m[1];
    });
    if (pos < r.text.length) td.appendChild(document.createTextNode(r.text.slice(pos)));
    return td;
  }
  function draw() {
    var rows = R.filter(keep);
    if (st.key) rows = rows.slice().sort(cmp);
    var table = document.getElementById("cr-texts");
    table.className = st.theme !== "" && st.theme !== "none" ? "filtered" : "";
    var tb = table.querySelector("tbody");
    tb.textContent = "";
    rows.slice(0, st.limit).forEach(function (r) {
      var tr = el("tr");
      tr.setAttribute("data-id", r.id);
      tr.appendChild(el("td", "", r.id));
      tr.appendChild(el("td", "", r.province || r.group));
      tr.appendChild(el("td", "num", r.year));
      var td = el("td", "themes");
      r.themes.forEach(function (t) {
        var c = el("span", "cr-theme", T[t[0]].zh + " " + Math.round(t[1] * 100) + "%");
        c.title = T[t[0]].en;
        c.setAttribute("data-theme", T[t[0]].id);
        td.appendChild(c);
      });
      tr.appendChild(td);
      tr.appendChild(textCell(r));
      tb.appendChild(tr);
    });
    document.getElementById("cr-count").textContent =
      "显示 " + Math.min(rows.length, st.limit) + " / " + rows.length + " 条（共 " + R.length
      + "） shown " + Math.min(rows.length, st.limit) + " of " + rows.length + " matching";
    document.getElementById("cr-more").hidden = rows.length <= st.limit;
  }
  document.getElementById("cr-search").addEventListener("input", function (e) {
    st.q = e.target.value.trim(); st.limit = 200; draw();
  });
  [[themeSel, "theme"], [provSel, "province"], [yearSel, "year"]].forEach(function (p) {
    p[0].addEventListener("change", function () { st[p[1]] = p[0].value; st.limit = 200; draw(); });
  });
  document.getElementById("cr-more").addEventListener("click", function () {
    st.limit += 200; draw();
  });
  document.querySelectorAll("#cr-texts th.sortable").forEach(function (th) {
    th.addEventListener("click", function () {
      var k = th.getAttribute("data-key");
      st.dir = st.key === k ? -st.dir : 1; st.key = k;
      document.querySelectorAll("#cr-texts th.sortable").forEach(function (h) {
        h.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", st.dir > 0 ? "ascending" : "descending");
      draw();
    });
  });
  draw();
})();
"""
