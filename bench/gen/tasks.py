"""Reform tasks for the plan years 2022–2026 (most in the current year), each
with 10 milestones and a year of monthly progress reports, as COPY lines for
``tasks``, ``task_units``, ``milestones`` and ``progress_reports``.

Wording and units come from the demo plan's topics (tasks_api.demo_plan), so
lead and responsible units are the ones a topic really belongs to. Progress
and status are derived by the ledger's own rules (tasks_api.ledger.rules),
so the ledger shows what the service would compute; a share of the current
year's tasks trails its milestones, so warnings appear."""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from tasks_api.demo_plan import ANGLES, TOPICS
from tasks_api.ledger.rules import derive_status, rollup_progress
from tasks_api.ledger.service import ENVIRONMENT_PREFIX

from bench.gen.common import NULL, Weighted, line, minute_of, ordered_uuid, text, ts

TODAY = date(2026, 11, 20)
YEAR_SHARES = {2022: 0.08, 2023: 0.10, 2024: 0.14, 2025: 0.20, 2026: 0.48}
CATEGORIES = Weighted(["key", "strength", "weakness", "signature"], [66, 48, 22, 166])
ENVIRONMENTS = Weighted(list(ENVIRONMENT_PREFIX), [55, 78, 68, 73, 28, 12])
MILESTONES = 10
# Task codes <year>-<env>-<n>: bench tasks start at 1001, after any demo or imported code (…-001…).
FIRST_NUMBER = 1001
TASK_KIND, MILESTONE_KIND, REPORT_KIND = 2, 3, 4

TASK_COLUMNS = [
    "id", "plan_id", "code", "seq", "title", "measures", "goal", "environment", "special_group", "category",
    "benchmark_class", "benchmark_city", "lead_unit_id", "leading_official", "contact_name", "contact_phone",
    "deadline", "continuous", "lifecycle_stage", "status", "reported_progress", "progress", "source",
    "created_at", "updated_at",
]
TASK_UNIT_COLUMNS = ["task_id", "unit_id", "position"]
MILESTONE_COLUMNS = ["id", "task_id", "seq", "title", "quarter", "due_date", "done_date", "evidence"]
REPORT_COLUMNS = ["id", "task_id", "unit_id", "period_start", "period_end", "content", "progress", "status",
                  "submitted_by", "submitted_at", "reviewed_by", "reviewed_at"]
TABLES = {"tasks": TASK_COLUMNS, "task_units": TASK_UNIT_COLUMNS, "milestones": MILESTONE_COLUMNS,
          "progress_reports": REPORT_COLUMNS}
