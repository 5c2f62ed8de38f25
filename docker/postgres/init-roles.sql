-- One PostgreSQL role per service, owning one schema, and nothing else reachable.
--
-- Run with psql as a superuser (or a role with CREATEROLE that owns the database), once per
-- database, after creating the database; it is idempotent, and running it again also resets the
-- passwords (that is how they are rotated):
--
--   psql "$ADMIN_URL" -v ON_ERROR_STOP=1 \
--     -v identification_password=... -v disbursement_password=... -v charity_password=... \
--     -v pairing_password=... -v training_password=... -v inspection_password=... \
--     -v dashboard_password=... -f init-roles.sql
--
-- docker/compose.yaml runs it in the postgres-setup job; k8s/base/postgres/init-roles.sql is a
-- byte-identical copy for the aid-postgres-setup Job (scripts/check-deploy.sh compares them).
-- Each service connects as aid_<service> with POSTGRES_SCHEMA=<service>.

\set ON_ERROR_STOP on
-- The passwords must not be echoed into logs.
\set ECHO none

-- Nobody may create objects in public, and PUBLIC may not connect or make temporary tables:
-- access to this database is granted role by role below.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec

-- The roles. NOINHERIT and no membership in any other role: a service can use only what it owns.
SELECT format('CREATE ROLE %I LOGIN', name)
FROM unnest(ARRAY['aid_identification', 'aid_disbursement', 'aid_charity', 'aid_pairing',
                  'aid_training', 'aid_inspection', 'aid_dashboard']) AS name
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) \gexec

ALTER ROLE aid_identification WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'identification_password';
ALTER ROLE aid_disbursement WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'disbursement_password';
ALTER ROLE aid_charity WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'charity_password';
ALTER ROLE aid_pairing WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'pairing_password';
ALTER ROLE aid_training WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'training_password';
ALTER ROLE aid_inspection WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'inspection_password';
ALTER ROLE aid_dashboard WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'dashboard_password';

-- One schema per service, owned by its role; PUBLIC gets nothing on it.
CREATE SCHEMA IF NOT EXISTS identification AUTHORIZATION aid_identification;
CREATE SCHEMA IF NOT EXISTS disbursement AUTHORIZATION aid_disbursement;
CREATE SCHEMA IF NOT EXISTS charity AUTHORIZATION aid_charity;
CREATE SCHEMA IF NOT EXISTS pairing AUTHORIZATION aid_pairing;
CREATE SCHEMA IF NOT EXISTS training AUTHORIZATION aid_training;
CREATE SCHEMA IF NOT EXISTS inspection AUTHORIZATION aid_inspection;
CREATE SCHEMA IF NOT EXISTS dashboard AUTHORIZATION aid_dashboard;
-- A schema made earlier by someone else changes hands (its tables do not: see docs/OPERATIONS.md).
SELECT format('ALTER SCHEMA %I OWNER TO %I', schema, 'aid_' || schema)
FROM unnest(ARRAY['identification', 'disbursement', 'charity', 'pairing', 'training', 'inspection', 'dashboard']) AS schema \gexec
SELECT format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', schema)
FROM unnest(ARRAY['identification', 'disbursement', 'charity', 'pairing', 'training', 'inspection', 'dashboard']) AS schema \gexec

-- CONNECT for each role and nothing else on the database: no CREATE, so a role cannot make new
-- schemas (the services' migrator creates its schema only when it is missing, and here it never
-- is). The REVOKE takes back the CREATE that earlier versions of this file granted.
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), 'aid_' || schema),
       format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM %I', current_database(), 'aid_' || schema),
       format('ALTER ROLE %I IN DATABASE %I SET search_path = %I', 'aid_' || schema, current_database(), schema)
FROM unnest(ARRAY['identification', 'disbursement', 'charity', 'pairing', 'training', 'inspection', 'dashboard']) AS schema \gexec
