package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"supportal/internal/model"
	"supportal/internal/sla"
	"supportal/internal/slaclock"
	"supportal/internal/store"
	"supportal/internal/web"
)

// slaPages edit the support calendar and the service-level policies.
type slaPages struct {
	*handler
	clock *slaclock.Clock
}

// registerSLA adds the service-level pages.
func registerSLA(h *handler) {
	p := &slaPages{handler: h, clock: slaclock.New(h.s.Config.TimeZone)}
	r := h.s.Router()
	r.Page("GET /admin/sla", web.Admin, p.show)
	r.Page("POST /admin/sla/calendar", web.Admin, p.saveCalendar)
	r.Page("POST /admin/sla/policies", web.Admin, p.savePolicy)
	r.Page("POST /admin/sla/policies/{id}/delete", web.Admin, p.deletePolicy)
}

// slaPage is the calendar form, the policies and the form for a policy.
type slaPage struct {
	*web.Page
	Calendar   slaclock.Settings
	Policies   []slaPolicyRow
	Contract   web.Select
	Priority   web.Select
	First      string
	Resolution string
}

// slaPolicyRow is a policy as the table shows it.
type slaPolicyRow struct {
	ID         int64
	Scope      string // "" for the general policy
	Priority   string
	First      string
	Resolution string
}

// slaForm is the policy form as typed.
type slaForm struct {
	Contract, Priority, First, Resolution string
}

func (h *slaPages) show(w http.ResponseWriter, r *http.Request) {
	s, err := slaclock.ReadSettings(r.Context(), &h.s.Store.Queries)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, s, slaForm{}, nil)
}

// render shows the page with the calendar c, the policy form f and the
// errors of the form that was sent.
func (h *slaPages) render(w http.ResponseWriter, r *http.Request, code int, c slaclock.Settings, f slaForm, verr *model.ValidationError) {
	ctx := r.Context()
	p := &slaPage{Page: h.s.NewPage(r, "sla.title"), Calendar: c, First: f.First, Resolution: f.Resolution}
	if verr != nil {
		p.SetErrors(verr)
	}
	policies, err := h.s.Store.SLAPolicies(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	for _, x := range policies {
		row := slaPolicyRow{ID: x.ID, Priority: p.T("sla.every_priority"), First: slaclock.FormatTarget(x.FirstResponseMinutes),
			Resolution: slaclock.FormatTarget(x.ResolutionMinutes)}
		if x.Priority != "" {
			row.Priority = p.Option(model.FieldPriority, x.Priority)
		}
		if x.ContractID != 0 {
			row.Scope = x.OrgName + " – " + x.ContractName
		}
		p.Policies = append(p.Policies, row)
	}
	if p.Contract, p.Priority, err = h.selects(ctx, p.Page, f); err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, code, "admin/sla", p)
}

// selects builds the contract and priority choices of the policy form.
func (h *slaPages) selects(ctx context.Context, p *web.Page, f slaForm) (contract, priority web.Select, err error) {
	contracts, err := h.s.Store.ContractChoices(ctx)
	if err != nil {
		return contract, priority, err
	}
	contract = web.Select{Name: "contract", Label: p.T("sla.field.contract"), Error: p.Errors["contract"],
		Choices: []web.Choice{{Value: "0", Label: p.T("sla.general"), Selected: f.Contract == "" || f.Contract == "0"}}}
	for _, c := range contracts {
		v := strconv.FormatInt(c.ID, 10)
		contract.Choices = append(contract.Choices, web.Choice{Value: v, Label: c.OrgName + " – " + c.Name, Selected: f.Contract == v})
	}
	priorities, err := h.priorities(ctx)
	if err != nil {
		return contract, priority, err
	}
	priority = web.Select{Name: "priority", Label: p.T("field.priority"), Error: p.Errors["priority"],
		Choices: []web.Choice{{Value: "", Label: p.T("sla.every_priority"), Selected: f.Priority == ""}}}
	for _, v := range priorities {
		priority.Choices = append(priority.Choices, web.Choice{Value: v, Label: p.Option(model.FieldPriority, v), Selected: f.Priority == v})
	}
	return contract, priority, nil
}

