-- Names of knowledge-base categories and sections per language, chosen
-- like article translations: the reader's language, else the instance's
-- default language, else the base column.
--
-- Decision: the existing kb_categories.name/description and
-- kb_sections.name stay and are the last fallback, so nothing is moved.
-- The instance's default language is configuration (-language,
-- SUPPORTAL_LANGUAGE), which a migration cannot read, so the language of
-- the names written before this migration is unknown. Saving a category
-- or section from the desk copies the name in the default language (or,
-- without one, the first language given) into the base column.

-- A category's name and description in one language.
CREATE TABLE kb_category_names (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category_id BIGINT NOT NULL REFERENCES kb_categories(id) ON DELETE CASCADE,
    language    TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    UNIQUE (category_id, language)
);

-- A section's name in one language.
CREATE TABLE kb_section_names (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    section_id BIGINT NOT NULL REFERENCES kb_sections(id) ON DELETE CASCADE,
    language   TEXT NOT NULL,
    name       TEXT NOT NULL,
    UNIQUE (section_id, language)
);

-- Number the categories, and the sections within each category, 1, 2, 3,
-- … in the order /kb showed them (position, then name), so that moving
-- one up or down and adding new ones last keep that order. The numbers
-- are taken first: an UPDATE whose subquery reads the table it changes
-- would see rows already renumbered on SQLite.
CREATE TEMPORARY TABLE kb_order_0015 AS
    SELECT 'c' AS kind, id, ROW_NUMBER() OVER (ORDER BY position, name, id) AS n FROM kb_categories
    UNION ALL
    SELECT 's', id, ROW_NUMBER() OVER (PARTITION BY category_id ORDER BY position, name, id) FROM kb_sections;
UPDATE kb_categories SET position = (SELECT n FROM kb_order_0015 o WHERE o.kind = 'c' AND o.id = kb_categories.id);
UPDATE kb_sections SET position = (SELECT n FROM kb_order_0015 o WHERE o.kind = 's' AND o.id = kb_sections.id);
DROP TABLE kb_order_0015;
