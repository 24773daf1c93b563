package desk

import (
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// maxBulk is how many tickets one bulk action may change.
const maxBulk = 100

// Bulk actions: the value of the pressed button ("do").
const (
	bulkStatus   = "status"
	bulkTeam     = "team"
	bulkAssignee = "assignee"
	bulkMerge    = "merge"
)

// listKeys are the list's URL parameters a bulk action carries back.
var listKeys = []string{"category", "status", "q", "team", "assignee", "sort", "limit", "cursor"}

// bulkTools is the list's toolbar: the selects of the bulk actions and
// the list's own query, to return to it afterwards.
type bulkTools struct {
	List     string // the list's query, encoded
	Status   selectField
	Team     selectField
	Assignee selectField
}

// bulkToolsOf builds the toolbar of the list page p.
func bulkToolsOf(p *web.Page, q listQuery, ls *lists) bulkTools {
	v := q.values()
	if q.Cursor != "" {
		v.Set("cursor", q.Cursor)
	}
	field := func(name, label string, c []choice) selectField {
		return selectField{Name: name, ID: "bulk-" + name, Label: p.T(label), Choices: c}
	}
	return bulkTools{
		List:   v.Encode(),
		Status: field("status", "field.status", statusChoices(p, ls.statuses, "")),
		Team:   field("team", "field.team", teamChoices(ls.teams, "")),
		Assignee: field("assignee", "field.assignee", lead("me", p.T("levels.bulk.me"), "",
			lead(assigneeNone, p.T("desk.ticket.nobody"), "", agentChoices(ls.activeAgents(), "")))),
	}
}

// listURLOf is the list's address for a query a form carried back; only
// the list's own parameters pass.
func listURLOf(encoded string) string {
	in, _ := url.ParseQuery(encoded)
	out := url.Values{}
	for _, k := range listKeys {
		if val := in.Get(k); val != "" {
			out.Set(k, val)
		}
	}
	if len(out) == 0 {
		return "/desk/tickets"
	}
	return "/desk/tickets?" + out.Encode()
}

// bulkPage reports a bulk action that did not change every ticket.
type bulkPage struct {
	*web.Page
	Changed  []int64
	Denied   []int64 // tickets the agent may not change (or that do not exist)
	Failures []bulkFailure
	Back     string
}

// bulkFailure is a ticket a bulk action refused, with why.
type bulkFailure struct {
	Number int64
	Reason string
}

// ticketBulk applies one action to the tickets selected in the list. Each
// ticket goes through the same service call, with the same checks, as a
// change on its own page; one that fails does not undo the others. When
// all changed it returns to the list with its filters; otherwise it
// lists each ticket that did not change and why.
func (h *handler) ticketBulk(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	back := listURLOf(f.Get("list"))
	p := &bulkPage{Page: h.s.NewPage(r, "levels.bulk.title"), Back: back}
	numbers, bad := bulkNumbers(f.Values["ticket"])
	do := f.Get("do")
	if !slices.Contains([]string{bulkStatus, bulkTeam, bulkAssignee, bulkMerge}, do) {
		bad.Add("do", "error.option")
	}
	if bad.Err() != nil {
		p.SetErrors(bad)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "desk/ticket_bulk", p)
		return
	}
	apply, bad := h.bulkAction(r, f, do, numbers)
	if bad.Err() != nil {
		p.SetErrors(bad)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "desk/ticket_bulk", p)
		return
	}
	for _, n := range numbers {
		err := apply(n)
		var verr *model.ValidationError
		switch {
		case err == nil:
			p.Changed = append(p.Changed, n)
		case errors.Is(err, model.ErrNotFound), errors.Is(err, model.ErrForbidden):
			p.Denied = append(p.Denied, n)
		case errors.As(err, &verr):
			p.Failures = append(p.Failures, bulkFailure{Number: n, Reason: p.reasons(verr)})
		case errors.Is(err, errSkip):
		default:
			h.s.Error(w, r, err)
			return
		}
	}
	if len(p.Denied) == 0 && len(p.Failures) == 0 {
		web.Flash(w, "flash.levels.bulk_done")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	h.s.Render(w, r, http.StatusOK, "desk/ticket_bulk", p)
}

// errSkip marks the target of a merge, which stays as it is.
var errSkip = errors.New("desk: bulk: skipped")

// bulkNumbers reads the selected ticket numbers, each once, at most
// maxBulk of them.
func bulkNumbers(values []string) ([]int64, *model.ValidationError) {
	bad := &model.ValidationError{}
	var out []int64
	for _, s := range values {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || n <= 0 {
			bad.Add("ticket", "error.unknown")
			continue
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	switch {
	case len(out) == 0 && bad.Err() == nil:
		bad.Add("ticket", "levels.error.bulk_none")
	case len(out) > maxBulk:
		bad.Add("ticket", "levels.error.bulk_many")
	}
	return out, bad
}

// bulkAction returns the change of one ticket that action do of form f
// asks for.
func (h *handler) bulkAction(r *http.Request, f *web.Form, do string, numbers []int64) (func(int64) error, *model.ValidationError) {
	ctx, u := r.Context(), web.UserOf(r)
	bad := &model.ValidationError{}
	update := func(p ticket.UpdateParams) func(int64) error {
		return func(n int64) error {
			_, err := h.s.Tickets.Update(ctx, u, n, p)
			return err
		}
	}
	switch do {
	case bulkStatus:
		status := f.Trimmed("status")
		p := ticket.UpdateParams{Status: &status}
		if reason := f.Get("waiting_reason"); strings.TrimSpace(reason) != "" {
			p.WaitingReason = &reason
		}
		return update(p), bad
	case bulkTeam:
		team := f.Int64("team")
		if team == 0 {
			bad.Add("team", "levels.error.team")
		}
		return update(ticket.UpdateParams{TeamID: &team}), bad
	case bulkAssignee:
		var who int64
		switch s := f.Trimmed("assignee"); s {
		case "me":
			who = u.ID
		case assigneeNone:
		default:
			if who = f.Int64("assignee"); who == 0 {
				bad.Add("assignee", "error.unknown")
			}
		}
		return update(ticket.UpdateParams{AssigneeID: &who}), bad
	}
	into := f.Int64("into")
	if !slices.Contains(numbers, into) {
		bad.Add("into", "levels.error.merge_target")
	}
	return func(n int64) error {
		if n == into {
			return errSkip
		}
		_, err := h.s.Tickets.Merge(ctx, u, n, into)
		return err
	}, bad
}

// reasons words a refused change of one ticket: each field's message.
func (p *bulkPage) reasons(v *model.ValidationError) string {
	var out []string
	for _, field := range slices.Sorted(maps.Keys(v.Fields)) {
		out = append(out, p.T(v.Fields[field]))
	}
	return strings.Join(out, " ")
}
