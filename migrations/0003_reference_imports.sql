-- Reference values loaded by POD MI from a CSV or XLSX file: every upload is staged here with its parsed rows
-- and its validation report; committing it writes all rows into reference_values at once (or none).
CREATE TABLE reference_imports (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns(id),
  file_name text NOT NULL,
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_size integer NOT NULL CHECK (file_size >= 0),
  uploaded_by uuid NOT NULL REFERENCES persons(id),
  uploaded_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('STAGED', 'COMMITTED', 'DISCARDED')),
  row_count integer NOT NULL CHECK (row_count >= 0),
  -- [{ line, organisationId, values: { key: integer } }]: values in cents or hundredths, as reference_values.data
  rows jsonb NOT NULL,
  -- [{ line, column, code, value, params }]: an import with problems can only be discarded
  problems jsonb NOT NULL,
  committed_at timestamptz,
  committed_by uuid REFERENCES persons(id),
  discarded_at timestamptz,
  discarded_by uuid REFERENCES persons(id),
  CHECK ((state = 'COMMITTED') = (committed_at IS NOT NULL AND committed_by IS NOT NULL)),
  CHECK ((state = 'DISCARDED') = (discarded_at IS NOT NULL AND discarded_by IS NOT NULL))
);
CREATE INDEX reference_imports_uploaded ON reference_imports (uploaded_at DESC);
CREATE INDEX reference_imports_campaign ON reference_imports (campaign_id);
