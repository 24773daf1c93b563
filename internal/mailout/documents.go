package mailout

import (
	"context"
	"strconv"

	"supportal/internal/model"
	"supportal/internal/store"
)

// The mails of a document's signing (package document decides who gets
// them).
const (
	TemplateDocumentPublished     = "document_published"     // a blank awaits the customer's signature (to portal admins)
	TemplateDocumentSigned        = "document_signed"        // the customer's signed copy arrived (to support)
	TemplateDocumentCountersigned = "document_countersigned" // support countersigned (to portal admins)
)

// DocumentData is a document as templates see it.
type DocumentData struct {
	Title string
	Kind  string // the kind's label in the recipient's language
}

func isDocumentTemplate(name string) bool {
	return name == TemplateDocumentPublished || name == TemplateDocumentSigned || name == TemplateDocumentCountersigned
}

func documentSample(d *Data, name, lang string) {
	d.Ticket = TicketData{}
	d.Organization = "Example Ltd"
	d.Document = DocumentData{Title: "Maintenance contract 2027", Kind: "Maintenance contract"}
	d.Link = "https://support.example/portal/documents/7"
	if lang == "de" {
		d.Document = DocumentData{Title: "Wartungsvertrag 2027", Kind: "Wartungsvertrag"}
	}
	if name == TemplateDocumentSigned {
		d.Link = "https://support.example/desk/documents/7"
	}
}

// DocumentPublished tells portal admin u that document d awaits its
// signature.
func (o *Outbox) DocumentPublished(ctx context.Context, q *store.Queries, d *model.Document, u *model.User) error {
	return o.document(ctx, q, TemplateDocumentPublished, d, u)
}

// DocumentSigned tells agent u that the customer's signed copy of d
// arrived.
func (o *Outbox) DocumentSigned(ctx context.Context, q *store.Queries, d *model.Document, u *model.User) error {
	return o.document(ctx, q, TemplateDocumentSigned, d, u)
}

// DocumentCountersigned tells portal admin u that d is countersigned.
func (o *Outbox) DocumentCountersigned(ctx context.Context, q *store.Queries, d *model.Document, u *model.User) error {
	return o.document(ctx, q, TemplateDocumentCountersigned, d, u)
}

func (o *Outbox) document(ctx context.Context, q *store.Queries, name string, d *model.Document, u *model.User) error {
	kinds, err := q.DocumentKinds(ctx)
	if err != nil {
		return err
	}
	lang := supportedLanguage(u.Language, o.lang)
	data := Data{BaseURL: o.baseURL, Organization: d.OrgName, Document: DocumentData{Title: d.Title, Kind: d.Kind},
		Link: o.baseURL + "/portal/documents/" + strconv.FormatInt(d.ID, 10)}
	for _, k := range kinds {
		if k.Key == d.Kind {
			data.Document.Kind = k.Label(lang)
		}
	}
	if u.IsAgent() {
		data.Link = o.baseURL + "/desk/documents/" + strconv.FormatInt(d.ID, 10)
	}
	return o.notify(ctx, q, name, nil, u, data)
}
