// Package refnum owns the order and reference numbers of tickets: the
// pattern an admin configures that finds them in the subject and text of
// incoming tickets and replies, the numbers agents add by hand, and the
// URL template that links each to the company's shop or ERP.
//
// Finding runs inside the transaction that stores the ticket or message
// (Collect); adding and removing by hand is for agents who see the
// ticket and is written to its history. Contacts see the numbers of
// their tickets, never the links: the shop or ERP behind them is
// internal.
package refnum

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/store"
)

// The settings.
const (
	// SettingPattern holds the Go regular expression (RE2) that finds
	// references; with a capture group the first group is the reference.
	SettingPattern = "refs.pattern"
	// SettingURL holds the link of a reference, with {ref} where the
	// reference goes.
	SettingURL = "refs.url"
)

// Placeholder is where a reference goes in the URL template.
const Placeholder = "{ref}"

// Limits.
const (
	MaxPattern   = 500   // characters of the pattern
	MaxURL       = 2000  // characters of the URL template
	MaxValue     = 100   // characters of one reference
	MaxPerTicket = 20    // references one ticket collects
	MaxSample    = 20000 // characters of the text the admin page tries a pattern on
)

// History fields of the events adding and removing write.
const (
	EventAdded   = "reference.added"
	EventRemoved = "reference.removed"
)

// Settings is the configuration as an admin writes it.
type Settings struct {
	Pattern string
	URL     string
}

// Load reads the settings; unset ones are "".
func Load(ctx context.Context, q *store.Queries) (Settings, error) {
	var s Settings
	var err error
	if s.Pattern, err = q.Setting(ctx, SettingPattern); err != nil {
		return s, fmt.Errorf("refnum: %w", err)
	}
	if s.URL, err = q.Setting(ctx, SettingURL); err != nil {
		return s, fmt.Errorf("refnum: %w", err)
	}
	return s, nil
}

// Check validates s: the pattern must compile, must not match the empty
// text and keep to MaxPattern; the URL template must be an http or https
// address with {ref} after its host. Empty values are allowed (nothing
// is found, references show as text). The problems name the fields
// "pattern" and "url".
func Check(s Settings) *model.ValidationError {
	v := &model.ValidationError{}
	if s.Pattern != "" {
		if _, err := Compile(s.Pattern); err != nil {
			key := "refs.error.pattern_syntax"
			if pe := (*patternError)(nil); errors.As(err, &pe) {
				key = pe.key
			}
			v.Add("pattern", key)
		}
	}
	if s.URL != "" && !validURL(s.URL) {
		v.Add("url", "refs.error.url")
	}
	return v
}

// Save stores s after checking it; bad settings are a
// *model.ValidationError and nothing is stored.
func Save(ctx context.Context, q *store.Queries, s Settings) error {
	s.Pattern, s.URL = strings.TrimSpace(s.Pattern), strings.TrimSpace(s.URL)
	if err := Check(s).Err(); err != nil {
		return err
	}
	for key, value := range map[string]string{SettingPattern: s.Pattern, SettingURL: s.URL} {
		if err := q.SetSetting(ctx, key, value); err != nil {
			return fmt.Errorf("refnum: %w", err)
		}
	}
	return nil
}

// patternError says why a pattern was refused, as a catalogue key.
type patternError struct{ key string }

func (e *patternError) Error() string { return "refnum: pattern refused: " + e.key }

// Compile compiles a pattern as Check accepts it.
func Compile(pattern string) (*regexp.Regexp, error) {
	if utf8.RuneCountInString(pattern) > MaxPattern {
		return nil, &patternError{"refs.error.pattern_long"}
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, &patternError{"refs.error.pattern_syntax"}
	}
	if re.MatchString("") {
		return nil, &patternError{"refs.error.pattern_empty"}
	}
	return re, nil
}

// Find returns the references re finds in texts, each once, in the order
// found, at most max: the first capture group of each match when the
// pattern has one, else the whole match. Empty matches and values over
// MaxValue are skipped.
func Find(re *regexp.Regexp, max int, texts ...string) []string {
	var out []string
	for _, text := range texts {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			if len(out) >= max {
				return out
			}
			v := m[0]
			if len(m) > 1 {
				v = m[1]
			}
			v = plaintext.Line(v)
			if v == "" || utf8.RuneCountInString(v) > MaxValue || contains(out, v) {
				continue
			}
			out = append(out, v)
		}
	}
	return out
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// Collect stores the references the configured pattern finds in texts
// (a subject, a message's text) as found references of the ticket, up to
// MaxPerTicket in all. It runs in the transaction of the ticket or
// message. Without a pattern, or with one stored before Check refused
// such patterns, it finds nothing.
func Collect(ctx context.Context, q *store.Queries, ticketID int64, texts ...string) error {
	pattern, err := q.Setting(ctx, SettingPattern)
	if err != nil || pattern == "" {
		return err
	}
	re, err := Compile(pattern)
	if err != nil {
		return nil
	}
	have, err := q.CountTicketReferences(ctx, ticketID)
	if err != nil || have >= MaxPerTicket {
		return err
	}
	for _, v := range Find(re, MaxPerTicket, texts...) {
		_, added, err := q.AddTicketReference(ctx, store.NewTicketReference{TicketID: ticketID, Value: v, Source: store.ReferenceFound})
		if err != nil {
			return fmt.Errorf("refnum: collect: %w", err)
		}
		if added {
			if have++; have >= MaxPerTicket {
				return nil
			}
		}
	}
	return nil
}

// Link builds the address of reference value from template; "" when no
// template is set. The value is escaped as a path segment, or as a query
// value where {ref} stands in the query, so that it cannot leave its
// place in the address.
func Link(template, value string) string {
	if template == "" {
		return ""
	}
	escape := url.PathEscape
	if q := strings.IndexByte(template, '?'); q >= 0 && q < strings.Index(template, Placeholder) {
		escape = url.QueryEscape
	}
	return strings.ReplaceAll(template, Placeholder, escape(value))
}

// validURL reports whether template is an http or https address with a
// host and {ref} after the host.
func validURL(template string) bool {
	if utf8.RuneCountInString(template) > MaxURL || plaintext.Line(template) != template {
		return false
	}
	i := strings.Index(template, Placeholder)
	if i < 0 {
		return false
	}
	u, err := url.Parse(strings.ReplaceAll(template, Placeholder, "1"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return false
	}
	head, err := url.Parse(template[:i])
	return err == nil && head.Host == u.Host && (head.Path != "" || head.RawQuery != "" || strings.HasSuffix(template[:i], "?"))
}
