package admin

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/web"
)

// agentForm is what the admin typed into the new-agent form. The password
// is never shown again.
type agentForm struct {
	Email string
	Name  string
	Admin bool
	Teams []int64
}

// agentCreate adds an agent or admin in the chosen teams.
func (h *handler) agentCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p, err := h.overview(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := agentForm{Email: f.Trimmed("email"), Name: f.Trimmed("name"), Admin: f.Get("admin") != ""}
	names, bad := teamNames(f.Values["teams"], p.teams, &form)
	if bad.Err() != nil {
		h.agentFailed(w, r, p, form, bad)
		return
	}
	_, err = h.s.Accounts.CreateAgent(r.Context(), account.NewAgent{
		Email: form.Email, Name: form.Name, Admin: form.Admin, Teams: names, Password: f.Get("password"),
	})
	var verr *model.ValidationError
	switch {
	case errors.As(err, &verr):
		h.agentFailed(w, r, p, form, verr)
		return
	case errors.Is(err, model.ErrConflict):
		h.agentFailed(w, r, p, form, model.Invalid("email", "admin.error.email_taken"))
		return
	case err != nil:
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.admin.agent_created")
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

// agentFailed shows the overview again with the agent form's errors and
// what the admin typed; nothing was created.
func (h *handler) agentFailed(w http.ResponseWriter, r *http.Request, p *overviewPage, form agentForm, v *model.ValidationError) {
	p.Agent = form
	p.SetErrors(v)
	p.AgentErrors, p.Errors = p.Errors, nil
	h.render(w, r, http.StatusUnprocessableEntity, p)
}

// teamNames turns the checked team ids into the names CreateAgent takes,
// keeping the ids on the form. An id that is no team is an error, never
// a new team.
func teamNames(ids []string, teams []model.Team, form *agentForm) ([]string, *model.ValidationError) {
	bad := &model.ValidationError{}
	var names []string
	for _, s := range ids {
		id, _ := strconv.ParseInt(s, 10, 64)
		i := slices.IndexFunc(teams, func(t model.Team) bool { return t.ID == id })
		if i < 0 {
			bad.Add("teams", "error.option")
			continue
		}
		form.Teams = append(form.Teams, id)
		names = append(names, teams[i].Name)
	}
	return names, bad
}
