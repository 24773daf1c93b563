package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"supportal/internal/authz"
	"supportal/internal/model"
)

// ticketColumns reads the names of the organization, team and assignee
// with scalar subqueries rather than joins: with six joined tables
// PostgreSQL spent 8 ms planning each list (more than running it); three
// joins plan in under half a millisecond.
const ticketColumns = `t.id, t.number, t.subject, t.org_id, COALESCE((SELECT o.name FROM organizations o WHERE o.id = t.org_id), ''),
	t.requester_id, r.name, r.email,
	s.id, s.name, s.category, s.position, t.waiting_reason, t.type, t.priority, t.impact, t.module, t.version,
	t.team_id, COALESCE((SELECT tm.name FROM teams tm WHERE tm.id = t.team_id), ''),
	t.assignee_id, COALESCE((SELECT a.name FROM users a WHERE a.id = t.assignee_id), ''),
	t.channel, t.mailbox_id, t.internal, t.custom_fields,
	t.created_at, t.updated_at, t.last_activity_at, COALESCE(po.position, 0), t.tags,
	t.first_response_at, t.first_response_due, t.resolution_due, t.project_id`

const ticketFrom = ` FROM tickets t` + ticketJoins

// ticketJoins are the tables ticketColumns reads besides tickets t.
const ticketJoins = `
	JOIN statuses s ON s.id = t.status_id
	JOIN users r ON r.id = t.requester_id` + ticketPriorityJoin

const ticketPriorityJoin = `
	LEFT JOIN field_options po ON po.field = 'priority' AND po.parent = '' AND po.value = t.priority`

func scanTicket(row interface{ Scan(...any) error }) (*model.Ticket, error) {
	var t model.Ticket
	var org, team, assignee, mailbox sql.NullInt64
	var custom, tags string
	var firstAt, firstDue, resolutionDue sql.NullTime
	var project sql.NullInt64
	err := row.Scan(&t.ID, &t.Number, &t.Subject, &org, &t.OrgName, &t.RequesterID, &t.RequesterName, &t.RequesterEmail,
		&t.Status.ID, &t.Status.Name, &t.Status.Category, &t.Status.Position, &t.WaitingReason,
		&t.Type, &t.Priority, &t.Impact, &t.Module, &t.Version,
		&team, &t.TeamName, &assignee, &t.AssigneeName, &t.Channel, &mailbox, &t.Internal, &custom,
		&t.CreatedAt, &t.UpdatedAt, &t.LastActivityAt, &t.PriorityRank, &tags, &firstAt, &firstDue, &resolutionDue, &project)
	if err != nil {
		return nil, notFound(err)
	}
	t.ProjectID = idOrZero(project)
	t.OrgID, t.TeamID, t.AssigneeID, t.MailboxID = idOrZero(org), idOrZero(team), idOrZero(assignee), idOrZero(mailbox)
	t.CreatedAt, t.UpdatedAt, t.LastActivityAt = utc(t.CreatedAt), utc(t.UpdatedAt), utc(t.LastActivityAt)
	t.Tags = SplitTags(tags)
	t.SLA = model.SLA{FirstResponseAt: timeOrZero(firstAt), FirstResponseDue: timeOrZero(firstDue), ResolutionDue: timeOrZero(resolutionDue)}
	t.CustomFields = map[string]any{}
	if custom != "" {
		if err := json.Unmarshal([]byte(custom), &t.CustomFields); err != nil {
			return nil, fmt.Errorf("custom fields of ticket %d: %w", t.Number, err)
		}
	}
	return &t, nil
}

// Ticket reads a ticket by its number, with its participants. It does not
// check who asks: callers pass the result to authz.Ticket.
func (q *Queries) Ticket(ctx context.Context, number int64) (*model.Ticket, error) {
	return q.ticketWhere(ctx, "t.number = $1", number)
}

