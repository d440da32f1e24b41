"""The main window: navigation between screens, open tickets, menus, shortcuts, status bar.

Screens are given as `ScreenSpec`s (title, who may see it, how to build it) and built when
first shown. Open tickets are listed under the screens in the navigation, one page each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from hezo_desk.drafts import DraftStore
from hezo_desk.enums import Role
from hezo_desk.placeholders import fill
from hezo_desk.services.call_events import CallEvent
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dialogs.shortcuts import ShortcutsDialog
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.remote_changes import RemoteChangeBuffer, RemoteChanges
from hezo_desk.ui.screen_state import field_values, restore_field_values
from hezo_desk.ui.ticket.view import TicketView

TICKET_ROLE = Qt.ItemDataRole.UserRole + 10
SCREEN_ROLE = Qt.ItemDataRole.UserRole + 11
REMOTE_REFRESH_DELAY_MS = 250
# The first size of the window: the screen the desk is made to fit (no sideways scrolling).
WINDOW_WIDTH, WINDOW_HEIGHT = 1280, 800
NAVIGATION_WIDTH = 190


class TicketSequence(Protocol):
    """A list a ticket was opened from, for 'next ticket' and 'previous ticket'."""

    def neighbour(self, ticket_id: int, offset: int) -> int | None: ...


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str
    factory: Callable[[], QWidget]
    roles: frozenset[Role] = field(default_factory=lambda: frozenset(Role))
    shortcut: str = ""


@dataclass(frozen=True)
class WindowState:
    """Where the agent is: the screen or ticket shown, the open tickets, each screen's state."""

    shown_screen: str | None
    shown_ticket: int | None
    tickets: tuple[int, ...]
    # Screens built so far, in the order they were, each with its `save_state()` (or fields).
    screens: tuple[tuple[str, object], ...]
    ticket_tabs: tuple[tuple[int, int], ...] = ()
    # Where the window stood and how large (restoreGeometry may fit it to the screen anew).
    geometry: QRect | None = None
    maximized: bool = False


