// Package inbound takes one received mail, whichever way it came (IMAP,
// the SMTP listener, a pipe from the MTA), and turns it into a ticket or a
// message on one: parse, deduplicate, find or create the sender, thread,
// store with its files and the raw original, and queue the mail it
// causes. Everything is written in one transaction; Ingest returns nil
// only after that transaction committed, so a caller acknowledges a mail
// (250, IMAP \Seen, exit 0) only when it can no longer be lost.
//
// Mail is an unauthenticated API (SECURITY.md rule 4). A mail joins an
// existing ticket only with proof that its sender took part in the
// conversation — our signed token in In-Reply-To/References, a reference
// to a mail exchanged with that very address, or the subject tag of a
// ticket the sender is a party of — and only when the sender may write to
// the ticket. Otherwise it opens a new ticket linked to the one it named.
package inbound

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"supportal/internal/account"
	"supportal/internal/authz"
	"supportal/internal/blob"
	"supportal/internal/mailout"
	"supportal/internal/mailparse"
	"supportal/internal/mailtoken"
	"supportal/internal/model"
	"supportal/internal/refnum"
	"supportal/internal/routing"
	"supportal/internal/slaclock"
	"supportal/internal/store"
)

// Mailer queues the mail an incoming mail causes; package mailout
// implements it. It runs inside the ingest transaction.
type Mailer interface {
	TicketCreated(ctx context.Context, q *store.Queries, t *model.Ticket, first *model.Message, copyToSender bool) error
	AccountMail(ctx context.Context, q *store.Queries, u *model.User, name, to, link string) error
	Kick() // after a commit that may have queued mail
}

// Config is what the pipeline needs.
type Config struct {
	Store   *store.Store
	Blobs   blob.Store
	Tokens  *mailtoken.Tokens
	Mailer  Mailer // nil: no mail is queued
	BaseURL string // for the registration link
	From    string // the instance's default sender address; mail from it is a loop
	MaxSize int64  // bytes; larger mail is ErrTooLarge
	Limits  mailparse.Limits
	// FloodLimit is how many mails one sender may send per FloodWindow
	// before further ones are kept but put on no ticket.
	FloodLimit  int
	FloodWindow time.Duration
	// Clock keeps the service-level clocks of the tickets mail opens or
	// answers; nil: tickets have no due times.
	Clock *slaclock.Clock
	Log   *slog.Logger
}

// Service ingests mail.
type Service struct {
	cfg Config
}

// Registration links from mail stay valid this long.
const registrationTTL = 14 * 24 * time.Hour

