-- The configurable ticket model and the last of the agent's tools:
-- custom fields defined by admins, labels for the option values, order
-- and reference numbers on tickets, and who is working on a ticket now.

-- A custom field of tickets. key is the stable name the API and
-- tickets.custom_fields use; kind is text, long_text, number, date,
-- select, multi_select or checkbox; options is a JSON array of the
-- allowed values of the select kinds; labels is a JSON object of
-- language → label.
CREATE TABLE custom_fields (
    id                 INTEGER PRIMARY KEY,
    key                TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL CHECK (kind IN ('text', 'long_text', 'number', 'date', 'select', 'multi_select', 'checkbox')),
    labels             TEXT NOT NULL DEFAULT '{}',
    options            TEXT NOT NULL DEFAULT '[]',
    position           INTEGER NOT NULL,
    contact_visible    BOOLEAN NOT NULL DEFAULT FALSE,
    contact_editable   BOOLEAN NOT NULL DEFAULT FALSE,
    required_create    BOOLEAN NOT NULL DEFAULT FALSE,
    required_resolve   BOOLEAN NOT NULL DEFAULT FALSE,
    active             BOOLEAN NOT NULL DEFAULT TRUE,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX custom_fields_position ON custom_fields (position, id);

-- Display names of option values per language (JSON object language →
-- label); empty: the built-in catalogue names the value, else the value.
ALTER TABLE field_options ADD COLUMN labels TEXT NOT NULL DEFAULT '{}';

-- Display names of statuses per language, as for options.
ALTER TABLE statuses ADD COLUMN labels TEXT NOT NULL DEFAULT '{}';

-- Order and reference numbers found in a ticket or added by an agent.
CREATE TABLE ticket_references (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    value      TEXT NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('found', 'manual')),
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (ticket_id, value)
);
CREATE INDEX ticket_references_value ON ticket_references (value);

-- Who has a ticket open in the desk right now, and whether they are
-- writing a reply; rows older than a minute are stale and ignored.
CREATE TABLE ticket_presence (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    composing BOOLEAN NOT NULL DEFAULT FALSE,
    seen_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);
