package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"text/template/parse"
	"time"

	"supportal/internal/i18n"
	"supportal/internal/model"
)

//go:embed templates static
var assets embed.FS

// views are the parsed page templates by name ("portal/ticket_list").
type views struct {
	pages map[string]*template.Template
}

// funcs are the template functions that need no request; those that do
// (translation, dates) are methods of Page.
var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"join": func(sep string, items []string) string {
		return strings.Join(items, sep)
	},
	"str":       func(v any) string { return fmt.Sprint(v) },
	"hasPrefix": strings.HasPrefix,
	"fieldOf":   fieldOf,
}

// field is a labelled form field with its error, for the "field-input"
// partial.
type field struct {
	Name, Label, Type, Value, Error string
}

// fieldOf builds a field from page data: the label is translated and the
// error taken from the page's validation errors.
func fieldOf(d interface{ page() *Page }, name, labelKey, typ string, value any) field {
	p := d.page()
	return field{Name: name, Label: p.T(labelKey), Type: typ, Value: fmt.Sprint(value), Error: p.Errors[name]}
}

// loadViews returns the parsed pages. They are parsed once per process,
// on first use: the templates are embedded and their functions take no
// server state, so every Server (tests start many) shares one set, and a
// command that serves no page ("mail ingest" from an MTA pipe) never pays
// for them. `serve` parses them while it starts (Preload).
var loadViews = sync.OnceValues(parseViews)

// Preload parses the page templates now rather than on the first page.
func Preload() error {
	_, err := loadViews()
	return err
}

// parseViews parses the partials and the layout once and every page
// into one template set, so that each partial exists once in memory
// however many pages use it (a set per page, each with its own copy of
// the layout and every partial, held 48 MB). A page's own templates
// ("content" and any helpers it defines) and its frame are renamed after
// the page — "portal/home" is the page's frame, "portal/home:content" its
// content — so pages never see each other's.
func parseViews() (*views, error) {
	partials, err := fs.Glob(assets, "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	set, err := template.New("").Funcs(funcs).ParseFS(assets, partials...)
	if err != nil {
		return nil, fmt.Errorf("web: partials: %w", err)
	}
	// The layout is split around its content into two templates that
	// every page calls, so that it too exists once: as a copy per page it
	// was three fifths of all the parsed text.
	layout, err := fs.ReadFile(assets, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	top, bottom, ok := strings.Cut(string(layout), `{{template "content" .}}`)
	if !ok {
		return nil, fmt.Errorf("web: templates/layout.html calls no content")
	}
	if _, err := set.New("layout:top").Parse(top); err != nil {
		return nil, fmt.Errorf("web: layout: %w", err)
	}
	if _, err := set.New("layout:bottom").Parse(bottom); err != nil {
		return nil, fmt.Errorf("web: layout: %w", err)
	}
	v := &views{pages: map[string]*template.Template{}}
	err = fs.WalkDir(assets, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || p == "templates/layout.html" || strings.HasPrefix(p, "templates/partials/") {
			return err
		}
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if err := addPage(set, name, p); err != nil {
			return fmt.Errorf("web: template %s: %w", name, err)
		}
		v.pages[name] = set.Lookup(name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// frame is every page's top template: the layout around the page's
// content.
const frame = `{{template "layout:top" .}}{{template "content" .}}{{template "layout:bottom" .}}`

// addPage adds the page in file p to set under name: its frame as name,
// and each template the file defines as name:define, with the calls in
// both renamed to match.
func addPage(set *template.Template, name, p string) error {
	text, err := fs.ReadFile(assets, p)
	if err != nil {
		return err
	}
	page, err := parse.Parse(p, string(text), "", "", funcs, builtinNames)
	if err != nil {
		return err
	}
	top, err := parse.Parse(name, frame, "", "", funcs, builtinNames)
	if err != nil {
		return err
	}
	own := func(n string) string {
		if _, ok := page[n]; ok && n != p {
			return name + ":" + n
		}
		return n
	}
	for n, tree := range page {
		if n == p { // the file's text outside its defines: nothing but space
			continue
		}
		renameCalls(tree.Root, own)
		if _, err := set.AddParseTree(own(n), tree); err != nil {
			return err
		}
	}
	renameCalls(top[name].Root, own)
	_, err = set.AddParseTree(name, top[name])
	return err
}

// renameCalls renames the templates that {{template}} actions under n call.
func renameCalls(n parse.Node, rename func(string) string) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				renameCalls(c, rename)
			}
		}
	case *parse.TemplateNode:
		n.Name = rename(n.Name)
	case *parse.IfNode:
		renameCalls(n.List, rename)
		renameCalls(n.ElseList, rename)
	case *parse.RangeNode:
		renameCalls(n.List, rename)
		renameCalls(n.ElseList, rename)
	case *parse.WithNode:
		renameCalls(n.List, rename)
		renameCalls(n.ElseList, rename)
	}
}

// builtinNames lets the parser accept text/template's built-in functions;
// the parser only checks that a called function exists.
var builtinNames = func() map[string]any {
	m := map[string]any{}
	for _, f := range []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"} {
		m[f] = fmt.Sprint
	}
	return m
}()

