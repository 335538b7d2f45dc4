"""The command line's history: kept capped and clean, and summed up by concept in the words
the page uses too (tests/test_memory_page.py holds the page to them)."""

import json

import pytest

from micrograd.check import history


def entry(concept, exercise="value", date="2025-03-01"):
    return {"concept": concept, "exercise": exercise, "date": date}


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    return tmp_path / "micrograd-course" / "history.json"


def test_a_summary_counts_each_concept_once_per_entry_most_named_first():
    entries = [
        entry("loss-mean", "loss", "2025-03-02"),
        entry("grad-accumulation", "value", "2025-03-04"),
        entry("grad-accumulation", "train", "2025-03-01"),
        entry("grad-accumulation", "value", "2025-03-03"),
        entry("zero-grad", "train", "2025-03-05"),
    ]
    assert history.summary(entries) == [
        {
            "concept": "grad-accumulation",
            "count": 3,
            "exercises": ["value", "train"],
            "last": "2025-03-04",
        },
        {
            "concept": "loss-mean",
            "count": 1,
            "exercises": ["loss"],
            "last": "2025-03-02",
        },
        {
            "concept": "zero-grad",
            "count": 1,
            "exercises": ["train"],
            "last": "2025-03-05",
        },
    ]
    assert history.summary([]) == []


@pytest.mark.parametrize(
    ("count", "exercises", "said"),
    [
        (1, ["value"], "once, in the value exercise, last on 2025-03-01"),
        (
            2,
            ["value", "train"],
            "twice, in the value and train exercises, last on 2025-03-01",
        ),
        (
            3,
            ["value", "loss", "train"],
            "3 times, in the value, loss and train exercises, last on 2025-03-01",
        ),
    ],
)
def test_the_phrase_says_how_often_where_and_when(count, exercises, said):
    item = {
        "concept": "c",
        "count": count,
        "exercises": exercises,
        "last": "2025-03-01",
    }
    assert history.phrase(item) == said


def test_a_long_history_is_summed_up_in_one_pass():
    entries = [
        entry("grad-accumulation", ("value", "train")[k % 2]) for k in range(60_000)
    ]
    (item,) = history.summary(entries)
    assert item["count"] == 60_000 and item["exercises"] == ["value", "train"]


def test_the_history_is_capped_on_read_as_on_write(data):
    data.parent.mkdir(parents=True)
    entries = [
        entry("zero-grad", date=f"2025-01-{k % 28 + 1:02d}") for k in range(1500)
    ]
    entries[-1] = entry("loss-mean")
    data.write_text(json.dumps(entries))
    loaded = history.load()
    assert len(loaded) == history.KEEP and loaded[-1] == entry("loss-mean")
    assert len(history.record(["seed-gradient"], "value")) == history.KEEP


@pytest.mark.parametrize(
    "stored",
    [
        {"concept": "zero-grad"},
        "not a list",
        [["zero-grad", "value", "2025-03-01"], 7, None],
        [{"concept": "zero-grad", "exercise": "value"}],
        [{"concept": 3, "exercise": "value", "date": "2025-03-01"}],
    ],
)
def test_what_is_not_a_history_entry_is_left_out(data, stored):
    data.parent.mkdir(parents=True)
    data.write_text(json.dumps(stored))
    assert history.load() == []
    assert history.record(["zero-grad"], "train", None)[-1]["concept"] == "zero-grad"
