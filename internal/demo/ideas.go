package demo

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
)

// demoIdea is an idea of the feature board with who wants it.
type demoIdea struct {
	author, title, body string
	voters              []string
	status              model.IdeaStatus
	note                string // the status change's note
	response            string // support's official response
	responder           string
	tags                []string
	comments            [][2]string // author, text
}

var demoIdeas = []demoIdea{
	{author: "brandt.primary", title: "Tickets als PDF exportieren",
		body:   "Für unsere Qualitätsdokumentation brauchen wir abgeschlossene Tickets mit dem ganzen Verlauf als PDF.\nIdeal wäre ein Knopf in der Ticketansicht.",
		voters: []string{"brandt.member", "brandt.admin", "keller.primary", "keller.admin", "harbour.primary"},
		status: model.IdeaPlanned, note: "Kommt mit dem Frühjahrs-Release.", responder: "sabine",
		response: "Danke für den Vorschlag! Der PDF-Export ist für das Frühjahrs-Release eingeplant; er enthält alle öffentlichen Nachrichten und Anhänge als Liste.",
		tags:     []string{"export", "portal"}},
	{author: "harbour.admin", title: "Single sign-on with Microsoft Entra ID",
		body:   "Our staff should sign in to the portal with their company accounts.\nOne password less to forget.",
		voters: []string{"harbour.member", "harbour.colleague", "keller.colleague", "brandt.admin"},
		status: model.IdeaUnderReview, note: "We are checking the effort for SAML and OpenID Connect.", tags: []string{"login"},
		comments: [][2]string{{"keller.colleague", "We would need this for our auditors too."}}},
	{author: "keller.member", title: "Benachrichtigung per Microsoft Teams",
		body:   "Statt E-Mails hätten wir Statusänderungen gern in einem Teams-Kanal.",
		voters: []string{"keller.primary", "brandt.colleague"}, tags: []string{"benachrichtigung"}},
	{author: "harbour.colleague", title: "Dark mode for the portal",
		body:   "Our night shift works in the portal a lot. A dark theme would be easier on the eyes.",
		voters: []string{"harbour.member", "keller.colleague"},
		status: model.IdeaDeclined, note: "The portal follows the browser's colour settings; we will not add a separate theme.", tags: []string{"portal"}},
	{author: "brandt.colleague", title: "Wartungsfenster im Portal ankündigen",
		body:   "Wenn Support Wartungsarbeiten plant, sollten wir das im Portal sehen, bevor wir Tickets öffnen.",
		voters: []string{"brandt.member", "harbour.primary"}, status: model.IdeaInProgress, note: "In Arbeit, erste Version im nächsten Update.",
		tags: []string{"portal"}},
}

// demoDuplicate is merged into the first idea.
var demoDuplicate = demoIdea{author: "keller.admin", title: "PDF export of a ticket",
	body:   "We need to archive tickets as PDF for our medical device file.",
	voters: []string{"keller.admin", "keller.member", "brandt.member"}}

// createIdeas fills the feature board: ideas of several organizations in
// German and English, with votes, one planned with an official response,
// one declined, and a duplicate merged into the planned one. The board is
// opened to all organizations so that the votes of others show.
func createIdeas(ctx context.Context, q *store.Queries, who *ids) error {
	if err := q.SetSetting(ctx, "ideas.visibility", model.IdeasAll); err != nil {
		return err
	}
	orgOf := func(key string) int64 {
		for org, id := range who.orgs {
			if len(key) > len(org) && key[:len(org)+1] == org+"." {
				return id
			}
		}
		return 0
	}
	write := func(d demoIdea) (int64, error) {
		id, err := q.CreateIdea(ctx, store.NewIdea{Title: d.title, Body: d.body, AuthorID: who.users[d.author], OrgID: orgOf(d.author)})
		if err != nil {
			return 0, fmt.Errorf("demo: idea %q: %w", d.title, err)
		}
		for _, v := range d.voters {
			if _, err := q.AddIdeaVote(ctx, id, who.users[v], orgOf(v)); err != nil {
				return 0, err
			}
		}
		for _, c := range d.comments {
			if _, err := q.AddIdeaComment(ctx, model.IdeaComment{IdeaID: id, AuthorID: who.users[c[0]], OrgID: orgOf(c[0]), Body: c[1]}); err != nil {
				return 0, err
			}
		}
		if d.response != "" {
			if _, err := q.AddIdeaComment(ctx, model.IdeaComment{IdeaID: id, AuthorID: who.users[d.responder], Body: d.response, Official: true}); err != nil {
				return 0, err
			}
		}
		if d.status != "" {
			if err := q.SetIdeaStatus(ctx, id, who.users["sabine"], d.status, d.note); err != nil {
				return 0, err
			}
		}
		if len(d.tags) > 0 {
			if err := q.SetIdeaTags(ctx, id, d.tags); err != nil {
				return 0, err
			}
		}
		return id, nil
	}
	var first int64
	for n, d := range demoIdeas {
		id, err := write(d)
		if err != nil {
			return err
		}
		if n == 0 {
			first = id
		}
	}
	dup, err := write(demoDuplicate)
	if err != nil {
		return err
	}
	return q.MergeIdea(ctx, dup, first, who.users["sabine"])
}
