"""The pieces of the report page: CSV tables, pictures saved and embedded, HTML tables."""

from __future__ import annotations

import base64
import csv
import html
from pathlib import Path

from .._display import shown
from ..io._writers import CSV_BOM, safe_cell

__all__ = ["write_csv", "save_figure", "img", "html_table", "CSS"]


def write_csv(path: Path, header, rows) -> None:
    """A CSV file that Excel opens as UTF-8 (byte-order mark) and never runs as formulas."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(CSV_BOM)
        w = csv.writer(f)
        w.writerow([safe_cell(h) for h in header])
        w.writerows([[v if isinstance(v, (int, float)) else safe_cell(v) for v in r] for r in rows])


def save_figure(fig, base: Path, files: dict) -> None:
    """Save a figure as PNG and SVG (without matplotlib's glyph warnings)."""
    import warnings

    with warnings.catch_warnings():
        # _font() has already warned once if no CJK font exists; matplotlib would
        # otherwise add one warning per missing glyph.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(base.with_suffix(".png"), dpi=fig.dpi, metadata={"Software": None})
        fig.savefig(base.with_suffix(".svg"), metadata={"Date": None})
    files[base.name + ".png"] = base.with_suffix(".png")
    files[base.name + ".svg"] = base.with_suffix(".svg")


def img(path: Path, alt: str) -> str:
    """An ``<img>`` with the PNG embedded as a data URI (the page needs no other file)."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f'<figure><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'
            f'<figcaption>{html.escape(alt)}</figcaption></figure>')


def html_table(header, rows, num_cols=()) -> str:
    """An escaped HTML table (cells as :func:`shown`: no bidirectional controls, control
    characters visible as escapes)."""
    out = ["<table><thead><tr>"]
    out += [f"<th>{html.escape(shown(str(h)))}</th>" for h in header]
    out.append("</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>")
        for j, v in enumerate(r):
            cls = ' class="num"' if j in num_cols else ""
            out.append(f"<td{cls}>{html.escape(shown(str(v)))}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
"WenQuanYi Micro Hei",sans-serif;margin:2em auto;max-width:1200px;color:#222;line-height:1.5}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f3f5f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1em 0}img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{color:#666;font-size:.85em}.note{color:#555;font-size:.9em}
"""


