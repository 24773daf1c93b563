package desk

import (
	"strings"
	"time"

	"supportal/internal/model"
	"supportal/internal/web"
)

// historyLine is one event of a ticket's history as a sentence: who
// changed what from what to what, and when.
type historyLine struct {
	Text string
	At   time.Time
}

// historyLines translates a ticket's events: field names, status names and
// option values in the page's language.
func historyLines(p *web.Page, events []model.Event) []historyLine {
	out := make([]historyLine, 0, len(events))
	for _, e := range events {
		actor := e.ActorName
		if actor == "" {
			actor = p.T("desk.history.system")
		}
		var text string
		switch {
		case e.Field == "created":
			text = p.T("desk.history.created", "Actor", actor, "Channel", p.T("desk.channel."+e.New))
		case e.Field == "call":
			text = p.T("calls.history", "Actor", actor, "Outcome", p.T("calls.outcome."+e.New))
		case strings.HasPrefix(e.Field, "reference."):
			text = p.T("refs.history."+strings.TrimPrefix(e.Field, "reference."), "Actor", actor, "Value", e.New+e.Old)
		case strings.HasPrefix(e.Field, "link."):
			text = linkHistory(p, actor, e)
		case e.Field == "escalated" || e.Field == "taken_over":
			text = levelsHistory(p, actor, e)
		case e.Field == "mail_failed":
			text = mailFailed(p, e.New)
		case e.Field == "routing":
			text = p.T("routing.history.rule", "Rule", e.New)
		case e.Field == "responsible":
			text = p.T("routing.history.responsible", "Agent", e.New)
		case e.Old == "":
			text = p.T("desk.history.set", "Actor", actor, "Field", fieldName(p, e.Field), "New", fieldValue(p, e.Field, e.New))
		case e.New == "":
			text = p.T("desk.history.cleared", "Actor", actor, "Field", fieldName(p, e.Field), "Old", fieldValue(p, e.Field, e.Old))
		default:
			text = p.T("desk.history.changed", "Actor", actor, "Field", fieldName(p, e.Field),
				"Old", fieldValue(p, e.Field, e.Old), "New", fieldValue(p, e.Field, e.New))
		}
		out = append(out, historyLine{Text: text, At: e.CreatedAt})
	}
	return out
}

// fieldName translates the name of a ticket field: as the history words
// it where it has its own wording, else as forms label it; a field this
// page does not know shows as stored.
func fieldName(p *web.Page, field string) string {
	if key, ok := strings.CutPrefix(field, "custom_fields."); ok {
		return p.CustomFieldLabel(key)
	}
	for _, key := range []string{"desk.history.field." + field, "field." + field} {
		if s, ok := p.Lookup(key); ok {
			return s
		}
	}
	return field
}

// fieldValue translates a value of a field where it has a translation.
func fieldValue(p *web.Page, field, value string) string {
	switch field {
	case "status":
		return p.StatusName(value)
	case model.FieldType, model.FieldPriority, model.FieldImpact, model.FieldModule:
		return p.Option(field, value)
	}
	return value
}

// mailFailed words a mail the outbox gave up on. The event holds the
// addresses and the error as "a@example.com, b@example.com: 550 no such
// user"; text that does not have that form shows whole.
func mailFailed(p *web.Page, value string) string {
	to, reason, ok := strings.Cut(value, ": ")
	if !ok || strings.TrimSpace(to) == "" || strings.TrimSpace(reason) == "" {
		return p.T("desk.history.mail_failed_plain", "Detail", strings.TrimSpace(value))
	}
	return p.T("desk.history.mail_failed", "To", strings.TrimSpace(to), "Reason", strings.TrimSpace(reason))
}
