"""reform_common.db.DriverStatement: intake's statements run by asyncpg inside the request session's
transaction (cases/repository, repeats/detect)."""

import uuid

from feedback_api.audit.models import AuditLog
from reform_common.db import DriverStatement
from sqlalchemy import bindparam, func, insert, select, text
from sqlalchemy.dialects.postgresql import JSONB

_PROBE = DriverStatement(
    insert(AuditLog.__table__)
    .values(actor=bindparam("actor"), action="probe.driver", entity_type="probe", detail=bindparam("detail",
            type_=AuditLog.__table__.c.detail.type))
    .returning(AuditLog.__table__.c.detail, func.txid_current_if_assigned()))
_COUNT = select(func.count()).select_from(AuditLog.__table__).where(AuditLog.actor == bindparam("actor")).limit(1)


async def test_the_first_statement_of_a_session_begins_its_transaction_and_a_rollback_undoes_it(app):
    actor = f"probe-{uuid.uuid4()}"
    async with app.state.db.sessionmaker() as session:
        detail, txid = await _PROBE.fetchrow(session, {"actor": actor, "detail": {"说明": "驱动层写入", "n": 1}})
        # JSON goes in as text and comes back decoded, as through the engine.
        assert detail == {"说明": "驱动层写入", "n": 1}
        # The insert ran in the session's transaction, which SQLAlchemy sees as its own.
        assert txid is not None
        assert (await session.execute(text("SELECT txid_current()"))).scalar_one() == txid
        assert await DriverStatement(_COUNT).fetchrow(session, {"actor": actor}) == (1,)
        await session.rollback()
    async with app.state.db.sessionmaker() as session:
        assert (await session.execute(_COUNT, {"actor": actor})).scalar_one() == 0


async def test_a_missing_value_is_an_error_not_a_null(app):
    async with app.state.db.sessionmaker() as session:
        try:
            await _PROBE.fetchrow(session, {"actor": "probe"})
        except KeyError as missing:
            assert missing.args == ("detail",)
        else:
            raise AssertionError("a statement ran without its detail")
        finally:
            await session.rollback()


async def test_a_json_none_is_sql_null_not_json_null(app):
    """As the ORM leaves an unset JSON attribute (a web-form case's intake_response): SQL NULL."""
    probe = DriverStatement(select(bindparam("value", type_=JSONB).is_(None), bindparam("value", type_=JSONB)))
    async with app.state.db.sessionmaker() as session:
        assert tuple(await probe.fetchrow(session, {"value": None})) == (True, None)
        assert tuple(await probe.fetchrow(session, {"value": {"a": [1]}})) == (False, {"a": [1]})
        await session.rollback()
