-- Organizations run by their portal admins: a domain a portal admin
-- claims waits for an agent's approval before it routes anyone; a
-- deactivated contact keeps its tickets but cannot sign in.

ALTER TABLE org_domains ADD COLUMN approved BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE org_domains ADD COLUMN claimed_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE org_domains ADD COLUMN claimed_at TIMESTAMP;

-- The desk's contact search matches the start of a name, ignoring case.
CREATE INDEX users_name_lower ON users (LOWER(name));
