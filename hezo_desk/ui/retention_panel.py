"""Retention of personal data, where supervisors read the audit log: how many contacts are due
(all their tickets closed more than five years ago, nothing newer), a dry run listing them,
then the run itself once the supervisor confirms. Everything runs in the pools."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hezo_desk.local_time import WARSAW
from hezo_desk.placeholders import fill
from hezo_desk.services.personal_data.retention import (
    RetentionReport,
    RetentionService,
    default_closed_before,
)
from hezo_desk.ui import workers
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text

# The companies named in the confirmation; the rest are counted.
LISTED_COMPANIES = 8


class RetentionPanel(QWidget):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retention")
        self.context = context
        self._service = RetentionService(context.db)
        self._tasks = workers.TaskSet(context.pool, self)
        self._jobs = workers.TaskSet(context.jobs, self)
        self.closed_before = default_closed_before(dt.datetime.now(WARSAW).date())
        self.due: int | None = None
        self.dry_run: RetentionReport | None = None
        self.last_run: RetentionReport | None = None

        self.summary = QLabel(self.tr("Personal data: counting the contacts due for retention…"))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.check = QPushButton(self.tr("Check who is due…"))
        self.check.setObjectName("check")
        self.check.setEnabled(False)
        self.check.clicked.connect(self.start_dry_run)
        self.details = QLabel()
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.hide()
        self.confirm = QPushButton(self.tr("Anonymise them"))
        self.confirm.setObjectName("confirm")
        self.confirm.clicked.connect(self.start_run)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("cancel")
        self.cancel.clicked.connect(self._cancel)
        for button in (self.confirm, self.cancel):
            button.hide()

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.check)
        bottom = QHBoxLayout()
        bottom.addWidget(self.details, 1)
        bottom.addWidget(self.confirm)
        bottom.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self.recount()

    def recount(self) -> None:
        service, closed_before = self._service, self.closed_before
        self._tasks.start(
            lambda _c: service.due_count(closed_before),
            finished=self._counted,
            failed=self._failed,
        )

    def _counted(self, count: int) -> None:
        self.due = count
        self.summary.setText(
            fill(
                self.tr(
                    "Personal data: %1 contact(s) due for anonymisation (all their tickets "
                    "closed before %2, nothing newer)."
                ),
                str(count),
                self.closed_before.isoformat(),
            )
        )
        self.check.setEnabled(count > 0)

    def start_dry_run(self) -> None:
        self.check.setEnabled(False)
        service, actor, closed_before = self._service, self.context.actor, self.closed_before
        self._jobs.start(
            lambda _c: service.run(actor, closed_before, dry_run=True),
            finished=self._dry_run_done,
            failed=self._failed,
        )

    def _dry_run_done(self, report: RetentionReport) -> None:
        self.dry_run = report
        companies = sorted({c.customer_name for c in report.candidates})
        listed = ", ".join(companies[:LISTED_COMPANIES])
        if len(companies) > LISTED_COMPANIES:
            listed += fill(self.tr(" and %1 more"), str(len(companies) - LISTED_COMPANIES))
        self.details.setText(
            fill(
                self.tr(
                    "Dry run: %1 contact(s) would be anonymised, of %2. Their tickets stay, "
                    "anonymised. This cannot be undone."
                ),
                str(len(report.candidates)),
                listed,
            )
        )
        self.details.show()
        has_any = bool(report.candidates)
        self.confirm.setVisible(has_any)
        self.cancel.setVisible(True)

    def start_run(self) -> None:
        for button in (self.confirm, self.cancel):
            button.setEnabled(False)
        service, actor, closed_before = self._service, self.context.actor, self.closed_before
        self._jobs.start(
            lambda _c: service.run(actor, closed_before, dry_run=False),
            finished=self._run_done,
            failed=self._failed,
        )

    def _run_done(self, report: RetentionReport) -> None:
        self.last_run = report
        self.dry_run = None
        self.details.setText(
            fill(self.tr("%1 contact(s) anonymised."), str(len(report.anonymised)))
        )
        for button in (self.confirm, self.cancel):
            button.hide()
            button.setEnabled(True)
        self.recount()

    def _cancel(self) -> None:
        self.dry_run = None
        self.details.hide()
        for button in (self.confirm, self.cancel):
            button.hide()
        self.check.setEnabled(bool(self.due))

    def _failed(self, error: object) -> None:
        self.details.setText(error_text(error))
        self.details.show()
        for button in (self.confirm, self.cancel):
            button.setEnabled(True)
        self.check.setEnabled(bool(self.due))
