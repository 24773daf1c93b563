package store

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"supportal/internal/authz"
)

// A ticket search (TicketFilter.Text) finds the tickets in the caller's
// scope whose subject, or one of whose messages the caller may read,
// holds all the words typed, and the tickets whose number or order or
// reference number is the text. Words match whole: FTS5 answers a prefix
// ("etikett*") by merging the doclists of every word it starts, 50-100 ms
// for a common one at a million tickets, on every call.
// Results come newest ticket first (by id, which follows creation),
// whatever the list's sort, with a cursor of their own: no index orders
// text matches by activity, and the newest-first order lets both engines
// stop as soon as a page is full (docs/performance.md, "Search").
//
// Two plans, chosen by the size of the scope:
//
//   - A small scope (a contact's own tickets, a small organization, an
//     agent's own queue): each alternative of the scope on its index,
//     newest first, with the text checked per ticket.
//   - A large one (a team, an administrator, a large organization): the
//     text index drives. SQLite walks the FTS5 doclist backwards (the
//     rowid of a document starts with its ticket's id, migration
//     0016_ticket_search); PostgreSQL asks the GIN indexes for windows of
//     ticket ids, the newest first, each window eight times the last,
//     until the page is full (the windows and the organization are words
//     of every document, migration 0017_search_scope).
//
// A contact never matches an internal note nor a message it may not read
// (authz.Message); agents match every message of the tickets they see.

// searchSmallScope is the size of a scope, in tickets, up to which the
// scope drives a search.
var searchSmallScope = 1000

// searchSort is the sort recorded in a search's cursors.
const searchSort = "search"

// searchText is what a search looks for.
type searchText struct {
	raw    string   // the text as typed, trimmed: an order or reference number
	number int64    // the ticket number, when the text is one ("4711", "#4711")
	words  []string // folded words, at most 12
}

func parseSearch(text string) searchText {
	s := searchText{raw: strings.TrimSpace(text)}
	if n, err := strconv.ParseInt(strings.TrimPrefix(s.raw, "#"), 10, 64); err == nil && n > 0 {
		s.number = n
	}
	for _, w := range kbWords(s.raw) {
		s.words = append(s.words, foldWord(w))
	}
	return s
}

// foldDiacritics is the folding search_vector (migration 0016, PostgreSQL)
// applies before indexing; FTS5's remove_diacritics folds these and more.
var foldDiacritics = strings.NewReplacer(strings.Split(
	"À A Á A Â A Ã A Ä A Å A Ç C È E É E Ê E Ë E Ì I Í I Î I Ï I Ñ N Ò O Ó O Ô O Õ O Ö O Ù U Ú U Û U Ü U Ý Y "+
		"à a á a â a ã a ä a å a ç c è e é e ê e ë e ì i í i î i ï i ñ n ò o ó o ô o õ o ö o ù u ú u û u ü u ý y ÿ y", " ")...)

func foldWord(w string) string { return strings.ToLower(foldDiacritics.Replace(w)) }

// ftsQuery is the text condition's query in the dialect's syntax: an
// FTS5 MATCH expression or a to_tsquery text, all words required.
func (d *dialect) ftsQuery(s searchText) string {
	if d == postgresDialect {
		return strings.Join(s.words, " & ")
	}
	return `text : ("` + strings.Join(s.words, `" "`) + `")`
}

// contactMessages is the condition on messages m of tickets t that a
// contact with scope sc may read (authz.Message), or "" for agents.
func contactMessages(w *where, sc authz.TicketScope) string {
	if sc.PartyID == 0 {
		return ""
	}
	own := "m.author_id = ? OR EXISTS (SELECT 1 FROM message_recipients mr WHERE mr.message_id = m.id AND mr.user_id = ?)"
	if sc.CorrespondenceOrgID != 0 {
		return w.expr("m.internal = FALSE AND (t.org_id = ? OR "+own+")", sc.CorrespondenceOrgID, sc.PartyID, sc.PartyID)
	}
	return w.expr("m.internal = FALSE AND ("+own+")", sc.PartyID, sc.PartyID)
}

