"""The initial-pull snapshot (protocol/snapshot.py): built, stored in chunks, served."""
