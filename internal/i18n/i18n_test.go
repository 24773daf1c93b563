package i18n

import (
	"maps"
	"slices"
	"testing"
)

func TestEveryKeyExistsInEveryLanguage(t *testing.T) {
	all := map[string]map[string]bool{}
	for _, lang := range Languages {
		keys, err := Keys(lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(keys) == 0 {
			t.Fatalf("no keys for %s", lang)
		}
		all[lang] = keys
	}
	for _, a := range Languages {
		for _, b := range Languages {
			for _, k := range slices.Sorted(maps.Keys(all[a])) {
				if !all[b][k] {
					t.Errorf("key %q is in %s but not in %s", k, a, b)
				}
			}
		}
	}
}

func TestPickPrefersUserThenBrowserThenDefault(t *testing.T) {
	c, err := Load("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ user, accept, want string }{
		{"de", "en-US", "de"},
		{"", "de-DE,de;q=0.9,en;q=0.8", "de"},
		{"", "fr-FR", "en"},
		{"xx", "", "en"},
		{"", "garbage;;;", "en"},
	} {
		if got := c.Pick(tc.user, tc.accept); got != tc.want {
			t.Errorf("Pick(%q, %q) = %q, want %q", tc.user, tc.accept, got, tc.want)
		}
	}
}

func TestTranslateWithPlaceholders(t *testing.T) {
	c, err := Load("en")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.T("de", "nav.signed_in_as", "Name", "Jörg"); got != "Angemeldet als Jörg" {
		t.Errorf("got %q", got)
	}
	if got := c.T("en", "no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key gave %q", got)
	}
}
