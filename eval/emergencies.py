"""Score the emergency check on a set of messages labelled urgent or not (`baclofen-qa eval --emergency-set FILE`).

Each JSONL line: {"id": str, "text": str, "urgent": bool, "kind": str}. The figures are how many urgent
messages were escalated and how many of the others were false alarms, overall and per kind; the messages
themselves are never printed, so a blind set stays blind.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ingest.errors import InputError


@dataclass(frozen=True)
class Message:
    id: str
    text: str
    urgent: bool
    kind: str


@dataclass(frozen=True)
class EmergencyScore:
    escalated: int
    urgent: int
    false_alarms: int
    calm: int
    by_kind: dict[str, tuple[int, int]]  # kind -> (escalated, messages)
    escalated_ids: tuple[str, ...]

    def text(self) -> str:
        kinds = ", ".join(f"{k} {e}/{n}" for k, (e, n) in sorted(self.by_kind.items()))
        return (f"escalated {self.escalated}/{self.urgent} urgent messages; false alarms {self.false_alarms}/{self.calm}\n"
                f"by kind (escalated/messages): {kinds}\n")


def read_messages(path: Path) -> list[Message]:
    """The set's messages; InputError naming the file and line for a malformed one."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the emergency set ({exc})") from None
    out, seen = [], set()
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            msg = Message(str(row["id"]), str(row["text"]), row["urgent"], str(row.get("kind", "")))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}: not a message line ({exc})") from None
        if not isinstance(msg.urgent, bool) or not msg.text.strip() or msg.id in seen:
            raise InputError(f"{path}:{n}: needs a unique id, a text and urgent true or false")
        seen.add(msg.id)
        out.append(msg)
    if not out:
        raise InputError(f"{path}: the emergency set is empty")
    return out


def score(messages: list[Message], is_emergency: Callable[[str], bool]) -> EmergencyScore:
    """Run each message alone (no history) through `is_emergency`."""
    flagged = {m.id: is_emergency(m.text) for m in messages}
    total, hit = Counter(m.kind for m in messages), Counter(m.kind for m in messages if flagged[m.id])
    urgent = [m for m in messages if m.urgent]
    calm = [m for m in messages if not m.urgent]
    return EmergencyScore(
        escalated=sum(flagged[m.id] for m in urgent), urgent=len(urgent),
        false_alarms=sum(flagged[m.id] for m in calm), calm=len(calm),
        by_kind={k: (hit[k], total[k]) for k in total},
        escalated_ids=tuple(m.id for m in messages if flagged[m.id]))
