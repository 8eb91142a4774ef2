"""Alembic migrations of the central database (run with ``frontdesk.server.db.migrate``)."""
