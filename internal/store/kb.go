package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// KBCategory groups sections of the knowledge base.
type KBCategory struct {
	ID          int64
	Name        string
	Description string
	Position    int
}

// KBSection is a section of a category; articles stand in sections.
type KBSection struct {
	ID         int64
	CategoryID int64
	Name       string
	Position   int
}

// KBArticle is a knowledge-base article with its translations.
type KBArticle struct {
	ID           int64
	SectionID    int64 // 0: in no section
	Visibility   string
	CreatedBy    int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Translations []*KBTranslation
}

// KBTranslation is an article's title and Markdown text in one language.
type KBTranslation struct {
	ID          int64
	ArticleID   int64
	Language    string
	Title       string
	Body        string
	Status      string // draft or published
	UpdatedBy   int64
	UpdatedAt   time.Time
	PublishedAt time.Time // zero while never published
}

// KBRevision is one save of a translation.
type KBRevision struct {
	ID         int64
	Language   string
	AuthorID   int64
	AuthorName string
	Title      string
	Body       string
	Status     string
	CreatedAt  time.Time
}

// CreateKBCategory adds a category and returns its id. Position 0 puts
// it last.
func (q *Queries) CreateKBCategory(ctx context.Context, c *KBCategory) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO kb_categories (name, description, position, created_at)
		VALUES ($1, $2, CASE WHEN $3 > 0 THEN $3 ELSE (SELECT COALESCE(MAX(position), 0) + 1 FROM kb_categories) END, $4)
		RETURNING id`, c.Name, c.Description, c.Position, Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create kb category: %w", err)
	}
	return id, nil
}

// KBSection reads one section.
func (q *Queries) KBSection(ctx context.Context, id int64) (*KBSection, error) {
	var s KBSection
	err := q.db.QueryRowContext(ctx, "SELECT id, category_id, name, position FROM kb_sections WHERE id = $1", id).
		Scan(&s.ID, &s.CategoryID, &s.Name, &s.Position)
	if err != nil {
		return nil, fmt.Errorf("store: kb section %d: %w", id, notFound(err))
	}
	return &s, nil
}

// CreateKBSection adds a section to category s.CategoryID. Position 0
// puts it last in the category.
func (q *Queries) CreateKBSection(ctx context.Context, s *KBSection) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO kb_sections (category_id, name, position, created_at)
		VALUES ($1, $2, CASE WHEN $3 > 0 THEN $3 ELSE (SELECT COALESCE(MAX(position), 0) + 1 FROM kb_sections WHERE category_id = $1) END, $4)
		RETURNING id`, s.CategoryID, s.Name, s.Position, Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create kb section: %w", notFound(err))
	}
	return id, nil
}

