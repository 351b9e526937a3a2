"""holds_position: a person's post and the body they serve, one rule per title shape.

The title grammar (``chipmap.extract.titles``) reads every title once per article; each
rule here states the positions of one shape that name a body: a title before the name, a
possessive ("its chairman X"), a plural title shared by coordinated names, an appositive
after the name, an appointment verb, and a city post with no body written, given to the
article's city.
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


def _of_shape(shape: str) -> Callable[[Context, int], Iterator[Found[Node]]]:
    def find(ctx: Context, sent: int) -> Iterator[Found[Node]]:
        for pos in positions(ctx):
            if pos.sent == sent and pos.shape == shape and pos.body is not None and not pos.city_post:
                yield Found(pos.person, pos.body, title=pos.role)

    return find


def _register(shape: str, doc: str) -> None:
    find = _of_shape(shape)
    find.__doc__ = doc
    ENGLISH.rule(f"holds_position.{shape}", "holds_position", 0.8)(find)


_register("before_name", '"Vice President of Example University Wang Lei", "Example Micro CEO Li Na".')
_register("possessive", '"Example Micro\'s chairman Li Na", "the company was represented by its president X".')
_register("shared_title", '"Provincial leaders Wang Lei and Li Na": a plural title shared by coordinated names.')
_register("appositive", '"Wang Lei, executive vice mayor of Wuxi, said ...", "Li Na (CEO of Example Micro)".')
_register("appointment_verb", '"Wang Lei was appointed chief executive of Example Micro", "X serves as CTO".')


@ENGLISH.rule("holds_position.city_post", "holds_position", 0.8)
def city_post(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Mayor Wang Lei" with no body written: the post belongs to the article's city."""
    for pos in positions(ctx):
        if pos.sent == sent and pos.city_post and pos.body is not None:
            yield Found(pos.person, pos.body, title=pos.role)
