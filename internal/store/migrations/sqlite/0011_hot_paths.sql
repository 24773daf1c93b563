-- Indexes for the pages every agent opens all day, found on a database
-- of a million tickets and 50,000 contacts (docs/performance.md, "A
-- million tickets").

-- The desk's list and ticket view load the agents for their assignee
-- choices (store.Agents: kind = 'agent' ORDER BY name, id). Agents are a
-- handful among tens of thousands of contacts; without this index every
-- page read all users (17-24 ms at 50,000 contacts).
CREATE INDEX users_agents ON users (name, id) WHERE kind = 'agent';
