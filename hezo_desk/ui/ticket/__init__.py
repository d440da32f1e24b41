"""The ticket window (`view.TicketView`) and the parts it is built from.

`facts` (title, who else has it open, the facts), `controls` (state, priority, assignee),
`panes` (dialogue, attachments, history), `composer` (reply or internal note, with its draft),
`conflict` (what to do when someone else changed the ticket first). The parts keep the
`TicketView` translation context, so the catalogue does not depend on how the window is cut.
"""
