-- The e-Box as POD MI's channel to every OCMW, and the API's clients (issue 16, ADR 0045; portal.md §4, rules EBX-1..7).
-- A message has typed metadata (type, legislation, period, subject in three languages), 1–6 PDF files stored once by
-- SHA-256, a validity per type, a read state per organisation. The settlement letters of the Uniek Verslag, kept so
-- far as `documents`, become messages with the same ids.

-- The document types of portal.md §4.2 with their legislations and validity (months), which POD MI can change.
CREATE TABLE ebox_message_types (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z_]{2,40}$'),
  legislations text[] NOT NULL,
  validity_months integer NOT NULL CHECK (validity_months BETWEEN 1 AND 240),
  position integer NOT NULL,
  changed_by uuid REFERENCES persons(id),
  changed_at timestamptz
);
INSERT INTO ebox_message_types (code, legislations, validity_months, position) VALUES
  ('MAANDSTAAT', ARRAY['RMI', 'WET65', 'VOH'], 24, 1),
  ('LIJST_AANVAARD', ARRAY['RMI', 'WET65', 'VOH'], 24, 2),
  ('LIJST_GEWEIGERD', ARRAY['RMI', 'WET65', 'VOH'], 24, 3),
  ('BRIEF_LEGALITEIT', ARRAY['RMI', 'WET65', 'VOH'], 120, 4),
  ('JAARAFREKENING', ARRAY['RMI', 'WET65', 'VOH'], 120, 5),
  ('BIJLAGE_AFREKENING', ARRAY['RMI', 'WET65', 'VOH'], 120, 6),
  ('TUSSENTIJDSE_MAANDSTAAT', ARRAY['RMI', 'WET65'], 24, 7),
  ('LIJST_KNIPPERLICHTEN', ARRAY['RMI', 'WET65'], 24, 8),
  ('LIJST_GEBLOKKEERD', ARRAY['RMI', 'WET65'], 24, 9),
  ('UV_VERZENDBEWIJS', ARRAY['SUBSIDIES'], 120, 10),
  ('UV_AFREKENING', ARRAY['SUBSIDIES'], 120, 11),
  ('UV_CORRECTIE', ARRAY['SUBSIDIES'], 24, 12),
  ('INFO', ARRAY['GENERAL'], 24, 13);

-- The API's clients (OAuth2 client credentials, private_key_jwt): POD MI's own systems first, software suppliers later.
CREATE TABLE api_clients (
  id uuid PRIMARY KEY,
  client_id text NOT NULL UNIQUE CHECK (client_id ~ '^[A-Za-z0-9._-]{3,100}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- what the e-Box records as the publishing application of its messages (NOVAPRIMA…)
  sender_application text NOT NULL CHECK (sender_application ~ '^[A-Z0-9_]{1,100}$'),
  scopes text[] NOT NULL,
  -- the client's public keys: a JWKS given at registration, or the address where the client publishes it
  jwks jsonb,
  jwks_uri text,
  language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'de')),
  created_by uuid REFERENCES persons(id),
  created_at timestamptz NOT NULL,
  revoked_by uuid REFERENCES persons(id),
  revoked_at timestamptz,
  CHECK (jwks IS NOT NULL OR jwks_uri IS NOT NULL)
);

-- Client assertions seen (their jti), refused when replayed until they expire.
CREATE TABLE api_assertion_ids (
  client_id uuid NOT NULL REFERENCES api_clients(id),
  jti text NOT NULL CHECK (length(jti) BETWEEN 1 AND 200),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, jti)
);