// ticketTextMatch is the condition that ticket t matches the words, one
// ticket at a time: the small-scope plan.
func (d *dialect) ticketTextMatch(w *where, s searchText, sc authz.TicketScope) string {
	query := d.ftsQuery(s)
	if d == postgresDialect {
		// A scalar subquery, not EXISTS: PostgreSQL would turn EXISTS into
		// one hashed set of every matching message (0.5 s for a common
		// word) where the few messages of each ticket are what to read.
		// ts_match_vq is @@ as a function, which no index serves: with the
		// operator, PostgreSQL intersected each ticket's messages with
		// every match of the words in GIN (8 ms per ticket for a common
		// pair, 0.8 s for an organization of 92 tickets) instead of
		// reading the ticket's five messages.
		tsq := w.expr("to_tsquery('simple', ?)", query)
		cond := "ts_match_vq(t.search, " + tsq + ") OR (SELECT m.id FROM messages m WHERE m.ticket_id = t.id AND ts_match_vq(m.search, " + tsq + ")"
		if vis := contactMessages(w, sc); vis != "" {
			cond += " AND " + vis
		}
		return cond + " LIMIT 1) IS NOT NULL"
	}
	cond := w.expr("ticket_search MATCH ?", query) +
		" AND f.rowid >= t.id * 4294967296 AND f.rowid < (t.id + 1) * 4294967296"
	if vis := ftsDocVisible(w, sc); vis != "" {
		cond += " AND " + vis
	}
	return "EXISTS (SELECT 1 FROM ticket_search f WHERE " + cond + ")"
}

// ftsDocVisible is the condition that FTS5 document f of ticket t is one
// a contact may read: the subject, or a message it may read.
func ftsDocVisible(w *where, sc authz.TicketScope) string {
	vis := contactMessages(w, sc)
	if vis == "" {
		return ""
	}
	return "((f.rowid & 2147483648) = 0 OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id" +
		" AND (m.id & 2147483647) = (f.rowid & 2147483647) AND " + vis + "))"
}

// searchScope returns the conditions every matching ticket meets (scope,
// filters, cursor) and the alternatives of the scope that have an index
// each, as the list does (Tickets); nil when the scope is one condition.
func searchScope(f TicketFilter, before int64) (where, []branch) {
	var w where
	applyScope(&w, f.Scope)
	applyFilters(&w, f)
	if before > 0 {
		w.add("t.id < ?", before)
	}
	var branches []branch
	switch {
	case f.PartyID != 0:
		branches = partyBranches(f.PartyID)
	case f.Scope.PartyID != 0:
		branches = partyBranches(f.Scope.PartyID)
		if f.Scope.OrgID != 0 {
			branches = append(branches, branch{"t.org_id = ?", []any{f.Scope.OrgID}})
		}
	case f.Scope.All:
		if f.OrgID != 0 {
			branches = []branch{{"t.org_id = ?", []any{f.OrgID}}}
		}
	default:
		branches = agentBranches(f.Scope, f)
	}
	return w, branches
}

// searchTickets answers Tickets for a filter with Text.
func (q *Queries) searchTickets(ctx context.Context, f TicketFilter) (*TicketPage, error) {
	var before int64
	if f.Cursor != "" {
		var err error
		if before, err = decodeSearchCursor(f.Cursor); err != nil {
			return nil, err
		}
	}
	s := parseSearch(f.Text)
	want := f.Limit + 1
	ids, err := q.exactMatches(ctx, f, s, before, want)
	if err != nil {
		return nil, err
	}
	if len(s.words) > 0 {
		more, err := q.textMatches(ctx, f, s, before, want)
		if err != nil {
			return nil, err
		}
		ids = append(ids, more...)
		slices.SortFunc(ids, func(a, b int64) int { return cmp.Compare(b, a) })
		ids = slices.Compact(ids)
	}
	if len(ids) > want {
		ids = ids[:want]
	}
	page := &TicketPage{}
	if len(ids) == 0 {
		return page, nil
	}
	var w where
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	w.add("t.id IN ("+in(len(args))+")", args...)
	rows, err := q.db.QueryContext(ctx, "SELECT "+ticketColumns+ticketFrom+w.String()+" ORDER BY t.id DESC", w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: search tickets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, fmt.Errorf("store: search tickets: %w", err)
		}
		page.Tickets = append(page.Tickets, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search tickets: %w", err)
	}
	if len(page.Tickets) > f.Limit {
		page.Tickets = page.Tickets[:f.Limit]
		page.Next = encodeSearchCursor(page.Tickets[f.Limit-1].ID)
	}
	return page, nil
}

