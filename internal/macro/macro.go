// Package macro owns macros: named sets of changes an agent applies to a
// ticket in one click — a reply from a template, a status, the fields
// type, priority and impact, a team and an assignee. Like reply
// templates, a macro is shared (kept by admins) or an agent's own.
// Applying one goes through the ticket service, so authorization,
// history, mail and service levels work as for changes made by hand.
package macro

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"supportal/internal/store"
)

// MaxName is the longest name of a macro.
const MaxName = 200

// Actions are what a macro does; zero values leave the ticket as it is.
type Actions struct {
	TemplateID    int64  `json:"template_id,omitempty"` // posts the template's text as a public reply
	Status        string `json:"status,omitempty"`
	WaitingReason string `json:"waiting_reason,omitempty"` // with a status that waits for the customer
	Type          string `json:"type,omitempty"`
	Priority      string `json:"priority,omitempty"`
	Impact        string `json:"impact,omitempty"`
	TeamID        int64  `json:"team_id,omitempty"`
	AssigneeID    int64  `json:"assignee_id,omitempty"`
}

// Empty reports whether the actions change nothing.
func (a Actions) Empty() bool { return a == Actions{} }

// Macro is one macro. OwnerID 0 is a shared macro.
type Macro struct {
	ID        int64
	Name      string
	OwnerID   int64
	Actions   Actions
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Shared reports whether every agent may use the macro.
func (m *Macro) Shared() bool { return m.OwnerID == 0 }

func fromRow(r *store.Macro) (*Macro, error) {
	m := &Macro{ID: r.ID, Name: r.Name, OwnerID: r.OwnerID, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if err := json.Unmarshal([]byte(r.Actions), &m.Actions); err != nil {
		return nil, fmt.Errorf("macro %d: actions: %w", r.ID, err)
	}
	return m, nil
}

func toRow(m *Macro) (*store.Macro, error) {
	b, err := json.Marshal(m.Actions)
	if err != nil {
		return nil, fmt.Errorf("macro: actions: %w", err)
	}
	return &store.Macro{ID: m.ID, Name: strings.TrimSpace(m.Name), OwnerID: m.OwnerID, Actions: string(b)}, nil
}
