"""Cases (customer requests) on the server: their tables, the appliers of the four case
writes, what desks pull of them, the back office's reference lists and the report."""
