"""Orders at the desk: find, read, take a phone order, ask for a cancellation."""
