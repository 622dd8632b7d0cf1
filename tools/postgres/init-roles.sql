-- Run once by the postgres image on a new volume (docker-compose.yml), or by hand as a superuser
-- on any other server. Change the passwords outside a laptop.
--   venule      owns the database and its schema; only migrations use it (DATABASE_MIGRATION_URL)
--   venule_app  what the API may do: read and write ordinary tables, only INSERT and SELECT the
--               audit trail, own nothing (the grants come from the RuntimeRole migration)
--   venule_api  the API's login (DATABASE_URL), a member of venule_app and nothing more
CREATE ROLE venule LOGIN PASSWORD 'venule';
CREATE DATABASE venule OWNER venule;
CREATE ROLE venule_app NOLOGIN;
CREATE ROLE venule_api LOGIN PASSWORD 'venule_api' IN ROLE venule_app;
