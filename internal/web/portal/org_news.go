package portal

import (
	"context"
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// orgAddNews adds a news address; it gets news once its owner confirmed
// the mailed link.
func (h *handler) orgAddNews(w http.ResponseWriter, r *http.Request) {
	orgID := orgOf(r)
	if orgID == 0 {
		h.s.NotFound(w, r)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	email, lang := f.Trimmed("email"), f.Get("language")
	err = h.s.Orgs.AddNewsAddress(r.Context(), web.UserOf(r), orgID, email, lang)
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		h.renderRecordError(w, r, orgID, &web.RecordInput{News: true, NewsEmail: email, NewsLang: lang, Err: verr})
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.org.news_added")
	http.Redirect(w, r, "/portal/org#org-news", http.StatusSeeOther)
}

// orgRemoveNews removes a news address of the organization at once.
func (h *handler) orgRemoveNews(w http.ResponseWriter, r *http.Request) {
	h.orgNewsAction(w, r, h.s.Orgs.RemoveNewsAddress, "flash.org.news_removed")
}

// orgResendNews mails an unconfirmed news address a new link.
func (h *handler) orgResendNews(w http.ResponseWriter, r *http.Request) {
	h.orgNewsAction(w, r, h.s.Orgs.ResendNewsConfirmation, "flash.org.news_resent")
}

// orgNewsAction does act to the news address of the path. One of another
// organization, or none, is 404.
func (h *handler) orgNewsAction(w http.ResponseWriter, r *http.Request, act func(ctx context.Context, by *model.User, orgID, id int64) error, flash string) {
	orgID, id := orgOf(r), pathID(r)
	if orgID == 0 || id == 0 {
		h.s.NotFound(w, r)
		return
	}
	if _, err := h.s.ParseForm(w, r); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := act(r.Context(), web.UserOf(r), orgID, id); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, flash)
	http.Redirect(w, r, "/portal/org#org-news", http.StatusSeeOther)
}