// assetVersion is one version for every static file, a hash of them all:
// a change to any of them reaches browsers that cache them as immutable.
var assetVersion = sync.OnceValue(func() string {
	h := sha256.New()
	err := fs.WalkDir(assets, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets, p)
		if err != nil {
			return err
		}
		h.Write([]byte(p))
		h.Write(b)
		return nil
	})
	if err != nil {
		panic("web: embedded static files: " + err.Error()) // cannot happen: they are compiled in
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
})

// Page is what every template receives; page data structs embed it. Its
// methods translate and format in the request's language.
type Page struct {
	Title        string // already translated
	User         *model.User
	Lang         string
	Path         string
	Flash        string            // translated notice shown once
	Errors       map[string]string // field → translated message
	FormError    string            // translated message for the whole form
	AssetVersion string

	s           *Server
	ticketModel func() *model.TicketModel // read once per page, when a label is needed
}

// NewPage starts the data of a page; titleKey is the catalogue key of its
// title.
func (s *Server) NewPage(r *http.Request, titleKey string, args ...any) *Page {
	lang := LangOf(r)
	return &Page{
		Title:        s.Catalog.T(lang, titleKey, args...),
		User:         UserOf(r),
		Lang:         lang,
		Path:         r.URL.Path,
		AssetVersion: assetVersion(),
		s:            s,
		ticketModel:  s.ticketModelOnce(r),
	}
}

// T translates key in the page's language.
func (p *Page) T(key string, args ...any) string { return p.s.Catalog.T(p.Lang, key, args...) }

// Lookup translates key and reports whether the catalogue has it.
func (p *Page) Lookup(key string, args ...any) (string, bool) {
	return p.s.Catalog.Lookup(p.Lang, key, args...)
}

// DateTime formats a time in the instance's time zone and the page's
// language.
func (p *Page) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return i18n.DateTime(p.Lang, t.In(p.s.Config.TimeZone))
}

// Date formats a date.
func (p *Page) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return i18n.Date(p.Lang, t.In(p.s.Config.TimeZone))
}

// ISO formats a time for a <time datetime> attribute.
func (p *Page) ISO(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Size formats a byte count.
func (p *Page) Size(n int64) string { return i18n.Size(p.Lang, n) }

// Number writes an integer grouped the way the page's language writes it.
func (p *Page) Number(n int64) string { return i18n.Number(p.Lang, n) }

// Decimal writes f with digits decimals and the page language's marks.
func (p *Page) Decimal(f float64, digits int) string { return i18n.Decimal(p.Lang, f, digits) }

// StatusName translates a status name; statuses admins add show as named.
func (p *Page) StatusName(name string) string {
	if s := p.TicketModel().StatusLabel(name, p.Lang); s != "" {
		return s
	}
	return p.translateOr("status."+name, name)
}

// Option translates a value of an option field; values admins add (such as
// modules) show as named.
func (p *Page) Option(field, value string) string {
	if value == "" {
		return p.T("field.none")
	}
	if s := p.TicketModel().OptionLabel(field, value, p.Lang); s != "" {
		return s
	}
	return p.translateOr("option."+field+"."+value, value)
}

func (p *Page) translateOr(key, fallback string) string {
	if s, ok := p.Lookup(key); ok {
		return s
	}
	return fallback
}

// SetErrors translates a validation error into the page's field errors.
func (p *Page) SetErrors(v *model.ValidationError) {
	p.Errors = map[string]string{}
	for field, key := range v.Fields {
		p.Errors[field] = p.T(key)
	}
	p.FormError = p.T("error.form")
}

// Render writes a page with status. A template that fails to execute is
// logged and answered with 500; nothing half-written reaches the browser.
func (s *Server) Render(w http.ResponseWriter, r *http.Request, status int, name string, data interface{ page() *Page }) {
	v, err := loadViews()
	if err != nil {
		s.Log.Error("templates", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	t := v.pages[name]
	if t == nil {
		s.Log.Error("no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	p := data.page()
	if p.Flash == "" {
		p.Flash = s.takeFlash(w, r, p.Lang)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		s.Log.Error("render", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (p *Page) page() *Page { return p }

const flashCookie = "supportal_flash"

// Flash shows a notice (a catalogue key) on the next page the browser
// loads, after a POST/redirect/GET.
func Flash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: key, Path: "/", MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request, lang string) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	if !strings.HasPrefix(c.Value, "flash.") {
		return "" // only our own notices, never text a cookie brings
	}
	return s.Catalog.T(lang, c.Value)
}
