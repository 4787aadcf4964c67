"""Knowledge-base rules: the reform office curates entries (create, edit,
publish, archive; one click from a case's reply), every staff role reads
published ones, search ranks them for a Chinese query, a case gets matching
entries, and a consultation is answered directly with one (a workflow
transition). Never commits."""

from __future__ import annotations

import uuid

from reform_common.auth import REFORM_OFFICE, Principal
from reform_common.errors import Problem, conflict, forbidden, not_found
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.cases import repository as cases_repo
from feedback_api.cases import service as cases
from feedback_api.cases import workflow
from feedback_api.cases.context import CaseContext
from feedback_api.cases.events import Actor
from feedback_api.cases.models import Case
from feedback_api.cases.schemas import TYPE_LABELS
from feedback_api.categories.models import Category
from feedback_api.identifiers import redact_text
from feedback_api.knowledge import repository as repo
from feedback_api.knowledge import search
from feedback_api.knowledge.models import KnowledgeEntry
from feedback_api.knowledge.repository import EntryFilters
from feedback_api.knowledge.schemas import (
    KIND_LABELS,
    STATUS_LABELS,
    DirectAnswerIn,
    EntryCreate,
    EntryHit,
    EntryList,
    EntryRead,
    EntryUpdate,
    KnowledgeSuggestion,
    KnowledgeSuggestions,
)

SUGGESTIONS = 5
# Below this a shared character or two is all there is: not worth a dispatcher's look.
MIN_SUGGESTION_SCORE = 0.12
SAME_CATEGORY_BONUS = 0.1


def _curator(principal: Principal) -> None:
    if not principal.has_any(REFORM_OFFICE):
        raise forbidden("知识库条目由改革办维护，其他单位只能查阅已发布的条目。")


def present(entry: KnowledgeEntry, categories: dict[str, Category]) -> EntryRead:
    return EntryRead(
        id=entry.id, title=entry.title, question=entry.question, answer=entry.answer, kind=entry.kind,
        kind_label=KIND_LABELS[entry.kind],
        category=cases.category_ref(entry.category_code, categories) if entry.category_code else None,
        keywords=list(entry.keywords), source_case_no=entry.source_case_no, status=entry.status,
        status_label=STATUS_LABELS[entry.status], created_by=entry.created_by, created_at=entry.created_at,
        updated_by=entry.updated_by, updated_at=entry.updated_at, published_at=entry.published_at,
    )


async def read(session: AsyncSession, entry: KnowledgeEntry) -> EntryRead:
    return present(entry, await cases_repo.categories(session))


async def require(session: AsyncSession, principal: Principal, entry_id: uuid.UUID, *,
                  for_update: bool = False) -> KnowledgeEntry:
    entry = await repo.get(session, principal, entry_id, for_update=for_update)
    if entry is None:
        raise not_found("知识库条目")
    return entry


async def _check_category(session: AsyncSession, code: str | None) -> None:
    if code is None:
        return
    category = await session.get(Category, code)
    if category is None or not category.active:
        raise Problem(422, "validation_failed", "提交的内容有误", "请按提示修改标注的字段后重试。",
                      errors=[cases.field_error("category_code", "诉求分类不存在或已停用", "unknown_category")])


def _keywords(words: list[str]) -> list[str]:
    return list(dict.fromkeys(w.strip() for w in words if w.strip()))


async def create(session: AsyncSession, principal: Principal, data: EntryCreate, ctx: CaseContext) -> KnowledgeEntry:
    _curator(principal)
    await _check_category(session, data.category_code)
    entry = KnowledgeEntry(
        id=uuid.uuid4(), title=data.title.strip(), question=data.question.strip(), answer=data.answer.strip(),
        kind=data.kind, category_code=data.category_code, keywords=_keywords(data.keywords), status="draft",
        created_by=principal.username, created_at=ctx.now, updated_by=principal.username, updated_at=ctx.now,
    )
    session.add(entry)
    await session.flush()
    return entry


async def update(session: AsyncSession, principal: Principal, entry_id: uuid.UUID, data: EntryUpdate,
                 ctx: CaseContext) -> KnowledgeEntry:
    _curator(principal)
    entry = await require(session, principal, entry_id, for_update=True)
    changes = data.model_dump(exclude_unset=True)
    for name in ("title", "question", "answer", "kind"):
        if changes.get(name) is not None:  # these cannot be emptied
            setattr(entry, name, changes[name].strip() if isinstance(changes[name], str) else changes[name])
    if "category_code" in changes:
        await _check_category(session, changes["category_code"])
        entry.category_code = changes["category_code"]
    if changes.get("keywords") is not None:
        entry.keywords = _keywords(changes["keywords"])
    entry.updated_by, entry.updated_at = principal.username, ctx.now
    return entry


async def set_status(session: AsyncSession, principal: Principal, entry_id: uuid.UUID, status: str,
                     ctx: CaseContext) -> KnowledgeEntry:
    """publish / archive; doing it again changes nothing (a safe retry). An archived entry may be published again."""
    _curator(principal)
    entry = await require(session, principal, entry_id, for_update=True)
    if entry.status != status:
        entry.status = status
        entry.updated_by, entry.updated_at = principal.username, ctx.now
        if status == "published":
            entry.published_at = ctx.now
    return entry


