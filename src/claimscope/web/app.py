"""The FastAPI application: pages, JSON API, static files, errors and security headers.

``create_app(store)`` serves one store read-only. Templates and static files ship inside the
package; nothing is fetched from elsewhere, and a strict Content-Security-Policy allows only this
server's own scripts and styles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimscope import __version__
from claimscope.store import Store
from claimscope.store.queries import Queries
from claimscope.web import api, pages
from claimscope.web.cache import VersionedCache
from claimscope.web.formatting import format_number, format_value
from claimscope.web.reconciled import Reconciled
from claimscope.web.views import Context

HERE = Path(__file__).resolve().parent

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the security headers to every HTTP response (pure ASGI, so cheap per request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["with_query"] = pages.with_query
    env.globals["link"] = pages.link
    env.filters["value"] = format_value
    env.filters["number"] = format_number
    return Jinja2Templates(env=env)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api")


def create_app(
    store: Store, reconcile_store: Store | None = None, recheck_s: float = 5.0
) -> FastAPI:
    """The web app over one store (opened read-only for serving, see ``open_readonly``);
    ``reconcile_store`` is where ``claimscope.reconcile`` may refresh its derived tables."""
    queries = Queries(store)
    app = FastAPI(
        title="claimscope",
        version=__version__,
        description="Who claims what, with which numbers, as of when, and who disputes it. "
        "Every list is paged with `page` (1-based) and `size` (at most 100).",
        docs_url=None,
        redoc_url=None,
    )
    cache = VersionedCache(queries.data_version, recheck_s)
    app.state.ctx = Context(queries, cache, Reconciled(reconcile_store or store, cache))
    app.state.templates = _templates()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if not _wants_html(request):
            return await http_exception_handler(request, exc)
        return _error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if not _wants_html(request):
            return await request_validation_exception_handler(request, exc)
        problems = [f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()]
        return _error_page(request, 422, "; ".join(problems))

    app.add_middleware(SecurityHeaders)
    return app


def _error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    context: dict[str, Any] = {"status": status, "detail": detail}
    return templates.TemplateResponse(request, "error.html", context, status_code=status)
