package web

import (
	"errors"
	"net/http"

	"supportal/internal/model"
)

// The welcome page completes the registration of a contact that was
// created from an incoming mail: the mailed link proves the address, the
// contact chooses a name and password and is signed in.

type welcomePage struct {
	*Page
	Token string
	Name  string
	Email string
}

func (s *Server) welcomeForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	p := &welcomePage{Page: s.NewPage(r, "welcome.title"), Token: token}
	u, err := s.Accounts.RegistrationUser(r.Context(), token)
	if errors.Is(err, model.ErrNotFound) {
		p.Token = ""
		p.FormError = p.T("welcome.invalid_link")
		s.Render(w, r, http.StatusNotFound, "welcome", p)
		return
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Name, p.Email = u.Name, u.Email
	s.Render(w, r, http.StatusOK, "welcome", p)
}

func (s *Server) welcome(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &welcomePage{Page: s.NewPage(r, "welcome.title"), Token: f.Get("token"), Name: f.Trimmed("name")}
	u, err := s.Accounts.CompleteRegistration(r.Context(), p.Token, p.Name, f.Get("password"))
	var verr *model.ValidationError
	switch {
	case errors.As(err, &verr):
		if ru, rerr := s.Accounts.RegistrationUser(r.Context(), p.Token); rerr == nil {
			p.Email = ru.Email
		}
		p.SetErrors(verr)
		s.Render(w, r, http.StatusUnprocessableEntity, "welcome", p)
		return
	case errors.Is(err, model.ErrNotFound):
		p.Token = ""
		p.FormError = p.T("welcome.invalid_link")
		s.Render(w, r, http.StatusNotFound, "welcome", p)
		return
	case err != nil:
		s.Error(w, r, err)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/portal", http.StatusSeeOther)
}
