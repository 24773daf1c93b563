// Package document owns the documents of an organization's record
// (DESIGN §2): a maintenance contract, a data processing agreement, an
// offer, each with every version of its file. Support publishes a blank,
// a portal admin uploads the signed copy, support uploads the
// countersigned one; every version is kept with who uploaded it when.
// Who may see them is authz.Documents: agents, and contacts with the
// manage_org right of the organization. A document the caller may not
// see is model.ErrNotFound, like a missing one.
//
// Agents may also skip steps: a copy the customer signed on paper is
// uploaded by an agent as signed_by_customer, and a document signed on
// both sides outside the portal is published at once as countersigned.
// Nothing moves back: a countersigned document is final, and a blank is
// only replaced while nobody has signed it.
package document

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/blob"
	"supportal/internal/model"
	"supportal/internal/store"
)

// MaxTitle is the longest title of a document, in characters.
const MaxTitle = 200

// Mailer tells people of a document's progress, within the transaction
// of the change.
type Mailer interface {
	// DocumentPublished tells a portal admin that a blank awaits its signature.
	DocumentPublished(ctx context.Context, q *store.Queries, d *model.Document, to *model.User) error
	// DocumentSigned tells an agent that the customer's signed copy arrived.
	DocumentSigned(ctx context.Context, q *store.Queries, d *model.Document, to *model.User) error
	// DocumentCountersigned tells a portal admin that the document is countersigned.
	DocumentCountersigned(ctx context.Context, q *store.Queries, d *model.Document, to *model.User) error
	// Kick starts delivery after the commit.
	Kick()
}

// Service reads and changes documents on behalf of a user.
type Service struct {
	st    *store.Store
	blobs blob.Store
	mail  Mailer
}

// New returns a Service on st whose files are in blobs.
func New(st *store.Store, blobs blob.Store) *Service { return &Service{st: st, blobs: blobs} }

// SetMailer sets who tells people of new versions; nil: nobody is told.
func (s *Service) SetMailer(m Mailer) { s.mail = m }

// Kinds lists the kinds of document admins offer.
func (s *Service) Kinds(ctx context.Context) ([]model.DocumentKind, error) {
	return s.st.DocumentKinds(ctx)
}

// List lists the documents of organization orgID, the latest change
// first. A caller who may not see them gets model.ErrNotFound.
func (s *Service) List(ctx context.Context, viewer *model.User, orgID int64) ([]*model.Document, error) {
	if !authz.Documents(viewer, orgID) {
		return nil, fmt.Errorf("document: documents of organization %d: %w", orgID, model.ErrNotFound)
	}
	return s.st.Documents(ctx, store.DocumentFilter{OrgID: orgID})
}

// OverviewLimit is how many documents the desk's overview lists at most.
const OverviewLimit = 200

// InState lists the documents of every organization in state (all
// states when empty), for the desk's overview: agents only.
func (s *Service) InState(ctx context.Context, viewer *model.User, state model.DocumentState) ([]*model.Document, error) {
	if viewer == nil || !viewer.Active || !viewer.IsAgent() {
		return nil, fmt.Errorf("document: overview: %w", model.ErrNotFound)
	}
	if state != "" && !state.Valid() {
		return nil, model.Invalid("state", "documents.error.state")
	}
	return s.st.Documents(ctx, store.DocumentFilter{State: state, Limit: OverviewLimit})
}

