package ticket

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"supportal/internal/model"
	"supportal/internal/plaintext"
)

// Limits of custom field values.
const (
	MaxCustomText     = 500
	MaxCustomLongText = 10_000
	maxCustomKey      = 64 // a longer unknown key is reported as "custom_fields"
)

// modelCache keeps the last ticket model read; a reader checks its version
// against the database (one read of a setting) before using it, so every
// server instance sees an admin's change with the next request.
type modelCache struct {
	mu sync.Mutex
	m  *model.TicketModel
}

// Model returns the ticket model: statuses, option values and custom
// fields. The result is shared between requests and must not be changed.
func (s *Service) Model(ctx context.Context) (*model.TicketModel, error) {
	v, err := s.st.TicketModelVersion(ctx)
	if err != nil {
		return nil, err
	}
	s.models.mu.Lock()
	cur := s.models.m
	s.models.mu.Unlock()
	if cur != nil && cur.Version == v {
		return cur, nil
	}
	m, err := s.st.TicketModel(ctx)
	if err != nil {
		return nil, err
	}
	s.models.mu.Lock()
	s.models.m = m
	s.models.mu.Unlock()
	return m, nil
}

// ContactModel is the ticket model as a contact may learn it: the option
// values it may choose and the custom fields it may see. Staff get the
// whole model.
func (s *Service) ContactModel(ctx context.Context, u *model.User) (*model.TicketModel, error) {
	m, err := s.Model(ctx)
	if err != nil || !u.IsContact() {
		return m, err
	}
	out := &model.TicketModel{Version: m.Version, Statuses: m.Statuses}
	for _, o := range m.Options {
		if o.ContactSelectable {
			out.Options = append(out.Options, o)
		}
	}
	for _, f := range m.Fields {
		if f.Active && f.ContactVisible {
			out.Fields = append(out.Fields, f)
		}
	}
	return out, nil
}

// redact removes from tickets shown to a contact the custom fields it may
// not see: internal ones and those no longer active.
func (s *Service) redact(ctx context.Context, u *model.User, tickets ...*model.Ticket) error {
	if !u.IsContact() {
		return nil
	}
	m, err := s.Model(ctx)
	if err != nil {
		return err
	}
	for _, t := range tickets {
		for key := range t.CustomFields {
			if f := m.Field(key); f == nil || !f.Active || !f.ContactVisible {
				delete(t.CustomFields, key)
			}
		}
	}
	return nil
}

// customKey is the field name of a custom field in validation errors.
func customKey(key string) string {
	if key == "" || len(key) > maxCustomKey {
		return "custom_fields"
	}
	return "custom_fields." + key
}

// checkCustom validates the custom field values u sends, by key, and
// returns them normalised; nil stands for a value that is cleared. A key
// that is not an active field, or one a contact may not see, is unknown;
// a field a contact sees but may not edit is refused.
func checkCustom(m *model.TicketModel, u *model.User, in map[string]any, v *model.ValidationError) map[string]any {
	out := map[string]any{}
	for key, raw := range in {
		f := m.Field(key)
		if f == nil || !f.Active || (u.IsContact() && !f.ContactVisible) {
			v.Add(customKey(key), "error.unknown_field")
			continue
		}
		if u.IsContact() && !f.ContactEditable {
			v.Add(customKey(key), "ticketmodel.error.not_editable")
			continue
		}
		val, problem := normalize(f, raw)
		if problem != "" {
			v.Add(customKey(key), problem)
			continue
		}
		out[key] = val
	}
	return out
}

// normalize checks one value against its field and returns it in its
// stored form (nil: empty), or the catalogue key of the problem. Values
// come as JSON decodes them or as forms send them (text).
func normalize(f *model.CustomField, raw any) (any, string) {
	if raw == nil {
		return nil, ""
	}
	switch f.Kind {
	case model.KindText, model.KindLongText:
		s, ok := raw.(string)
		if !ok {
			return nil, "ticketmodel.error.text"
		}
		if f.Kind == model.KindText {
			s = plaintext.Line(s)
			if len(s) > MaxCustomText {
				return nil, "error.too_long"
			}
		} else if s, ok = cleanText(s, MaxCustomLongText); !ok {
			return nil, "error.too_long"
		}
		return emptyNil(s), ""
	case model.KindNumber:
		return number(raw)
	case model.KindDate:
		s, ok := raw.(string)
		if !ok {
			return nil, "ticketmodel.error.date"
		}
		if s = strings.TrimSpace(s); s == "" {
			return nil, ""
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return nil, "ticketmodel.error.date"
		}
		return s, ""
	case model.KindSelect:
		s, ok := raw.(string)
		if !ok {
			return nil, "error.option"
		}
		if s = strings.TrimSpace(s); s == "" {
			return nil, ""
		}
		if !slices.Contains(f.Options, s) {
			return nil, "error.option"
		}
		return s, ""
	case model.KindMultiSelect:
		return multi(f, raw)
	case model.KindCheckbox:
		return checkbox(raw)
	}
	return nil, "error.unknown_field"
}

func emptyNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// number reads a JSON number or a number typed into a form, with a
// decimal point or, as German writes it, a decimal comma.
func number(raw any) (any, string) {
	var f float64
	switch x := raw.(type) {
	case float64:
		f = x
	case int:
		f = float64(x)
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return nil, ""
		}
		if !strings.Contains(s, ".") {
			s = strings.Replace(s, ",", ".", 1)
		}
		var err error
		if f, err = strconv.ParseFloat(s, 64); err != nil {
			return nil, "ticketmodel.error.number"
		}
	default:
		return nil, "ticketmodel.error.number"
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, "ticketmodel.error.number"
	}
	return f, ""
}

