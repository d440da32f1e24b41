"""Service contracts: filters by state, reseller and approaching end; the chosen contract's
services, with their new notation, below the list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import ContractState
from hezo_desk.errors import InputField
from hezo_desk.placeholders import fill
from hezo_desk.services.limits import max_length
from hezo_desk.services.listing.contracts import ContractFilter, ContractListing, ResellerChoice
from hezo_desk.services.listing.serials import ServiceFilter, ServiceListing
from hezo_desk.services.records import ContractRow
from hezo_desk.services.service_levels.store import ServiceLevelRow, ServiceLevelStore
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.service_levels_screen import ServiceLevelDialog, may_set_service_level
from hezo_desk.ui.tables.list_models import ContractsModel, ServicesModel
from hezo_desk.ui.tables.list_screen import (
    ListScreen,
    chain_tab_order,
    choice_index,
    fill_combo,
)
from hezo_desk.ui.workers import TaskControl

FILTER_DELAY_MS = 300
DEFAULT_EXPIRING_DAYS = 30
MAX_EXPIRING_DAYS = 3650
STATE_CHOICES: list[frozenset[ContractState]] = [
    frozenset(),
    *[frozenset({state}) for state in ContractState],
]
CONTRACT_WIDTHS = [150, 300, 130, 260, 190, 90, 70]
SERVICE_WIDTHS = [220, 150, 200, 150, 260, 190]


class ContractsScreen(ListScreen):
    """Emits `contract_opened(id)` when a contract is opened (Enter, double click)."""

    contract_opened = Signal(int)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "contracts", parent)
        self._labels = Labels(self)
        self._listing = ContractListing(context.db)
        self._resellers: list[ResellerChoice] = []
        self._shown_contract: int | None = None
        self.text = QLineEdit(self)
        # What the filter reads (a number, a tax id, a name) is never longer than a lookup.
        self.text.setMaxLength(max_length(InputField.LOOKUP))
        self.text.setObjectName("text")
        self.text.setClearButtonEnabled(True)
        self.state = QComboBox(self)
        self.state.setObjectName("state")
        self.reseller = QComboBox(self)
        self.reseller.setObjectName("reseller")
        self.reseller.setMinimumContentsLength(24)
        self.expiring = QCheckBox(self)
        self.expiring.setObjectName("expiring")
        self.days = QSpinBox(self)
        self.days.setObjectName("days")
        self.days.setRange(0, MAX_EXPIRING_DAYS)
        self.days.setValue(DEFAULT_EXPIRING_DAYS)
        self.days.setEnabled(False)
        self.model = ContractsModel(self._listing, self.tasks, self, jobs=self.jobs)
        self.view = QTableView(self)
        self.services_title = QLabel(self)
        self.services_title.setObjectName("services_title")
        self.services_model = ServicesModel(
            ServiceListing(context.db), self.tasks, self, jobs=self.jobs
        )
        self.services_view = QTableView(self)
        # The chosen service's level; the back office changes it.
        self.service_level = QLabel(self)
        self.service_level.setObjectName("service_level")
        self.level_button = QPushButton(self)
        self.level_button.setObjectName("change_level")
        self.level_button.setVisible(may_set_service_level(context.actor.role))
        self.level_button.setEnabled(False)
        self.level_dialog: ServiceLevelDialog | None = None
        self._level_store = ServiceLevelStore(context.db)
        self._shown_service: ServiceLevelRow | None = None
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(FILTER_DELAY_MS)

        filters = QHBoxLayout()
        filters.addWidget(self.text, 1)
        filters.addWidget(self.state)
        filters.addWidget(self.reseller)
        filters.addWidget(self.expiring)
        filters.addWidget(self.days)
        services = QWidget(self)
        services_layout = QVBoxLayout(services)
        services_layout.setContentsMargins(0, 0, 0, 0)
        services_header = QHBoxLayout()
        services_header.addWidget(self.services_title, 1)
        services_header.addWidget(self.service_level)
        services_header.addWidget(self.level_button)
        services_layout.addLayout(services_header)
        services_layout.addWidget(self.services_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(services)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self.retranslate()

        self.setup_table(self.view, self.model, "list", CONTRACT_WIDTHS)
        self.setup_table(self.services_view, self.services_model, "services", SERVICE_WIDTHS)
        self.watch(self.model)
        self.services_model.failed.connect(self.show_read_error)
        chain_tab_order(
            self.text,
            self.state,
            self.reseller,
            self.expiring,
            self.days,
            self.view,
            self.services_view,
            self.level_button,
        )

        self.text.textChanged.connect(lambda _text: self._text_timer.start())
        self.text.returnPressed.connect(self._apply_filter)
        self._text_timer.timeout.connect(self._apply_filter)
        self.state.currentIndexChanged.connect(self._apply_filter)
        self.reseller.currentIndexChanged.connect(self._apply_filter)
        self.expiring.toggled.connect(self.days.setEnabled)
        self.expiring.toggled.connect(self._apply_filter)
        self.days.valueChanged.connect(self._apply_filter)
        self.view.activated.connect(self._open)
        self.lead_to_results(self.text, self.view, self._text_timer)
        self.view.selectionModel().currentRowChanged.connect(self._show_services)
        self.services_view.selectionModel().currentRowChanged.connect(self._read_service_level)
        self.services_model.modelReset.connect(self._read_service_level)
        self.level_button.clicked.connect(self.change_service_level)
        self.model.start()
        self._load_resellers()

    # ----- public --------------------------------------------------------------------------

    @property
    def list_filter(self) -> ContractFilter:
        return self.model.list_filter

    def set_filter(self, list_filter: ContractFilter) -> None:
        widgets = (self.text, self.state, self.reseller, self.expiring, self.days)
        for widget in widgets:
            widget.blockSignals(True)
        self.text.setText(list_filter.text)
        self.state.setCurrentIndex(choice_index(STATE_CHOICES, list_filter.states))
        self.reseller.setCurrentIndex(self._reseller_index(list_filter.reseller_id))
        self.expiring.setChecked(list_filter.expiring_within_days is not None)
        self.days.setEnabled(list_filter.expiring_within_days is not None)
        if list_filter.expiring_within_days is not None:
            self.days.setValue(list_filter.expiring_within_days)
        for widget in widgets:
            widget.blockSignals(False)
        self.model.set_filter(list_filter)

    def focus_search(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    def refresh(self) -> None:
        self.model.refresh(self.kept(self.model))
        if self._shown_contract is not None:
            self.services_model.refresh(self.kept(self.services_model))
        self._load_resellers()

    def retranslate(self) -> None:
        self.text.setPlaceholderText(self.tr("Contract number, tax id or customer name"))
        fill_combo(
            self.state,
            [self.tr("All states"), *[self._labels.contract_state(s) for s in ContractState]],
        )
        fill_combo(self.reseller, [self.tr("All resellers"), *[r.name for r in self._resellers]])
        self.expiring.setText(self.tr("Expiring within"))
        self.expiring.setToolTip(self.tr("Active contracts whose term ends in the next days"))
        self.days.setSuffix(self.tr(" days"))
        self.level_button.setText(self.tr("Change service &level…"))
        self._show_service_level(self._shown_service)
        self._title_services(self.model.row_at(self.view.currentIndex().row()))
        self.model.retranslate()
        self.services_model.retranslate()
        if not self.model.is_loading:
            self.show_count(self.model.row_count)

    def count_text(self, count: int) -> str:
        return self.tr("%Ln contract(s)", "", count)

    def change_service_level(self) -> None:
        """The back office serves the chosen service on another level."""
        service = self._shown_service
        if service is None or not may_set_service_level(self.context.actor.role):
            return
        dialog = ServiceLevelDialog(self.context, service, self)
        self.level_dialog = dialog
        dialog.finished.connect(lambda result: self._level_dialog_closed(dialog, result))
        dialog.open()

    # ----- inside --------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self._text_timer.stop()
        reseller = self.reseller.currentIndex()
        self.model.set_filter(
            ContractFilter(
                states=STATE_CHOICES[max(self.state.currentIndex(), 0)],
                reseller_id=self._resellers[reseller - 1].id if reseller > 0 else None,
                expiring_within_days=self.days.value() if self.expiring.isChecked() else None,
                text=self.text.text(),
            )
        )

    def _reseller_index(self, reseller_id: int | None) -> int:
        for number, reseller in enumerate(self._resellers, start=1):
            if reseller.id == reseller_id:
                return number
        return 0

    def _load_resellers(self) -> None:
        listing = self._listing

        def work(_control: TaskControl) -> list[ResellerChoice]:
            return listing.resellers()

        self.tasks.start(work, finished=self._resellers_loaded, failed=self._failed)

    def _resellers_loaded(self, resellers: list[ResellerChoice]) -> None:
        chosen = self.model.list_filter.reseller_id
        self._resellers = resellers
        self.reseller.blockSignals(True)
        fill_combo(self.reseller, [self.tr("All resellers"), *[r.name for r in resellers]])
        self.reseller.setCurrentIndex(self._reseller_index(chosen))
        self.reseller.blockSignals(False)

    def _failed(self, error: object) -> None:
        self.show_error(error_text(error))

    def _show_services(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        self._title_services(row)
        contract_id = row.id if row is not None else None
        if contract_id == self._shown_contract:
            return
        self._shown_contract = contract_id
        # No contract chosen: a filter no contract has (ids start at 1).
        self.services_model.set_filter(ServiceFilter(contract_id=contract_id or 0))
        self.services_model.start()

    def _title_services(self, row: ContractRow | None) -> None:
        if row is None:
            self.services_title.setText(self.tr("Choose a contract to see its services."))
        else:
            self.services_title.setText(
                fill(self.tr("Services of contract %1 (%2)"), row.number, row.customer_name)
            )

    def _read_service_level(self, *_args: object) -> None:
        row = self.services_model.row_at(self.services_view.currentIndex().row())
        if row is None:
            self._show_service_level(None)
            return
        store, service_id = self._level_store, row.id

        def work(_control: TaskControl) -> list[ServiceLevelRow]:
            return store.services(service_ids=(service_id,))

        self.tasks.start(work, finished=self._service_level_read, failed=self._failed)

    def _service_level_read(self, found: list[ServiceLevelRow]) -> None:
        row = self.services_model.row_at(self.services_view.currentIndex().row())
        # Shown only while that service is still the chosen one.
        chosen = [s for s in found if row is not None and s.service_id == row.id]
        self._show_service_level(chosen[0] if chosen else None)

    def _show_service_level(self, service: ServiceLevelRow | None) -> None:
        self._shown_service = service
        self.level_button.setEnabled(service is not None)
        if service is None:
            self.service_level.clear()
            return
        if service.by_product_rule:
            text = fill(
                self.tr("Service level of %1: %2 (by its product)"),
                service.notation,
                service.level_name,
            )
        else:
            text = fill(
                self.tr("Service level of %1: %2"), service.notation, service.level_name or "—"
            )
        self.service_level.setText(text)

    def _level_dialog_closed(self, dialog: ServiceLevelDialog, result: int) -> None:
        if self.level_dialog is dialog:
            self.level_dialog = None
        if result == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._show_service_level(dialog.saved)
        dialog.deleteLater()

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is None:
            return
        self._show_services(index)
        self.contract_opened.emit(row.id)
