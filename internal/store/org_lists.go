package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"supportal/internal/model"
)

// NameFilter selects a page of a list kept in order of name, then id:
// organizations, or the contacts of one organization.
type NameFilter struct {
	Prefix string // the name starts with it, ignoring case; "" for all
	Cursor string // Next of the previous page; "" for the first
	Limit  int
}

// OrgFilter selects a page of organizations.
type OrgFilter struct {
	NameFilter
	ID int64 // only this organization, when not 0
}

// OrgListItem is an organization with its domains split by approval:
// Domains holds only the approved ones, which route addresses to it;
// Pending the claims that wait for support.
type OrgListItem struct {
	model.Organization
	Pending []string
}

// OrgPage is one page of organizations; Next is "" on the last page.
type OrgPage struct {
	Orgs []*OrgListItem
	Next string
}

// nameCursor is the position after the last row of a page kept by name.
type nameCursor struct {
	Name string `json:"n"`
	ID   int64  `json:"i"`
}

func encodeNameCursor(name string, id int64) string {
	b, _ := json.Marshal(nameCursor{Name: name, ID: id}) // a string and an integer always marshal
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeNameCursor reads a cursor of a list kept by name; anything else
// is ErrBadCursor, never a database error.
func decodeNameCursor(s string) (nameCursor, error) {
	var c nameCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID <= 0 {
		return nameCursor{}, ErrBadCursor
	}
	return c, nil
}

// nameWhere adds the prefix and cursor conditions of f to conds and args;
// col is the name column. The cursor compares with the same collation as
// the ORDER BY, so pages neither skip nor repeat a row in either engine.
func nameWhere(f NameFilter, col, idCol string, conds []string, args []any) ([]string, []any, error) {
	if p := strings.ToLower(strings.TrimSpace(f.Prefix)); p != "" {
		args = append(args, escapeLike(p)+"%")
		conds = append(conds, fmt.Sprintf(`LOWER(%s) LIKE $%d ESCAPE '\'`, col, len(args)))
	}
	if f.Cursor != "" {
		c, err := decodeNameCursor(f.Cursor)
		if err != nil {
			return nil, nil, err
		}
		args = append(args, c.Name, c.ID)
		conds = append(conds, fmt.Sprintf("(%s > $%d OR (%s = $%d AND %s > $%d))", col, len(args)-1, col, len(args)-1, idCol, len(args)))
	}
	return conds, args, nil
}

// OrgList returns a page of organizations by name with their domains, in
// two queries.
func (q *Queries) OrgList(ctx context.Context, f OrgFilter) (*OrgPage, error) {
	conds, args := []string{"TRUE"}, []any{}
	if f.ID != 0 {
		args = append(args, f.ID)
		conds = append(conds, "o.id = $1")
	}
	conds, args, err := nameWhere(f.NameFilter, "o.name", "o.id", conds, args)
	if err != nil {
		return nil, err
	}
	args = append(args, f.Limit+1)
	rows, err := q.db.QueryContext(ctx, `SELECT o.id, o.name, o.default_role, o.created_at, o.updated_at FROM organizations o
		WHERE `+strings.Join(conds, " AND ")+` ORDER BY o.name, o.id LIMIT $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("store: organization list: %w", err)
	}
	defer rows.Close()
	page := &OrgPage{}
	for rows.Next() {
		o := &OrgListItem{}
		if err := rows.Scan(&o.ID, &o.Name, &o.DefaultRole, &o.CreatedAt, &o.UpdatedAt); err != nil {
			return nil, fmt.Errorf("store: organization list: %w", err)
		}
		o.CreatedAt, o.UpdatedAt = utc(o.CreatedAt), utc(o.UpdatedAt)
		page.Orgs = append(page.Orgs, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: organization list: %w", err)
	}
	if len(page.Orgs) > f.Limit {
		page.Orgs = page.Orgs[:f.Limit]
		last := page.Orgs[f.Limit-1]
		page.Next = encodeNameCursor(last.Name, last.ID)
	}
	if err := q.fillDomains(ctx, page.Orgs); err != nil {
		return nil, err
	}
	return page, nil
}

// OrgItem reads one organization with its domains split by approval.
func (q *Queries) OrgItem(ctx context.Context, id int64) (*OrgListItem, error) {
	o, err := q.Organization(ctx, id)
	if err != nil {
		return nil, err
	}
	item := []*OrgListItem{{Organization: *o}}
	item[0].Domains = nil
	if err := q.fillDomains(ctx, item); err != nil {
		return nil, err
	}
	return item[0], nil
}

// fillDomains reads the domains of orgs in one query.
func (q *Queries) fillDomains(ctx context.Context, orgs []*OrgListItem) error {
	if len(orgs) == 0 {
		return nil
	}
	byID := map[int64]*OrgListItem{}
	marks := make([]string, 0, len(orgs))
	args := make([]any, 0, len(orgs))
	for _, o := range orgs {
		byID[o.ID] = o
		args = append(args, o.ID)
		marks = append(marks, "$"+strconv.Itoa(len(args)))
	}
	rows, err := q.db.QueryContext(ctx, "SELECT org_id, domain, approved FROM org_domains WHERE org_id IN ("+
		strings.Join(marks, ", ")+") ORDER BY domain", args...)
	if err != nil {
		return fmt.Errorf("store: organization domains: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var d string
		var approved bool
		if err := rows.Scan(&id, &d, &approved); err != nil {
			return fmt.Errorf("store: organization domains: %w", err)
		}
		switch o := byID[id]; {
		case o == nil:
		case approved:
			o.Domains = append(o.Domains, d)
		default:
			o.Pending = append(o.Pending, d)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: organization domains: %w", err)
	}
	return nil
}

// ContactPage is one page of contacts; Next is "" on the last page.
type ContactPage struct {
	Contacts []*model.User
	Next     string
}

// OrgContactList returns a page of the contacts of organization orgID by
// name, active or not; Prefix matches the name.
func (q *Queries) OrgContactList(ctx context.Context, orgID int64, f NameFilter) (*ContactPage, error) {
	conds, args, err := nameWhere(f, "u.name", "u.id", []string{"u.org_id = $1", "u.kind = 'contact'"}, []any{orgID})
	if err != nil {
		return nil, err
	}
	args = append(args, f.Limit+1)
	users, err := q.users(ctx, "SELECT "+userColumns+userFrom+"WHERE "+strings.Join(conds, " AND ")+
		" ORDER BY u.name, u.id LIMIT $"+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("store: contacts of organization %d: %w", orgID, err)
	}
	page := &ContactPage{Contacts: users}
	if len(users) > f.Limit {
		page.Contacts = users[:f.Limit]
		last := page.Contacts[f.Limit-1]
		page.Next = encodeNameCursor(last.Name, last.ID)
	}
	return page, nil
}