// multi reads a list of options; it is stored in the order of the
// field's options, each once.
func multi(f *model.CustomField, raw any) (any, string) {
	var in []string
	switch x := raw.(type) {
	case []string:
		in = x
	case []any:
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, "error.option"
			}
			in = append(in, s)
		}
	default:
		return nil, "error.option"
	}
	var out []string
	for _, s := range in {
		if !slices.Contains(f.Options, s) {
			return nil, "error.option"
		}
	}
	for _, o := range f.Options {
		if slices.Contains(in, o) {
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		return nil, ""
	}
	return out, ""
}

// checkbox reads true or false; an unticked box is stored as no value.
func checkbox(raw any) (any, string) {
	switch x := raw.(type) {
	case bool:
		if x {
			return true, ""
		}
		return nil, ""
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "1", "true", "on", "yes":
			return true, ""
		case "", "0", "false", "off", "no":
			return nil, ""
		}
	}
	return nil, "ticketmodel.error.checkbox"
}

// filled reports whether values holds a value for key.
func filled(values map[string]any, key string) bool {
	return model.CustomValueText(values[key]) != ""
}

// requireCreate reports every field a new ticket of u lacks: staff fill
// every field required on creation, a contact those of them it may edit.
func requireCreate(m *model.TicketModel, u *model.User, values map[string]any, v *model.ValidationError) {
	for _, f := range m.ActiveFields() {
		if f.RequiredCreate && (!u.IsContact() || f.ContactEditable) && !filled(values, f.Key) {
			v.Add(customKey(f.Key), "error.required")
		}
	}
}

// requireResolve reports every field required before resolving that
// values lacks.
func requireResolve(m *model.TicketModel, values map[string]any, v *model.ValidationError) {
	for _, f := range m.ActiveFields() {
		if f.RequiredResolve && !filled(values, f.Key) {
			v.Add(customKey(f.Key), "ticketmodel.error.required_resolve")
		}
	}
}

// customChange is a validated change of a ticket's custom fields: the
// values after it and one history entry per changed field.
type customChange struct {
	values  map[string]any
	changed []fieldChange
}

// fieldChange is one changed custom field, as text for the history.
type fieldChange struct {
	key, old, new string
}

// customChanges validates staff's custom field values for t (the ones p
// sends; nil clears) and, when ch moves t to resolved or closed, that
// every field required before resolving is filled afterwards.
func (s *Service) customChanges(ctx context.Context, u *model.User, t *model.Ticket, in map[string]any, ch *changes, v *model.ValidationError) error {
	moving := ch.status != nil && ch.status.to.Category.Done() && ch.status.to.ID != t.Status.ID
	if len(in) == 0 && !moving {
		return nil
	}
	m, err := s.Model(ctx)
	if err != nil {
		return err
	}
	values := map[string]any{}
	for k, val := range t.CustomFields {
		values[k] = val
	}
	var cc customChange
	sent := checkCustom(m, u, in, v)
	for _, f := range m.Fields { // in field order, for a stable history
		val, ok := sent[f.Key]
		if !ok {
			continue
		}
		old, now := model.CustomValueText(values[f.Key]), model.CustomValueText(val)
		if old == now {
			continue
		}
		if val == nil {
			delete(values, f.Key)
		} else {
			values[f.Key] = val
		}
		cc.changed = append(cc.changed, fieldChange{key: f.Key, old: old, new: now})
	}
	if moving && u.IsAgent() {
		requireResolve(m, values, v)
	}
	if len(cc.changed) > 0 {
		cc.values = values
		ch.custom = &cc
	}
	return nil
}

// checkResolveFields refuses a move to resolved or closed while a field
// required before resolving is empty; for status changes that come with
// a reply.
func (s *Service) checkResolveFields(ctx context.Context, u *model.User, t *model.Ticket, change *statusChange, v *model.ValidationError) error {
	if change == nil || !u.IsAgent() || !change.to.Category.Done() || change.to.ID == t.Status.ID {
		return nil
	}
	m, err := s.Model(ctx)
	if err != nil {
		return err
	}
	before := len(v.Fields)
	requireResolve(m, t.CustomFields, v)
	if len(v.Fields) > before {
		v.Add("status", "ticketmodel.error.fields_first") // the reply form has no custom fields
	}
	return nil
}

// createCustom validates the custom fields of a new ticket. Tickets made
// from a logged call or a received text message come from forms without
// custom fields and skip the required check; mail never passes here.
func (s *Service) createCustom(ctx context.Context, u *model.User, p CreateParams, v *model.ValidationError) (map[string]any, error) {
	m, err := s.Model(ctx)
	if err != nil {
		return nil, err
	}
	values := checkCustom(m, u, p.CustomFields, v)
	for k, val := range values {
		if val == nil {
			delete(values, k)
		}
	}
	if p.first == nil {
		requireCreate(m, u, values, v)
	}
	return values, nil
}

// shown reads a ticket after a change, as u may see it.
func (s *Service) shown(ctx context.Context, u *model.User, number int64) (*model.Ticket, error) {
	t, err := s.st.Ticket(ctx, number)
	if err != nil {
		return nil, err
	}
	return t, s.redact(ctx, u, t)
}

// changedOnly blanks the option values a change keeps, so that a value an
// admin no longer offers stays on the tickets that have it.
func changedOnly(in optionValues, t *model.Ticket) optionValues {
	out := in
	for _, f := range []struct {
		dst *string
		old string
	}{{&out.Type, t.Type}, {&out.Priority, t.Priority}, {&out.Impact, t.Impact}} {
		if *f.dst == f.old {
			*f.dst = ""
		}
	}
	if out.Module == t.Module && out.Version == t.Version {
		out.Module, out.Version = "", ""
	}
	return out
}
