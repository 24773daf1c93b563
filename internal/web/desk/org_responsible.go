package desk

import (
	"context"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/routing"
	"supportal/internal/web"
)

// orgResponsible sets the agent responsible for an organization, to whom
// its new tickets go when no routing rule assigns anyone.
func (h *handler) orgResponsible(w http.ResponseWriter, r *http.Request) {
	o, f, ok := h.orgForm(w, r)
	if !ok {
		return
	}
	err := routing.New(h.s.Store).SetResponsible(r.Context(), web.UserOf(r), o.ID, f.Int64("responsible_agent"))
	h.orgDone(w, r, o, err, "routing.flash.responsible", func(*orgPage) (string, string) {
		return o.DefaultRole, model.RoleMember
	})
}

// responsibleSelect offers the active agents (and the one set, if no
// longer active) as the organization's responsible agent.
func (h *handler) responsibleSelect(ctx context.Context, p *orgPage) (selectField, error) {
	agents, err := h.s.Store.Agents(ctx)
	if err != nil {
		return selectField{}, err
	}
	var offered []*model.User
	for _, a := range agents {
		if a.Active || a.ID == p.Org.ResponsibleAgentID {
			offered = append(offered, a)
		}
	}
	selected := ""
	if p.Org.ResponsibleAgentID != 0 {
		selected = id(p.Org.ResponsibleAgentID)
	}
	return selectField{Name: "responsible_agent", ID: "org-responsible", Label: p.T("routing.responsible.title"),
		Error: p.Errors["responsible_agent"], Choices: lead("", p.T("routing.responsible.none"), selected, agentChoices(offered, selected))}, nil
}
