"""The web UI and HTTP API over a store (FastAPI, Jinja2 templates, vendored Chart.js)."""

from claimscope.web.app import create_app

__all__ = ["create_app"]
