"""Query parameters shared by pages and API, validated and bounded by FastAPI.

Page numbers and sizes are bounded, free text is capped in length and identifiers must match
their pattern; anything else is answered with 422 before a query runs. An empty form field
("?kind=") means the filter is not set.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Query
from pydantic import BeforeValidator, StringConstraints

from claimscope.store.queries import PageRequest, StatementFilter

MAX_PAGE = 10_000
MAX_SIZE = 100
MAX_TEXT = 200
ARTICLE_ID = r"^[0-9a-f]{16}$"
MEASURE_ID = r"^[A-Za-z0-9_.:\-]{1,128}$"


def _blank(value: object) -> object:
    """An empty form field means the filter is not set."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


Blank = BeforeValidator(_blank)
Bounded = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]
EntityType = Annotated[str, StringConstraints(max_length=16, pattern=r"^[A-Z_]+$")]


Search = Annotated[Bounded | None, Blank, Query(description="words to look for")]
Outlet = Annotated[Bounded | None, Blank, Query(description="outlet name, exactly")]
TypeFilter = Annotated[EntityType | None, Blank, Query(description="entity type, e.g. PERSON")]
Flag = Annotated[bool | None, Blank, Query()]


def page_request(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_SIZE, description="items per page")] = 25,
) -> PageRequest:
    """The page asked for."""
    return PageRequest(page, size)


def statement_filter(
    q: Annotated[Bounded | None, Blank, Query(description="words in the content")] = None,
    speaker: Annotated[
        Bounded | None, Blank, Query(description="speaker: canonical name, alias or as written")
    ] = None,
    speaker_id: Annotated[int | None, Blank, Query(ge=1, description="speaker entity id")] = None,
    about: Annotated[
        int | None, Blank, Query(ge=1, description="entity mentioned in the content")
    ] = None,
    outlet: Outlet = None,
    date_from: Annotated[
        date | None, Blank, Query(description="published on or after (YYYY-MM-DD)")
    ] = None,
    date_to: Annotated[
        date | None, Blank, Query(description="published on or before (YYYY-MM-DD)")
    ] = None,
    kind: Annotated[
        Literal["direct", "indirect", "mixed"] | None, Blank, Query(description="speech kind")
    ] = None,
) -> StatementFilter:
    """The statement filters asked for."""
    return StatementFilter(q, speaker, speaker_id, about, outlet, date_from, date_to, kind)
