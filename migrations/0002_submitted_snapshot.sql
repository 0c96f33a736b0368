-- What a submitted form was signed with: the OCMW's data and POD MI's reference values at submission.
-- A submitted form is shown and printed from this snapshot, never from data changed afterwards.
ALTER TABLE form_instances ADD COLUMN submitted_snapshot jsonb;
