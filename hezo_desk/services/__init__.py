"""The business of HEZO Desk: plain Python, no Qt. Each service takes a `Database`."""
