-- Scope words in the ticket search's tsvectors, so that GIN itself
-- narrows a search to an organization and to a range of tickets instead
-- of decoding every match of a common word in the whole database and
-- filtering afterwards (docs/performance.md, "Search").
--
-- Every subject and message also holds, as lexemes without position:
--
--   ~o<org>           the ticket's organization ("~o0" for none), as
--                     SQLite's FTS5 index holds it in its scope column;
--   ~b<k>.<id >> k>   the ticket's bucket of 2^k ticket ids, for k = 12,
--                     15, 18 and 21: the windows store.textMatchesByWindows
--                     walks, newest first, each eight times the last.
--
-- The parser never makes a lexeme with "~" out of text, and a query's
-- words are letters and digits only, so these match nothing typed. They
-- only narrow: every search still checks the scope, the filters and what
-- a contact may read on the rows themselves.
--
-- A message's organization is its ticket's, which a generated column
-- cannot read: a trigger computes the message's tsvector, and moving a
-- ticket to another organization recomputes its messages'.

CREATE FUNCTION search_scope(ticket bigint, org bigint) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT array_to_tsvector(ARRAY[
        '~o' || COALESCE(org, 0),
        '~b12.' || (ticket >> 12), '~b15.' || (ticket >> 15),
        '~b18.' || (ticket >> 18), '~b21.' || (ticket >> 21)]) $$;

ALTER TABLE tickets DROP COLUMN search;
ALTER TABLE tickets ADD COLUMN search tsvector
    GENERATED ALWAYS AS (search_vector(subject) || search_scope(id, org_id)) STORED;
CREATE INDEX tickets_search ON tickets USING GIN (search);

DROP INDEX messages_search;
ALTER TABLE messages ALTER COLUMN search DROP EXPRESSION;

CREATE FUNCTION messages_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector(NEW.body) ||
        search_scope(NEW.ticket_id, (SELECT org_id FROM tickets WHERE id = NEW.ticket_id));
    RETURN NEW;
END $$;
CREATE TRIGGER messages_search_text BEFORE INSERT OR UPDATE OF body, ticket_id ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_search_text();

CREATE FUNCTION tickets_search_org() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE messages SET search = search_vector(body) || search_scope(ticket_id, NEW.org_id)
        WHERE ticket_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER tickets_search_org AFTER UPDATE OF org_id ON tickets
    FOR EACH ROW WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id) EXECUTE FUNCTION tickets_search_org();

UPDATE messages m SET search = search_vector(m.body) || search_scope(m.ticket_id, t.org_id)
    FROM tickets t WHERE t.id = m.ticket_id;
CREATE INDEX messages_search ON messages USING GIN (search);

-- A contact without all_correspondence reads only the messages it wrote
-- or received; a search of a large organization looks for those by their
-- author and recipient (store.textMatches) rather than stepping through
-- the organization's matches that are not theirs.
CREATE INDEX messages_author ON messages (author_id);
