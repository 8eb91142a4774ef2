"""Reporting on the server: the transaction feed, its export, and (later) the reports."""
