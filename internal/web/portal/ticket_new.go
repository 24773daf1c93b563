package portal

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// ticketValues are what the new-ticket form holds.
type ticketValues struct {
	Subject, Body                           string
	Type, Priority, Impact, Module, Version string
	CopyToMe                                bool           // mail the contact a copy of what they wrote
	Custom                                  map[string]any // custom fields by key, as typed
}

// ticketValuesOf reads the new-ticket form.
func ticketValuesOf(f *web.Form) ticketValues {
	return ticketValues{
		Subject: f.Get("subject"), Body: f.Get("body"),
		Type: f.Trimmed(model.FieldType), Priority: f.Trimmed(model.FieldPriority), Impact: f.Trimmed(model.FieldImpact),
		Module: f.Trimmed(model.FieldModule), Version: f.Trimmed(model.FieldVersion),
		CopyToMe: f.Get("copy_to_me") != "",
	}
}

// field returns the value of an option field.
func (v ticketValues) field(name string) string {
	return map[string]string{
		model.FieldType: v.Type, model.FieldPriority: v.Priority, model.FieldImpact: v.Impact,
		model.FieldModule: v.Module, model.FieldVersion: v.Version,
	}[name]
}

// newTicketPage is the data of the new-ticket form.
type newTicketPage struct {
	*web.Page
	Values  ticketValues
	Selects []selectField
	Custom  []web.CustomInput
	Files   filesField
}

// ticketNew shows the form that opens a ticket.
func (h *handler) ticketNew(w http.ResponseWriter, r *http.Request) {
	h.showTicketForm(w, r, http.StatusOK, ticketValues{}, nil, nil)
}

// showTicketForm renders the new-ticket form with values, the files kept
// from an earlier attempt, and the field errors errs (translated).
func (h *handler) showTicketForm(w http.ResponseWriter, r *http.Request, status int, v ticketValues, kept []*model.Attachment, errs map[string]string) {
	p := &newTicketPage{Page: h.s.NewPage(r, "portal.new.title"), Values: v}
	if len(errs) > 0 {
		p.Errors = errs
		p.FormError = p.T("error.form")
	}
	opts, err := h.s.Tickets.Options(r.Context())
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Selects = optionSelects(p.Page, opts, v.field)
	p.Custom = customInputs(p.Page, v.Custom)
	p.Files = newFilesField(p.Page, "new", h.s.Tickets.MaxUpload(), kept)
	h.s.Render(w, r, status, "portal/ticket_new", p)
}
