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
	if _, ok := c.Lookup("de", "no.other.key"); ok {
		t.Error("Lookup found a key that does not exist")
	}
	if got := c.Missing(); !slices.Equal(got, []string{"en no.such.key"}) {
		t.Errorf("Missing() = %q, want only the key T was asked for", got)
	}
}

func TestNumbersAreWrittenTheWayEachLanguageWritesThem(t *testing.T) {
	for _, tc := range []struct {
		lang   string
		f      float64
		digits int
		want   string
	}{
		{"en", 1234567, 0, "1,234,567"},
		{"de", 1234567, 0, "1.234.567"},
		{"en", 1234.5, 1, "1,234.5"},
		{"de", 1234.5, 1, "1.234,5"},
		{"de", -987654.25, 2, "-987.654,25"},
		{"en", 999, 0, "999"},
		{"de", 0.5, 2, "0,50"},
	} {
		if got := Decimal(tc.lang, tc.f, tc.digits); got != tc.want {
			t.Errorf("Decimal(%s, %v, %d) = %q, want %q", tc.lang, tc.f, tc.digits, got, tc.want)
		}
	}
	if got := Number("de", 10000); got != "10.000" {
		t.Errorf("Number(de, 10000) = %q", got)
	}
}
