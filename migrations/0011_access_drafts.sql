-- Toegangsbeheer in two steps (issue 12, item 5; ADR 0031).
--
-- Every change an access manager makes is first a draft: "Opslaan" writes what would change (the overview), and
-- only "Bevestigen" applies it. A draft is bound to the access manager who made it and to the organisation, expires
-- after 30 minutes, and remembers the version of each person's member row it was made from (access_members.version):
-- confirmed after someone else changed one of those persons, it is stale and changes nothing.
CREATE TABLE access_drafts (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  actor_person_id uuid NOT NULL REFERENCES persons(id),
  kind text NOT NULL CHECK (kind IN ('USER', 'ROLE', 'REMOVE_ROLE', 'REMOVE', 'BLOCK', 'UNBLOCK')),
  -- the change as the overview shows it: who, before and after, and the versions it was made from
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX access_drafts_owner ON access_drafts (organisation_id, actor_person_id);
CREATE INDEX access_drafts_expiry ON access_drafts (expires_at);
