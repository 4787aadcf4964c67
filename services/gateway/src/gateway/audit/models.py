from reform_common.audit import AuditMixin

from gateway.base import Base


class AuditLog(AuditMixin, Base):
    __tablename__ = "audit_log"
