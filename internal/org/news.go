package org

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"supportal/internal/account"
	"supportal/internal/authz"
	"supportal/internal/i18n"
	"supportal/internal/model"
	"supportal/internal/store"
)

// An organization names up to MaxNewsAddresses addresses for product and
// update news. Each gets news only after its owner confirmed it through
// the link mailed to it (double opt-in): a portal admin must not sign up
// a stranger.

// MaxNewsAddresses is how many news addresses an organization may have,
// confirmed or not.
const MaxNewsAddresses = 3

// newsTokenTTL is how long a confirmation link works.
const newsTokenTTL = 7 * 24 * time.Hour

// NewsMailer queues the confirmation mail of a news address (package
// mailout), inside the transaction that makes the link it carries.
type NewsMailer interface {
	// NewsOptIn queues the mail that asks email to confirm news of
	// organization orgName through link, in language lang.
	NewsOptIn(ctx context.Context, q *store.Queries, email, lang, orgName, link string) error
	// Kick starts delivery after the commit.
	Kick()
}

// newsMail is the mailer and the public address its links start with.
type newsMail struct {
	m       NewsMailer
	baseURL string
}

// SetNewsMailer makes the service send confirmation mails through m, with
// links under baseURL (the configured public address, never a request's
// Host). Without one, news addresses are added but nobody is asked.
func (s *Service) SetNewsMailer(m NewsMailer, baseURL string) {
	s.news = newsMail{m: m, baseURL: baseURL}
}

// NewsSubscription is what a confirmation link is about.
type NewsSubscription struct {
	Org   string // the organization's name
	Email string
}

// manageNews refuses callers who may not manage the organization: for
// them it does not exist.
func manageNews(by *model.User, orgID int64) error {
	if !authz.ManageOrg(by, orgID) {
		return fmt.Errorf("org: news addresses: %w", model.ErrNotFound)
	}
	return nil
}

// AddNewsAddress adds an unconfirmed news address to an organization and
// mails it the confirmation link, in language lang ("" or an unknown one:
// the default), in one transaction. by must manage the organization (its
// portal admin, or an agent). A bad address, one the organization has,
// or a fourth one is a *model.ValidationError on "email" and changes
// nothing.
func (s *Service) AddNewsAddress(ctx context.Context, by *model.User, orgID int64, email, lang string) error {
	if err := manageNews(by, orgID); err != nil {
		return err
	}
	email = store.NormalizeEmail(email)
	switch {
	case email == "":
		return model.Invalid("email", "error.required")
	case len(email) > MaxEmail || !account.ValidEmail(email):
		return model.Invalid("email", "error.email")
	}
	if !slices.Contains(i18n.Languages, lang) {
		lang = ""
	}
	secret, hash := account.NewSecret("")
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		o, err := q.Organization(ctx, orgID)
		if err != nil {
			return err
		}
		_, err = q.AddNewsAddress(ctx, store.NewNewsAddress{OrgID: orgID, Email: email, Language: lang, TokenHash: hash,
			TokenExpires: store.Now().Add(newsTokenTTL), CreatedBy: by.ID}, MaxNewsAddresses)
		switch {
		case errors.Is(err, store.ErrNewsAddressesFull):
			return model.Invalid("email", "org.news.error.full")
		case errors.Is(err, model.ErrConflict):
			return model.Invalid("email", "org.news.error.duplicate")
		case err != nil:
			return err
		}
		return s.newsMail(ctx, q, email, lang, o.Name, secret)
	})
	if err != nil {
		return fmt.Errorf("org: add news address: %w", err)
	}
	s.kickNews()
	return nil
}

// ResendNewsConfirmation mails an unconfirmed news address a new link;
// the old one stops working. A confirmed address, or one of another
// organization, is model.ErrNotFound.
func (s *Service) ResendNewsConfirmation(ctx context.Context, by *model.User, orgID, id int64) error {
	if err := manageNews(by, orgID); err != nil {
		return err
	}
	secret, hash := account.NewSecret("")
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		o, err := q.Organization(ctx, orgID)
		if err != nil {
			return err
		}
		n, err := q.RenewNewsToken(ctx, orgID, id, hash, store.Now().Add(newsTokenTTL))
		if err != nil {
			return err
		}
		return s.newsMail(ctx, q, n.Email, n.Language, o.Name, secret)
	})
	if err != nil {
		return fmt.Errorf("org: resend news confirmation %d: %w", id, err)
	}
	s.kickNews()
	return nil
}

// RemoveNewsAddress removes news address id of the organization at once,
// confirmed or not. One of another organization is model.ErrNotFound.
func (s *Service) RemoveNewsAddress(ctx context.Context, by *model.User, orgID, id int64) error {
	if err := manageNews(by, orgID); err != nil {
		return err
	}
	if err := s.st.DeleteNewsAddress(ctx, orgID, id); err != nil {
		return fmt.Errorf("org: remove news address: %w", err)
	}
	return nil
}

// NewsConfirmation returns what a confirmation link is about without
// spending it, for the page that asks to confirm: mail scanners open
// links, so opening one must change nothing. A link unknown, used or
// expired is model.ErrNotFound.
func (s *Service) NewsConfirmation(ctx context.Context, secret string) (*NewsSubscription, error) {
	if secret == "" {
		return nil, fmt.Errorf("org: news confirmation: %w", model.ErrNotFound)
	}
	n, err := s.st.NewsAddressByToken(ctx, account.Hash(secret), store.Now())
	if err != nil {
		return nil, fmt.Errorf("org: news confirmation: %w", err)
	}
	return s.subscription(ctx, &s.st.Queries, n)
}

// ConfirmNews spends a confirmation link: its address gets news from now
// on. A link unknown, used or expired is model.ErrNotFound and changes
// nothing.
func (s *Service) ConfirmNews(ctx context.Context, secret string) (*NewsSubscription, error) {
	if secret == "" {
		return nil, fmt.Errorf("org: confirm news: %w", model.ErrNotFound)
	}
	var sub *NewsSubscription
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		n, err := q.ConfirmNewsAddress(ctx, account.Hash(secret), store.Now())
		if err != nil {
			return err
		}
		sub, err = s.subscription(ctx, q, n)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("org: confirm news: %w", err)
	}
	return sub, nil
}

// subscription names the organization of news address n.
func (s *Service) subscription(ctx context.Context, q *store.Queries, n *store.NewsAddress) (*NewsSubscription, error) {
	o, err := q.Organization(ctx, n.OrgID)
	if err != nil {
		return nil, err
	}
	return &NewsSubscription{Org: o.Name, Email: n.Email}, nil
}

// newsMail queues the confirmation mail with the link of secret; it does
// nothing when the service sends no mail.
func (s *Service) newsMail(ctx context.Context, q *store.Queries, email, lang, orgName, secret string) error {
	if s.news.m == nil {
		return nil
	}
	return s.news.m.NewsOptIn(ctx, q, email, lang, orgName, s.news.baseURL+"/news/confirm?token="+secret)
}

// kickNews starts delivery of what a committed transaction queued.
func (s *Service) kickNews() {
	if s.news.m != nil {
		s.news.m.Kick()
	}
}
