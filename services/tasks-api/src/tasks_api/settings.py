from reform_common.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "tasks"
    database_name: str = "reform_tasks"
    database_env: str = "TASKS_DATABASE_URL"
