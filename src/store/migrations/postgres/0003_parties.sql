-- Parties and access over the API: people (users and contacts), groups, sites, roles, tokens.
-- PostgreSQL mirror of ../sqlite/0003_parties.sql (same names, same meaning).

-- Logins are unique regardless of case: "Alice" and "alice" are one account.
DROP INDEX users_login;
CREATE UNIQUE INDEX users_login_lower ON users (lower(login));
CREATE INDEX users_role ON users (role);

-- Groups: a description for the service desk's directory.
ALTER TABLE groups ADD COLUMN description TEXT NOT NULL DEFAULT '';
CREATE INDEX groups_organisation ON groups (organisation_id);

-- Sites: a name is unique within its organisation.
CREATE UNIQUE INDEX sites_organisation_name ON sites (organisation_id, name);

-- Roles: a version for If-Match, and a numeric id so the audit journal can name the record
-- ("role:3"). New roles take MAX(id) + 1 inside the writing transaction.
ALTER TABLE roles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE roles ADD COLUMN id BIGINT;
UPDATE roles SET id = (SELECT COUNT(*) FROM roles r WHERE r.name COLLATE "C" <= roles.name COLLATE "C");
CREATE UNIQUE INDEX roles_id ON roles (id);

-- Grants of the built-in roles for the parties API. Agents (the service desk) record and
-- maintain people and customer sites and see every role; customers and suppliers see their own
-- organisation's people and sites.
INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'user.write', 'all'),
  ('agent', 'site.read', 'all'),
  ('agent', 'site.write', 'all'),
  ('agent', 'role.read', 'all'),
  ('customer', 'site.read', 'organisation'),
  ('supplier', 'user.read', 'organisation'),
  ('supplier', 'site.read', 'organisation');
