"""Deterministic Polish demo data: the same seed and reference date give the same database.

Companies with valid NIPs (and a few EU customers), resellers, active, expired and cancelled
contracts, serials with one and with several services, contacts, and tickets in every state
with dialogues, internal notes, reseller-access decisions and migrated cases. Rows go in with
bulk inserts so that a benchmark database of a million tickets is a matter of minutes.

    from hezo_desk.services.demo import DemoService

    summary = DemoService(db).load(customers=40, tickets=200, seed=2024)

Module by module:

- `loader`: `DemoService` (is the database empty, was demo data loaded, load it) and the
  companies, contacts, contracts and services it starts with; the demo accounts.
- `tickets`: tickets with dialogues, notes, access decisions and migrated cases' dialogue PDFs.
- `vocabulary`: the names and texts demo data is made of and the small generators drawing
  from them (tests/support/legacy_generator uses them too).
- `bulk`: inserts with explicit ids, a chunk at a time.
"""

from hezo_desk.services.demo.loader import DEMO_AGENTS, DEMO_PASSWORD, DemoService, DemoSummary

__all__ = ["DEMO_AGENTS", "DEMO_PASSWORD", "DemoService", "DemoSummary"]
