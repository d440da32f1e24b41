"""Translated names of the domain's values (states, priorities, channels, roles, languages)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from hezo_desk.enums import (
    LEGACY_DIALOGUE_KIND,
    CallDirection,
    CallState,
    Channel,
    ContractState,
    Language,
    Priority,
    Role,
    TicketState,
)


class Labels(QObject):
    """`Labels(parent).state(TicketState.NEW)` → 'new' / 'nowe', in the current language."""

    def state(self, state: TicketState) -> str:
        return {
            TicketState.NEW: self.tr("new"),
            TicketState.IN_PROGRESS: self.tr("in progress"),
            TicketState.WAITING_FOR_CUSTOMER: self.tr("waiting for the customer"),
            TicketState.CLOSED: self.tr("closed"),
            TicketState.CANCELLED: self.tr("cancelled"),
        }[state]

    def priority(self, priority: Priority) -> str:
        return {
            Priority.LOW: self.tr("low"),
            Priority.NORMAL: self.tr("normal"),
            Priority.HIGH: self.tr("high"),
            Priority.CRITICAL: self.tr("critical"),
        }[priority]

    def channel(self, channel: Channel) -> str:
        return {
            Channel.PHONE: self.tr("phone"),
            Channel.PORTAL: self.tr("portal"),
            Channel.WEB_FORM: self.tr("web form"),
            Channel.EMAIL: self.tr("e-mail"),
            Channel.MIGRATION: self.tr("migration"),
        }[channel]

    def contract_state(self, state: ContractState) -> str:
        return {
            ContractState.ACTIVE: self.tr("active"),
            ContractState.EXPIRED: self.tr("expired"),
            ContractState.CANCELLED: self.tr("cancelled"),
        }[state]

    def call_state(self, state: CallState) -> str:
        return {
            CallState.RINGING: self.tr("ringing"),
            CallState.LIVE: self.tr("on the line"),
            CallState.ANSWERED: self.tr("answered"),
            CallState.MISSED: self.tr("missed"),
            CallState.NOT_REACHED: self.tr("not reached"),
        }[state]

    def call_direction(self, direction: CallDirection) -> str:
        return {
            CallDirection.INBOUND: self.tr("incoming"),
            CallDirection.OUTBOUND: self.tr("outgoing"),
        }[direction]

    def role(self, role: Role) -> str:
        return {
            Role.AGENT: self.tr("agent"),
            Role.BACK_OFFICE: self.tr("back office"),
            Role.SUPERVISOR: self.tr("supervisor"),
            Role.ADMINISTRATOR: self.tr("administrator"),
        }[role]

    def language(self, language: Language) -> str:
        """A contact's language, named in the desk's language."""
        return {
            Language.POLISH: self.tr("Polish"),
            Language.ENGLISH: self.tr("English"),
        }[language]

    def attachment_kind(self, kind: str) -> str:
        return (
            self.tr("legacy dialogue (internal)")
            if kind == LEGACY_DIALOGUE_KIND
            else self.tr("file")
        )
