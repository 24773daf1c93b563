package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"
)

// KBSearch is a full-text search of knowledge-base translations.
type KBSearch struct {
	Query        string   // the words typed
	Language     string   // "de" or "en": which translations, and how words are stemmed
	Visibilities []string // the visibilities the caller may read
	Published    bool     // only published translations
	AnyWord      bool     // match any word (suggestions) instead of all of them
	Limit        int
}

// KBHit is one article found, best first.
type KBHit struct {
	ArticleID     int64
	TranslationID int64
	Title         string
	Body          string
}

// kbWords splits typed text into words of letters and digits; everything
// else (quotes, operators of either engine's query syntax) separates them.
func kbWords(s string) []string {
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 12 {
		words = words[:12]
	}
	return words
}

// kbMatch is the full-text condition and ranking of the dialect: FTS5
// with bm25 (title counts ten times the text) on SQLite, the stored
// tsvector with ts_rank and the language's configuration on PostgreSQL.
// Every word matches as a prefix, so a word half typed finds articles.
func (d *dialect) kbMatch(w *where, s KBSearch, words []string) (from, order string) {
	join := " AND "
	if s.AnyWord {
		join = " OR "
	}
	if d == postgresDialect {
		terms := make([]string, len(words))
		for i, word := range words {
			terms[i] = word + ":*"
		}
		op := " & "
		if s.AnyWord {
			op = " | "
		}
		cfg := "english"
		if s.Language == "de" {
			cfg = "german"
		}
		q := w.expr("to_tsquery(CAST(? AS regconfig), ?)", cfg, strings.Join(terms, op))
		w.add("t.search @@ " + q)
		return "kb_translations t", "ts_rank(t.search, " + q + ") DESC"
	}
	terms := make([]string, len(words))
	for i, word := range words {
		terms[i] = `"` + word + `"*`
	}
	w.add("kb_search MATCH ?", strings.Join(terms, join))
	return "kb_search JOIN kb_translations t ON t.id = kb_search.rowid", "bm25(kb_search, 10.0, 1.0)"
}

// SearchKB finds the translations matching s.Query in s.Language among
// the articles of s.Visibilities, best first, one hit per article.
func (q *Queries) SearchKB(ctx context.Context, s KBSearch) ([]*KBHit, error) {
	words := kbWords(s.Query)
	if len(words) == 0 || len(s.Visibilities) == 0 {
		return nil, nil
	}
	var w where
	from, order := q.d.kbMatch(&w, s, words)
	w.add("t.language = ?", s.Language)
	vis := make([]any, len(s.Visibilities))
	for i, v := range s.Visibilities {
		vis[i] = v
	}
	w.add("a.visibility IN ("+in(len(vis))+")", vis...)
	if s.Published {
		w.add("t.status = 'published'")
	}
	limit := s.Limit
	if limit <= 0 || limit > 100 {
		limit = 50
	}
	rows, err := q.db.QueryContext(ctx, "SELECT t.article_id, t.id, t.title, t.body FROM "+from+
		" JOIN kb_articles a ON a.id = t.article_id "+w.String()+" ORDER BY "+order+", t.id LIMIT "+fmt.Sprint(limit), w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: search kb: %w", err)
	}
	defer rows.Close()
	var out []*KBHit
	for rows.Next() {
		var h KBHit
		if err := rows.Scan(&h.ArticleID, &h.TranslationID, &h.Title, &h.Body); err != nil {
			return nil, fmt.Errorf("store: search kb: %w", err)
		}
		out = append(out, &h)
	}
	return out, rows.Err()
}
