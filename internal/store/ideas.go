package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"supportal/internal/authz"
	"supportal/internal/model"
)

// Sorts of idea lists.
const (
	IdeaSortVotes    = "votes"    // most votes first
	IdeaSortTrending = "trending" // most votes in the last TrendWindow first
	IdeaSortNewest   = "newest"   // newest first
)

// TrendWindow is how far back the trending sort counts votes.
const TrendWindow = 30 * 24 * time.Hour

// NewIdea is what CreateIdea stores.
type NewIdea struct {
	Title    string
	Body     string
	AuthorID int64
	OrgID    int64
}

// CreateIdea stores a new open idea and returns its id.
func (q *Queries) CreateIdea(ctx context.Context, n NewIdea) (int64, error) {
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO ideas (title, body, status, author_id, org_id, votes, created_at, updated_at)
		VALUES ($1, $2, 'open', $3, $4, 0, $5, $5) RETURNING id`, n.Title, n.Body, n.AuthorID, nullID(n.OrgID), now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create idea: %w", err)
	}
	return id, nil
}

// AttachToIdea moves an upload of uploaderID that nothing holds yet to
// idea ideaID. It reports false if the upload is not such a one.
func (q *Queries) AttachToIdea(ctx context.Context, ideaID, uploadID, uploaderID int64) (bool, error) {
	res, err := q.db.ExecContext(ctx, `UPDATE attachments SET idea_id = $1
		WHERE id = $2 AND uploader_id = $3 AND message_id IS NULL AND idea_id IS NULL`, ideaID, uploadID, uploaderID)
	if err != nil {
		return false, fmt.Errorf("store: attach %d to idea %d: %w", uploadID, ideaID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// IdeaAttachments lists the files of an idea.
func (q *Queries) IdeaAttachments(ctx context.Context, ideaID int64) ([]*model.Attachment, error) {
	return q.attachmentsWhere(ctx, "a.idea_id = $1", ideaID)
}

const ideaColumns = `i.id, i.title, i.body, i.status, i.author_id, u.name, u.kind, COALESCE(i.org_id, 0), i.votes,
	COALESCE(i.merged_into, 0), i.created_at, i.updated_at`

const ideaFrom = ` FROM ideas i JOIN users u ON u.id = i.author_id `

func scanIdea(sc interface{ Scan(...any) error }, extra ...any) (*model.Idea, error) {
	var i model.Idea
	dst := append([]any{&i.ID, &i.Title, &i.Body, &i.Status, &i.AuthorID, &i.AuthorName, &i.AuthorKind, &i.OrgID, &i.Votes,
		&i.MergedInto, &i.CreatedAt, &i.UpdatedAt}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return nil, err
	}
	i.CreatedAt, i.UpdatedAt = utc(i.CreatedAt), utc(i.UpdatedAt)
	return &i, nil
}

// Idea reads an idea with its tags.
func (q *Queries) Idea(ctx context.Context, id int64) (*model.Idea, error) {
	i, err := scanIdea(q.db.QueryRowContext(ctx, "SELECT "+ideaColumns+ideaFrom+"WHERE i.id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: idea %d: %w", id, notFound(err))
	}
	if i.Tags, err = q.IdeaTags(ctx, id); err != nil {
		return nil, err
	}
	return i, nil
}

// IdeaForUpdate reads an idea inside a transaction, locking its row on
// PostgreSQL so that changes to it are made one after the other.
func (q *Queries) IdeaForUpdate(ctx context.Context, id int64) (*model.Idea, error) {
	lock := ""
	if q.d == postgresDialect {
		lock = " FOR UPDATE OF i"
	}
	i, err := scanIdea(q.db.QueryRowContext(ctx, "SELECT "+ideaColumns+ideaFrom+"WHERE i.id = $1"+lock, id))
	if err != nil {
		return nil, fmt.Errorf("store: idea %d: %w", id, notFound(err))
	}
	return i, nil
}

// IdeaFilter selects a page of ideas. Scope comes from authz.Ideas.
type IdeaFilter struct {
	Scope  authz.IdeaScope
	Sort   string // IdeaSort…; "" is IdeaSortVotes
	Status model.IdeaStatus
	Tag    string
	Cursor string
	Limit  int
	Now    time.Time // for the trending window; zero: now
}

// ideaCursor is the position after the last idea of a page.
type ideaCursor struct {
	Sort string `json:"s"`
	Key  int64  `json:"k"` // votes, trend, or created_at in microseconds
	ID   int64  `json:"i"`
}

func (c ideaCursor) encode() string {
	b, _ := json.Marshal(c) // plain fields always marshal
	return base64.RawURLEncoding.EncodeToString(b)
}

// Ideas returns a page of the ideas in the filter's scope that are not
// merged into another, and the cursor of the next page ("" if none).
// The trending sort counts each listed idea's recent votes with the
// index idea_votes_recent: a cost per idea in scope, fine for a board of
// thousands of ideas.
func (q *Queries) Ideas(ctx context.Context, f IdeaFilter) ([]*model.Idea, string, error) {
	if f.Scope.None {
		return nil, "", nil
	}
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 25
	}
	if f.Sort == "" {
		f.Sort = IdeaSortVotes
	}
	now := f.Now
	if now.IsZero() {
		now = Now()
	}
	var w where
	trend := w.expr("(SELECT COUNT(*) FROM idea_votes v WHERE v.idea_id = i.id AND v.created_at >= ?)", now.Add(-TrendWindow))
	var key string
	switch f.Sort {
	case IdeaSortVotes:
		key = "i.votes"
	case IdeaSortTrending:
		key = trend
	case IdeaSortNewest:
		key = "i.created_at"
	default:
		return nil, "", ErrBadCursor
	}
	w.add("i.merged_into IS NULL")
	if !f.Scope.All {
		if f.Scope.OrgID != 0 {
			w.add("i.author_id = ? OR i.org_id = ?", f.Scope.AuthorID, f.Scope.OrgID)
		} else {
			w.add("i.author_id = ?", f.Scope.AuthorID)
		}
	}
	if f.Status != "" {
		w.add("i.status = ?", string(f.Status))
	}
	if f.Tag != "" {
		w.add("EXISTS (SELECT 1 FROM idea_tags t WHERE t.idea_id = i.id AND t.tag = ?)", f.Tag)
	}
	if f.Cursor != "" {
		var c ideaCursor
		b, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		if err != nil || json.Unmarshal(b, &c) != nil || c.Sort != f.Sort {
			return nil, "", ErrBadCursor
		}
		var k any = c.Key
		if f.Sort == IdeaSortNewest {
			k = time.UnixMicro(c.Key).UTC()
		}
		w.add(key+" < ? OR ("+key+" = ? AND i.id < ?)", k, k, c.ID)
	}
	query := "SELECT " + ideaColumns + ", " + trend + ideaFrom + w.String() +
		" ORDER BY " + key + " DESC, i.id DESC LIMIT " + fmt.Sprint(f.Limit+1)
	rows, err := q.db.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("store: ideas: %w", err)
	}
	defer rows.Close()
	var out []*model.Idea
	for rows.Next() {
		var trendN int64
		i, err := scanIdea(rows, &trendN)
		if err != nil {
			return nil, "", fmt.Errorf("store: ideas: %w", err)
		}
		i.Trend = trendN
		out = append(out, i)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > f.Limit {
		out = out[:f.Limit]
		last := out[len(out)-1]
		c := ideaCursor{Sort: f.Sort, ID: last.ID}
		switch f.Sort {
		case IdeaSortVotes:
			c.Key = last.Votes
		case IdeaSortTrending:
			c.Key = last.Trend
		default:
			c.Key = last.CreatedAt.UnixMicro()
		}
		next = c.encode()
	}
	if err := q.fillIdeaTags(ctx, out); err != nil {
		return nil, "", err
	}
	return out, next, nil
}

// fillIdeaTags loads the tags of listed ideas in one query.
func (q *Queries) fillIdeaTags(ctx context.Context, list []*model.Idea) error {
	if len(list) == 0 {
		return nil
	}
	byID := map[int64]*model.Idea{}
	ph := make([]string, len(list))
	args := make([]any, len(list))
	for n, i := range list {
		byID[i.ID] = i
		ph[n] = fmt.Sprintf("$%d", n+1)
		args[n] = i.ID
	}
	rows, err := q.db.QueryContext(ctx, "SELECT idea_id, tag FROM idea_tags WHERE idea_id IN ("+strings.Join(ph, ", ")+") ORDER BY tag", args...)
	if err != nil {
		return fmt.Errorf("store: idea tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return fmt.Errorf("store: idea tags: %w", err)
		}
		byID[id].Tags = append(byID[id].Tags, tag)
	}
	return rows.Err()
}

// IdeaTags lists the tags of an idea.
func (q *Queries) IdeaTags(ctx context.Context, id int64) ([]string, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT tag FROM idea_tags WHERE idea_id = $1 ORDER BY tag", id)
	if err != nil {
		return nil, fmt.Errorf("store: idea tags: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// AllIdeaTags lists every tag in use, for the filter of the lists.
func (q *Queries) AllIdeaTags(ctx context.Context) ([]string, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT DISTINCT tag FROM idea_tags ORDER BY tag")
	if err != nil {
		return nil, fmt.Errorf("store: idea tags: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SetIdeaTags replaces the tags of an idea.
func (q *Queries) SetIdeaTags(ctx context.Context, id int64, tags []string) error {
	if _, err := q.db.ExecContext(ctx, "DELETE FROM idea_tags WHERE idea_id = $1", id); err != nil {
		return fmt.Errorf("store: idea tags: %w", err)
	}
	for _, t := range tags {
		if _, err := q.db.ExecContext(ctx, "INSERT INTO idea_tags (idea_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING", id, t); err != nil {
			return fmt.Errorf("store: idea tags: %w", err)
		}
	}
	return q.touchIdea(ctx, id)
}

func (q *Queries) touchIdea(ctx context.Context, id int64) error {
	_, err := q.db.ExecContext(ctx, "UPDATE ideas SET updated_at = $1 WHERE id = $2", Now(), id)
	return err
}

// AddIdeaVote records u's vote for an idea and counts it, in one
// transaction with the caller's. The primary key makes a second vote of
// the same user a no-op; it reports whether the vote was new.
func (q *Queries) AddIdeaVote(ctx context.Context, ideaID, userID, orgID int64) (bool, error) {
	res, err := q.db.ExecContext(ctx, `INSERT INTO idea_votes (idea_id, user_id, org_id, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (idea_id, user_id) DO NOTHING`, ideaID, userID, nullID(orgID), Now())
	if err != nil {
		return false, fmt.Errorf("store: vote for idea %d: %w", ideaID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	_, err = q.db.ExecContext(ctx, "UPDATE ideas SET votes = votes + 1 WHERE id = $1", ideaID)
	return err == nil, err
}

// RemoveIdeaVote takes back u's vote; it reports whether there was one.
func (q *Queries) RemoveIdeaVote(ctx context.Context, ideaID, userID int64) (bool, error) {
	res, err := q.db.ExecContext(ctx, "DELETE FROM idea_votes WHERE idea_id = $1 AND user_id = $2", ideaID, userID)
	if err != nil {
		return false, fmt.Errorf("store: unvote idea %d: %w", ideaID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	_, err = q.db.ExecContext(ctx, "UPDATE ideas SET votes = votes - 1 WHERE id = $1", ideaID)
	return err == nil, err
}

// IdeasVotedBy reports which of ids userID voted for.
func (q *Queries) IdeasVotedBy(ctx context.Context, userID int64, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	ph := make([]string, len(ids))
	args := []any{userID}
	for n, id := range ids {
		ph[n] = fmt.Sprintf("$%d", n+2)
		args = append(args, id)
	}
	got, err := q.int64s(ctx, "SELECT idea_id FROM idea_votes WHERE user_id = $1 AND idea_id IN ("+strings.Join(ph, ", ")+")", args...)
	if err != nil {
		return nil, fmt.Errorf("store: votes of %d: %w", userID, err)
	}
	for _, id := range got {
		out[id] = true
	}
	return out, nil
}

// IdeaVoters lists the ids of the users who voted for an idea.
func (q *Queries) IdeaVoters(ctx context.Context, ideaID int64) ([]int64, error) {
	return q.int64s(ctx, "SELECT user_id FROM idea_votes WHERE idea_id = $1 ORDER BY user_id", ideaID)
}

// IdeaCommenters lists the ids of the users who commented on an idea.
func (q *Queries) IdeaCommenters(ctx context.Context, ideaID int64) ([]int64, error) {
	return q.int64s(ctx, "SELECT DISTINCT author_id FROM idea_comments WHERE idea_id = $1 ORDER BY author_id", ideaID)
}

// IdeaOrgVotes counts an idea's votes per organization, most first;
// votes of users without an organization are left out.
func (q *Queries) IdeaOrgVotes(ctx context.Context, ideaID int64) ([]model.OrgVotes, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT o.id, o.name, COUNT(*) FROM idea_votes v JOIN organizations o ON o.id = v.org_id
		WHERE v.idea_id = $1 GROUP BY o.id, o.name ORDER BY COUNT(*) DESC, o.name`, ideaID)
	if err != nil {
		return nil, fmt.Errorf("store: organization votes of idea %d: %w", ideaID, err)
	}
	defer rows.Close()
	var out []model.OrgVotes
	for rows.Next() {
		var v model.OrgVotes
		if err := rows.Scan(&v.OrgID, &v.OrgName, &v.Votes); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// AddIdeaComment stores a comment.
func (q *Queries) AddIdeaComment(ctx context.Context, c model.IdeaComment) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO idea_comments (idea_id, author_id, org_id, body, official, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, c.IdeaID, c.AuthorID, nullID(c.OrgID), c.Body, c.Official, Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: comment on idea %d: %w", c.IdeaID, err)
	}
	return id, q.touchIdea(ctx, c.IdeaID)
}

// IdeaComments lists the comments of an idea, oldest first.
func (q *Queries) IdeaComments(ctx context.Context, ideaID int64) ([]model.IdeaComment, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT c.id, c.idea_id, c.author_id, u.name, u.kind, COALESCE(c.org_id, 0), c.body, c.official, c.created_at
		FROM idea_comments c JOIN users u ON u.id = c.author_id WHERE c.idea_id = $1 ORDER BY c.id`, ideaID)
	if err != nil {
		return nil, fmt.Errorf("store: comments of idea %d: %w", ideaID, err)
	}
	defer rows.Close()
	var out []model.IdeaComment
	for rows.Next() {
		var c model.IdeaComment
		if err := rows.Scan(&c.ID, &c.IdeaID, &c.AuthorID, &c.AuthorName, &c.AuthorKind, &c.OrgID, &c.Body, &c.Official, &c.CreatedAt); err != nil {
			return nil, err
		}
		c.CreatedAt = utc(c.CreatedAt)
		out = append(out, c)
	}
	return out, rows.Err()
}

// SetIdeaStatus changes an idea's status and records the change with the
// note in its history.
func (q *Queries) SetIdeaStatus(ctx context.Context, ideaID, actorID int64, status model.IdeaStatus, note string) error {
	now := Now()
	if _, err := q.db.ExecContext(ctx, "UPDATE ideas SET status = $1, updated_at = $2 WHERE id = $3", string(status), now, ideaID); err != nil {
		return fmt.Errorf("store: status of idea %d: %w", ideaID, err)
	}
	_, err := q.db.ExecContext(ctx, `INSERT INTO idea_events (idea_id, actor_id, kind, status, note, created_at)
		VALUES ($1, $2, 'status', $3, $4, $5)`, ideaID, nullID(actorID), string(status), note, now)
	return err
}

// IdeaEvents lists the history of an idea, oldest first.
func (q *Queries) IdeaEvents(ctx context.Context, ideaID int64) ([]model.IdeaEvent, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT e.id, e.idea_id, COALESCE(u.name, ''), e.kind, e.status, e.note, COALESCE(e.merged_from, 0), e.created_at
		FROM idea_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.idea_id = $1 ORDER BY e.id`, ideaID)
	if err != nil {
		return nil, fmt.Errorf("store: history of idea %d: %w", ideaID, err)
	}
	defer rows.Close()
	var out []model.IdeaEvent
	for rows.Next() {
		var e model.IdeaEvent
		if err := rows.Scan(&e.ID, &e.IdeaID, &e.ActorName, &e.Kind, &e.Status, &e.Note, &e.MergedFrom, &e.CreatedAt); err != nil {
			return nil, err
		}
		e.CreatedAt = utc(e.CreatedAt)
		out = append(out, e)
	}
	return out, rows.Err()
}

