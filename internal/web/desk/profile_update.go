package desk

import (
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"supportal/internal/model"
	"supportal/internal/web"
)

// maxSignature is the longest signature, in characters.
const maxSignature = 2000

// profileUpdate stores the agent's signature. Too long a signature shows
// the form again with what was typed; nothing is stored.
func (h *handler) profileUpdate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	sig, bad := cleanSignature(f.Get("signature"))
	if bad.Err() != nil {
		p := &profilePage{Page: h.s.NewPage(r, "desk.profile.title"), Signature: f.Get("signature")}
		p.SetErrors(bad)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "desk/profile", p)
		return
	}
	if err := h.s.Store.SetSignature(r.Context(), web.UserOf(r).ID, sig); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.desk.profile_saved")
	http.Redirect(w, r, "/desk/profile", http.StatusSeeOther)
}

// cleanSignature makes a signature plain text: valid UTF-8 with Unix line
// ends, no control characters but line breaks and tabs, no blank lines
// around it, at most maxSignature characters.
func cleanSignature(s string) (string, *model.ValidationError) {
	bad := &model.ValidationError{}
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	s = strings.Trim(strings.TrimRight(s, " \t\n"), "\n")
	if utf8.RuneCountInString(s) > maxSignature {
		bad.Add("signature", "error.too_long")
	}
	return s, bad
}
