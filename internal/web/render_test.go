package web

import "testing"

// Pages parse on first use, so a template that does not parse must be
// caught here rather than by the first user who opens the page.
func TestEveryTemplateParses(t *testing.T) {
	v, err := parseViews()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"login", "portal/ticket_list", "desk/ticket_list", "admin/overview"} {
		if v.pages[name] == nil {
			t.Errorf("no page %q among %d pages", name, len(v.pages))
		}
	}
}

func BenchmarkParseTemplates(b *testing.B) {
	for b.Loop() {
		if _, err := parseViews(); err != nil {
			b.Fatal(err)
		}
	}
}
