package seed

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"supportal/internal/blob"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// span is how far back the oldest ticket lies.
const span = 3 * 365 * 24 * time.Hour

// plan is what every batch draws from: the instance's statuses, teams and
// field values, the organizations with their share of the tickets and
// their contacts, the agents, and the attachment contents.
type plan struct {
	o   *Options
	run *run

	status   map[model.Category]model.Status
	teams    []int64 // 1st level, 2nd level, Technical: as many as exist
	types    []string
	prios    []string
	impacts  []string
	orgCum   []float64 // cumulative share of tickets by organization
	orgs     []orgPlan
	contacts []person // every contact, grouped by organization
	agents   []agent
	files    []file
}

type orgPlan struct {
	name         string
	lang         string // "de" or "en"
	first, count int    // its contacts in plan.contacts
}

type person struct {
	first, last, email string
}

func (p person) name() string { return p.first + " " + p.last }

type agent struct {
	person
	role string
	team int // index into plan.teams; -1: every team
}

// file is a distinct attachment content in the blob store.
type file struct {
	name, contentType, key string
	size                   int64
}

// agentNames are the seeded staff: three per team and an administrator.
var agentNames = [][2]string{
	{"Anna", "Schmidt"}, {"Lukas", "Becker"}, {"Emily", "Walker"},
	{"Jonas", "Richter"}, {"Katrin", "Wolf"}, {"Oliver", "Evans"},
	{"Stefan", "Braun"}, {"Grace", "Wright"}, {"Björn", "Krüger"},
}

