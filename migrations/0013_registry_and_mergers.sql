-- The organisation registry and the 2025 mergers (issue 13, portal.md §1, rules §8.1; ADR 0035).
--
-- `organisations.kbo` and `organisations.nis` stay the CURRENT identifiers (the URL key and the per-request join);
-- `organisation_identifiers` is their dated history. A KBO number is never given to a second organisation (the
-- URL key must stay stable; the KBO itself never reuses numbers); a NIS code may move (scenario 2) but two
-- organisations never hold the same identifier on the same day: the trigger below checks overlap under a lock.

ALTER TABLE organisations
  -- the language(s) of administration of the data file: nl, fr, de, or nl+fr (Brussels); `language` stays the
  -- default language of its users' pages
  ADD COLUMN administration_language text CHECK (administration_language IN ('nl', 'fr', 'de', 'nl+fr')),
  -- legal existence: from (OCMWs exist since the organic law of 8 July 1976) to the last legal day (a merger)
  ADD COLUMN valid_from date NOT NULL DEFAULT DATE '1977-01-01',
  ADD COLUMN valid_to date,
  -- false for a municipality without an OCMW (Herstappe, ORG-4): no users, campaigns or routing
  ADD COLUMN has_ocmw boolean NOT NULL DEFAULT true,
  -- generated, checksum-valid KBO number standing in for the real one (portal.md §1.1)
  ADD COLUMN kbo_fictitious boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT organisations_validity CHECK (valid_to IS NULL OR valid_to >= valid_from);

CREATE TABLE organisation_identifiers (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  scheme text NOT NULL CHECK (scheme IN ('KBO', 'NIS')),
  value text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK ((scheme = 'KBO' AND value ~ '^[01][0-9]{9}$') OR (scheme = 'NIS' AND value ~ '^[0-9]{5}$'))
);
CREATE INDEX organisation_identifiers_org ON organisation_identifiers (organisation_id, scheme, valid_from);
CREATE INDEX organisation_identifiers_value ON organisation_identifiers (scheme, value);

-- ORG-1: an identifier belongs to one organisation at any moment. Serialised per identifier (advisory lock), so two
-- transactions giving the same number at once cannot both pass.
CREATE FUNCTION organisation_identifiers_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('org-identifier:' || NEW.scheme || ':' || NEW.value));
  IF EXISTS (
    SELECT 1 FROM organisation_identifiers i
    WHERE i.scheme = NEW.scheme AND i.value = NEW.value AND i.id <> NEW.id AND i.organisation_id <> NEW.organisation_id
      AND daterange(i.valid_from, i.valid_to, '[]') && daterange(NEW.valid_from, NEW.valid_to, '[]')
  ) THEN
    RAISE EXCEPTION 'identifier % % already belongs to another organisation in that period', NEW.scheme, NEW.value
      USING ERRCODE = '23505';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER organisation_identifiers_no_overlap BEFORE INSERT OR UPDATE ON organisation_identifiers
  FOR EACH ROW EXECUTE FUNCTION organisation_identifiers_no_overlap();

-- The identifiers of the organisations that exist already (POD MI, demo OCMWs) become their history.
INSERT INTO organisation_identifiers (id, organisation_id, scheme, value, valid_from)
  SELECT gen_random_uuid(), id, 'KBO', kbo, valid_from FROM organisations;
INSERT INTO organisation_identifiers (id, organisation_id, scheme, value, valid_from)
  SELECT gen_random_uuid(), id, 'NIS', nis, valid_from FROM organisations WHERE nis IS NOT NULL;
UPDATE organisations SET administration_language = language WHERE type = 'OCMW';

