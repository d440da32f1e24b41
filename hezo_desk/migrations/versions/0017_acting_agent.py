"""The database knows which agent is acting, and what each desk role may do (PostgreSQL).

Revision ID: 0017_acting_agent
Revises: 0016_greek_vat_ids
Create Date: 2026-11-30 15:00:00.000000

Desks in shared mode connect as a login role that is a member of `hezo_desk` (created here when
the server has none; it is the same for every HEZO database of the server). That role owns
nothing: the tables belong to the schema owner, the role that runs `hezo-desk db upgrade`.
What `hezo_desk` may do, and with whose identity, the database itself checks:

- **An agent session proves who acts.** `hezo_sign_in(login, proof)` compares the proof (the
  scrypt key the desk derives from the typed password with the salt `hezo_password_setting`
  gives) with the agent's stored key, which `hezo_desk` cannot read; on a match it hands out a
  random token and keeps only its SHA-256 in `agent_sessions` (no right on it for `hezo_desk`).
  A desk sets the token in every transaction (`hezo.session`); `hezo_session_agent()` turns it
  into the agent, or refuses (SQLSTATE 28000) when it is missing, unknown, ended, expired
  (16 hours) or its agent deactivated.
- **Row-level security on every table.** `hezo_desk` reads and writes only inside a valid
  session. Restrictive policies keep agent accounts to administrators; service levels, their
  targets and reply templates to supervisors and administrators; starting a migration run to
  the back office and administrators; a service's level (a trigger) to the back office,
  supervisors and administrators. Agents' names are readable without a session (a
  desk's first-start check), their password hashes never (column rights).
- **The audit log is append-only for the desk** (no UPDATE, DELETE or TRUNCATE right; no owner
  right to disable its triggers) and an entry must name the session's agent; a trigger
  records the session's agent in `acting_agent_id` from the database's side.
- Passwords change through `hezo_set_password_hash` (an administrator, or the agent for
  themselves).

The schema owner (and a superuser) is not bound by row-level security: it is the role that may
change the schema, so it is trusted with the data. SQLite has no roles: nothing changes there.
"""

from collections.abc import Sequence

from alembic import op

from hezo_desk.db import DESK_ROLE
from hezo_desk.migrations.desk_rights import grant_desk_rights

revision: str = "0017_acting_agent"
down_revision: str | None = "0016_greek_vat_ids"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SESSION_HOURS = 16

CREATE_ROLE = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DESK_ROLE}') THEN
        CREATE ROLE {DESK_ROLE} NOLOGIN;
    END IF;
END
$$
"""

# Every rewrite of an append-only row, as the database saw it: which row, in which transaction,
# by which session's agent. Written only by the redaction functions; `audit verify` trusts it
# (not the erasure's own entry, which a desk writes) to tell a redaction from a forgery.
REDACTIONS_TABLE = """
CREATE TABLE redactions (
    id serial PRIMARY KEY,
    table_name varchar(64) NOT NULL,
    row_id integer NOT NULL,
    contact_id integer,
    xact bigint NOT NULL DEFAULT (pg_current_xact_id()::text)::bigint,
    acting_agent_id integer,
    redacted_at timestamptz NOT NULL DEFAULT clock_timestamp()
)
"""

# Every anonymisation of a contact, as the database saw it (a trigger on `contacts`: the
# anonymised number goes from none to one, once and for good).
ANONYMISATIONS_TABLE = """
CREATE TABLE anonymisations (
    id serial PRIMARY KEY,
    contact_id integer NOT NULL,
    xact bigint NOT NULL DEFAULT (pg_current_xact_id()::text)::bigint,
    acting_agent_id integer,
    anonymised_at timestamptz NOT NULL DEFAULT clock_timestamp()
)
"""

ANONYMISED_ONCE = """
CREATE FUNCTION hezo_anonymised_once() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.anonymised_number IS NOT NULL AND NOT hezo_caller_is_trusted() THEN
            RAISE EXCEPTION 'a contact is anonymised after it is registered'
                USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.anonymised_number IS NOT NULL
       AND NEW.anonymised_number IS DISTINCT FROM OLD.anonymised_number
       AND NOT hezo_caller_is_trusted() THEN
        RAISE EXCEPTION 'an anonymised contact stays anonymised' USING ERRCODE = '42501';
    END IF;
    IF OLD.anonymised_number IS NULL AND NEW.anonymised_number IS NOT NULL THEN
        INSERT INTO anonymisations (contact_id, acting_agent_id)
        VALUES (NEW.id, hezo_acting_agent());
    END IF;
    RETURN NEW;
