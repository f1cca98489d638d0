"""The render memo of ``kanal serve`` (generator.site.memo): values named instead of pickled
key a page by what they are made from, so a page is rendered again exactly when that changed."""

from __future__ import annotations

from pathlib import Path

from generator.site.memo import RenderMemo


class Unpicklable:
    """Stands for a province's complaint figures or a week of its activity: too large to
    pickle for every page (here: impossible, so a test fails if it is pickled)."""

    def __reduce__(self):
        raise AssertionError("pickled")


def _round(memo: RenderMemo, folder: Path, named: list[tuple], page: dict) -> int:
    """One build writing one page; returns how many pages it rendered."""
    for value, token, alone in named:
        memo.derive(value, token, alone)
    memo.start(("base",), {})
    extra = page.pop("_after", None)
    if extra is not None:
        memo.name_after(*extra)
    memo.write("p.md", folder / "p.md", (page,), lambda: "text")
    memo.commit()
    return memo.rendered


def test_named_values_are_keyed_by_their_token_and_never_pickled(tmp_path):
    memo = RenderMemo(tmp_path)
    figures, week = Unpicklable(), Unpicklable()
    named = [(figures, ("complaints", 1), True)]
    page = {"f": figures, "week": week, "_after": (week, figures, ("week", 3))}
    assert _round(memo, tmp_path, named, dict(page)) == 1
    # The same tokens: the page is kept, though both objects are new.
    figures2, week2 = Unpicklable(), Unpicklable()
    page2 = {"f": figures2, "week": week2, "_after": (week2, figures2, ("week", 3))}
    assert _round(memo, tmp_path, [(figures2, ("complaints", 1), True)], page2) == 0
    # Another week of the same figures, or figures of other records: rendered again.
    page3 = {"f": figures2, "week": week2, "_after": (week2, figures2, ("week", 4))}
    assert _round(memo, tmp_path, [(figures2, ("complaints", 1), True)], page3) == 1
    page4 = {"f": figures2, "week": week2, "_after": (week2, figures2, ("week", 4))}
    assert _round(memo, tmp_path, [(figures2, ("complaints", 2), True)], page4) == 1


def test_a_value_named_after_an_unnamed_one_is_pickled(tmp_path):
    """name_after does nothing when its source was not named this build: the value is then
    pickled as any other (here a list, whose contents decide)."""
    memo = RenderMemo(tmp_path)
    rows = [1, 2, 3]
    assert _round(memo, tmp_path, [], {"rows": rows, "_after": (rows, object(), "x")}) == 1
    same = [1, 2, 3]
    assert _round(memo, tmp_path, [], {"rows": same, "_after": (same, object(), "x")}) == 0
    other = [1, 2, 4]
    assert _round(memo, tmp_path, [], {"rows": other, "_after": (other, object(), "x")}) == 1
