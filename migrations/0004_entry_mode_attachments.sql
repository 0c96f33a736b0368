-- Excel route (forms.md §2.7): a form is justified either by entry in the application or by uploading the
-- measure's workbook; every uploaded workbook is kept with the form (checksum, name, size, who, when).

ALTER TABLE form_instances
  ADD COLUMN entry_mode text NOT NULL DEFAULT 'MANUAL' CHECK (entry_mode IN ('MANUAL', 'WORKBOOK')),
  ADD COLUMN workbook_attachment_id uuid;

CREATE TABLE form_attachments (
  id uuid PRIMARY KEY,
  form_instance_id uuid NOT NULL REFERENCES form_instances(id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES persons(id),
  uploaded_at timestamptz NOT NULL
);

CREATE INDEX form_attachments_instance ON form_attachments (form_instance_id, uploaded_at);

ALTER TABLE form_instances
  ADD CONSTRAINT form_instances_workbook_fk FOREIGN KEY (workbook_attachment_id) REFERENCES form_attachments(id);

-- Kept files are evidence: never changed or deleted.
CREATE FUNCTION form_attachments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'form_attachments rows are immutable';
END $$;

CREATE TRIGGER form_attachments_no_update BEFORE UPDATE OR DELETE ON form_attachments
  FOR EACH ROW EXECUTE FUNCTION form_attachments_immutable();
