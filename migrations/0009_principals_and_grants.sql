-- Principals and grants as data (issue 12, ADR 0029).
--
-- Who acts is a principal (a person now; technical accounts come with the API work). What a principal may do in
-- an organisation is rows: a member row per organisation (contact data the access manager entered, blocking) and
-- grant rows per organisation × domain × right (an access-management role or an application), each with validity
-- and who granted it. POD MI is an organisation of its own; its staff's roles are grants there. The role →
-- permission table of the code stays code: it says what an application lets one do, not who holds it.

CREATE TABLE principals (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('PERSON', 'CLIENT')),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO principals (id, kind, created_at) SELECT id, 'PERSON', created_at FROM persons;
ALTER TABLE persons ADD CONSTRAINT persons_principal FOREIGN KEY (id) REFERENCES principals(id);
-- An access manager adds a person by INSZ before that person ever logs in; the first login completes the record.
ALTER TABLE persons ADD COLUMN email text;
ALTER TABLE persons ADD COLUMN first_login_at timestamptz;
-- Only persons seeded as demo personas may be offered by the embedded (demo) identity provider.
ALTER TABLE persons ADD COLUMN demo boolean NOT NULL DEFAULT false;

-- Organisations have a type; POD MI has no NIS code.
ALTER TABLE organisations ADD COLUMN type text NOT NULL DEFAULT 'OCMW' CHECK (type IN ('OCMW', 'PODMI', 'SUPPLIER'));
ALTER TABLE organisations ALTER COLUMN nis DROP NOT NULL;
ALTER TABLE organisations ADD CONSTRAINT organisations_ocmw_nis CHECK (type <> 'OCMW' OR nis IS NOT NULL);
CREATE UNIQUE INDEX organisations_one_podmi ON organisations (type) WHERE type = 'PODMI';

-- Domains (groups of applications an access manager manages) and the rights that can be granted.
CREATE TABLE access_domains (
  code text PRIMARY KEY,
  organisation_type text NOT NULL CHECK (organisation_type IN ('OCMW', 'PODMI', 'SUPPLIER')),
  name_nl text NOT NULL,
  name_fr text NOT NULL,
  name_de text NOT NULL
);
INSERT INTO access_domains VALUES
  ('MAATSCHAPPELIJK_WELZIJN', 'OCMW', 'Maatschappelijk welzijn', 'Action sociale', 'Soziale Wohlfahrt'),
  ('PODMI_BACKOFFICE', 'PODMI', 'Backoffice POD MI', 'Back-office SPP IS', 'Backoffice ÖPD SI');

-- kind ROLE: an access-management role (HTB and CO_HTB for the whole organisation, TB and CO_TB per domain);
-- kind APPLICATION: an online service of one domain.
CREATE TABLE access_rights (
  code text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ROLE', 'APPLICATION')),
  domain_code text REFERENCES access_domains(code),
  rank integer NOT NULL,
  CHECK (kind = 'ROLE' OR domain_code IS NOT NULL)
);
INSERT INTO access_rights VALUES
  ('HTB', 'ROLE', NULL, 40),
  ('CO_HTB', 'ROLE', NULL, 30),
  ('TB', 'ROLE', NULL, 20),
  ('CO_TB', 'ROLE', NULL, 10),
  ('UV_ENCODER', 'APPLICATION', 'MAATSCHAPPELIJK_WELZIJN', 0),
  ('UV_READER', 'APPLICATION', 'MAATSCHAPPELIJK_WELZIJN', 0),
  ('UV_CHAIR', 'APPLICATION', 'MAATSCHAPPELIJK_WELZIJN', 0),
  ('UV_DIRECTOR', 'APPLICATION', 'MAATSCHAPPELIJK_WELZIJN', 0),
  ('EBOX', 'APPLICATION', 'MAATSCHAPPELIJK_WELZIJN', 0),
  ('CHAMAN', 'APPLICATION', 'MAATSCHAPPELIJK_WELZIJN', 0),
  ('OCMW_CONFIG', 'APPLICATION', 'MAATSCHAPPELIJK_WELZIJN', 0),
  ('OCMW_ONLINE', 'APPLICATION', 'MAATSCHAPPELIJK_WELZIJN', 0),
  ('PODMI_AGENT', 'APPLICATION', 'PODMI_BACKOFFICE', 0),
  ('PODMI_ADMIN', 'APPLICATION', 'PODMI_BACKOFFICE', 0);

