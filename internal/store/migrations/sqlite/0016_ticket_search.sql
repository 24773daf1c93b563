-- Full-text search of tickets: the subject of every ticket and the text
-- of every message (all kinds, internal notes included), one document
-- each, in one contentless FTS5 index kept in step by the triggers below.
--
-- A document's rowid says where it belongs, so that a search needs no
-- other table to order its matches newest ticket first (FTS5 walks a
-- doclist backwards for ORDER BY rowid DESC):
--
--   subject:  ticket_id * 2^32
--   message:  ticket_id * 2^32 + 2^31 + (message id mod 2^31)
--
-- The message part finds the message again through messages_ticket
-- (ticket_id, id) when a contact's search must check that it may read it
-- (store.ticketSearch). Two messages of one ticket share a rowid only if
-- their ids differ by a multiple of 2^31.
--
-- The scope column holds the ticket's organization as one word,
-- "o<id>" ("o0" for none), so that a search within an organization
-- intersects doclists instead of reading everyone else's matches.
--
-- The tokenizer folds case and diacritics ("Rückruf" matches "ruckruf"
-- and "RÜCKRUF") and does not stem; PostgreSQL's index does the same.
--
-- Filling the index for 1,000,000 tickets with 5,000,000 messages took
-- 7 minutes on two busy cores (docs/performance.md, "Search").
CREATE VIRTUAL TABLE ticket_search USING fts5(
    text, scope,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO ticket_search (rowid, text, scope)
    SELECT id * 4294967296, subject, 'o' || COALESCE(org_id, 0) FROM tickets;
INSERT INTO ticket_search (rowid, text, scope)
    SELECT m.ticket_id * 4294967296 + 2147483648 + (m.id & 2147483647), m.body, 'o' || COALESCE(t.org_id, 0)
    FROM messages m JOIN tickets t ON t.id = m.ticket_id ORDER BY m.ticket_id, m.id;

CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, text, scope) VALUES (new.id * 4294967296, new.subject, 'o' || COALESCE(new.org_id, 0));
END;
CREATE TRIGGER tickets_search_update AFTER UPDATE OF subject ON tickets BEGIN
    DELETE FROM ticket_search WHERE rowid = old.id * 4294967296;
    INSERT INTO ticket_search (rowid, text, scope) VALUES (new.id * 4294967296, new.subject, 'o' || COALESCE(new.org_id, 0));
END;
-- A ticket moved to another organization takes its documents along.
CREATE TRIGGER tickets_search_org AFTER UPDATE OF org_id ON tickets
WHEN old.org_id IS NOT new.org_id BEGIN
    DELETE FROM ticket_search WHERE rowid = old.id * 4294967296
        OR rowid IN (SELECT old.id * 4294967296 + 2147483648 + (m.id & 2147483647) FROM messages m WHERE m.ticket_id = old.id);
    INSERT INTO ticket_search (rowid, text, scope) VALUES (new.id * 4294967296, new.subject, 'o' || COALESCE(new.org_id, 0));
    INSERT INTO ticket_search (rowid, text, scope)
        SELECT new.id * 4294967296 + 2147483648 + (m.id & 2147483647), m.body, 'o' || COALESCE(new.org_id, 0)
        FROM messages m WHERE m.ticket_id = new.id;
END;
CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM ticket_search WHERE rowid = old.id * 4294967296;
END;

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO ticket_search (rowid, text, scope)
        VALUES (new.ticket_id * 4294967296 + 2147483648 + (new.id & 2147483647), new.body,
            (SELECT 'o' || COALESCE(org_id, 0) FROM tickets WHERE id = new.ticket_id));
END;
-- Merging and splitting tickets move messages between tickets.
CREATE TRIGGER messages_search_update AFTER UPDATE OF ticket_id, body ON messages BEGIN
    DELETE FROM ticket_search WHERE rowid = old.ticket_id * 4294967296 + 2147483648 + (old.id & 2147483647);
    INSERT INTO ticket_search (rowid, text, scope)
        VALUES (new.ticket_id * 4294967296 + 2147483648 + (new.id & 2147483647), new.body,
            (SELECT 'o' || COALESCE(org_id, 0) FROM tickets WHERE id = new.ticket_id));
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    DELETE FROM ticket_search WHERE rowid = old.ticket_id * 4294967296 + 2147483648 + (old.id & 2147483647);
END;
