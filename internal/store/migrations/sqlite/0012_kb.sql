-- The knowledge base: categories → sections → articles, each article
-- with one translation per language, its revisions, images, votes,
-- followers and the suggestions shown on the portal's new-ticket form.

-- A category groups sections on the /kb start page, ordered by position.
CREATE TABLE kb_categories (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL
);

-- A section of a category holds articles; contacts may follow it.
CREATE TABLE kb_sections (
    id          INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES kb_categories(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX kb_sections_category ON kb_sections (category_id, position);

-- An article: where it stands and who may read it (public, contacts,
-- internal). Its text lives in kb_translations.
CREATE TABLE kb_articles (
    id         INTEGER PRIMARY KEY,
    section_id INTEGER REFERENCES kb_sections(id) ON DELETE SET NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'contacts', 'internal')),
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX kb_articles_section ON kb_articles (section_id);

-- One translation of an article: its title and Markdown text in one
-- language, a draft or published on its own.
CREATE TABLE kb_translations (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    language     TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    updated_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    updated_at   TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    UNIQUE (article_id, language)
);

-- Full-text index of the translations (title weighted above the text by
-- bm25 in the query), kept in step by the triggers below.
CREATE VIRTUAL TABLE kb_search USING fts5(
    title, body,
    content = 'kb_translations', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER kb_translations_search_insert AFTER INSERT ON kb_translations BEGIN
    INSERT INTO kb_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER kb_translations_search_delete AFTER DELETE ON kb_translations BEGIN
    INSERT INTO kb_search (kb_search, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER kb_translations_search_update AFTER UPDATE ON kb_translations BEGIN
    INSERT INTO kb_search (kb_search, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO kb_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- Every save of a translation: who saved which title and text when.
CREATE TABLE kb_revisions (
    id             INTEGER PRIMARY KEY,
    translation_id INTEGER NOT NULL REFERENCES kb_translations(id) ON DELETE CASCADE,
    author_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,
    status         TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX kb_revisions_translation ON kb_revisions (translation_id, id);

-- An image uploaded into an article, served with the article's
-- visibility at /kb/files/{id}.
CREATE TABLE kb_files (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    blob_key     TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX kb_files_article ON kb_files (article_id);

-- "Was this helpful?": one vote per voter, a signed-in user ("u:<id>")
-- or an anonymous browser ("s:<hash of its cookie>").
CREATE TABLE kb_votes (
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    voter      TEXT NOT NULL,
    helpful    BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, voter)
);

-- A contact following an article or a section (exactly one of the two),
-- told by mail when an article it follows changes.
CREATE TABLE kb_follows (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    article_id INTEGER REFERENCES kb_articles(id) ON DELETE CASCADE,
    section_id INTEGER REFERENCES kb_sections(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    CHECK ((article_id IS NULL) <> (section_id IS NULL))
);
CREATE UNIQUE INDEX kb_follows_article ON kb_follows (user_id, article_id) WHERE article_id IS NOT NULL;
CREATE UNIQUE INDEX kb_follows_section ON kb_follows (user_id, section_id) WHERE section_id IS NOT NULL;

-- A suggestion opened from the new-ticket form, by the form's random
-- token; sent is set when that form then created a ticket anyway.
CREATE TABLE kb_suggestions (
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    form_token TEXT NOT NULL,
    sent       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, form_token)
);
CREATE INDEX kb_suggestions_token ON kb_suggestions (form_token);
