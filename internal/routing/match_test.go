package routing_test

import (
	"testing"

	"supportal/internal/model"
	"supportal/internal/routing"
)

func TestSubjectWordsMatchWholeWordsInAnyCase(t *testing.T) {
	for _, tc := range []struct {
		subject, phrase string
		want            bool
	}{
		{"Login fails", "login", true},
		{"LOGIN fails", "Login", true},
		{"Logins fail", "login", false},
		{"Cannot log in since today", "log in", true},
		{"Cannot log into the app", "log in", false},
		{"Fehler: Überweisung hängt", "überweisung", true},
		{"Anything", "", false},
	} {
		if got := routing.HasWords(tc.subject, tc.phrase); got != tc.want {
			t.Errorf("HasWords(%q, %q) = %v, want %v", tc.subject, tc.phrase, got, tc.want)
		}
	}
}

func TestFirstActiveMatchingRuleWins(t *testing.T) {
	facts := routing.Facts{Module: "billing", OrgID: 7, Channel: model.ChannelEmail, MailboxID: 3, Type: "incident", Priority: "high", Subject: "Invoice wrong"}
	rules := []routing.Rule{
		{Name: "inactive", Active: false, Actions: routing.Actions{TeamID: 1}},
		{Name: "other module", Active: true, Conditions: routing.Conditions{Modules: []string{"shop"}}, Actions: routing.Actions{TeamID: 2}},
		{Name: "all hold", Active: true, Conditions: routing.Conditions{Modules: []string{"shop", "billing"}, OrgIDs: []int64{7},
			Channels: []model.Channel{model.ChannelEmail}, MailboxIDs: []int64{3}, SubjectWords: []string{"refund", "invoice"}}, Actions: routing.Actions{TeamID: 3}},
		{Name: "catch-all", Active: true, Actions: routing.Actions{TeamID: 4}},
	}
	r, ok := routing.Match(rules, facts)
	if !ok || r.Name != "all hold" {
		t.Fatalf("matched %q, %v", r.Name, ok)
	}
	facts.MailboxID = 4
	if r, _ := routing.Match(rules, facts); r.Name != "catch-all" {
		t.Errorf("with another mailbox matched %q", r.Name)
	}
	if _, ok := routing.Match(rules[:2], facts); ok {
		t.Error("an inactive rule or one whose condition fails matched")
	}
}

func TestResponsibleAgentWhenNoRuleAssigns(t *testing.T) {
	team := []routing.Rule{{Name: "team only", Active: true, Actions: routing.Actions{TeamID: 2}}}
	d := routing.Decide(team, routing.Facts{}, 42)
	if d.TeamID != 2 || d.AssigneeID != 42 || !d.Responsible || d.Rule == nil {
		t.Errorf("decision %+v", d)
	}
	assign := []routing.Rule{{Name: "assign", Active: true, Actions: routing.Actions{AssigneeID: 9}}}
	if d := routing.Decide(assign, routing.Facts{}, 42); d.AssigneeID != 9 || d.Responsible {
		t.Errorf("decision %+v", d)
	}
	if d := routing.Decide(nil, routing.Facts{}, 0); d.AssigneeID != 0 || d.Rule != nil {
		t.Errorf("decision without rules %+v", d)
	}
}

func TestRuleSurvivesItsJSON(t *testing.T) {
	c := routing.Conditions{Modules: []string{"billing"}, OrgIDs: []int64{1, 2}, SubjectWords: []string{"log in"}}
	a := routing.Actions{TeamID: 3, Tags: []string{"vip"}}
	cs, _ := routing.EncodeConditions(c)
	as, _ := routing.EncodeActions(a)
	c2, a2, err := routing.Decode(cs, as)
	if err != nil || c2.Modules[0] != "billing" || c2.OrgIDs[1] != 2 || c2.SubjectWords[0] != "log in" || a2.TeamID != 3 || a2.Tags[0] != "vip" {
		t.Errorf("decoded %+v %+v %v", c2, a2, err)
	}
}
