package api

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// Page sizes of ticket lists.
const (
	defaultLimit = 25
	maxLimit     = 100
)

// ticketList answers GET /api/v1/tickets: a page of the tickets the
// caller may see. The ticket service replaces any scope with the caller's,
// so filters only narrow what the caller sees anyway.
func (h *handler) ticketList(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	f, err := h.ticketFilter(r.Context(), u, r.URL.Query())
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	page, err := h.s.Tickets.List(r.Context(), u, f)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	items, err := h.ticketsOut(r.Context(), u, page.Tickets...)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	out := listJSON[ticketJSON]{Items: items}
	if page.Next != "" {
		out.NextCursor = &page.Next
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// ticketFilter reads the query of a ticket list. Every parameter that is
// not understood is a validation error naming it, so a typo never
// silently widens or empties a list.
func (h *handler) ticketFilter(ctx context.Context, u *model.User, q url.Values) (store.TicketFilter, error) {
	v := &model.ValidationError{}
	f := store.TicketFilter{Text: strings.TrimSpace(q.Get("q")), Cursor: q.Get("cursor"), Limit: defaultLimit}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			v.Add("limit", "api.error.limit")
		}
		f.Limit = n
	}
	if s := q.Get("sort"); s != "" {
		if !slices.Contains(store.Sorts, s) {
			v.Add("sort", "error.option")
		}
		f.Sort = s
	}
	if s := q.Get("category"); s != "" {
		for part := range strings.SplitSeq(s, ",") {
			c := model.Category(strings.TrimSpace(part))
			if !c.Valid() {
				v.Add("category", "error.category")
			}
			f.Categories = append(f.Categories, c)
		}
	}
	if s := q.Get("org"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			v.Add("org", "api.error.id")
		}
		f.OrgID = id
	}
	switch s := q.Get("assignee"); s {
	case "":
	case "me":
		f.AssigneeID = u.ID
	case "none":
		f.AssigneeID = -1
	default:
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			v.Add("assignee", "api.error.assignee")
		}
		f.AssigneeID = id
	}
	if err := h.lookups(ctx, q, &f, v); err != nil {
		return f, err
	}
	return f, v.Err()
}

// lookups checks the filters that name configured things: a status by
// name, a team by name or id.
func (h *handler) lookups(ctx context.Context, q url.Values, f *store.TicketFilter, v *model.ValidationError) error {
	if name := q.Get("status"); name != "" {
		statuses, err := h.s.Tickets.Statuses(ctx)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(statuses, func(s model.Status) bool { return s.Name == name }) {
			v.Add("status", "error.status")
		}
		f.Status = name
	}
	if ref := q.Get("team"); ref != "" {
		id, err := h.teamID(ctx, ref)
		if err != nil {
			return err
		}
		if id <= 0 {
			v.Add("team", "error.unknown")
		}
		f.TeamID = id
	}
	return nil
}

// teamID finds a team by exact name, else by id when ref is a number; it
// returns -1, an id no team has, for an unknown team.
func (h *handler) teamID(ctx context.Context, ref string) (int64, error) {
	teams, err := h.s.Store.Teams(ctx)
	if err != nil {
		return 0, err
	}
	for _, t := range teams {
		if t.Name == ref {
			return t.ID, nil
		}
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		for _, t := range teams {
			if t.ID == id {
				return t.ID, nil
			}
		}
	}
	return -1, nil
}
