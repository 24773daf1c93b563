// Package i18n translates the user interface. The catalogues are JSON
// files in locales/, one per surface and language (portal.de.json), that a
// translator edits without touching code; they are embedded in the binary.
// A key missing from one language fails the tests.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.json
var locales embed.FS

// Languages are the languages of the interface, the default first.
var Languages = []string{"en", "de"}

// Catalog holds every translation.
type Catalog struct {
	bundle     *goi18n.Bundle
	matcher    language.Matcher
	localizers map[string]*goi18n.Localizer
	fallback   string
	missing    sync.Map // "lang key" asked of T and not found
}

// Load reads the embedded catalogues. fallback is the language used when
// neither the user nor the browser names one we have.
func Load(fallback string) (*Catalog, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.Glob(locales, "locales/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if _, err := b.LoadMessageFileFS(locales, f); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", f, err)
		}
	}
	c := &Catalog{bundle: b, localizers: map[string]*goi18n.Localizer{}, fallback: "en"}
	var tags []language.Tag
	for _, l := range Languages {
		c.localizers[l] = goi18n.NewLocalizer(b, l)
		tags = append(tags, language.Make(l))
	}
	c.matcher = language.NewMatcher(tags)
	if c.Supported(fallback) {
		c.fallback = fallback
	}
	return c, nil
}

// Supported reports whether lang is a language of the interface.
func (c *Catalog) Supported(lang string) bool { return c.localizers[lang] != nil }

// Pick chooses the language for a request: the user's setting, else the
// browser's Accept-Language, else the instance default.
func (c *Catalog) Pick(userLang, acceptLanguage string) string {
	if c.Supported(userLang) {
		return userLang
	}
	if acceptLanguage != "" {
		tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
		if err == nil && len(tags) > 0 {
			_, i, conf := c.matcher.Match(tags...)
			if conf != language.No {
				return Languages[i]
			}
		}
	}
	return c.fallback
}

// T translates key into lang. args are name/value pairs for the message's
// placeholders ({{.Name}}); a "Count" argument also picks the plural form.
// An unknown key comes back as itself and is remembered, so that tests
// can ask Missing whether any page used a key the catalogues lack.
func (c *Catalog) T(lang, key string, args ...any) string {
	s, ok := c.Lookup(lang, key, args...)
	if !ok {
		c.missing.Store(lang+" "+key, true)
		return key
	}
	return s
}

// Lookup translates key like T and reports whether the catalogue has it,
// for words that fall back to something else (a status an admin added
// shows as named).
func (c *Catalog) Lookup(lang, key string, args ...any) (string, bool) {
	l := c.localizers[lang]
	if l == nil {
		l = c.localizers[c.fallback]
	}
	cfg := &goi18n.LocalizeConfig{MessageID: key}
	if len(args) > 0 {
		data := make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			name, _ := args[i].(string)
			data[name] = args[i+1]
			if name == "Count" {
				cfg.PluralCount = args[i+1]
			}
		}
		cfg.TemplateData = data
	}
	s, err := l.Localize(cfg)
	if err != nil || s == "" {
		return "", false
	}
	return s, true
}

// Missing lists the keys T was asked for and did not find, as
// "lang key", sorted.
func (c *Catalog) Missing() []string {
	var out []string
	c.missing.Range(func(k, _ any) bool {
		out = append(out, k.(string))
		return true
	})
	slices.Sort(out)
	return out
}

// Keys returns every key of every catalogue of lang, for completeness
// tests.
func Keys(lang string) (map[string]bool, error) {
	keys := map[string]bool{}
	files, err := fs.Glob(locales, "locales/*."+lang+".json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		b, err := fs.ReadFile(locales, f)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", path.Base(f), err)
		}
		for k := range m {
			keys[k] = true
		}
	}
	return keys, nil
}

// Date formats a date (no time) the way lang writes it.
func Date(lang string, t time.Time) string {
	if lang == "de" {
		return t.Format("02.01.2006")
	}
	return t.Format("Jan 2, 2006")
}

// DateTime formats a date and time the way lang writes it.
func DateTime(lang string, t time.Time) string {
	if lang == "de" {
		return t.Format("02.01.2006 15:04")
	}
	return t.Format("Jan 2, 2006 3:04 PM")
}

// Size formats a byte count with a unit, with the decimal mark of lang.
func Size(lang string, n int64) string {
	var s string
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		s = fmt.Sprintf("%.1f KiB", float64(n)/1024)
	default:
		s = fmt.Sprintf("%.1f MiB", float64(n)/(1024*1024))
	}
	if lang == "de" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Number formats an integer with the digit grouping of lang: 12,345 in
// English, 12.345 in German.
func Number(lang string, n int64) string {
	return Decimal(lang, float64(n), 0)
}

// Decimal formats f with digits decimals, grouped and with the decimal
// mark of lang: 1,234.5 in English, 1.234,5 in German.
func Decimal(lang string, f float64, digits int) string {
	s := strconv.FormatFloat(f, 'f', digits, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	group, mark := ",", "."
	if lang == "de" {
		group, mark = ".", ","
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(mark)
		b.WriteString(frac)
	}
	return b.String()
}
