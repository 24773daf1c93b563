-- An organization's record: its postal addresses, the addresses that get
-- product and update news (each confirmed by double opt-in), its support
-- contracts with the ledger of their units, and each user's choice of
-- notifications.

-- One address per kind (correspondence, invoice, delivery), with the
-- fields a German business address needs. country is ISO 3166-1 alpha-2.
CREATE TABLE org_addresses (
    org_id      INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('correspondence', 'invoice', 'delivery')),
    company     TEXT NOT NULL DEFAULT '',
    department  TEXT NOT NULL DEFAULT '',
    street      TEXT NOT NULL DEFAULT '',
    extra       TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT 'DE',
    vat_id      TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    updated_at  TIMESTAMP NOT NULL,
    updated_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    PRIMARY KEY (org_id, kind)
);

-- At most three per organization (the application keeps the count). An
-- address gets news only once confirmed_at is set; token_hash is the
-- pending confirmation link, cleared when used.
CREATE TABLE org_news_addresses (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    email         TEXT NOT NULL,
    language      TEXT NOT NULL DEFAULT '',
    token_hash    TEXT UNIQUE,
    token_expires TIMESTAMP,
    confirmed_at  TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    UNIQUE (org_id, email)
);

-- A support contract grants units (of unit_minutes each) per period:
-- month, quarter, year, or once for the whole term.
CREATE TABLE contracts (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    starts_at    TIMESTAMP NOT NULL,
    ends_at      TIMESTAMP,
    period       TEXT NOT NULL CHECK (period IN ('month', 'quarter', 'year', 'term')),
    units        INTEGER NOT NULL CHECK (units >= 0),
    unit_minutes INTEGER NOT NULL CHECK (unit_minutes > 0),
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX contracts_org ON contracts (org_id);

-- The ledger of a contract's units: positive units are used, negative
-- ones credited back. A booking counts in the period its booked_at falls
-- in. Time entries (agent workflow) book here too.
CREATE TABLE unit_bookings (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    booked_at   TIMESTAMP NOT NULL,
    units       INTEGER NOT NULL,
    ticket_id   INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
    user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX unit_bookings_contract ON unit_bookings (contract_id, booked_at);

-- The notifications a user turned off, as a comma-separated list of
-- their names (received, replies, status).
ALTER TABLE users ADD COLUMN notify_off TEXT NOT NULL DEFAULT '';

-- The profile keeps first and last name apart (templates greet by the
-- first name); name stays the display name, made of the two when set.
ALTER TABLE users ADD COLUMN first_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN last_name TEXT NOT NULL DEFAULT '';
