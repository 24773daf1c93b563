-- The email channel: mailboxes that receive mail, every mail received
-- (kept raw, deduplicated by Message-ID), the outbox of mail to send, the
-- notification templates admins edit, links between tickets and the
-- single-use tokens of mailed links.

CREATE TABLE mailboxes (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    address             TEXT NOT NULL UNIQUE,
    team_id             INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    imap_host           TEXT NOT NULL DEFAULT '',
    imap_port           INTEGER NOT NULL DEFAULT 993,
    imap_security       TEXT NOT NULL DEFAULT 'tls' CHECK (imap_security IN ('tls', 'starttls', 'none')),
    imap_user           TEXT NOT NULL DEFAULT '',
    imap_password       TEXT NOT NULL DEFAULT '',
    imap_folder         TEXT NOT NULL DEFAULT 'INBOX',
    imap_archive_folder TEXT NOT NULL DEFAULT '',
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    last_poll_at        TIMESTAMP,
    last_error          TEXT NOT NULL DEFAULT '',
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);

ALTER TABLE tickets ADD COLUMN mailbox_id INTEGER REFERENCES mailboxes(id) ON DELETE SET NULL;

ALTER TABLE users ADD COLUMN signature TEXT NOT NULL DEFAULT '';

ALTER TABLE messages ADD COLUMN sender TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN raw_key TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN auto BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE messages ADD COLUMN flags TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_message_id ON messages (message_id) WHERE message_id <> '';

ALTER TABLE attachments ADD COLUMN content_id TEXT NOT NULL DEFAULT '';
ALTER TABLE attachments ADD COLUMN inline BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE inbound_mails (
    id          INTEGER PRIMARY KEY,
    dedup_key   TEXT NOT NULL UNIQUE,
    message_id  TEXT NOT NULL DEFAULT '',
    mailbox_id  INTEGER REFERENCES mailboxes(id) ON DELETE SET NULL,
    source      TEXT NOT NULL,
    raw_key     TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sender      TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL CHECK (outcome IN ('created', 'appended', 'ignored')),
    reason      TEXT NOT NULL DEFAULT '',
    parse_error TEXT NOT NULL DEFAULT '',
    ticket_id   INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
    message_ref INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX inbound_mails_received ON inbound_mails (received_at, id);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    ticket_id       INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
    message_ref     INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    mailbox_id      INTEGER REFERENCES mailboxes(id) ON DELETE SET NULL,
    message_id      TEXT NOT NULL,
    sender          TEXT NOT NULL,
    recipients      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    raw_key         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until    TIMESTAMP,
    last_error      TEXT NOT NULL DEFAULT '',
    server_reply    TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_created ON outbox (created_at, id);
CREATE INDEX outbox_ticket ON outbox (ticket_id);
CREATE INDEX outbox_message_id ON outbox (message_id);

CREATE TABLE mail_templates (
    name       TEXT NOT NULL,
    language   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (name, language)
);

CREATE TABLE ticket_links (
    ticket_id  INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    other_id   INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (ticket_id, other_id)
);
CREATE INDEX ticket_links_other ON ticket_links (other_id);

CREATE TABLE user_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX user_tokens_user ON user_tokens (user_id, purpose);