// exactMatches are the ids of the tickets whose number or order or
// reference number is the text, newest first.
func (q *Queries) exactMatches(ctx context.Context, f TicketFilter, s searchText, before int64, limit int) ([]int64, error) {
	w, _ := searchScope(f, before)
	const ref = "t.id IN (SELECT r.ticket_id FROM ticket_references r WHERE r.value = ?)"
	if s.number != 0 {
		w.add("t.number = ? OR "+ref, s.number, s.raw)
	} else {
		w.add(ref, s.raw)
	}
	return q.int64s(ctx, "SELECT t.id FROM tickets t JOIN statuses s ON s.id = t.status_id"+w.String()+
		" ORDER BY t.id DESC LIMIT "+w.arg(limit), w.args...)
}

// textMatches are the ids of the newest tickets, up to limit, that match
// the words.
func (q *Queries) textMatches(ctx context.Context, f TicketFilter, s searchText, before int64, limit int) ([]int64, error) {
	w, branches := searchScope(f, before)
	if branches != nil {
		small, err := q.scopeIsSmall(ctx, branches)
		if err != nil {
			return nil, err
		}
		if small {
			return q.textMatchesByScope(ctx, w, branches, f.Scope, s, limit)
		}
	}
	if f.Scope.PartyID == 0 || f.PartyID != 0 || f.Scope.OrgID == 0 || f.OrgID != 0 {
		return q.textMatchesByIndex(ctx, w, f.Scope, s, before, limit, f.OrgID, false)
	}
	// A contact of a large organization: its own tickets by the scope,
	// the organization's by the documents of that organization only, so
	// that words the organization never wrote cost no walk through
	// everyone else's. Without all_correspondence the contact reads of
	// the organization's other tickets only the subjects and the messages
	// it wrote or received: those tickets join its own, and the index
	// looks at subjects alone, rather than stepping through every
	// message of the organization that matches and is not the contact's.
	own := partyBranches(f.Scope.PartyID)
	subjectsOnly := f.Scope.CorrespondenceOrgID == 0
	if subjectsOnly {
		own = append(own, correspondentBranches(f.Scope.PartyID)...)
	}
	mine, err := q.textMatchesByScope(ctx, w, own, f.Scope, s, limit)
	if err != nil {
		return nil, err
	}
	org, err := q.textMatchesByIndex(ctx, w, f.Scope, s, before, limit, f.Scope.OrgID, subjectsOnly)
	if err != nil {
		return nil, err
	}
	ids := append(mine, org...)
	slices.SortFunc(ids, func(a, b int64) int { return cmp.Compare(b, a) })
	ids = slices.Compact(ids)
	return ids[:min(len(ids), limit)], nil
}

// correspondentBranches are the tickets with a message a contact wrote
// or received (messages_author, message_recipients_user).
func correspondentBranches(userID int64) []branch {
	return []branch{
		{"t.id IN (SELECT m.ticket_id FROM messages m WHERE m.author_id = ?)", []any{userID}},
		{"t.id IN (SELECT m.ticket_id FROM message_recipients mr JOIN messages m ON m.id = mr.message_id WHERE mr.user_id = ?)", []any{userID}},
	}
}

// textMatchesByIndex lets the dialect's text index drive, with org (if
// not 0) narrowing it to one organization's documents, and subjectsOnly
// to the tickets' subjects.
func (q *Queries) textMatchesByIndex(ctx context.Context, w where, sc authz.TicketScope, s searchText, before int64, limit int, org int64, subjectsOnly bool) ([]int64, error) {
	if q.d == postgresDialect {
		return q.textMatchesByWindows(ctx, w, sc, s, before, limit, org, subjectsOnly)
	}
	return q.textMatchesByDoclist(ctx, w, sc, s, limit, org, subjectsOnly)
}

