package kbweb

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/web"
)

// apiArticle is the article shape of the API (DESIGN §6).
type apiArticle struct {
	ID         int64    `json:"id"`
	Title      string   `json:"title"`
	Body       string   `json:"body"`
	HTML       string   `json:"html"`
	Visibility string   `json:"visibility"`
	Language   string   `json:"language"`
	Status     string   `json:"status"`
	SectionID  *int64   `json:"section_id"`
	Languages  []string `json:"languages"`
	UpdatedAt  string   `json:"updated_at"`
}

func articleJSON(a *kb.Article) apiArticle {
	t := a.Translation
	out := apiArticle{ID: a.ID, Title: t.Title, Body: t.Body, HTML: string(kb.Render(t.Body)), Visibility: a.Visibility,
		Language: t.Language, Status: t.Status, Languages: a.Languages, UpdatedAt: t.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z")}
	if a.SectionID != 0 {
		id := a.SectionID
		out.SectionID = &id
	}
	return out
}

// apiList lists the articles the caller may read, or with ?q= those found,
// best first. The knowledge base is small enough for one page:
// next_cursor is always null.
func (h *handler) apiList(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	lang := readLang(r)
	var list []*kb.Article
	var err error
	if q := strings.TrimSpace(r.URL.Query().Get("q")); q != "" {
		list, err = h.kb.Search(r.Context(), u, lang, q, 100, false)
	} else {
		list, err = h.kb.List(r.Context(), u, lang)
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	items := make([]apiArticle, 0, len(list))
	for _, a := range list {
		items = append(items, articleJSON(a))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items, "next_cursor": nil})
}

// apiGet returns one article in ?lang= or its fallback.
func (h *handler) apiGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	a, err := h.kb.Get(r.Context(), web.UserOf(r), id, readLang(r))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, articleJSON(a))
}

// apiInput is what POST and PATCH accept; PATCH keeps what it leaves out.
type apiInput struct {
	Title      *string `json:"title"`
	Body       *string `json:"body"`
	Visibility *string `json:"visibility"`
	Language   *string `json:"language"`
	Status     *string `json:"status"`
	SectionID  *int64  `json:"section_id"`
	Notify     *bool   `json:"notify"`
}

func (in apiInput) apply(to *kb.Input) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&to.Title, in.Title)
	set(&to.Body, in.Body)
	set(&to.Visibility, in.Visibility)
	set(&to.Language, in.Language)
	set(&to.Status, in.Status)
	if in.SectionID != nil {
		to.SectionID = *in.SectionID
	}
	to.Notify = to.Status == "published"
	if in.Notify != nil {
		to.Notify = *in.Notify
	}
}

// apiCreate adds an article with its first translation.
func (h *handler) apiCreate(w http.ResponseWriter, r *http.Request) {
	var body apiInput
	if err := decode(w, r, &body); err != nil {
		h.s.Error(w, r, err)
		return
	}
	in := kb.Input{Visibility: "public", Status: "draft", Language: web.LangOf(r)}
	body.apply(&in)
	u := web.UserOf(r)
	id, err := h.kb.Create(r.Context(), u, in)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	a, err := h.kb.Get(r.Context(), u, id, in.Language)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/kb/articles/"+itoa(id))
	web.WriteJSON(w, http.StatusCreated, articleJSON(a))
}

// apiUpdate changes an article and writes the translation in "language"
// (default: the one it is read in), keeping the fields left out.
func (h *handler) apiUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	u := web.UserOf(r)
	var body apiInput
	if err := decode(w, r, &body); err != nil {
		h.s.Error(w, r, err)
		return
	}
	lang := readLang(r)
	if body.Language != nil {
		lang = *body.Language
	}
	a, err := h.kb.Get(r.Context(), u, id, lang)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	in := kb.Input{SectionID: a.SectionID, Visibility: a.Visibility, Language: lang, Status: "draft"}
	for _, t := range a.All {
		if t.Language == lang {
			in.Title, in.Body, in.Status = t.Title, t.Body, t.Status
		}
	}
	body.apply(&in)
	if err := h.kb.Update(r.Context(), u, id, in); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if a, err = h.kb.Get(r.Context(), u, id, in.Language); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, articleJSON(a))
}

// decode reads a JSON object into dst, refusing unknown fields and
// values of the wrong type by name (422), malformed JSON (400) and bodies
// over 1 MiB (413).
func decode(w http.ResponseWriter, r *http.Request, dst any) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	var maxErr *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			return fmt.Errorf("kb: data after the JSON object: %w", web.ErrBadJSON)
		}
		return nil
	case errors.As(err, &maxErr):
		return err
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return model.Invalid(typeErr.Field, "api.error.type")
	}
	if rest, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return model.Invalid(strings.Trim(rest, `"`), "error.unknown_field")
	}
	return fmt.Errorf("kb: %w: %w", web.ErrBadJSON, err)
}
