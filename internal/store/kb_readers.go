package store

// Knowledge-base records that come from readers and their use of
// articles: images, votes, follows and suggestions opened.

import (
	"context"
	"database/sql"
	"fmt"
)

// KBFile is an image uploaded into an article.
type KBFile struct {
	ID          int64
	ArticleID   int64
	BlobKey     string
	Name        string
	ContentType string
	Size        int64
	CreatedBy   int64
}

// CreateKBFile records an uploaded image of an article.
func (q *Queries) CreateKBFile(ctx context.Context, f *KBFile) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO kb_files (article_id, blob_key, name, content_type, size, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, f.ArticleID, f.BlobKey, f.Name, f.ContentType, f.Size, nullID(f.CreatedBy), Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create kb file: %w", err)
	}
	return id, nil
}

// KBFile reads one image record.
func (q *Queries) KBFile(ctx context.Context, id int64) (*KBFile, error) {
	var f KBFile
	var by sql.NullInt64
	err := q.db.QueryRowContext(ctx, "SELECT id, article_id, blob_key, name, content_type, size, created_by FROM kb_files WHERE id = $1", id).
		Scan(&f.ID, &f.ArticleID, &f.BlobKey, &f.Name, &f.ContentType, &f.Size, &by)
	if err != nil {
		return nil, fmt.Errorf("store: kb file %d: %w", id, notFound(err))
	}
	f.CreatedBy = idOrZero(by)
	return &f, nil
}

// KBFiles lists the images of an article, oldest first.
func (q *Queries) KBFiles(ctx context.Context, articleID int64) ([]*KBFile, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT id, article_id, blob_key, name, content_type, size, created_by FROM kb_files WHERE article_id = $1 ORDER BY id", articleID)
	if err != nil {
		return nil, fmt.Errorf("store: kb files: %w", err)
	}
	defer rows.Close()
	var out []*KBFile
	for rows.Next() {
		var f KBFile
		var by sql.NullInt64
		if err := rows.Scan(&f.ID, &f.ArticleID, &f.BlobKey, &f.Name, &f.ContentType, &f.Size, &by); err != nil {
			return nil, fmt.Errorf("store: kb files: %w", err)
		}
		f.CreatedBy = idOrZero(by)
		out = append(out, &f)
	}
	return out, rows.Err()
}

// VoteKB records voter's answer to "was this helpful?"; a second vote of
// the same voter replaces the first.
func (q *Queries) VoteKB(ctx context.Context, articleID int64, voter string, helpful bool) error {
	_, err := q.db.ExecContext(ctx, `INSERT INTO kb_votes (article_id, voter, helpful, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (article_id, voter) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at`,
		articleID, voter, helpful, Now())
	if err != nil {
		return fmt.Errorf("store: kb vote: %w", err)
	}
	return nil
}

// KBStats are the counts agents see on an article.
type KBStats struct {
	Helpful, NotHelpful int64
	SuggestOpened       int64 // suggestions opened from the new-ticket form
	SentAnyway          int64 // of those, forms that then created a ticket
}

// TicketsNotSent is how many opened suggestions ended without a ticket.
func (s KBStats) TicketsNotSent() int64 { return s.SuggestOpened - s.SentAnyway }

// KBArticleStats counts an article's votes and suggestion events.
func (q *Queries) KBArticleStats(ctx context.Context, articleID int64) (KBStats, error) {
	var s KBStats
	err := q.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM kb_votes WHERE article_id = $1 AND helpful),
		(SELECT COUNT(*) FROM kb_votes WHERE article_id = $1 AND NOT helpful),
		(SELECT COUNT(*) FROM kb_suggestions WHERE article_id = $1),
		(SELECT COUNT(*) FROM kb_suggestions WHERE article_id = $1 AND sent)`, articleID).
		Scan(&s.Helpful, &s.NotHelpful, &s.SuggestOpened, &s.SentAnyway)
	if err != nil {
		return s, fmt.Errorf("store: kb stats: %w", err)
	}
	return s, nil
}

// RecordKBSuggestion notes that the new-ticket form with token opened the
// article; the same form opening it again counts once.
func (q *Queries) RecordKBSuggestion(ctx context.Context, articleID int64, token string) error {
	_, err := q.db.ExecContext(ctx, `INSERT INTO kb_suggestions (article_id, form_token, sent, created_at) VALUES ($1, $2, FALSE, $3)
		ON CONFLICT (article_id, form_token) DO NOTHING`, articleID, token, Now())
	if err != nil {
		return fmt.Errorf("store: kb suggestion: %w", err)
	}
	return nil
}

// MarkKBSuggestionsSent notes that the form with token created a ticket
// after its suggestions were opened.
func (q *Queries) MarkKBSuggestionsSent(ctx context.Context, token string) error {
	if _, err := q.db.ExecContext(ctx, "UPDATE kb_suggestions SET sent = TRUE WHERE form_token = $1", token); err != nil {
		return fmt.Errorf("store: kb suggestions sent: %w", err)
	}
	return nil
}

// FollowKB makes user follow an article (sectionID 0) or a section
// (articleID 0); following twice is following once.
func (q *Queries) FollowKB(ctx context.Context, userID, articleID, sectionID int64) error {
	var n int
	if err := q.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM kb_follows WHERE user_id = $1
		AND COALESCE(article_id, 0) = $2 AND COALESCE(section_id, 0) = $3`, userID, articleID, sectionID).Scan(&n); err != nil {
		return fmt.Errorf("store: kb follow: %w", err)
	}
	if n > 0 {
		return nil
	}
	_, err := q.db.ExecContext(ctx, "INSERT INTO kb_follows (user_id, article_id, section_id, created_at) VALUES ($1, $2, $3, $4)",
		userID, nullID(articleID), nullID(sectionID), Now())
	if err != nil && !q.d.isUniqueViolation(err) {
		return fmt.Errorf("store: kb follow: %w", err)
	}
	return nil
}

// UnfollowKB ends a follow made by FollowKB.
func (q *Queries) UnfollowKB(ctx context.Context, userID, articleID, sectionID int64) error {
	_, err := q.db.ExecContext(ctx, `DELETE FROM kb_follows WHERE user_id = $1
		AND COALESCE(article_id, 0) = $2 AND COALESCE(section_id, 0) = $3`, userID, articleID, sectionID)
	if err != nil {
		return fmt.Errorf("store: kb unfollow: %w", err)
	}
	return nil
}

// KBFollows reports whether user follows the article and its section.
func (q *Queries) KBFollows(ctx context.Context, userID, articleID, sectionID int64) (article, section bool, err error) {
	err = q.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM kb_follows WHERE user_id = $1 AND article_id = $2) > 0,
		(SELECT COUNT(*) FROM kb_follows WHERE user_id = $1 AND section_id = $3) > 0`, userID, articleID, sectionID).Scan(&article, &section)
	if err != nil {
		return false, false, fmt.Errorf("store: kb follows: %w", err)
	}
	return article, section, nil
}

// KBFollowers lists the active users who follow the article or its
// section, each once.
func (q *Queries) KBFollowers(ctx context.Context, articleID int64) ([]int64, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT DISTINCT f.user_id FROM kb_follows f
		JOIN users u ON u.id = f.user_id AND u.active
		WHERE f.article_id = $1 OR f.section_id = (SELECT section_id FROM kb_articles WHERE id = $1)
		ORDER BY f.user_id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("store: kb followers: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: kb followers: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
