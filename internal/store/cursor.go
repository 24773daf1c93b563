package store

import (
	"encoding/base64"
	"encoding/json"
	"time"

	"supportal/internal/model"
)

// sortKey is the ORDER BY of one sort: the expressions, before the id
// that breaks ties, and the kind of value each holds.
type sortKey struct {
	exprs []string
	kinds []string // "time" or "int", one per expression
	asc   bool
	value func(t *model.Ticket) []any
	where string // a condition the sort implies, such as having a sort key
}

var sortKeys = map[string]sortKey{
	SortActivity:    {exprs: []string{"t.last_activity_at"}, kinds: []string{"time"}, value: activityKey},
	SortActivityAsc: {exprs: []string{"t.last_activity_at"}, kinds: []string{"time"}, asc: true, value: activityKey},
	SortCreated:     {exprs: []string{"t.created_at"}, kinds: []string{"time"}, value: createdKey},
	SortCreatedAsc:  {exprs: []string{"t.created_at"}, kinds: []string{"time"}, asc: true, value: createdKey},
	SortPriority: {
		exprs: []string{"COALESCE(po.position, 0)", "t.last_activity_at"},
		kinds: []string{"int", "time"},
		value: func(t *model.Ticket) []any { return []any{t.PriorityRank, t.LastActivityAt} },
	},
	// Due lists only the tickets with a pending due time, the most
	// urgent first.
	SortDue: {exprs: []string{"t.sla_due"}, kinds: []string{"time"}, asc: true, where: "t.sla_due IS NOT NULL",
		value: func(t *model.Ticket) []any { return []any{t.SLA.NextDue()} }},
}

func activityKey(t *model.Ticket) []any { return []any{t.LastActivityAt} }
func createdKey(t *model.Ticket) []any  { return []any{t.CreatedAt} }

// cursor is the position after the last row of a page.
type cursor struct {
	keys []any
	id   int64
}

type cursorJSON struct {
	Sort string            `json:"s"`
	Keys []json.RawMessage `json:"k"`
	ID   int64             `json:"i"`
}

func encodeCursor(sort string, t *model.Ticket) string {
	c := cursorJSON{Sort: sort, ID: t.ID}
	for _, v := range sortKeys[sort].value(t) {
		b, _ := json.Marshal(v) // times and integers always marshal
		c.Keys = append(c.Keys, b)
	}
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor issued for the same sort; anything else is
// ErrBadCursor, never a database error.
func decodeCursor(s, sort string) (cursor, error) {
	var c cursorJSON
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.Sort != sort {
		return cursor{}, ErrBadCursor
	}
	keys := sortKeys[sort]
	if len(c.Keys) != len(keys.kinds) {
		return cursor{}, ErrBadCursor
	}
	out := cursor{id: c.ID}
	for i, kind := range keys.kinds {
		switch kind {
		case "time":
			var t time.Time
			if json.Unmarshal(c.Keys[i], &t) != nil {
				return cursor{}, ErrBadCursor
			}
			out.keys = append(out.keys, t.UTC())
		default:
			var n int64
			if json.Unmarshal(c.Keys[i], &n) != nil {
				return cursor{}, ErrBadCursor
			}
			out.keys = append(out.keys, n)
		}
	}
	return out, nil
}
