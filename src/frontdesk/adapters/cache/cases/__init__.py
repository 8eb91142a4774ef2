"""Cases in the desk's cache: tables, the store the use cases write through, the replica's
part of a pulled page, the full-text index, and the queue queries."""