OFFICIALS = ["张副市长", "李副市长", "王副秘书长", "陈副秘书长", "刘主任"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙朱马胡郭"


@dataclass(frozen=True)
class Unit:
    id: str
    code: str
    short_name: str


@dataclass(frozen=True)
class _MilestoneState:
    title: str
    due_date: date
    done_date: date | None


class TaskGenerator:
    def __init__(self, units: list[Unit], plans: dict[int, str], n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.by_short = {u.short_name: u for u in units}
        self.units = units
        self.plans, self.n = plans, n

    def _unit(self, short_name: str) -> Unit:
        # A topic names a unit the directory may not hold: a stable stand-in keeps runs identical.
        return self.by_short.get(short_name) or self.units[zlib.crc32(short_name.encode()) % len(self.units)]

    def chunks(self, size: int = 500) -> Iterator[dict[str, list[str]]]:
        rng = self.rng
        counts = {year: round(share * self.n) for year, share in YEAR_SHARES.items()}
        counts[2026] += self.n - sum(counts.values())
        out: dict[str, list[str]] = {t: [] for t in TABLES}
        index = 0
        for year, count in counts.items():
            numbers = {env: FIRST_NUMBER for env in ENVIRONMENT_PREFIX}
            for seq in range(1, count + 1):
                environment = ENVIRONMENTS.pick(rng)
                code = f"{year}-{ENVIRONMENT_PREFIX[environment]}-{numbers[environment]}"
                numbers[environment] += 1
                self._task(index, year, seq + 1000, code, environment, out)
                index += 1
                if index % size == 0:
                    yield out
                    out = {t: [] for t in TABLES}
        if out["tasks"]:
            yield out

    def _task(self, index: int, year: int, seq: int, code: str, environment: str, out: dict[str, list[str]]) -> None:
        rng = self.rng
        task_id = ordered_uuid(TASK_KIND, index, rng)
        topics = TOPICS.get(environment) or TOPICS["gov_service"]
        topic = rng.choice(topics)
        title_t, measures_t, goal_t, _tag = rng.choice(ANGLES)
        category = CATEGORIES.pick(rng)
        lead = self._unit(topic.lead)
        partners = list({u.id: u for u in map(self._unit, topic.partners) if u.id != lead.id}.values())[:3]
        continuous = rng.random() < 0.1
        deadline = None if continuous else rng.choice([date(year, 6, 30), date(year, 9, 30), date(year, 12, 31),
                                                       date(year, 12, 31), date(year, 12, 15)])
        benchmark = rng.random() < 0.45
        city = rng.choice(("上海", "深圳")) if benchmark else None

        # Ten milestones through the year; past ones mostly done, a tenth of the current year's trailing.
        trailing = year == TODAY.year and rng.random() < 0.15
        milestones = []
        for k in range(MILESTONES):
            due = date(year, 1, 31) + timedelta(days=int((k + 1) * 334 / MILESTONES))
            done = None
            if due <= TODAY:
                if trailing and k >= MILESTONES // 2 - rng.randrange(3):
                    done = None
                elif rng.random() < 0.97:
                    done = min(due - timedelta(days=rng.randrange(0, 20)) + timedelta(days=rng.randrange(0, 8)),
                               TODAY)
            elif due <= TODAY + timedelta(days=60) and rng.random() < 0.3:
                done = TODAY - timedelta(days=rng.randrange(0, 10))
            milestones.append(_MilestoneState(f"第{k + 1}个节点：{topic.name}阶段任务", due, done))
            out["milestones"].append(line([
                ordered_uuid(MILESTONE_KIND, index * MILESTONES + k, rng), task_id, str(k), text(milestones[-1].title),
                str((due.month - 1) // 3 + 1), due.isoformat(), done.isoformat() if done else NULL,
                "已完成，材料已上传" if done else NULL,
            ]))

        # Monthly reports for the plan year up to now; the latest may wait for review.
        reported = None
        progress_so_far = 0
        months = [m for m in range(1, 13) if date(year, m, 1) + timedelta(days=35) <= TODAY]
        for i, month in enumerate(months):
            start = date(year, month, 1)
            end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            progress_so_far = min(100, progress_so_far + rng.randrange(4, 14) - (3 if trailing else 0))
            progress_so_far = max(progress_so_far, 0)
            last = i == len(months) - 1
            status = "submitted" if last and year == TODAY.year and rng.random() < 0.4 else "approved"
            if status == "approved":
                reported = progress_so_far
            submitted = minute_of(end + timedelta(days=3), 10 + rng.randrange(7), rng.randrange(60))
            out["progress_reports"].append(line([
                ordered_uuid(REPORT_KIND, index * 12 + i, rng), task_id, lead.id, start.isoformat(), end.isoformat(),
                f"{month}月推进{topic.name}相关工作，完成阶段目标的{progress_so_far}%。", str(progress_so_far), status,
                lead.code, ts(submitted), "office" if status == "approved" else NULL,
                ts(submitted + 1440) if status == "approved" else NULL,
            ]))

        progress = rollup_progress(milestones, reported)
        status = derive_status(continuous, milestones, progress)
        stage = "progress_tracking" if year >= TODAY.year - 1 else rng.choice(("evaluation", "consolidation"))
        created = minute_of(date(year, 2, 20), 9)
        out["tasks"].append(line([
            task_id, self.plans[year], code, str(seq), text(title_t.format(t=topic.name))[:300],
            text(measures_t.format(t=topic.name, city=f"{city}等先进城市" if city else "国内先进城市")),
            text(goal_t.format(g=topic.goal)), environment, NULL, category,
            rng.choice("ABC") if benchmark else NULL, city or NULL, lead.id, rng.choice(OFFICIALS),
            rng.choice(SURNAMES) + rng.choice(("工", "科长", "主任")), f"0571-8{rng.randrange(10**6, 10**7)}",
            deadline.isoformat() if deadline else NULL, "true" if continuous else "false", stage, status,
            NULL if reported is None else str(reported), str(progress), "plan", ts(created), ts(created),
        ]))
        for position, unit in enumerate(partners):
            out["task_units"].append(line([task_id, unit.id, str(position)]))
