package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"supportal/internal/model"
)

// SLAPolicy is the targets for the tickets of one priority ("" for every
// priority without a policy of its own), of one contract's organization
// or, with ContractID 0, of every ticket no contract policy covers.
// Targets are in working minutes; 0 is no target.
type SLAPolicy struct {
	ID                   int64
	Priority             string
	ContractID           int64
	ContractName         string
	OrgName              string
	FirstResponseMinutes int64
	ResolutionMinutes    int64
}

const slaPolicyColumns = `p.id, p.priority, p.contract_id, COALESCE(c.name, ''), COALESCE(o.name, ''),
	p.first_response_minutes, p.resolution_minutes
	FROM sla_policies p LEFT JOIN contracts c ON c.id = p.contract_id LEFT JOIN organizations o ON o.id = c.org_id `

func scanSLAPolicies(rows *sql.Rows) ([]SLAPolicy, error) {
	defer rows.Close()
	var out []SLAPolicy
	for rows.Next() {
		var p SLAPolicy
		var contract sql.NullInt64
		if err := rows.Scan(&p.ID, &p.Priority, &contract, &p.ContractName, &p.OrgName, &p.FirstResponseMinutes, &p.ResolutionMinutes); err != nil {
			return nil, fmt.Errorf("store: service-level policies: %w", err)
		}
		p.ContractID = idOrZero(contract)
		out = append(out, p)
	}
	return out, rows.Err()
}

// SLAPolicies lists every policy: the general ones first, then by
// organization and contract, each by priority.
func (q *Queries) SLAPolicies(ctx context.Context) ([]SLAPolicy, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+slaPolicyColumns+
		"ORDER BY p.contract_id IS NOT NULL, o.name, c.name, p.contract_id, p.priority")
	if err != nil {
		return nil, fmt.Errorf("store: service-level policies: %w", err)
	}
	return scanSLAPolicies(rows)
}

// SLAPoliciesFor lists the policies that may apply to a ticket of
// organization orgID and priority at instant at: the general ones and
// those of the organization's contracts that cover at, for the priority
// or for every priority. The caller picks the most specific.
func (q *Queries) SLAPoliciesFor(ctx context.Context, orgID int64, priority string, at time.Time) ([]SLAPolicy, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+slaPolicyColumns+`
		WHERE p.priority IN ($1, '') AND (p.contract_id IS NULL OR (c.org_id = $2 AND c.starts_at <= $3
			AND (c.ends_at IS NULL OR c.ends_at > $3)))
		ORDER BY c.starts_at, p.contract_id, p.priority`, priority, orgID, at.UTC())
	if err != nil {
		return nil, fmt.Errorf("store: service-level policies of organization %d: %w", orgID, err)
	}
	return scanSLAPolicies(rows)
}