// MergeIdea merges duplicate dup into survivor: votes move (a user who
// voted for both keeps one vote), comments move, both vote counts are
// counted afresh, dup points to survivor and the survivor's history
// records the merge.
func (q *Queries) MergeIdea(ctx context.Context, dup, survivor, actorID int64) error {
	now := Now()
	steps := []struct {
		query string
		args  []any
	}{
		{`INSERT INTO idea_votes (idea_id, user_id, org_id, created_at)
			SELECT $1, user_id, org_id, created_at FROM idea_votes WHERE idea_id = $2
			ON CONFLICT (idea_id, user_id) DO NOTHING`, []any{survivor, dup}},
		{"DELETE FROM idea_votes WHERE idea_id = $1", []any{dup}},
		{"UPDATE idea_comments SET idea_id = $1 WHERE idea_id = $2", []any{survivor, dup}},
		{"UPDATE ideas SET votes = (SELECT COUNT(*) FROM idea_votes WHERE idea_id = $1), updated_at = $2 WHERE id = $1", []any{survivor, now}},
		{"UPDATE ideas SET votes = 0, merged_into = $1, updated_at = $2 WHERE id = $3", []any{survivor, now, dup}},
		{`INSERT INTO idea_events (idea_id, actor_id, kind, merged_from, created_at) VALUES ($1, $2, 'merged', $3, $4)`,
			[]any{survivor, nullID(actorID), dup, now}},
	}
	for _, s := range steps {
		if _, err := q.db.ExecContext(ctx, s.query, s.args...); err != nil {
			return fmt.Errorf("store: merge idea %d into %d: %w", dup, survivor, err)
		}
	}
	return nil
}

