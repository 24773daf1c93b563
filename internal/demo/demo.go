// Package demo fills an empty database with a believable help desk: the
// support team of a software vendor, three customer organizations with a
// contact in every role, and about sixty tickets of the last eight weeks,
// in German and English, in every status, with replies, internal notes,
// attachments and history.
//
// Tickets are written through the store with explicit times, so that they
// look lived-in rather than all created a second ago; files go through the
// ticket service into the blob store like any upload.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"supportal/internal/account"
	"supportal/internal/authz"
	"supportal/internal/inbound"
	"supportal/internal/model"
	"supportal/internal/slaclock"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// Password is the password of every demo account.
const Password = "supportal-demo"

// markerKey is the setting that records that the demo data was added.
const markerKey = "demo.seeded_at"

// Deps are the services the seed works through.
type Deps struct {
	Store    *store.Store
	Accounts *account.Service
	Tickets  *ticket.Service
	Inbound  *inbound.Service // nil: no demo mail
	Clock    *slaclock.Clock  // nil: the tickets get no due times
}

// Seed fills an empty database and reports whether it did. A database that
// holds the demo data already, or any ticket, is left alone.
//
// People come first, in one transaction that also sets the marker; the
// files are uploaded as those people; then every ticket is written in a
// second transaction. If that fails, the marker stays and a restart does
// not try again on top of half the data.
func Seed(ctx context.Context, d Deps) (bool, error) {
	if empty, err := isEmpty(ctx, &d.Store.Queries); err != nil || !empty {
		return false, err
	}
	// One hash for every account: hashing is deliberately slow.
	hash, err := account.HashPassword(Password)
	if err != nil {
		return false, err
	}
	now := store.Now()
	var who *ids
	err = d.Store.InTx(ctx, func(q *store.Queries) error {
		empty, err := isEmpty(ctx, q)
		if err != nil || !empty {
			return err
		}
		if err := q.SetSetting(ctx, markerKey, now.Format(time.RFC3339)); err != nil {
			return err
		}
		if who, err = createPeople(ctx, q, hash); err != nil {
			return err
		}
		if err := createRecords(ctx, q, who, now); err != nil {
			return err
		}
		if err := createIdeas(ctx, q, who); err != nil {
			return err
		}
		if err := createKB(ctx, q, who); err != nil {
			return err
		}
		return configureReferences(ctx, q)
	})
	if errors.Is(err, model.ErrConflict) {
		return false, nil // another instance is seeding, or the names are taken
	}
	if err != nil || who == nil {
		return false, err
	}
	plans := buildPlans(now)
	if err := upload(ctx, d, who, plans); err != nil {
		return false, fmt.Errorf("demo: attachments: %w", err)
	}
	if err := d.Store.InTx(ctx, func(q *store.Queries) error { return writeTickets(ctx, q, who, plans) }); err != nil {
		return false, fmt.Errorf("demo: tickets: %w", err)
	}
	if err := seedMail(ctx, d, who); err != nil {
		return false, fmt.Errorf("demo: mail: %w", err)
	}
	if err := createDocumentsAndProjects(ctx, d, who, now); err != nil {
		return false, fmt.Errorf("demo: documents and projects: %w", err)
	}
	if d.Clock != nil {
		if _, err := d.Clock.RefreshAll(ctx, d.Store); err != nil {
			return false, fmt.Errorf("demo: due times: %w", err)
		}
	}
	return true, nil
}

// Installed reports whether the demo data was added to the database.
func Installed(ctx context.Context, st *store.Store) (bool, error) {
	v, err := st.Setting(ctx, markerKey)
	return v != "", err
}

// isEmpty reports whether the demo may seed: no marker and no ticket.
func isEmpty(ctx context.Context, q *store.Queries) (bool, error) {
	marker, err := q.Setting(ctx, markerKey)
	if err != nil || marker != "" {
		return false, err
	}
	page, err := q.Tickets(ctx, store.TicketFilter{Scope: authz.TicketScope{All: true}, Limit: 1})
	if err != nil {
		return false, err
	}
	return len(page.Tickets) == 0, nil
}
