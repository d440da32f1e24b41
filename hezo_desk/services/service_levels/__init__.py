"""Service levels: the calendars their targets count on, the one due computation, the levels.

`calendars` (24x7 and Warsaw business hours), `clock` (`due_instant` and its inverse
`elapsed`), `levels` (the default levels, the product rule, a ticket's dues). Pure Python:
no database, no Qt.
"""
