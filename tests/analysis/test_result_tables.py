"""The comparative analyses' result types follow the library's table rule (issue 13): a
``to_dict()``, a ``to_frame()`` and an HTML view; functions that return several results
return a ``ResultList``."""

from __future__ import annotations

import pytest

import cyberreport as cr
from cyberreport._frames import ResultList

PASSAGE = "各地网信部门要把维护网络意识形态安全作为首要任务，层层压实属地管理责任"


def _results():
    passages = cr.find_reuse([PASSAGE + "。", "会议要求，" + PASSAGE + "。"])
    return {
        "ReusedPassage": passages[0],
        "LogOdds": cr.log_odds([10, 2, 5], [2, 10, 5], terms=["净网", "宽带", "网信"]),
        "ShareEstimate": cr.bootstrap_share([1, 0, 2, 1], [4, 3, 5, 4]),
        "ShareDifference": cr.bootstrap_share_difference([3, 4, 3], [5, 5, 5],
                                                         [1, 0, 1], [5, 5, 5]),
        "ProvinceGuess": cr.infer_province("杭州市网信办开展网络安全检查"),
        "PlaceMatch": cr.find_places("在杭州召开")[0],
    }


def test_lists_of_results_are_result_lists():
    assert isinstance(cr.find_reuse([PASSAGE, PASSAGE]), ResultList)
    assert isinstance(cr.find_places("杭州和成都"), ResultList)
    assert cr.find_reuse(["短", "文"]) == []


@pytest.mark.parametrize("name", list(_results()))
def test_every_result_has_a_dict_a_frame_and_html(name):
    pd = pytest.importorskip("pandas")
    r = _results()[name]
    assert isinstance(r.to_dict(), dict)
    df = r.to_frame()
    assert isinstance(df, pd.DataFrame) and len(df) >= 1
    assert "<table>" in r._repr_html_()


def test_frames_hold_the_values():
    pytest.importorskip("pandas")
    r = _results()
    lo = r["LogOdds"].to_frame()
    assert list(lo.columns) == ["term", "delta", "variance", "z"]
    assert lo["term"].tolist()[0] == "净网" and lo["z"].is_monotonic_decreasing
    g = r["ProvinceGuess"].to_frame()
    assert g["province"].tolist() == ["浙江"] and g["place"].tolist() == ["杭州市"]
    p = cr.find_reuse([PASSAGE + "。", "会议要求，" + PASSAGE + "。"]).to_frame()
    assert p["passage"].tolist() == [PASSAGE] and p["similarity"].tolist() == [1.0]
