"""What ``kanal serve`` keeps between two loads of one data folder: each agency file as read
(:class:`generator.registry.load.FileCache`), each agency's own checks and its free-text
check (:class:`AgencyMemo`), so an edit to one file costs the checks of that file and the
checks across files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.registry.load import FileCache, SourcedAgency
from generator.registry.models import Agency
from generator.safeinput.problems import Problem, Problems


class AgencyMemo:
    """Each agency's own checks (its fields, accounts, contacts and region code), kept for the
    agencies a :class:`generator.registry.load.FileCache` hands back unchanged, so that
    ``kanal serve`` checks again only what was edited. Checks across files (ids, parents,
    duplicates, completeness) run every time; an agency stating other official channels is
    checked again every time too (its claims are compared across files).

    The free-text check for personal data (:func:`generator.registry.personal.check_registry`)
    reads one agency and the numbers and addresses registered anywhere: it is kept per agency
    while those are the same (:meth:`public_values`, :meth:`free_text`)."""

    def __init__(self) -> None:
        self.items: dict[int, tuple[SourcedAgency, tuple, Agency, list[Problem]]] = {}
        self.checked = 0  # agencies checked afresh by the last build (tests, benchmark)
        self.texts: dict[int, tuple[SourcedAgency, list[Problem]]] = {}
        self.texts_checked = 0  # agencies whose free text the last build checked afresh
        self._public: object = None

    def own_checks(
        self,
        src: SourcedAgency,
        context: tuple,
        check: Callable[[Problems], Agency],
        problems: Problems,
    ) -> Agency:
        known = self.items.get(id(src))
        if known is not None and known[0] is src and known[1] == context:
            problems.extend(known[3])
            return _fresh(known[2])
        found = Problems()
        agency = check(found)
        problems.extend(found)
        self.checked += 1
        self.items[id(src)] = (src, context, _fresh(agency), found.items)
        return agency

    def public_values(self, public: object) -> None:
        """The registered numbers and addresses of this build: free-text checks made with
        others are forgotten (a text may quote a number that is, or was, registered)."""
        self.texts_checked = 0
        if public != self._public:
            self.texts.clear()
            self._public = public

    def free_text(
        self, src: SourcedAgency, check: Callable[[Problems], None], problems: Problems
    ) -> None:
        """``check`` of ``src``'s free text, or its problems of the last build."""
        known = self.texts.get(id(src))
        if known is not None and known[0] is src:
            problems.extend(known[1])
            return
        found = Problems()
        check(found)
        problems.extend(found)
        self.texts_checked += 1
        self.texts[id(src)] = (src, found.items)

    def keep_only(self, sources: list[SourcedAgency]) -> None:
        alive = {id(s) for s in sources}
        for store in (self.items, self.texts):
            for key in [k for k in store if k not in alive]:
                del store[key]


def _fresh(agency: Agency) -> Agency:
    """A copy whose list of children the directory fills anew (the rest is never changed).
    Made by hand: ``copy.copy`` of 9,174 agencies was a tenth of a province's check."""
    out = object.__new__(Agency)
    out.__dict__.update(agency.__dict__)
    out.children = []
    return out


@dataclass
class RegistryCache:
    """What ``kanal serve`` keeps between two loads of the same data folder."""

    files: FileCache = field(default_factory=FileCache)
    agencies: AgencyMemo = field(default_factory=AgencyMemo)
