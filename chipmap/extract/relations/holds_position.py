"""holds_position: a person's post and the body they serve, one rule per title shape.

The title grammar (``chipmap.extract.titles``) reads every title once per article; each
rule here states the positions of one shape that name a body: a title before the name, a
possessive ("its chairman X"), an appositive after the name, an appointment verb or copula,
a plural title shared by coordinated names, a body shared with the preceding name ("X's
partner A and partner B"), and, where no body is written, a city post given to the
article's city and a company post given to the article's subject company.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from chipmap.extract.context import Context
from chipmap.extract.relations.registry import ENGLISH, Node
from chipmap.extract.rules import Found
from chipmap.extract.titles import Position, find_positions


def positions(ctx: Context) -> list[Position]:
    """Every title of every person in the article (read once, shared by the rules)."""
    return ctx.memo("titles.positions", find_positions)


def _of_shape(shape: str, implicit: str = "") -> Callable[[Context, int], Iterator[Found[Node]]]:
    def find(ctx: Context, sent: int) -> Iterator[Found[Node]]:
        for pos in positions(ctx):
            if pos.sent == sent and pos.body is not None and pos.implicit == implicit \
                    and (implicit or pos.shape == shape):
                yield Found(pos.person, pos.body, title=pos.role)

    return find


def _register(name: str, doc: str, *, confidence: float, implicit: str = "") -> None:
    find = _of_shape(name, implicit)
    find.__doc__ = doc
    ENGLISH.rule(f"holds_position.{name}", "holds_position", confidence)(find)


_register("before_name", '"Vice President of Example University Wang Lei", "Example Micro CEO Li Na".',
          confidence=0.8)
_register("possessive", '"Example Micro\'s chairman Li Na", "the company was represented by its president X".',
          confidence=0.8)
_register("appositive", '"Wang Lei, executive vice mayor of Wuxi, said ...", "Li Na (CEO of Example Micro)".',
          confidence=0.85)
_register("appointment_verb", '"Wang Lei was appointed chief executive of Example Micro", "Li is X\'s CTO".',
          confidence=0.8)
_register("shared_title", '"Provincial leaders Wang Lei and Li Na": a plural title shared by coordinated names.',
          confidence=0.7)
_register("shared_body", '"Example Law\'s lead partner Wang Lei and partner Li Na": the body of the name before.',
          confidence=0.7)
_register("city_post", '"Mayor Wang Lei" with no body written: the post belongs to the article\'s city.',
          confidence=0.7, implicit="city")
_register("company_post", '"CEO Li Na said ..." with no body written, in an article about one company: its post.',
          confidence=0.6, implicit="company")
