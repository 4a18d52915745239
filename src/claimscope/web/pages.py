"""The HTML pages: overview, articles, statements, measures, disputes, entities and the API list.

Each route validates its parameters, asks ``views`` for the data and renders a template; the
templates escape everything they print.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from claimscope.store.queries import PageRequest, StatementFilter
from claimscope.web import views
from claimscope.web.params import (
    ARTICLE_ID,
    MAX_PAGE,
    MEASURE_ID,
    Flag,
    Outlet,
    Search,
    TypeFilter,
    page_request,
    statement_filter,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PageDep = Annotated[PageRequest, Depends(page_request)]
ArticleId = Annotated[str, Path(pattern=ARTICLE_ID)]


def link(path: str, **params: Any) -> str:
    """``path`` with the given query parameters (None leaves one out), URL-encoded."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{path}?{query}" if query else path


def with_query(request: Request, **params: Any) -> str:
    """Path and query of the current request with ``params`` replaced (None removes one)."""
    keep = {k: v for k, v in request.query_params.items() if k not in params}
    return link(request.url.path, **keep, **params)


def _render(request: Request, template: str, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    context["reconcile_problem"] = _ctx(request).reconciled.problem
    return templates.TemplateResponse(request, template, context)


def _ctx(request: Request) -> views.Context:
    return request.app.state.ctx


@router.get("/")
def overview_page(request: Request) -> HTMLResponse:
    return _render(request, "overview.html", data=views.overview(_ctx(request)))


@router.get("/articles")
def articles_page(
    request: Request, page: PageDep, outlet: Outlet = None, q: Search = None
) -> HTMLResponse:
    ctx = _ctx(request)
    result = ctx.queries.articles(page, outlet=outlet, q=q)
    return _render(
        request,
        "articles.html",
        result=result,
        outlet=outlet,
        q=q,
        outlets=ctx.outlets(),
    )


@router.get("/articles/{article_id}")
def article_page(
    request: Request,
    article_id: ArticleId,
    mark: Annotated[str | None, Query(pattern=r"^\d{1,7}-\d{1,7}$")] = None,
) -> HTMLResponse:
    span = tuple(int(x) for x in mark.split("-")) if mark else None
    data = views.article(_ctx(request), article_id, span)  # type: ignore[arg-type]
    if data is None:
        raise HTTPException(404, f"no article {article_id}")
    return _render(request, "article.html", art=data)


@router.get("/statements")
def statements_page(
    request: Request,
    page: PageDep,
    filters: Annotated[StatementFilter, Depends(statement_filter)],
) -> HTMLResponse:
    ctx = _ctx(request)
    result = views.statements(ctx, filters, page)
    return _render(request, "statements.html", result=result, f=filters, outlets=ctx.outlets())


@router.get("/measures")
def measures_page(
    request: Request,
    page: PageDep,
    q: Search = None,
    conflict: Flag = None,
) -> HTMLResponse:
    result = views.measures(_ctx(request), page, q, conflict)
    return _render(request, "measures.html", result=result, q=q, conflict=conflict)


@router.get("/measures/{measure_id}")
def measure_page(
    request: Request, measure_id: Annotated[str, Path(pattern=MEASURE_ID)]
) -> HTMLResponse:
    data = views.measure(_ctx(request), measure_id)
    if data is None:
        raise HTTPException(404, f"no measure {measure_id}")
    return _render(request, "measure.html", m=data)


@router.get("/disputes")
def disputes_page(
    request: Request,
    page: PageDep,
    resolved: Flag = None,
) -> HTMLResponse:
    result = views.disputes(_ctx(request), page, resolved)
    return _render(request, "disputes.html", result=result, resolved=resolved)


@router.get("/entities")
def entities_page(
    request: Request,
    page: PageDep,
    q: Search = None,
    type: TypeFilter = None,
) -> HTMLResponse:
    result = _ctx(request).entities(page, q, type)
    return _render(request, "entities.html", result=result, q=q, type=type)


@router.get("/entities/{entity_id}")
def entity_page(
    request: Request,
    entity_id: Annotated[int, Path(ge=1)],
    said_page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    about_page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    data = views.entity(
        _ctx(request), entity_id, PageRequest(said_page, 20), PageRequest(about_page, 20)
    )
    if data is None:
        raise HTTPException(404, f"no entity {entity_id}")
    return _render(request, "entity.html", ent=data)


@router.get("/api")
def api_page(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    return _render(request, "api.html", paths=schema["paths"])
