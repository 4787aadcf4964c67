"""Settings read from the environment (pydantic-settings).

Every service shares these names; a service adds its own fields in a
subclass. ``DATABASE_URL`` names a PostgreSQL *server*: each service uses
its own database on it (``reform_<service>``), unless the per-service URL
(``TASKS_DATABASE_URL`` …) is set.
"""

from __future__ import annotations

import os

from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url


def to_asyncpg(url: str) -> str:
    """Normalise any PostgreSQL URL to the asyncpg dialect SQLAlchemy needs."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def database_url_for(database: str, server_url: str) -> str:
    """The URL of ``database`` on the server that ``server_url`` points at."""
    return to_asyncpg(make_url(server_url).set(database=database).render_as_string(hide_password=False))


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    # Set by each subclass: the public prefix name (auth, tasks, …) and env prefix.
    service_name: str = ""
    database_name: str = ""
    database_env: str = ""

    database_url: str | None = None
    jwks_url: str = "http://127.0.0.1:8000/.well-known/jwks.json"
    gateway_url: str = "http://127.0.0.1:8000"
    service_secret: str = "dev-service-secret-change-me"
    jwt_issuer: str = "reform-gateway"
    log_level: str = "INFO"
    log_format: str = "text"
    db_pool_size: int = 10

    def resolved_database_url(self) -> str:
        own = os.environ.get(self.database_env) if self.database_env else None
        if own:
            return to_asyncpg(own)
        if self.database_url:
            return database_url_for(self.database_name, self.database_url)
        raise RuntimeError(
            f"未配置数据库：请设置 {self.database_env} 或 DATABASE_URL"
        )