// scopeIsSmall reports whether the branches together hold at most
// searchSmallScope tickets, counting no further than that.
func (q *Queries) scopeIsSmall(ctx context.Context, branches []branch) (bool, error) {
	var w where
	parts := make([]string, len(branches))
	for i, b := range branches {
		parts[i] = fmt.Sprintf("(SELECT COUNT(*) FROM (SELECT 1 FROM tickets t WHERE %s LIMIT %d) c%d)",
			w.expr(b.cond, b.args...), searchSmallScope+1, i)
	}
	var n int
	if err := q.db.QueryRowContext(ctx, "SELECT "+strings.Join(parts, " + "), w.args...).Scan(&n); err != nil {
		return false, fmt.Errorf("store: search scope: %w", err)
	}
	return n <= searchSmallScope, nil
}

// textMatchesByScope runs each branch on its index, newest first, and
// checks the text ticket by ticket.
func (q *Queries) textMatchesByScope(ctx context.Context, w where, branches []branch, sc authz.TicketScope, s searchText, limit int) ([]int64, error) {
	w = where{parts: slices.Clone(w.parts), args: slices.Clone(w.args)}
	common := strings.Join(w.parts, " AND ")
	if common != "" {
		common = " AND " + common
	}
	lim := w.arg(limit)
	parts := make([]string, len(branches))
	for i, b := range branches {
		parts[i] = fmt.Sprintf("SELECT id FROM (SELECT t.id FROM tickets t JOIN statuses s ON s.id = t.status_id WHERE (%s)%s AND (%s) ORDER BY t.id DESC LIMIT %s) b%d",
			w.expr(b.cond, b.args...), common, q.d.ticketTextMatch(&w, s, sc), lim, i)
	}
	return q.int64s(ctx, "SELECT id FROM ("+strings.Join(parts, " UNION ")+") k ORDER BY id DESC LIMIT "+lim, q.d.planEachTime(w.args)...)
}

// textMatchesByDoclist walks SQLite's FTS5 index from the newest ticket
// backwards, keeping the documents of tickets in w that the caller may
// read, until limit tickets are found.
//
// With org, only the documents of that organization's tickets: each
// document also holds its ticket's organization as a word of the scope
// column, and FTS5 intersects the two doclists.
func (q *Queries) textMatchesByDoclist(ctx context.Context, w where, sc authz.TicketScope, s searchText, limit int, org int64, subjectsOnly bool) ([]int64, error) {
	w = where{parts: slices.Clone(w.parts), args: slices.Clone(w.args)}
	match := q.d.ftsQuery(s)
	if org != 0 {
		match += fmt.Sprintf(` AND scope : "o%d"`, org)
	}
	w.add("ticket_search MATCH ?", match)
	w.add("t.id = f.rowid >> 32")
	if subjectsOnly {
		w.add("(f.rowid & 2147483648) = 0")
	} else if vis := ftsDocVisible(&w, sc); vis != "" {
		w.parts = append(w.parts, vis)
	}
	// The CROSS JOIN keeps the FTS5 table outermost, so that its rowid
	// order serves ORDER BY and reading stops at the page.
	rows, err := q.db.QueryContext(ctx, "SELECT f.rowid >> 32 FROM ticket_search f CROSS JOIN tickets t JOIN statuses s ON s.id = t.status_id"+
		w.String()+" ORDER BY f.rowid DESC", w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: search tickets: %w", err)
	}
	defer rows.Close()
	var out []int64
	for len(out) < limit && rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: search tickets: %w", err)
		}
		if len(out) == 0 || out[len(out)-1] != id {
			out = append(out, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search tickets: %w", err)
	}
	return out, nil
}

// searchBuckets are the widths, as powers of two of ticket ids, of the
// windows PostgreSQL's search walks: each document's tsvector holds its
// ticket's bucket of every width as a word (migration 0017_search_scope).
var searchBuckets = []uint{12, 15, 18, 21}

