from reform_common.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "indicators"
    database_name: str = "reform_indicators"
    database_env: str = "INDICATORS_DATABASE_URL"