// TicketByID reads a ticket by its internal id, with its participants.
func (q *Queries) TicketByID(ctx context.Context, id int64) (*model.Ticket, error) {
	return q.ticketWhere(ctx, "t.id = $1", id)
}

func (q *Queries) ticketWhere(ctx context.Context, cond string, key int64) (*model.Ticket, error) {
	t, err := scanTicket(q.db.QueryRowContext(ctx, "SELECT "+ticketColumns+ticketFrom+" WHERE "+cond, key))
	if err != nil {
		return nil, fmt.Errorf("store: ticket %d: %w", key, err)
	}
	t.Participants, err = q.int64s(ctx, "SELECT user_id FROM ticket_participants WHERE ticket_id = $1 ORDER BY user_id", t.ID)
	if err != nil {
		return nil, fmt.Errorf("store: ticket %d participants: %w", key, err)
	}
	return t, nil
}

// NewTicket is what CreateTicket stores.
type NewTicket struct {
	Subject       string
	OrgID         int64
	RequesterID   int64
	StatusID      int64
	Type          string
	Priority      string
	Impact        string
	Module        string
	Version       string
	TeamID        int64
	AssigneeID    int64
	Channel       model.Channel
	MailboxID     int64
	Internal      bool
	CustomFields  map[string]any
	Participants  []int64
	CreatedAt     time.Time
	WaitingReason string
	Tags          []string // lower-case words
}

