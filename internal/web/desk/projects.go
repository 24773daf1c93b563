package desk

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/project"
	"supportal/internal/ticket"
	"supportal/internal/web"
	"supportal/internal/web/recordview"
)

// The project pages: an organization's projects with the form that adds
// one, a project with its milestones and tickets and the forms that
// change them, and the form on the ticket page that puts the ticket into
// a project of its organization.

// projectPages serves the project pages.
type projectPages struct {
	*handler
	projects *project.Service
}

// registerProjectPages adds the project pages.
func registerProjectPages(h *handler) {
	pp := &projectPages{handler: h, projects: project.New(h.s.Store, h.s.Tickets, h.s.Config.TimeZone)}
	r := h.s.Router()
	r.Page("GET /desk/orgs/{id}/projects", web.Agent, pp.orgProjects)
	r.Page("POST /desk/orgs/{id}/projects", web.Agent, pp.create)
	r.Page("GET /desk/projects/{id}", web.Agent, pp.show)
	r.Page("POST /desk/projects/{id}", web.Agent, pp.update)
	r.Page("POST /desk/projects/{id}/milestones", web.Agent, pp.addMilestone)
	r.Page("POST /desk/projects/{id}/milestones/{milestone}", web.Agent, pp.setMilestone)
	r.Page("POST /desk/tickets/{number}/project", web.Agent, pp.setTicketProject)
}

// orgProjectsPage lists an organization's projects with the form that
// adds one.
type orgProjectsPage struct {
	*web.Page
	Org      *model.Organization
	Projects []*model.Project
	Input    project.Input
	Statuses []recordview.Choice
}

func (h *projectPages) orgProjects(w http.ResponseWriter, r *http.Request) {
	o, ok := h.orgOf(w, r)
	if !ok {
		return
	}
	p := &orgProjectsPage{Page: h.s.NewPage(r, "projects.desk.title", "Org", o.Name), Org: o, Input: project.Input{Status: string(model.ProjectPlanned)}}
	h.renderOrgProjects(w, r, http.StatusOK, p)
}

func (h *projectPages) renderOrgProjects(w http.ResponseWriter, r *http.Request, code int, p *orgProjectsPage) {
	list, err := h.projects.List(r.Context(), web.UserOf(r), p.Org.ID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Projects = list
	p.Statuses = recordview.StatusChoices(p.Page, p.Input.Status)
	h.s.Render(w, r, code, "desk/projects", p)
}

func projectInput(f *web.Form) project.Input {
	return project.Input{Name: f.Get("name"), Description: f.Get("description"), Status: f.Get("status")}
}

// create adds a project to the organization and opens it.
func (h *projectPages) create(w http.ResponseWriter, r *http.Request) {
	o, f, ok := h.orgForm(w, r)
	if !ok {
		return
	}
	in := projectInput(f)
	pid, err := h.projects.Create(r.Context(), web.UserOf(r), o.ID, in)
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		p := &orgProjectsPage{Page: h.s.NewPage(r, "projects.desk.title", "Org", o.Name), Org: o, Input: in}
		p.SetErrors(verr)
		h.renderOrgProjects(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.projects.created")
	http.Redirect(w, r, "/desk/projects/"+id(pid), http.StatusSeeOther)
}

// projectPage is a project with its milestones and tickets.
type projectPage struct {
	*web.Page
	Project    *model.Project
	Input      project.Input
	Statuses   []recordview.Choice
	Milestones []recordview.Milestone
	Tickets    []*model.Ticket
	More       bool // the project has more tickets than listed
}

func (h *projectPages) show(w http.ResponseWriter, r *http.Request) {
	h.renderProject(w, r, http.StatusOK, nil, nil)
}

func (h *projectPages) renderProject(w http.ResponseWriter, r *http.Request, code int, in *project.Input, verr *model.ValidationError) {
	ctx := r.Context()
	u := web.UserOf(r)
	pr, ms, err := h.projects.Project(ctx, u, recordID(r, "id"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	page, err := h.projects.Tickets(ctx, u, pr, "")
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &projectPage{Page: h.s.NewPage(r, "projects.desk.project", "Name", pr.Name), Project: pr, Tickets: page.Tickets, More: page.Next != "",
		Input: project.Input{Name: pr.Name, Description: pr.Description, Status: string(pr.Status)}}
	if in != nil {
		p.Input = *in
	}
	if verr != nil {
		p.SetErrors(verr)
	}
	p.Statuses = recordview.StatusChoices(p.Page, p.Input.Status)
	p.Milestones = recordview.Milestones(p.Page, ms)
	h.s.Render(w, r, code, "desk/project", p)
}

// update changes the project's name, description and status.
func (h *projectPages) update(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	in := projectInput(f)
	pid := recordID(r, "id")
	err = h.projects.Update(r.Context(), web.UserOf(r), pid, in)
	h.done(w, r, pid, err, &in, "flash.projects.saved")
}

// addMilestone adds a milestone to the project.
func (h *projectPages) addMilestone(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	pid := recordID(r, "id")
	err = h.projects.AddMilestone(r.Context(), web.UserOf(r), pid, f.Get("title"), f.Get("due"))
	h.done(w, r, pid, err, nil, "flash.projects.milestone")
}

// setMilestone marks a milestone done or open again.
func (h *projectPages) setMilestone(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	pid := recordID(r, "id")
	err = h.projects.SetMilestoneDone(r.Context(), web.UserOf(r), pid, recordID(r, "milestone"), f.Get("done") == "1")
	h.done(w, r, pid, err, nil, "flash.projects.milestone")
}

// done ends a POST on a project: the page again with the errors of bad
// input, else back to the project with a notice.
func (h *projectPages) done(w http.ResponseWriter, r *http.Request, pid int64, err error, in *project.Input, flash string) {
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		h.renderProject(w, r, http.StatusUnprocessableEntity, in, verr)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, flash)
	http.Redirect(w, r, "/desk/projects/"+id(pid), http.StatusSeeOther)
}

// setTicketProject puts the ticket into a project of its organization,
// or takes it out of any (project empty).
func (h *projectPages) setTicketProject(w http.ResponseWriter, r *http.Request) {
	number, err := ticket.ParseNumber(r.PathValue("number"))
	if err != nil {
		h.s.NotFound(w, r)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := h.projects.SetTicketProject(r.Context(), web.UserOf(r), number, f.Int64("project")); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.projects.ticket")
	http.Redirect(w, r, "/desk/tickets/"+id(number), http.StatusSeeOther)
}
