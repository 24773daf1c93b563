package account

import (
	"context"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Mailer queues the mails of an account's life (package mailout), inside
// the transaction that makes the token the mail carries.
type Mailer interface {
	// AccountMail queues template name with link to u, at address to ("":
	// u's own).
	AccountMail(ctx context.Context, q *store.Queries, u *model.User, name, to, link string) error
	// Kick starts delivery after the commit.
	Kick()
}

// SetMailer makes the service send account mail through m, with links
// under baseURL (the configured public address, never a request's Host).
func (s *Service) SetMailer(m Mailer, baseURL string) {
	s.mail, s.baseURL = m, baseURL
}
