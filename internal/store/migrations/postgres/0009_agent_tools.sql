-- The agent's day, second part: merged tickets, reply templates and
-- macros, and phone calls and text messages on tickets.

-- A merged ticket points to the ticket that took over its messages; mail
-- to its number threads into that one.
ALTER TABLE tickets ADD COLUMN merged_into_id BIGINT REFERENCES tickets(id) ON DELETE SET NULL;

-- Reply templates in one language each, shared (owner_id NULL) or an
-- agent's own. A solution template is offered when resolving.
CREATE TABLE reply_templates (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL,
    language   TEXT NOT NULL,
    body       TEXT NOT NULL,
    owner_id   BIGINT REFERENCES users(id) ON DELETE CASCADE,
    solution   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX reply_templates_owner ON reply_templates (owner_id, name);

-- A macro applies, in one click, a reply template, a status, fields and
-- an assignment; actions is a JSON object (see the macro package).
CREATE TABLE macros (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL,
    owner_id   BIGINT REFERENCES users(id) ON DELETE CASCADE,
    actions    TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- A phone call or a text message on a ticket: the other party's number,
-- and for a call its direction (in/out), length and outcome.
ALTER TABLE messages ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN call_direction TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN call_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN call_outcome TEXT NOT NULL DEFAULT '';
