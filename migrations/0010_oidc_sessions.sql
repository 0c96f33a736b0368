-- OpenID Connect login and the step-up before signing (issue 12, ADR 0030–0032).
--
-- A session remembers how its person authenticated (the provider's issuer, the acr level, the ID token to end the
-- provider's session at logout) and the last step-up: its level, the provider's auth_time, when it was completed and
-- for which organisation. A signature records the level, the authentication time and the provider it was given with.
-- A login or step-up under way is a short-lived row bound to the browser by a cookie holding its random key.

ALTER TABLE sessions ADD COLUMN acr text;
ALTER TABLE sessions ADD COLUMN provider text;
ALTER TABLE sessions ADD COLUMN id_token text;
ALTER TABLE sessions ADD COLUMN step_up_acr text;
ALTER TABLE sessions ADD COLUMN step_up_auth_time timestamptz;
ALTER TABLE sessions ADD COLUMN step_up_at timestamptz;
ALTER TABLE sessions ADD COLUMN step_up_organisation_id uuid REFERENCES organisations(id);

ALTER TABLE signatures ADD COLUMN acr text;
ALTER TABLE signatures ADD COLUMN provider text;

CREATE TABLE oidc_logins (
  -- SHA-256 of the random key in the browser's cookie: the row is useless without that browser
  id_hash text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('LOGIN', 'STEP_UP')),
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  -- the step-up's session, person and organisation
  session_id_hash text,
  person_id uuid REFERENCES persons(id),
  organisation_id uuid REFERENCES organisations(id),
  return_to text,
  -- the application's clock, and the wall clock the provider's auth_time is compared with (seconds)
  started_at timestamptz NOT NULL,
  started_epoch bigint NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK (purpose = 'LOGIN' OR (session_id_hash IS NOT NULL AND person_id IS NOT NULL AND organisation_id IS NOT NULL))
);
CREATE INDEX oidc_logins_expiry ON oidc_logins (expires_at);