// Document returns a document the viewer may see with its versions, the
// oldest first.
func (s *Service) Document(ctx context.Context, viewer *model.User, id int64) (*model.Document, []model.DocumentVersion, error) {
	d, err := s.visible(ctx, &s.st.Queries, viewer, id)
	if err != nil {
		return nil, nil, err
	}
	versions, err := s.st.DocumentVersions(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return d, versions, nil
}

func (s *Service) visible(ctx context.Context, q *store.Queries, viewer *model.User, id int64) (*model.Document, error) {
	d, err := q.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if !authz.Documents(viewer, d.OrgID) {
		return nil, fmt.Errorf("document: %d: %w", id, model.ErrNotFound)
	}
	return d, nil
}

// Open returns version versionID of document id with its contents, if
// the viewer may see the document; anything else is model.ErrNotFound.
// The file is described as an attachment, for serving as a download.
func (s *Service) Open(ctx context.Context, viewer *model.User, id, versionID int64) (*model.Attachment, io.ReadSeekCloser, error) {
	_, versions, err := s.Document(ctx, viewer, id)
	if err != nil {
		return nil, nil, err
	}
	i := slices.IndexFunc(versions, func(v model.DocumentVersion) bool { return v.ID == versionID })
	if i < 0 {
		return nil, nil, fmt.Errorf("document: version %d of %d: %w", versionID, id, model.ErrNotFound)
	}
	v := versions[i]
	f, err := s.blobs.Open(ctx, v.BlobKey)
	if err != nil {
		return nil, nil, err
	}
	return &model.Attachment{ID: v.ID, Name: v.Name, Size: v.Size, ContentType: v.ContentType, BlobKey: v.BlobKey, CreatedAt: v.UploadedAt}, f, nil
}

// Awaiting counts the documents of organization orgID that wait for the
// viewer's side: blanks for a contact, signed copies for an agent. A
// viewer who may not see them gets 0.
func (s *Service) Awaiting(ctx context.Context, viewer *model.User, orgID int64) (int, error) {
	if !authz.Documents(viewer, orgID) {
		return 0, nil
	}
	state := model.DocumentBlank
	if viewer.IsAgent() {
		state = model.DocumentSigned
	}
	list, err := s.st.Documents(ctx, store.DocumentFilter{OrgID: orgID, State: state})
	return len(list), err
}

// may reports whether by may move a document from state from to state
// to with a new file (from is "" for a new document). Contacts only sign
// a blank; agents publish, replace a blank nobody signed, record a copy
// signed on paper and countersign. Nothing leaves countersigned.
func may(by *model.User, from, to model.DocumentState) bool {
	if !by.IsAgent() {
		return from == model.DocumentBlank && to == model.DocumentSigned
	}
	switch to {
	case model.DocumentBlank, model.DocumentSigned:
		return from == "" || from == model.DocumentBlank
	case model.DocumentCountersigned:
		return from != model.DocumentCountersigned
	}
	return false
}

// CreateParams is a new document as an agent typed it; UploadID is the
// upload (of the agent) with its first file.
type CreateParams struct {
	Kind     string
	Title    string
	State    model.DocumentState // empty: blank
	UploadID int64
}

// Create adds a document to organization orgID with its first file and
// returns its id: agents only.
func (s *Service) Create(ctx context.Context, by *model.User, orgID int64, p CreateParams) (int64, error) {
	if !authz.Documents(by, orgID) {
		return 0, fmt.Errorf("document: create for organization %d: %w", orgID, model.ErrNotFound)
	}
	if !by.IsAgent() {
		return 0, fmt.Errorf("document: create for organization %d: %w", orgID, model.ErrForbidden)
	}
	if _, err := s.st.Organization(ctx, orgID); err != nil {
		return 0, err
	}
	if p.State == "" {
		p.State = model.DocumentBlank
	}
	v := &model.ValidationError{}
	kinds, err := s.Kinds(ctx)
	if err != nil {
		return 0, err
	}
	if !slices.ContainsFunc(kinds, func(k model.DocumentKind) bool { return k.Key == p.Kind }) {
		v.Add("kind", "documents.error.kind")
	}
	title := strings.TrimSpace(p.Title)
	switch {
	case title == "":
		v.Add("title", "error.required")
	case utf8.RuneCountInString(title) > MaxTitle:
		v.Add("title", "error.too_long")
	}
	if !p.State.Valid() || !may(by, "", p.State) {
		v.Add("state", "documents.error.state")
	}
	up, err := s.upload(ctx, by, p.UploadID, v)
	if err != nil {
		return 0, err
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	var id int64
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if id, err = q.CreateDocument(ctx, orgID, p.Kind, title, version(p.State, up, by)); err != nil {
			return err
		}
		return s.tell(ctx, q, id, p.State)
	})
	if err != nil {
		return 0, err
	}
	s.kick()
	return id, nil
}

// AddVersion adds a file to document id that moves it to state to:
// a portal admin's signed copy, an agent's replaced blank or
// countersigned version. A move the rules do not allow is a validation
// error on "state" and changes nothing.
func (s *Service) AddVersion(ctx context.Context, by *model.User, id int64, to model.DocumentState, uploadID int64) error {
	d, err := s.visible(ctx, &s.st.Queries, by, id)
	if err != nil {
		return err
	}
	v := &model.ValidationError{}
	if !to.Valid() || !may(by, d.State, to) {
		v.Add("state", "documents.error.transition")
	}
	up, err := s.upload(ctx, by, uploadID, v)
	if err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		// The state is read again inside the transaction, so that two
		// uploads at once cannot both make the same move.
		cur, err := q.Document(ctx, id)
		if err != nil {
			return err
		}
		if !may(by, cur.State, to) {
			return model.Invalid("state", "documents.error.transition")
		}
		if _, err := q.AddDocumentVersion(ctx, id, version(to, up, by)); err != nil {
			return err
		}
		return s.tell(ctx, q, id, to)
	})
	if err != nil {
		return err
	}
	s.kick()
	return nil
}

// upload reads the upload the new file is, which must be by's own and
// not attached to anything; a missing or foreign one is a field error.
func (s *Service) upload(ctx context.Context, by *model.User, uploadID int64, v *model.ValidationError) (*model.Attachment, error) {
	if uploadID == 0 {
		v.Add("file", "documents.error.file")
		return nil, nil
	}
	a, err := s.st.Attachment(ctx, uploadID)
	if err != nil || a.MessageID != 0 || a.UploaderID != by.ID {
		v.Add("file", "documents.error.file")
		return nil, nil
	}
	return a, nil
}

func version(state model.DocumentState, a *model.Attachment, by *model.User) store.NewDocumentVersion {
	return store.NewDocumentVersion{State: state, BlobKey: a.BlobKey, Name: a.Name, Size: a.Size, ContentType: a.ContentType, UploadedBy: by.ID}
}

// tell queues the mails of a move to state: the portal admins learn of a
// blank to sign and of the countersigned version, support of a signed
// copy.
func (s *Service) tell(ctx context.Context, q *store.Queries, id int64, state model.DocumentState) error {
	if s.mail == nil {
		return nil
	}
	d, err := q.Document(ctx, id)
	if err != nil {
		return err
	}
	var to []*model.User
	if state == model.DocumentSigned {
		to, err = q.DocumentStaff(ctx, d.OrgID)
	} else {
		to, err = q.DocumentAdmins(ctx, d.OrgID)
	}
	if err != nil {
		return err
	}
	for _, u := range to {
		if !authz.Documents(u, d.OrgID) {
			continue
		}
		switch state {
		case model.DocumentBlank:
			err = s.mail.DocumentPublished(ctx, q, d, u)
		case model.DocumentSigned:
			err = s.mail.DocumentSigned(ctx, q, d, u)
		case model.DocumentCountersigned:
			err = s.mail.DocumentCountersigned(ctx, q, d, u)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) kick() {
	if s.mail != nil {
		s.mail.Kick()
	}
}
