-- OCMW-configuratie (issue 18, portal.md §6, rules §8.6; ADR 0036): the four screens an OCMW saves with "Bewaren".
--
-- Every save of a screen is a new row of `ocmw_config_versions` (the whole screen as posted and validated, who, when):
-- the current configuration is the highest version, the history is the rows, and the primary key is the guard against
-- lost updates — two people who both read version n cannot both write n + 1.

-- The catalogue of mutation types (portal.md §6.1, Q-CFG-1): data kept by POD MI, not code.
CREATE TABLE mutation_types (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{1,39}$'),
  label_nl text NOT NULL,
  label_fr text NOT NULL,
  label_de text NOT NULL,
  source text NOT NULL,
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true
);

INSERT INTO mutation_types (code, label_nl, label_fr, label_de, source, position) VALUES
  ('RN_ADDRESS', 'Adreswijziging (hoofdverblijfplaats, referentieadres, afvoering)', 'Changement d''adresse (résidence principale, adresse de référence, radiation)', 'Adressänderung (Hauptwohnort, Bezugsadresse, Streichung)', 'Rijksregister IT001', 10),
  ('RN_DEATH', 'Overlijden', 'Décès', 'Sterbefall', 'Rijksregister IT150', 20),
  ('RN_CIVIL_STATUS', 'Burgerlijke staat, wettelijke samenwoning', 'État civil, cohabitation légale', 'Personenstand, gesetzliches Zusammenwohnen', 'Rijksregister IT120, IT123', 30),
  ('RN_HOUSEHOLD', 'Gezinssamenstelling', 'Composition de ménage', 'Haushaltszusammensetzung', 'Rijksregister IT140, IT141', 40),
  ('RN_NATIONALITY', 'Nationaliteit', 'Nationalité', 'Staatsangehörigkeit', 'Rijksregister IT031', 50),
  ('RN_REGISTER', 'Inschrijvingsregister (bevolking, vreemdelingen, wacht)', 'Registre d''inscription (population, étrangers, attente)', 'Eintragungsregister (Bevölkerung, Fremde, Warteregister)', 'Rijksregister IT210', 60),
  ('KSZ_REGISTER', 'Wijzigingen KSZ-registers (bis-register)', 'Modifications des registres BCSS (registre bis)', 'Änderungen der ZDSS-Register (Bis-Register)', 'KSZ', 70),
  ('EMPLOYMENT', 'Tewerkstelling (personeelsbestand, Dimona)', 'Occupation (fichier du personnel, Dimona)', 'Beschäftigung (Personaldatei, Dimona)', 'RSZ', 80),
  ('SELF_EMPLOYED', 'Zelfstandige activiteit', 'Activité indépendante', 'Selbständige Tätigkeit', 'RSVZ', 90),
  ('UNEMPLOYMENT', 'Werkloosheid', 'Chômage', 'Arbeitslosigkeit', 'RVA', 100),
  ('HEALTH_INSURANCE', 'Ziekteverzekering, arbeidsongeschiktheid', 'Assurance maladie, incapacité de travail', 'Krankenversicherung, Arbeitsunfähigkeit', 'Ziekenfondsen', 110),
  ('PENSION', 'Pensioen', 'Pension', 'Pension', 'Pensioendiensten', 120),
  ('DISABILITY_ALLOWANCE', 'Tegemoetkoming personen met een handicap', 'Allocations aux personnes handicapées', 'Beihilfen für Personen mit Behinderung', 'FOD Sociale Zekerheid', 130),
  ('RESIDENCE_STATUS', 'Verblijfsstatuut', 'Statut de séjour', 'Aufenthaltsstatus', 'DVZ', 140);

-- POD MI's list of network providers (Q-CFG-2); the screen adds "other, with a name".
CREATE TABLE network_providers (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{1,39}$'),
  name text NOT NULL,
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true
);

INSERT INTO network_providers (code, name, position) VALUES
  ('PUBLILINK', 'Publilink', 10),
  ('VERA', 'VERA', 20),
  ('IRISNET', 'IRISnet', 30);

CREATE TABLE ocmw_config_versions (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  screen text NOT NULL CHECK (screen IN ('MUTATIONS', 'PROVIDERS', 'CONTACT', 'ONLINE')),
  version integer NOT NULL CHECK (version > 0),
  data jsonb NOT NULL,
  saved_at timestamptz NOT NULL,
  saved_by uuid NOT NULL REFERENCES persons(id),
  PRIMARY KEY (organisation_id, screen, version)
);

-- CFG-3: the mutation selection over time, one row per type whose selection a save changed (or set first), so that a
-- dispatcher can answer "was type X selected by OCMW Y at time T". No row before T: selected (a new organisation
-- receives every type).
CREATE TABLE mutation_selections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  code text NOT NULL REFERENCES mutation_types(code),
  selected boolean NOT NULL,
  effective_from timestamptz NOT NULL,
  saved_by uuid NOT NULL REFERENCES persons(id)
);
CREATE INDEX mutation_selections_at ON mutation_selections (organisation_id, code, effective_from DESC);
