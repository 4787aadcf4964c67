-- Runs once, when the postgres container starts on an EMPTY data volume
-- (mounted at /docker-entrypoint-initdb.d by docker-compose.yml).
-- One database per service; no service reads another's tables.
-- The owner is POSTGRES_USER (the role this script runs as).
--
-- For a managed / existing PostgreSQL run the same statements once as an
-- admin role (see infra/runbook.md, "Databases on an existing server").

CREATE DATABASE reform_gateway;
CREATE DATABASE reform_tasks;
CREATE DATABASE reform_indicators;
CREATE DATABASE reform_feedback;

-- Nobody but the owner may connect by default.
REVOKE CONNECT, TEMPORARY ON DATABASE reform_gateway    FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE reform_tasks      FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE reform_indicators FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE reform_feedback   FROM PUBLIC;