// New returns the pipeline. Zero limits take defaults: 40 MiB, 60 mails
// per sender and hour.
func New(cfg Config) *Service {
	if cfg.MaxSize <= 0 {
		cfg.MaxSize = 40 << 20
	}
	if cfg.Limits == (mailparse.Limits{}) {
		cfg.Limits = mailparse.DefaultLimits()
	}
	cfg.Limits.MaxSize = cfg.MaxSize
	if cfg.FloodLimit <= 0 {
		cfg.FloodLimit = 60
	}
	if cfg.FloodWindow <= 0 {
		cfg.FloodWindow = time.Hour
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if a, err := mail.ParseAddress(cfg.From); err == nil {
		cfg.From = a.Address
	}
	cfg.From = store.NormalizeEmail(cfg.From)
	return &Service{cfg: cfg}
}

// Reasons a mail is kept on no ticket.
const (
	IgnoredLoop     = "loop"       // it came from one of our own addresses
	IgnoredFlood    = "flood"      // its sender exceeded the rate limit
	IgnoredNoSender = "no-sender"  // no address to answer to
	IgnoredAuto     = "auto-reply" // an auto-reply or bounce that belongs to no ticket
)

// Ingest stores one raw mail. It returns after the mail is committed, or
// with an error and nothing committed; see Permanent.
func (s *Service) Ingest(ctx context.Context, raw []byte, src Source) (*Result, error) {
	if int64(len(raw)) > s.cfg.MaxSize {
		return nil, ErrTooLarge
	}
	msg, parseErr := mailparse.Parse(raw, s.cfg.Limits)
	if parseErr != nil {
		msg = mailparse.Fallback(raw, parseErr)
	}
	key := dedupKey(msg, raw)
	if prev, err := s.cfg.Store.InboundByDedupKey(ctx, key); err == nil {
		return &Result{InboundID: prev.ID, Ticket: prev.Number, Duplicate: true, Ignored: ignoredReason(prev)}, nil
	} else if !errors.Is(err, model.ErrNotFound) {
		return nil, err
	}

	// Files first, outside the transaction: blobs are content-addressed,
	// so one written for a mail that then fails to commit is a harmless
	// orphan, rewritten under the same key when the sender retries.
	rawKey, _, err := s.cfg.Blobs.Put(ctx, bytes.NewReader(raw), s.cfg.MaxSize)
	if err != nil {
		return nil, fmt.Errorf("inbound: keeping raw mail: %w", err)
	}
	files := make([]storedPart, 0, len(msg.Attachments))
	for _, p := range msg.Attachments {
		k, n, err := s.cfg.Blobs.Put(ctx, bytes.NewReader(p.Data), s.cfg.MaxSize)
		if err != nil {
			return nil, fmt.Errorf("inbound: keeping attachment: %w", err)
		}
		files = append(files, storedPart{Part: p, key: k, size: n})
	}

	rec := &store.InboundMail{
		DedupKey: key, MessageID: msg.MessageID, MailboxID: src.MailboxID, Source: src.Kind,
		RawKey: rawKey, Size: int64(len(raw)), Sender: msg.From.Email, Subject: truncate(msg.Subject, 500),
	}
	if parseErr != nil {
		rec.ParseError = truncate(parseErr.Error(), 1000)
	} else if len(msg.Problems) > 0 {
		rec.ParseError = truncate(strings.Join(msg.Problems, "; "), 1000)
	}
	in := &ingest{s: s, msg: msg, src: src, rec: rec, files: files}
	err = s.cfg.Store.InTx(ctx, func(q *store.Queries) error {
		if err := in.run(ctx, q); err != nil {
			return err
		}
		return in.refreshSLA(ctx, q)
	})
	if errors.Is(err, model.ErrConflict) {
		// The same mail committed concurrently through another door.
		prev, perr := s.cfg.Store.InboundByDedupKey(ctx, key)
		if perr != nil {
			return nil, errors.Join(err, perr)
		}
		return &Result{InboundID: prev.ID, Ticket: prev.Number, Duplicate: true, Ignored: ignoredReason(prev)}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("inbound: %w", err)
	}
	if s.cfg.Mailer != nil {
		s.cfg.Mailer.Kick()
	}
	s.cfg.Log.Info("mail received", "source", src.Kind, "from", rec.Sender, "outcome", rec.Outcome,
		"ticket", in.number, "reason", rec.Reason)
	return &Result{InboundID: in.id, Ticket: in.number, Created: rec.Outcome == store.MailCreated, Ignored: ignoredReason(rec)}, nil
}

// refreshSLA moves the due times of the ticket the mail opened or
// answered: a customer's answer gives support the ball again.
func (in *ingest) refreshSLA(ctx context.Context, q *store.Queries) error {
	if in.s.cfg.Clock == nil || in.number == 0 {
		return nil
	}
	t, err := q.Ticket(ctx, in.number)
	if err != nil {
		return err
	}
	return in.s.cfg.Clock.Refresh(ctx, q, t.ID)
}

func ignoredReason(m *store.InboundMail) string {
	if m.Outcome == store.MailIgnored {
		return m.Reason
	}
	return ""
}

// dedupKey names a mail across deliveries. The same mail fetched by IMAP
// and delivered by SMTP differs in its trace headers but keeps its
// Message-ID, sender, date and subject; broken mailers reuse a
// Message-ID for different mails, which then differ in the rest. A mail
// without Message-ID is known by the hash of its bytes.
func dedupKey(msg *mailparse.Message, raw []byte) string {
	if msg.MessageID == "" {
		h := sha256.Sum256(raw)
		return "sha256:" + hex.EncodeToString(h[:])
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%s", msg.From.Email, msg.Date.Unix(), msg.Subject)
	return "mid:" + truncate(msg.MessageID, 800) + " " + hex.EncodeToString(h.Sum(nil)[:12])
}

type storedPart struct {
	mailparse.Part
	key  string
	size int64
}

// ingest is one mail on its way into the database.
type ingest struct {
	s      *Service
	msg    *mailparse.Message
	src    Source
	rec    *store.InboundMail
	files  []storedPart
	boxes  []*store.Mailbox // every mailbox, read once per mail
	id     int64            // of the inbound record
	number int64            // of the ticket
}

// run is the transaction.
func (in *ingest) run(ctx context.Context, q *store.Queries) error {
	// Inside the transaction too: on SQLite the write lock serializes us
	// with any concurrent delivery of the same mail.
	if _, err := q.InboundByDedupKey(ctx, in.rec.DedupKey); err == nil {
		return model.ErrConflict
	} else if !errors.Is(err, model.ErrNotFound) {
		return err
	}
	boxes, err := q.Mailboxes(ctx)
	if err != nil {
		return err
	}
	in.boxes = boxes
	mb, err := in.mailbox(ctx, q)
	if err != nil {
		return err
	}
	if mb != nil {
		in.rec.MailboxID = mb.ID
	}
	if reason, err := in.refuse(ctx, q); err != nil {
		return err
	} else if reason != "" {
		return in.ignore(ctx, q, reason)
	}

	sender, _ := q.UserByEmail(ctx, in.msg.From.Email)
	t, linked, err := in.thread(ctx, q, sender)
	if err != nil {
		return err
	}
	if in.msg.Auto != "" && t == nil {
		return in.ignore(ctx, q, IgnoredAuto)
	}
	if sender == nil {
		if sender, err = in.createContact(ctx, q); err != nil {
			return err
		}
	}
	if t != nil {
		return in.appendTo(ctx, q, t, sender)
	}
	return in.open(ctx, q, sender, mb, linked)
}

// mailbox is the mailbox the mail came to: the source's, else the first
// of our mailbox addresses among the recipients.
func (in *ingest) mailbox(ctx context.Context, q *store.Queries) (*store.Mailbox, error) {
	if in.src.MailboxID != 0 {
		mb, err := q.Mailbox(ctx, in.src.MailboxID)
		if errors.Is(err, model.ErrNotFound) {
			return nil, nil
		}
		return mb, err
	}
	if len(in.boxes) == 0 {
		return nil, nil
	}
	addrs := slices.Concat(in.src.Recipients, in.msg.DeliveredTo)
	for _, a := range slices.Concat(in.msg.To, in.msg.Cc) {
		addrs = append(addrs, a.Email)
	}
	for _, a := range addrs {
		a = baseAddress(a)
		for _, mb := range in.boxes {
			if mb.Address == a {
				return mb, nil
			}
		}
	}
	return nil, nil
}

// refuse says why a mail is kept on no ticket at all, or "".
func (in *ingest) refuse(ctx context.Context, q *store.Queries) (string, error) {
	from := baseAddress(in.msg.From.Email)
	if from == "" || !strings.Contains(from, "@") {
		return IgnoredNoSender, nil
	}
	if in.ownAddress(from) {
		return IgnoredLoop, nil
	}
	n, err := q.RateHit(ctx, "mail-in:"+from, in.s.cfg.FloodWindow, store.Now())
	if err != nil {
		return "", err
	}
	if n > in.s.cfg.FloodLimit {
		return IgnoredFlood, nil
	}
	return "", nil
}

// ownAddress reports whether addr is one we send from.
func (in *ingest) ownAddress(addr string) bool {
	return addr == in.s.cfg.From || slices.ContainsFunc(in.boxes, func(mb *store.Mailbox) bool { return mb.Address == addr })
}

func (in *ingest) ignore(ctx context.Context, q *store.Queries, reason string) error {
	in.rec.Outcome, in.rec.Reason = store.MailIgnored, reason
	id, err := q.CreateInboundMail(ctx, in.rec)
	in.id = id
	return err
}

// createContact makes a contact of the sender: of the organization that
// claims the sender's domain, with its default role, else of none. It is
// invited to register (DESIGN §4).
func (in *ingest) createContact(ctx context.Context, q *store.Queries) (*model.User, error) {
	email := in.msg.From.Email
	name := strings.TrimSpace(in.msg.From.Name)
	if name == "" || strings.Contains(name, "@") {
		name, _, _ = strings.Cut(email, "@")
	}
	nu := store.NewUser{Kind: model.KindContact, Email: email, Name: truncate(name, 200), Role: model.RoleMember}
	_, domain, _ := strings.Cut(email, "@")
	orgID, err := q.DomainOwner(ctx, domain)
	if err != nil {
		return nil, err
	}
	if orgID != 0 {
		org, err := q.Organization(ctx, orgID)
		if err != nil {
			return nil, err
		}
		nu.OrgID, nu.Role = org.ID, org.DefaultRole
		nu.Rights, _ = model.RoleRights(org.DefaultRole)
	}
	id, err := q.CreateUser(ctx, nu)
	if err != nil {
		return nil, err
	}
	u, err := q.User(ctx, id)
	if err != nil {
		return nil, err
	}
	if in.s.cfg.Mailer != nil {
		secret, hash := account.NewSecret("reg_")
		if err := q.CreateUserToken(ctx, id, account.PurposeRegister, hash, store.Now().Add(registrationTTL)); err != nil {
			return nil, err
		}
		link := in.s.cfg.BaseURL + "/welcome?token=" + secret
		if err := in.s.cfg.Mailer.AccountMail(ctx, q, u, mailout.TemplateRegistration, "", link); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// Proof of a thread, strongest first.
const (
	proofToken     = iota + 1 // our signed Message-ID
	proofReference            // a stored Message-ID exchanged with this address
	proofTag                  // the subject tag of a ticket the sender is a party of
)

var tagPattern = regexp.MustCompile(`\[#(\d{1,18})\]`)

// thread finds the ticket the mail continues. It returns the ticket to
// append to, or nil and the ticket the mail named but may not join (to be
// linked to the new ticket), or nil and nil.
func (in *ingest) thread(ctx context.Context, q *store.Queries, sender *model.User) (*model.Ticket, *model.Ticket, error) {
	refs := slices.Concat(in.msg.InReplyTo, in.msg.References, in.msg.BounceRefs)
	from := store.NormalizeEmail(in.msg.From.Email)
	type candidate struct {
		number int64
		proof  int
	}
	var cands []candidate
	for _, r := range slices.Backward(refs) { // the newest reference first
		if n, ok := in.s.cfg.Tokens.Ticket(r); ok {
			cands = append(cands, candidate{n, proofToken})
		}
	}
	found, err := q.ThreadRefs(ctx, refs)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range found {
		if slices.Contains(r.Addresses, from) {
			cands = append(cands, candidate{r.Number, proofReference})
		}
	}
	for _, m := range tagPattern.FindAllStringSubmatch(in.msg.Subject, -1) {
		if n, err := strconv.ParseInt(m[1], 10, 64); err == nil {
			cands = append(cands, candidate{n, proofTag})
		}
	}
	var named *model.Ticket
	for _, c := range cands {
		// A merged ticket's mail goes to the ticket it was merged into.
		n, err := q.Survivor(ctx, c.number)
		if errors.Is(err, model.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		t, err := q.Ticket(ctx, n)
		if errors.Is(err, model.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if sender != nil && mayJoin(sender, t, c.proof) {
			return t, nil, nil
		}
		if named == nil {
			named = t
		}
	}
	return nil, named, nil
}

// mayJoin decides whether the sender's mail is appended to t.
func mayJoin(sender *model.User, t *model.Ticket, proof int) bool {
	if sender.IsAgent() {
		// Recorded as an internal note, never as a reply to the customer.
		return sender.Active && proof != proofTag && authz.Ticket(sender, t).Note
	}
	if !authz.Ticket(sender, t).Reply {
		return false
	}
	return proof != proofTag || t.IsParty(sender.ID)
}

// appendTo adds the mail to t. A person's mail hands the ball back to
// support; an automatic one changes nothing.
func (in *ingest) appendTo(ctx context.Context, q *store.Queries, t *model.Ticket, sender *model.User) error {
	internal := in.msg.Auto != "" || sender.IsAgent()
	mid, err := in.message(ctx, q, t, sender, internal)
	if err != nil {
		return err
	}
	in.number = t.Number
	if !internal && t.Status.Category.Ball() != model.BallSupport && t.Status.Category != model.CategoryOpen {
		if err := reopen(ctx, q, t, sender); err != nil {
			return err
		}
	}
	in.rec.Outcome, in.rec.TicketID, in.rec.MessageRef = store.MailAppended, t.ID, mid
	in.id, err = q.CreateInboundMail(ctx, in.rec)
	return err
}

// reopen moves t to the first open status, as a contact's portal reply
// does.
func reopen(ctx context.Context, q *store.Queries, t *model.Ticket, by *model.User) error {
	statuses, err := q.Statuses(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(statuses, func(s model.Status) bool { return s.Category == model.CategoryOpen })
	if i < 0 {
		return nil
	}
	to, empty, now := statuses[i], "", store.Now()
	if err := q.UpdateTicket(ctx, t.ID, store.TicketUpdate{StatusID: &to.ID, WaitingReason: &empty, At: now}); err != nil {
		return err
	}
	return q.AddEvent(ctx, model.Event{TicketID: t.ID, ActorID: by.ID, Field: "status", Old: t.Status.Name, New: to.Name, CreatedAt: now})
}

// open starts a ticket with the mail. linked is a ticket the mail named
// but may not join.
func (in *ingest) open(ctx context.Context, q *store.Queries, sender *model.User, mb *store.Mailbox, linked *model.Ticket) error {
	statuses, err := q.Statuses(ctx)
	if err != nil {
		return err
	}
	status := slices.IndexFunc(statuses, func(s model.Status) bool { return s.Category == model.CategoryNew })
	if status < 0 {
		return errors.New("no status of category new")
	}
	nt := store.NewTicket{
		Subject: ticketSubject(in.msg.Subject), OrgID: sender.OrgID, RequesterID: sender.ID,
		StatusID: statuses[status].ID, Channel: model.ChannelEmail,
	}
	if mb != nil {
		nt.MailboxID, nt.TeamID = mb.ID, mb.TeamID
	}
	if nt.TeamID == 0 {
		teams, err := q.Teams(ctx)
		if err != nil {
			return err
		}
		for _, tm := range teams {
			if tm.Default {
				nt.TeamID = tm.ID
			}
		}
	}
	if err := in.defaults(ctx, q, &nt); err != nil {
		return err
	}
	nt.Participants, err = in.colleagues(ctx, q, sender)
	if err != nil {
		return err
	}
	routed, err := routing.Route(ctx, q, &nt)
	if err != nil {
		return err
	}
	id, number, err := q.CreateTicket(ctx, nt)
	if err != nil {
		return err
	}
	in.number = number
	if err := q.AddEvent(ctx, model.Event{TicketID: id, ActorID: sender.ID, Field: "created", New: string(model.ChannelEmail)}); err != nil {
		return err
	}
	if err := routed.Record(ctx, q, id); err != nil {
		return err
	}
	if linked != nil {
		if err := q.LinkTickets(ctx, id, linked.ID, "related"); err != nil {
			return err
		}
		in.rec.Reason = fmt.Sprintf("named ticket %d, which the sender may not write to", linked.Number)
	}
	t, err := q.Ticket(ctx, number)
	if err != nil {
		return err
	}
	mid, err := in.message(ctx, q, t, sender, false)
	if err != nil {
		return err
	}
	in.rec.Outcome, in.rec.TicketID, in.rec.MessageRef = store.MailCreated, id, mid
	if in.id, err = q.CreateInboundMail(ctx, in.rec); err != nil {
		return err
	}
	if in.s.cfg.Mailer == nil || in.msg.Auto != "" {
		return nil
	}
	first, err := q.Message(ctx, mid)
	if err != nil {
		return err
	}
	return in.s.cfg.Mailer.TicketCreated(ctx, q, t, first, false)
}

// defaults fills the type and priority a new ticket takes when no one
// chose them.
func (in *ingest) defaults(ctx context.Context, q *store.Queries, nt *store.NewTicket) error {
	opts, err := q.Options(ctx)
	if err != nil {
		return err
	}
	for _, o := range opts {
		if !o.Default {
			continue
		}
		switch o.Field {
		case model.FieldType:
			nt.Type = o.Value
		case model.FieldPriority:
			nt.Priority = o.Value
		}
	}
	return nil
}

// colleagues are the recipients of a new mail who are active contacts of
// the sender's organization: they become participants. Strangers in Cc
// never do.
func (in *ingest) colleagues(ctx context.Context, q *store.Queries, sender *model.User) ([]int64, error) {
	if sender.OrgID == 0 {
		return nil, nil
	}
	var out []int64
	for _, a := range slices.Concat(in.msg.To, in.msg.Cc) {
		u, err := q.UserByEmail(ctx, a.Email)
		if errors.Is(err, model.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if u.IsContact() && u.Active && u.OrgID == sender.OrgID && u.ID != sender.ID && !slices.Contains(out, u.ID) {
			out = append(out, u.ID)
		}
	}
	return out, nil
}

// message stores the mail as a message of t with its files.
func (in *ingest) message(ctx context.Context, q *store.Queries, t *model.Ticket, sender *model.User, internal bool) (int64, error) {
	var ids []int64
	for _, f := range in.files {
		a, err := q.CreateUpload(ctx, store.NewUpload{UploaderID: sender.ID, Name: f.Name, Size: f.size,
			ContentType: f.ContentType, BlobKey: f.key, ContentID: f.ContentID, Inline: f.Inline})
		if err != nil {
			return 0, err
		}
		ids = append(ids, a.ID)
	}
	nm := store.NewMessage{
		TicketID: t.ID, Kind: model.KindEmailIn, AuthorID: sender.ID,
		Body: in.msg.Text, HTML: in.msg.HTML, Internal: internal,
		MessageID: in.msg.MessageID, Sender: in.msg.From.Email, RawKey: in.rec.RawKey,
		Auto: in.msg.Auto != "", Flags: in.flags(sender), Attachments: ids,
	}
	if len(in.msg.InReplyTo) > 0 {
		nm.InReplyTo = in.msg.InReplyTo[0]
	}
	for _, a := range in.msg.To {
		nm.To = append(nm.To, model.Recipient{Email: a.Email, Name: a.Name})
	}
	for _, a := range in.msg.Cc {
		nm.Cc = append(nm.Cc, model.Recipient{Email: a.Email, Name: a.Name})
	}
	if err := in.recipientUsers(ctx, q, nm.To, nm.Cc); err != nil {
		return 0, err
	}
	if err := refnum.Collect(ctx, q, t.ID, in.msg.Subject, in.msg.Text); err != nil {
		return 0, err
	}
	return q.CreateMessage(ctx, nm)
}

// recipientUsers links recipients to the accounts of their addresses, so
// that authz knows who received the message.
func (in *ingest) recipientUsers(ctx context.Context, q *store.Queries, lists ...[]model.Recipient) error {
	for _, list := range lists {
		for i := range list {
			u, err := q.UserByEmail(ctx, list[i].Email)
			if errors.Is(err, model.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			list[i].UserID = u.ID
		}
	}
	return nil
}

// flags are the warnings agents see on the message.
func (in *ingest) flags(sender *model.User) string {
	var f []string
	for name, result := range map[string]string{"dmarc": in.msg.Auth.DMARC, "spf": in.msg.Auth.SPF, "dkim": in.msg.Auth.DKIM} {
		if result == "fail" || (name == "spf" && result == "softfail") {
			f = append(f, name+"-fail")
		}
	}
	if sender.IsAgent() {
		f = append(f, "from-agent")
	}
	slices.Sort(f)
	return strings.Join(f, " ")
}

// ticketSubject is the subject of a ticket opened by mail: without our
// tags (a tag the sender may not use must not stick), never empty.
func ticketSubject(s string) string {
	s = strings.Join(strings.Fields(tagPattern.ReplaceAllString(s, "")), " ")
	if s == "" {
		return "(no subject)"
	}
	return truncate(s, 250)
}

// baseAddress is an address without its +suffix, normalized.
func baseAddress(a string) string {
	a = store.NormalizeEmail(a)
	local, domain, ok := strings.Cut(a, "@")
	if !ok {
		return a
	}
	local, _, _ = strings.Cut(local, "+")
	return local + "@" + domain
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
