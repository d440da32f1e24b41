"""Text from the database shown in a tooltip exactly as it was written.

Qt draws a tooltip as rich text when it merely looks like HTML: a ticket subject such as
`<b>Łódź</b>` would show in bold, and markup typed by a customer could change what an agent
sees. A tooltip that holds `<` or `&` is therefore escaped and wrapped as rich text of its own,
which Qt then shows character for character (line breaks kept).
"""

from __future__ import annotations

import html


def tooltip_text(text: object) -> object:
    """`text` as a tooltip that shows every character as written; other values as they are."""
    if not isinstance(text, str) or ("<" not in text and "&" not in text):
        return text
    return f'<p style="white-space: pre-wrap">{html.escape(text, quote=False)}</p>'
