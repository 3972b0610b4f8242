"""Tests for cyberreport.dask: a DataFrame or bag classified on a LocalCluster with two
worker processes equals the single-process result; the model is one node of the graph.

Skipped only when Dask is not installed (the [dask] extra; the [test] extra installs it).
"""

from __future__ import annotations

import random
import sys

import numpy as np
import pytest

import cyberreport as cr

dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("dask.distributed")
pd = pytest.importorskip("pandas")

import cyberreport.dask as cdask  # noqa: E402


@pytest.fixture(scope="module")
def texts():
    sents = [s.text for p in cr.load_corpus() for s in p.sentences]
    rng = random.Random(0)
    out = ["".join(rng.sample(sents, rng.randint(1, 5))) for _ in range(400)]
    out[3] = ""
    return out


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dataframe_on_a_local_cluster_equals_one_process(client, model, texts):
    pdf = pd.DataFrame({"id": [f"d{i}" for i in range(len(texts))], "text": texts})
    out = cdask.classify(dd.from_pandas(pdf, npartitions=6), model)
    res = out.compute()
    assert len(client.scheduler_info()["workers"]) == 2
    assert list(res.columns) == ["id", "text", "labels"] + [f"p_{c}" for c in model.classes_]
    assert res["id"].tolist() == pdf["id"].tolist()
    np.testing.assert_array_equal(res[[f"p_{c}" for c in model.classes_]].to_numpy(),
                                  model.predict_proba(texts))
    assert res["labels"].tolist() == [";".join(x) for x in model.predict(texts)]


def test_bag_on_a_local_cluster_equals_one_process(client, model, texts):
    records = [{"id": i, "text": t} for i, t in enumerate(texts)]
    got = cdask.classify(db.from_sequence(records, npartitions=5), model).compute()
    pred, proba = model.predict(texts), model.predict_proba(texts)
    assert [r["id"] for r in got] == list(range(len(texts)))
    assert [tuple(r["labels"]) for r in got] == pred
    assert [list(r["scores"].values()) for r in got] == proba.tolist()
    strings = cdask.classify(db.from_sequence(texts[:50], npartitions=3), model,
                             threshold=0.3).compute()
    assert [r["text"] for r in strings] == texts[:50]
    assert [tuple(r["labels"]) for r in strings] == \
        [c.labels for c in model.classify_many(texts[:50], threshold=0.3)]


def test_the_model_is_one_node_of_the_graph(model, texts):
    from cyberreport.classifier import ThemeClassifier

    pdf = pd.DataFrame({"text": texts[:40]})
    for coll in (cdask.classify(dd.from_pandas(pdf, npartitions=4), model),
                 cdask.classify(db.from_sequence(texts[:40], npartitions=4), model)):
        graph = dict(coll.__dask_graph__())
        holders = [k for k, v in graph.items()
                   if isinstance(getattr(v, "value", None), ThemeClassifier)]
        assert len(holders) == 1  # serialised once, sent to each worker once
        work = [k for k in graph if "classify" in str(k)]
        assert len(work) == 4
        assert all(holders[0] in graph[k].dependencies for k in work)


def test_options_and_local_scheduler(model, texts):
    pdf = pd.DataFrame({"body": texts[:30]})
    out = cdask.classify(dd.from_pandas(pdf, npartitions=2), model, text_field="body",
                         labels="list", labels_column="themes", prefix="prob_")
    res = out.compute(scheduler="sync")
    assert res["themes"].tolist() == [list(x) for x in model.predict(texts[:30])]
    assert "prob_security" in res.columns
    default = cdask.classify(dd.from_pandas(pd.DataFrame({"text": texts[:5]}), npartitions=1))
    assert default.compute(scheduler="sync")["labels"].tolist() == \
        [";".join(x) for x in model.predict(texts[:5])]


def test_bad_input(model, texts):
    pdf = pd.DataFrame({"text": ["开展网络安全检查。", None], "labels": ["a", "b"]})
    frame = dd.from_pandas(pdf, npartitions=1)
    with pytest.raises(ValueError, match="no column 'body'"):
        cdask.classify(frame, model, text_field="body")
    with pytest.raises(ValueError, match="already has column"):
        cdask.classify(frame, model)
    out = cdask.classify(frame, model, labels_column="themes")
    with pytest.raises(TypeError, match=r"column 'text', row 1 must be a str"):
        out.compute(scheduler="sync")
    with pytest.raises(TypeError, match="dask.dataframe.DataFrame or a dask.bag.Bag"):
        cdask.classify(pdf, model)
    with pytest.raises(ValueError, match="labels must be"):
        cdask.classify(frame, model, labels="set")