// CreateTicket inserts a ticket under the next number and returns its id
// and number.
func (q *Queries) CreateTicket(ctx context.Context, n NewTicket) (id, number int64, err error) {
	number, err = q.nextTicketNumber(ctx)
	if err != nil {
		return 0, 0, err
	}
	if n.CreatedAt.IsZero() {
		n.CreatedAt = Now()
	}
	custom, err := json.Marshal(orEmpty(n.CustomFields))
	if err != nil {
		return 0, 0, fmt.Errorf("store: custom fields: %w", err)
	}
	err = q.db.QueryRowContext(ctx, `INSERT INTO tickets (number, subject, org_id, requester_id, status_id, waiting_reason,
		type, priority, impact, module, version, team_id, assignee_id, channel, internal, custom_fields,
		created_at, updated_at, last_activity_at, mailbox_id, tags)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $17, $18, $19) RETURNING id`,
		number, n.Subject, nullID(n.OrgID), n.RequesterID, n.StatusID, n.WaitingReason,
		n.Type, n.Priority, n.Impact, n.Module, n.Version, nullID(n.TeamID), nullID(n.AssigneeID),
		n.Channel, n.Internal, string(custom), n.CreatedAt, nullID(n.MailboxID), JoinTags(n.Tags)).Scan(&id)
	if err != nil {
		return 0, 0, fmt.Errorf("store: create ticket: %w", err)
	}
	for _, p := range n.Participants {
		if err := q.AddParticipant(ctx, id, p); err != nil {
			return 0, 0, err
		}
	}
	if err := q.recordStatusBall(ctx, id, n.StatusID, n.CreatedAt); err != nil {
		return 0, 0, err
	}
	return id, number, nil
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// AddParticipant makes a user a participant of a ticket.
func (q *Queries) AddParticipant(ctx context.Context, ticketID, userID int64) error {
	_, err := q.db.ExecContext(ctx, "INSERT INTO ticket_participants (ticket_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", ticketID, userID)
	if err != nil {
		return fmt.Errorf("store: add participant: %w", err)
	}
	return nil
}

// TicketUpdate holds the columns to change; nil pointers stay as they are.
type TicketUpdate struct {
	StatusID      *int64
	WaitingReason *string
	Type          *string
	Priority      *string
	Impact        *string
	Module        *string
	Version       *string
	TeamID        *int64 // 0 clears
	AssigneeID    *int64 // 0 clears
	Subject       *string
	Tags          *[]string
	At            time.Time
}

// UpdateTicket changes a ticket's columns and its updated_at.
func (q *Queries) UpdateTicket(ctx context.Context, id int64, u TicketUpdate) error {
	var set []string
	var w where
	col := func(name string, v any) { set = append(set, name+" = "+w.arg(v)) }
	if u.StatusID != nil {
		col("status_id", *u.StatusID)
	}
	if u.WaitingReason != nil {
		col("waiting_reason", *u.WaitingReason)
	}
	for _, c := range []struct {
		name string
		v    *string
	}{{"type", u.Type}, {"priority", u.Priority}, {"impact", u.Impact}, {"module", u.Module}, {"version", u.Version}, {"subject", u.Subject}} {
		if c.v != nil {
			col(c.name, *c.v)
		}
	}
	if u.Tags != nil {
		col("tags", JoinTags(*u.Tags))
	}
	if u.TeamID != nil {
		col("team_id", nullID(*u.TeamID))
	}
	if u.AssigneeID != nil {
		col("assignee_id", nullID(*u.AssigneeID))
	}
	if u.At.IsZero() {
		u.At = Now()
	}
	col("updated_at", u.At)
	col("last_activity_at", u.At)
	query := "UPDATE tickets SET " + strings.Join(set, ", ") + " WHERE id = " + w.arg(id)
	res, err := q.db.ExecContext(ctx, query, w.args...)
	if err != nil {
		return fmt.Errorf("store: update ticket %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update ticket %d: %w", id, errNotFound)
	}
	if u.StatusID != nil {
		return q.recordStatusBall(ctx, id, *u.StatusID, u.At)
	}
	return nil
}

// TouchTicket records activity on a ticket (a new message), which moves
// it to the top of activity-sorted lists.
func (q *Queries) TouchTicket(ctx context.Context, id int64, at time.Time) error {
	_, err := q.db.ExecContext(ctx, "UPDATE tickets SET last_activity_at = $1, updated_at = $1 WHERE id = $2", at, id)
	if err != nil {
		return fmt.Errorf("store: touch ticket %d: %w", id, err)
	}
	return nil
}

// Sort orders of ticket lists.
const (
	SortActivity    = "activity"     // newest activity first (default)
	SortActivityAsc = "activity_asc" // oldest activity first
	SortCreated     = "created"      // newest first
	SortCreatedAsc  = "created_asc"  // oldest first
	SortPriority    = "priority"     // highest priority first, then newest activity
	SortDue         = "due"          // the tickets with a pending service-level due time, soonest first
)

// Sorts lists the sort orders ticket lists accept.
var Sorts = []string{SortActivity, SortActivityAsc, SortCreated, SortCreatedAsc, SortPriority, SortDue}

// TicketFilter selects a page of tickets. Scope comes from authz.Tickets
// and is always applied; the rest are the user's filters.
type TicketFilter struct {
	Scope      authz.TicketScope
	Categories []model.Category
	Status     string
	OrgID      int64
	TeamID     int64
	AssigneeID int64 // -1: unassigned
	PartyID    int64 // only tickets this user requested or takes part in
	ProjectID  int64 // only tickets of this project
	Text       string
	Sort       string
	Cursor     string
	Limit      int
}

// ErrBadCursor is returned for a cursor this list did not issue.
var ErrBadCursor = model.Invalid("cursor", "error.cursor")

// TicketPage is one page of a list; Next is "" on the last page.
type TicketPage struct {
	Tickets []*model.Ticket
	Next    string
}

// Tickets returns one page of the tickets in the filter's scope, ordered
// by the filter's sort, using keyset pagination: the cursor carries the
// sort key of the last row, so a deep page costs what the first does.
//
// A contact's scope, the filter on a party and an agent's scope are
// disjunctions (requester, participant, organization; teams, assignee)
// that no index serves as a whole: the planners walk every ticket by activity until a page is
// full. Such a list runs each alternative on its own index, with the
// filters, the cursor and the limit inside, and sorts the union of those
// few rows (see docs/performance.md, "A million tickets").
func (q *Queries) Tickets(ctx context.Context, f TicketFilter) (*TicketPage, error) {
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 25
	}
	keys, ok := sortKeys[f.Sort]
	if !ok {
		f.Sort = SortActivity
		keys = sortKeys[SortActivity]
	}
	if f.Scope.None {
		return &TicketPage{}, nil
	}
	if strings.TrimSpace(f.Text) != "" {
		return q.searchTickets(ctx, f)
	}
	var w where
	var branches []branch
	switch {
	case f.PartyID != 0:
		applyScope(&w, f.Scope)
		branches = partyBranches(f.PartyID)
	case f.Scope.PartyID != 0:
		w.add("t.internal = FALSE")
		branches = partyBranches(f.Scope.PartyID)
		if f.Scope.OrgID != 0 {
			branches = append(branches, branch{"t.org_id = ?", []any{f.Scope.OrgID}})
		}
	case f.Scope.All:
	default:
		branches = agentBranches(f.Scope, f)
		switch len(branches) {
		case 0:
			return &TicketPage{}, nil
		case 1:
			w.add(branches[0].cond, branches[0].args...)
			branches = nil
		}
	}
	applyFilters(&w, f)
	if keys.where != "" {
		w.add(keys.where)
	}
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor, f.Sort)
		if err != nil {
			return nil, err
		}
		op := "<"
		if keys.asc {
			op = ">"
		}
		w.add("("+strings.Join(keys.exprs, ", ")+", t.id) "+op+" ("+in(len(c.keys)+1)+")", append(c.keys, c.id)...)
	}
	dir := " DESC"
	if keys.asc {
		dir = " ASC"
	}
	order := " ORDER BY " + strings.Join(keys.exprs, dir+", ") + dir + ", t.id" + dir
	var query string
	if branches == nil {
		query = "SELECT " + ticketColumns + ticketFrom + w.String() + order + " LIMIT " + w.arg(f.Limit+1)
	} else {
		query = branchQuery(&w, branches, f.Sort == SortPriority, order, f.Limit+1)
	}
	rows, err := q.db.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: tickets: %w", err)
	}
	defer rows.Close()
	page := &TicketPage{}
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, fmt.Errorf("store: tickets: %w", err)
		}
		page.Tickets = append(page.Tickets, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: tickets: %w", err)
	}
	if len(page.Tickets) > f.Limit {
		page.Tickets = page.Tickets[:f.Limit]
		page.Next = encodeCursor(f.Sort, page.Tickets[f.Limit-1])
	}
	return page, nil
}

