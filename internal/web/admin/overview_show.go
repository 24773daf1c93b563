package admin

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// overviewPage is the data of the admin overview with its two forms.
type overviewPage struct {
	*web.Page
	Engine    string
	BaseURL   string
	Language  string
	MaxUpload int64
	TimeZone  string
	Teams     []teamView
	Agents    []agentView
	Orgs      []*store.OrgSummary
	Statuses  []model.Status

	Agent       agentForm
	TeamChoices []teamChoice
	AgentErrors map[string]string
	Org         orgForm
	OrgErrors   map[string]string

	teams []model.Team
}

// teamView is a team with the names of its members.
type teamView struct {
	model.Team
	Members []string
}

// agentView is an agent with the names of its teams.
type agentView struct {
	*model.User
	Teams []string
}

// teamChoice is a checkbox of the agent form.
type teamChoice struct {
	ID      int64
	Name    string
	Checked bool
}

// overviewShow shows the admin overview.
func (h *handler) overviewShow(w http.ResponseWriter, r *http.Request) {
	p, err := h.overview(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, p)
}

// overview loads what the overview shows, with empty forms.
func (h *handler) overview(r *http.Request) (*overviewPage, error) {
	ctx := r.Context()
	cfg := h.s.Config
	p := &overviewPage{Page: h.s.NewPage(r, "admin.title"), Engine: h.s.Store.Dialect(), BaseURL: cfg.BaseURL,
		Language: cfg.DefaultLanguage, MaxUpload: cfg.MaxUpload}
	p.TimeZone = timeZone(p.Page, cfg.TimeZone)
	var err error
	if p.teams, err = h.s.Store.Teams(ctx); err != nil {
		return nil, fmt.Errorf("admin: teams: %w", err)
	}
	agents, err := h.s.Store.Agents(ctx)
	if err != nil {
		return nil, fmt.Errorf("admin: agents: %w", err)
	}
	if p.Orgs, err = h.s.Store.OrgSummaries(ctx); err != nil {
		return nil, fmt.Errorf("admin: organizations: %w", err)
	}
	if p.Statuses, err = h.s.Tickets.Statuses(ctx); err != nil {
		return nil, fmt.Errorf("admin: statuses: %w", err)
	}
	for _, t := range p.teams {
		tv := teamView{Team: t}
		for _, a := range agents {
			if slices.Contains(a.TeamIDs, t.ID) {
				tv.Members = append(tv.Members, a.Name)
			}
		}
		p.Teams = append(p.Teams, tv)
	}
	for _, a := range agents {
		av := agentView{User: a}
		for _, t := range p.teams {
			if slices.Contains(a.TeamIDs, t.ID) {
				av.Teams = append(av.Teams, t.Name)
			}
		}
		p.Agents = append(p.Agents, av)
	}
	return p, nil
}

// timeZone names the zone dates are shown in.
func timeZone(p *web.Page, loc *time.Location) string {
	if loc == nil || loc == time.Local {
		zone, _ := time.Now().Zone()
		return p.T("admin.instance.server_time_zone", "Zone", zone)
	}
	return loc.String()
}

// render fills the team checkboxes from the agent form and writes the page.
func (h *handler) render(w http.ResponseWriter, r *http.Request, code int, p *overviewPage) {
	for _, t := range p.teams {
		p.TeamChoices = append(p.TeamChoices, teamChoice{ID: t.ID, Name: t.Name, Checked: slices.Contains(p.Agent.Teams, t.ID)})
	}
	h.s.Render(w, r, code, "admin/overview", p)
}

// input is a labelled input of one of the page's forms.
type input struct {
	ID, Name, Label, Type, Value, Error string
}

// AgentField describes an input of the agent form for the template.
func (p *overviewPage) AgentField(name, labelKey, typ, value string) input {
	return input{ID: "agent-" + name, Name: name, Label: p.T(labelKey), Type: typ, Value: value, Error: p.AgentErrors[name]}
}

// OrgField describes an input of the organization form for the template.
func (p *overviewPage) OrgField(name, labelKey, typ, value string) input {
	return input{ID: "org-" + name, Name: name, Label: p.T(labelKey), Type: typ, Value: value, Error: p.OrgErrors[name]}
}
