-- The e-Box's read state (issue 14, item 16; portal.md §4.5): a document is read for the organisation once someone
-- of it opens it; the first reader and the moment are kept. POD MI's own reads do not count. Documents themselves
-- stay immutable, so the read state is a row of its own, written once.
CREATE TABLE document_reads (
  document_id uuid PRIMARY KEY REFERENCES documents(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  first_read_at timestamptz NOT NULL,
  first_read_by uuid NOT NULL REFERENCES persons(id)
);

-- Documents were guarded by the form attachments' trigger function, which migration 0008 rewrote for that table's
-- columns: an update of a document failed on a missing field instead of saying why. A function of their own.
CREATE FUNCTION documents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'documents are immutable' USING ERRCODE = 'P0001';
END $$;
DROP TRIGGER documents_no_update ON documents;
CREATE TRIGGER documents_no_update BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_immutable();