// branch is one alternative of a disjunctive scope: a condition with an
// index of its own that also orders by activity.
type branch struct {
	cond string
	args []any
}

// partyBranches are the tickets a user requested (tickets_requester) and
// those the user takes part in (ticket_participants_user).
func partyBranches(userID int64) []branch {
	return []branch{
		{"t.requester_id = ?", []any{userID}},
		{"t.id IN (SELECT p.ticket_id FROM ticket_participants p WHERE p.user_id = ?)", []any{userID}},
	}
}

// agentBranches split an agent's scope (the teams' tickets and those
// assigned to the agent) into one branch per team (tickets_team) and the
// agent's own (tickets_assignee), leaving out the branches the filter's
// team or assignee make empty or redundant, so that no branch walks an
// index for rows it cannot return. On SQLite the scope as one OR sorted
// all of a team's tickets for every page (0.8 s at 150,000).
func agentBranches(s authz.TicketScope, f TicketFilter) []branch {
	mine := branch{"t.assignee_id = ?", []any{s.AssigneeID}}
	if f.AssigneeID == s.AssigneeID {
		return []branch{mine} // all of them are in scope
	}
	var out []branch
	for _, id := range s.TeamIDs {
		if f.TeamID == 0 || f.TeamID == id {
			out = append(out, branch{"t.team_id = ?", []any{id}})
		}
	}
	// Another assignee leaves none of the agent's own; a team of the
	// agent's holds all of them that are in that team.
	if f.AssigneeID == 0 && (f.TeamID == 0 || len(out) == 0) {
		out = append(out, mine)
	}
	return out
}

