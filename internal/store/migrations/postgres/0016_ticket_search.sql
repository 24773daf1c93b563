-- Full-text search of tickets: the subject of every ticket and the text
-- of every message (all kinds, internal notes included), each as a stored
-- tsvector with a GIN index.
--
-- Language: every text is indexed with the 'simple' configuration (case
-- folded, no stemming, no stop words) after folding the common Latin
-- diacritics, not with 'german' or 'english'. A ticket has no language of
-- its own, its correspondence mixes languages (a German customer, an
-- English vendor's quote) and most organizations leave theirs empty, so
-- any choice per ticket would stem half the texts wrongly; indexing both
-- stemmings as well would double the index of five million messages.
-- 'simple' also finds exactly what SQLite's FTS5 index finds (unicode61,
-- remove_diacritics 2, no stemming), so a search answers the same on both
-- engines: whole words, in any inflection only as typed.
--
-- The knowledge base stems by the article's language (0012_kb), where the
-- language of every text is known.
--
-- Adding the columns rewrites tickets and messages; at 1,000,000 tickets
-- and 5,000,000 messages that and the indexes take minutes
-- (docs/performance.md, "Search").

-- search_vector is the indexed form of a text; store.ticketSearch folds
-- the words of a query the same way.
CREATE FUNCTION search_vector(s text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('simple'::regconfig, translate(s,
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ',
        'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyy')) $$;

ALTER TABLE tickets ADD COLUMN search tsvector GENERATED ALWAYS AS (search_vector(subject)) STORED;
ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (search_vector(body)) STORED;
CREATE INDEX tickets_search ON tickets USING GIN (search);
CREATE INDEX messages_search ON messages USING GIN (search);
