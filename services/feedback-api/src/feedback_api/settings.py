from reform_common.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "feedback"
    database_name: str = "reform_feedback"
    database_env: str = "FEEDBACK_DATABASE_URL"
