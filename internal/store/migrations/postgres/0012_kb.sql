-- The knowledge base: categories → sections → articles, each article
-- with one translation per language, its revisions, images, votes,
-- followers and the suggestions shown on the portal's new-ticket form.

-- A category groups sections on the /kb start page, ordered by position.
CREATE TABLE kb_categories (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL
);

-- A section of a category holds articles; contacts may follow it.
CREATE TABLE kb_sections (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category_id BIGINT NOT NULL REFERENCES kb_categories(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX kb_sections_category ON kb_sections (category_id, position);

-- An article: where it stands and who may read it (public, contacts,
-- internal). Its text lives in kb_translations.
CREATE TABLE kb_articles (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    section_id BIGINT REFERENCES kb_sections(id) ON DELETE SET NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'contacts', 'internal')),
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX kb_articles_section ON kb_articles (section_id);

-- One translation of an article: its title and Markdown text in one
-- language, a draft or published on its own.
CREATE TABLE kb_translations (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id   BIGINT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    language     TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    updated_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ,
    UNIQUE (article_id, language)
);

-- Full-text search of the translations: title (weight A) and text
-- (weight B) with the language's configuration, indexed with GIN.
ALTER TABLE kb_translations ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(CASE language WHEN 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END, title), 'A') ||
    setweight(to_tsvector(CASE language WHEN 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END, body), 'B')
) STORED;
CREATE INDEX kb_translations_search ON kb_translations USING GIN (search);

-- Every save of a translation: who saved which title and text when.
CREATE TABLE kb_revisions (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    translation_id BIGINT NOT NULL REFERENCES kb_translations(id) ON DELETE CASCADE,
    author_id      BIGINT REFERENCES users(id) ON DELETE SET NULL,
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,
    status         TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX kb_revisions_translation ON kb_revisions (translation_id, id);

-- An image uploaded into an article, served with the article's
-- visibility at /kb/files/{id}.
CREATE TABLE kb_files (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id   BIGINT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    blob_key     TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    created_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX kb_files_article ON kb_files (article_id);

-- "Was this helpful?": one vote per voter, a signed-in user ("u:<id>")
-- or an anonymous browser ("s:<hash of its cookie>").
CREATE TABLE kb_votes (
    article_id BIGINT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    voter      TEXT NOT NULL,
    helpful    BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, voter)
);

-- A contact following an article or a section (exactly one of the two),
-- told by mail when an article it follows changes.
CREATE TABLE kb_follows (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    article_id BIGINT REFERENCES kb_articles(id) ON DELETE CASCADE,
    section_id BIGINT REFERENCES kb_sections(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK ((article_id IS NULL) <> (section_id IS NULL))
);
CREATE UNIQUE INDEX kb_follows_article ON kb_follows (user_id, article_id) WHERE article_id IS NOT NULL;
CREATE UNIQUE INDEX kb_follows_section ON kb_follows (user_id, section_id) WHERE section_id IS NOT NULL;

-- A suggestion opened from the new-ticket form, by the form's random
-- token; sent is set when that form then created a ticket anyway.
CREATE TABLE kb_suggestions (
    article_id BIGINT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    form_token TEXT NOT NULL,
    sent       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, form_token)
);
CREATE INDEX kb_suggestions_token ON kb_suggestions (form_token);
