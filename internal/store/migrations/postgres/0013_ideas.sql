-- The feature board: ideas that contacts suggest, their votes, comments,
-- status history, tags and the tickets agents link to them.

-- An idea. org_id is the organization of the author when the idea was
-- submitted (NULL for a contact without one, or an agent); visibility
-- between organizations is decided on it. votes counts the rows of
-- idea_votes and is kept in the same transaction as each vote, so lists
-- sort by it without counting. merged_into points to the idea that
-- absorbed this duplicate; merged ideas leave the lists.
CREATE TABLE ideas (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'under_review', 'planned', 'in_progress', 'done', 'declined')),
    author_id   BIGINT NOT NULL REFERENCES users(id),
    org_id      BIGINT REFERENCES organizations(id) ON DELETE SET NULL,
    votes       INTEGER NOT NULL DEFAULT 0,
    merged_into BIGINT REFERENCES ideas(id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX ideas_votes ON ideas (votes, id);
CREATE INDEX ideas_created ON ideas (created_at, id);
CREATE INDEX ideas_org ON ideas (org_id);

-- One vote per user and idea (the primary key is what makes a vote count
-- once). org_id is the voter's organization when voting, for the table
-- of organizations that want an idea; created_at drives the trending sort.
CREATE TABLE idea_votes (
    idea_id    BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id     BIGINT REFERENCES organizations(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (idea_id, user_id)
);
CREATE INDEX idea_votes_recent ON idea_votes (idea_id, created_at);
CREATE INDEX idea_votes_user ON idea_votes (user_id);

-- Comments on an idea. official marks a response of support (written by
-- an agent), which the pages set apart.
CREATE TABLE idea_comments (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idea_id    BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    author_id  BIGINT NOT NULL REFERENCES users(id),
    org_id     BIGINT REFERENCES organizations(id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    official   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX idea_comments_idea ON idea_comments (idea_id, id);

-- The status history of an idea: each change with the agent's note, and
-- merges (kind 'merged', merged_from names the duplicate).
CREATE TABLE idea_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idea_id     BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    actor_id    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'merged')),
    status      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    merged_from BIGINT REFERENCES ideas(id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX idea_events_idea ON idea_events (idea_id, id);

-- Tags agents put on ideas, for filtering lists.
CREATE TABLE idea_tags (
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (idea_id, tag)
);
CREATE INDEX idea_tags_tag ON idea_tags (tag, idea_id);

-- Tickets an agent linked to an idea (a customer's request behind it, or
-- the development ticket that builds it).
CREATE TABLE idea_tickets (
    idea_id    BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    ticket_id  BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (idea_id, ticket_id)
);
CREATE INDEX idea_tickets_ticket ON idea_tickets (ticket_id);

-- Files attached to an idea when it was submitted: uploads that belong
-- to an idea rather than a message.
ALTER TABLE attachments ADD COLUMN idea_id BIGINT REFERENCES ideas(id) ON DELETE CASCADE;
CREATE INDEX attachments_idea ON attachments (idea_id);
