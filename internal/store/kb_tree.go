package store

// The knowledge base's tree: categories and sections with their names per
// language, their order, and removing the empty ones.

import (
	"context"
	"database/sql"
	"fmt"
)

// KBName is a category's or section's name in one language; sections have
// no description.
type KBName struct {
	Language    string
	Name        string
	Description string
}

// KBTree reads every category and every section, each named in lang, else
// in fallback, else by its base column, in one statement. Categories come
// in their order, sections by category and their order.
func (q *Queries) KBTree(ctx context.Context, lang, fallback string) ([]*KBCategory, []*KBSection, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT c.id,
			COALESCE(cl.name, cf.name, c.name),
			CASE WHEN cl.name IS NOT NULL THEN cl.description WHEN cf.name IS NOT NULL THEN cf.description ELSE c.description END,
			c.position, s.id, COALESCE(sl.name, sf.name, s.name), s.position
		FROM kb_categories c
		LEFT JOIN kb_category_names cl ON cl.category_id = c.id AND cl.language = $1
		LEFT JOIN kb_category_names cf ON cf.category_id = c.id AND cf.language = $2
		LEFT JOIN kb_sections s ON s.category_id = c.id
		LEFT JOIN kb_section_names sl ON sl.section_id = s.id AND sl.language = $1
		LEFT JOIN kb_section_names sf ON sf.section_id = s.id AND sf.language = $2
		ORDER BY c.position, c.id, s.position, s.id`, lang, fallback)
	if err != nil {
		return nil, nil, fmt.Errorf("store: kb tree: %w", err)
	}
	defer rows.Close()
	var cats []*KBCategory
	var secs []*KBSection
	for rows.Next() {
		var c KBCategory
		var secID, secPos sql.NullInt64
		var secName sql.NullString
		if err := rows.Scan(&c.ID, &c.Name, &c.Description, &c.Position, &secID, &secName, &secPos); err != nil {
			return nil, nil, fmt.Errorf("store: kb tree: %w", err)
		}
		if len(cats) == 0 || cats[len(cats)-1].ID != c.ID {
			cats = append(cats, &c)
		}
		if secID.Valid {
			secs = append(secs, &KBSection{ID: secID.Int64, CategoryID: c.ID, Name: secName.String, Position: int(secPos.Int64)})
		}
	}
	return cats, secs, rows.Err()
}

// KBPlace is where an article stands, named in one language.
type KBPlace struct {
	CategoryID   int64
	CategoryName string
	SectionID    int64
	SectionName  string
}

// KBSectionPlace names section id and its category in lang, else in
// fallback, else by their base columns.
func (q *Queries) KBSectionPlace(ctx context.Context, id int64, lang, fallback string) (*KBPlace, error) {
	var p KBPlace
	err := q.db.QueryRowContext(ctx, `SELECT c.id, COALESCE(cl.name, cf.name, c.name), s.id, COALESCE(sl.name, sf.name, s.name)
		FROM kb_sections s JOIN kb_categories c ON c.id = s.category_id
		LEFT JOIN kb_category_names cl ON cl.category_id = c.id AND cl.language = $2
		LEFT JOIN kb_category_names cf ON cf.category_id = c.id AND cf.language = $3
		LEFT JOIN kb_section_names sl ON sl.section_id = s.id AND sl.language = $2
		LEFT JOIN kb_section_names sf ON sf.section_id = s.id AND sf.language = $3
		WHERE s.id = $1`, id, lang, fallback).Scan(&p.CategoryID, &p.CategoryName, &p.SectionID, &p.SectionName)
	if err != nil {
		return nil, fmt.Errorf("store: kb section place %d: %w", id, notFound(err))
	}
	return &p, nil
}

// KBCategory reads one category with its base name and description.
func (q *Queries) KBCategory(ctx context.Context, id int64) (*KBCategory, error) {
	var c KBCategory
	err := q.db.QueryRowContext(ctx, "SELECT id, name, description, position FROM kb_categories WHERE id = $1", id).
		Scan(&c.ID, &c.Name, &c.Description, &c.Position)
	if err != nil {
		return nil, fmt.Errorf("store: kb category %d: %w", id, notFound(err))
	}
	return &c, nil
}

// KBCategoryNames lists a category's names, by language.
func (q *Queries) KBCategoryNames(ctx context.Context, id int64) ([]KBName, error) {
	return q.kbNames(ctx, "SELECT language, name, description FROM kb_category_names WHERE category_id = $1 ORDER BY language", id)
}

// KBSectionNames lists a section's names, by language.
func (q *Queries) KBSectionNames(ctx context.Context, id int64) ([]KBName, error) {
	return q.kbNames(ctx, "SELECT language, name, '' FROM kb_section_names WHERE section_id = $1 ORDER BY language", id)
}

func (q *Queries) kbNames(ctx context.Context, query string, id int64) ([]KBName, error) {
	rows, err := q.db.QueryContext(ctx, query, id)
	if err != nil {
		return nil, fmt.Errorf("store: kb names %d: %w", id, err)
	}
	defer rows.Close()
	var out []KBName
	for rows.Next() {
		var n KBName
		if err := rows.Scan(&n.Language, &n.Name, &n.Description); err != nil {
			return nil, fmt.Errorf("store: kb names %d: %w", id, err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SaveKBCategory sets a category's base name and description (c.Name,
// c.Description) and replaces its names per language with names. Run it
// in a transaction.
func (q *Queries) SaveKBCategory(ctx context.Context, c *KBCategory, names []KBName) error {
	res, err := q.db.ExecContext(ctx, "UPDATE kb_categories SET name = $1, description = $2 WHERE id = $3", c.Name, c.Description, c.ID)
	if err != nil {
		return fmt.Errorf("store: save kb category: %w", err)
	}
	if err := rowsOrNotFound(res, "kb category", c.ID); err != nil {
		return err
	}
	if _, err := q.db.ExecContext(ctx, "DELETE FROM kb_category_names WHERE category_id = $1", c.ID); err != nil {
		return fmt.Errorf("store: save kb category: %w", err)
	}
	for _, n := range names {
		if _, err := q.db.ExecContext(ctx, "INSERT INTO kb_category_names (category_id, language, name, description) VALUES ($1, $2, $3, $4)",
			c.ID, n.Language, n.Name, n.Description); err != nil {
			return fmt.Errorf("store: save kb category name: %w", err)
		}
	}
	return nil
}

// SaveKBSection sets a section's base name and category and replaces its
// names per language with names. A section moved to another category
// goes last there. Run it in a transaction.
func (q *Queries) SaveKBSection(ctx context.Context, s *KBSection, names []KBName) error {
	res, err := q.db.ExecContext(ctx, `UPDATE kb_sections SET name = $1,
			position = CASE WHEN category_id = $2 THEN position
				ELSE (SELECT COALESCE(MAX(o.position), 0) + 1 FROM kb_sections o WHERE o.category_id = $2) END,
			category_id = $2
		WHERE id = $3`, s.Name, s.CategoryID, s.ID)
	if err != nil {
		return fmt.Errorf("store: save kb section: %w", notFound(err))
	}
	if err := rowsOrNotFound(res, "kb section", s.ID); err != nil {
		return err
	}
	if _, err := q.db.ExecContext(ctx, "DELETE FROM kb_section_names WHERE section_id = $1", s.ID); err != nil {
		return fmt.Errorf("store: save kb section: %w", err)
	}
	for _, n := range names {
		if _, err := q.db.ExecContext(ctx, "INSERT INTO kb_section_names (section_id, language, name) VALUES ($1, $2, $3)",
			s.ID, n.Language, n.Name); err != nil {
			return fmt.Errorf("store: save kb section name: %w", err)
		}
	}
	return nil
}

// MoveKBCategory swaps category id with the one before it (up) or after
// it and numbers the categories 1, 2, 3, … in their new order; the first
// (or last) stays. Run it in a transaction.
func (q *Queries) MoveKBCategory(ctx context.Context, id int64, up bool) error {
	return q.moveKB(ctx, "kb category", "SELECT id, position FROM kb_categories ORDER BY position, id",
		"UPDATE kb_categories SET position = $1 WHERE id = $2", id, up)
}

// MoveKBSection moves section id up or down among the sections of its
// category, like MoveKBCategory. Run it in a transaction.
func (q *Queries) MoveKBSection(ctx context.Context, id int64, up bool) error {
	s, err := q.KBSection(ctx, id)
	if err != nil {
		return err
	}
	return q.moveKB(ctx, "kb section", "SELECT id, position FROM kb_sections WHERE category_id = $1 ORDER BY position, id",
		"UPDATE kb_sections SET position = $1 WHERE id = $2", id, up, s.CategoryID)
}

// moveKB reorders the rows list selects (id, position; args are its
// parameters) with id moved one up or down, writing positions by update.
func (q *Queries) moveKB(ctx context.Context, what, list, update string, id int64, up bool, args ...any) error {
	rows, err := q.db.QueryContext(ctx, list, args...)
	if err != nil {
		return fmt.Errorf("store: move %s: %w", what, err)
	}
	type item struct{ id, pos int64 }
	var items []item
	for rows.Next() {
		var it item
		if err := rows.Scan(&it.id, &it.pos); err != nil {
			rows.Close()
			return fmt.Errorf("store: move %s: %w", what, err)
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: move %s: %w", what, err)
	}
	i := -1
	for k, it := range items {
		if it.id == id {
			i = k
		}
	}
	if i < 0 {
		return fmt.Errorf("store: move %s %d: %w", what, id, errNotFound)
	}
	j := i + 1
	if up {
		j = i - 1
	}
	if j >= 0 && j < len(items) {
		items[i], items[j] = items[j], items[i]
	}
	for k, it := range items {
		if it.pos == int64(k+1) {
			continue
		}
		if _, err := q.db.ExecContext(ctx, update, k+1, it.id); err != nil {
			return fmt.Errorf("store: move %s: %w", what, err)
		}
	}
	return nil
}

// DeleteKBCategory removes category id if it holds no section; else it
// removes nothing and returns how many sections it holds.
func (q *Queries) DeleteKBCategory(ctx context.Context, id int64) (sections int, err error) {
	return q.deleteKB(ctx, "kb category", `DELETE FROM kb_categories WHERE id = $1
		AND NOT EXISTS (SELECT 1 FROM kb_sections WHERE category_id = $1)`,
		"SELECT COUNT(*) FROM kb_sections WHERE category_id = $1", id)
}

// DeleteKBSection removes section id if it holds no article (drafts and
// internal ones count); else it removes nothing and returns how many
// articles it holds.
func (q *Queries) DeleteKBSection(ctx context.Context, id int64) (articles int, err error) {
	return q.deleteKB(ctx, "kb section", `DELETE FROM kb_sections WHERE id = $1
		AND NOT EXISTS (SELECT 1 FROM kb_articles WHERE section_id = $1)`,
		"SELECT COUNT(*) FROM kb_articles WHERE section_id = $1", id)
}

// deleteKB runs del, which deletes id only when it holds nothing, in one
// statement, so that nothing added meanwhile is cut loose; when it
// deleted nothing, count tells why.
func (q *Queries) deleteKB(ctx context.Context, what, del, count string, id int64) (int, error) {
	res, err := q.db.ExecContext(ctx, del, id)
	if err != nil {
		return 0, fmt.Errorf("store: delete %s %d: %w", what, id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return 0, err
	}
	var n int
	if err := q.db.QueryRowContext(ctx, count, id).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: delete %s %d: %w", what, id, err)
	}
	if n == 0 {
		return 0, fmt.Errorf("store: delete %s %d: %w", what, id, errNotFound)
	}
	return n, nil
}

// KBFollowedSections lists the sections user follows.
func (q *Queries) KBFollowedSections(ctx context.Context, userID int64) (map[int64]bool, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT section_id FROM kb_follows WHERE user_id = $1 AND section_id IS NOT NULL", userID)
	if err != nil {
		return nil, fmt.Errorf("store: kb followed sections: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: kb followed sections: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
