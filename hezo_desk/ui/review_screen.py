"""The back office's review of migrated cases, one by one.

The queue lists migrated cases not yet reviewed, flagged ones first with their flags; "n of
N reviewed" shows how far the review is. Opening a case shows its facts, its flags and its
legacy dialogue PDF (Qt's PDF viewer); the reviewer links the right contract and serial and
marks the case reviewed. Both changes check the version the reviewer saw: when someone else
changed the case meanwhile, the screen says what changed and shows the case as it is now.

One screen in one module: the queue's model is a few lines; the rest is the case panel.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QModelIndex, QObject, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.placeholders import fill
from hezo_desk.services.records import TicketRow
from hezo_desk.services.review import (
    REVIEW_ROLES,
    ContractCandidate,
    ReviewCase,
    ReviewFilter,
    ReviewItem,
    ReviewProgress,
    ReviewQueueListing,
    ReviewService,
)
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.ui.access_widgets import ERROR_STYLE, OK_STYLE
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import coded_words, error_text, review_flag_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import display
from hezo_desk.ui.tables.list_screen import ListScreen
from hezo_desk.ui.tables.windowed_model import TableColumn, WindowedTableModel
from hezo_desk.ui.workers import TaskSet


class ReviewQueueModel(WindowedTableModel[ReviewItem, ReviewFilter]):
    def __init__(
        self,
        listing: ReviewQueueListing,
        tasks: TaskSet,
        parent: QObject | None = None,
        list_filter: ReviewFilter | None = None,
        jobs: TaskSet | None = None,
        **options: int,
    ) -> None:
        super().__init__(
            listing, list_filter or ReviewFilter(), tasks, parent, jobs=jobs, **options
        )

    def row_id(self, row: ReviewItem) -> int:
        return row.ticket_id

    def _columns(self) -> list[TableColumn[ReviewItem]]:
        return [
            TableColumn(
                self.tr("Flags"),
                self._flags,
                "queue",
                bold=lambda item: item.flagged,
                tooltip=lambda item: (
                    "\n".join(map(review_flag_text, item.flags)) or self.tr("no flags")
                ),
            ),
            TableColumn(self.tr("Number"), lambda item: item.number, "number"),
            TableColumn(self.tr("Legacy number"), lambda item: item.legacy_number or "", "legacy"),
            TableColumn(self.tr("Subject"), lambda item: item.subject, None),
            TableColumn(self.tr("Customer"), lambda item: item.customer_name, None),
            TableColumn(self.tr("Contract"), lambda item: item.contract_number or "—", None),
            TableColumn(self.tr("Serial"), lambda item: item.notation or "—", None),
            TableColumn(self.tr("Migrated"), lambda item: display(item.migrated_at), "migrated"),
        ]

    def _flags(self, item: ReviewItem) -> str:
        if not item.flags:
            return self.tr("—")
        return self.tr("%n flag(s)", "", len(item.flags)) + ": " + review_flag_text(item.flags[0])


class ReviewScreen(ListScreen):
    """Emits `reviewed(ticket_id)` after a case is marked reviewed."""

    reviewed = Signal(int)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "review", parent)
        self._service = ReviewService(context.db)
        self._labels = Labels(self)
        self._case: ReviewCase | None = None
        self._asked: int | None = None
        self._buffer: QBuffer | None = None
        self._may_change = context.actor.role in REVIEW_ROLES

        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("review_progress")
        # Long in Polish: wrapped, it never widens the window (nor does the PDF's line).
        self.progress_label.setWordWrap(True)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("review_progress_bar")
        self.progress_bar.setFormat("%p%")
        self.flagged_only = QCheckBox(self)
        self.flagged_only.setObjectName("flagged_only")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refresh")

        self.model = ReviewQueueModel(self._service.listing(), self.tasks, self, jobs=self.jobs)
        self.queue = QTableView(self)
        self.setup_table(self.queue, self.model, "queue", [200, 90, 90, 260, 200, 120, 160])
        self.watch(self.model)

        self.case_title = QLabel(self)
        self.case_title.setObjectName("case_title")
        self.case_title.setWordWrap(True)
        self.case_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(self)
        self.facts.setObjectName("case_facts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flags = QListWidget(self)
        self.flags.setObjectName("case_flags")
        self.flags.setWordWrap(True)
        self.flags.setMaximumHeight(90)
        self.contract_box = QComboBox(self)
        self.contract_box.setObjectName("contract_choice")
        self.service_box = QComboBox(self)
        self.service_box.setObjectName("service_choice")
        self.link_button = QPushButton(self)
        self.link_button.setObjectName("link")
        self.review_button = QPushButton(self)
        self.review_button.setObjectName("mark_reviewed")
        self.case_message = QLabel(self)
        self.case_message.setObjectName("case_message")
        self.case_message.setWordWrap(True)
        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("dialogue_pdf")
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_status = QLabel(self)
        self.pdf_status.setObjectName("pdf_status")
        self.pdf_status.setWordWrap(True)
        self._form_labels = [QLabel(self) for _ in range(2)]
        self._next_row = 0

        top = QHBoxLayout()
        top.addWidget(self.progress_label)
        top.addWidget(self.progress_bar, 1)
        top.addWidget(self.flagged_only)
        top.addWidget(self.refresh_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.queue, 1)
        left_layout.addWidget(self.status)
        link_form = QFormLayout()
        link_form.addRow(self._form_labels[0], self.contract_box)
        link_form.addRow(self._form_labels[1], self.service_box)
        actions = QHBoxLayout()
        actions.addWidget(self.link_button)
        actions.addStretch(1)
        actions.addWidget(self.review_button)
        case_panel = QWidget(self)
        case_layout = QVBoxLayout(case_panel)
        case_layout.setContentsMargins(0, 0, 0, 0)
        case_layout.addWidget(self.case_title)
        case_layout.addWidget(self.facts)
        case_layout.addWidget(self.flags)
        case_layout.addLayout(link_form)
        case_layout.addLayout(actions)
        case_layout.addWidget(self.case_message)
        pdf_panel = QWidget(self)
        pdf_layout = QVBoxLayout(pdf_panel)
        pdf_layout.setContentsMargins(0, 0, 0, 0)
        pdf_layout.addWidget(self.pdf_status)
        pdf_layout.addWidget(self.pdf_view, 1)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(case_panel)
        right.addWidget(pdf_panel)
        right.setStretchFactor(1, 2)
        right.setSizes([430, 470])
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.queue.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.model.loaded.connect(lambda _count: self._select_first_if_none())
        self.flagged_only.toggled.connect(
            lambda checked: self.model.set_filter(ReviewFilter(flagged_only=checked))
        )
        self.refresh_button.clicked.connect(self.refresh)
        self.contract_box.currentIndexChanged.connect(lambda _i: self._fill_services())
        self.link_button.clicked.connect(self.link)
        self.review_button.clicked.connect(self.mark_reviewed)
        self.retranslate()
        self._show_case(None)
        self.model.start()
        self._load_progress()

    # ----- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.flagged_only.setText(self.tr("&Flagged only"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.link_button.setText(self.tr("&Link contract and serial"))
        self.review_button.setText(self.tr("&Mark reviewed"))
        self._form_labels[0].setText(self.tr("Contract:"))
        self._form_labels[1].setText(self.tr("Serial:"))
        self.model.retranslate()
        if self._case is not None:
            self._show_case(self._case)

    def count_text(self, count: int) -> str:
        return self.tr("%Ln case(s) waiting for review", "", count)

    # ----- the queue ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.refresh(self.kept(self.model))
        self._load_progress()

    def follow_ticket_changes(self, ticket_ids: frozenset[int]) -> None:
        """Cases changed here or elsewhere: their rows, the queue if cases came or went, and
        the progress. The case being worked on stays as it is (its choices may be half made)."""
        self.model.follow_changes(ticket_ids, self.kept(self.model))
        self._load_progress()

    def _load_progress(self) -> None:
        service = self._service
        self.tasks.start(
            lambda _control: service.progress(),
            finished=self._show_progress,
            failed=lambda error: self.show_error(error_text(error)),
        )

    def _show_progress(self, progress: ReviewProgress) -> None:
        text = fill(
            self.tr("%1 of %2 migrated cases reviewed"), str(progress.reviewed), str(progress.total)
        )
        if progress.flagged_waiting:
            text += " · " + self.tr("%n flagged waiting", "", progress.flagged_waiting)
        self.progress_label.setText(text)
        self.progress_bar.setRange(0, max(progress.total, 1))
        self.progress_bar.setValue(progress.reviewed)

    def _select_first_if_none(self) -> None:
        if not self.queue.currentIndex().isValid() and self.model.rowCount() > 0:
            self.queue.setCurrentIndex(self.model.index(0, 0))

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.row_at(current.row()) if current.isValid() else None
        if item is not None:
            self.open_case(item.ticket_id)

    # ----- one case ----------------------------------------------------------------------------

    def open_case(self, ticket_id: int) -> None:
        """Load a case and its dialogue PDF (in the background) and show them."""
        self._asked = ticket_id
        service = self._service
        self.case_message.clear()
        self.pdf_status.setText(self.tr("Loading the dialogue…"))

        def work(_control: object) -> tuple[ReviewCase, bytes | None]:
            return service.case(ticket_id), service.dialogue_pdf(ticket_id)

        self.tasks.start(work, finished=self._case_loaded, failed=self._case_failed)

    @property
    def case(self) -> ReviewCase | None:
        return self._case

    def _case_loaded(self, result: tuple[ReviewCase, bytes | None]) -> None:
        case, pdf = result
        if case.ticket.id != self._asked:
            return  # the reviewer moved on meanwhile
        self._show_case(case)
        self._show_pdf(pdf)

    def _case_failed(self, error: object) -> None:
        self.case_message.setStyleSheet(ERROR_STYLE)
        self.case_message.setText(error_text(error))

    def _show_case(self, case: ReviewCase | None) -> None:
        self._case = case
        enabled = case is not None and self._may_change
        for widget in (self.contract_box, self.service_box, self.link_button, self.review_button):
            widget.setEnabled(enabled)
        if case is None:
            self.case_title.setText(self.tr("Choose a case in the queue."))
            self.facts.clear()
            self.flags.clear()
            self.contract_box.clear()
            self.service_box.clear()
            self.pdf_document.close()
            self.pdf_status.clear()
            return
        ticket = case.ticket
        self.case_title.setText(
            f"<b>{_html(ticket.number)}</b> · {_html(ticket.legacy_number or '')} — "
            f"{_html(ticket.subject)}"
        )
        facts = [
            (self.tr("Customer"), f"{ticket.customer_name} ({ticket.tax_id})"),
            (self.tr("State"), self._labels.state(ticket.state)),
            (self.tr("Priority"), self._labels.priority(ticket.priority)),
            (self.tr("Opened"), display(ticket.opened_at)),
            (self.tr("Contract"), ticket.contract_number or self.tr("not linked")),
            (self.tr("Serial"), ticket.notation or self.tr("not linked")),
            (
                self.tr("In the legacy system"),
                fill(
                    self.tr("contract %1, serial %2"),
                    case.legacy_contract or "—",
                    case.legacy_serial or "—",
                ),
            ),
            (
                self.tr("Dialogue"),
                fill(
                    self.tr("%1 message(s), of which %2 internal note(s)"),
                    str(case.message_count),
                    str(case.internal_note_count),
                ),
            ),
            (
                self.tr("Migrated"),
                fill(
                    self.tr("%1 (run %2)"),
                    display(case.migrated_at),
                    str(case.migration_run_id or "—"),
                ),
            ),
        ]
        if case.reviewed_at is not None:
            facts.append(
                (
                    self.tr("Reviewed"),
                    f"{display(case.reviewed_at)} · {case.reviewed_by or ''}",
                )
            )
            self.link_button.setEnabled(enabled)
            self.review_button.setEnabled(False)
        self.facts.setText(
            "<table>"
            + "".join(
                f"<tr><td><i>{_html(name)}</i>&nbsp;&nbsp;</td><td>{_html(value)}</td></tr>"
                for name, value in facts
            )
            + "</table>"
        )
        self.flags.clear()
        self.flags.addItems(
            [review_flag_text(flag) for flag in case.flags]
            or [self.tr("No flags: the migration linked it.")]
        )
        self._fill_contracts(case)

    def _fill_contracts(self, case: ReviewCase) -> None:
        self.contract_box.blockSignals(True)
        self.contract_box.clear()
        current = 0
        for number, candidate in enumerate(case.candidates):
            contract = candidate.contract
            self.contract_box.addItem(
                f"{contract.number} · {self._labels.contract_state(contract.state)} · "
                f"{contract.reseller_name}",
                contract.id,
            )
            if contract.id == case.ticket.contract_id:
                current = number
        if not case.candidates:
            self.contract_box.addItem(self.tr("The customer has no contract in the desk"), None)
            self.link_button.setEnabled(False)
        self.contract_box.setCurrentIndex(current)
        self.contract_box.blockSignals(False)
        self._fill_services()

    def _candidate(self) -> ContractCandidate | None:
        if self._case is None:
            return None
        contract_id = self.contract_box.currentData()
        return next((c for c in self._case.candidates if c.contract.id == contract_id), None)

    def _fill_services(self) -> None:
        self.service_box.clear()
        candidate = self._candidate()
        self.service_box.addItem(self.tr("(no serial)"), None)
        if candidate is None or self._case is None:
            return
        current = 0
        for number, service in enumerate(candidate.services, start=1):
            self.service_box.addItem(f"{service.notation} · {service.product}", service.id)
            if service.id == self._case.ticket.service_id:
                current = number
        if not current and len(candidate.services) == 1:
            current = 1
        self.service_box.setCurrentIndex(current)

    def _show_pdf(self, pdf: bytes | None) -> None:
        self.pdf_document.close()
        if self._buffer is not None:
            self._buffer.deleteLater()
            self._buffer = None
        if pdf is None:
            self.pdf_status.setText(self.tr("This case has no legacy dialogue PDF."))
            return
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.pdf_document.load(buffer)
        self.pdf_status.setText(
            self.tr("Legacy dialogue (internal: notes included) – %n page(s)", "",
                    self.pdf_document.pageCount())
        )  # fmt: skip

    # ----- changes ------------------------------------------------------------------------------

    def link(self) -> None:
        case = self._case
        contract_id = self.contract_box.currentData()
        if case is None or contract_id is None:
            return
        service_id = self.service_box.currentData()
        actor, service, version = self.context.actor, self._service, case.ticket.version
        ticket_id = case.ticket.id
        reseller_before = case.ticket.reseller_name
        self._busy(True)
        self.tasks.start(
            lambda _control: service.link(
                actor, ticket_id, contract_id, service_id, expected_version=version
            ),
            finished=lambda row: self._changed(ticket_id, self._linked(reseller_before, row)),
            failed=lambda error: self._change_failed(ticket_id, error),
        )

    def _linked(self, reseller_before: str | None, row: TicketRow) -> str:
        """What linking did; when the ticket moved to another reseller, that the customer's
        decision about it is needed (a yes for the one before ended)."""
        if reseller_before is None or row.reseller_name in (None, reseller_before):
            return self.tr("Linked.")
        return fill(
            self.tr(
                "Linked. The ticket moved from %1 to %2: a yes of the customer does not carry "
                "over. Ask the customer whether %2 may see it and record the decision on the "
                "ticket's Reseller access tab."
            ),
            reseller_before,
            row.reseller_name or "",
        )

    def mark_reviewed(self) -> None:
        case = self._case
        if case is None:
            return
        actor, service, version = self.context.actor, self._service, case.ticket.version
        ticket_id = case.ticket.id
        self._busy(True)
        self.tasks.start(
            lambda _control: service.mark_reviewed(actor, ticket_id, expected_version=version),
            finished=lambda _row: self._reviewed(ticket_id),
            failed=lambda error: self._change_failed(ticket_id, error),
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.link_button, self.review_button):
            widget.setEnabled(not busy and self._may_change)
        if busy:
            self.case_message.setStyleSheet("")
            self.case_message.setText(self.tr("Saving…"))

    def _changed(self, ticket_id: int, text: str) -> None:
        self._busy(False)
        self.case_message.setStyleSheet(OK_STYLE)
        self.case_message.setText(text)
        self.model.refresh_ids([ticket_id])
        if self._asked == ticket_id:
            self._reload_case(ticket_id)

    def _reload_case(self, ticket_id: int) -> None:
        service = self._service
        self.tasks.start(
            lambda _control: service.case(ticket_id),
            finished=lambda case: self._show_case(case) if case.ticket.id == self._asked else None,
            failed=self._case_failed,
        )

    def _reviewed(self, ticket_id: int) -> None:
        self._busy(False)
        self.case_message.setStyleSheet(OK_STYLE)
        self.case_message.setText(self.tr("Marked reviewed."))
        row = self.queue.currentIndex().row()
        self.reviewed.emit(ticket_id)
        self._asked = None
        self._show_case(None)
        self.queue.clearSelection()
        self.queue.setCurrentIndex(QModelIndex())
        self._next_row = row
        self.model.loaded.connect(self._select_after_review)
        self.refresh()

    def _select_after_review(self, count: int) -> None:
        self.model.loaded.disconnect(self._select_after_review)
        if count:
            row = min(self._next_row, count - 1)
            self.queue.setCurrentIndex(self.model.index(max(row, 0), 0))

    def _change_failed(self, ticket_id: int, error: object) -> None:
        self._busy(False)
        self.case_message.setStyleSheet(ERROR_STYLE)
        if isinstance(error, TicketConflictError):
            self.case_message.setText(
                error_text(error)
                + "\n"
                + "\n".join(coded_words(line) for line in error.changes[:3])
                + "\n"
                + self.tr("The case is shown as it is now; check it and try again.")
            )
            self.model.refresh_ids([ticket_id])
            self._reload_case(ticket_id)
            return
        self.case_message.setText(error_text(error))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
