"""The desk's list screens: windowed table models over `services.listing` and their views."""
