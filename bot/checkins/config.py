"""``knowledge/checkins.yml``: the schedule, messages, quiet hours and opt-out words.

Loaded and checked with pydantic: a mistake stops the load with a message that
names the file, the place and what is wrong, e.g.
``knowledge/checkins.yml: checkins -> 2 -> after: '3 days' is not a duration
like 24h, 7d or 3w``. Messages are rendered with the clinic's facts
(``{{clinic.name}}``) at load too, so an unknown field is caught before a
patient could see it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, Extra, ValidationError, conint, constr, root_validator, validator

from bot import config as bot_config
from bot import knowledge
from bot.settings import settings as bot_settings

#: The channels of the outside contract (CONTRACT.md, "Treatments and aftercare check-ins").
CHANNELS: tuple[str, ...] = ("rest", "socketio", "telegram", "twilio_whatsapp", "whatsapp_cloud")
DEFAULT_PATH = bot_config.KNOWLEDGE / "checkins.yml"
#: WhatsApp shows at most 3 reply buttons of at most 20 characters.
MAX_QUICK_REPLIES = 3
MAX_QUICK_REPLY_CHARS = 20
MAX_MESSAGE_CHARS = 480
_DURATION = re.compile(r"^\s*(\d{1,4})\s*([hdw])\s*$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class CheckinConfigError(ValueError):
    """knowledge/checkins.yml is missing, not YAML, or breaks a rule."""


@dataclass(frozen=True)
class Offset:
    """How long after the treatment: elapsed ``hours``, or calendar ``days`` (weeks = 7 days)."""

    amount: int
    unit: str  # "h" or "d"

    @classmethod
    def parse(cls, text: Any) -> Offset:
        m = _DURATION.match(str(text)) if isinstance(text, (str, int)) else None
        if not m:
            raise ValueError(f"{text!r} is not a duration like 24h, 7d or 3w")
        amount, unit = int(m.group(1)), m.group(2)
        if amount <= 0:
            raise ValueError(f"{text!r}: a check-in comes after the treatment, not at it")
        return cls(amount * 7, "d") if unit == "w" else cls(amount, unit)

    def approx(self) -> timedelta:
        """For ordering only (a calendar day is about 24 hours)."""
        return timedelta(hours=self.amount) if self.unit == "h" else timedelta(days=self.amount)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


class _Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        allow_mutation = False
        anystr_strip_whitespace = True


class QuickReply(_Strict):
    title: constr(min_length=1, max_length=MAX_QUICK_REPLY_CHARS)  # type: ignore[valid-type]
    payload: constr(min_length=1, max_length=200) | None = None  # type: ignore[valid-type]
    # What tapping it says, for the reply's handling: ``fine`` (thanks and the
    # aftercare reminder), ``symptoms`` (the red-flag check first), ``worried``
    # (the red-flag questions; staff follow up). Typed text is triaged as usual.
    means: Literal["fine", "symptoms", "worried"] | None = None

    def as_button(self) -> dict[str, str]:
        return {"title": self.title, "payload": self.payload or self.title}


class CheckinSpec(_Strict):
    kind: constr(regex=r"^[a-z][a-z0-9_]{0,39}$")  # type: ignore[valid-type]
    after: Offset
    expects_reply: bool = True
    message: constr(min_length=1)  # type: ignore[valid-type]
    quick_replies: list[QuickReply] = []

    class Config(_Strict.Config):
        arbitrary_types_allowed = True

    @validator("after", pre=True)
    def _after(cls, v: Any) -> Offset:  # noqa: N805
        return v if isinstance(v, Offset) else Offset.parse(v)

    @validator("message")
    def _message(cls, v: str) -> str:  # noqa: N805
        return " ".join(v.split())

    @validator("quick_replies")
    def _quick_replies(cls, v: list[QuickReply]) -> list[QuickReply]:  # noqa: N805
        if len(v) > MAX_QUICK_REPLIES:
            raise ValueError(f"at most {MAX_QUICK_REPLIES} quick replies (WhatsApp shows no more)")
        titles = [q.title.casefold() for q in v]
        if len(set(titles)) != len(titles):
            raise ValueError("two quick replies have the same title")
        return v


def paragraphs(text: str) -> str:
    """Spaces tidied inside each paragraph; paragraphs (blank lines) kept apart."""
    parts = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in parts if p)


def _hhmm(v: Any) -> time:
    # Unquoted 21:00 is the number 1260 in YAML 1.1: insist on the quoted text.
    if not isinstance(v, str) or not _HHMM.match(v.strip()):
        raise ValueError(f'{v!r} is not a time like "21:00" (24-hour, in quotes)')
    hh, mm = v.strip().split(":")
    return time(int(hh), int(mm))


class QuietHours(_Strict):
    start: time
    end: time
    channels: list[str]

    _start = validator("start", pre=True, allow_reuse=True)(_hhmm)
    _end = validator("end", pre=True, allow_reuse=True)(_hhmm)

    @validator("channels", each_item=True)
    def _channel(cls, v: str) -> str:  # noqa: N805
        if v not in CHANNELS:
            raise ValueError(f"unknown channel {v!r}; channels are {', '.join(CHANNELS)}")
        return v

    @root_validator(skip_on_failure=True)
    def _window(cls, values: dict[str, Any]) -> dict[str, Any]:  # noqa: N805
        if values["start"] == values["end"]:
            raise ValueError(
                "start and end are the same time; remove quiet_hours "
                "(or set it to null) to send at any hour"
            )
        return values

    def contains(self, t: time) -> bool:
        """Whether a local wall-clock time falls in the window (which may cross midnight)."""
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end


class Registration(_Strict):
    treatments: list[constr(min_length=1, max_length=80)]  # type: ignore[valid-type]
    max_days_ago: conint(ge=1, le=3650)  # type: ignore[valid-type]
    future_skew_minutes: conint(ge=0, le=120) = 5  # type: ignore[valid-type]

    @validator("treatments")
    def _some(cls, v: list[str]) -> list[str]:  # noqa: N805
        if not v:
            raise ValueError("name at least one treatment")
        return [t.casefold() for t in v]


class OptOutWords(_Strict):
    alone: list[constr(min_length=1)]  # type: ignore[valid-type]
    needs_about: list[constr(min_length=1)] = []  # type: ignore[valid-type]
    about: list[constr(min_length=1)] = []  # type: ignore[valid-type]
    filler: list[constr(min_length=1)] = []  # type: ignore[valid-type]
    reply: constr(min_length=1)  # type: ignore[valid-type]

    @validator("alone")
    def _has_stop(cls, v: list[str]) -> list[str]:  # noqa: N805
        if "stop" not in [w.casefold() for w in v]:
            raise ValueError("`stop` must be an opt-out word (the contract promises it)")
        return v

    @validator("reply")
    def _reply(cls, v: str) -> str:  # noqa: N805
        return paragraphs(v)


class Sending(_Strict):
    lease_seconds: conint(ge=10, le=86400) = 300  # type: ignore[valid-type]
    max_attempts: conint(ge=1, le=50) = 5  # type: ignore[valid-type]
    retry_after_seconds: conint(ge=1, le=86400) = 300  # type: ignore[valid-type]


class CheckinFile(_Strict):
    timezone: str | None = None
    quiet_hours: QuietHours | None = None
    reply_window_hours: conint(ge=1, le=24 * 30) = 24  # type: ignore[valid-type]
    checkins: list[CheckinSpec]
    registration: Registration
    opt_out: OptOutWords
    # Said to a reply that means "all fine"; the aftercare reminder follows.
    fine_reply: constr(min_length=1) = "Thank you, good to hear."  # type: ignore[valid-type]
    sending: Sending = Sending()

    @validator("checkins")
    def _schedule(cls, v: list[CheckinSpec]) -> list[CheckinSpec]:  # noqa: N805
        if not v:
            raise ValueError("the schedule needs at least one check-in")
        kinds = [c.kind for c in v]
        dupes = sorted({k for k in kinds if kinds.count(k) > 1})
        if dupes:
            raise ValueError(f"kind {dupes[0]!r} appears twice")
        for before, after in zip(v, v[1:], strict=False):
            if after.after.approx() <= before.after.approx():
                raise ValueError(
                    f"{after.kind} ({after.after}) must come later than "
                    f"{before.kind} ({before.after}): list check-ins in order"
                )
        return v


@dataclass(frozen=True)
class Settings:
    """The checked file, the clinic's timezone and facts, and rendered messages."""

    spec: CheckinFile
    tz: ZoneInfo
    facts: Mapping[str, Any]
    path: Path

    @property
    def schedule(self) -> list[CheckinSpec]:
        return list(self.spec.checkins)

    def checkin(self, kind: str) -> CheckinSpec | None:
        return next((c for c in self.spec.checkins if c.kind == kind), None)

    def message(self, kind: str) -> str:
        """The check-in's text with the clinic's facts filled in (KeyError: unknown kind)."""
        spec = self.checkin(kind)
        if spec is None:
            raise KeyError(f"no check-in of kind {kind!r} in {self.path.name}")
        return knowledge.render(spec.message, self.facts)

    def buttons(self, kind: str) -> list[dict[str, str]]:
        spec = self.checkin(kind)
        if spec is None:
            raise KeyError(f"no check-in of kind {kind!r} in {self.path.name}")
        return [q.as_button() for q in spec.quick_replies]

    def opt_out_reply(self) -> str:
        return knowledge.render(self.spec.opt_out.reply, self.facts)

    def fine_reply(self) -> str:
        return knowledge.render(paragraphs(self.spec.fine_reply), self.facts)

    def meaning_of(self, text: Any) -> str | None:
        """What a quick reply means (``fine``, ``symptoms``, ``worried``) if ``text`` is one."""
        if not isinstance(text, str):
            return None
        said = " ".join(text.split()).casefold()
        for spec in self.spec.checkins:
            for q in spec.quick_replies:
                if q.means and said in (q.title.casefold(), (q.payload or q.title).casefold()):
                    return q.means
        return None

    def quiet_hours_for(self, channel: str) -> QuietHours | None:
        quiet = self.spec.quiet_hours
        return quiet if quiet is not None and channel in quiet.channels else None