// branchQuery writes the page as the union of one limited, sorted query
// per branch, each with all of w's conditions, then sorts and limits the
// union. The CROSS JOIN keeps SQLite from walking tickets for the join;
// PostgreSQL plans it like an inner join.
func branchQuery(w *where, branches []branch, priority bool, order string, limit int) string {
	common := strings.Join(w.parts, " AND ")
	if common != "" {
		common = " AND " + common
	}
	from := " FROM tickets t JOIN statuses s ON s.id = t.status_id"
	if priority {
		from += ticketPriorityJoin
	}
	lim := w.arg(limit)
	parts := make([]string, len(branches))
	for i, b := range branches {
		parts[i] = fmt.Sprintf("SELECT id FROM (SELECT t.id%s WHERE (%s)%s%s LIMIT %s) b%d",
			from, w.expr(b.cond, b.args...), common, order, lim, i)
	}
	return "SELECT " + ticketColumns + " FROM (" + strings.Join(parts, " UNION ") + ") k CROSS JOIN tickets t" +
		ticketJoins + " WHERE t.id = k.id" + order + " LIMIT " + lim
}

// applyScope turns the authorization scope into SQL. It reports false if
// the scope is empty.
func applyScope(w *where, s authz.TicketScope) bool {
	switch {
	case s.None:
		return false
	case s.All:
		return true
	case s.PartyID != 0:
		w.add("t.internal = FALSE")
		party := "t.requester_id = ? OR EXISTS (SELECT 1 FROM ticket_participants p WHERE p.ticket_id = t.id AND p.user_id = ?)"
		if s.OrgID != 0 {
			w.add(party+" OR t.org_id = ?", s.PartyID, s.PartyID, s.OrgID)
		} else {
			w.add(party, s.PartyID, s.PartyID)
		}
		return true
	}
	args := []any{s.AssigneeID}
	cond := "t.assignee_id = ?"
	if len(s.TeamIDs) > 0 {
		cond = "t.team_id IN (" + in(len(s.TeamIDs)) + ") OR " + cond
		args = nil
		for _, id := range s.TeamIDs {
			args = append(args, id)
		}
		args = append(args, s.AssigneeID)
	}
	w.add(cond, args...)
	return true
}

// applyFilters adds the filters of f but its Text, which searchTickets
// answers.
func applyFilters(w *where, f TicketFilter) {
	if len(f.Categories) > 0 {
		args := make([]any, len(f.Categories))
		for i, c := range f.Categories {
			args[i] = string(c)
		}
		w.add("s.category IN ("+in(len(args))+")", args...)
	}
	if f.Status != "" {
		w.add("s.name = ?", f.Status)
	}
	if f.OrgID != 0 {
		w.add("t.org_id = ?", f.OrgID)
	}
	if f.TeamID != 0 {
		w.add("t.team_id = ?", f.TeamID)
	}
	if f.ProjectID != 0 {
		w.add("t.project_id = ?", f.ProjectID)
	}
	switch {
	case f.AssigneeID == -1:
		w.add("t.assignee_id IS NULL")
	case f.AssigneeID != 0:
		w.add("t.assignee_id = ?", f.AssigneeID)
	}
}

// JoinTags writes tags as the tags column keeps them: lower-case words
// separated by commas, each once, in the order given.
func JoinTags(tags []string) string {
	var out []string
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return strings.Join(out, ",")
}

// SplitTags reads the tags column.
func SplitTags(s string) []string {
	var out []string
	for t := range strings.SplitSeq(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