// CreateKBArticle adds an article without translations and returns its id.
func (q *Queries) CreateKBArticle(ctx context.Context, a *KBArticle) (int64, error) {
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO kb_articles (section_id, visibility, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $4) RETURNING id`, nullID(a.SectionID), a.Visibility, nullID(a.CreatedBy), now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create kb article: %w", err)
	}
	return id, nil
}

// UpdateKBArticle sets an article's section and visibility.
func (q *Queries) UpdateKBArticle(ctx context.Context, a *KBArticle) error {
	res, err := q.db.ExecContext(ctx, "UPDATE kb_articles SET section_id = $1, visibility = $2, updated_at = $3 WHERE id = $4",
		nullID(a.SectionID), a.Visibility, Now(), a.ID)
	if err != nil {
		return fmt.Errorf("store: update kb article: %w", err)
	}
	return rowsOrNotFound(res, "kb article", a.ID)
}

const kbArticleColumns = "id, section_id, visibility, created_by, created_at, updated_at"

func scanKBArticle(row interface{ Scan(...any) error }) (*KBArticle, error) {
	var a KBArticle
	var section, by sql.NullInt64
	if err := row.Scan(&a.ID, &section, &a.Visibility, &by, &a.CreatedAt, &a.UpdatedAt); err != nil {
		return nil, notFound(err)
	}
	a.SectionID, a.CreatedBy = idOrZero(section), idOrZero(by)
	a.CreatedAt, a.UpdatedAt = utc(a.CreatedAt), utc(a.UpdatedAt)
	return &a, nil
}

// KBArticle reads an article with all its translations, whoever may see
// it; package kb decides that.
func (q *Queries) KBArticle(ctx context.Context, id int64) (*KBArticle, error) {
	a, err := scanKBArticle(q.db.QueryRowContext(ctx, "SELECT "+kbArticleColumns+" FROM kb_articles WHERE id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: kb article %d: %w", id, err)
	}
	ts, err := q.kbTranslations(ctx, "WHERE article_id = $1", id)
	if err != nil {
		return nil, err
	}
	a.Translations = ts
	return a, nil
}

// KBArticles lists the articles of the given visibilities with their
// translations, newest change first; publishedOnly leaves out drafts
// (and articles with no published translation).
func (q *Queries) KBArticles(ctx context.Context, visibilities []string, publishedOnly bool) ([]*KBArticle, error) {
	if len(visibilities) == 0 {
		return nil, nil
	}
	var w where
	vis := make([]any, len(visibilities))
	for i, v := range visibilities {
		vis[i] = v
	}
	w.add("a.visibility IN ("+in(len(vis))+")", vis...)
	rows, err := q.db.QueryContext(ctx, "SELECT "+kbArticleColumns+" FROM kb_articles a "+w.String()+" ORDER BY updated_at DESC, id DESC", w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: kb articles: %w", err)
	}
	var out []*KBArticle
	byID := map[int64]*KBArticle{}
	for rows.Next() {
		a, err := scanKBArticle(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: kb articles: %w", err)
		}
		out = append(out, a)
		byID[a.ID] = a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: kb articles: %w", err)
	}
	cond := "WHERE article_id IN (SELECT a.id FROM kb_articles a " + w.String() + ")"
	if publishedOnly {
		cond += " AND status = 'published'"
	}
	ts, err := q.kbTranslations(ctx, cond, w.args...)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if a := byID[t.ArticleID]; a != nil {
			a.Translations = append(a.Translations, t)
		}
	}
	kept := out[:0]
	for _, a := range out {
		if len(a.Translations) > 0 {
			kept = append(kept, a)
		}
	}
	return kept, nil
}

func (q *Queries) kbTranslations(ctx context.Context, cond string, args ...any) ([]*KBTranslation, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT id, article_id, language, title, body, status, updated_by, updated_at, published_at
		FROM kb_translations `+cond+" ORDER BY article_id, language", args...)
	if err != nil {
		return nil, fmt.Errorf("store: kb translations: %w", err)
	}
	defer rows.Close()
	var out []*KBTranslation
	for rows.Next() {
		var t KBTranslation
		var by sql.NullInt64
		var published sql.NullTime
		if err := rows.Scan(&t.ID, &t.ArticleID, &t.Language, &t.Title, &t.Body, &t.Status, &by, &t.UpdatedAt, &published); err != nil {
			return nil, fmt.Errorf("store: kb translations: %w", err)
		}
		t.UpdatedBy, t.UpdatedAt = idOrZero(by), utc(t.UpdatedAt)
		if published.Valid {
			t.PublishedAt = utc(published.Time)
		}
		out = append(out, &t)
	}
	return out, rows.Err()
}

// SaveKBTranslation writes the translation of t.ArticleID in t.Language,
// adding it or replacing the one there, and keeps a revision of it. It
// returns the translation's id.
func (q *Queries) SaveKBTranslation(ctx context.Context, t *KBTranslation) (int64, error) {
	now := Now()
	var published any
	if t.Status == "published" {
		published = now
	}
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO kb_translations (article_id, language, title, body, status, updated_by, updated_at, published_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (article_id, language) DO UPDATE SET title = excluded.title, body = excluded.body, status = excluded.status,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at,
			published_at = COALESCE(excluded.published_at, kb_translations.published_at)
		RETURNING id`, t.ArticleID, t.Language, t.Title, t.Body, t.Status, nullID(t.UpdatedBy), now, published).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: save kb translation: %w", notFound(err))
	}
	if _, err := q.db.ExecContext(ctx, `INSERT INTO kb_revisions (translation_id, author_id, title, body, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, id, nullID(t.UpdatedBy), t.Title, t.Body, t.Status, now); err != nil {
		return 0, fmt.Errorf("store: kb revision: %w", err)
	}
	if _, err := q.db.ExecContext(ctx, "UPDATE kb_articles SET updated_at = $1 WHERE id = $2", now, t.ArticleID); err != nil {
		return 0, fmt.Errorf("store: kb article: %w", err)
	}
	return id, nil
}

// KBRevisions lists the saves of an article's translations, newest first.
func (q *Queries) KBRevisions(ctx context.Context, articleID int64) ([]*KBRevision, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT r.id, t.language, r.author_id, COALESCE(u.name, ''), r.title, r.body, r.status, r.created_at
		FROM kb_revisions r JOIN kb_translations t ON t.id = r.translation_id LEFT JOIN users u ON u.id = r.author_id
		WHERE t.article_id = $1 ORDER BY r.id DESC`, articleID)
	if err != nil {
		return nil, fmt.Errorf("store: kb revisions: %w", err)
	}
	defer rows.Close()
	var out []*KBRevision
	for rows.Next() {
		var r KBRevision
		var author sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Language, &author, &r.AuthorName, &r.Title, &r.Body, &r.Status, &r.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: kb revisions: %w", err)
		}
		r.AuthorID, r.CreatedAt = idOrZero(author), utc(r.CreatedAt)
		out = append(out, &r)
	}
	return out, rows.Err()
}
