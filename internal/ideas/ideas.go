// Package ideas owns the feature board: contacts submit ideas, vote once
// per idea and comment; agents respond officially, set the status with a
// note, tag, merge duplicates and link tickets. Who sees what is authz's
// (authz.Idea, with the instance setting ideas.visibility); an idea the
// caller may not see is model.ErrNotFound, like a missing one. Voters
// and commenters are mailed on status changes, voters of a merged
// duplicate on the merge, in the same transaction as the change.
package ideas

import (
	"context"
	"errors"
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

// SettingVisibility is the settings key of the idea visibility.
const SettingVisibility = "ideas.visibility"

// DefaultVisibility is the visibility of an instance that never set one:
// a customer's wishes stay within its organization unless an admin opens
// the board to all.
const DefaultVisibility = model.IdeasOwnOrg

// Limits of what users write.
const (
	MaxTitle       = 200
	MaxBody        = 20_000
	MaxNote        = 2_000
	MaxTags        = 10
	MaxTag         = 40
	MaxAttachments = 10
)

// Mailer queues the mails of the feature board inside the transaction of
// the change; it renders them in the recipient's language.
type Mailer interface {
	IdeaStatusChanged(ctx context.Context, q *store.Queries, to *model.User, i *model.Idea, note string) error
	IdeaMerged(ctx context.Context, q *store.Queries, to *model.User, dup, survivor *model.Idea) error
}

// Service reads and changes ideas on behalf of a user.
type Service struct {
	st    *store.Store
	blobs blob.Store
	mail  Mailer
}

// New returns a Service on st; files of ideas are read from blobs.
func New(st *store.Store, blobs blob.Store, mail Mailer) *Service {
	return &Service{st: st, blobs: blobs, mail: mail}
}

// Visibility reads the instance's idea visibility.
func (s *Service) Visibility(ctx context.Context) (string, error) {
	v, err := s.st.Setting(ctx, SettingVisibility)
	if err != nil {
		return "", err
	}
	if v != model.IdeasAll {
		v = DefaultVisibility
	}
	return v, nil
}

// SetVisibility changes the idea visibility; admins only.
func (s *Service) SetVisibility(ctx context.Context, u *model.User, v string) error {
	if u == nil || !u.Active || !u.IsAdmin() {
		return model.ErrNotFound
	}
	if v != model.IdeasAll && v != model.IdeasOwnOrg {
		return model.Invalid("visibility", "ideas.error.visibility")
	}
	return s.st.SetSetting(ctx, SettingVisibility, v)
}

// View is an idea as one user sees it.
type View struct {
	*model.Idea
	Access      authz.IdeaAccess
	Voted       bool
	AuthorShown bool // false: show the author as "a customer"
}

// ListParams selects a page of ideas.
type ListParams struct {
	Sort   string
	Status string
	Tag    string
	Cursor string
	Limit  int
}

// List returns a page of the ideas u may see, and the next page's cursor.
func (s *Service) List(ctx context.Context, u *model.User, p ListParams) ([]View, string, error) {
	vis, err := s.Visibility(ctx)
	if err != nil {
		return nil, "", err
	}
	f := store.IdeaFilter{Scope: authz.Ideas(u, vis), Sort: p.Sort, Tag: strings.TrimSpace(p.Tag), Cursor: p.Cursor, Limit: p.Limit}
	if p.Status != "" {
		if !model.IdeaStatus(p.Status).Valid() {
			return nil, "", model.Invalid("status", "ideas.error.status")
		}
		f.Status = model.IdeaStatus(p.Status)
	}
	switch f.Sort {
	case "", store.IdeaSortVotes, store.IdeaSortTrending, store.IdeaSortNewest:
	default:
		return nil, "", model.Invalid("sort", "ideas.error.sort")
	}
	list, next, err := s.st.Ideas(ctx, f)
	if err != nil {
		return nil, "", err
	}
	ids := make([]int64, len(list))
	for n, i := range list {
		ids[n] = i.ID
	}
	voted, err := s.st.IdeasVotedBy(ctx, u.ID, ids)
	if err != nil {
		return nil, "", err
	}
	out := make([]View, len(list))
	for n, i := range list {
		out[n] = s.view(u, i, vis, voted[i.ID])
	}
	return out, next, nil
}

func (s *Service) view(u *model.User, i *model.Idea, vis string, voted bool) View {
	return View{Idea: i, Access: authz.Idea(u, i, vis), Voted: voted,
		AuthorShown: authz.IdeaAuthorShown(u, i.AuthorKind, i.AuthorID, i.OrgID)}
}

// Get returns an idea u may see, else model.ErrNotFound.
func (s *Service) Get(ctx context.Context, u *model.User, id int64) (*View, error) {
	vis, err := s.Visibility(ctx)
	if err != nil {
		return nil, err
	}
	i, err := s.st.Idea(ctx, id)
	if err != nil {
		return nil, err
	}
	acc := authz.Idea(u, i, vis)
	if !acc.See {
		return nil, fmt.Errorf("ideas: %d: %w", id, model.ErrNotFound)
	}
	voted, err := s.st.IdeasVotedBy(ctx, u.ID, []int64{id})
	if err != nil {
		return nil, err
	}
	v := s.view(u, i, vis, voted[id])
	return &v, nil
}

// Comment is a comment as one user sees it.
type Comment struct {
	model.IdeaComment
	AuthorShown bool
}

// Detail is everything the page of one idea shows.
type Detail struct {
	View
	Comments    []Comment
	Events      []model.IdeaEvent
	Attachments []*model.Attachment
	OrgVotes    []model.OrgVotes // agents only
	Tickets     []*model.Ticket  // linked tickets the user may see
	Survivor    *model.Idea      // the idea a merged duplicate went into, if u sees it
}

// Detail returns the idea with its comments, history, files and, for
// agents, the votes per organization and the linked tickets.
func (s *Service) Detail(ctx context.Context, u *model.User, id int64) (*Detail, error) {
	v, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	d := &Detail{View: *v}
	comments, err := s.st.IdeaComments(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, c := range comments {
		d.Comments = append(d.Comments, Comment{IdeaComment: c, AuthorShown: authz.IdeaAuthorShown(u, c.AuthorKind, c.AuthorID, c.OrgID)})
	}
	if d.Events, err = s.st.IdeaEvents(ctx, id); err != nil {
		return nil, err
	}
	if d.Attachments, err = s.st.IdeaAttachments(ctx, id); err != nil {
		return nil, err
	}
	if v.MergedInto != 0 {
		if sv, err := s.Get(ctx, u, v.MergedInto); err == nil {
			d.Survivor = sv.Idea
		} else if !errors.Is(err, model.ErrNotFound) {
			return nil, err
		}
	}
	if !v.Access.OrgVote {
		return d, nil
	}
	if d.OrgVotes, err = s.st.IdeaOrgVotes(ctx, id); err != nil {
		return nil, err
	}
	ids, err := s.st.IdeaTicketIDs(ctx, id)
	if err != nil {
		return nil, err
	}
	tickets, err := s.st.TicketsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, t := range tickets {
		if authz.Ticket(u, t).See {
			d.Tickets = append(d.Tickets, t)
		}
	}
	return d, nil
}

// CreateParams is a new idea.
type CreateParams struct {
	Title       string
	Body        string
	Attachments []int64 // upload ids of the author's
}

// Create submits an idea for u's organization. Every active user may
// submit; the files must be u's own uploads that nothing holds yet.
func (s *Service) Create(ctx context.Context, u *model.User, p CreateParams) (*View, error) {
	if u == nil || !u.Active {
		return nil, model.ErrForbidden
	}
	p.Title, p.Body = strings.TrimSpace(p.Title), strings.TrimSpace(p.Body)
	var v model.ValidationError
	switch {
	case p.Title == "":
		v.Add("title", "ideas.error.title_required")
	case utf8.RuneCountInString(p.Title) > MaxTitle:
		v.Add("title", "ideas.error.title_long")
	}
	switch {
	case p.Body == "":
		v.Add("body", "ideas.error.body_required")
	case utf8.RuneCountInString(p.Body) > MaxBody:
		v.Add("body", "ideas.error.body_long")
	}
	if len(p.Attachments) > MaxAttachments {
		v.Add("attachments", "ideas.error.attachments")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var id int64
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		var err error
		if id, err = q.CreateIdea(ctx, store.NewIdea{Title: p.Title, Body: p.Body, AuthorID: u.ID, OrgID: u.OrgID}); err != nil {
			return err
		}
		for _, up := range p.Attachments {
			ok, err := q.AttachToIdea(ctx, id, up, u.ID)
			if err != nil {
				return err
			}
			if !ok {
				return model.Invalid("attachments", "ideas.error.attachments")
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, u, id)
}

// Vote records u's vote for an idea; voting twice counts once.
func (s *Service) Vote(ctx context.Context, u *model.User, id int64) (*View, error) {
	return s.vote(ctx, u, id, true)
}

// Unvote takes u's vote back; without a vote it changes nothing.
func (s *Service) Unvote(ctx context.Context, u *model.User, id int64) (*View, error) {
	return s.vote(ctx, u, id, false)
}

func (s *Service) vote(ctx context.Context, u *model.User, id int64, add bool) (*View, error) {
	v, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if !v.Access.Vote {
		return nil, fmt.Errorf("ideas: vote %d: %w", id, model.ErrForbidden)
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if add {
			_, err := q.AddIdeaVote(ctx, id, u.ID, u.OrgID)
			return err
		}
		_, err := q.RemoveIdeaVote(ctx, id, u.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, u, id)
}

// AddComment adds u's comment; an agent's comment is support's official
// response.
func (s *Service) AddComment(ctx context.Context, u *model.User, id int64, body string) (*Comment, error) {
	v, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if !v.Access.Comment {
		return nil, fmt.Errorf("ideas: comment %d: %w", id, model.ErrForbidden)
	}
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return nil, model.Invalid("body", "ideas.error.comment_required")
	case utf8.RuneCountInString(body) > MaxBody:
		return nil, model.Invalid("body", "ideas.error.body_long")
	}
	c := model.IdeaComment{IdeaID: id, AuthorID: u.ID, AuthorName: u.Name, AuthorKind: u.Kind, OrgID: u.OrgID, Body: body, Official: u.IsAgent()}
	if c.ID, err = s.st.AddIdeaComment(ctx, c); err != nil {
		return nil, err
	}
	c.CreatedAt = store.Now()
	return &Comment{IdeaComment: c, AuthorShown: true}, nil
}

// manageable loads an idea u may manage (agents), else not found or
// forbidden.
func (s *Service) manageable(ctx context.Context, u *model.User, id int64) (*View, error) {
	v, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if !v.Access.Manage {
		return nil, fmt.Errorf("ideas: manage %d: %w", id, model.ErrForbidden)
	}
	return v, nil
}

// SetStatus changes an idea's status with a note, records it in the
// history and mails the voters and commenters who still see the idea,
// except the agent who changed it.
func (s *Service) SetStatus(ctx context.Context, u *model.User, id int64, status, note string) error {
	v, err := s.manageable(ctx, u, id)
	if err != nil {
		return err
	}
	st := model.IdeaStatus(status)
	note = strings.TrimSpace(note)
	switch {
	case !st.Valid():
		return model.Invalid("status", "ideas.error.status")
	case utf8.RuneCountInString(note) > MaxNote:
		return model.Invalid("note", "ideas.error.note_long")
	case v.MergedInto != 0:
		return model.Invalid("status", "ideas.error.merged")
	}
	vis, err := s.Visibility(ctx)
	if err != nil {
		return err
	}
	return s.st.InTx(ctx, func(q *store.Queries) error {
		if _, err := q.IdeaForUpdate(ctx, id); err != nil {
			return err
		}
		if err := q.SetIdeaStatus(ctx, id, u.ID, st, note); err != nil {
			return err
		}
		i := *v.Idea
		i.Status = st
		voters, err := q.IdeaVoters(ctx, id)
		if err != nil {
			return err
		}
		commenters, err := q.IdeaCommenters(ctx, id)
		if err != nil {
			return err
		}
		return s.tell(ctx, q, u, &i, vis, slices.Concat(voters, commenters), func(to *model.User) error {
			return s.mail.IdeaStatusChanged(ctx, q, to, &i, note)
		})
	})
}

// tell mails each user of ids once, leaving out the actor and users who
// may not see the idea.
func (s *Service) tell(ctx context.Context, q *store.Queries, actor *model.User, i *model.Idea, vis string, ids []int64, send func(*model.User) error) error {
	if s.mail == nil {
		return nil
	}
	told := map[int64]bool{actor.ID: true}
	for _, uid := range ids {
		if told[uid] {
			continue
		}
		told[uid] = true
		to, err := q.User(ctx, uid)
		if err != nil {
			return err
		}
		if !authz.Idea(to, i, vis).See || to.NotifyOff.Has(model.NotifyStatus) {
			continue
		}
		if err := send(to); err != nil {
			return err
		}
	}
	return nil
}

// SetTags replaces an idea's tags with the comma-separated list.
func (s *Service) SetTags(ctx context.Context, u *model.User, id int64, list string) error {
	if _, err := s.manageable(ctx, u, id); err != nil {
		return err
	}
	tags, err := ParseTags(list)
	if err != nil {
		return err
	}
	return s.st.SetIdeaTags(ctx, id, tags)
}

// ParseTags reads a comma-separated list of tags: trimmed, lower case,
// without duplicates.
func ParseTags(list string) ([]string, error) {
	var tags []string
	for part := range strings.SplitSeq(list, ",") {
		t := strings.ToLower(strings.TrimSpace(part))
		if t == "" || slices.Contains(tags, t) {
			continue
		}
		if utf8.RuneCountInString(t) > MaxTag {
			return nil, model.Invalid("tags", "ideas.error.tag_long")
		}
		tags = append(tags, t)
	}
	if len(tags) > MaxTags {
		return nil, model.Invalid("tags", "ideas.error.tags_many")
	}
	return tags, nil
}

// Merge merges idea id, a duplicate, into idea into: votes and comments
// move, the duplicate points to the survivor, and the duplicate's voters
// are mailed.
func (s *Service) Merge(ctx context.Context, u *model.User, id, into int64) error {
	dup, err := s.manageable(ctx, u, id)
	if err != nil {
		return err
	}
	if into == 0 || into == id {
		return model.Invalid("into", "ideas.error.merge_target")
	}
	if dup.MergedInto != 0 {
		return model.Invalid("into", "ideas.error.merged")
	}
	target, err := s.Get(ctx, u, into)
	if errors.Is(err, model.ErrNotFound) {
		return model.Invalid("into", "ideas.error.merge_target")
	}
	if err != nil {
		return err
	}
	if target.MergedInto != 0 {
		return model.Invalid("into", "ideas.error.merge_target")
	}
	vis, err := s.Visibility(ctx)
	if err != nil {
		return err
	}
	return s.st.InTx(ctx, func(q *store.Queries) error {
		// Lock both rows in id order, so two merges cannot deadlock.
		for _, x := range []int64{min(id, into), max(id, into)} {
			if _, err := q.IdeaForUpdate(ctx, x); err != nil {
				return err
			}
		}
		voters, err := q.IdeaVoters(ctx, id)
		if err != nil {
			return err
		}
		if err := q.MergeIdea(ctx, id, into, u.ID); err != nil {
			return err
		}
		d := *dup.Idea
		d.MergedInto = into
		return s.tell(ctx, q, u, &d, vis, voters, func(to *model.User) error {
			return s.mail.IdeaMerged(ctx, q, to, &d, target.Idea)
		})
	})
}

// LinkTicket links the ticket with number to an idea; the agent must see
// the ticket.
func (s *Service) LinkTicket(ctx context.Context, u *model.User, id, number int64) error {
	if _, err := s.manageable(ctx, u, id); err != nil {
		return err
	}
	t, err := s.st.Ticket(ctx, number)
	if err != nil && !errors.Is(err, model.ErrNotFound) {
		return err
	}
	if err != nil || !authz.Ticket(u, t).See {
		return model.Invalid("number", "ideas.error.ticket")
	}
	return s.st.LinkIdeaTicket(ctx, id, t.ID, u.ID)
}

// UnlinkTicket removes a ticket's link to an idea.
func (s *Service) UnlinkTicket(ctx context.Context, u *model.User, id, number int64) error {
	if _, err := s.manageable(ctx, u, id); err != nil {
		return err
	}
	t, err := s.st.Ticket(ctx, number)
	if err != nil {
		return err
	}
	if !authz.Ticket(u, t).See {
		return fmt.Errorf("ideas: ticket %d: %w", number, model.ErrNotFound)
	}
	return s.st.UnlinkIdeaTicket(ctx, id, t.ID)
}

// TicketIdeas lists the ideas linked to a ticket, for the ticket's page
// in the desk: agents only, and only ideas they see.
func (s *Service) TicketIdeas(ctx context.Context, u *model.User, t *model.Ticket) ([]*model.Idea, error) {
	if !u.IsAgent() || !authz.Ticket(u, t).See {
		return nil, nil
	}
	return s.st.TicketIdeas(ctx, t.ID)
}

// OpenAttachment returns a file of an idea u sees, and its contents.
func (s *Service) OpenAttachment(ctx context.Context, u *model.User, ideaID, id int64) (*model.Attachment, io.ReadSeekCloser, error) {
	if _, err := s.Get(ctx, u, ideaID); err != nil {
		return nil, nil, err
	}
	atts, err := s.st.IdeaAttachments(ctx, ideaID)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range atts {
		if a.ID == id {
			f, err := s.blobs.Open(ctx, a.BlobKey)
			if err != nil {
				return nil, nil, err
			}
			return a, f, nil
		}
	}
	return nil, nil, fmt.Errorf("ideas: file %d of %d: %w", id, ideaID, model.ErrNotFound)
}
