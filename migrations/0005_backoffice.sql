-- POD MI back office (forms.md §2.3, §2.4, §3.3, §6): campaign configuration, late submissions per OCMW,
-- corrections, settlements, documents for the e-Box and a durable outbox for e-mail.

-- Where an OCMW sits, for the follow-up filters (region, province, language of administration).
ALTER TABLE organisations
  ADD COLUMN region text CHECK (region IN ('VLG', 'BRU', 'WAL')),
  ADD COLUMN province text;

-- Campaign configuration is edited by the beheerder with compare-and-set; reminders are sent this many days
-- before the deadline (a list, e.g. {14,3}).
ALTER TABLE campaigns
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN reminder_days integer[] NOT NULL DEFAULT '{7}',
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Who changed a campaign, when, and how (campaigns belong to no OCMW, so they have their own log).
CREATE TABLE campaign_events (
  id bigserial PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns(id),
  occurred_at timestamptz NOT NULL,
  actor_person_id uuid NOT NULL REFERENCES persons(id),
  type text NOT NULL,
  payload jsonb NOT NULL
);
CREATE INDEX campaign_events_campaign ON campaign_events (campaign_id, occurred_at);
CREATE TRIGGER campaign_events_no_update BEFORE UPDATE OR DELETE ON campaign_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- A late submission allowed by a beheerder for one OCMW: the form stays editable and signable until `until`,
-- also after the campaign was closed (not after it was settled).
CREATE TABLE campaign_extensions (
  campaign_id uuid NOT NULL REFERENCES campaigns(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  until timestamptz NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  granted_by uuid NOT NULL REFERENCES persons(id),
  granted_at timestamptz NOT NULL,
  PRIMARY KEY (campaign_id, organisation_id)
);

-- POD MI's review of a submitted form: accepted, or sent back for correction with a reason (the form is then
-- editable again and goes through both signatures again; the reason stays visible until it is resubmitted).
ALTER TABLE form_instances
  ADD COLUMN review_state text CHECK (review_state IN ('CORRECTION_REQUESTED', 'ACCEPTED')),
  ADD COLUMN correction_reason text,
  ADD COLUMN correction_requested_at timestamptz,
  ADD COLUMN correction_requested_by uuid REFERENCES persons(id),
  ADD COLUMN accepted_at timestamptz,
  ADD COLUMN accepted_by uuid REFERENCES persons(id),
  ADD CONSTRAINT form_instances_correction_reason CHECK (review_state IS DISTINCT FROM 'CORRECTION_REQUESTED' OR correction_reason IS NOT NULL),
  ADD CONSTRAINT form_instances_accepted CHECK (review_state IS DISTINCT FROM 'ACCEPTED' OR (accepted_at IS NOT NULL AND submitted_at IS NOT NULL));

-- Documents POD MI drops on an OCMW's persoonlijke pagina (e-Box): settlement letters. Never changed or deleted.
CREATE TABLE documents (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  campaign_id uuid REFERENCES campaigns(id),
  kind text NOT NULL CHECK (kind IN ('SETTLEMENT_LETTER')),
  language text NOT NULL CHECK (language IN ('nl', 'fr', 'de')),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  created_by uuid NOT NULL REFERENCES persons(id),
  created_at timestamptz NOT NULL
);
CREATE INDEX documents_organisation ON documents (organisation_id, created_at DESC);
CREATE TRIGGER documents_no_update BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION form_attachments_immutable();

-- The settlement of one OCMW for one campaign (amounts in cents), and the letter sent with it.
CREATE TABLE settlements (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  form_instance_id uuid REFERENCES form_instances(id),
  allocation_cents bigint NOT NULL,
  accepted_cents bigint NOT NULL,
  advances_cents bigint NOT NULL,
  balance_cents bigint NOT NULL,
  to_pay_cents bigint NOT NULL CHECK (to_pay_cents >= 0),
  to_reclaim_cents bigint NOT NULL CHECK (to_reclaim_cents >= 0),
  -- per-measure detail (e.g. the art. 4 / art. 6 split of the gas and electricity fund, the unused money)
  details jsonb NOT NULL,
  iban text,
  bic text,
  communication text NOT NULL,
  document_id uuid REFERENCES documents(id),
  settled_at timestamptz NOT NULL,
  settled_by uuid NOT NULL REFERENCES persons(id),
  UNIQUE (campaign_id, organisation_id)
);

-- Durable outbox: work that must happen after a commit (e-mail), written in the same transaction as its cause.
-- dedupe_key makes enqueuing idempotent (a reminder is queued once per campaign, OCMW and day).
CREATE TABLE outbox_jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('EMAIL')),
  dedupe_key text NOT NULL UNIQUE,
  payload jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('PENDING', 'DONE', 'FAILED')),
  attempts integer NOT NULL DEFAULT 0,
  run_after timestamptz NOT NULL,
  last_error text,
  created_at timestamptz NOT NULL,
  done_at timestamptz
);
CREATE INDEX outbox_jobs_pending ON outbox_jobs (run_after) WHERE state = 'PENDING';

-- The embedded default sends e-mail here instead of to an SMTP server: the beheerder reads it in the application.
CREATE TABLE mail_messages (
  id uuid PRIMARY KEY,
  job_id uuid NOT NULL UNIQUE REFERENCES outbox_jobs(id),
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  sent_at timestamptz NOT NULL
);
CREATE INDEX mail_messages_sent ON mail_messages (sent_at DESC);
