package refnum_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"supportal/internal/refnum"
)

func TestFindTakesTheFirstGroupOrTheWholeMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, text string
		want          []string
	}{
		{`(?i)\b(?:auftrag|order|AB)[-\s#:]*(\d{5,8})\b`, "Auftrag 4711023 und order #5502187, AB-123456", []string{"4711023", "5502187", "123456"}},
		{`\bSO-\d{6}\b`, "see SO-123456 and SO-654321, again SO-123456", []string{"SO-123456", "SO-654321"}},
		{`(?i)order (\d+)|invoice (\d+)`, "order 12 and invoice 34", []string{"12"}}, // a second group that did not take part is no reference
		{`\d{3}`, "no numbers here", nil},
	} {
		re := regexp.MustCompile(tc.pattern)
		if got := refnum.Find(re, refnum.MaxPerTicket, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("%s in %q: %q, want %q", tc.pattern, tc.text, got, tc.want)
		}
	}
}

func TestFindStopsAtTheLimitAndSkipsLongValues(t *testing.T) {
	var b strings.Builder
	for i := range 30 {
		b.WriteString("R-" + strings.Repeat("1", 3) + string(rune('a'+i%26)) + string(rune('a'+i/26)) + " ")
	}
	re := regexp.MustCompile(`R-\w+`)
	if got := refnum.Find(re, 20, b.String()); len(got) != 20 {
		t.Errorf("found %d, want the limit of 20", len(got))
	}
	long := regexp.MustCompile(`X\d+`)
	if got := refnum.Find(long, 20, "X"+strings.Repeat("9", refnum.MaxValue+1)+" X1"); !slices.Equal(got, []string{"X1"}) {
		t.Errorf("found %q, want only X1", got)
	}
}

func TestCheckRefusesBadPatternsAndAddresses(t *testing.T) {
	for _, tc := range []struct {
		s     refnum.Settings
		field string
		key   string
	}{
		{refnum.Settings{Pattern: `(\d+`}, "pattern", "refs.error.pattern_syntax"},
		{refnum.Settings{Pattern: `\d*`}, "pattern", "refs.error.pattern_empty"},
		{refnum.Settings{Pattern: `a|`}, "pattern", "refs.error.pattern_empty"},
		{refnum.Settings{Pattern: strings.Repeat("a", refnum.MaxPattern+1)}, "pattern", "refs.error.pattern_long"},
		{refnum.Settings{Pattern: `(?<=x)1`}, "pattern", "refs.error.pattern_syntax"}, // look-behind is not RE2
		{refnum.Settings{URL: "https://erp.example/orders/"}, "url", "refs.error.url"},
		{refnum.Settings{URL: "javascript:alert({ref})"}, "url", "refs.error.url"},
		{refnum.Settings{URL: "ftp://erp.example/{ref}"}, "url", "refs.error.url"},
		{refnum.Settings{URL: "https://{ref}.erp.example/"}, "url", "refs.error.url"},
		{refnum.Settings{URL: "https://erp.example{ref}"}, "url", "refs.error.url"},
		{refnum.Settings{URL: "https://user@erp.example/{ref}"}, "url", "refs.error.url"},
		{refnum.Settings{URL: "/orders/{ref}"}, "url", "refs.error.url"},
	} {
		v := refnum.Check(tc.s)
		if got := v.Fields[tc.field]; got != tc.key {
			t.Errorf("%+v: %s is %q, want %q", tc.s, tc.field, got, tc.key)
		}
	}
	for _, s := range []refnum.Settings{
		{},
		{Pattern: `(?i)\b(?:auftrag|order|AB)[-\s#:]*(\d{5,8})\b`, URL: "https://erp.nordwerk.example/orders/{ref}"},
		{Pattern: `SO-\d+`, URL: "http://shop.example/admin?order={ref}&view=1"},
	} {
		if err := refnum.Check(s).Err(); err != nil {
			t.Errorf("%+v refused: %v", s, err)
		}
	}
}

func TestLinkEscapesTheReference(t *testing.T) {
	for _, tc := range []struct{ template, value, want string }{
		{"https://erp.example/orders/{ref}", "4711023", "https://erp.example/orders/4711023"},
		{"https://erp.example/orders/{ref}", "a/b?c", "https://erp.example/orders/a%2Fb%3Fc"},
		{"https://erp.example/orders/{ref}/view", "../../admin#x", "https://erp.example/orders/..%2F..%2Fadmin%23x/view"},
		{"https://shop.example/find?order={ref}&view=1", "1&admin=1 x", "https://shop.example/find?order=1%26admin%3D1+x&view=1"},
		{"", "4711023", ""},
	} {
		if got := refnum.Link(tc.template, tc.value); got != tc.want {
			t.Errorf("Link(%q, %q) = %q, want %q", tc.template, tc.value, got, tc.want)
		}
	}
}
