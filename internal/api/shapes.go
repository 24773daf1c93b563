package api

import (
	"strconv"
	"strings"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// ticketJSON is a ticket as the API shows it. Optional references are
// null when unset, never 0 or "".
type ticketJSON struct {
	Number         int64          `json:"number"`
	Subject        string         `json:"subject"`
	Status         string         `json:"status"`
	Category       model.Category `json:"category"`
	WaitingReason  string         `json:"waiting_reason"`
	Ball           model.Ball     `json:"ball"`
	OrgID          *int64         `json:"org_id"`
	OrgName        *string        `json:"org_name"`
	RequesterID    int64          `json:"requester_id"`
	RequesterName  string         `json:"requester_name"`
	Type           string         `json:"type"`
	Priority       string         `json:"priority"`
	Impact         string         `json:"impact"`
	Module         string         `json:"module"`
	Version        string         `json:"version"`
	Team           *string        `json:"team"`
	TeamID         *int64         `json:"team_id"`
	AssigneeID     *int64         `json:"assignee_id"`
	AssigneeName   *string        `json:"assignee_name"`
	ProjectID      *int64         `json:"project_id"` // the project it belongs to; null: none
	Channel        model.Channel  `json:"channel"`
	Internal       *bool          `json:"internal,omitempty"` // staff only
	SLA            *slaJSON       `json:"sla,omitempty"`      // staff only
	CustomFields   map[string]any `json:"custom_fields"`
	References     []string       `json:"references"` // order and reference numbers
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
	LastActivityAt time.Time      `json:"last_activity_at"`
	URL            string         `json:"url"`
}

// ticketOf shapes t for u; baseURL is where users reach the web pages.
// slaJSON is where a ticket's service-level clocks stand: the pending due
// times (null: none pending — no target, met, or the clock stands still
// while the customer has the ball) and support's first answer.
type slaJSON struct {
	FirstResponseAt  *time.Time `json:"first_response_at"`
	FirstResponseDue *time.Time `json:"first_response_due"`
	ResolutionDue    *time.Time `json:"resolution_due"`
}

func slaOf(s model.SLA) *slaJSON {
	at := func(t time.Time) *time.Time {
		if t.IsZero() {
			return nil
		}
		u := t.UTC()
		return &u
	}
	return &slaJSON{FirstResponseAt: at(s.FirstResponseAt), FirstResponseDue: at(s.FirstResponseDue), ResolutionDue: at(s.ResolutionDue)}
}

func ticketOf(u *model.User, t *model.Ticket, baseURL string) ticketJSON {
	j := ticketJSON{
		Number: t.Number, Subject: t.Subject, Status: t.Status.Name, Category: t.Status.Category,
		WaitingReason: t.WaitingReason, Ball: t.Ball(),
		OrgID: idOrNull(t.OrgID), OrgName: textOrNull(t.OrgName),
		RequesterID: t.RequesterID, RequesterName: t.RequesterName,
		Type: t.Type, Priority: t.Priority, Impact: t.Impact, Module: t.Module, Version: t.Version,
		Team: textOrNull(t.TeamName), TeamID: idOrNull(t.TeamID),
		AssigneeID: idOrNull(t.AssigneeID), AssigneeName: textOrNull(t.AssigneeName), ProjectID: idOrNull(t.ProjectID),
		Channel: t.Channel, CustomFields: t.CustomFields, References: []string{},
		CreatedAt: t.CreatedAt.UTC(), UpdatedAt: t.UpdatedAt.UTC(), LastActivityAt: t.LastActivityAt.UTC(),
		URL: baseURL + "/portal/tickets/" + strconv.FormatInt(t.Number, 10),
	}
	if j.CustomFields == nil {
		j.CustomFields = map[string]any{}
	}
	if u.IsAgent() {
		internal := t.Internal
		j.Internal = &internal
		j.SLA = slaOf(t.SLA)
		j.URL = baseURL + "/desk/tickets/" + strconv.FormatInt(t.Number, 10)
	}
	if t.TeamID == 0 {
		j.Team = nil
	}
	if t.AssigneeID == 0 {
		j.AssigneeName = nil
	}
	return j
}

// messageJSON is a message as the API shows it: the plain text, and the
// sanitised HTML that the ticket service made of it.
type messageJSON struct {
	ID          int64             `json:"id"`
	Kind        model.MessageKind `json:"kind"`
	AuthorID    *int64            `json:"author_id"`
	AuthorName  string            `json:"author_name"`
	AuthorKind  model.Kind        `json:"author_kind"`
	To          []string          `json:"to"`
	Cc          []string          `json:"cc"`
	Body        string            `json:"body"`
	HTML        string            `json:"html"`
	HasHTML     bool              `json:"has_html"`         // html is the mail's own, not the rendering of body
	Sender      string            `json:"sender,omitempty"` // the From address of a received mail
	Auto        bool              `json:"auto"`             // an auto-reply or bounce: it notified no one
	Flags       *[]string         `json:"flags,omitempty"`  // staff only: what could not be verified of a received mail
	Internal    bool              `json:"internal"`
	Attachments []uploadJSON      `json:"attachments"`
	CreatedAt   time.Time         `json:"created_at"`
}

// messageOf shapes m for u. Only staff learn the warnings about a
// received mail.
func messageOf(u *model.User, m *model.Message) messageJSON {
	j := messageJSON{
		ID: m.ID, Kind: m.Kind, AuthorID: idOrNull(m.AuthorID), AuthorName: m.AuthorName, AuthorKind: m.AuthorKind,
		To: addresses(m.To), Cc: addresses(m.Cc), Body: m.Body, HTML: m.HTML, HasHTML: ticket.OwnHTML(m),
		Auto: m.Auto, Internal: m.Internal, Attachments: []uploadJSON{}, CreatedAt: m.CreatedAt.UTC(),
	}
	if m.Kind == model.KindEmailIn {
		j.Sender = m.Sender
	}
	if u.IsAgent() {
		flags := strings.Fields(m.Flags)
		if flags == nil {
			flags = []string{}
		}
		j.Flags = &flags
	}
	for i := range m.Attachments {
		j.Attachments = append(j.Attachments, uploadOf(&m.Attachments[i]))
	}
	return j
}

func addresses(rs []model.Recipient) []string {
	out := []string{}
	for _, r := range rs {
		if r.Email != "" {
			out = append(out, r.Email)
		}
	}
	return out
}

// uploadJSON is a stored file: an upload, or an attachment of a message.
type uploadJSON struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Size        int64     `json:"size"`
	ContentType string    `json:"content_type"`
	URL         string    `json:"url"`
	CreatedAt   time.Time `json:"created_at"`
}

