// Package routing owns the rules that place every new ticket: which team
// works it, who is assigned, its priority and tags. Admins keep the rules
// in order; the first active rule whose conditions all hold applies its
// actions. An organization's responsible agent is assigned when no rule
// assigns anyone. Matching is pure (Match, Decide); Route applies it to a
// ticket about to be stored, inside the transaction that creates it.
package routing

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"supportal/internal/model"
)

// Conditions say which tickets a rule takes. Each is a list of accepted
// values; an empty list accepts any ticket, and every non-empty list must
// accept the ticket for the rule to match.
type Conditions struct {
	Modules      []string        `json:"modules,omitempty"`
	Versions     []string        `json:"versions,omitempty"`
	OrgIDs       []int64         `json:"org_ids,omitempty"`
	Channels     []model.Channel `json:"channels,omitempty"`
	MailboxIDs   []int64         `json:"mailbox_ids,omitempty"`
	Types        []string        `json:"types,omitempty"`
	Priorities   []string        `json:"priorities,omitempty"`
	SubjectWords []string        `json:"subject_words,omitempty"` // any of them, as whole words, in any case
}

// Actions say what a matching rule does to the ticket; zero values leave
// the ticket as it would be without the rule.
type Actions struct {
	TeamID     int64    `json:"team_id,omitempty"`
	AssigneeID int64    `json:"assignee_id,omitempty"`
	Priority   string   `json:"priority,omitempty"`
	Tags       []string `json:"tags,omitempty"`
}

// Empty reports whether the actions change nothing.
func (a Actions) Empty() bool {
	return a.TeamID == 0 && a.AssigneeID == 0 && a.Priority == "" && len(a.Tags) == 0
}

// Rule is one routing rule.
type Rule struct {
	ID         int64
	Position   int
	Name       string
	Active     bool
	Conditions Conditions
	Actions    Actions
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Facts are what the conditions look at: a new ticket as it is about to
// be stored.
type Facts struct {
	Module    string
	Version   string
	OrgID     int64
	Channel   model.Channel
	MailboxID int64 // the mailbox a mailed ticket came in through; 0 otherwise
	Type      string
	Priority  string
	Subject   string
}

// Holds reports whether every non-empty condition accepts f.
func (c Conditions) Holds(f Facts) bool {
	return accepts(c.Modules, f.Module) && accepts(c.Versions, f.Version) && accepts(c.OrgIDs, f.OrgID) &&
		accepts(c.Channels, f.Channel) && accepts(c.MailboxIDs, f.MailboxID) && accepts(c.Types, f.Type) &&
		accepts(c.Priorities, f.Priority) && (len(c.SubjectWords) == 0 || slices.ContainsFunc(c.SubjectWords, func(w string) bool {
		return HasWords(f.Subject, w)
	}))
}

func accepts[T comparable](list []T, v T) bool { return len(list) == 0 || slices.Contains(list, v) }

// Match returns the first active rule of rules (in their order) whose
// conditions hold for f.
func Match(rules []Rule, f Facts) (Rule, bool) {
	for _, r := range rules {
		if r.Active && r.Conditions.Holds(f) {
			return r, true
		}
	}
	return Rule{}, false
}

// Words splits text into lower-case words: runs of letters and digits.
func Words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// HasWords reports whether the words of phrase occur in text one after
// the other, as whole words and in any case: "login" is in "Login fails"
// but not in "Logins fail".
func HasWords(text, phrase string) bool {
	want := Words(phrase)
	if len(want) == 0 {
		return false
	}
	have := Words(text)
	for i := 0; i+len(want) <= len(have); i++ {
		if slices.Equal(have[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// EncodeConditions writes c as the JSON the store keeps.
func EncodeConditions(c Conditions) (string, error) { return encode(c) }

// EncodeActions writes a as the JSON the store keeps.
func EncodeActions(a Actions) (string, error) { return encode(a) }

func encode(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("routing: encode: %w", err)
	}
	return string(b), nil
}

// Decode reads the stored JSON of a rule's conditions and actions.
func Decode(conditions, actions string) (Conditions, Actions, error) {
	var c Conditions
	var a Actions
	if err := json.Unmarshal([]byte(orObject(conditions)), &c); err != nil {
		return c, a, fmt.Errorf("routing: conditions: %w", err)
	}
	if err := json.Unmarshal([]byte(orObject(actions)), &a); err != nil {
		return c, a, fmt.Errorf("routing: actions: %w", err)
	}
	return c, a, nil
}

func orObject(s string) string {
	if strings.TrimSpace(s) == "" {
		return "{}"
	}
	return s
}