def _where(loc: tuple[Any, ...]) -> str:
    return " -> ".join(str(p) for p in loc if p != "__root__") or "(top level)"


def _label(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(bot_config.ROOT))
    except ValueError:
        return str(path)


def parse(
    data: Any, path: Path = DEFAULT_PATH, clinic: Mapping[str, Any] | None = None
) -> Settings:
    """Check already-read YAML data; ``clinic`` defaults to the clinic's facts."""
    label = _label(path)
    if not isinstance(data, dict):
        raise CheckinConfigError(f"{label}: expected a mapping of settings at the top level")
    try:
        spec = CheckinFile.parse_obj(data)
    except ValidationError as exc:
        lines = [f"{label}: {_where(e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise CheckinConfigError("\n".join(lines)) from None
    facts = bot_config.clinic() if clinic is None else clinic
    tz_name = spec.timezone or (facts or {}).get("timezone")
    if not tz_name:
        raise CheckinConfigError(
            f"{label}: timezone: not set here and clinic.yml has no `timezone` (e.g. Europe/London)"
        )
    try:
        tz = ZoneInfo(str(tz_name))
    except (ZoneInfoNotFoundError, ValueError):
        raise CheckinConfigError(
            f"{label}: timezone: unknown timezone {tz_name!r} (use a name such as Europe/London)"
        ) from None
    settings = Settings(spec=spec, tz=tz, facts=facts, path=path)
    for c in spec.checkins:
        try:
            text = settings.message(c.kind)
        except knowledge.KnowledgeError as exc:
            raise CheckinConfigError(f"{label}: checkins -> {c.kind} -> message: {exc}") from None
        if len(text) > MAX_MESSAGE_CHARS:
            raise CheckinConfigError(
                f"{label}: checkins -> {c.kind} -> message: {len(text)} characters once the "
                f"clinic's facts are filled in; keep it under {MAX_MESSAGE_CHARS}"
            )
    try:
        settings.opt_out_reply()
    except knowledge.KnowledgeError as exc:
        raise CheckinConfigError(f"{label}: opt_out -> reply: {exc}") from None
    try:
        settings.fine_reply()
    except knowledge.KnowledgeError as exc:
        raise CheckinConfigError(f"{label}: fine_reply: {exc}") from None
    return settings


def load(path: Path | None = None, clinic: Mapping[str, Any] | None = None) -> Settings:
    """Read and check a check-in file (default ``CHECKINS_FILE`` if set, else
    ``knowledge/checkins.yml``)."""
    path = Path(path or bot_settings().CHECKINS_FILE or DEFAULT_PATH)
    label = _label(path)
    try:
        data = bot_config.load_yaml(path)
    except FileNotFoundError:
        raise CheckinConfigError(f"{label}: file not found") from None
    except yaml.YAMLError as exc:
        raise CheckinConfigError(f"{label}: not valid YAML: {exc}") from None
    return parse(data, path, clinic)


@functools.lru_cache(maxsize=1)
def settings() -> Settings:
    """The check-in settings in use (cached; ``reload()`` after editing the file)."""
    return load()


def reload() -> None:
    settings.cache_clear()