// textMatchesByWindows asks PostgreSQL's GIN indexes for the matches in
// windows of ticket ids below before, newest first, until limit tickets
// are found or no ticket is left. A window is the bucket of 4096 ticket
// ids that holds the newest ticket still to search, then the bucket of
// eight times that width below it, and so on; past the widest, or once a
// bucket reaches the oldest ticket, all that is left. The bucket (and org, if not 0) is a word of the query, so GIN
// intersects the word's matches with the window's documents and the
// cost of a window is bounded by the rarer of the two: a word that
// matches nothing costs a handful of empty lookups, one that matches
// much fills the page in the first window.
func (q *Queries) textMatchesByWindows(ctx context.Context, w where, sc authz.TicketScope, s searchText, before int64, limit int, org int64, subjectsOnly bool) ([]int64, error) {
	var lowest, highest int64
	if err := q.db.QueryRowContext(ctx, "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM tickets").Scan(&lowest, &highest); err != nil {
		return nil, fmt.Errorf("store: search tickets: %w", err)
	}
	hi := highest + 1
	if before > 0 && before < hi {
		hi = before
	}
	var out []int64
	for level := 0; hi > lowest && len(out) < limit; level++ {
		var scope []string
		if org != 0 {
			scope = append(scope, fmt.Sprintf("'~o%d'", org))
		}
		lo := lowest
		if level < len(searchBuckets) {
			k := searchBuckets[level]
			bucket := (hi - 1) >> k
			// A bucket that reaches down to the oldest ticket narrows
			// nothing the id range does not: its word, in most documents,
			// would only cost GIN a long list to step through.
			if lo = max(bucket<<k, lowest); lo > lowest {
				scope = append(scope, fmt.Sprintf("'~b%d.%d'", k, bucket))
			}
		}
		ww := where{parts: slices.Clone(w.parts), args: slices.Clone(w.args)}
		ww.add("t.id >= ? AND t.id < ?", lo, hi)
		tsq := ww.expr("to_tsquery('simple', ?)", q.d.ftsQuery(s))
		if len(scope) > 0 {
			tsq += ww.expr(" && ?::tsquery", strings.Join(scope, " & "))
		}
		subjects := ww.expr("SELECT st.id FROM tickets st WHERE st.id >= ? AND st.id < ? AND st.search @@ ("+tsq+")", lo, hi)
		// The matches come from the GIN indexes as a set of ids; the
		// tickets of the window are read only for those.
		if subjectsOnly {
			// OFFSET 0 keeps the matches a set of their own, as the UNION
			// below does: pulled up into the outer query, the subquery
			// let PostgreSQL walk tickets_pkey backwards for the ORDER BY,
			// expecting a thousand matches where a word the organization
			// never uses had none (0.4 s instead of 3 ms).
			ww.add("t.id IN (" + subjects + " OFFSET 0)")
		} else {
			messages := ww.expr("SELECT m.ticket_id FROM messages m WHERE m.ticket_id >= ? AND m.ticket_id < ? AND m.search @@ ("+tsq+")", lo, hi)
			if sc.PartyID != 0 {
				// A contact's: not internal, and written or received by it
				// or (all_correspondence) of its organization's tickets.
				own := "m.author_id = ? OR EXISTS (SELECT 1 FROM message_recipients mr WHERE mr.message_id = m.id AND mr.user_id = ?)"
				args := []any{sc.PartyID, sc.PartyID}
				if sc.CorrespondenceOrgID != 0 {
					own = "EXISTS (SELECT 1 FROM tickets mt WHERE mt.id = m.ticket_id AND mt.org_id = ?) OR " + own
					args = append([]any{sc.CorrespondenceOrgID}, args...)
				}
				messages += ww.expr(" AND m.internal = FALSE AND ("+own+")", args...)
			}
			ww.add("t.id IN (" + subjects + " UNION " + messages + ")")
		}
		ids, err := q.int64s(ctx, "SELECT t.id FROM tickets t JOIN statuses s ON s.id = t.status_id"+ww.String()+
			" ORDER BY t.id DESC LIMIT "+ww.arg(limit-len(out)), q.d.planEachTime(ww.args)...)
		if err != nil {
			return nil, fmt.Errorf("store: search tickets: %w", err)
		}
		out = append(out, ids...)
		hi = lo
	}
	return out, nil
}