-- Access tokens issued (opaque; only their SHA-256 is kept), short-lived.
CREATE TABLE api_access_tokens (
  token_sha256 text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  client_id uuid NOT NULL REFERENCES api_clients(id),
  scopes text[] NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX api_access_tokens_expiry ON api_access_tokens (expires_at);

-- Every call of the API by a client: who, what, the answer.
CREATE TABLE api_calls (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id uuid REFERENCES api_clients(id),
  method text NOT NULL,
  route text NOT NULL,
  status integer NOT NULL,
  at timestamptz NOT NULL,
  detail jsonb
);
CREATE INDEX api_calls_client ON api_calls (client_id, at DESC);

-- File contents, once per SHA-256. In the database for the embedded default; on disk or in an S3-compatible store by
-- configuration (then only the metadata is here).
CREATE TABLE ebox_files (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  store text NOT NULL CHECK (store IN ('database', 'disk', 's3')),
  content bytea,
  created_at timestamptz NOT NULL,
  CHECK ((store = 'database') = (content IS NOT NULL))
);

-- A bulk publication: the ZIP uploaded, its rows validated before anything was published, then published row by row.
CREATE TABLE ebox_batches (
  id uuid PRIMARY KEY,
  file_name text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  row_count integer NOT NULL CHECK (row_count >= 0),
  state text NOT NULL CHECK (state IN ('PUBLISHING', 'DONE', 'REFUSED')),
  uploaded_by uuid NOT NULL REFERENCES persons(id),
  uploaded_at timestamptz NOT NULL,
  finished_at timestamptz,
  -- the per-row result (published message id or the reasons of the refusal)
  report jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE ebox_messages (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  sender_application text NOT NULL CHECK (sender_application ~ '^[A-Z0-9_]{1,100}$'),
  idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  message_type text NOT NULL REFERENCES ebox_message_types(code),
  legislation text NOT NULL CHECK (legislation IN ('RMI', 'WET65', 'VOH', 'SUBSIDIES', 'GENERAL')),
  -- a month (2026-11) or a report year (2025)
  period text CHECK (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
  subject_nl text NOT NULL CHECK (length(subject_nl) BETWEEN 1 AND 250),
  subject_fr text NOT NULL CHECK (length(subject_fr) BETWEEN 1 AND 250),
  subject_de text CHECK (length(subject_de) BETWEEN 1 AND 250),
  published_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- who published: a person of POD MI (back office), an API client, or the application itself (settlement letters…)
  published_by_person uuid REFERENCES persons(id),
  published_by_client uuid REFERENCES api_clients(id),
  batch_id uuid REFERENCES ebox_batches(id),
  campaign_id uuid REFERENCES campaigns(id),
  -- expiry: the files were deleted; the row stays as a tombstone for the audit
  files_deleted_at timestamptz,
  expiry_notified_at timestamptz,
  CHECK (expires_at > published_at)
);
CREATE UNIQUE INDEX ebox_messages_idempotency ON ebox_messages (sender_application, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ebox_messages_list ON ebox_messages (organisation_id, published_at DESC, id);
CREATE INDEX ebox_messages_expiry ON ebox_messages (expires_at) WHERE files_deleted_at IS NULL;

CREATE TABLE ebox_attachments (
  message_id uuid NOT NULL REFERENCES ebox_messages(id),
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 6),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  -- null once the file was deleted at the message's expiry
  sha256 text REFERENCES ebox_files(sha256),
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  is_main boolean NOT NULL,
  PRIMARY KEY (message_id, position)
);
CREATE UNIQUE INDEX ebox_attachments_one_main ON ebox_attachments (message_id) WHERE is_main;
CREATE INDEX ebox_attachments_file ON ebox_attachments (sha256);

-- Read for the organisation once someone of it opened the message; the first reader and moment kept.
CREATE TABLE ebox_reads (
  message_id uuid PRIMARY KEY REFERENCES ebox_messages(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  first_read_at timestamptz NOT NULL,
  first_read_by uuid NOT NULL REFERENCES persons(id)
);
CREATE INDEX ebox_reads_organisation ON ebox_reads (organisation_id);

-- The last visit of an organisation's e-Box (what POD MI may ask through the API).
CREATE TABLE ebox_visits (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  last_visit_at timestamptz NOT NULL,
  last_visit_by uuid NOT NULL REFERENCES persons(id)
);

-- One notification address per e-Box (EBX-5), kept by the access managers; the nightly digests sent.
CREATE TABLE ebox_notification_addresses (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  changed_by uuid NOT NULL REFERENCES persons(id),
  changed_at timestamptz NOT NULL
);
CREATE TABLE ebox_digests (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  digest_date date NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, digest_date)
);

-- A person's e-Box grant limited to some message types (EBX-7); no row: every type.
CREATE TABLE ebox_grant_types (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  message_type text NOT NULL REFERENCES ebox_message_types(code),
  PRIMARY KEY (organisation_id, person_id, message_type)
);

-- The settlement letters kept so far become messages of type UV_AFREKENING, with the same ids and read state.
INSERT INTO ebox_files (sha256, size_bytes, store, content, created_at)
SELECT DISTINCT ON (sha256) sha256, size_bytes, 'database', content, created_at FROM documents ORDER BY sha256, created_at;
INSERT INTO ebox_messages (id, organisation_id, sender_application, message_type, legislation, period, subject_nl, subject_fr,
  subject_de, published_at, expires_at, published_by_person, campaign_id)
SELECT d.id, d.organisation_id, 'UNIEK_VERSLAG', 'UV_AFREKENING', 'SUBSIDIES', c.report_year::text,
  'Uniek Verslag – afrekening verslagjaar ' || c.report_year, 'Rapport unique – décompte année ' || c.report_year,
  'Einheitlicher Bericht – Abrechnung Berichtsjahr ' || c.report_year, d.created_at, d.created_at + interval '120 months',
  d.created_by, d.campaign_id
FROM documents d JOIN campaigns c ON c.id = d.campaign_id;
INSERT INTO ebox_attachments (message_id, position, file_name, sha256, size_bytes, is_main)
SELECT id, 1, file_name, sha256, size_bytes, true FROM documents WHERE id IN (SELECT id FROM ebox_messages);
INSERT INTO ebox_reads (message_id, organisation_id, first_read_at, first_read_by)
SELECT document_id, organisation_id, first_read_at, first_read_by FROM document_reads;
ALTER TABLE settlements DROP CONSTRAINT settlements_document_id_fkey;
ALTER TABLE settlements ADD CONSTRAINT settlements_message_fkey FOREIGN KEY (document_id) REFERENCES ebox_messages(id);
