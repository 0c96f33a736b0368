-- POD MI appoints the HTB of OCMWs from a list (issue 12, item 7; ADR 0032): every upload is staged here with its
-- parsed lines and its validation report, like the reference values (0003); committing it appoints every line's
-- HTB at once, or none.
CREATE TABLE htb_imports (
  id uuid PRIMARY KEY,
  file_name text NOT NULL,
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_size integer NOT NULL CHECK (file_size >= 0),
  -- the previous HTB of each OCMW stays as co-HTB (ticked at upload, for the whole file)
  keep_previous boolean NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES persons(id),
  uploaded_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('STAGED', 'COMMITTED', 'DISCARDED')),
  row_count integer NOT NULL CHECK (row_count >= 0),
  -- [{ line, organisationId, insz, firstName, lastName, email, language, previousGrantId }]: previousGrantId is the
  -- HTB grant the line replaces as read at upload; a commit after another change of that HTB changes nothing
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
CREATE INDEX htb_imports_uploaded ON htb_imports (uploaded_at DESC);
