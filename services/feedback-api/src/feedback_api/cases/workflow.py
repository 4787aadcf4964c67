"""The case workflow in one table: (from, action, to, who). Nothing else
decides whether a status may change; :mod:`feedback_api.cases.service`
applies a row through one function that records the case event (which the
outbox hooks). docs/feedback.md prints this table; the tests walk it.

Who:
- ``intake``: the channel a case arrives by (public form, 12345, Open311, staff entry);
- ``dispatcher``: the reform office (改革办) — assigns, decides extensions, follows up, reopens;
- ``handler``: the case's main handling unit (承办单位);
- ``enterprise``: the person who filed it, by tracking code and phone.
"""

from __future__ import annotations

from dataclasses import dataclass

INTAKE = "intake"
DISPATCHER = "dispatcher"
HANDLER = "handler"
ENTERPRISE = "enterprise"

STATUS_LABELS = {
    "received": "已受理", "assigned": "已交办", "accepted": "已签收", "in_progress": "办理中",
    "replied": "已答复", "closed": "已办结", "returned": "已退回", "reopened": "重办",
}
ACTION_LABELS = {
    "receive": "受理", "assign": "交办", "accept": "签收", "start": "开始办理", "reply": "答复",
    "return": "退回", "request_extension": "申请延期", "approve_extension": "批准延期",
    "refuse_extension": "不予延期", "close": "办结", "reopen": "重办", "direct_answer": "直接答复",
}
WHO_LABELS = {INTAKE: "受理渠道", DISPATCHER: "改革办（调度）", HANDLER: "承办单位", ENTERPRISE: "企业"}

# The case event each action records (the glossary's workflow words).
EVENTS = {
    "receive": "received", "assign": "assigned", "accept": "accepted", "start": "in_progress",
    "reply": "replied", "return": "returned", "request_extension": "extension_requested",
    "approve_extension": "extended", "refuse_extension": "extension_refused", "close": "closed",
    "reopen": "reopened", "direct_answer": "replied",
}
# Events that are not status changes.
NOTE_EVENTS = {"note": "内部备注", "info_added": "企业补充材料", "attachment_added": "上传附件",
               "co_opinion": "协办意见"}
EVENT_LABELS = {
    "received": "受理", "assigned": "交办", "accepted": "签收", "in_progress": "开始办理", "replied": "答复",
    "returned": "退回", "extension_requested": "申请延期", "extended": "批准延期",
    "extension_refused": "不予延期", "closed": "办结", "reopened": "重办", **NOTE_EVENTS,
}


@dataclass(frozen=True)
class Transition:
    source: str | None  # None: the case does not exist yet
    action: str
    target: str
    who: str
    note: str = ""


TRANSITIONS: tuple[Transition, ...] = (
    Transition(None, "receive", "received", INTAKE, "任一渠道登记"),
    Transition("received", "assign", "assigned", DISPATCHER, "交办主办单位（可加协办单位），起算签收时限"),
    Transition("assigned", "assign", "assigned", DISPATCHER, "签收前改派"),
    Transition("returned", "assign", "assigned", DISPATCHER, "退回后重新交办"),
    Transition("reopened", "assign", "assigned", DISPATCHER, "重办交办"),
    Transition("assigned", "accept", "accepted", HANDLER, "签收"),
    Transition("assigned", "return", "returned", HANDLER, "非本单位职责，须说明理由"),
    Transition("accepted", "return", "returned", HANDLER, "非本单位职责，须说明理由"),
    Transition("accepted", "start", "in_progress", HANDLER, "开始办理"),
    Transition("accepted", "reply", "replied", HANDLER, "答复企业"),
    Transition("in_progress", "reply", "replied", HANDLER, "答复企业"),
    Transition("accepted", "request_extension", "accepted", HANDLER, "申请延期（工作日数与理由）"),
    Transition("in_progress", "request_extension", "in_progress", HANDLER, "申请延期（工作日数与理由）"),
    Transition("accepted", "approve_extension", "accepted", DISPATCHER, "批准延期，办理时限顺延"),
    Transition("in_progress", "approve_extension", "in_progress", DISPATCHER, "批准延期，办理时限顺延"),
    Transition("accepted", "refuse_extension", "accepted", DISPATCHER, "不予延期"),
    Transition("in_progress", "refuse_extension", "in_progress", DISPATCHER, "不予延期"),
    Transition("replied", "close", "closed", DISPATCHER, "回访：满意或基本满意"),
    Transition("replied", "close", "closed", ENTERPRISE, "企业评价：满意或基本满意"),
    Transition("replied", "reopen", "reopened", DISPATCHER, "回访：不满意"),
    Transition("replied", "reopen", "reopened", ENTERPRISE, "企业评价：不满意"),
    Transition("closed", "reopen", "reopened", DISPATCHER, "办结后 30 日内同一诉求再次反映"),
    Transition("received", "direct_answer", "replied", DISPATCHER, "咨询以知识库条目直接答复，不交办"),
    Transition("returned", "direct_answer", "replied", DISPATCHER, "咨询以知识库条目直接答复，不交办"),
)
# Only a consultation (咨询) may be answered from the knowledge base without a handling unit.
DIRECT_ANSWER_TYPES = ("consultation",)

ACTIONS = tuple(dict.fromkeys(t.action for t in TRANSITIONS))


def find(source: str | None, action: str, who: str) -> Transition | None:
    for t in TRANSITIONS:
        if t.source == source and t.action == action and t.who == who:
            return t
    return None


def allowed_from(source: str | None, action: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source and t.action == action]


def actions_for(source: str, who: set[str]) -> list[str]:
    """The actions ``who`` (any of the roles the caller plays on the case) may take now."""
    return list(dict.fromkeys(t.action for t in TRANSITIONS if t.source == source and t.who in who))