-- A merger (portal.md §1.3): the merged OCMW (new in scenario 1, the partner that keeps its KBO in scenarios 2
-- and 3), its scenario, the effective date and the end of the transition (null: "voorlopig").
CREATE TABLE mergers (
  id uuid PRIMARY KEY,
  merged_organisation_id uuid NOT NULL REFERENCES organisations(id),
  scenario text NOT NULL CHECK (scenario IN ('S1_NEW_KBO_NEW_NIS', 'S2_KEEP_KBO_NEW_NIS', 'S3_KEEP_KBO_KEEP_NIS')),
  effective_on date NOT NULL,
  transition_ends_on date,
  recorded_at timestamptz NOT NULL,
  -- null for the mergers loaded with the registry at first start
  recorded_by uuid REFERENCES persons(id),
  version integer NOT NULL DEFAULT 1,
  -- the one-off copy of the partners' access to the merged OCMW (portal.md §1.5): when, by whom, its report
  access_copied_at timestamptz,
  access_copied_by uuid REFERENCES persons(id),
  access_copy_report jsonb,
  CHECK (transition_ends_on IS NULL OR transition_ends_on > effective_on),
  CHECK ((access_copied_at IS NULL) = (access_copy_report IS NULL))
);
CREATE UNIQUE INDEX mergers_one_per_merged_and_date ON mergers (merged_organisation_id, effective_on);

-- The partners of a merger: every merging OCMW, the one that keeps its identity (scenarios 2 and 3) included.
-- A disappearing partner takes part in one merger only.
CREATE TABLE merger_partners (
  merger_id uuid NOT NULL REFERENCES mergers(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  keeps_identity boolean NOT NULL,
  -- the NIS code the partner had until the merger
  nis_before text NOT NULL CHECK (nis_before ~ '^[0-9]{5}$'),
  PRIMARY KEY (merger_id, organisation_id)
);
CREATE UNIQUE INDEX merger_partners_disappear_once ON merger_partners (organisation_id) WHERE NOT keeps_identity;

-- The merger an organisation disappears in (its successor is that merger's merged OCMW).
ALTER TABLE organisations ADD COLUMN merger_id uuid REFERENCES mergers(id);
CREATE INDEX organisations_merger ON organisations (merger_id) WHERE merger_id IS NOT NULL;

-- Registry changes by POD MI (edits, imports, mergers) get their own log, like campaigns: they belong to no OCMW's
-- chain alone. Append-only.
CREATE TABLE registry_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_person_id uuid REFERENCES persons(id),
  organisation_id uuid REFERENCES organisations(id),
  merger_id uuid REFERENCES mergers(id),
  type text NOT NULL,
  payload jsonb NOT NULL
);
CREATE INDEX registry_events_organisation ON registry_events (organisation_id, occurred_at);
CREATE INDEX registry_events_merger ON registry_events (merger_id, occurred_at);
CREATE TRIGGER registry_events_no_update BEFORE UPDATE OR DELETE ON registry_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Imports of a KBO/NIS list by POD MI, staged with their validation report like the HTB list (0012).
CREATE TABLE registry_imports (
  id uuid PRIMARY KEY,
  file_name text NOT NULL,
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_size integer NOT NULL CHECK (file_size >= 0),
  uploaded_by uuid NOT NULL REFERENCES persons(id),
  uploaded_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('STAGED', 'COMMITTED', 'DISCARDED')),
  row_count integer NOT NULL CHECK (row_count >= 0),
  rows jsonb NOT NULL,
  problems jsonb NOT NULL,
  committed_at timestamptz,
  committed_by uuid REFERENCES persons(id),
  discarded_at timestamptz,
  discarded_by uuid REFERENCES persons(id),
  CHECK ((state = 'COMMITTED') = (committed_at IS NOT NULL AND committed_by IS NOT NULL)),
  CHECK ((state = 'DISCARDED') = (discarded_at IS NOT NULL AND discarded_by IS NOT NULL))
);
CREATE INDEX registry_imports_uploaded ON registry_imports (uploaded_at DESC);

-- The homepage reads an OCMW's late submissions of every campaign at once (a disappearing OCMW's last report).
CREATE INDEX campaign_extensions_organisation ON campaign_extensions (organisation_id);