def test_missing_dask_names_the_extra(monkeypatch, model):
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(ImportError, match=r"cyberreport\[dask\]"):
        cdask.classify(object(), model)


@pytest.mark.parametrize("labels", ["str", "list"])
def test_results_write_to_parquet_and_read_back(model, texts, tmp_path, labels):
    """The documented Parquet round trip (docs/scale.md): 0.1 declared the labels column
    as generic objects and to_parquet failed in both label modes."""
    pytest.importorskip("pyarrow")
    out = cdask.classify(dd.from_pandas(pd.DataFrame({"text": texts[:40]}), npartitions=3),
                         model, labels=labels)
    kw = {"schema": None} if labels == "list" else {}
    out.to_parquet(tmp_path / "p", **kw)
    back = dd.read_parquet(tmp_path / "p").compute()
    pred = model.predict(texts[:40])
    if labels == "str":
        assert back["labels"].tolist() == [";".join(x) for x in pred]
    else:
        assert [tuple(x) for x in back["labels"]] == pred


# -- topics ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def topic_model():
    return cr.TopicModel(n_topics=6).fit(cr.load_corpus().texts)


def test_topics_on_a_local_cluster_equal_local_assignment(client, topic_model, texts):
    pdf = pd.DataFrame({"id": [f"d{i}" for i in range(len(texts))], "text": texts})
    res = cdask.assign_topics(dd.from_pandas(pdf, npartitions=6), topic_model,
                              weights=True).compute()
    assert len(client.scheduler_info()["workers"]) == 2
    assert list(res.columns) == ["id", "text", "topic"] + [f"topic_{j}" for j in range(6)]
    assert res["id"].tolist() == pdf["id"].tolist()
    assert res["topic"].tolist() == topic_model.predict(texts).tolist()
    assert res.loc[res["text"] == "", "topic"].tolist() == [-1]
    np.testing.assert_array_equal(res[[f"topic_{j}" for j in range(6)]].to_numpy(),
                                  topic_model.transform(texts))
    records = [{"id": i, "text": t} for i, t in enumerate(texts)]
    got = cdask.assign_topics(db.from_sequence(records, npartitions=5), topic_model).compute()
    assert [r["id"] for r in got] == list(range(len(texts)))
    assert [r["topic"] for r in got] == topic_model.predict(texts).tolist()


def test_topics_ship_the_assigner_once_and_check_their_input(topic_model, texts, tmp_path):
    from cyberreport.topics._assign import Assigner

    bag = cdask.assign_topics(db.from_sequence(texts[:40], npartitions=4), topic_model,
                              weights=True)
    graph = dict(bag.__dask_graph__())
    holders = [k for k, v in graph.items() if isinstance(getattr(v, "value", None), Assigner)]
    assert len(holders) == 1
    out = bag.compute(scheduler="sync")
    assert [r["text"] for r in out] == texts[:40]
    assert [r["topic_weights"] for r in out] == topic_model.transform(texts[:40]).tolist()
    topic_model.save(tmp_path / "tm")
    frame = dd.from_pandas(pd.DataFrame({"body": texts[:9]}), npartitions=2)
    res = cdask.assign_topics(frame, str(tmp_path / "tm"), text_field="body",
                              topic_column="t").compute(scheduler="sync")
    assert res["t"].tolist() == topic_model.predict(texts[:9]).tolist()
    with pytest.raises(ValueError, match="no column 'text'"):
        cdask.assign_topics(frame, topic_model)
    with pytest.raises(ValueError, match="already has column"):
        cdask.assign_topics(frame, topic_model, text_field="body", topic_column="body")
    with pytest.raises(TypeError, match="fitted TopicModel"):
        cdask.assign_topics(frame, cr.load_model(), text_field="body")
    with pytest.raises(cr.NotFittedError):
        cdask.assign_topics(frame, cr.TopicModel(), text_field="body")
    bad = dd.from_pandas(pd.DataFrame({"text": ["开展网络安全检查。", None]}), npartitions=1)
    with pytest.raises(TypeError, match=r"column 'text', row 1 must be a str"):
        cdask.assign_topics(bad, topic_model).compute(scheduler="sync")
