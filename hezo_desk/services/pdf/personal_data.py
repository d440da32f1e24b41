"""The readable PDF of a right-of-access report (RODO art. 15): one person, every category.

Built from the blocks of the case PDF (`flowables`: text wrapped and drawn as plain strings,
never parsed as markup; the embedded DejaVu family, so Polish letters print) with its page
footer. The words are English source strings marked for the desk's one catalogue (context
"PersonalDataPdf"; the names of states, channels and message kinds are the case PDF's and the
desk's own) and printed in the language asked for.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate, Spacer

from hezo_desk.audit_words import action_words, entry_words
from hezo_desk.catalogue import QT_TRANSLATE_NOOP, Catalogue
from hezo_desk.enums import Channel, Language
from hezo_desk.local_time import local_minute
from hezo_desk.placeholders import fill
from hezo_desk.services.pdf.flowables import (
    BODY_SIZE,
    MUTED,
    SMALL_LEADING,
    SMALL_SIZE,
    Entry,
    Grid,
    Style,
    TextBlock,
)
from hezo_desk.services.pdf.fonts import FontSet, dejavu_fonts
from hezo_desk.services.pdf.labels import labels_for
from hezo_desk.services.pdf.render import (
    CREATOR,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    _Footer,
    _NumberedCanvas,
    _Replaced,
    body_frame,
)

if TYPE_CHECKING:
    from hezo_desk.services.personal_data.access import PersonalDataReport

CONTEXT = "PersonalDataPdf"
DESK_NAMES = "Labels"


@dataclass(frozen=True)
class _Words:
    translate: Callable[[str], str]
    desk: Callable[[str], str]
    # Any context of the catalogue (the audit log's words, hezo_desk/audit_words.py).
    any_context: Callable[[str, str], str]

    def channel(self, channel: Channel) -> str:
        names = {
            Channel.PHONE: QT_TRANSLATE_NOOP("Labels", "phone"),
            Channel.PORTAL: QT_TRANSLATE_NOOP("Labels", "portal"),
            Channel.WEB_FORM: QT_TRANSLATE_NOOP("Labels", "web form"),
            Channel.EMAIL: QT_TRANSLATE_NOOP("Labels", "e-mail"),
            Channel.MIGRATION: QT_TRANSLATE_NOOP("Labels", "migration"),
        }
        return self.desk(names[channel])


def _words(language: Language, catalogue: Catalogue) -> _Words:
    translation = catalogue.language(language.value)
    return _Words(
        translate=lambda source: translation.translate(CONTEXT, source),
        desk=lambda source: translation.translate(DESK_NAMES, source),
        any_context=translation.translate,
    )


def render_personal_data_pdf(
    report: PersonalDataReport, language: Language, catalogue: Catalogue | None = None
) -> bytes:
    """The report as a PDF in `language`. Deterministic: the same report gives the same bytes."""
    fonts = dejavu_fonts()
    catalogue = catalogue or Catalogue()
    words = _words(language, catalogue)
    case_labels = labels_for(language, catalogue)
    tr = words.translate
    replaced = _Replaced(fonts)
    person = report.person
    footer = _Footer(
        number=fill(tr(QT_TRANSLATE_NOOP("PersonalDataPdf", "Contact #%1")), person.id),
        exported=replaced.text(
            fill(
                tr(QT_TRANSLATE_NOOP("PersonalDataPdf", "Prepared by %1, %2")),
                report.prepared_by,
                local_minute(report.prepared_at),
            ),
            fonts.regular,
        ),
        page=case_labels.page,
        fonts=fonts,
    )
    story = _Story(fonts, replaced, words)
    story.build(report, case_labels.yes, case_labels.no, case_labels.kinds, case_labels.states)
    if replaced.any:
        story.flowables.append(Spacer(1, 4))
        story.flowables.append(
            TextBlock(
                case_labels.replaced_note,
                Style(fonts.oblique, SMALL_SIZE, SMALL_LEADING, MUTED),
            )
        )
    buffer = io.BytesIO()
    title = tr(QT_TRANSLATE_NOOP("PersonalDataPdf", "Personal data held by HEZO Desk"))
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{title} – {person.full_name}",
        author=report.prepared_by,
        subject=tr(QT_TRANSLATE_NOOP("PersonalDataPdf", "Right of access (RODO art. 15)")),
        creator=CREATOR,
        invariant=1,
        lang=language.value,
        initialFontName=fonts.regular,
        initialFontSize=BODY_SIZE,
    )
    frame = body_frame()
    template.addPageTemplates([PageTemplate(id="personal_data", frames=[frame])])

    def canvas_maker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, footer=footer, exported_at=report.prepared_at, **kwargs)

    template.build(story.flowables, canvasmaker=canvas_maker)
    return buffer.getvalue()


class _Story:
    """The flowables of the report, section by section."""

    def __init__(self, fonts: FontSet, replaced: _Replaced, words: _Words) -> None:
        self.flowables: list[Flowable] = []
        self._fonts = fonts
        self._replaced = replaced
        self._words = words
        self._label = Style(fonts.bold, SMALL_SIZE + 0.5, SMALL_LEADING + 0.5, MUTED)
        self._value = Style(fonts.regular, SMALL_SIZE + 0.5, SMALL_LEADING + 0.5)
        self._section = Style(fonts.bold, 11, 14)

    def _text(self, text: str | None, bold: bool = False) -> str:
        font = self._fonts.bold if bold else self._fonts.regular
        return self._replaced.text(text or "", font)

    def build(
        self,
        report: PersonalDataReport,
        yes: str,
        no: str,
        kinds: Mapping[Any, str],
        states: Mapping[Any, str],
    ) -> None:
        tr = self._words.translate
        person, company = report.person, report.company
        self.flowables += [
            TextBlock(
                self._text(
                    tr(QT_TRANSLATE_NOOP("PersonalDataPdf", "Personal data held by HEZO Desk")),
                    bold=True,
                ),
                Style(self._fonts.bold, 16, 20),
            ),
            TextBlock(
                self._text(person.full_name, bold=True),
                Style(self._fonts.bold, 12, 15),
                space_after=3,
            ),
            TextBlock(
                tr(
                    QT_TRANSLATE_NOOP(
                        "PersonalDataPdf",
                        "Everything HEZO Desk holds about this person (right of access, RODO "
                        "art. 15). The same content is in the accompanying JSON file.",
                    )
                ),
                Style(self._fonts.oblique, SMALL_SIZE + 1, SMALL_LEADING + 1, MUTED),
                space_after=8,
            ),
        ]
        facts = [
            (QT_TRANSLATE_NOOP("PersonalDataPdf", "Contact id"), str(person.id)),
            (QT_TRANSLATE_NOOP("PersonalDataPdf", "First name"), person.first_name),
            (QT_TRANSLATE_NOOP("PersonalDataPdf", "Last name"), person.last_name),
            (QT_TRANSLATE_NOOP("PersonalDataPdf", "E-mail"), person.email),
            (QT_TRANSLATE_NOOP("PersonalDataPdf", "Phone"), person.phone),
            (QT_TRANSLATE_NOOP("PersonalDataPdf", "Language"), self._language(person.language)),
            (
                QT_TRANSLATE_NOOP("PersonalDataPdf", "Registered"),
                local_minute(person.registered_at),
            ),
            (QT_TRANSLATE_NOOP("PersonalDataPdf", "Registered by"), person.registered_by),
            (QT_TRANSLATE_NOOP("PersonalDataPdf", "Last changed"), local_minute(person.updated_at)),
            (QT_TRANSLATE_NOOP("PersonalDataPdf", "Company"), company.name),
            (QT_TRANSLATE_NOOP("PersonalDataPdf", "Tax ID"), company.tax_id),
        ]
        self.flowables.append(
            Grid(
                [(0.3, self._label), (0.7, self._value)],
                [
                    [self._text(tr(label), bold=True), self._text(value)]
                    for label, value in facts
                    if value
                ],
                space_after=4,
            )
        )
        self.flowables.append(
            TextBlock(
                tr(QT_TRANSLATE_NOOP("PersonalDataPdf", "Times are Polish local time.")),
                Style(self._fonts.oblique, SMALL_SIZE, SMALL_LEADING, MUTED),
                space_after=10,
            )
        )
        self._table(
            QT_TRANSLATE_NOOP("PersonalDataPdf", "Registrations"),
            [
                (0.18, QT_TRANSLATE_NOOP("PersonalDataPdf", "When")),
                (0.22, QT_TRANSLATE_NOOP("PersonalDataPdf", "Agent")),
                (0.2, QT_TRANSLATE_NOOP("PersonalDataPdf", "Contract")),
                (0.2, QT_TRANSLATE_NOOP("PersonalDataPdf", "Serial as given")),
                (0.2, QT_TRANSLATE_NOOP("PersonalDataPdf", "Serial read back")),
            ],
            [
                [
                    local_minute(r.recorded_at),
                    r.agent,
                    r.contract_number,
                    r.typed_serial,
                    r.read_back,
                ]
                for r in report.registrations
            ],
        )
        self._table(
            QT_TRANSLATE_NOOP("PersonalDataPdf", "Tickets raised"),
            [
                (0.15, QT_TRANSLATE_NOOP("PersonalDataPdf", "Ticket")),
                (0.39, QT_TRANSLATE_NOOP("PersonalDataPdf", "Subject")),
                (0.14, QT_TRANSLATE_NOOP("PersonalDataPdf", "State")),
                (0.16, QT_TRANSLATE_NOOP("PersonalDataPdf", "Opened")),
                (0.16, QT_TRANSLATE_NOOP("PersonalDataPdf", "Closed")),
            ],
            [
                [
                    t.number,
                    t.subject,
                    states[t.state],
                    local_minute(t.opened_at),
                    local_minute(t.closed_at),
                ]
                for t in report.tickets
            ],
        )
        self._section_title(
            QT_TRANSLATE_NOOP("PersonalDataPdf", "Messages written"), len(report.messages)
        )
        for message in report.messages:
            header = " · ".join(
                [
                    message.ticket_number,
                    kinds[message.kind],
                    message.author_name,
                    local_minute(message.created_at),
                ]
            )
            self.flowables.append(
                Entry(
                    self._text(header, bold=True),
                    self._text(message.body),
                    message.kind,
                    self._fonts,
                )
            )
        if not report.messages:
            self._none()
        self.flowables.append(Spacer(1, 6))
        self._table(
            QT_TRANSLATE_NOOP("PersonalDataPdf", "Reseller-access decisions requested"),
            [
                (0.16, QT_TRANSLATE_NOOP("PersonalDataPdf", "When")),
                (0.14, QT_TRANSLATE_NOOP("PersonalDataPdf", "Ticket")),
                (0.12, QT_TRANSLATE_NOOP("PersonalDataPdf", "Access")),
                (0.2, QT_TRANSLATE_NOOP("PersonalDataPdf", "Requested as")),
                (0.12, QT_TRANSLATE_NOOP("PersonalDataPdf", "Channel")),
                (0.26, QT_TRANSLATE_NOOP("PersonalDataPdf", "Agent, note")),
            ],
            [
                [
                    local_minute(d.recorded_at),
                    d.ticket_number,
                    yes if d.granted else no,
                    d.requested_by_name,
                    self._words.channel(d.channel),
                    ", ".join(part for part in (d.agent, d.note) if part),
                ]
                for d in report.access_decisions
            ],
        )
        self._table(
            QT_TRANSLATE_NOOP("PersonalDataPdf", "Audit entries"),
            [
                (0.16, QT_TRANSLATE_NOOP("PersonalDataPdf", "When")),
                (0.18, QT_TRANSLATE_NOOP("PersonalDataPdf", "Agent")),
                (0.2, QT_TRANSLATE_NOOP("PersonalDataPdf", "Action")),
                (0.46, QT_TRANSLATE_NOOP("PersonalDataPdf", "What was recorded")),
            ],
            [
                [
                    local_minute(a.recorded_at),
                    a.agent,
                    action_words(a.action, self._words.any_context),
                    entry_words(
                        a.action,
                        a.details,
                        ticket_number=a.ticket_number,
                        agent_login=a.agent,
                        summary=a.summary,
                        translate=self._words.any_context,
                    ),
                ]
                for a in report.audit_entries
            ],
        )
        self._table(
            QT_TRANSLATE_NOOP("PersonalDataPdf", "Calls"),
            [
                (0.2, QT_TRANSLATE_NOOP("PersonalDataPdf", "When")),
                (0.2, QT_TRANSLATE_NOOP("PersonalDataPdf", "Direction")),
                (0.3, QT_TRANSLATE_NOOP("PersonalDataPdf", "Number")),
                (0.3, QT_TRANSLATE_NOOP("PersonalDataPdf", "Ticket")),
            ],
            [
                [
                    local_minute(c.started_at),
                    self._direction(c.direction),
                    c.number,
                    c.ticket_number,
                ]
                for c in report.calls
            ],
        )

    def _direction(self, direction: str) -> str:
        names = {
            "in": QT_TRANSLATE_NOOP("PersonalDataPdf", "incoming"),
            "out": QT_TRANSLATE_NOOP("PersonalDataPdf", "outgoing"),
        }
        return self._words.translate(names[direction])

    def _language(self, language: Language) -> str:
        names = {
            Language.POLISH: QT_TRANSLATE_NOOP("PersonalDataPdf", "Polish"),
            Language.ENGLISH: QT_TRANSLATE_NOOP("PersonalDataPdf", "English"),
        }
        return self._words.translate(names[language])

    def _section_title(self, source: str, count: int) -> None:
        title = f"{self._words.translate(source)} ({count})"
        self.flowables.append(TextBlock(self._text(title, bold=True), self._section, space_after=5))

    def _none(self) -> None:
        none = self._words.translate(QT_TRANSLATE_NOOP("PersonalDataPdf", "None."))
        self.flowables.append(TextBlock(none, self._value, space_after=6))

    def _table(
        self,
        source: str,
        columns: Sequence[tuple[float, str]],
        rows: Sequence[Sequence[str | None]],
    ) -> None:
        self._section_title(source, len(rows))
        if not rows:
            self._none()
            return
        self.flowables.append(
            Grid(
                [(fraction, self._value) for fraction, _ in columns],
                [[self._text(cell) for cell in row] for row in rows],
                header=[self._text(self._words.translate(name), bold=True) for _, name in columns],
                space_after=8,
            )
        )