// SaveSLAPolicy stores the targets for a priority and contract (0: the
// general policy), replacing the policy there was for them.
func (q *Queries) SaveSLAPolicy(ctx context.Context, p SLAPolicy) error {
	now := Now()
	res, err := q.db.ExecContext(ctx, `UPDATE sla_policies SET first_response_minutes = $1, resolution_minutes = $2, updated_at = $3
		WHERE priority = $4 AND COALESCE(contract_id, 0) = $5`,
		p.FirstResponseMinutes, p.ResolutionMinutes, now, p.Priority, p.ContractID)
	if err != nil {
		return fmt.Errorf("store: save service-level policy: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = q.db.ExecContext(ctx, `INSERT INTO sla_policies (priority, contract_id, first_response_minutes, resolution_minutes, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5)`, p.Priority, nullID(p.ContractID), p.FirstResponseMinutes, p.ResolutionMinutes, now)
	if q.d.isUniqueViolation(err) {
		return fmt.Errorf("store: save service-level policy: %w", model.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: save service-level policy: %w", err)
	}
	return nil
}

// DeleteSLAPolicy removes a policy; one that does not exist is no error.
func (q *Queries) DeleteSLAPolicy(ctx context.Context, id int64) error {
	if _, err := q.db.ExecContext(ctx, "DELETE FROM sla_policies WHERE id = $1", id); err != nil {
		return fmt.Errorf("store: delete service-level policy %d: %w", id, err)
	}
	return nil
}

// recordBall keeps a ticket's pauses in step with its category: a pause
// opens when the ball leaves support and closes when it comes back.
func (q *Queries) recordBall(ctx context.Context, ticketID int64, c model.Category, at time.Time) error {
	var err error
	if c.Ball() == model.BallSupport {
		_, err = q.db.ExecContext(ctx, "UPDATE ticket_sla_pauses SET resumed_at = $1 WHERE ticket_id = $2 AND resumed_at IS NULL", at, ticketID)
	} else {
		_, err = q.db.ExecContext(ctx, `INSERT INTO ticket_sla_pauses (ticket_id, paused_at)
			SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM ticket_sla_pauses WHERE ticket_id = $1 AND resumed_at IS NULL)
			ON CONFLICT DO NOTHING`, ticketID, at)
	}
	if err != nil {
		return fmt.Errorf("store: service-level pause of ticket %d: %w", ticketID, err)
	}
	return nil
}

// recordStatusBall is recordBall for a status given by id.
func (q *Queries) recordStatusBall(ctx context.Context, ticketID, statusID int64, at time.Time) error {
	var c model.Category
	if err := q.db.QueryRowContext(ctx, "SELECT category FROM statuses WHERE id = $1", statusID).Scan(&c); err != nil {
		return fmt.Errorf("store: status %d: %w", statusID, err)
	}
	return q.recordBall(ctx, ticketID, c, at)
}

// markFirstResponse records the first answer support wrote to the
// customer: message id, if it is by an agent, not internal, and not the
// ticket's first message (which states the request, even when an agent
// types it in for a caller).
func (q *Queries) markFirstResponse(ctx context.Context, ticketID, messageID, authorID int64, internal bool, at time.Time) error {
	if internal || authorID == 0 {
		return nil
	}
	_, err := q.db.ExecContext(ctx, `UPDATE tickets SET first_response_at = $1
		WHERE id = $2 AND first_response_at IS NULL AND EXISTS (SELECT 1 FROM users WHERE id = $3 AND kind = 'agent')
			AND EXISTS (SELECT 1 FROM messages WHERE ticket_id = $2 AND id < $4)`,
		at, ticketID, authorID, messageID)
	if err != nil {
		return fmt.Errorf("store: first response of ticket %d: %w", ticketID, err)
	}
	return nil
}

// SLAFacts is what a ticket's clocks are computed from.
type SLAFacts struct {
	TicketID        int64
	OrgID           int64
	Priority        string
	Category        model.Category
	CreatedAt       time.Time
	FirstResponseAt time.Time // zero: support has not answered yet
	Pauses          []SLAPause
}

// SLAPause is a stretch in which the ball was not with support; a zero
// ResumedAt has not ended.
type SLAPause struct{ PausedAt, ResumedAt time.Time }

// SLAFacts reads the facts of ticket id's clocks.
func (q *Queries) SLAFacts(ctx context.Context, id int64) (*SLAFacts, error) {
	f := &SLAFacts{TicketID: id}
	var org sql.NullInt64
	var first sql.NullTime
	err := q.db.QueryRowContext(ctx, `SELECT t.org_id, t.priority, s.category, t.created_at, t.first_response_at
		FROM tickets t JOIN statuses s ON s.id = t.status_id WHERE t.id = $1`, id).
		Scan(&org, &f.Priority, &f.Category, &f.CreatedAt, &first)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("store: ticket %d: %w", id, errNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: service-level facts of ticket %d: %w", id, err)
	}
	f.OrgID, f.CreatedAt, f.FirstResponseAt = idOrZero(org), utc(f.CreatedAt), timeOrZero(first)
	rows, err := q.db.QueryContext(ctx, "SELECT paused_at, resumed_at FROM ticket_sla_pauses WHERE ticket_id = $1 ORDER BY paused_at", id)
	if err != nil {
		return nil, fmt.Errorf("store: pauses of ticket %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var p SLAPause
		var resumed sql.NullTime
		if err := rows.Scan(&p.PausedAt, &resumed); err != nil {
			return nil, fmt.Errorf("store: pauses of ticket %d: %w", id, err)
		}
		p.PausedAt, p.ResumedAt = utc(p.PausedAt), timeOrZero(resumed)
		f.Pauses = append(f.Pauses, p)
	}
	return f, rows.Err()
}

// SLADue is what a ticket's clocks say: the due times still pending (zero:
// none), computed from SLAFacts.
type SLADue struct {
	FirstResponse time.Time
	Resolution    time.Time
}

// SetSLADue stores a ticket's pending due times and the earlier of them.
// A due time that moved later makes the team warnable again.
func (q *Queries) SetSLADue(ctx context.Context, id int64, d SLADue) error {
	due := model.SLA{FirstResponseDue: d.FirstResponse, ResolutionDue: d.Resolution}.NextDue()
	_, err := q.db.ExecContext(ctx, `UPDATE tickets SET first_response_due = $1, resolution_due = $2, sla_due = $3,
		sla_warned_at = CASE WHEN $5 OR sla_due IS NULL OR sla_due < $3 THEN NULL ELSE sla_warned_at END
		WHERE id = $4`, nullTime(d.FirstResponse), nullTime(d.Resolution), nullTime(due), id, due.IsZero())
	if err != nil {
		return fmt.Errorf("store: service-level due times of ticket %d: %w", id, err)
	}
	return nil
}

// ContractChoice is a contract as a form offers it.
type ContractChoice struct {
	ID      int64
	Name    string
	OrgName string
}

// ContractChoices lists every contract by organization and name.
func (q *Queries) ContractChoices(ctx context.Context) ([]ContractChoice, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT c.id, c.name, o.name FROM contracts c JOIN organizations o ON o.id = c.org_id
		ORDER BY o.name, c.name, c.id`)
	if err != nil {
		return nil, fmt.Errorf("store: contracts: %w", err)
	}
	defer rows.Close()
	var out []ContractChoice
	for rows.Next() {
		var c ContractChoice
		if err := rows.Scan(&c.ID, &c.Name, &c.OrgName); err != nil {
			return nil, fmt.Errorf("store: contracts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// OpenTicketIDs returns up to limit ids, above after, of the tickets whose
// work is not done, in id order: the tickets whose clocks still run.
func (q *Queries) OpenTicketIDs(ctx context.Context, after int64, limit int) ([]int64, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT t.id FROM tickets t JOIN statuses s ON s.id = t.status_id
		WHERE t.id > $1 AND s.category NOT IN ('resolved', 'closed') ORDER BY t.id LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: open tickets: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: open tickets: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// timeOrZero is a nullable time as the zero time when NULL, in UTC.
func timeOrZero(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return utc(t.Time)
}

// SLAWarnable returns up to limit ids of the tickets whose next due time
// comes before before and whose team was not warned of it, soonest first.
func (q *Queries) SLAWarnable(ctx context.Context, before time.Time, limit int) ([]int64, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT id FROM tickets WHERE sla_due IS NOT NULL AND sla_due < $1 AND sla_warned_at IS NULL
		ORDER BY sla_due, id LIMIT $2`, before.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: tickets soon due: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: tickets soon due: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// MarkSLAWarned records that the team of ticket id was warned of its due
// time and reports whether this call did: of several instances warning
// at once, one wins.
func (q *Queries) MarkSLAWarned(ctx context.Context, id int64, at time.Time) (bool, error) {
	res, err := q.db.ExecContext(ctx, "UPDATE tickets SET sla_warned_at = $1 WHERE id = $2 AND sla_warned_at IS NULL AND sla_due IS NOT NULL", at.UTC(), id)
	if err != nil {
		return false, fmt.Errorf("store: warned of ticket %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// TeamAgents lists the active agents of team id by name.
func (q *Queries) TeamAgents(ctx context.Context, id int64) ([]*model.User, error) {
	return q.users(ctx, "SELECT "+userColumns+userFrom+`WHERE u.kind = 'agent' AND u.active
		AND u.id IN (SELECT user_id FROM team_members WHERE team_id = $1) ORDER BY u.name, u.id`, id)
}
