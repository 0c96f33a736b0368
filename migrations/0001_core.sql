-- Core schema: organisations (OCMWs), persons, memberships, sessions, campaigns,
-- reference values, form instances, signatures and the hash-chained audit trail.

CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  kbo text NOT NULL UNIQUE,
  nis text NOT NULL UNIQUE,
  name_nl text NOT NULL,
  name_fr text NOT NULL,
  name_de text NOT NULL,
  language text NOT NULL CHECK (language IN ('nl', 'fr', 'de')),
  iban text,
  bic text,
  contact_last_name text,
  contact_first_name text,
  contact_email text,
  contact_phone text,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE persons (
  id uuid PRIMARY KEY,
  insz text NOT NULL UNIQUE,
  first_name text NOT NULL,
  last_name text NOT NULL,
  language text CHECK (language IN ('nl', 'fr', 'de')),
  podmi_role text CHECK (podmi_role IN ('PODMI_AGENT', 'PODMI_ADMIN')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  person_id uuid NOT NULL REFERENCES persons(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  role text NOT NULL CHECK (role IN ('MEDEWERKER', 'VOORZITTER', 'ALGEMEEN_DIRECTEUR', 'LEZER')),
  PRIMARY KEY (person_id, organisation_id, role)
);
CREATE INDEX memberships_organisation ON memberships (organisation_id);

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES persons(id),
  organisation_id uuid REFERENCES organisations(id),
  language text CHECK (language IN ('nl', 'fr', 'de')),
  auth_method text NOT NULL,
  authenticated_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE campaigns (
  id uuid PRIMARY KEY,
  report_year integer NOT NULL,
  measure text NOT NULL,
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('PLANNED', 'OPEN', 'CLOSED', 'SETTLED')),
  definition_version integer NOT NULL,
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  UNIQUE (report_year, measure),
  CHECK (opens_at < closes_at)
);

CREATE TABLE reference_values (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  campaign_id uuid NOT NULL REFERENCES campaigns(id),
  data jsonb NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, campaign_id)
);

CREATE TABLE form_instances (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  campaign_id uuid NOT NULL REFERENCES campaigns(id),
  measure text NOT NULL,
  report_year integer NOT NULL,
  definition_version integer NOT NULL,
  input jsonb NOT NULL,
  content_hash text NOT NULL,
  has_errors boolean NOT NULL,
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  submitted_at timestamptz,
  UNIQUE (organisation_id, campaign_id)
);

CREATE TABLE signatures (
  id uuid PRIMARY KEY,
  form_instance_id uuid NOT NULL REFERENCES form_instances(id),
  role text NOT NULL CHECK (role IN ('CHAIR', 'DIRECTOR')),
  person_id uuid NOT NULL REFERENCES persons(id),
  content_hash text NOT NULL,
  signed_at timestamptz NOT NULL,
  auth_method text NOT NULL,
  authenticated_at timestamptz NOT NULL,
  UNIQUE (form_instance_id, role),
  UNIQUE (form_instance_id, person_id)
);

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  seq integer NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_person_id uuid,
  type text NOT NULL,
  subject_id uuid,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (organisation_id, seq)
);
CREATE INDEX audit_events_subject ON audit_events (subject_id, seq);

-- The audit trail is append-only for the application.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- The head of each OCMW's chain: lets the verifier detect a truncated tail, and serialises writers.
CREATE TABLE audit_heads (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  seq integer NOT NULL,
  hash text NOT NULL
);