func uploadOf(a *model.Attachment) uploadJSON {
	return uploadJSON{
		ID: a.ID, Name: a.Name, Size: a.Size, ContentType: a.ContentType,
		URL: "/api/v1/attachments/" + strconv.FormatInt(a.ID, 10), CreatedAt: a.CreatedAt.UTC(),
	}
}

// listJSON is a page of a list; NextCursor is null on the last page.
type listJSON[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func idOrNull(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func textOrNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// orgJSON is an organization as the API shows it. Domains are the
// approved ones, which route addresses to it; PendingDomains are claims
// of its portal admins that wait for support's approval.
type orgJSON struct {
	ID             int64     `json:"id"`
	Name           string    `json:"name"`
	Domains        []string  `json:"domains"`
	PendingDomains []string  `json:"pending_domains"`
	DefaultRole    string    `json:"default_role"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

func orgOf(o *store.OrgListItem) orgJSON {
	return orgJSON{
		ID: o.ID, Name: o.Name, Domains: append([]string{}, o.Domains...), PendingDomains: append([]string{}, o.Pending...),
		DefaultRole: o.DefaultRole, CreatedAt: o.CreatedAt.UTC(), UpdatedAt: o.UpdatedAt.UTC(),
	}
}

// contactJSON is a contact as the API shows it to those who manage it.
// Verified is false for an invited contact that has not yet confirmed its
// address.
type contactJSON struct {
	ID        int64     `json:"id"`
	OrgID     *int64    `json:"org_id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Rights    []string  `json:"rights"`
	Active    bool      `json:"active"`
	Verified  bool      `json:"verified"`
	JobTitle  string    `json:"job_title"`
	Phone     string    `json:"phone"`
	Language  string    `json:"language"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func contactOf(u *model.User) contactJSON {
	j := contactJSON{
		ID: u.ID, OrgID: idOrNull(u.OrgID), Email: u.Email, Name: u.Name, Role: u.Role, Rights: []string{},
		Active: u.Active, Verified: u.EmailVerified, JobTitle: u.JobTitle, Phone: u.Phone, Language: u.Language,
		CreatedAt: u.CreatedAt.UTC(), UpdatedAt: u.UpdatedAt.UTC(),
	}
	for _, right := range u.Rights {
		j.Rights = append(j.Rights, string(right))
	}
	return j
}
