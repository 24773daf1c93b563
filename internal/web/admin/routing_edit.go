package admin

import (
	"errors"
	"fmt"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/routing"
	"supportal/internal/web"
)

// routingEdit shows the form of a stored rule.
func (h *routingHandler) routingEdit(w http.ResponseWriter, r *http.Request) {
	rule, err := h.rule(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.renderEdit(w, r, http.StatusOK, h.editPage(r, rule), *rule)
}

// routingUpdate changes a rule; its place in the order stays.
func (h *routingHandler) routingUpdate(w http.ResponseWriter, r *http.Request) {
	rule, err := h.rule(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	typed := readRule(f)
	typed.ID = rule.ID
	err = h.routing.Update(r.Context(), web.UserOf(r), typed)
	var bad *model.ValidationError
	if errors.As(err, &bad) {
		p := h.editPage(r, rule)
		p.SetErrors(bad)
		h.renderEdit(w, r, http.StatusUnprocessableEntity, p, typed)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "routing.flash.saved")
	http.Redirect(w, r, "/admin/routing", http.StatusSeeOther)
}

// routingDelete removes a rule.
func (h *routingHandler) routingDelete(w http.ResponseWriter, r *http.Request) {
	rule, err := h.rule(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := h.routing.Delete(r.Context(), web.UserOf(r), rule.ID); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "routing.flash.deleted")
	http.Redirect(w, r, "/admin/routing", http.StatusSeeOther)
}

// routingMove moves a rule one place up or down in the order.
func (h *routingHandler) routingMove(w http.ResponseWriter, r *http.Request) {
	rule, err := h.rule(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	dir := f.Get("direction")
	if dir != "up" && dir != "down" {
		p := h.page(r, "routing.title")
		p.FormError = p.T("routing.error.direction")
		h.renderList(w, r, http.StatusUnprocessableEntity, p, routing.Rule{Active: true})
		return
	}
	if err := h.routing.Move(r.Context(), web.UserOf(r), rule.ID, dir == "up"); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "routing.flash.moved")
	http.Redirect(w, r, "/admin/routing", http.StatusSeeOther)
}

// rule loads the rule named by the path; a bad id is not found.
func (h *routingHandler) rule(r *http.Request) (*routing.Rule, error) {
	id, ok := pathID(r)
	if !ok {
		return nil, model.ErrNotFound
	}
	rule, err := h.routing.Rule(r.Context(), web.UserOf(r), id)
	if err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	return rule, nil
}

func (h *routingHandler) editPage(r *http.Request, rule *routing.Rule) *routingPage {
	p := h.page(r, "routing.edit_title", "Name", rule.Name)
	p.Rule = rule
	return p
}

// renderEdit writes the form of a stored rule showing form.
func (h *routingHandler) renderEdit(w http.ResponseWriter, r *http.Request, code int, p *routingPage, form routing.Rule) {
	c, err := h.routing.Choices(r.Context())
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: routing: %w", err))
		return
	}
	fillForm(p, form, c)
	h.s.Render(w, r, code, "admin/routing_form", p)
}
