"""SQLAlchemy 2 typed models. Importing this package registers every table on `Base.metadata`."""

from hezo_desk.models.agent import Agent
from hezo_desk.models.audit import AuditEntry, MigrationRun, RedactionPermit
from hezo_desk.models.base import Base, utcnow
from hezo_desk.models.call import Call, CallTicket
from hezo_desk.models.contract import Service, ServiceContract
from hezo_desk.models.customer import Contact, Customer, Reseller
from hezo_desk.models.live import SchemaCompatibility, TicketPresence
from hezo_desk.models.reply_template import ReplyTemplate
from hezo_desk.models.reseller_role import ResellerDatabaseRole
from hezo_desk.models.service_level import ServiceLevel, ServiceLevelTarget, TicketPause
from hezo_desk.models.ticket import (
    MAX_ATTACHMENT_BYTES,
    Attachment,
    Counter,
    Message,
    ResellerAccessChange,
    Ticket,
)

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "Agent",
    "Attachment",
    "AuditEntry",
    "Base",
    "Call",
    "CallTicket",
    "Contact",
    "Counter",
    "Customer",
    "Message",
    "MigrationRun",
    "RedactionPermit",
    "ReplyTemplate",
    "Reseller",
    "ResellerAccessChange",
    "ResellerDatabaseRole",
    "SchemaCompatibility",
    "Service",
    "ServiceContract",
    "ServiceLevel",
    "ServiceLevelTarget",
    "Ticket",
    "TicketPause",
    "TicketPresence",
    "utcnow",
]
