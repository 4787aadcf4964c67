from reform_common.audit import AuditMixin

from feedback_api.base import Base


class AuditLog(AuditMixin, Base):
    __tablename__ = "audit_log"
