package portal

import (
	"net/url"
	"slices"
	"strings"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Status groups of the list besides the six categories. The list shows
// "active" by default: every ticket that is not closed. Resolved tickets
// stay in it because the customer may still reopen them; closed ones are
// out of the way until the customer asks for "all".
const (
	groupActive = "active"
	groupAll    = "all"
)

// Whose tickets a contact with the org_tickets right lists.
const (
	scopeOrg  = "org"  // every ticket of the organization (default)
	scopeMine = "mine" // the tickets the contact requested or takes part in
)

// pageSize is the number of tickets on one page of the list.
const pageSize = 25

// maxQuery is the longest search text kept, in characters.
const maxQuery = 200

// listFilter is what the filter form and the pager links carry. Unknown
// values fall back to the defaults: a filter is a view, not a change, so
// it needs no error message.
type listFilter struct {
	Group  string
	Q      string
	Scope  string // "" for contacts who see only their own tickets
	Cursor string
}

// parseFilter reads the filter of the list from the query string.
func parseFilter(u *model.User, q url.Values) listFilter {
	f := listFilter{Group: q.Get("status"), Q: strings.TrimSpace(q.Get("q")), Cursor: q.Get("cursor")}
	if f.Group != groupAll && !model.Category(f.Group).Valid() {
		f.Group = groupActive
	}
	if r := []rune(f.Q); len(r) > maxQuery {
		f.Q = string(r[:maxQuery])
	}
	if seesOrg(u) {
		f.Scope = scopeOrg
		if q.Get("scope") == scopeMine {
			f.Scope = scopeMine
		}
	}
	return f
}

// seesOrg reports whether u may list the tickets of its whole
// organization, as authz scopes it.
func seesOrg(u *model.User) bool { return authz.Tickets(u).OrgID != 0 }

// storeFilter turns the filter into the ticket service's. The service
// replaces the scope with the user's, so nothing here widens what the
// user sees; PartyID only narrows it.
func (f listFilter) storeFilter(u *model.User) store.TicketFilter {
	sf := store.TicketFilter{Text: f.Q, Sort: store.SortActivity, Cursor: f.Cursor, Limit: pageSize}
	switch f.Group {
	case groupAll:
	case groupActive:
		sf.Categories = slices.DeleteFunc(slices.Clone(model.Categories), func(c model.Category) bool { return c == model.CategoryClosed })
	default:
		sf.Categories = []model.Category{model.Category(f.Group)}
	}
	if f.Scope == scopeMine {
		sf.PartyID = u.ID
	}
	return sf
}

// URL is the address of the list with this filter, on the page after
// cursor ("" for the first page). Default values are left out.
func (f listFilter) URL(cursor string) string {
	v := url.Values{}
	if f.Group != groupActive {
		v.Set("status", f.Group)
	}
	if f.Scope == scopeMine {
		v.Set("scope", scopeMine)
	}
	if f.Q != "" {
		v.Set("q", f.Q)
	}
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	if len(v) == 0 {
		return "/portal/tickets"
	}
	return "/portal/tickets?" + v.Encode()
}

// Narrowed reports whether the filter hides some of the user's tickets
// beyond the default view, so an empty list can say why.
func (f listFilter) Narrowed() bool {
	return f.Q != "" || f.Scope == scopeMine || (f.Group != groupActive && f.Group != groupAll)
}
