package mailout

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
)

// IdeaData is an idea of the feature board as templates see it.
type IdeaData struct {
	ID     int64
	Title  string
	Status string // in the recipient's language
	Note   string // the agent's note on a status change
}

// ideaStatusNames are the statuses of ideas as mails name them.
var ideaStatusNames = map[string]map[model.IdeaStatus]string{
	"en": {model.IdeaOpen: "open", model.IdeaUnderReview: "under review", model.IdeaPlanned: "planned",
		model.IdeaInProgress: "in progress", model.IdeaDone: "done", model.IdeaDeclined: "declined"},
	"de": {model.IdeaOpen: "offen", model.IdeaUnderReview: "in Prüfung", model.IdeaPlanned: "geplant",
		model.IdeaInProgress: "in Arbeit", model.IdeaDone: "umgesetzt", model.IdeaDeclined: "abgelehnt"},
}

func ideaStatusName(lang string, s model.IdeaStatus) string {
	if n, ok := ideaStatusNames[lang][s]; ok {
		return n
	}
	return string(s)
}

// IdeaStatusChanged queues the notice that idea i now has a new status,
// with the agent's note, for to. The caller decides who is told (voters
// and commenters who see the idea and did not turn status notices off).
func (o *Outbox) IdeaStatusChanged(ctx context.Context, q *store.Queries, to *model.User, i *model.Idea, note string) error {
	lang := supportedLanguage(to.Language, o.lang)
	data := Data{BaseURL: o.baseURL, Link: o.ideaLink(i.ID),
		Idea: IdeaData{ID: i.ID, Title: i.Title, Status: ideaStatusName(lang, i.Status), Note: note}}
	return o.notify(ctx, q, TemplateIdeaStatus, nil, to, data)
}

// IdeaMerged queues the notice for a voter of dup that it was merged into
// survivor, where the vote now counts.
func (o *Outbox) IdeaMerged(ctx context.Context, q *store.Queries, to *model.User, dup, survivor *model.Idea) error {
	lang := supportedLanguage(to.Language, o.lang)
	data := Data{BaseURL: o.baseURL, Link: o.ideaLink(survivor.ID),
		Idea:     IdeaData{ID: dup.ID, Title: dup.Title, Status: ideaStatusName(lang, dup.Status)},
		Survivor: IdeaData{ID: survivor.ID, Title: survivor.Title, Status: ideaStatusName(lang, survivor.Status)}}
	return o.notify(ctx, q, TemplateIdeaMerged, nil, to, data)
}

func (o *Outbox) ideaLink(id int64) string { return fmt.Sprintf("%s/portal/ideas/%d", o.baseURL, id) }

// sampleIdeaData fills the idea fields of a template preview.
func sampleIdeaData(name, lang string, d Data) Data {
	d.Ticket = TicketData{}
	d.Link = "https://support.example/portal/ideas/12"
	d.Idea = IdeaData{ID: 12, Title: "Export the ticket list as CSV", Status: ideaStatusName(lang, model.IdeaPlanned),
		Note: "We plan this for the spring release."}
	d.Survivor = IdeaData{ID: 7, Title: "Export and reporting", Status: ideaStatusName(lang, model.IdeaUnderReview)}
	if lang == "de" {
		d.Idea.Title, d.Idea.Note = "Ticketliste als CSV exportieren", "Wir planen das für das Frühjahrs-Release."
		d.Survivor.Title = "Export und Berichte"
	}
	if name == TemplateIdeaMerged {
		d.Idea.Note = ""
	}
	return d
}

// isIdeaTemplate reports whether a template is about an idea rather than
// a ticket (its subject carries no ticket tag).
func isIdeaTemplate(name string) bool {
	return name == TemplateIdeaStatus || name == TemplateIdeaMerged
}
