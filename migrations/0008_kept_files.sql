-- Kept workbooks (issue 11 item 3, ADR "Retention of kept files"): the bytes of an uploaded workbook are stored
-- once per OCMW and SHA-256 in kept_files; form_attachments keeps the record of every upload (who, when, name,
-- checksum) and points at the bytes while they are kept. A file no longer needed is pruned: its bytes go, its
-- record stays (pruned_at). What is kept for ever is pinned on the record (kept_reason) by the database itself,
-- whichever code path signs or submits.

CREATE TABLE kept_files (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  content bytea NOT NULL,
  stored_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, sha256),
  CHECK (octet_length(content) = size_bytes)
);

-- Bytes are never changed; they are deleted only once no upload record points at them (foreign key below).
CREATE FUNCTION kept_files_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'kept_files rows are immutable';
END $$;

CREATE TRIGGER kept_files_no_update BEFORE UPDATE ON kept_files
  FOR EACH ROW EXECUTE FUNCTION kept_files_immutable();

-- The records change in two ways only from now on (pin, prune): the old blanket trigger goes while they move.
DROP TRIGGER form_attachments_no_update ON form_attachments;

ALTER TABLE form_attachments
  ADD COLUMN organisation_id uuid,
  ADD COLUMN seq bigint,
  ADD COLUMN kept_sha256 text,
  ADD COLUMN kept_reason text CHECK (kept_reason IN ('SIGNED', 'SUBMITTED')),
  ADD COLUMN pruned_at timestamptz;

UPDATE form_attachments a SET organisation_id = fi.organisation_id, kept_sha256 = a.sha256
  FROM form_instances fi WHERE fi.id = a.form_instance_id;

-- Upload order (a clock may give two uploads the same moment).
CREATE SEQUENCE form_attachments_seq;
UPDATE form_attachments a SET seq = o.n
  FROM (SELECT id, row_number() OVER (ORDER BY uploaded_at, id) AS n FROM form_attachments) o WHERE o.id = a.id;
SELECT setval('form_attachments_seq', COALESCE((SELECT max(seq) FROM form_attachments), 0) + 1, false);
ALTER SEQUENCE form_attachments_seq OWNED BY form_attachments.seq;

-- The bytes of the existing uploads, once per OCMW and checksum.
INSERT INTO kept_files (organisation_id, sha256, size_bytes, content, stored_at)
SELECT DISTINCT ON (organisation_id, sha256) organisation_id, sha256, octet_length(content), content, uploaded_at
  FROM form_attachments ORDER BY organisation_id, sha256, uploaded_at;

-- Files a signature or a submission covered, from the audit trail: the workbook in force at a FORM_SIGNED or
-- FORM_SUBMITTED event is the one of the last upload before it, unless the entry mode changed in between.
WITH covered AS (
  SELECT e.subject_id AS form_instance_id, e.type,
    (SELECT CASE WHEN w.type = 'WORKBOOK_UPLOADED' THEN w.payload->>'sha256' END
       FROM audit_events w
      WHERE w.organisation_id = e.organisation_id AND w.subject_id = e.subject_id AND w.seq < e.seq
        AND (w.type = 'WORKBOOK_UPLOADED' OR (w.type = 'ENTRY_MODE_CHANGED' AND w.payload->>'from' IS DISTINCT FROM w.payload->>'to'))
      ORDER BY w.seq DESC LIMIT 1) AS sha256
    FROM audit_events e
   WHERE e.type IN ('FORM_SIGNED', 'FORM_SUBMITTED') AND e.subject_id IS NOT NULL
)
UPDATE form_attachments a
   SET kept_reason = CASE WHEN EXISTS (SELECT 1 FROM covered c WHERE c.form_instance_id = a.form_instance_id AND c.sha256 = a.sha256 AND c.type = 'FORM_SUBMITTED')
                          THEN 'SUBMITTED' ELSE 'SIGNED' END
 WHERE EXISTS (SELECT 1 FROM covered c WHERE c.form_instance_id = a.form_instance_id AND c.sha256 = a.sha256);

-- And from the present state, whatever the trail says.
UPDATE form_attachments a SET kept_reason = 'SUBMITTED'
  FROM form_instances fi WHERE fi.workbook_attachment_id = a.id AND fi.submitted_at IS NOT NULL;
UPDATE form_attachments a SET kept_reason = 'SIGNED'
  FROM form_instances fi
 WHERE fi.workbook_attachment_id = a.id AND a.kept_reason IS NULL
   AND EXISTS (SELECT 1 FROM signatures s WHERE s.form_instance_id = fi.id);

-- A record belongs to the OCMW of its form (the bytes are looked up within that OCMW only).
ALTER TABLE form_instances ADD CONSTRAINT form_instances_id_organisation UNIQUE (id, organisation_id);

DROP INDEX form_attachments_instance;

