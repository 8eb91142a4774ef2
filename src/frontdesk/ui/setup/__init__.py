"""The desk's first run in the window: connect to the server, sign in, the first pull."""
