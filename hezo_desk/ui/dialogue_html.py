"""The dialogue of a ticket as HTML for a QTextBrowser: customer, agent and internal notes distinct.

Everything the people wrote is escaped: `<b>` or `<script>` in a message is shown as typed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from hezo_desk.enums import MessageKind
from hezo_desk.local_time import local_minute
from hezo_desk.services.records import MessageRow
from hezo_desk.ui.theme import DialogueColours


@dataclass(frozen=True)
class DialogueLabels:
    customer: str
    agent: str
    internal_note: str
    internal_warning: str
    empty: str


def dialogue_html(
    messages: Sequence[MessageRow], colours: DialogueColours, labels: DialogueLabels
) -> str:
    if not messages:
        return f"<p style='color:{colours.muted}'>{html.escape(labels.empty)}</p>"
    parts = [f"<html><body style='color:{colours.text}'>"]
    for message in messages:
        parts.append(_entry(message, colours, labels))
    parts.append("</body></html>")
    return "".join(parts)


def _entry(message: MessageRow, colours: DialogueColours, labels: DialogueLabels) -> str:
    kind_label = {
        MessageKind.CUSTOMER: labels.customer,
        MessageKind.AGENT: labels.agent,
        MessageKind.INTERNAL_NOTE: labels.internal_note,
    }[message.kind]
    background = {
        MessageKind.CUSTOMER: colours.customer_background,
        MessageKind.AGENT: colours.agent_background,
        MessageKind.INTERNAL_NOTE: colours.note_background,
    }[message.kind]
    when = local_minute(message.created_at)
    border = (
        f"border-left: 4px solid {colours.note_border};"
        if message.kind is MessageKind.INTERNAL_NOTE
        else ""
    )
    warning = (
        f"<div style='color:{colours.note_border}; font-weight:bold'>"
        f"{html.escape(labels.internal_warning)}</div>"
        if message.kind is MessageKind.INTERNAL_NOTE
        else ""
    )
    body = html.escape(message.body).replace("\n", "<br/>")
    align = "right" if message.kind is MessageKind.AGENT else "left"
    return (
        f"<a name='message-{message.id}'></a>"
        f"<table width='100%' cellspacing='0' cellpadding='8' "
        f"style='background-color:{background}; margin-bottom:8px; {border}'>"
        f"<tr><td align='{align}'><b>{html.escape(message.author_name)}</b> "
        f"<span style='color:{colours.muted}'>· {html.escape(kind_label)} · {when}</span>"
        f"{warning}</td></tr>"
        f"<tr><td style='white-space: pre-wrap'>{body}</td></tr></table>"
    )
