"""Orders in the window: the 360's Orders tab, the order view, the order search, phone orders."""
