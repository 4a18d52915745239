"""The JSON API under ``/api``: the same data as the pages, every list paged.

Lists answer ``{"items", "total", "page", "size", "pages", "capped"}``. Measures and disputes
answer 503, saying why, while there are none to give (reconcile missing, failing or still
running). FastAPI serves the schema at ``/openapi.json``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from claimscope.store.queries import Page, PageRequest, StatementFilter
from claimscope.web import views
from claimscope.web.params import (
    ARTICLE_ID,
    MEASURE_ID,
    Flag,
    Outlet,
    Search,
    TypeFilter,
    page_request,
    statement_filter,
)

router = APIRouter(prefix="/api", tags=["api"])

PageDep = Annotated[PageRequest, Depends(page_request)]
Json = dict[str, Any]

UNAVAILABLE = "no reconciled measures and disputes"


def _ctx(request: Request) -> views.Context:
    return request.app.state.ctx


def _unavailable(request: Request) -> HTTPException:
    return HTTPException(503, _ctx(request).reconciled.problem or UNAVAILABLE)


def _paged(request: Request, result: Page | None) -> Json:
    if result is None:
        raise _unavailable(request)
    return result.to_json()


@router.get("/overview", summary="Corpus size, date range, outlets, top speakers, highlights")
def overview(request: Request) -> Json:
    return views.overview(_ctx(request))


@router.get("/articles", summary="Articles, newest first")
def articles(request: Request, page: PageDep, outlet: Outlet = None, q: Search = None) -> Json:
    return _ctx(request).queries.articles(page, outlet=outlet, q=q).to_json()


@router.get("/articles/{article_id}", summary="One article with all its records")
def article(request: Request, article_id: Annotated[str, Path(pattern=ARTICLE_ID)]) -> Json:
    data = _ctx(request).queries.article(article_id)
    if data is None:
        raise HTTPException(404, f"no article {article_id}")
    return data


@router.get("/statements", summary="Statements, searchable and filtered")
def statements(
    request: Request,
    page: PageDep,
    filters: Annotated[StatementFilter, Depends(statement_filter)],
) -> Json:
    return views.statements(_ctx(request), filters, page).to_json()


@router.get("/entities", summary="Canonical entities, most mentioned first")
def entities(
    request: Request,
    page: PageDep,
    q: Search = None,
    type: TypeFilter = None,
) -> Json:
    return _ctx(request).entities(page, q, type).to_json()


@router.get("/entities/{entity_id}", summary="One entity: names, aliases, counts, disputes")
def entity(request: Request, entity_id: Annotated[int, Path(ge=1)]) -> Json:
    ctx = _ctx(request)
    data = ctx.queries.entity(entity_id)
    if data is None:
        raise HTTPException(404, f"no entity {entity_id}")
    found = views.disputes(ctx, PageRequest(1, 100), speakers={data["name"], *data["aliases"]})
    data["disputes"] = found.items if found is not None else None
    return data


@router.get("/entities/{entity_id}/statements", summary="What an entity said, or was said about it")
def entity_statements(
    request: Request,
    entity_id: Annotated[int, Path(ge=1)],
    page: PageDep,
    role: Annotated[str, Query(pattern="^(said|about)$")] = "said",
) -> Json:
    filters = (
        StatementFilter(speaker_id=entity_id)
        if role == "said"
        else StatementFilter(about=entity_id)
    )
    return views.statements(_ctx(request), filters, page).to_json()


@router.get("/measures", summary="Reconciled measures, widest conflicts first")
def measures(
    request: Request,
    page: PageDep,
    q: Search = None,
    conflict: Flag = None,
) -> Json:
    return _paged(request, views.measures(_ctx(request), page, q, conflict))


@router.get("/measures/{measure_id}", summary="One measure: estimates, summary, chart data")
def measure(request: Request, measure_id: Annotated[str, Path(pattern=MEASURE_ID)]) -> Json:
    ctx = _ctx(request)
    if ctx.snapshot() is None:
        raise _unavailable(request)
    data = views.measure(ctx, measure_id)
    if data is None:
        raise HTTPException(404, f"no measure {measure_id}")
    return data


@router.get("/disputes", summary="Claims and their rebuttals, latest first")
def disputes(request: Request, page: PageDep, resolved: Flag = None) -> Json:
    return _paged(request, views.disputes(_ctx(request), page, resolved))
