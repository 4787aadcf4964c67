from reform_common.migrations import run_env

from tasks_api.models import Base

run_env(Base.metadata)
