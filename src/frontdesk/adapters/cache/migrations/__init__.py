"""Alembic migrations of the local cache, run programmatically when the cache opens."""
