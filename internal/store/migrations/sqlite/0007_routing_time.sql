-- The agent's day, first part: routing of new tickets, the agent
-- responsible for an organization, tags, and time worked on tickets,
-- which books units on the organization's contract when billable.

-- The agent who looks after an organization; new tickets of the
-- organization are assigned to that agent when no routing rule assigns.
ALTER TABLE organizations ADD COLUMN responsible_agent_id INTEGER REFERENCES users(id) ON DELETE SET NULL;

-- A ticket's tags, as a comma-separated list of lower-case words.
ALTER TABLE tickets ADD COLUMN tags TEXT NOT NULL DEFAULT '';

-- Routing rules are evaluated on every new ticket in the order of
-- position; the first active rule whose conditions all hold applies its
-- actions. conditions and actions are JSON objects (see internal/routing).
CREATE TABLE routing_rules (
    id         INTEGER PRIMARY KEY,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    conditions TEXT NOT NULL DEFAULT '{}',
    actions    TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX routing_rules_position ON routing_rules (position, id);

-- Time an agent worked on a ticket. A billable entry books units on the
-- contract of the ticket's organization that covers worked_at; booking_id
-- is that entry of the ledger (NULL when none was booked).
CREATE TABLE time_entries (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    worked_at  TIMESTAMP NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes > 0),
    billable   BOOLEAN NOT NULL DEFAULT FALSE,
    note       TEXT NOT NULL DEFAULT '',
    booking_id INTEGER REFERENCES unit_bookings(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX time_entries_ticket ON time_entries (ticket_id, worked_at);

-- The start of the contract period for which its organization was last
-- told that units run low, so that each period warns once.
ALTER TABLE contracts ADD COLUMN low_warned_period TIMESTAMP;
