from reform_common.audit import AuditMixin

from tasks_api.base import Base


class AuditLog(AuditMixin, Base):
    __tablename__ = "audit_log"
