"""Dialogs of the desk: sign-in, first start, settings."""