// LinkIdeaTicket links a ticket to an idea; linking twice is a no-op.
func (q *Queries) LinkIdeaTicket(ctx context.Context, ideaID, ticketID, actorID int64) error {
	_, err := q.db.ExecContext(ctx, `INSERT INTO idea_tickets (idea_id, ticket_id, created_by, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (idea_id, ticket_id) DO NOTHING`, ideaID, ticketID, nullID(actorID), Now())
	if err != nil {
		return fmt.Errorf("store: link ticket %d to idea %d: %w", ticketID, ideaID, err)
	}
	return nil
}

// UnlinkIdeaTicket removes the link of a ticket to an idea.
func (q *Queries) UnlinkIdeaTicket(ctx context.Context, ideaID, ticketID int64) error {
	_, err := q.db.ExecContext(ctx, "DELETE FROM idea_tickets WHERE idea_id = $1 AND ticket_id = $2", ideaID, ticketID)
	return err
}

// IdeaTicketIDs lists the ids of the tickets linked to an idea.
func (q *Queries) IdeaTicketIDs(ctx context.Context, ideaID int64) ([]int64, error) {
	return q.int64s(ctx, "SELECT ticket_id FROM idea_tickets WHERE idea_id = $1 ORDER BY ticket_id", ideaID)
}

// TicketIdeas lists the ideas a ticket is linked to.
func (q *Queries) TicketIdeas(ctx context.Context, ticketID int64) ([]*model.Idea, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+ideaColumns+ideaFrom+
		"JOIN idea_tickets it ON it.idea_id = i.id WHERE it.ticket_id = $1 ORDER BY i.id", ticketID)
	if err != nil {
		return nil, fmt.Errorf("store: ideas of ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	var out []*model.Idea
	for rows.Next() {
		i, err := scanIdea(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}
