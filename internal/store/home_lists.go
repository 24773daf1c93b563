package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"supportal/internal/model"
)

// The few bounded lists of the portal home that no other page asks for.

// placeholders returns "$from, $from+1, …" for n values.
func placeholders(from, n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = "$" + strconv.Itoa(from+i)
	}
	return strings.Join(p, ", ")
}

// IdeasChangedForVoter lists at most limit ideas that userID voted for
// and whose status changed after the vote and since since, the latest
// change first. Merged duplicates are left out.
func (q *Queries) IdeasChangedForVoter(ctx context.Context, userID int64, since time.Time, limit int) ([]*model.Idea, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+ideaColumns+ideaFrom+`
		JOIN idea_votes v ON v.idea_id = i.id AND v.user_id = $1
		WHERE i.merged_into IS NULL AND EXISTS (SELECT 1 FROM idea_events e
			WHERE e.idea_id = i.id AND e.kind = 'status' AND e.created_at > v.created_at AND e.created_at >= $2)
		ORDER BY i.updated_at DESC, i.id DESC LIMIT $3`, userID, since, limit)
	if err != nil {
		return nil, fmt.Errorf("store: ideas changed for voter: %w", err)
	}
	defer rows.Close()
	var out []*model.Idea
	for rows.Next() {
		i, err := scanIdea(rows)
		if err != nil {
			return nil, fmt.Errorf("store: ideas changed for voter: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// KBRecentArticles lists at most limit articles of the visibilities,
// the most recently changed first, with their translations (published
// ones only when publishedOnly); articles without such a translation are
// left out.
func (q *Queries) KBRecentArticles(ctx context.Context, visibilities []string, publishedOnly bool, limit int) ([]*KBArticle, error) {
	if len(visibilities) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(visibilities)+1)
	for _, v := range visibilities {
		args = append(args, v)
	}
	published := ""
	if publishedOnly {
		published = " AND status = 'published'"
	}
	query := "SELECT " + kbArticleColumns + " FROM kb_articles a WHERE a.visibility IN (" + placeholders(1, len(args)) + ")" +
		" AND EXISTS (SELECT 1 FROM kb_translations t WHERE t.article_id = a.id" + published + ")" +
		" ORDER BY a.updated_at DESC, a.id DESC LIMIT $" + strconv.Itoa(len(args)+1)
	rows, err := q.db.QueryContext(ctx, query, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: recent kb articles: %w", err)
	}
	var out []*KBArticle
	byID := map[int64]*KBArticle{}
	var ids []any
	for rows.Next() {
		a, err := scanKBArticle(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: recent kb articles: %w", err)
		}
		out = append(out, a)
		byID[a.ID] = a
		ids = append(ids, a.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: recent kb articles: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	ts, err := q.kbTranslations(ctx, "WHERE article_id IN ("+placeholders(1, len(ids))+")"+published, ids...)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if a := byID[t.ArticleID]; a != nil {
			a.Translations = append(a.Translations, t)
		}
	}
	return out, nil
}