END
$$
"""

# A redaction by a desk stands only beside the anonymisation of the contact it names, by the
# same agent in the same transaction (checked at commit, when the contact has been rewritten).
REDACTION_IN_ERASURE = """
CREATE FUNCTION hezo_redaction_in_erasure() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.acting_agent_id IS NULL AND hezo_caller_is_trusted() THEN
        RETURN NULL;  -- the schema owner's (a revision's) redaction
    END IF;
    IF NEW.acting_agent_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM anonymisations a
        WHERE a.contact_id = NEW.contact_id AND a.xact = NEW.xact
          AND a.acting_agent_id = NEW.acting_agent_id
    ) THEN
        RAISE EXCEPTION 'a redaction belongs to the erasure of a contact in its transaction'
            USING ERRCODE = '42501';
    END IF;
    RETURN NULL;
END
$$
"""

SESSIONS_TABLE = """
CREATE TABLE agent_sessions (
    token_hash bytea PRIMARY KEY,
    agent_id integer NOT NULL REFERENCES agents (id),
    started_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    ended_at timestamptz
)
"""

# The agent of this transaction's session, or an error: a desk that sends no valid token is
# told so (a silent empty result would look like an empty database).
SESSION_AGENT = """
CREATE FUNCTION hezo_session_agent() RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    token text := current_setting('hezo.session', true);
    found integer;
BEGIN
    IF token IS NULL OR token = '' THEN
        RAISE EXCEPTION 'no agent session: sign in first'
            USING ERRCODE = '28000', HINT = 'hezo-desk: sign in (--agent LOGIN)';
    END IF;
    SELECT s.agent_id INTO found
    FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
    WHERE s.token_hash = sha256(convert_to(token, 'UTF8'))
      AND s.ended_at IS NULL AND s.expires_at > clock_timestamp() AND a.is_active;
    IF found IS NULL THEN
        RAISE EXCEPTION 'the agent session has ended: sign in again'
            USING ERRCODE = '28000', HINT = 'hezo-desk: sign in again';
    END IF;
    RETURN found;
END
$$
"""

# The schema owner (or a superuser) calling: trusted with the data, it needs no session.
CALLER_TRUSTED = """
CREATE FUNCTION hezo_caller_is_trusted() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user),
                    false)
        OR pg_has_role(session_user, (SELECT tableowner FROM pg_tables
                                      WHERE schemaname = 'public' AND tablename = 'agents'),
                       'MEMBER')
