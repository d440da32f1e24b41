"""The services tell problems by code, never in English sentences (issue 14).

An AST scan of `hezo_desk/services/`: a sentence (a string with a word and a space, or any
f-string) handed to an exception, to a fact's verdict or to a coded sentence must be marked
for the catalogue (`QT_TRANSLATE_NOOP("Context", "… %1 …")`) and given its values apart, so
that the window, the PDF and the command line word it in their language. A new English
sentence in a service fails here; a deliberate exception goes into the allowlist with its
reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from hezo_desk.audit_words import (
    ACTION_NAMES,
    REVIEW_FLAGS,
    action_words,
    entry_words,
    review_flag,
    review_flag_words,
)
from hezo_desk.catalogue import Catalogue
from hezo_desk.enums import Role, TicketState
from hezo_desk.errors import Coded, NotFoundError, UserError
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import actions
from hezo_desk.wording import coded_error_text

SERVICES = Path(__file__).resolve().parent.parent / "hezo_desk" / "services"
# Errors a programmer meets, never a user: their English stays.
INTERNAL_ERRORS = frozenset(
    {
        "ValueError",
        "TypeError",
        "KeyError",
        "RuntimeError",
        "AssertionError",
        "FileNotFoundError",
        "ReadStoppedError",  # a list read stopped because its screen closed; never shown
    }
)
# (file relative to services/, constructor): why its words may stay English.
ALLOWED = {
    # The keyring's own refusal, passed on as the library words it.
    ("secrets.py", "SecretStoreUnavailableError"): "the keyring's words",
}
# Callables whose string arguments are sentences a user may read.
WORDED = re.compile(r"(Error|Refused\w*|FactCheck|Coded)$")
_SENTENCE = re.compile(r"[A-Za-z]{2,}\s+\S")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_marked(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) == "QT_TRANSLATE_NOOP"


def _english(node: ast.expr) -> bool:
    """A sentence built or written here: an f-string, a literal with words, a join of them."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_SENTENCE.search(node.value))
    if isinstance(node, ast.BinOp):
        return _english(node.left) or _english(node.right)
    if isinstance(node, ast.IfExp):
        return _english(node.body) or _english(node.orelse)
    return False


def english_sentences(root: Path = SERVICES) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name == "super":
                continue
            if not WORDED.search(name) or name in INTERNAL_ERRORS:
                if not (name == "__init__" and isinstance(node.func, ast.Attribute)):
                    continue
                name = "super().__init__"
            if (relative, name) in ALLOWED:
                continue
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            for argument in arguments:
                if not _is_marked(argument) and _english(argument):
                    found.append(f"{relative}:{node.lineno}: {name}({ast.unparse(argument)})")
    return found


def test_services_build_no_english_sentences() -> None:
    assert english_sentences() == []


def test_the_scan_finds_an_english_sentence(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(
        "from hezo_desk.errors import UserError\n"
        "def f(n):\n"
        '    raise UserError(f"no ticket with id {n}")\n'
        "def g():\n"
        '    raise NotFoundError("that serial is not on the contract")\n'
        "def h(n):\n"
        '    raise UserError(QT_TRANSLATE_NOOP("Errors", "no ticket with id %1"), n)\n',
        encoding="utf-8",
    )
    found = english_sentences(tmp_path)
    assert len(found) == 2
    assert "bad.py:3" in found[0]
    assert "bad.py:5" in found[1]


def test_an_error_told_by_code_reads_in_polish_and_english() -> None:
    polish = Catalogue().language("pl").translate
    error = NotFoundError("no ticket with id %1", 42)
    assert str(error) == "no ticket with id 42"
    assert coded_error_text(error) == "no ticket with id 42"
    worded = coded_error_text(error, polish)
    assert worded is not None
    assert "42" in worded
    assert worded != "no ticket with id 42"


def test_values_inside_an_error_are_worded_too() -> None:
    polish = Catalogue().language("pl").translate
    actor = Actor(1, "ola", "Ola", Role.AGENT)
    with pytest.raises(UserError) as caught:
        require_role(actor, [Role.ADMINISTRATOR], "add agents")
    english = coded_error_text(caught.value)
    assert english == "ola (agent) may not add agents; that needs the role administrator"
    worded = coded_error_text(caught.value, polish)
    assert worded is not None
    assert worded != english
    assert "ola" in worded


def test_every_audit_action_has_a_name_in_both_languages() -> None:
    polish = Catalogue().language("pl").translate
    assert set(actions()) == set(ACTION_NAMES)
    for action in actions():
        assert action_words(action) != action
        assert action_words(action, polish) != action_words(action)


def test_an_audit_entry_is_worded_from_its_action_and_details() -> None:
    polish = Catalogue().language("pl").translate
    said = entry_words(
        "ticket.state_changed",
        {"from": TicketState.NEW.value, "to": TicketState.CLOSED.value},
        ticket_number="HD-000007",
        agent_login="ola",
        summary="HD-000007: state new → closed",
    )
    assert said == "HD-000007: state new → closed"
    in_polish = entry_words(
        "ticket.state_changed",
        {"from": "new", "to": "closed"},
        ticket_number="HD-000007",
        agent_login="ola",
        summary="HD-000007: state new → closed",
        translate=polish,
    )
    assert "HD-000007" in in_polish
    assert "closed" not in in_polish
    # An unknown action, or an old entry without the details, reads as it was stored.
    assert entry_words("x.y", {}, ticket_number=None, agent_login=None, summary="kept") == "kept"
    assert (
        entry_words(
            "agent.changed",
            {"change": "deactivated"},
            ticket_number=None,
            agent_login="ola",
            summary="agent ola: deactivated",
            translate=polish,
        )
        == "agent ola: deactivated"
    )


def test_a_stored_review_flag_is_worded_back() -> None:
    polish = Catalogue().language("pl").translate
    line = review_flag("contract_not_moved", "UMS/2019/0001", "expired")
    assert line == "contract UMS/2019/0001 is expired and did not move; link the right one"
    worded = review_flag_words(line, polish)
    assert "UMS/2019/0001" in worded
    assert worded != line
    assert review_flag_words("something else", polish) == "something else"
    for template in REVIEW_FLAGS.values():
        assert polish("ReviewFlags", template) != template


def test_a_coded_sentence_words_its_parts() -> None:
    polish = Catalogue().language("pl").translate
    coded = Coded("%1: %2", (Coded("tax id"), "PL5260250274"))
    assert str(coded) == "tax id: PL5260250274"
    error = UserError("registration refused: %1", (coded,))
    assert str(error) == "registration refused: tax id: PL5260250274"
    worded = coded_error_text(error, polish)
    assert worded is not None
    assert "tax id" not in worded