@dataclass(frozen=True)
class TicketTabs:
    """Extra tabs of every ticket view (reseller access, PDF), built per ticket."""

    factories: Sequence[tuple[str, Callable[[DeskContext, int], QWidget]]] = ()


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    settings_requested = Signal()
    new_ticket_requested = Signal()
    register_requested = Signal()

    def __init__(
        self,
        context: DeskContext,
        screens: Sequence[ScreenSpec],
        drafts: DraftStore,
        database_name: str,
        *,
        ticket_tabs: TicketTabs = TicketTabs(),
        ticket_actions: Sequence[tuple[str, str, Callable[[TicketView], None]]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._drafts = drafts
        self._ticket_tabs = ticket_tabs
        self._ticket_actions = list(ticket_actions)
        self._labels = Labels(self)
        self._screens = [s for s in screens if context.actor.role in s.roles]
        self._built: dict[str, QWidget] = {}
        self._tickets: dict[int, TicketView] = {}
        self._sequence: TicketSequence | None = None
        self.setWindowTitle(self.tr("HEZO Desk"))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setMinimumWidth(NAVIGATION_WIDTH)
        self.navigation.setMaximumWidth(320)
        for screen in self._screens:
            item = QListWidgetItem(screen.title)
            item.setData(SCREEN_ROLE, screen.key)
            self.navigation.addItem(item)
        self._separator = QListWidgetItem(self.tr("— open tickets —"))
        self._separator.setFlags(Qt.ItemFlag.NoItemFlags)
        self.navigation.addItem(self._separator)
        self.stack = QStackedWidget()
        self.stack.setObjectName("stack")
        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        # The navigation as narrow as its names allow: the lists need the width (1280 px).
        splitter.setSizes([NAVIGATION_WIDTH, WINDOW_WIDTH - NAVIGATION_WIDTH])
        self.setCentralWidget(splitter)
        self.navigation.currentItemChanged.connect(lambda current, _old: self._show_item(current))

        who = QLabel(
            fill(
                self.tr("Signed in as %1 (%2)"),
                context.actor.display_name,
                self._labels.role(context.actor.role),
            )
        )
        who.setObjectName("signed_in")
        where = QLabel(fill(self.tr("Database: %1"), database_name))
        where.setObjectName("database")
        self.connection_state = QLabel(self.tr("● connected"))
        self.connection_state.setObjectName("connection_state")
        self.connection_state.setStyleSheet("color: #2e7d32;")
        self.statusBar().addWidget(who)
        self.statusBar().addPermanentWidget(self.connection_state)
        self.statusBar().addPermanentWidget(where)
        self._remote = RemoteChangeBuffer(REMOTE_REFRESH_DELAY_MS, self)
        self._remote.ready.connect(self._apply_remote_changes)

        self._menus: dict[str, QMenu] = {}
        self._build_menus(ticket_actions)
        geometry = context.settings.main_window_geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(WINDOW_WIDTH, WINDOW_HEIGHT)
        if self._screens:
            self.navigation.setCurrentRow(0)

    # ----- menus and shortcuts -------------------------------------------------------------

    def _action(
        self,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[[], Any],
        name: str,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        # Window-wide: every shortcut works whatever has the focus inside the window.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_menus(
        self, ticket_actions: Sequence[tuple[str, str, Callable[[TicketView], None]]]
    ) -> None:
        desk = self.menuBar().addMenu(self.tr("&Desk"))
        self._menus["desk"] = desk
        desk.addAction(
            self._action(self.tr("&Settings…"), "Ctrl+,", self.settings_requested.emit, "settings")
        )
        desk.addAction(
            self._action(self.tr("Sign &out"), None, self.sign_out_requested.emit, "sign_out")
        )
        desk.addSeparator()
        desk.addAction(self._action(self.tr("&Quit"), "Ctrl+Q", self.close, "quit"))

        go = self.menuBar().addMenu(self.tr("&Go"))
        self._menus["go"] = go
        go.addAction(
            self._action(self.tr("Caller &lookup"), "Ctrl+L", self.focus_lookup, "go_lookup")
        )
        for number, screen in enumerate(self._screens, start=1):
            shortcut = screen.shortcut or (f"Ctrl+{number}" if number <= 9 else None)
            go.addAction(
                self._action(
                    screen.title,
                    shortcut,
                    partial(self.show_screen, screen.key),
                    f"go_{screen.key}",
                )
            )

        ticket = self.menuBar().addMenu(self.tr("&Ticket"))
        self._menus["ticket"] = ticket
        ticket.addAction(
            self._action(
                self.tr("&New ticket…"), "Ctrl+N", self.new_ticket_requested.emit, "new_ticket"
            )
        )
        ticket.addAction(
            self._action(
                self.tr("Re&gister caller…"),
                "Ctrl+Shift+R",
                self.register_requested.emit,
                "register",
            )
        )
        ticket.addAction(self._action(self.tr("&Reply"), "Ctrl+R", self.reply, "reply"))
        ticket.addAction(self._action(self.tr("Internal no&te"), "Ctrl+Shift+N", self.note, "note"))
        ticket.addAction(
            self._action(
                self.tr("Ne&xt ticket"), "Ctrl+PgDown", lambda: self.step_ticket(1), "next_ticket"
            )
        )
        ticket.addAction(
            self._action(
                self.tr("&Previous ticket"),
                "Ctrl+PgUp",
                lambda: self.step_ticket(-1),
                "previous_ticket",
            )
        )
        ticket.addAction(
            self._action(
                self.tr("&Close ticket tab"), "Ctrl+W", self.close_current_ticket, "close_ticket"
            )
        )
        for text, shortcut, handler in ticket_actions:
            ticket.addAction(
                self._action(
                    text,
                    shortcut or None,
                    partial(self._with_ticket, handler),
                    f"ticket_{text}",
                )
            )
        ticket.addSeparator()
        ticket.addAction(self._action(self.tr("Re&fresh"), "F5", self.refresh, "refresh"))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._menus["help"] = help_menu
        help_menu.addAction(
            self._action(self.tr("&Keyboard shortcuts"), "F1", self.show_shortcuts, "shortcuts")
        )
        help_menu.addAction(self._action(self.tr("&About HEZO Desk"), None, self._about, "about"))

    def add_action(
        self, menu: str, text: str, shortcut: str, slot: Callable[[], Any], name: str
    ) -> QAction:
        """Add a command to a menu: "desk", "go", "ticket" or "help"."""
        action = self._action(text, shortcut or None, slot, name)
        self._menus[menu].addAction(action)
        return action

    def refresh_all(self) -> None:
        """Every screen built so far reads its rows again (open tickets reload themselves)."""
        for widget in self._built.values():
            refresh = getattr(widget, "refresh", None)
            if callable(refresh):
                refresh()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for F1: each key once, an action's keys on one row."""
        by_text: dict[str, list[str]] = {}
        for action in self.actions():
            if not action.shortcut().isEmpty():
                text = action.text().replace("&", "").removesuffix("…")
                keys = by_text.setdefault(text, [])
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                if key not in keys:
                    keys.append(key)
        rows = [(", ".join(keys), text) for text, keys in by_text.items()]
        # Keys that belong to a place in the window rather than to the window itself.
        rows += [
            ("Ctrl+Enter", self.tr("Send the reply or note; open the new ticket")),
            ("Ctrl+F", self.tr("Search the list shown")),
            (self.tr("Enter, double click"), self.tr("Open the selected row")),
            (
                self.tr("Down"),
                self.tr("From a search field to its results (Enter too, once they are shown)"),
            ),
        ]
        return rows

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_rows(), self).exec()

    def _about(self) -> None:
        from hezo_desk import __version__  # noqa: PLC0415

        QMessageBox.about(
            self,
            self.tr("About HEZO Desk"),
            fill(
                self.tr(
                    "HEZO Desk %1 — the support desk of HEZO's phone line (+48 12 25 25 600), "
                    "back office and supervisors."
                ),
                __version__,
            ),
        )

    # ----- screens -------------------------------------------------------------------------

    def screen_widget(self, key: str) -> QWidget | None:
        """The screen with this key, built on first use; None if the agent may not see it."""
        if key in self._built:
            return self._built[key]
        spec = next((s for s in self._screens if s.key == key), None)
        if spec is None:
            return None
        widget = spec.factory()
        widget.setObjectName(f"screen_{key}")
        hand_over = getattr(widget, "let_window_refresh", None)
        if callable(hand_over):
            hand_over()
        self._built[key] = widget
        self.stack.addWidget(widget)
        self._connect_screen(widget)
        return widget

    def show_screen(self, key: str) -> QWidget | None:
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(SCREEN_ROLE) == key:
                self.navigation.setCurrentRow(row)
                return self._built.get(key)
        return None

    def _show_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        ticket_id = item.data(TICKET_ROLE)
        if ticket_id is not None:
            self.stack.setCurrentWidget(self._tickets[int(ticket_id)])
            return
        key = item.data(SCREEN_ROLE)
        if key is not None:
            widget = self.screen_widget(str(key))
            if widget is not None:
                self.stack.setCurrentWidget(widget)

    def _connect_screen(self, widget: QWidget) -> None:
        """Screens that list tickets emit `open_ticket(int)`; wire them up by that name."""
        signal = getattr(widget, "open_ticket", None)
        if signal is not None:
            signal.connect(
                lambda ticket_id, source=widget: self.open_ticket(
                    ticket_id, source if hasattr(source, "neighbour") else None
                )
            )

    def focus_lookup(self) -> None:
        widget = self.show_screen("lookup")
        focus = getattr(widget, "focus_query", None)
        if callable(focus):
            focus()

    # ----- calls ---------------------------------------------------------------------------

    def come_to_front(self) -> None:
        """Over the other windows: restored if minimised, raised and active."""
        if self.isMinimized():
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def take_call(self, event: CallEvent) -> None:
        """A call the phone system handed over: to the front, on the caller lookup, looked up
        by its number. Only the screen shown changes: open tickets keep what is typed in them."""
        self.come_to_front()
        look_up = getattr(self.show_screen("lookup"), "look_up_call", None)
        if callable(look_up):
            look_up(event)

    def call_ended(self, event: CallEvent) -> None:
        ended = getattr(self._built.get("lookup"), "call_ended", None)
        if callable(ended):
            ended(event)

    # ----- tickets -------------------------------------------------------------------------

    def open_ticket(self, ticket_id: int, sequence: TicketSequence | None = None) -> TicketView:
        if sequence is not None:
            self._sequence = sequence
        view = self._tickets.get(ticket_id)
        if view is None:
            context = self.context
            extra: list[tuple[str, Callable[[], QWidget]]] = [
                (title, partial(factory, context, ticket_id))
                for title, factory in self._ticket_tabs.factories
            ]
            view = TicketView(
                context,
                ticket_id,
                self._drafts,
                extra_tabs=extra,
                actions=[(text, handler) for text, _key, handler in self._ticket_actions],
            )
            view.setObjectName(f"ticket_{ticket_id}")
            self._tickets[ticket_id] = view
            self.stack.addWidget(view)
            item = QListWidgetItem(self.tr("Ticket…"))
            item.setData(TICKET_ROLE, ticket_id)
            self.navigation.addItem(item)
            view.loaded.connect(
                lambda number, subject, item=item: (
                    item.setText(f"{number}  {subject}"),
                    item.setToolTip(f"{number} — {subject}"),
                )
            )
            view.changed.connect(self._ticket_changed)
        self._select_ticket_item(ticket_id)
        return view

    def _select_ticket_item(self, ticket_id: int) -> None:
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(TICKET_ROLE) == ticket_id:
                self.navigation.setCurrentRow(row)
                return

    def current_ticket(self) -> TicketView | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, TicketView) else None

    def _with_ticket(self, handler: Callable[[TicketView], None]) -> None:
        view = self.current_ticket()
        if view is not None:
            handler(view)

    def reply(self) -> None:
        view = self.current_ticket()
        if view is not None:
            view.focus_reply()

    def note(self) -> None:
        view = self.current_ticket()
        if view is not None:
            view.focus_note()

    def step_ticket(self, offset: int) -> None:
        view = self.current_ticket()
        if view is None:
            return
        if self._sequence is not None:
            neighbour = self._sequence.neighbour(view.ticket_id, offset)
            if neighbour is not None:
                self.open_ticket(neighbour)
                return
        open_ids = list(self._tickets)
        position = open_ids.index(view.ticket_id) + offset
        if 0 <= position < len(open_ids):
            self._select_ticket_item(open_ids[position])

    def close_current_ticket(self) -> None:
        view = self.current_ticket()
        if view is None:
            return
        view.leave()
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(TICKET_ROLE) == view.ticket_id:
                self.navigation.takeItem(row)
                break
        del self._tickets[view.ticket_id]
        self.stack.removeWidget(view)
        view.deleteLater()
        if self._tickets:
            self._select_ticket_item(list(self._tickets)[-1])
        else:
            self.navigation.setCurrentRow(0)

    def _ticket_changed(self, ticket_id: int) -> None:
        self._follow_ticket_changes(frozenset({ticket_id}))

    def _follow_ticket_changes(self, ticket_ids: frozenset[int]) -> None:
        """Screens that show tickets (`follow_ticket_changes(ids)`) show these as they are now;
        screens that show none (contracts, serials, agents…) are left alone."""
        if not ticket_ids:
            return
        for widget in self._built.values():
            follow = getattr(widget, "follow_ticket_changes", None)
            if callable(follow):
                follow(ticket_ids)

    def refresh(self) -> None:
        widget = self.stack.currentWidget()
        if isinstance(widget, TicketView):
            widget.reload()
            return
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()

    # ----- changes made elsewhere ----------------------------------------------------------

    def remote_changes(self, ticket_ids: frozenset[int], everything: bool) -> None:
        """Others changed these tickets: refresh what shows them, a burst at a time."""
        self._remote.add_tickets(frozenset(ticket_ids), everything)

    def remote_others_changed(self) -> None:
        """Others changed something that names no ticket (an agent, a registration, an
        import): rare, and it may show anywhere, so every screen reads its rows again."""
        self._remote.add_others()

    def remote_calls_changed(self) -> None:
        """Others changed the call journal (frequent): only the screens that show calls
        (`follow_call_changes()`) read their rows again."""
        self._remote.add_calls()

    def _apply_remote_changes(self, changes: RemoteChanges) -> None:
        # Only the open tickets that changed read themselves again.
        for ticket_id, view in self._tickets.items():
            if changes.everything or ticket_id in changes.ticket_ids:
                view.reload()
        if changes.everything or changes.others:
            self.refresh_all()
            return
        self._follow_ticket_changes(changes.ticket_ids)
        if changes.calls:
            for widget in self._built.values():
                follow = getattr(widget, "follow_call_changes", None)
                if callable(follow):
                    follow()

    def show_update_notice(self) -> None:
        notice = QLabel(
            self.tr(
                "A newer HEZO Desk has upgraded this database; this one still "
                "works with it. Please update when you can."
            )
        )
        notice.setObjectName("update_notice")
        notice.setStyleSheet("color: #e65100; font-weight: bold;")
        self.statusBar().addWidget(notice)

    def show_owner_notice(self) -> None:
        notice = QLabel(self.tr("Schema owner: rights not checked"))
        notice.setObjectName("owner_notice")
        notice.setToolTip(
            self.tr(
                "This desk is connected as the role that owns the database's tables, which the "
                "database's checks of each agent's rights do not bind. Use that role only to "
                "upgrade the schema; desks connect as a member of hezo_desk."
            )
        )
        notice.setStyleSheet("color: #e65100; font-weight: bold;")
        self.statusBar().addWidget(notice)

    def connection_changed(self, connected: bool, message: str) -> None:
        if connected:
            self.connection_state.setText(self.tr("● connected"))
            self.connection_state.setStyleSheet("color: #2e7d32;")
            self.connection_state.setToolTip("")
        else:
            self.connection_state.setText(fill(self.tr("● offline: %1"), message))
            self.connection_state.setStyleSheet("color: #c62828; font-weight: bold;")
            self.connection_state.setToolTip(
                self.tr(
                    "The desk reconnects by itself. What you type is kept; saves that failed can "
                    "be sent again once the connection is back."
                )
            )

    # ----- a window built again (language, theme) ------------------------------------------

    def save_state(self) -> WindowState:
        """Everything `restore_state` of a new window needs to look like this one."""
        shown = self.stack.currentWidget()
        shown_screen = next((key for key, w in self._built.items() if w is shown), None)
        screens = []
        for key, widget in self._built.items():
            save = getattr(widget, "save_state", None)
            screens.append((key, save() if callable(save) else field_values(widget)))
        return WindowState(
            shown_screen=shown_screen,
            shown_ticket=shown.ticket_id if isinstance(shown, TicketView) else None,
            tickets=tuple(self._tickets),
            screens=tuple(screens),
            ticket_tabs=tuple((i, view.tabs.currentIndex()) for i, view in self._tickets.items()),
            geometry=self.normalGeometry() if self.isMaximized() else self.geometry(),
            maximized=self.isMaximized(),
        )

    def restore_state(self, state: WindowState) -> None:
        """Build the screens `state` had, as they were; open its tickets; show what it showed."""
        if state.geometry is not None:
            self.setGeometry(state.geometry)
        if state.maximized:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        for key, saved in state.screens:
            widget = self.screen_widget(key)
            if widget is None:
                continue
            restore = getattr(widget, "restore_state", None)
            if callable(restore):
                restore(saved)
            elif isinstance(saved, dict):
                # A screen with only fields: they apply themselves, as if set by hand.
                restore_field_values(widget, saved, quietly=False)
        for ticket_id in state.tickets:
            self.open_ticket(ticket_id)
        for ticket_id, tab in state.ticket_tabs:
            self._tickets[ticket_id].tabs.setCurrentIndex(tab)
        if state.shown_ticket is not None and state.shown_ticket in self._tickets:
            self._select_ticket_item(state.shown_ticket)
        elif state.shown_screen is not None:
            self.show_screen(state.shown_screen)

    # ----- closing -------------------------------------------------------------------------

    def open_ticket_ids(self) -> list[int]:
        return list(self._tickets)

    def closeEvent(self, event: QCloseEvent) -> None:
        for view in self._tickets.values():
            view.leave()
        self.context.settings.main_window_geometry = self.saveGeometry()
        super().closeEvent(event)
