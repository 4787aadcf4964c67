"""Enterprise feedback cases over five years (2022-01-01 … 2026-11-20) and their
timelines, as COPY lines for ``cases``, ``case_events``, ``case_units`` and
``case_repeat_flags``.

Each case is played through the real workflow's steps (received → assigned →
accepted → [in_progress] → replied → closed, with returns, dissatisfied
follow-ups that reopen it, and cases stuck at a step); steps later than the
data set's "now" are not taken, so recent cases are open in the proportions
a live system shows. The case row is what those steps leave behind, exactly
as ``feedback_api.cases.service`` would set it. Skew: Zipf over handling
units, templates (so categories and types), districts and enterprises;
yearly growth; fewer cases at weekends."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from bench.gen import case_text as words
from bench.gen.common import (
    MINUTES_PER_DAY,
    NULL,
    Weighted,
    copy_safe,
    day_compact,
    day_index,
    line,
    minute_of,
    ordered_uuid,
    ts,
    ts_iso,
    zipf,
)

FIRST_DAY = date(2022, 1, 1)
LAST_DAY = date(2026, 11, 20)
NOW = minute_of(LAST_DAY, 18)  # the data set's "now": nothing happens after it
YEAR_GROWTH = {2022: 1.0, 2023: 1.25, 2024: 1.5, 2025: 1.8, 2026: 2.1}
TIME_LIMITS = {"consultation": 3, "help": 5, "complaint": 5, "report": 5, "suggestion": 15, "praise": 5}
CHANNELS = Weighted(
    ["hotline_12345", "public_form", "open311", "experience_officer", "salon", "media", "inspection"],
    [55, 25, 3, 6, 4, 2, 5],
)
SOURCE_DETAILS = {"experience_officer": "营商环境体验官走访", "salon": "政企恳谈会", "media": "媒体报道",
                  "inspection": "营商环境专项督察"}
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CREATED_BY = "bench"
# A case's id encodes its kind (1 = case) and generation order: see common.ordered_uuid.
CASE_KIND = 1
# Two tracking-code characters per 10 bits, high bits first (codes sort in generation order).
_PAIRS = [a + b for a in TRACKING_ALPHABET for b in TRACKING_ALPHABET]
# The wording is checked once here, so rows need no COPY escaping.
assert all(copy_safe(part) for t in words.TEMPLATES for part in (t[3], t[4], *t[5]))
assert all(copy_safe(w) for pool in (words.ENTERPRISE_PLACES, words.ENTERPRISE_TRADES, words.ROADS, words.REPLIES,
                                     words.RETURN_REASONS) for w in pool)

CASE_COLUMNS = [
    "id", "case_no", "tracking_code", "channel", "external_id", "source_detail", "type", "category_code", "title",
    "description", "enterprise_name", "credit_code", "anonymous", "contact_name", "contact_phone_enc",
    "contact_phone_index", "contact_phone_masked", "district_code", "district_name", "district_unit_id", "address",
    "status", "main_unit_id", "received_at", "time_limit_working_days", "due_at", "accept_due_at", "assigned_at",
    "accepted_at", "replied_at", "reply", "closed_at", "first_closed_at", "satisfaction", "reopen_count",
    "repeat_of_id", "created_by", "created_by_unit_id", "created_at", "updated_at",
]
EVENT_COLUMNS = ["case_id", "event", "from_status", "to_status", "occurred_at", "actor", "actor_kind",
                 "actor_unit_id", "comment", "public", "detail"]
CASE_UNIT_COLUMNS = ["case_id", "unit_id", "position"]
FLAG_COLUMNS = ["case_id", "repeat_of_id", "status", "matched_by", "similarity", "created_at", "decided_by",
                "decided_at"]
TABLES = {"cases": CASE_COLUMNS, "case_events": EVENT_COLUMNS, "case_units": CASE_UNIT_COLUMNS,
          "case_repeat_flags": FLAG_COLUMNS}


@dataclass(frozen=True)
class Unit:
    id: str
    code: str
    name: str
    kind: str


@dataclass
class World:
    """What the generated cases refer to, read from the bench databases."""

    units: list[Unit]                       # the gateway's units
    categories: set[str]                    # feedback categories (codes)
    districts: list[tuple[str, str]]        # (GB/T 2260 code, name), feedback_api settings
    encrypt_phone: Callable[[str], str] = field(repr=False)  # phone → AES-GCM token (feedback_api.privacy)
    phone_index: Callable[[str], str] = field(repr=False)    # phone → blind index


@dataclass
class _Enterprise:
    name: str
    credit_code: str
    contact: str
    phone_enc: str
    phone_index: str
    phone_masked: str
    district: int


def _credit_code(rng: random.Random, district_code: str) -> str:
    from feedback_api.identifiers import uscc_check_char

    first17 = "91" + district_code + "".join(USCC_ALPHABET[rng.randrange(31)] for _ in range(9))
    return first17 + uscc_check_char(first17)


def _days(n: int, rng: random.Random) -> list[tuple[int, int]]:
    """(day index, cases that day) for every day, growing by year, fewer at weekends; totals exactly n."""
    days = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        days.append((day, YEAR_GROWTH[day.year] * (0.35 if day.weekday() >= 5 else 1.0)))
        day += timedelta(days=1)
    total = sum(w for _, w in days)
    out, acc, given = [], 0.0, 0
    for day, w in days:
        acc += w * n / total
        count = round(acc) - given
        given += count
        out.append((day_index(day), count))
    return out


# Minute of the day a case arrives: office hours, a lunch dip, a little in the evening.
_ARRIVAL = Weighted(list(range(MINUTES_PER_DAY)),
                    [0.05 if m < 480 or m >= 1200 else 0.3 if 720 <= m < 810 else 0.15 if m >= 1080 else 1.0
                     for m in range(MINUTES_PER_DAY)])


class CaseGenerator:
    """Deterministic for a seed: the same arguments give the same lines."""

    def __init__(self, world: World, n: int, seed: int, first_number: int) -> None:
        self.n, self.first_number = n, first_number
        self.rng = rng = random.Random(seed)
        missing = {t[0] for t in words.TEMPLATES} - world.categories
        if missing:
            raise RuntimeError(f"categories missing in the feedback database: {sorted(missing)}")
        self.office = next(u for u in world.units if u.kind == "reform_office")
        handlers = [u for u in world.units if u.kind in ("department", "court_other")]
        self.departments = zipf(handlers, rng, 1.1)
        self.districts = [(code, name, next(u for u in world.units if u.kind == "district" and u.name == name))
                          for code, name in world.districts]
        self.district_pick = zipf(list(range(len(self.districts))), rng, 0.8)
        self.templates = zipf(list(range(len(words.TEMPLATES))), rng, 0.6)
        # Template frequencies on top of the shuffled Zipf order.
        weights = [words.TEMPLATES[i][2] * (1 / (k + 1) ** 0.6) for k, i in enumerate(self.templates.items)]
        self.templates = Weighted(self.templates.items, weights)
        pool = max(200, n // 20)
        self.enterprises = [self._enterprise(rng, i, world) for i in range(pool)]
        self.last_case: dict[int, tuple[str, int, int]] = {}  # enterprise → (case id, template, first closed)

    def _enterprise(self, rng: random.Random, i: int, world: World) -> _Enterprise:
        district = self.district_pick.pick(rng)
        code, name, _ = self.districts[district]
        short = name[:2]
        ent = f"杭州{short}{rng.choice(words.ENTERPRISE_PLACES)}{rng.choice(words.ENTERPRISE_TRADES)}有限公司"
        phone = f"1{rng.choice('35789')}{rng.randrange(10**9):09d}"
        return _Enterprise(
            name=ent, credit_code=_credit_code(rng, code),
            contact=rng.choice(words.SURNAMES) + ("先生" if rng.random() < 0.5 else "女士"),
            phone_enc=world.encrypt_phone(phone), phone_index=world.phone_index(phone),
            phone_masked=f"{phone[:3]}****{phone[-4:]}", district=district,
        )

    def chunks(self, size: int = 5000) -> Iterator[dict[str, list[str]]]:
        """Lines per table, ``size`` cases at a time, in order of receipt."""
        rng = self.rng
        out: dict[str, list[str]] = {t: [] for t in TABLES}
        index = 0
        for day, count in _days(self.n, rng):
            minutes = sorted(_ARRIVAL.pick(rng) for _ in range(count))
            for m in minutes:
                self._case(index, day * MINUTES_PER_DAY + m, out)
                index += 1
                if index % size == 0:
                    yield out
                    out = {t: [] for t in TABLES}
        if out["cases"]:
            yield out

    # ---- one case ------------------------------------------------------------------------------

    def _case(self, index: int, received: int, out: dict[str, list[str]]) -> None:
        rng = self.rng
        case_id = ordered_uuid(CASE_KIND, index, rng)
        number = self.first_number + index
        pool = len(self.enterprises)
        # Which enterprise files it: a few file often, most once or twice.
        ent_no = int(pool * rng.random() ** 2.5)
        ent = self.enterprises[ent_no]
        earlier = self.last_case.get(ent_no)
        repeat_of = None
        # Same enterprise, same matter, within 30 days of the earlier case's closing: a repeat (重复诉求).
        if earlier and earlier[2] and 0 < received - earlier[2] < 30 * MINUTES_PER_DAY and rng.random() < 0.12:
            template_no, repeat_of = earlier[1], earlier[0]
        else:
            template_no = self.templates.pick(rng)
        category, case_type, _, title_t, desc_t, items = words.TEMPLATES[template_no]
        channel = CHANNELS.pick(rng)
        anonymous = case_type == "suggestion" and channel == "public_form" and rng.random() < 0.3
        if rng.random() < 0.8:
            district = ent.district
        else:
            district = self.district_pick.pick(rng)
        d_code, d_name, d_unit = self.districts[district]
        r = rng.random
        road = words.ROADS[int(r() * len(words.ROADS))]
        values = {
            "ent": "企业" if anonymous else ent.name, "dist": d_name, "road": road, "days": str(3 + int(r() * 40)),
            "amt": str(5 + int(r() * 300)), "month": words.MONTHS[int(r() * 12)],
            "item": items[int(r() * len(items))] if items else "",
        }
        title = title_t.format_map(values)[:200]
        description = desc_t.format_map(values)
        limit = TIME_LIMITS[case_type]
        due = received + int(limit * 1.4 * MINUTES_PER_DAY)

        # The handling unit: the district's own unit for a third, else a department (Zipf).
        main = d_unit if rng.random() < 0.3 else self.departments.pick(rng)
        co_unit = self.departments.pick(rng) if rng.random() < 0.05 else None
        if co_unit is not None and co_unit.id == main.id:
            co_unit = None

        if channel == "hotline_12345":
            actor, kind, actor_unit, created_unit = "12345:demo-12345", "hotline", NULL, NULL
        elif channel in ("public_form", "open311"):
            actor, kind, actor_unit, created_unit = "enterprise", "enterprise", NULL, NULL
        else:
            actor, kind, actor_unit, created_unit = "office", "staff", self.office.id, self.office.id
        events = out["case_events"]
        events.append(line([
            case_id, "received", NULL, "received", ts(received), actor, kind, actor_unit, NULL, "true",
            f'{{"channel": "{channel}", "due_at": "{ts_iso(due)}", "time_limit_working_days": {limit}}}',
        ]))

        state = _Timeline(status="received", due=due, updated=received)
        # A few cases stall at some step (the overdue ones dashboards must show).
        stall = rng.random() < 0.004
        self._play(rng, case_id, received, limit, main, co_unit, case_type, stall, state, events)

        if co_unit is not None and state.assigned is not None and state.status not in ("received", "returned"):
            out["case_units"].append(line([case_id, co_unit.id, "0"]))
        if repeat_of is not None:
            out["case_repeat_flags"].append(line([
                case_id, repeat_of, "confirmed", "credit_code", "0.62", ts(received), "office",
                ts(received + 240),
            ]))
        self.last_case[ent_no] = (case_id, template_no, state.first_closed or 0)

        holds_unit = state.status not in ("received", "returned")
        out["cases"].append(line([
            case_id, f"FK{day_compact(received)}-{number:06d}", self._tracking_code(index), channel,
            f"BENCH-{number:09d}" if channel in ("hotline_12345", "open311") else NULL,
            SOURCE_DETAILS.get(channel, NULL), case_type, category, title, description,
            NULL if anonymous else ent.name, NULL if anonymous else ent.credit_code, "true" if anonymous else "false",
            NULL if anonymous else ent.contact, NULL if anonymous else ent.phone_enc,
            NULL if anonymous else ent.phone_index, NULL if anonymous else ent.phone_masked,
            d_code, d_name, d_unit.id, NULL if anonymous else f"{d_name}{road}{1 + index % 300}号",
            state.status, state.main_unit if holds_unit else NULL, ts(received), str(limit), ts(state.due),
            _t(state.accept_due), _t(state.assigned), _t(state.accepted), _t(state.replied),
            state.reply if state.reply else NULL, _t(state.closed), _t(state.first_closed),
            state.satisfaction or NULL, str(state.reopen_count), repeat_of or NULL, CREATED_BY, created_unit,
            ts(received), ts(state.updated),
        ]))

    def _tracking_code(self, index: int) -> str:
        # Five characters from the index keep codes unique (and the unique index appending while loading);
        # seven random ones keep them unguessable.
        bits = self.rng.getrandbits(35)
        return (TRACKING_ALPHABET[(index >> 20) & 31] + _PAIRS[(index >> 10) & 1023] + _PAIRS[index & 1023]
                + _PAIRS[bits & 1023] + _PAIRS[(bits >> 10) & 1023] + _PAIRS[(bits >> 20) & 1023]
                + TRACKING_ALPHABET[(bits >> 30) & 31])

    def _play(self, rng: random.Random, case_id: str, received: int, limit: int, main: Unit, co_unit: Unit | None,
              case_type: str, stall: bool, s: _Timeline, events: list[str]) -> None:
        office = self.office
        t = received
        handler = main
        rounds = 0
        while True:
            # assign
            t += 20 + int(rng.random() * 900)
            if t > NOW or (stall and rng.random() < 0.3):
                return
            previous = s.status
            s.status, s.main_unit, s.assigned, s.accepted = "assigned", handler.id, t, None
            s.accept_due = t + int(1.4 * MINUTES_PER_DAY)
            co = f'["{co_unit.name}"]' if co_unit is not None else "[]"
            events.append(line([
                case_id, "assigned", previous, "assigned", ts(t), "office", "staff", office.id,
                "请按时限办理并答复企业", "true",
                f'{{"unit_id": "{handler.id}", "unit_name": "{handler.name}", "co_units": {co}, '
                f'"accept_due_at": "{ts_iso(s.accept_due)}"}}',
            ]))
            s.updated = t
            # return (非本单位职责), then the dispatcher assigns another unit
            if rounds == 0 and rng.random() < 0.02:
                t += 60 + int(rng.random() * 600)
                if t > NOW:
                    return
                reason = rng.choice(words.RETURN_REASONS)
                events.append(line([
                    case_id, "returned", "assigned", "returned", ts(t), handler.code, "staff", handler.id, reason,
                    "false", f'{{"unit_id": "{handler.id}", "reason": "{reason}"}}',
                ]))
                s.status, s.main_unit, s.accept_due, s.accepted, s.updated = "returned", None, None, None, t
                handler = self.departments.pick(rng)
                rounds += 1
                continue
            # accept (5 % after the one-working-day limit)
            late_accept = rng.random() < 0.05
            t += int(rng.random() * 1200) + (2000 if late_accept else 30)
            if t > NOW or (stall and rng.random() < 0.3):
                return
            s.status, s.accepted, s.updated = "accepted", t, t
            events.append(line([
                case_id, "accepted", "assigned", "accepted", ts(t), handler.code, "staff", handler.id, NULL, "true",
                f'{{"late": {"true" if t > s.accept_due else "false"}}}',
            ]))
            # start (not for a consultation or praise, and not always)
            if case_type not in ("consultation", "praise") and rng.random() < 0.35:
                t += 30 + int(rng.random() * 600)
                if t > NOW:
                    return
                events.append(line([
                    case_id, "in_progress", "accepted", "in_progress", ts(t), handler.code, "staff", handler.id,
                    "已联系企业了解情况", "true", "{}",
                ]))
                s.status, s.updated = "in_progress", t
            # reply: most within the limit, one in ten late
            span = s.due - t
            if rng.random() < 0.1:
                t = s.due + 60 + int(rng.random() * 5 * MINUTES_PER_DAY)
            else:
                t += 60 + int(rng.random() * max(span - 60, 60))
            if t > NOW or (stall and rng.random() < 0.5):
                return
            reply = rng.choice(words.REPLIES)
            previous = s.status
            s.status, s.replied, s.reply, s.updated = "replied", t, reply, t
            events.append(line([
                case_id, "replied", previous, "replied", ts(t), handler.code, "staff", handler.id, NULL, "true",
                f'{{"reply": "{reply}", "late": {"true" if t > s.due else "false"}}}',
            ]))
            # follow-up: satisfied / basically satisfied closes, dissatisfied reopens (at most twice)
            t += 240 + int(rng.random() * 3 * MINUTES_PER_DAY)
            if t > NOW:
                return
            r = rng.random()
            satisfaction = ("dissatisfied" if r < 0.04 and rounds < 2 else
                            "basically_satisfied" if r < 0.16 else "satisfied")
            via, actor, kind, actor_unit = (("follow_up", "office", "staff", office.id) if rng.random() < 0.8
                                            else ("rating", "enterprise", "enterprise", NULL))
            s.satisfaction, s.updated = satisfaction, t
            if satisfaction == "dissatisfied":
                s.reopen_count += 1
                s.due = t + int(TIME_LIMITS[case_type] * 1.4 * MINUTES_PER_DAY)
                s.replied = s.reply = s.closed = s.accept_due = s.accepted = None
                s.status = "reopened"
                events.append(line([
                    case_id, "reopened", "replied", "reopened", ts(t), actor, kind, actor_unit, "电话回访",
                    "true", f'{{"satisfaction": "dissatisfied", "via": "{via}", "due_at": "{ts_iso(s.due)}"}}',
                ]))
                rounds += 1
                continue
            s.status, s.closed = "closed", t
            s.first_closed = s.first_closed or t
            events.append(line([
                case_id, "closed", "replied", "closed", ts(t), actor, kind, actor_unit, "电话回访", "true",
                f'{{"satisfaction": "{satisfaction}", "via": "{via}", "due_at": "{ts_iso(s.due)}"}}',
            ]))
            return


@dataclass
class _Timeline:
    """The case fields its steps set (minutes; None = unset)."""

    status: str
    due: int
    updated: int
    main_unit: str | None = None
    assigned: int | None = None
    accept_due: int | None = None
    accepted: int | None = None
    replied: int | None = None
    reply: str | None = None
    closed: int | None = None
    first_closed: int | None = None
    satisfaction: str | None = None
    reopen_count: int = 0


def _t(minute: int | None) -> str:
    return NULL if minute is None else ts(minute)