// priorities lists the configured priorities in their order.
func (h *slaPages) priorities(ctx context.Context) ([]string, error) {
	opts, err := h.s.Store.Options(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, o := range opts {
		if o.Field == model.FieldPriority {
			out = append(out, o.Value)
		}
	}
	return out, nil
}

// saveCalendar stores the support calendar and moves the due times of
// every open ticket to it. A calendar that does not parse, or that never
// works, is refused and changes nothing.
func (h *slaPages) saveCalendar(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	c := slaclock.Settings{Hours: f.Trimmed("hours"), Holidays: f.Get("holidays"), GermanHolidays: f.Get("german_holidays") == "1"}
	v := &model.ValidationError{}
	if _, err := h.clock.Calendar(c, store.Now().Year()); err != nil {
		if _, herr := slaclock.ParseHolidays(c.Holidays); herr != nil {
			v.Add("holidays", "sla.error.holidays")
		} else if errors.Is(err, sla.ErrNeverWorks) {
			v.Add("hours", "sla.error.never")
		} else {
			v.Add("hours", "sla.error.hours")
		}
	}
	if v.Err() != nil {
		h.render(w, r, http.StatusUnprocessableEntity, c, slaForm{}, v)
		return
	}
	german := ""
	if c.GermanHolidays {
		german = "1"
	}
	err = h.s.Store.InTx(r.Context(), func(q *store.Queries) error {
		for key, value := range map[string]string{slaclock.SettingHours: c.Hours, slaclock.SettingHolidays: c.Holidays, slaclock.SettingGermanHolidays: german} {
			if err := q.SetSetting(r.Context(), key, value); err != nil {
				return err
			}
		}
		return nil
	})
	h.refreshed(w, r, err, "flash.sla.calendar_saved")
}

// savePolicy stores the targets for a priority and contract, replacing
// those there were.
func (h *slaPages) savePolicy(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	in := slaForm{Contract: f.Trimmed("contract"), Priority: f.Trimmed("priority"), First: f.Trimmed("first_response"), Resolution: f.Trimmed("resolution")}
	p, v, err := h.policyOf(ctx, in)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if v.Err() != nil {
		c, err := slaclock.ReadSettings(ctx, &h.s.Store.Queries)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		h.render(w, r, http.StatusUnprocessableEntity, c, in, v)
		return
	}
	h.refreshed(w, r, h.s.Store.SaveSLAPolicy(ctx, p), "flash.sla.policy_saved")
}

// policyOf checks the policy form against the configured priorities and
// the contracts there are.
func (h *slaPages) policyOf(ctx context.Context, in slaForm) (store.SLAPolicy, *model.ValidationError, error) {
	v := &model.ValidationError{}
	p := store.SLAPolicy{Priority: in.Priority}
	var err error
	if p.FirstResponseMinutes, err = slaclock.ParseTarget(in.First); err != nil {
		v.Add("first_response", "sla.error.target")
	}
	if p.ResolutionMinutes, err = slaclock.ParseTarget(in.Resolution); err != nil {
		v.Add("resolution", "sla.error.target")
	}
	if v.Err() == nil && p.FirstResponseMinutes == 0 && p.ResolutionMinutes == 0 {
		v.Add("first_response", "sla.error.no_target")
	}
	priorities, err := h.priorities(ctx)
	if err != nil {
		return p, nil, err
	}
	if p.Priority != "" && !slices.Contains(priorities, p.Priority) {
		v.Add("priority", "error.option")
	}
	if in.Contract != "" && in.Contract != "0" {
		id, perr := strconv.ParseInt(in.Contract, 10, 64)
		if _, err := h.s.Store.Contract(ctx, id); perr != nil || errors.Is(err, model.ErrNotFound) {
			v.Add("contract", "error.option")
		} else if err != nil {
			return p, nil, err
		}
		p.ContractID = id
	}
	return p, v, nil
}

// deletePolicy removes a policy; tickets it covered fall back to the next
// policy that applies.
func (h *slaPages) deletePolicy(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.s.NotFound(w, r)
		return
	}
	h.refreshed(w, r, h.s.Store.DeleteSLAPolicy(r.Context(), id), "flash.sla.policy_deleted")
}

// refreshed finishes a change of the calendar or the policies: after a
// change that was stored (err nil), every open ticket's due times are
// computed afresh and the page is shown again with the flash.
func (h *slaPages) refreshed(w http.ResponseWriter, r *http.Request, err error, flash string) {
	if err == nil {
		_, err = h.clock.RefreshAll(r.Context(), h.s.Store)
	}
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: service levels: %w", err))
		return
	}
	web.Flash(w, flash)
	http.Redirect(w, r, "/admin/sla", http.StatusSeeOther)
}
