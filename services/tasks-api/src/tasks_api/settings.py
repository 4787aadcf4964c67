from datetime import time

from reform_common.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "tasks"
    database_name: str = "reform_tasks"
    database_env: str = "TASKS_DATABASE_URL"

    # Where report attachments are kept (a mounted volume in production).
    tasks_storage_dir: str = "var/uploads/tasks"
    # DingTalk-style robot that receives every reminder notice; unset = none.
    reminder_webhook_url: str | None = None
    reminder_time: time = time(8, 30)
    reminder_scheduler_enabled: bool = True
    max_import_bytes: int = 10 * 1024 * 1024
