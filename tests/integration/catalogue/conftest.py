"""The catalogue's desk fixtures (``catalogue_pages``): a real migrated cache and its port."""

from __future__ import annotations

from catalogue_pages import apply_page, desk_cache, desk_uow, port

__all__ = ["apply_page", "desk_cache", "desk_uow", "port"]
