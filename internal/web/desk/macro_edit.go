package desk

import (
	"errors"
	"net/http"

	"supportal/internal/macro"
	"supportal/internal/model"
	"supportal/internal/web"
)

// macroEdit shows the form of a macro the agent may change.
func (h *tplHandler) macroEdit(w http.ResponseWriter, r *http.Request) {
	m, err := h.editableMacro(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.renderMacroForm(w, r, http.StatusOK, h.macroEditPage(r, m), *m, m.Shared(), "desk/macro_form")
}

// macroUpdate changes a macro; its owner stays.
func (h *tplHandler) macroUpdate(w http.ResponseWriter, r *http.Request) {
	m, err := h.editableMacro(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	typed, _ := readMacro(f)
	typed.ID, typed.OwnerID = m.ID, m.OwnerID
	err = h.macros.Update(r.Context(), web.UserOf(r), typed)
	var bad *model.ValidationError
	if errors.As(err, &bad) {
		p := h.macroEditPage(r, m)
		p.SetErrors(bad)
		h.renderMacroForm(w, r, http.StatusUnprocessableEntity, p, typed, m.Shared(), "desk/macro_form")
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.replytpl.macro_saved")
	http.Redirect(w, r, "/desk/macros", http.StatusSeeOther)
}

// macroDelete removes a macro.
func (h *tplHandler) macroDelete(w http.ResponseWriter, r *http.Request) {
	m, err := h.editableMacro(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := h.macros.Delete(r.Context(), web.UserOf(r), m.ID); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.replytpl.macro_deleted")
	http.Redirect(w, r, "/desk/macros", http.StatusSeeOther)
}

// editableMacro loads the macro of the path that the agent may change.
func (h *tplHandler) editableMacro(r *http.Request) (*macro.Macro, error) {
	n, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return h.macros.Editable(r.Context(), web.UserOf(r), n)
}

func (h *tplHandler) macroEditPage(r *http.Request, m *macro.Macro) *macroPage {
	return &macroPage{Page: h.s.NewPage(r, "replytpl.macros.edit_title", "Name", m.Name), Macro: m}
}
