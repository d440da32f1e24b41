"""Every service with its new notation; typing a serial in any notation finds it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from hezo_desk.placeholders import fill
from hezo_desk.services.listing.serials import ServiceFilter, ServiceListing, read_serial
from hezo_desk.services.serials import (
    MAX_SERIAL_LENGTH,
    MIN_SERIAL_LENGTH,
    InvalidSerialError,
    SerialProblem,
)
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.tables.list_models import ServicesModel
from hezo_desk.ui.tables.list_screen import ListScreen, chain_tab_order

FILTER_DELAY_MS = 250
COLUMN_WIDTHS = [220, 150, 200, 150, 300, 190]


class SerialsScreen(ListScreen):
    """Emits `service_opened(id)` for Enter or a double click on a service."""

    service_opened = Signal(int)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "serials", parent)
        self.serial = QLineEdit(self)
        self.serial.setObjectName("serial")
        self.serial.setClearButtonEnabled(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.model = ServicesModel(ServiceListing(context.db), self.tasks, self, jobs=self.jobs)
        self.view = QTableView(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)

        top = QHBoxLayout()
        top.addWidget(self.serial, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.view, 1)
        self.problem.hide()
        self.retranslate()

        self.setup_table(self.view, self.model, "list", COLUMN_WIDTHS)
        self.watch(self.model)
        chain_tab_order(self.serial, self.view)
        self.serial.textChanged.connect(lambda _text: self._timer.start())
        self.serial.returnPressed.connect(self._apply_now)
        self._timer.timeout.connect(self._apply_filter)
        self.view.activated.connect(self._open)
        self.lead_to_results(self.serial, self.view, self._timer)
        self.model.start()

    @property
    def list_filter(self) -> ServiceFilter:
        return self.model.list_filter

    def focus_search(self) -> None:
        self.serial.setFocus()
        self.serial.selectAll()

    def refresh(self) -> None:
        self.model.refresh(self.kept(self.model))

    def retranslate(self) -> None:
        self.serial.setPlaceholderText(
            self.tr("Serial in any notation: (H)-FG1234567890, (H2)-…, FG1234567890")
        )
        self.serial.setToolTip(
            self.tr("The exact notation typed is shown in bold among the serial's services")
        )
        self.model.retranslate()
        if self.serial.text().strip():
            self._apply_filter()
        if not self.model.is_loading:
            self.show_count(self.model.row_count)

    def count_text(self, count: int) -> str:
        return self.tr("%Ln service(s)", "", count)

    def _apply_now(self) -> None:
        self._timer.stop()
        self._apply_filter()

    def _apply_filter(self) -> None:
        try:
            parsed = read_serial(self.serial.text())
        except InvalidSerialError as error:
            self.problem.setText(self._problem_text(error.problem))
            self.problem.show()
            return
        self.problem.hide()
        self.model.set_filter(ServiceFilter(serial=parsed))

    def _problem_text(self, problem: SerialProblem) -> str:
        if problem is SerialProblem.CHARACTERS:
            return self.tr("A serial number has only letters and digits.")
        if problem is SerialProblem.LENGTH:
            return fill(
                self.tr("A serial number has %1 to %2 characters."),
                str(MIN_SERIAL_LENGTH),
                str(MAX_SERIAL_LENGTH),
            )
        if problem is SerialProblem.INDEX:
            return self.tr("There is no (H0): a single service is written (H)-…")
        return self.tr("The notation holds no serial number.")

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.service_opened.emit(row.id)
