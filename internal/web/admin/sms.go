package admin

import (
	"errors"
	"net/http"
	"strings"

	"supportal/internal/model"
	"supportal/internal/sms"
	"supportal/internal/store"
	"supportal/internal/web"
)

// The SMS gateway page: where text messages go out (URL, authentication,
// sender) and the secret that signs the messages the gateway posts to
// the webhook. The password or token and the webhook secret are stored
// encrypted with the instance keys and never shown again; an empty field
// keeps the stored one.

// registerSMS adds the SMS gateway page.
func registerSMS(h *handler) {
	r := h.s.Router()
	r.Page("GET /admin/sms", web.Admin, h.smsShow)
	r.Page("POST /admin/sms", web.Admin, h.smsSave)
}

// smsPage is the gateway form.
type smsPage struct {
	*web.Page
	Form             smsForm
	HasSecret        bool // a password or token is stored
	HasWebhookSecret bool
	WebhookURL       string
	SignatureHeader  string
}

// smsForm is the form as typed, without the secrets.
type smsForm struct {
	URL, Auth, User, From string
}

// AuthChoices are the authentication kinds offered.
func (p *smsPage) AuthChoices() []string {
	return []string{sms.AuthNone, sms.AuthBasic, sms.AuthBearer}
}

func (h *handler) smsPageOf(r *http.Request, s sms.Settings) *smsPage {
	return &smsPage{Page: h.s.NewPage(r, "calls.admin.title"), Form: smsForm{URL: s.URL, Auth: s.Auth, User: s.User, From: s.From},
		HasSecret: s.Secret != "", HasWebhookSecret: s.WebhookSecret != "",
		WebhookURL: strings.TrimSuffix(h.s.Config.BaseURL, "/") + "/sms/webhook", SignatureHeader: sms.SignatureHeader}
}

// smsShow shows the gateway settings.
func (h *handler) smsShow(w http.ResponseWriter, r *http.Request) {
	s, err := sms.Load(r.Context(), &h.s.Store.Queries, h.s.Keys)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "admin/sms", h.smsPageOf(r, s))
}

// smsSave stores the gateway settings. Bad input re-shows the form with
// what was typed (secrets excepted) and changes nothing.
func (h *handler) smsSave(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	stored, err := sms.Load(r.Context(), &h.s.Store.Queries, h.s.Keys)
	if err != nil && !errors.Is(err, sms.ErrNoKeys) {
		h.s.Error(w, r, err)
		return
	}
	next := sms.Settings{URL: f.Trimmed("url"), Auth: f.Trimmed("auth"), User: f.Trimmed("user"), From: f.Trimmed("from"),
		Secret: stored.Secret, WebhookSecret: stored.WebhookSecret}
	if s := f.Get("secret"); s != "" {
		next.Secret = s
	}
	if s := f.Get("webhook_secret"); s != "" {
		next.WebhookSecret = s
	}
	if next.Auth == sms.AuthNone {
		next.User, next.Secret = "", ""
	}
	if bad := validateSMS(next, f.Get("webhook_secret")); bad.Err() != nil {
		p := h.smsPageOf(r, next)
		p.HasSecret, p.HasWebhookSecret = stored.Secret != "", stored.WebhookSecret != ""
		p.SetErrors(bad)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "admin/sms", p)
		return
	}
	err = h.s.Store.InTx(r.Context(), func(q *store.Queries) error {
		return sms.Save(r.Context(), q, h.s.Keys, next)
	})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.calls.gateway_saved")
	http.Redirect(w, r, "/admin/sms", http.StatusSeeOther)
}

// validateSMS checks the settings; typedHook is the webhook secret as
// typed ("" keeps the stored one).
func validateSMS(s sms.Settings, typedHook string) *model.ValidationError {
	v := &model.ValidationError{}
	if s.URL != "" && (len(s.URL) > 2000 || !sms.ValidURL(s.URL)) {
		v.Add("url", "calls.admin.error.url")
	}
	switch s.Auth {
	case sms.AuthNone:
	case sms.AuthBasic:
		if s.User == "" {
			v.Add("user", "error.required")
		}
		fallthrough
	case sms.AuthBearer:
		if s.Secret == "" {
			v.Add("secret", "error.required")
		}
	default:
		v.Add("auth", "error.option")
	}
	if len(s.User) > 200 || len(s.Secret) > 1000 {
		v.Add("secret", "error.too_long")
	}
	if len(s.From) > 40 {
		v.Add("from", "error.too_long")
	}
	if typedHook != "" && (len(typedHook) < 16 || len(typedHook) > 200) {
		v.Add("webhook_secret", "calls.admin.error.webhook_secret")
	}
	return v
}