-- A person known to an organisation: what the access manager entered, and the block (temporary absence).
CREATE TABLE access_members (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  email text,
  phone text,
  language text CHECK (language IN ('nl', 'fr', 'de')),
  blocked_at timestamptz,
  blocked_until timestamptz,
  blocked_by uuid REFERENCES principals(id),
  added_by uuid REFERENCES principals(id),
  added_at timestamptz NOT NULL,
  -- compare-and-set for the two-step changes: an overview confirmed after someone else changed the user is stale
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, person_id)
);
CREATE INDEX access_members_person ON access_members (person_id);

-- One row per right held; withdrawing sets valid_to (the history stays).
CREATE TABLE access_grants (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  domain_code text REFERENCES access_domains(code),
  right_code text NOT NULL REFERENCES access_rights(code),
  valid_from timestamptz NOT NULL,
  valid_to timestamptz,
  granted_by uuid REFERENCES principals(id),
  granted_at timestamptz NOT NULL,
  withdrawn_by uuid REFERENCES principals(id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES access_members(organisation_id, person_id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  -- HTB and CO_HTB hold for the whole organisation; every other right for one domain
  CHECK ((right_code IN ('HTB', 'CO_HTB')) = (domain_code IS NULL))
);
CREATE INDEX access_grants_person ON access_grants (person_id, organisation_id) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX access_grants_one_active ON access_grants (organisation_id, person_id, COALESCE(domain_code, ''), right_code) WHERE valid_to IS NULL;
-- An organisation has one HTB, a domain one TB.
CREATE UNIQUE INDEX access_grants_one_htb ON access_grants (organisation_id) WHERE right_code = 'HTB' AND valid_to IS NULL;
CREATE UNIQUE INDEX access_grants_one_tb ON access_grants (organisation_id, domain_code) WHERE right_code = 'TB' AND valid_to IS NULL;

-- POD MI, the organisation of the back office (a fictitious, checksum-valid KBO number: the real one is configured
-- by the operator).
INSERT INTO organisations (id, type, kbo, nis, name_nl, name_fr, name_de, language)
VALUES ('00000000-0000-4000-8000-00000000d0d1', 'PODMI', '0321000120', NULL,
  'POD Maatschappelijke Integratie', 'SPP Intégration sociale', 'ÖPD Sozialeingliederung', 'nl');

-- The memberships and POD MI roles of before become members and grants.
INSERT INTO access_members (organisation_id, person_id, added_at)
  SELECT DISTINCT organisation_id, person_id, now() FROM memberships;
INSERT INTO access_members (organisation_id, person_id, added_at)
  SELECT '00000000-0000-4000-8000-00000000d0d1', id, now() FROM persons WHERE podmi_role IS NOT NULL;
INSERT INTO access_grants (id, organisation_id, person_id, domain_code, right_code, valid_from, granted_at)
  SELECT gen_random_uuid(), m.organisation_id, m.person_id, 'MAATSCHAPPELIJK_WELZIJN', r.right_code, now(), now()
  FROM memberships m
  JOIN (VALUES ('MEDEWERKER', 'UV_ENCODER'), ('LEZER', 'UV_READER'), ('VOORZITTER', 'UV_CHAIR'), ('ALGEMEEN_DIRECTEUR', 'UV_DIRECTOR'))
    AS r(role, right_code) ON r.role = m.role
  ON CONFLICT DO NOTHING;
INSERT INTO access_grants (id, organisation_id, person_id, domain_code, right_code, valid_from, granted_at)
  SELECT gen_random_uuid(), '00000000-0000-4000-8000-00000000d0d1', id, 'PODMI_BACKOFFICE', podmi_role, now(), now()
  FROM persons WHERE podmi_role IS NOT NULL;

DROP TABLE memberships;
ALTER TABLE persons DROP COLUMN podmi_role;

-- Audit events record the principal's kind (a person or, with the API, a client).
ALTER TABLE audit_events ADD COLUMN actor_kind text NOT NULL DEFAULT 'PERSON' CHECK (actor_kind IN ('PERSON', 'CLIENT'));
