"""The central server: FastAPI over SQLAlchemy (SQLite by default, PostgreSQL in production)."""