// planEachTime has PostgreSQL plan a text search for its own words. The
// driver would run it as a prepared statement, and after five runs
// PostgreSQL may keep one generic plan for all words, which cannot know
// how rare they are: a word no ticket holds then walked the ticket
// range instead of finding nothing in GIN (p95 of an administrator's
// searches 49 ms instead of 9, of a colleague's in a large organization
// 70 ms instead of 19).
func (d *dialect) planEachTime(args []any) []any {
	if d != postgresDialect {
		return args
	}
	return append([]any{pgx.QueryExecModeExec}, args...)
}

func encodeSearchCursor(id int64) string {
	b, _ := json.Marshal(cursorJSON{Sort: searchSort, ID: id})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeSearchCursor(s string) (int64, error) {
	var c cursorJSON
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.Sort != searchSort || c.ID <= 0 {
		return 0, ErrBadCursor
	}
	return c.ID, nil
}

// searchIndexes are PostgreSQL's indexes of the ticket search, as
// migrations 0016_ticket_search and 0017_search_scope create them.
var searchIndexes = []string{
	"CREATE INDEX IF NOT EXISTS tickets_search ON tickets USING GIN (search)",
	"CREATE INDEX IF NOT EXISTS messages_search ON messages USING GIN (search)",
	"CREATE INDEX IF NOT EXISTS messages_author ON messages (author_id)",
}

// PauseSearchIndex drops PostgreSQL's search indexes before a bulk load
// (internal/seed), which would otherwise update them row by row; until
// ResumeSearchIndex builds them again, a search reads every row. SQLite's
// FTS5 index is kept by triggers and stays.
func (s *Store) PauseSearchIndex(ctx context.Context) error {
	if s.d != postgresDialect {
		return nil
	}
	if _, err := s.sql.ExecContext(ctx, "DROP INDEX IF EXISTS tickets_search, messages_search, messages_author"); err != nil {
		return fmt.Errorf("store: pause search index: %w", err)
	}
	return nil
}

// ResumeSearchIndex builds the indexes PauseSearchIndex dropped; with
// the indexes in place it does nothing.
func (s *Store) ResumeSearchIndex(ctx context.Context) error {
	if s.d != postgresDialect {
		return nil
	}
	// GIN builds fastest with its pending entries in memory: with the
	// default 64 MB the five million messages of a million tickets are
	// sorted in many more passes.
	conn, err := s.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: resume search index: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET maintenance_work_mem = '256MB'"); err != nil {
		return fmt.Errorf("store: resume search index: %w", err)
	}
	defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), "RESET maintenance_work_mem") }()
	for _, ddl := range searchIndexes {
		if _, err := conn.ExecContext(ctx, ddl); err != nil {
			return fmt.Errorf("store: resume search index: %w", err)
		}
	}
	return nil
}

// AfterBulkLoad has PostgreSQL vacuum and analyze the tables a bulk load
// (internal/seed) wrote, which its autovacuum would do only a while
// later. Until then it plans for empty tables, and every page a query
// first reads gets its rows' visibility written (hint bits): at a
// million tickets a reply took 12.6 ms instead of 4.9 until the tables
// were vacuumed (21 s). SQLite keeps no statistics (sqlite_stat1): its
// queries are written for the plans they take without them, and a
// sampled ANALYZE could change those plans.
func (s *Store) AfterBulkLoad(ctx context.Context, tables ...string) error {
	if s.d != postgresDialect || len(tables) == 0 {
		return nil
	}
	for _, t := range tables {
		if strings.Trim(t, "abcdefghijklmnopqrstuvwxyz_") != "" {
			return fmt.Errorf("store: vacuum: %q is not a table name", t)
		}
	}
	if _, err := s.sql.ExecContext(ctx, "VACUUM (ANALYZE) "+strings.Join(tables, ", ")); err != nil {
		return fmt.Errorf("store: vacuum: %w", err)
	}
	return nil
}
