package demo

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"supportal/internal/model"
)

// story is one support case as the demo tells it. Texts are the part
// between greeting and signature; {domain} is the organization's domain.
type story struct {
	subject    string
	body       string // the customer's first message
	question   string // what support asks back
	reason     string // the waiting reason the portal shows
	answer     string // the customer's answer
	solution   string // support's answer that resolves it
	note       string // an internal note of support
	typ        string
	priority   string
	impact     string
	module     string
	version    string
	file       string // attached to the first message
	answerFile string // attached to the customer's answer
	statuses   [2]model.Category
}

// step is one moment in a ticket's life: a message, changes, or both, by
// one person (or by the system when author is "").
type step struct {
	at       time.Duration // after the ticket was opened
	author   string        // person key
	text     string
	kind     model.MessageKind
	internal bool
	file     string
	upload   int64 // id of the uploaded file
	status   model.Category
	reason   string
	team     string
	assignee string // person key
}

// plan is a ticket to write.
type plan struct {
	story        story
	lang         string
	org          organization
	requester    person
	participants []person
	channel      model.Channel
	created      time.Time
	steps        []step
}

// ages are how old, in days, tickets of each final status are: new ones
// arrived lately, closed ones weeks ago.
var ages = map[model.Category][2]float64{
	model.CategoryNew:             {0.05, 2.5},
	model.CategoryOpen:            {1, 9},
	model.CategoryWaitingCustomer: {2, 16},
	model.CategoryOnHold:          {6, 30},
	model.CategoryResolved:        {2, 12},
	model.CategoryClosed:          {12, 56},
}

// buildPlans tells every story twice, oldest ticket first. The random
// source is fixed, so every demo looks the same relative to now.
func buildPlans(now time.Time) []*plan {
	rng := rand.New(rand.NewPCG(10042, 7))
	byKey := map[string]organization{}
	for _, o := range customers {
		byKey[o.key] = o
	}
	var out []*plan
	for _, set := range []struct {
		lang, home string
		stories    []story
	}{{"de", "brandt", storiesDE}, {"en", "harbour", storiesEN}} {
		for i, s := range set.stories {
			for n, org := range []organization{byKey[set.home], byKey["keller"]} {
				out = append(out, newPlan(rng, now, s, set.lang, org, i+n))
			}
		}
	}
	slices.SortFunc(out, func(a, b *plan) int { return a.created.Compare(b.created) })
	return out
}

// newPlan casts a story at an organization; i varies who asks, who
// answers and how the ticket came in.
func newPlan(rng *rand.Rand, now time.Time, s story, lang string, org organization, i int) *plan {
	speakers := slices.DeleteFunc(slices.Clone(org.people), func(p person) bool { return p.lang != lang })
	requester := speakers[[]int{0, 1, 0, 2, 1, 3, 0, 1}[i%8]%len(speakers)]
	p := &plan{story: s, lang: lang, org: org, requester: requester, channel: model.ChannelPortal}
	if i%3 == 0 {
		p.channel = model.ChannelEmail
	}
	if i%3 == 1 {
		for _, c := range org.people {
			if c.key != requester.key && (c.role == model.RolePrimary || c.role == model.RoleColleague) {
				p.participants = append(p.participants, c)
				break
			}
		}
	}
	final := s.statuses[0]
	if org.key == "keller" {
		final = s.statuses[1]
	}
	span := ages[final]
	age := time.Duration((span[0] + rng.Float64()*(span[1]-span[0])) * float64(24*time.Hour))
	day := now.Add(-age).Truncate(24 * time.Hour)
	p.created = day.Add(time.Duration(6+rng.IntN(10))*time.Hour + time.Duration(rng.IntN(60))*time.Minute)
	if p.created.After(now.Add(-30 * time.Minute)) {
		p.created = now.Add(-time.Duration(30+rng.IntN(300)) * time.Minute)
	}
	p.steps = script(rng, p, final, i)
	fit(p.steps, now.Sub(p.created)-2*time.Minute)
	return p
}

// fit compresses a ticket's steps proportionally if they would reach past
// the present.
func fit(steps []step, room time.Duration) {
	last := steps[len(steps)-1].at
	if last <= room || last == 0 {
		return
	}
	for i := range steps {
		steps[i].at = time.Duration(float64(steps[i].at) * float64(room) / float64(last))
	}
}

// phrases are support's stock sentences and the customer's thanks.
var phrases = map[string]struct{ ack, onHold, thanks string }{
	"de": {
		ack:    "vielen Dank für Ihre Nachricht. Wir sehen uns das an und melden uns, sobald wir mehr wissen.",
		onHold: "wir konnten das Verhalten nachstellen und haben es an unsere Entwicklung übergeben. Sobald eine Korrektur bereitsteht, melden wir uns bei Ihnen.",
		thanks: "vielen Dank, das hat geholfen. Das Ticket kann geschlossen werden.",
	},
	"en": {
		ack:    "Thanks for reporting this. We are looking into it and will get back to you as soon as we know more.",
		onHold: "We were able to reproduce this and have handed it to our development team. We will let you know as soon as a fix is available.",
		thanks: "Thanks, that solved it. You can close the ticket.",
	},
}

// customerText wraps a customer's text in greeting and signature.
func customerText(lang string, p person, text string) string {
	if lang == "de" {
		return "Guten Tag,\n\n" + text + "\n\nViele Grüße\n" + p.name
	}
	return "Hello,\n\n" + text + "\n\nBest regards,\n" + p.name
}

// agentText wraps support's text in greeting and signature.
func agentText(lang string, to, agent person, text string) string {
	if lang == "de" {
		return "Guten Tag " + to.salutation + ",\n\n" + text + "\n\nFreundliche Grüße\n" + agent.name + "\n" + vendor + " Support"
	}
	return "Hi " + to.salutation + ",\n\n" + text + "\n\nKind regards,\n" + agent.name + "\n" + vendor + " Support"
}

func fill(text string, org organization) string {
	return strings.ReplaceAll(text, "{domain}", org.domain)
}
