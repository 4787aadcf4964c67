from reform_common.migrations import run_env

from indicators_api.models import Base

run_env(Base.metadata)
