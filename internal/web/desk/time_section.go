package desk

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/timelog"
	"supportal/internal/web"
)

// The time pages: the "Time" section of a ticket lists the time agents
// worked on it and logs more; a billable entry books units on the
// contract of the ticket's organization (package timelog).

// registerTimePages adds the forms of the time section.
func registerTimePages(h *handler) {
	r := h.s.Router()
	r.Page("POST /desk/tickets/{number}/time", web.Agent, h.timeCreate)
	r.Page("POST /desk/tickets/{number}/time/{id}/delete", web.Agent, h.timeDelete)
}

// timeSection is the time section of the ticket page.
type timeSection struct {
	Entries  []timeRow
	Total    string // all time worked, formatted
	Billable string // the billable part of it
	Form     timeForm
	Errors   map[string]string // by field, translated
}

// timeRow is one entry as the page shows it.
type timeRow struct {
	store.TimeEntry
	Duration  string
	CanDelete bool
}

// timeForm is the form that logs time, as typed.
type timeForm struct {
	Duration string
	WorkedAt string
	Note     string
	Billable bool
}

// input is the form as the service reads it.
func (f timeForm) input() timelog.Input {
	return timelog.Input{Duration: f.Duration, WorkedAt: f.WorkedAt, Note: f.Note, Billable: f.Billable}
}

// timeFormOf reads the form of a request.
func timeFormOf(f *web.Form) timeForm {
	return timeForm{Duration: f.Get("duration"), WorkedAt: f.Get("worked_at"), Note: f.Get("note"), Billable: f.Get("billable") != ""}
}

// timeSectionOf lists the entries of t for the agent u. The form starts
// billable when the ticket has an organization.
func (h *handler) timeSectionOf(ctx context.Context, p *web.Page, u *model.User, t *model.Ticket) (timeSection, error) {
	sec := timeSection{Form: timeForm{Billable: t.OrgID != 0}}
	list, err := h.time.Entries(ctx, u, t)
	if err != nil {
		return sec, fmt.Errorf("desk: time of ticket %d: %w", t.Number, err)
	}
	var total, billable int64
	for _, e := range list {
		sec.Entries = append(sec.Entries, timeRow{TimeEntry: e, Duration: duration(p, e.Minutes), CanDelete: timelog.MayDelete(u, &e)})
		total += e.Minutes
		if e.Billable {
			billable += e.Minutes
		}
	}
	sec.Total, sec.Billable = duration(p, total), duration(p, billable)
	return sec, nil
}

// duration writes minutes as hours and minutes in the page's language.
func duration(p *web.Page, minutes int64) string {
	return p.T("time.duration", "Hours", minutes/60, "Minutes", minutes%60)
}

// failTime shows the time form's errors, keeping what the agent typed.
func (p *ticketPage) failTime(form timeForm, v *model.ValidationError) {
	p.Time.Form = form
	p.SetErrors(v)
	p.Time.Errors, p.Errors = p.Errors, nil
}
