from reform_common.audit import AuditMixin

from indicators_api.base import Base


class AuditLog(AuditMixin, Base):
    __tablename__ = "audit_log"
