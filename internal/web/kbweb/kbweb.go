// Package kbweb is the knowledge base on the web: the reading pages at
// /kb (which adapt to who is signed in: visitors read public articles,
// contacts also contacts-only ones, agents everything), search and the
// suggestions of the portal's new-ticket form, votes and follows, article
// images, the agents' editing pages under /desk/kb, and the JSON API
// under /api/v1/kb. Every read goes through the kb service, which asks
// authz.Article; an article the caller may not read answers 404.
package kbweb

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"

	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/web"
)

// handler holds what the knowledge-base handlers share.
type handler struct {
	s  *web.Server
	kb *kb.Service
}

// Register adds the knowledge-base pages and API endpoints.
func Register(s *web.Server, svc *kb.Service) {
	h := &handler{s: s, kb: svc}
	r := s.Router()
	r.Page("GET /kb", web.Public, h.home)
	r.Page("GET /kb/search", web.Public, h.search)
	r.Page("GET /kb/suggest", web.Public, h.suggest)
	r.Page("GET /kb/articles/{id}", web.Public, h.articleShow)
	r.Page("POST /kb/articles/{id}/vote", web.Public, h.vote)
	r.Page("POST /kb/articles/{id}/opened", web.Public, h.suggestionOpened)
	r.Page("POST /kb/articles/{id}/follow", web.Contact, h.follow)
	r.Page("POST /kb/sections/{id}/follow", web.Contact, h.sectionFollow)
	r.Page("GET /kb/files/{id}", web.Public, h.file)

	r.Page("GET /desk/kb", web.Agent, h.deskList)
	r.Page("POST /desk/kb/categories", web.Agent, h.categoryCreate)
	r.Page("POST /desk/kb/sections", web.Agent, h.sectionCreate)
	r.Page("GET /desk/kb/categories/{id}", web.Agent, h.categoryEdit)
	r.Page("POST /desk/kb/categories/{id}", web.Agent, h.categoryUpdate)
	r.Page("POST /desk/kb/categories/{id}/move", web.Agent, h.categoryMove)
	r.Page("POST /desk/kb/categories/{id}/delete", web.Agent, h.categoryDelete)
	r.Page("GET /desk/kb/sections/{id}", web.Agent, h.sectionEdit)
	r.Page("POST /desk/kb/sections/{id}", web.Agent, h.sectionUpdate)
	r.Page("POST /desk/kb/sections/{id}/move", web.Agent, h.sectionMove)
	r.Page("POST /desk/kb/sections/{id}/delete", web.Agent, h.sectionDelete)
	r.Page("GET /desk/kb/articles/new", web.Agent, h.articleNew)
	r.Page("POST /desk/kb/articles", web.Agent, h.articleCreate)
	r.Page("GET /desk/kb/articles/{id}", web.Agent, h.articleEdit)
	r.Page("POST /desk/kb/articles/{id}", web.Agent, h.articleUpdate)
	r.Page("POST /desk/kb/articles/{id}/files", web.Agent, h.fileUpload)
	r.Page("GET /desk/kb/links", web.Agent, h.replyLinks)

	r.API("GET /api/v1/kb/articles", web.Public, h.apiList)
	r.API("GET /api/v1/kb/articles/{id}", web.Public, h.apiGet)
	r.API("POST /api/v1/kb/articles", web.Agent, h.apiCreate)
	r.API("PATCH /api/v1/kb/articles/{id}", web.Agent, h.apiUpdate)
}

// pathID reads the {id} of the path; anything but a positive number is
// model.ErrNotFound.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, model.ErrNotFound
	}
	return id, nil
}

// readLang is the language asked for with ?lang=, else the page's.
func readLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "de" || l == "en" {
		return l
	}
	return web.LangOf(r)
}

// randomToken is 128 random bits in hex.
func randomToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
