-- A contact without all_correspondence reads only the messages it wrote
-- or received; a search of a large organization looks for those by their
-- author and recipient (store.textMatches) rather than stepping through
-- the organization's matches that are not theirs. (PostgreSQL's 0017
-- also adds the scope words to its tsvectors, which SQLite's FTS5 index
-- has had since 0016.)
CREATE INDEX messages_author ON messages (author_id);
