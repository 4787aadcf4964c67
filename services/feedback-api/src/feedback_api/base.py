from reform_common.db import make_base

Base = make_base()