ALTER TABLE form_attachments
  DROP COLUMN content,
  ALTER COLUMN organisation_id SET NOT NULL,
  ALTER COLUMN seq SET DEFAULT nextval('form_attachments_seq'),
  ALTER COLUMN seq SET NOT NULL,
  ADD CONSTRAINT form_attachments_form_organisation_fk FOREIGN KEY (form_instance_id, organisation_id) REFERENCES form_instances (id, organisation_id),
  ADD CONSTRAINT form_attachments_kept_file_fk FOREIGN KEY (organisation_id, kept_sha256) REFERENCES kept_files (organisation_id, sha256),
  ADD CONSTRAINT form_attachments_kept_is_own CHECK (kept_sha256 IS NULL OR kept_sha256 = sha256),
  ADD CONSTRAINT form_attachments_pruned_has_no_bytes CHECK ((pruned_at IS NULL) = (kept_sha256 IS NOT NULL)),
  ADD CONSTRAINT form_attachments_pinned_never_pruned CHECK (kept_reason IS NULL OR pruned_at IS NULL);

CREATE INDEX form_attachments_instance ON form_attachments (form_instance_id, seq);
CREATE INDEX form_attachments_kept_file ON form_attachments (organisation_id, kept_sha256);

-- The record of an upload is evidence: never deleted; only pinned (a reason to keep it, never taken back) or
-- pruned (its bytes released), and never pruned while pinned or while it is the workbook of its form.
CREATE OR REPLACE FUNCTION form_attachments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'form_attachments rows are never deleted (a pruned file keeps its record)';
  END IF;
  IF (NEW.id, NEW.form_instance_id, NEW.organisation_id, NEW.file_name, NEW.media_type, NEW.size_bytes, NEW.sha256, NEW.uploaded_by, NEW.uploaded_at, NEW.seq)
     IS DISTINCT FROM (OLD.id, OLD.form_instance_id, OLD.organisation_id, OLD.file_name, OLD.media_type, OLD.size_bytes, OLD.sha256, OLD.uploaded_by, OLD.uploaded_at, OLD.seq) THEN
    RAISE EXCEPTION 'form_attachments rows are immutable';
  END IF;
  IF OLD.kept_reason IS NOT NULL AND NEW.kept_reason IS DISTINCT FROM OLD.kept_reason
     AND NOT (OLD.kept_reason = 'SIGNED' AND NEW.kept_reason IS NOT DISTINCT FROM 'SUBMITTED') THEN
    RAISE EXCEPTION 'a kept file stays kept';
  END IF;
  IF OLD.pruned_at IS NOT NULL AND (NEW.pruned_at IS DISTINCT FROM OLD.pruned_at OR NEW.kept_sha256 IS NOT NULL) THEN
    RAISE EXCEPTION 'a pruned file is not restored';
  END IF;
  IF OLD.pruned_at IS NULL AND NEW.pruned_at IS NOT NULL
     AND (OLD.kept_reason IS NOT NULL OR EXISTS (SELECT 1 FROM form_instances fi WHERE fi.workbook_attachment_id = OLD.id)) THEN
    RAISE EXCEPTION 'a signed, submitted or current workbook is never pruned';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER form_attachments_no_update BEFORE UPDATE OR DELETE ON form_attachments
  FOR EACH ROW EXECUTE FUNCTION form_attachments_immutable();

-- A signature covers the form's workbook: pinned as SIGNED (kept for ever, even if the signature is dropped later).
CREATE FUNCTION form_attachments_pin_signed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE form_attachments a SET kept_reason = 'SIGNED'
    FROM form_instances fi
   WHERE fi.id = NEW.form_instance_id AND a.id = fi.workbook_attachment_id AND a.kept_reason IS NULL;
  RETURN NEW;
END $$;

CREATE TRIGGER signatures_pin_workbook AFTER INSERT ON signatures
  FOR EACH ROW EXECUTE FUNCTION form_attachments_pin_signed();

-- A submission covers the form's workbook: pinned as SUBMITTED.
CREATE FUNCTION form_attachments_pin_submitted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE form_attachments SET kept_reason = 'SUBMITTED'
   WHERE id = NEW.workbook_attachment_id AND kept_reason IS DISTINCT FROM 'SUBMITTED';
  RETURN NEW;
END $$;

CREATE TRIGGER form_instances_pin_workbook AFTER UPDATE OF submitted_at ON form_instances
  FOR EACH ROW WHEN (OLD.submitted_at IS NULL AND NEW.submitted_at IS NOT NULL AND NEW.workbook_attachment_id IS NOT NULL)
  EXECUTE FUNCTION form_attachments_pin_submitted();

-- Uploads per person in a fixed window (the rate limit of uploads, counted here so it holds across processes).
CREATE TABLE upload_counters (
  person_id uuid NOT NULL REFERENCES persons(id),
  kind text NOT NULL CHECK (kind IN ('WORKBOOK')),
  window_started_at timestamptz NOT NULL,
  uploads integer NOT NULL CHECK (uploads > 0),
  PRIMARY KEY (person_id, kind)
);
