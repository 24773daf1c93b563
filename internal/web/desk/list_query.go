package desk

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Values of the list's filters that are not ids or names.
const (
	categoryActive = "active" // every category but closed (the default)
	categoryAll    = "all"
	assigneeNone   = "none" // unassigned
	maxQuery       = 200
)

// listQuery is the ticket list's filters, sort and position as the URL
// carries them, so that every link and the filter form (GET, no
// JavaScript) describe the same list.
type listQuery struct {
	Category string // categoryActive, categoryAll or a category
	Status   string
	Q        string
	Team     int64
	Assignee int64 // -1: unassigned
	Sort     string
	Cursor   string
	Limit    int
}

// parseListQuery reads and checks the list's URL parameters. It returns
// the query even when some are wrong, so the form shows what was asked.
func parseListQuery(v url.Values, statuses []model.Status, teams []model.Team, agents []*model.User) (listQuery, *model.ValidationError) {
	bad := &model.ValidationError{}
	q := listQuery{
		Category: strings.TrimSpace(v.Get("category")),
		Status:   strings.TrimSpace(v.Get("status")),
		Q:        strings.TrimSpace(v.Get("q")),
		Sort:     strings.TrimSpace(v.Get("sort")),
		Cursor:   v.Get("cursor"),
	}
	if q.Category == "" {
		q.Category = categoryActive
	}
	if q.Category != categoryActive && q.Category != categoryAll && !model.Category(q.Category).Valid() {
		bad.Add("category", "error.category")
	}
	if q.Status != "" && !slices.ContainsFunc(statuses, func(s model.Status) bool { return s.Name == q.Status }) {
		bad.Add("status", "error.status")
	}
	if len(q.Q) > maxQuery {
		bad.Add("q", "error.too_long")
	}
	if s := strings.TrimSpace(v.Get("team")); s != "" {
		q.Team, _ = strconv.ParseInt(s, 10, 64)
		if !slices.ContainsFunc(teams, func(t model.Team) bool { return t.ID == q.Team }) {
			bad.Add("team", "error.unknown")
		}
	}
	switch s := strings.TrimSpace(v.Get("assignee")); s {
	case "":
	case assigneeNone:
		q.Assignee = -1
	default:
		q.Assignee, _ = strconv.ParseInt(s, 10, 64)
		if !slices.ContainsFunc(agents, func(u *model.User) bool { return u.ID == q.Assignee }) {
			bad.Add("assignee", "error.unknown")
		}
	}
	if q.Sort == "" {
		q.Sort = store.SortActivity
	}
	if !slices.Contains(store.Sorts, q.Sort) {
		bad.Add("sort", "error.option")
	}
	if s := strings.TrimSpace(v.Get("limit")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			bad.Add("limit", "error.option")
		} else {
			q.Limit = n
		}
	}
	return q, bad
}

// filter turns the query into the store's filter. The service adds the
// agent's scope.
func (q listQuery) filter() store.TicketFilter {
	f := store.TicketFilter{Status: q.Status, TeamID: q.Team, AssigneeID: q.Assignee, Text: q.Q, Sort: q.Sort, Cursor: q.Cursor, Limit: q.Limit}
	switch q.Category {
	case categoryAll:
	case categoryActive:
		for _, c := range model.Categories {
			if c != model.CategoryClosed {
				f.Categories = append(f.Categories, c)
			}
		}
	default:
		f.Categories = []model.Category{model.Category(q.Category)}
	}
	return f
}

// values encodes the query without the cursor, leaving out defaults.
func (q listQuery) values() url.Values {
	v := url.Values{}
	set := func(k, val, def string) {
		if val != def {
			v.Set(k, val)
		}
	}
	set("category", q.Category, categoryActive)
	set("status", q.Status, "")
	set("q", q.Q, "")
	if q.Team != 0 {
		v.Set("team", id(q.Team))
	}
	switch {
	case q.Assignee == -1:
		v.Set("assignee", assigneeNone)
	case q.Assignee != 0:
		v.Set("assignee", id(q.Assignee))
	}
	set("sort", q.Sort, store.SortActivity)
	if q.Limit != 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	return v
}

// url is the list's address for this query at the position of cursor.
func (q listQuery) url(cursor string) string {
	v := q.values()
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	if len(v) == 0 {
		return "/desk/tickets"
	}
	return "/desk/tickets?" + v.Encode()
}
