package desk

import (
	"errors"
	"net/http"

	"supportal/internal/macro"
	"supportal/internal/model"
	"supportal/internal/web"
)

// macroList shows the macros the agent may use and a form for a new one.
func (h *tplHandler) macroList(w http.ResponseWriter, r *http.Request) {
	h.renderMacros(w, r, http.StatusOK, &macroPage{Page: h.s.NewPage(r, "replytpl.macros.title")}, macro.Macro{}, false)
}

// macroCreate adds a macro: the agent's own, or a shared one when an
// admin asks for it.
func (h *tplHandler) macroCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	m, shared := readMacro(f)
	_, err = h.macros.Create(r.Context(), web.UserOf(r), m, shared)
	var bad *model.ValidationError
	if errors.As(err, &bad) {
		p := &macroPage{Page: h.s.NewPage(r, "replytpl.macros.title")}
		p.SetErrors(bad)
		h.renderMacros(w, r, http.StatusUnprocessableEntity, p, m, shared)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.replytpl.macro_saved")
	http.Redirect(w, r, "/desk/macros", http.StatusSeeOther)
}

// renderMacros writes the list with the new macro's form.
func (h *tplHandler) renderMacros(w http.ResponseWriter, r *http.Request, code int, p *macroPage, m macro.Macro, shared bool) {
	u := web.UserOf(r)
	list, err := h.macros.List(r.Context(), u)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	for _, m := range list {
		p.Macros = append(p.Macros, macroRow{Macro: m, Editable: !m.Shared() || u.IsAdmin()})
	}
	h.renderMacroForm(w, r, code, p, m, shared, "desk/macros")
}
