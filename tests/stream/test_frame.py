"""Results as tables: ``classify_frame`` for pandas, ``predict(as_frame=True)``,
``ResultList`` from ``classify_many``, ``Classification.to_frame``."""

from __future__ import annotations

import numpy as np
import pytest

import cyberreport as cr

pd = pytest.importorskip("pandas")

TEXTS = ["开展关键信息基础设施网络安全检查。", "今天天气晴朗。", "建设县级融媒体中心，推进媒体融合。"]


def test_classify_frame_adds_labels_and_scores_and_keeps_columns(model):
    df = pd.DataFrame({"id": ["a", "b", "c"], "content": TEXTS}, index=[10, 11, 12])
    out = cr.classify_frame(df, model, text_field="content")
    assert out.index.tolist() == [10, 11, 12]
    assert out.columns.tolist() == ["id", "content", "labels"] + [f"p_{c}" for c in model.classes_]
    assert out["labels"].tolist() == [";".join(x) for x in model.predict(TEXTS)]
    np.testing.assert_array_equal(out[[f"p_{c}" for c in model.classes_]].to_numpy(),
                                  model.predict_proba(TEXTS))
    assert "labels" not in df.columns  # a new frame; the input is unchanged
    lists = cr.classify_frame(df, model, text_field="content", labels="list")
    assert lists["labels"].tolist() == [list(x) for x in model.predict(TEXTS)]


@pytest.mark.parametrize("kwargs,exc,match", [
    ({"text_field": "body"}, ValueError, "no column 'body'"),
    ({"labels": "set"}, ValueError, "labels must be"),
    ({"threshold": 2.0}, ValueError, "threshold must be"),
    ({"labels_column": "id"}, ValueError, "already has column"),
])
def test_classify_frame_validates(model, kwargs, exc, match):
    df = pd.DataFrame({"id": ["a"], "text": ["开展网络安全检查。"]})
    with pytest.raises(exc, match=match):
        cr.classify_frame(df, model, **kwargs)


def test_classify_frame_names_a_missing_cell_and_rejects_non_frames(model):
    with pytest.raises(TypeError, match=r"column 'text', row 1 must be a str.*missing"):
        cr.classify_frame(pd.DataFrame({"text": ["开展网络安全检查。", None]}), model)
    with pytest.raises(TypeError, match="df must be a pandas.DataFrame, got builtins.list"):
        cr.classify_frame(TEXTS, model)


def test_predict_as_frame(model):
    df = model.predict(TEXTS, as_frame=True)
    assert df.columns.tolist() == ["labels", *model.classes_]
    assert df["labels"].tolist() == model.predict(TEXTS)
    np.testing.assert_allclose(df[model.classes_].to_numpy(), model.predict_proba(TEXTS))
    with pytest.raises(ValueError, match="as_frame must be"):
        model.predict(TEXTS, as_frame="yes")


def test_classify_many_returns_a_result_list_with_a_frame(model):
    rs = model.classify_many(TEXTS)
    assert isinstance(rs, cr.ResultList) and isinstance(rs, list)
    assert [c.labels for c in rs] == model.predict(TEXTS)
    df = rs.to_frame()
    assert len(df) == 3
    assert df["text"].tolist() == [c.text for c in rs]
    assert df["labels"].tolist() == [list(c.labels) for c in rs]
    assert {"relevance", "evidence", *model.classes_} <= set(df.columns)
    assert df.loc[0, "evidence"].startswith("security: ")
    assert rs.to_dict() == [c.to_dict() for c in rs]
    assert isinstance(rs[:2], cr.ResultList) and len(rs[:2]) == 2
    html = rs._repr_html_()
    assert html.count("<tr>") == 4 and "3 × Classification" in html


def test_html_tables_escape_and_cap_rows(model):
    from cyberreport._frames import html_table

    out = html_table(["a"], [{"a": "<script>x</script>"}] * 60, max_rows=50)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert out.count("<tr>") == 52 and "10 more rows" in out


def test_classification_to_frame_one_row_per_evidence_sentence(model):
    c = model.classify("开展网络安全检查。建设县级融媒体中心。")
    df = c.to_frame()
    assert set(df["theme"]) == set(c.labels)
    assert len(df) == sum(len(v) for v in c.evidence.values())
    assert {"sentence", "score", "terms", "name"} <= set(df.columns)


def test_to_frame_without_pandas_names_the_extra(model, monkeypatch):
    import builtins

    real = builtins.__import__

    def fake(name, *a, **k):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("no pandas")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", fake)
    monkeypatch.delitem(__import__("sys").modules, "pandas", raising=False)
    with pytest.raises(ImportError, match=r"cyberreport\[pandas\]"):
        model.classify_many(TEXTS[:1]).to_frame()