$$
"""

SESSION_ROLE = """
CREATE FUNCTION hezo_session_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT role::text FROM agents WHERE id = hezo_session_agent()
$$
"""

# scrypt$N$r$p$salt of an agent (never the key), for the desk to derive its proof. An unknown
# login gets a made-up salt of the same shape, so the answer does not tell who exists.
PASSWORD_SETTING = """
CREATE FUNCTION hezo_password_setting(p_login text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(
        (SELECT split_part(password_hash, '$', 1) || '$' || split_part(password_hash, '$', 2)
                || '$' || split_part(password_hash, '$', 3) || '$'
                || split_part(password_hash, '$', 4) || '$' || split_part(password_hash, '$', 5)
         FROM agents WHERE login = p_login AND password_hash IS NOT NULL),
        'scrypt$131072$8$1$' || left(encode(sha256(convert_to('hezo:' || p_login, 'UTF8')),
                                            'base64'), 22) || '=='
    )
$$
"""

SIGN_IN = f"""
CREATE FUNCTION hezo_sign_in(p_login text, p_proof text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    agent record;
    token text;
BEGIN
    IF p_login IS NULL OR coalesce(p_proof, '') = '' THEN
        RETURN NULL;
    END IF;
    SELECT id, password_hash, is_active INTO agent FROM agents WHERE login = p_login;
    -- Every comparison NULL-safe: a NULL here must refuse, never fall through.
    IF agent.id IS NULL OR agent.is_active IS NOT TRUE OR agent.password_hash IS NULL
       OR split_part(agent.password_hash, '$', 6) = ''
       OR split_part(agent.password_hash, '$', 6) IS DISTINCT FROM p_proof THEN
        RETURN NULL;
    END IF;
    DELETE FROM agent_sessions WHERE expires_at < now() - interval '30 days';
    token := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
    INSERT INTO agent_sessions (token_hash, agent_id, expires_at)
    VALUES (sha256(convert_to(token, 'UTF8')), agent.id,
            now() + interval '{SESSION_HOURS} hours');
    RETURN token;
END
$$
"""

SIGN_OUT = """
CREATE FUNCTION hezo_sign_out() RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE agent_sessions SET ended_at = now()
    WHERE token_hash = sha256(convert_to(coalesce(current_setting('hezo.session', true), ''),
                                         'UTF8'))
      AND ended_at IS NULL
$$
"""

SET_PASSWORD = """
CREATE FUNCTION hezo_set_password_hash(p_agent_id integer, p_hash text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT hezo_caller_is_trusted() THEN
        IF hezo_session_agent() <> p_agent_id AND hezo_session_role() <> 'administrator' THEN
            RAISE EXCEPTION 'only an administrator sets another agent''s password'
                USING ERRCODE = '42501';
        END IF;
    END IF;
    IF p_hash IS NOT NULL
       AND (p_hash !~ ('^scrypt\\$[0-9]{1,9}\\$[0-9]{1,3}\\$[0-9]{1,3}'
                       || '\\$[A-Za-z0-9+/=]{16,64}\\$[A-Za-z0-9+/=]{32,128}$')
            OR split_part(p_hash, '$', 2)::integer < 16384
            OR split_part(p_hash, '$', 3)::integer < 8) THEN
        RAISE EXCEPTION 'not a password hash of the desk''s cost' USING ERRCODE = '22023';
    END IF;
    UPDATE agents SET password_hash = p_hash WHERE id = p_agent_id;
END
$$
"""

HAS_PASSWORD = """
CREATE FUNCTION hezo_agent_has_password(p_agent_id integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT password_hash IS NOT NULL FROM agents WHERE id = p_agent_id
$$
"""

# The session's agent when there is a valid session, else NULL (never refuses by itself).
ACTING_AGENT = """
CREATE FUNCTION hezo_acting_agent() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT s.agent_id
    FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
    WHERE s.token_hash = sha256(convert_to(current_setting('hezo.session', true), 'UTF8'))
      AND s.ended_at IS NULL AND s.expires_at > clock_timestamp() AND a.is_active
$$
"""

# The database's own record of who acted, beside the agent the desk names (which must agree
# for the desk's role; the schema owner is trusted and may record without a session).
AUDIT_ACTING = """
CREATE FUNCTION hezo_audit_acting_agent() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    -- The schema owner may write without a session; a desk's entry names the session's agent,
    -- looked at again here (a session ended while the statement ran leaves no entry unowned).
    IF hezo_caller_is_trusted() THEN
        NEW.acting_agent_id := hezo_acting_agent();
    ELSE
        NEW.acting_agent_id := hezo_session_agent();
        IF NEW.agent_id IS DISTINCT FROM NEW.acting_agent_id THEN
            RAISE EXCEPTION 'an audit entry names the agent of its session'
                USING ERRCODE = '42501';
        END IF;
    END IF;
    RETURN NEW;
END
$$
"""

# The spans `p_new` takes out of `p_old`, replacing them by the erasure's marks ("[…]", also as
# JSON writes it, or the anonymised label) and nothing else; NULL when `p_new` is not `p_old`
# so cut (words added, moved or changed). A NULL `p_new` takes all of `p_old` out.
REMOVED_SPANS = """
CREATE FUNCTION hezo_removed_spans(p_old text, p_new text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
DECLARE
    pieces text[];
    pieces_count integer;
    taken_to integer;
    hit integer;
    spans text[] := '{}';
BEGIN
    IF p_old IS NOT DISTINCT FROM p_new THEN
        RETURN spans;
    END IF;
    IF p_old IS NULL THEN
        RETURN NULL;
    END IF;
    IF p_new IS NULL THEN
        RETURN ARRAY[p_old];
    END IF;
    pieces := regexp_split_to_array(
        p_new, '\\[…\\]|\\[\\\\u2026\\]|(Osoba zanonimizowana|Anonymised person) [0-9]+'
    );
    pieces_count := array_length(pieces, 1);
    IF pieces_count IS NULL OR pieces_count = 1 THEN
        RETURN NULL;
    END IF;
    -- Before the first mark and after the last nothing was taken away.
    IF left(p_old, length(pieces[1])) <> pieces[1]
       OR right(p_old, length(pieces[pieces_count])) <> pieces[pieces_count]
       OR length(p_old) < length(pieces[1]) + length(pieces[pieces_count]) THEN
        RETURN NULL;
    END IF;
    taken_to := length(pieces[1]) + 1;
    FOR i IN 2 .. pieces_count - 1 LOOP
        IF pieces[i] = '' THEN
            spans := spans || ''::text;  -- two marks side by side
            CONTINUE;
        END IF;
        hit := strpos(substr(p_old, taken_to), pieces[i]);
        IF hit = 0 THEN
            RETURN NULL;
        END IF;
        spans := spans || substr(p_old, taken_to, hit - 1);
        taken_to := taken_to + hit - 1 + length(pieces[i]);
    END LOOP;
    hit := length(p_old) - length(pieces[pieces_count]) + 1;
    IF hit < taken_to THEN
        RETURN NULL;
    END IF;
    spans := spans || substr(p_old, taken_to, hit - taken_to);
    RETURN spans;
END
$$
"""

# Whether every span an erasure takes out holds one of the person's identifiers, as the contact
# holds them before it is rewritten: a stem of their first or last name (a Polish name declines:
# "Marek", "Marka"), their e-mail, or their phone's last nine digits. JSON's \u escapes are read
# as letters. An empty span (two marks side by side) takes nothing.
SPANS_OF_PERSON = """
CREATE FUNCTION hezo_spans_of_person(p_spans text[], p_contact integer) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    person record;
    span text;
    code text;
    marks text[] := ARRAY[]::text[];
BEGIN
    IF p_spans IS NULL THEN
        RETURN false;
    END IF;
    SELECT first_name, last_name, email, phone_e164 INTO person
    FROM contacts WHERE id = p_contact AND anonymised_number IS NULL;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF length(person.first_name) >= 3 THEN
        marks := marks
                 || lower(left(person.first_name, greatest(3, length(person.first_name) - 2)));
    END IF;
    IF length(person.last_name) >= 3 THEN
        marks := marks
                 || lower(left(person.last_name, greatest(3, length(person.last_name) - 2)));
    END IF;
    IF length(person.email) >= 6 AND strpos(person.email, '@') > 0 THEN
        marks := marks || lower(person.email);
    END IF;
    FOREACH span IN ARRAY p_spans LOOP
        CONTINUE WHEN span = '';
        LOOP
            code := substring(span from '\\\\u([0-9a-fA-F]{4})');
            EXIT WHEN code IS NULL;
            span := replace(span, '\\u' || code,
                            chr(('x' || lpad(code, 8, '0'))::bit(32)::int));
        END LOOP;
        span := lower(span);
        IF NOT (
            EXISTS (SELECT 1 FROM unnest(marks) AS m WHERE strpos(span, m) > 0)
            OR (length(coalesce(person.phone_e164, '')) >= 9
                AND strpos(regexp_replace(span, '[^0-9]', '', 'g'),
                           right(person.phone_e164, 9)) > 0)
        ) THEN
            RETURN false;
        END IF;
    END LOOP;
    RETURN true;
END
$$
"""


# The one way the desks' role changes an append-only row: an erasure (RODO art. 17) taking the
# person's words out of an entry. The function holds the permit the tables' guards (revision
# 0009) demand for the one statement; the desks' role cannot grant itself one.
def _redaction_function(name: str, table: str, columns: tuple[str, str], casts: str) -> str:
    """A function rewriting the words (`columns`) of one row of `table` for the erasure of
    contact `p_contact`: the row must mention that person (their name, e-mail or phone, as the
    contact holds them before it is rewritten), and only words may go."""
    first, second = columns
    return f"""
CREATE FUNCTION {name}(p_contact integer, p_id integer, p_first text, p_second text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    old record;
    agent integer;
BEGIN
    agent := CASE WHEN hezo_caller_is_trusted() THEN hezo_acting_agent()
                  ELSE hezo_session_agent() END;
    SELECT {first}, {second}::text AS {second} INTO old FROM {table} WHERE id = p_id;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF NOT hezo_caller_is_trusted() AND NOT (
        hezo_spans_of_person(hezo_removed_spans(old.{first}, p_first), p_contact)
        AND hezo_spans_of_person(hezo_removed_spans(old.{second}, p_second), p_contact)
    ) THEN
        RAISE EXCEPTION 'an erasure takes only the person''s own words out of %', '{table}'
            USING ERRCODE = '42501';
    END IF;
    INSERT INTO redaction_permits (table_name, row_id) VALUES ('{table}', p_id)
        ON CONFLICT DO NOTHING;
    UPDATE {table} SET {first} = p_first, {second} = p_second{casts} WHERE id = p_id;
    DELETE FROM redaction_permits WHERE table_name = '{table}' AND row_id = p_id;
    INSERT INTO redactions (table_name, row_id, contact_id, acting_agent_id)
    VALUES ('{table}', p_id, p_contact, agent);
END
$$
"""


REDACT_AUDIT = _redaction_function(
    "hezo_redact_audit_entry", "audit_log", ("summary", "details"), "::json"
)
REDACT_ACCESS_CHANGE = _redaction_function(
    "hezo_redact_access_change", "reseller_access_changes", ("requested_by_name", "note"), ""
)

# An agent's sessions end when their password changes or they are deactivated (a session
# must not outlive the reason it was trusted, nor come back on reactivation).
END_SESSIONS = """
CREATE FUNCTION hezo_end_agent_sessions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
       OR NEW.is_active IS DISTINCT FROM OLD.is_active THEN
        -- The session changing its own agent's password stays (a sign-in's rehash, an
        -- administrator's own reset); a deactivation ends every one.
        UPDATE agent_sessions SET ended_at = now()
        WHERE agent_id = NEW.id AND ended_at IS NULL
          AND (NEW.is_active IS DISTINCT FROM OLD.is_active
               OR token_hash IS DISTINCT FROM sha256(convert_to(
                   coalesce(current_setting('hezo.session', true), ''), 'UTF8')));
    END IF;
    RETURN NEW;
END
$$
"""

# A row of the audit log or the access history is appended now, by the desks: with an id the
# sequence handed out and after every row there is (audit log), dated within two minutes of the
# server's clock (an entry dated into the past would reorder the story). The history's own
# trigger dates its rows with the clock too.
APPENDED_NOW = """
CREATE FUNCTION hezo_appended_now() RETURNS trigger
LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
BEGIN
    IF hezo_caller_is_trusted() THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'audit_log'
       AND (NEW.id <= coalesce((SELECT max(id) FROM audit_log), 0)
            OR NEW.id > coalesce(pg_sequence_last_value(
                   pg_get_serial_sequence('audit_log', 'id')::regclass), 0)) THEN
        RAISE EXCEPTION 'an audit entry comes after every entry there is'
            USING ERRCODE = '42501';
    END IF;
    IF NEW.recorded_at IS NULL
       OR abs(extract(epoch FROM NEW.recorded_at - clock_timestamp())) > 120 THEN
        RAISE EXCEPTION 'dated % while the server says %', NEW.recorded_at, clock_timestamp()
            USING ERRCODE = 'HZ001';
    END IF;
    RETURN NEW;
END
$$
"""

# A service's level is the back office's to change (or a supervisor's, an administrator's);
# row-level policies cannot name a column, so a trigger keeps it.
SERVICE_LEVEL_GUARD = """
CREATE FUNCTION hezo_service_level_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF ((TG_OP = 'INSERT' AND NEW.service_level_id IS NOT NULL)
        OR (TG_OP = 'UPDATE' AND NEW.service_level_id IS DISTINCT FROM OLD.service_level_id))
       AND NOT hezo_caller_is_trusted() THEN
        IF hezo_session_role() NOT IN ('back_office', 'supervisor', 'administrator') THEN
            RAISE EXCEPTION 'only the back office, supervisors and administrators change a '
                            'service''s level' USING ERRCODE = '42501';
        END IF;
    END IF;
    RETURN NEW;
END
$$
"""

# Revision 0010's trigger, now with its owner's rights (its rows come from the database, with
# no agent) and the clock's time (not the transaction's start, which a desk may hold open).
CONSENT_FOLLOWS_RESELLER = """
CREATE OR REPLACE FUNCTION hezo_consent_follows_reseller() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    WITH ended AS (
        UPDATE tickets t SET reseller_access = false, access_reseller_id = NULL
        FROM service_contracts c, tickets before_row
        WHERE c.id = t.contract_id AND before_row.id = t.id
          AND (CASE WHEN TG_TABLE_NAME = 'tickets' THEN t.id = NEW.id
                    ELSE t.contract_id = NEW.id END)
          AND t.reseller_access AND t.access_reseller_id IS DISTINCT FROM c.reseller_id
        RETURNING t.id, t.channel, before_row.access_reseller_id, c.reseller_id
    )
    INSERT INTO reseller_access_changes (ticket_id, previous, granted, agent_id,
        requested_by_contact_id, requested_by_name, channel, recorded_at, note, reseller_id,
        reason, new_reseller_id)
    SELECT ended.id, true, false, hezo_acting_agent(), NULL, '', ended.channel,
           clock_timestamp(), NULL,
           ended.access_reseller_id, 'reseller_changed', ended.reseller_id
    FROM ended;
    RETURN NULL;
END
$$
"""

FUNCTIONS = (
    "hezo_caller_is_trusted()",
    "hezo_session_agent()",
    "hezo_session_role()",
    "hezo_password_setting(text)",
    "hezo_sign_in(text, text)",
    "hezo_sign_out()",
    "hezo_set_password_hash(integer, text)",
    "hezo_agent_has_password(integer)",
    "hezo_acting_agent()",
    "hezo_redact_audit_entry(integer, integer, text, text)",
    "hezo_redact_access_change(integer, integer, text, text)",
)


TRIGGER_FUNCTIONS = (
    "hezo_audit_acting_agent()",
    "hezo_service_level_guard()",
    "hezo_end_agent_sessions()",
    "hezo_appended_now()",
    "hezo_redaction_in_erasure()",
    "hezo_anonymised_once()",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(CREATE_ROLE)
    op.execute(SESSIONS_TABLE)
    op.execute(REDACTIONS_TABLE)
    op.execute(ANONYMISATIONS_TABLE)
    op.execute("CREATE INDEX ix_anonymisations_contact ON anonymisations (contact_id, xact)")
    op.execute("CREATE INDEX ix_redactions_row ON redactions (table_name, row_id)")
    op.execute("CREATE INDEX ix_agent_sessions_agent ON agent_sessions (agent_id)")
    op.execute("ALTER TABLE audit_log ADD COLUMN acting_agent_id integer")
    for statement in (
        CALLER_TRUSTED,
        SESSION_AGENT,
        ACTING_AGENT,
        SESSION_ROLE,
        PASSWORD_SETTING,
        SIGN_IN,
        SIGN_OUT,
        SET_PASSWORD,
        HAS_PASSWORD,
        AUDIT_ACTING,
        REMOVED_SPANS,
        SPANS_OF_PERSON,
        REDACT_AUDIT,
        REDACT_ACCESS_CHANGE,
        SERVICE_LEVEL_GUARD,
        END_SESSIONS,
        APPENDED_NOW,
        REDACTION_IN_ERASURE,
        ANONYMISED_ONCE,
    ):
        op.execute(statement)
    op.execute(
        "CREATE TRIGGER agents_end_sessions AFTER UPDATE OF password_hash, is_active ON agents "
        "FOR EACH ROW EXECUTE FUNCTION hezo_end_agent_sessions()"
    )
    for table in ("audit_log", "reseller_access_changes"):
        op.execute(
            f"CREATE TRIGGER {table}_appended_now BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION hezo_appended_now()"
        )
    op.execute(
        "CREATE CONSTRAINT TRIGGER redactions_in_erasure AFTER INSERT ON redactions "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hezo_redaction_in_erasure()"
    )
    # The access history's own trigger (revision 0010) writes rows the desk's role may not: it
    # runs with its owner's rights now, so its rows come from the database.
    op.execute(CONSENT_FOLLOWS_RESELLER)
    # Only a real move to another contract ends a yes (a no-op update wrote a false history).
    op.execute("DROP TRIGGER tickets_consent_follows_contract ON tickets")
    op.execute(
        "CREATE TRIGGER tickets_consent_follows_contract AFTER UPDATE OF contract_id ON tickets "
        "FOR EACH ROW WHEN (NEW.contract_id IS DISTINCT FROM OLD.contract_id) "
        "EXECUTE FUNCTION hezo_consent_follows_reseller()"
    )
    op.execute(
        "CREATE TRIGGER contacts_anonymised_once BEFORE INSERT OR UPDATE OF anonymised_number "
        "ON contacts FOR EACH ROW EXECUTE FUNCTION hezo_anonymised_once()"
    )
    op.execute("REVOKE ALL ON FUNCTION hezo_consent_follows_reseller() FROM PUBLIC")
    _record_earlier_redactions()
    op.execute(
        "CREATE TRIGGER services_level_guard BEFORE INSERT OR UPDATE OF service_level_id "
        "ON services "
        "FOR EACH ROW EXECUTE FUNCTION hezo_service_level_guard()"
    )
    op.execute(
        "CREATE TRIGGER audit_log_acting_agent BEFORE INSERT ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION hezo_audit_acting_agent()"
    )
    for function in FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {DESK_ROLE}")
    for trigger_function in TRIGGER_FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {trigger_function} FROM PUBLIC")
    grant_desk_rights(op.get_bind())
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0017_acting_agent', '0016_greek_vat_ids')"
    )


def _record_earlier_redactions() -> None:
    """Erasures before this revision listed the rows they rewrote in their own entry: those
    become the database's record of redactions (written here by the schema owner)."""
    bind = op.get_bind()
    for (details,) in bind.exec_driver_sql(
        "SELECT details FROM audit_log WHERE action = 'contact.anonymised' ORDER BY id"
    ):
        plain = details if isinstance(details, dict) else {}
        rows = plain.get("redacted_rows", {})
        for table, ids in rows.items():
            for row_id in ids:
                bind.exec_driver_sql(
                    "INSERT INTO redactions (table_name, row_id, contact_id) VALUES (%s, %s, %s)",
                    (str(table), int(row_id), plain.get("contact_id")),
                )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0017_acting_agent'")
    op.execute("DROP TRIGGER audit_log_acting_agent ON audit_log")
    op.execute("DROP TRIGGER services_level_guard ON services")
    op.execute("DROP TRIGGER agents_end_sessions ON agents")
    for table in ("audit_log", "reseller_access_changes"):
        op.execute(f"DROP TRIGGER {table}_appended_now ON {table}")
    op.execute("ALTER FUNCTION hezo_consent_follows_reseller() SECURITY INVOKER RESET search_path")
    op.execute("DROP TRIGGER contacts_anonymised_once ON contacts")
    op.execute("DROP TABLE redactions")
    op.execute("DROP TABLE anonymisations")
    op.execute("ALTER TABLE audit_log DROP COLUMN acting_agent_id")
    for table in (
        op.get_bind()
        .exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND rowsecurity"
        )
        .scalars()
    ):
        op.execute(f'ALTER TABLE public."{table}" DISABLE ROW LEVEL SECURITY')
        for policy in (
            op.get_bind()
            .exec_driver_sql(
                "SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = %s",
                (table,),
            )
            .scalars()
        ):
            op.execute(f'DROP POLICY "{policy}" ON public."{table}"')
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {DESK_ROLE}")
    op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {DESK_ROLE}")
    op.execute(f"REVOKE ALL ON SCHEMA public FROM {DESK_ROLE}")
    for function in (
        *FUNCTIONS,
        *TRIGGER_FUNCTIONS,
        "hezo_removed_spans(text, text)",
        "hezo_spans_of_person(text[], integer)",
    ):
        op.execute(f"DROP FUNCTION {function}")
    op.execute("DROP TABLE agent_sessions")
