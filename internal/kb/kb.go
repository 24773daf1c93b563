// Package kb owns the knowledge base: categories → sections → articles,
// each article with a translation per language written in Markdown,
// drafts and publishing, the revisions of every save, images uploaded
// into articles, full-text search, "was this helpful?" votes, followers
// told by mail of changes, and the suggestions the portal's new-ticket
// form shows. Who may read what is authz.Article's decision; the service
// asks it on every read, search and count.
package kb

import (
	"strings"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Limits of an article.
const (
	MaxTitle = 200
	MaxBody  = 100_000
	MaxName  = 120 // categories and sections
)

// Languages are the languages an article may be written in.
var Languages = []string{"en", "de"}

// Visibilities are the visibilities an article may have.
var Visibilities = []string{authz.VisibilityPublic, authz.VisibilityContacts, authz.VisibilityInternal}

// Statuses are the states of a translation.
var Statuses = []string{authz.ArticleDraft, authz.ArticlePublished}

// Article is an article as one reader sees it: the translation chosen for
// the reader's language, and the languages the reader may switch to.
type Article struct {
	ID          int64
	SectionID   int64
	Visibility  string
	Translation *store.KBTranslation
	Languages   []string // languages of the translations the reader may read
	// All holds every translation, drafts included; agents only.
	All []*store.KBTranslation
}

// Input is what an agent writes: the article's place and visibility and
// one translation.
type Input struct {
	SectionID  int64
	Visibility string
	Language   string
	Title      string
	Body       string
	Status     string
	// Notify tells the article's followers of a published change.
	Notify bool
}

// Validate checks and cleans in. Form field names are the keys.
func (in *Input) Validate() *model.ValidationError {
	v := &model.ValidationError{}
	in.Title = strings.TrimSpace(in.Title)
	switch {
	case in.Title == "":
		v.Add("title", "error.required")
	case utf8.RuneCountInString(in.Title) > MaxTitle:
		v.Add("title", "error.too_long")
	}
	in.Body = strings.TrimSpace(strings.ReplaceAll(strings.ToValidUTF8(in.Body, "\uFFFD"), "\r\n", "\n"))
	switch {
	case in.Body == "":
		v.Add("body", "error.required")
	case utf8.RuneCountInString(in.Body) > MaxBody:
		v.Add("body", "error.too_long")
	}
	if !oneOf(in.Language, Languages) {
		v.Add("language", "error.option")
	}
	if !oneOf(in.Visibility, Visibilities) {
		v.Add("visibility", "error.option")
	}
	if !oneOf(in.Status, Statuses) {
		v.Add("status", "error.option")
	}
	return v
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// choose picks the translation of a for lang among those u may read:
// lang, then the instance's default language, then the first there is.
func choose(u *model.User, a *store.KBArticle, lang, fallback string) (*store.KBTranslation, []string) {
	var visible []*store.KBTranslation
	var langs []string
	for _, t := range a.Translations {
		if authz.Article(u, a.Visibility, t.Status) {
			visible = append(visible, t)
			langs = append(langs, t.Language)
		}
	}
	if len(visible) == 0 {
		return nil, nil
	}
	for _, want := range []string{lang, fallback} {
		for _, t := range visible {
			if t.Language == want {
				return t, langs
			}
		}
	}
	return visible[0], langs
}
