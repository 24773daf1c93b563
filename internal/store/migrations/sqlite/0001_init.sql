-- Foundation schema: accounts, organizations, teams, the ticket model,
-- correspondence, files and history. Times are written by the application
-- in UTC; SQLite keeps them as sortable text.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('ticket_number', 10000);

CREATE TABLE organizations (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    default_role TEXT NOT NULL DEFAULT 'member',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

CREATE TABLE org_domains (
    domain TEXT PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE
);
CREATE INDEX org_domains_org ON org_domains (org_id);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('contact', 'agent')),
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    org_id         INTEGER REFERENCES organizations(id),
    role           TEXT NOT NULL,
    rights         TEXT NOT NULL DEFAULT '',
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    language       TEXT NOT NULL DEFAULT '',
    password_hash  TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    is_default BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE statuses (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL CHECK (category IN ('new', 'open', 'waiting_customer', 'on_hold', 'resolved', 'closed')),
    position INTEGER NOT NULL
);

CREATE TABLE field_options (
    field              TEXT NOT NULL,
    parent             TEXT NOT NULL DEFAULT '',
    value              TEXT NOT NULL,
    position           INTEGER NOT NULL,
    contact_selectable BOOLEAN NOT NULL DEFAULT TRUE,
    is_default         BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (field, parent, value)
);

CREATE TABLE tickets (
    id               INTEGER PRIMARY KEY,
    number           INTEGER NOT NULL UNIQUE,
    subject          TEXT NOT NULL,
    org_id           INTEGER REFERENCES organizations(id),
    requester_id     INTEGER NOT NULL REFERENCES users(id),
    status_id        INTEGER NOT NULL REFERENCES statuses(id),
    waiting_reason   TEXT NOT NULL DEFAULT '',
    type             TEXT NOT NULL DEFAULT '',
    priority         TEXT NOT NULL DEFAULT '',
    impact           TEXT NOT NULL DEFAULT '',
    module           TEXT NOT NULL DEFAULT '',
    version          TEXT NOT NULL DEFAULT '',
    team_id          INTEGER REFERENCES teams(id),
    assignee_id      INTEGER REFERENCES users(id),
    channel          TEXT NOT NULL,
    internal         BOOLEAN NOT NULL DEFAULT FALSE,
    custom_fields    TEXT NOT NULL DEFAULT '{}',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    last_activity_at TIMESTAMP NOT NULL
);
CREATE INDEX tickets_activity ON tickets (last_activity_at, id);
CREATE INDEX tickets_org ON tickets (org_id, last_activity_at, id);
CREATE INDEX tickets_requester ON tickets (requester_id, last_activity_at, id);
CREATE INDEX tickets_team ON tickets (team_id, last_activity_at, id);
CREATE INDEX tickets_assignee ON tickets (assignee_id, last_activity_at, id);

CREATE TABLE ticket_participants (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX ticket_participants_user ON ticket_participants (user_id, ticket_id);

CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    author_id   INTEGER REFERENCES users(id),
    body        TEXT NOT NULL DEFAULT '',
    html        TEXT NOT NULL DEFAULT '',
    internal    BOOLEAN NOT NULL DEFAULT FALSE,
    message_id  TEXT NOT NULL DEFAULT '',
    in_reply_to TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX messages_ticket ON messages (ticket_id, id);

CREATE TABLE message_recipients (
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    field      TEXT NOT NULL CHECK (field IN ('to', 'cc')),
    position   INTEGER NOT NULL,
    email      TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    user_id    INTEGER REFERENCES users(id),
    PRIMARY KEY (message_id, field, position)
);
CREATE INDEX message_recipients_user ON message_recipients (user_id);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    message_id   INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    uploader_id  INTEGER NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    blob_key     TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX attachments_message ON attachments (message_id);
CREATE INDEX attachments_uploader ON attachments (uploader_id, message_id);

CREATE TABLE ticket_events (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    actor_id   INTEGER REFERENCES users(id),
    field      TEXT NOT NULL,
    old_value  TEXT NOT NULL DEFAULT '',
    new_value  TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE rate_limits (
    key          TEXT PRIMARY KEY,
    window_start TIMESTAMP NOT NULL,
    count        INTEGER NOT NULL
);
