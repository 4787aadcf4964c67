from reform_common.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "indicators"
    database_name: str = "reform_indicators"
    database_env: str = "INDICATORS_DATABASE_URL"

    # The city this platform serves (GB/T 2260), compared against its peers.
    served_region: str = "330100"
    max_import_bytes: int = 10 * 1024 * 1024
    # Nightly pull of computed indicators from tasks-api and feedback-api.
    computed_refresh_enabled: bool = True
