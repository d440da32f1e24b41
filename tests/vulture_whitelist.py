"""Names vulture (tests/test_dead_code.py) takes for dead that are used, each group says by whom.

Not a test module and never imported: vulture reads it as source in which every name below is
used. Keep it short: a name listed here is taken as used everywhere in the package.
"""

from typing import Any

_: Any = None

# SQLAlchemy calls these: engine event listeners (db.py), the sqlite3 connection attribute
# set in one, the session listener that chains audit entries (services/audit.py), and the
# TypeDecorator protocol (models/base.py).
_._chain_recorded_entries
_.on_connect
_.on_close
_.on_begin
_.isolation_level
_.impl
_.cache_ok
_.process_bind_param
_.process_result_value

# Mapped columns no Python code reads: the schema holds them (imports and audits fill them;
# SQL and reports read them), so they stay in the models.
_.subject_type
_.subject_id
_.imported_at
_.postal_code
_.registered_by_agent_id
_.oldest_client_revision
_.author_contact_id
_.callback_by_call_id
_.linked_at

# Alembic reads these: the revision files' module variables and downgrade(), and the
# arguments of the include_object hook (db.include_in_comparison) it passes by position.
_.down_revision
_.branch_labels
_.depends_on
_.downgrade
_.obj
_.reflected
_.compare_to

# Revision 0016 writes this audit action under its code (a revision imports no service).
_.CUSTOMER_MERGED

# The context-manager protocol passes them to __exit__.
_.exc_type
_.exc

# reportlab calls Flowable.draw (services/pdf/flowables.py).
_.draw

# Qt calls this QWidget override (ui/call_statistics.py: the hours' bars).
_.paintEvent

# Qt calls this QObject override (ui/header_fit.py: a header's resize refits it).
_.eventFilter

# The desk's tour (tests/support/desk_tour.py): scripts/screenshots, tests/test_screen_fit.py and
# tests/test_pseudo_locale.py walk every screen, dialog and message box with it.
_.SMALL_SCREEN
_.make_demo_database
_.screen_keys
_.look_up_caller
_.dialogs
_.desk_tour
_.boxes
_.open_modal

# Qt calls these QSpinBox overrides (ui/service_levels_screen.py DurationSpinBox).
_.textFromValue
_.valueFromText

# Qt calls these QWizardPage overrides (ui/registration_wizard.py).
_.validatePage
_.initializePage

# Handles the widget tests drive or read a screen through, as a person's click or eye would.
_.plain_text  # ui/access_widgets.py: the preview's text
_.result_for  # ui/registration_wizard.py: which typed facts the last check answered
_.tax_id_status  # ui/registration_wizard.py: the status label of each fact
_.contract_status
_.serial_status
_.select_reseller  # ui/resellers_screen.py
_.preview_current  # ui/resellers_screen.py
_.sort_keys  # services/listing/definition.py: the keys a list sorts by
_.last_run  # ui/retention_panel.py: the report of the last retention run

# A column written by Core statements only (services/personal_data/stores.py `_permit`).
_.table_name  # models/audit.py RedactionPermit

# The generator's expectations for an import over an earlier one (the import tests read them).
_.after_earlier_import  # tests/support/legacy_generator/truth.py

# The call of a Protocol (cli/context.py WindowOpener): the type of what entry.py passes in.
_.__call__

# Written with the migrated ticket's other columns by a Core insert (legacy_import/ticket_rows.py).
_.overdue_at_migration  # models/ticket.py
# ui/dashboard.py: what the dashboard's tests read (each chart's series, the four panels).
_.series_names
_.panels
