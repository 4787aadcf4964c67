"""Schema helpers shared by the services."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, model_validator


class PatchModel(BaseModel):
    """A partial update: a field left out is unchanged; a field listed in
    ``not_null`` may be changed but not emptied with an explicit ``null``."""

    not_null: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _no_explicit_nulls(self) -> PatchModel:
        emptied = sorted(f for f in self.not_null & self.model_fields_set if getattr(self, f) is None)
        if emptied:
            raise ValueError(f"以下字段不能为空：{'、'.join(emptied)}")
        return self
