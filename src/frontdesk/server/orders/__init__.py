"""Orders: created and moved by the back office, placed and cancel-requested at desks."""