async def from_case(session: AsyncSession, principal: Principal, case_no: str,
                    ctx: CaseContext) -> tuple[KnowledgeEntry, bool]:
    """A draft from a case's reply, personal data removed; (entry, created). One entry per case:
    a second click returns the first entry (the case row is locked, so two clicks cannot race)."""
    _curator(principal)
    case = await cases.require(session, principal, case_no, for_update=True)
    existing = await repo.by_source_case(session, case.case_no)
    if existing is not None:
        return existing, False
    if not case.reply:
        raise conflict("knowledge.no_reply",
                       f"诉求 {case.case_no} 还没有答复，不能生成知识库条目；请在答复后再试。")
    names = (case.contact_name, case.enterprise_name, case.credit_code)
    entry = KnowledgeEntry(
        id=uuid.uuid4(), title=redact_text(case.title, names)[:200],
        question=redact_text(case.description, names), answer=redact_text(case.reply, names),
        kind="policy" if case.type == "consultation" else "procedure", category_code=case.category_code,
        keywords=[], source_case_no=case.case_no, status="draft", created_by=principal.username,
        created_at=ctx.now, updated_by=principal.username, updated_at=ctx.now,
    )
    session.add(entry)
    await session.flush()
    return entry, True


async def list_entries(session: AsyncSession, principal: Principal, f: EntryFilters, q: str | None,
                       page: int, page_size: int) -> EntryList:
    categories = await cases_repo.categories(session)
    offset = (page - 1) * page_size
    if not q or not q.strip():
        rows, total = await repo.page(session, principal, f, offset, page_size)
        items = [EntryHit(entry=present(e, categories), score=None, matched=[]) for e in rows]
        return EntryList(items=items, total=total, page=page, page_size=page_size)
    entries = await repo.all_matching(session, principal, f)
    by_id = {e.id: e for e in entries}
    hits = search.rank(q, [search.document(e.id, e.title, e.keywords, e.question, e.answer) for e in entries])
    # Explained only for the page shown: the rest need no words.
    items = [EntryHit(entry=present(by_id[h.key], categories), score=h.score, matched=search.matched(q, h.doc))
             for h in hits[offset:offset + page_size]]
    return EntryList(items=items, total=len(hits), page=page, page_size=page_size)


def _same_category(entry_code: str | None, case_code: str) -> bool:
    """The same category, or the same first-level category (用电报装 and 用水报装 are both 水电气网)."""
    return entry_code is not None and entry_code.split(".")[0] == case_code.split(".")[0]


def _direct_answer_notice(principal: Principal, case: Case) -> str | None:
    if case.type not in workflow.DIRECT_ANSWER_TYPES:
        return (f"该诉求为「{TYPE_LABELS[case.type]}」，须交办承办单位办理，不能直接答复；"
                "以下条目供调度和承办单位参考。")
    if not workflow.allowed_from(case.status, "direct_answer"):
        return f"诉求当前状态为「{workflow.STATUS_LABELS[case.status]}」，不能再直接答复。"
    if workflow.DISPATCHER not in cases.roles_on(principal, case):
        return "直接答复由改革办（调度）进行。"
    return None


async def suggestions(session: AsyncSession, principal: Principal, case_no: str) -> KnowledgeSuggestions:
    case = await cases.require(session, principal, case_no)
    entries = await repo.all_matching(session, principal, EntryFilters(status="published"))
    by_id = {e.id: e for e in entries}
    # The case's own text is the query; the entries are curated, so what is shown has no personal data.
    query = f"{case.title}\n{case.description}"
    scored = []
    for hit in search.rank(query, [search.document(e.id, e.title, e.keywords, e.question, e.answer)
                                   for e in entries]):
        entry = by_id[hit.key]
        same = _same_category(entry.category_code, case.category_code)
        score = min(1.0, hit.score + (SAME_CATEGORY_BONUS if same else 0.0))
        if score >= MIN_SUGGESTION_SCORE:
            scored.append((score, hit, entry, same))
    scored.sort(key=lambda s: -s[0])
    categories = await cases_repo.categories(session)
    items = [KnowledgeSuggestion(entry=present(entry, categories), score=round(score, 4),
                                 matched=search.matched(query, hit.doc), same_category=same)
             for score, hit, entry, same in scored[:SUGGESTIONS]]
    notice = _direct_answer_notice(principal, case)
    return KnowledgeSuggestions(case_no=case.case_no, type=case.type, direct_answer_possible=notice is None,
                                notice=notice, items=items)


async def direct_answer(session: AsyncSession, principal: Principal, case_no: str, data: DirectAnswerIn,
                        ctx: CaseContext) -> Case:
    """直接答复: the dispatcher replies to a consultation with a published entry's answer, without
    dispatch. A workflow transition (received / returned → replied): the reply event carries the entry,
    the enterprise sees the reply and rates it, a 12345 order gets its callback, as for any reply."""
    case = await cases.require(session, principal, case_no, for_update=True)
    parts = cases.roles_on(principal, case)
    cases.check(case, "direct_answer", parts)
    if case.type not in workflow.DIRECT_ANSWER_TYPES:
        raise conflict("knowledge.needs_dispatch",
                       f"诉求 {case.case_no} 为「{TYPE_LABELS[case.type]}」，须交办承办单位办理；只有咨询可以直接答复。")
    entry = await repo.get(session, principal, data.entry_id)
    if entry is None or entry.status != "published":
        raise Problem(422, "validation_failed", "提交的内容有误", "请按提示修改标注的字段后重试。",
                      errors=[cases.field_error("entry_id", "知识库条目不存在或未发布", "unknown_entry")])
    text = (data.reply or entry.answer).strip()
    late = ctx.now > case.due_at
    case.reply = text
    case.replied_at = ctx.now
    await cases.transition(session, case, "direct_answer", Actor.staff(principal), parts, ctx, comment=data.comment,
                           detail={"reply": text, "late": late, "via": "knowledge_base",
                                   "entry_id": str(entry.id), "entry_title": entry.title,
                                   "edited": data.reply is not None and text != entry.answer.strip()})
    return case
