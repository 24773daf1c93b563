-- Service levels: targets for the first response and the resolution of a
-- ticket, counted in the business hours of the support calendar (settings
-- sla.hours and sla.holidays) and paused while the ball is not with
-- support.

-- A policy sets the targets, in working minutes (0: no target), for the
-- tickets of one priority ('' for every priority without a policy of its
-- own), either of one contract's organization or (contract_id NULL) of
-- every ticket no contract policy covers.
CREATE TABLE sla_policies (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    priority               TEXT NOT NULL DEFAULT '',
    contract_id            BIGINT REFERENCES contracts(id) ON DELETE CASCADE,
    first_response_minutes INTEGER NOT NULL DEFAULT 0 CHECK (first_response_minutes >= 0),
    resolution_minutes     INTEGER NOT NULL DEFAULT 0 CHECK (resolution_minutes >= 0),
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX sla_policies_key ON sla_policies (COALESCE(contract_id, 0), priority);

-- The stretches in which a ticket's ball was not with support; the open
-- one has no resumed_at. Written by every status change.
CREATE TABLE ticket_sla_pauses (
    ticket_id  BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    paused_at  TIMESTAMPTZ NOT NULL,
    resumed_at TIMESTAMPTZ,
    PRIMARY KEY (ticket_id, paused_at)
);

-- A ticket's clocks: when support first answered it, the due times still
-- pending (NULL when there is no target, it was met, or the clock stands
-- still), sla_due as the earlier of them for sorting, and when the team
-- was warned of the coming breach.
ALTER TABLE tickets ADD COLUMN first_response_at TIMESTAMPTZ;
ALTER TABLE tickets ADD COLUMN first_response_due TIMESTAMPTZ;
ALTER TABLE tickets ADD COLUMN resolution_due TIMESTAMPTZ;
ALTER TABLE tickets ADD COLUMN sla_due TIMESTAMPTZ;
ALTER TABLE tickets ADD COLUMN sla_warned_at TIMESTAMPTZ;
CREATE INDEX tickets_sla_due ON tickets (sla_due, id);
