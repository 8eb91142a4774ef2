"""Orders in the desk's cache: tables, pull apply, the use cases' store, read queries."""