func newPlan(ctx context.Context, st *store.Store, blobs blob.Store, o *Options) (*plan, error) {
	p := &plan{o: o, status: map[model.Category]model.Status{}}
	statuses, err := st.Statuses(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range statuses { // in order: the first of a category wins
		if _, ok := p.status[s.Category]; !ok {
			p.status[s.Category] = s
		}
	}
	for _, c := range model.Categories {
		if _, ok := p.status[c]; !ok {
			return nil, fmt.Errorf("seed: no status in category %s", c)
		}
	}
	if err := p.readTeams(ctx, st); err != nil {
		return nil, err
	}
	if err := p.readFieldValues(ctx, st); err != nil {
		return nil, err
	}
	p.orgCum = zipfWeights(o.Orgs, 1.0)
	p.planOrgs()
	for i, n := range agentNames {
		p.agents = append(p.agents, agent{person: staff(n[0], n[1]), role: model.RoleAgent, team: i % max(1, len(p.teams))})
	}
	p.agents = append(p.agents, agent{person: person{first: "Sabine", last: "Admin", email: AdminEmail}, role: model.RoleAdmin, team: -1})
	if o.Attachments {
		if err := p.writeFiles(ctx, blobs); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (p *plan) readTeams(ctx context.Context, st *store.Store) error {
	rows, err := st.DB().QueryContext(ctx, "SELECT id FROM teams ORDER BY id")
	if err != nil {
		return fmt.Errorf("seed: teams: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("seed: teams: %w", err)
		}
		p.teams = append(p.teams, id)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("seed: teams: %w", err)
	}
	if len(p.teams) == 0 {
		return fmt.Errorf("seed: no teams")
	}
	p.teams = p.teams[:min(3, len(p.teams))]
	return nil
}

// readFieldValues reads the values of type, priority and impact; the
// default value of a field comes first, so it can be picked more often.
func (p *plan) readFieldValues(ctx context.Context, st *store.Store) error {
	rows, err := st.DB().QueryContext(ctx, `SELECT field, value FROM field_options
		WHERE parent = '' AND field IN ('type', 'priority', 'impact') ORDER BY field, is_default DESC, position`)
	if err != nil {
		return fmt.Errorf("seed: field values: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var field, value string
		if err := rows.Scan(&field, &value); err != nil {
			return fmt.Errorf("seed: field values: %w", err)
		}
		switch field {
		case "type":
			p.types = append(p.types, value)
		case "priority":
			p.prios = append(p.prios, value)
		case "impact":
			p.impacts = append(p.impacts, value)
		}
	}
	return rows.Err()
}

// planOrgs names the organizations and spreads the contacts over them in
// proportion to their tickets, at least one each.
func (p *plan) planOrgs() {
	o := p.o
	rng := rand.New(rand.NewPCG(o.Seed, math.MaxUint64))
	p.orgs = make([]orgPlan, o.Orgs)
	extra := o.Contacts - o.Orgs
	given, prev := 0, 0.0
	for k := range p.orgs {
		share := p.orgCum[k] - prev
		prev = p.orgCum[k]
		n := 1 + int(share*float64(extra))
		if k == len(p.orgs)-1 {
			n = o.Contacts - given
		}
		n = max(1, min(n, o.Contacts-given-(len(p.orgs)-1-k)))
		lang := "de"
		if rng.IntN(10) < 4 {
			lang = "en"
		}
		p.orgs[k] = orgPlan{name: orgName(k), lang: lang, first: given, count: n}
		domain := orgDomain(k)
		for i := range n {
			first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
			p.contacts = append(p.contacts, person{first: first, last: last,
				email: fmt.Sprintf("%s.%s.%d@%s", ascii(first), ascii(last), i+1, domain)})
		}
		given += n
	}
}

// orgName is a unique name for organization k.
func orgName(k int) string {
	a, b, c := len(lastNames), len(industries), len(legalForms)
	name := fmt.Sprintf("%s %s %s", lastNames[k%a], industries[(k/a)%b], legalForms[(k/(a*b))%c])
	if round := k / (a * b * c); round > 0 {
		name += fmt.Sprintf(" %d", round+1)
	}
	return name
}

func orgDomain(k int) string {
	return fmt.Sprintf("%s-%s-%d.example", ascii(lastNames[k%len(lastNames)]), ascii(industries[(k/len(lastNames))%len(industries)]), k+1)
}

func staff(first, last string) person {
	return person{first: first, last: last, email: ascii(first) + "." + ascii(last) + "@seed-support.example"}
}

var asciiReplacer = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "ae", "Ö", "oe", "Ü", "ue", "ß", "ss", " ", "-", "&", "", ".", "")

func ascii(s string) string { return asciiReplacer.Replace(strings.ToLower(s)) }

// writeFiles puts 50 contents from 1 KB to 2 MB into the blob store. The
// store keeps a content once, so writing them again on a resumed run
// costs little and gives the same keys.
func (p *plan) writeFiles(ctx context.Context, blobs blob.Store) error {
	const n = 50
	for i := range n {
		size := int64(1024 * math.Pow(2048, float64(i)/(n-1))) // 1 KB … 2 MB, evenly on a log scale
		f := file{size: size}
		var data []byte
		if i%2 == 0 {
			f.name, f.contentType = fmt.Sprintf("protokoll-%02d.log", i), "text/plain"
			data = fill(size, func(j int) string {
				return fmt.Sprintf("2026-03-%02d 08:%02d:%02d INFO job %d finished in %d ms\n", j%28+1, j%60, (j*7)%60, j, (j*37)%900)
			})
		} else {
			f.name, f.contentType = fmt.Sprintf("export-%02d.csv", i), "text/csv"
			data = fill(size, func(j int) string {
				return fmt.Sprintf("%d;A-%05d;%d;%d,%02d EUR\n", j, j*13%99999, j%40+1, j%500, j%100)
			})
		}
		key, _, err := blobs.Put(ctx, bytes.NewReader(data), size+1)
		if err != nil {
			return fmt.Errorf("seed: attachment content: %w", err)
		}
		f.key = key
		p.files = append(p.files, f)
	}
	return nil
}

// fill repeats lines up to exactly size bytes.
func fill(size int64, line func(int) string) []byte {
	var b bytes.Buffer
	for j := 0; int64(b.Len()) < size; j++ {
		b.WriteString(line(j))
	}
	return b.Bytes()[:size]
}

// people returns the rows of the organizations, agents and contacts.
func (p *plan) people(hash string) []*table {
	r := p.run
	created := r.End.Add(-span - 30*24*time.Hour)
	orgs := &table{name: "organizations", columns: []string{"id", "name", "default_role", "created_at", "updated_at"}}
	for k, o := range p.orgs {
		orgs.add(r.OrgBase+int64(k), o.name, model.RoleMember, created, created)
	}
	users := &table{name: "users", columns: []string{"id", "kind", "email", "name", "first_name", "last_name", "org_id", "role", "rights",
		"active", "email_verified", "language", "password_hash", "created_at", "updated_at"}}
	members := &table{name: "team_members", columns: []string{"team_id", "user_id"}}
	for i, a := range p.agents {
		id := p.agentID(i)
		users.add(id, string(model.KindAgent), a.email, a.name(), a.first, a.last, nil, a.role, "", true, true, "de", hash, created, created)
		for t, team := range p.teams {
			if a.team == -1 || a.team == t {
				members.add(team, id)
			}
		}
	}
	for k, o := range p.orgs {
		for i := range o.count {
			c := p.contacts[o.first+i]
			role := model.RoleMember
			switch {
			case i == 0:
				role = model.RolePortalAdm
			case i == 1:
				role = model.RolePrimary
			case i%5 == 0:
				role = model.RoleColleague
			}
			rights, _ := model.RoleRights(role)
			users.add(p.contactID(o.first+i), string(model.KindContact), c.email, c.name(), c.first, c.last, r.OrgBase+int64(k),
				role, rights.String(), true, true, o.lang, hash, created, created)
		}
	}
	return []*table{orgs, users, members}
}

func (p *plan) agentID(i int) int64   { return p.run.UserBase + int64(i) }
func (p *plan) contactID(i int) int64 { return p.run.UserBase + int64(len(p.agents)+i) }

// batchTables are the tables a batch of tickets writes, in the order of
// their references.
type batchTables struct {
	tickets, participants, messages, recipients, attachments, events, pauses *table
}

func newBatchTables(n, perTicket int) *batchTables {
	mk := func(name string, rows int, cols ...string) *table {
		return &table{name: name, columns: cols, rows: make([][]any, 0, rows)}
	}
	return &batchTables{
		tickets: mk("tickets", n, "id", "number", "subject", "org_id", "requester_id", "status_id", "waiting_reason", "type", "priority",
			"impact", "team_id", "assignee_id", "channel", "created_at", "updated_at", "last_activity_at", "first_response_at"),
		participants: mk("ticket_participants", n/8, "ticket_id", "user_id"),
		messages: mk("messages", n*perTicket, "id", "ticket_id", "kind", "author_id", "body", "html", "internal", "message_id",
			"in_reply_to", "sender", "created_at"),
		recipients:  mk("message_recipients", n*perTicket/2, "message_id", "field", "position", "email", "name", "user_id"),
		attachments: mk("attachments", n*perTicket/8, "message_id", "uploader_id", "name", "size", "content_type", "blob_key", "created_at"),
		events:      mk("ticket_events", n*3, "ticket_id", "actor_id", "field", "old_value", "new_value", "created_at"),
		pauses:      mk("ticket_sla_pauses", n, "ticket_id", "paused_at"),
	}
}

// seededTables names the tables a run writes to.
func seededTables() []string {
	names := []string{"organizations", "users", "team_members"}
	for _, t := range newBatchTables(0, 0).list() {
		names = append(names, t.name)
	}
	return names
}

func (b *batchTables) list() []*table {
	return []*table{b.tickets, b.participants, b.messages, b.recipients, b.attachments, b.events, b.pauses}
}

// batch returns the rows of tickets [from, to).
func (p *plan) batch(from, to int) []*table {
	b := newBatchTables(to-from, p.o.MessagesPerTicket)
	for i := from; i < to; i++ {
		p.ticket(b, i)
	}
	return b.list()
}

// ticket adds the rows of ticket i. Its random choices come from a
// generator of its own, so it is the same whatever the batch size.
func (p *plan) ticket(b *batchTables, i int) {
	r := p.run
	rng := rand.New(rand.NewPCG(r.Seed, uint64(i)))
	id, number := r.TicketBase+int64(i), r.NumberBase+int64(i)
	k := sort.SearchFloat64s(p.orgCum, rng.Float64())
	k = min(k, len(p.orgs)-1)
	org := &p.orgs[k]
	ph := &german
	if org.lang == "en" {
		ph = &english
	}
	reqIdx := org.first + rng.IntN(org.count)
	requester := p.contacts[reqIdx]
	requesterID := p.contactID(reqIdx)

	// Numbers follow creation: ticket i is created at i/T of the span.
	step := span / time.Duration(max(1, r.Tickets))
	created := r.End.Add(-span + time.Duration(i)*step + time.Duration(rng.Int64N(int64(max(step, time.Second))))).Truncate(time.Microsecond)
	recent := r.End.Sub(created) < 30*24*time.Hour
	cat := pickCategory(rng, recent)

	team := 0
	if x := rng.IntN(100); x >= 60 && len(p.teams) > 1 {
		team = 1
		if x >= 85 && len(p.teams) > 2 {
			team = 2
		}
	}
	var assignee = -1
	if cat != model.CategoryNew && rng.IntN(10) > 0 {
		assignee = team + len(p.teams)*rng.IntN(len(agentNames)/len(p.teams))
		assignee = min(assignee, len(agentNames)-1)
	}
	// The agent who answers: the assignee, or someone of the team.
	answerer := assignee
	if answerer < 0 {
		answerer = min(team+len(p.teams)*rng.IntN(len(agentNames)/len(p.teams)), len(agentNames)-1)
	}
	agentID := p.agentID(answerer)

	channel := model.ChannelPortal
	switch x := rng.IntN(100); {
	case x >= 50 && x < 90:
		channel = model.ChannelEmail
	case x >= 90 && x < 95:
		channel = model.ChannelAPI
	case x >= 95:
		channel = model.ChannelDesk
	}

	var participant int64
	if org.count > 1 && rng.IntN(10) == 0 {
		other := org.first + rng.IntN(org.count)
		if other != reqIdx {
			participant = p.contactID(other)
			b.participants.add(id, participant)
		}
	}

	// Messages: the request, then support and customer taking turns, with
	// internal notes between.
	m := p.o.MessagesPerTicket
	noteShare := 0.0
	if m > 1 {
		noteShare = min(0.5, 0.2*float64(m)/float64(m-1))
	}
	room := r.End.Sub(created)
	gaps := make([]time.Duration, m)
	var total time.Duration
	for j := 1; j < m; j++ {
		gaps[j] = time.Duration(rng.ExpFloat64()*float64(6*time.Hour)) + 2*time.Minute
		total += gaps[j]
	}
	if total > room && total > 0 {
		for j := range gaps {
			gaps[j] = time.Duration(float64(gaps[j]) * float64(room) / float64(total) * 0.99)
		}
	}
	at := created
	var firstResponse any
	var firstAgentAt time.Time
	supportTurn := true
	customerKind := model.KindPortal
	if channel == model.ChannelEmail {
		customerKind = model.KindEmailIn
	}
	for j := range m {
		at = at.Add(gaps[j]).Truncate(time.Microsecond)
		mid := r.MessageBase + int64(i)*int64(m) + int64(j)
		var kind model.MessageKind
		var author int64
		var body string
		internal := false
		switch {
		case j == 0 && channel == model.ChannelDesk:
			kind, author, body = model.KindEmailOut, agentID, p.request(rng, ph, requester)
		case j == 0:
			kind, author, body = customerKind, requesterID, p.request(rng, ph, requester)
		case rng.Float64() < noteShare:
			kind, author, body, internal = model.KindNote, agentID, sentences(rng, ph.notes, 1, 2), true
		case supportTurn && cat != model.CategoryNew:
			kind, author, body = model.KindEmailOut, agentID, p.answer(rng, ph, requester, p.agents[answerer].person)
			supportTurn = false
			if firstResponse == nil {
				firstResponse, firstAgentAt = at, at
			}
		default:
			kind, author, body = customerKind, requesterID, p.reply(rng, ph, requester)
			supportTurn = true
		}
		messageID, sender := "", ""
		if kind == model.KindEmailIn || kind == model.KindEmailOut {
			messageID = fmt.Sprintf("<seed.%d.%d@seed-support.example>", number, j)
		}
		if kind == model.KindEmailIn {
			sender = requester.email
		}
		b.messages.add(mid, id, string(kind), author, body, ticket.TextToHTML(body), internal, messageID, "", sender, at)
		if kind == model.KindEmailOut {
			b.recipients.add(mid, "to", 0, requester.email, requester.name(), requesterID)
			if participant != 0 {
				c := p.contacts[participant-p.contactID(0)]
				b.recipients.add(mid, "cc", 0, c.email, c.name(), participant)
			}
		}
		if len(p.files) > 0 && rng.IntN(10) == 0 {
			f := p.files[rng.IntN(len(p.files))]
			b.attachments.add(mid, author, f.name, f.size, f.contentType, f.key, at)
		}
	}
	last := at

	// History: created, assigned, opened, and the final status.
	b.events.add(id, requesterID, "created", "", string(channel), created)
	status := p.status[cat]
	reason := ""
	if cat == model.CategoryWaitingCustomer {
		reason = ph.waiting[rng.IntN(len(ph.waiting))]
	}
	if cat != model.CategoryNew {
		opened := firstAgentAt
		if opened.IsZero() {
			opened = created.Add(min(room/2, 10*time.Minute)).Truncate(time.Microsecond)
		}
		if assignee >= 0 {
			b.events.add(id, agentID, "assignee", "", p.agents[assignee].name(), opened)
		}
		newName, openName := p.status[model.CategoryNew].Name, p.status[model.CategoryOpen].Name
		b.events.add(id, agentID, "status", newName, openName, opened)
		if cat != model.CategoryOpen {
			b.events.add(id, agentID, "status", openName, status.Name, last)
			if reason != "" {
				b.events.add(id, agentID, "waiting_reason", "", reason, last)
			}
		}
		if cat.Ball() != model.BallSupport {
			b.pauses.add(id, last)
		}
	}
	subject := ph.subjects[rng.IntN(len(ph.subjects))]
	if rng.IntN(4) == 0 {
		subject += " " + ph.details[rng.IntN(len(ph.details))]
	}
	var assigneeID any
	if assignee >= 0 {
		assigneeID = p.agentID(assignee)
	}
	typ, prio, impact := pickValue(rng, p.types), pickValue(rng, p.prios), ""
	if rng.IntN(3) == 0 {
		impact = pickValue(rng, p.impacts)
	}
	b.tickets.add(id, number, subject, r.OrgBase+int64(k), requesterID, status.ID, reason, typ, prio, impact,
		p.teams[team], assigneeID, string(channel), created, last, last, firstResponse)
}

// pickCategory spreads tickets over the categories: most old tickets are
// done, recent ones are in every stage.
func pickCategory(rng *rand.Rand, recent bool) model.Category {
	x := rng.IntN(100)
	if recent {
		switch {
		case x < 20:
			return model.CategoryNew
		case x < 45:
			return model.CategoryOpen
		case x < 60:
			return model.CategoryWaitingCustomer
		case x < 70:
			return model.CategoryOnHold
		case x < 85:
			return model.CategoryResolved
		}
		return model.CategoryClosed
	}
	switch {
	case x < 3:
		return model.CategoryNew
	case x < 8:
		return model.CategoryOpen
	case x < 12:
		return model.CategoryWaitingCustomer
	case x < 15:
		return model.CategoryOnHold
	case x < 25:
		return model.CategoryResolved
	}
	return model.CategoryClosed
}

// pickValue takes the first (default) value half of the time, else any.
func pickValue(rng *rand.Rand, values []string) string {
	if len(values) == 0 {
		return ""
	}
	if rng.IntN(2) == 0 {
		return values[0]
	}
	return values[rng.IntN(len(values))]
}

// sentences joins between lo and hi random sentences of list.
func sentences(rng *rand.Rand, list []string, lo, hi int) string {
	n := lo + rng.IntN(hi-lo+1)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = list[rng.IntN(len(list))]
	}
	return strings.Join(parts, " ")
}

// request is a customer's first message: one to five sentences, and now
// and then a long one of several paragraphs.
func (p *plan) request(rng *rand.Rand, ph *phrases, from person) string {
	var b strings.Builder
	b.WriteString(ph.greetings[rng.IntN(len(ph.greetings))] + "\n\n")
	paras := 1
	if rng.IntN(20) == 0 {
		paras = 3 + rng.IntN(4)
	}
	for i := range paras {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(sentences(rng, ph.problem, 1, 5))
	}
	b.WriteString("\n\n" + ph.closings[rng.IntN(len(ph.closings))] + "\n" + from.name())
	return b.String()
}

func (p *plan) reply(rng *rand.Rand, ph *phrases, from person) string {
	text := sentences(rng, ph.customer, 1, 3)
	if rng.IntN(2) == 0 {
		return text
	}
	return text + "\n\n" + ph.closings[rng.IntN(len(ph.closings))] + "\n" + from.first
}

func (p *plan) answer(rng *rand.Rand, ph *phrases, to, from person) string {
	greeting := "Hello " + to.first + ","
	if ph == &german {
		greeting = "Hallo " + to.name() + ","
	}
	return greeting + "\n\n" + sentences(rng, ph.agent, 1, 4) + "\n\n" + ph.closings[rng.IntN(len(ph.closings))] + "\n" + from.name()
}
