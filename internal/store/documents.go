package store

import (
	"context"
	"database/sql"
	"fmt"

	"supportal/internal/model"
)

// DocumentKinds lists the kinds of document in their order.
func (q *Queries) DocumentKinds(ctx context.Context) ([]model.DocumentKind, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT key, label_de, label_en FROM document_kinds ORDER BY position, key")
	if err != nil {
		return nil, fmt.Errorf("store: document kinds: %w", err)
	}
	defer rows.Close()
	var out []model.DocumentKind
	for rows.Next() {
		var k model.DocumentKind
		if err := rows.Scan(&k.Key, &k.LabelDE, &k.LabelEN); err != nil {
			return nil, fmt.Errorf("store: document kinds: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// NewDocumentVersion is a file to add to a document.
type NewDocumentVersion struct {
	State       model.DocumentState
	BlobKey     string
	Name        string
	Size        int64
	ContentType string
	UploadedBy  int64
}

// CreateDocument stores a document of organization orgID with its first
// version and returns its id.
func (q *Queries) CreateDocument(ctx context.Context, orgID int64, kind, title string, v NewDocumentVersion) (int64, error) {
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO documents (org_id, kind, title, state, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, orgID, kind, title, string(v.State), now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create document of organization %d: %w", orgID, err)
	}
	if _, err := q.AddDocumentVersion(ctx, id, v); err != nil {
		return 0, err
	}
	return id, nil
}

// AddDocumentVersion adds a file to document id and moves the document to
// the version's state. It returns the version's id.
func (q *Queries) AddDocumentVersion(ctx context.Context, id int64, v NewDocumentVersion) (int64, error) {
	now := Now()
	var vid int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO document_versions (document_id, state, blob_key, name, size, content_type, uploaded_by, uploaded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, id, string(v.State), v.BlobKey, v.Name, v.Size, v.ContentType,
		nullID(v.UploadedBy), now).Scan(&vid)
	if err != nil {
		return 0, fmt.Errorf("store: add version to document %d: %w", id, err)
	}
	res, err := q.db.ExecContext(ctx, "UPDATE documents SET state = $1, updated_at = $2 WHERE id = $3", string(v.State), now, id)
	if err != nil {
		return 0, fmt.Errorf("store: document %d: %w", id, err)
	}
	return vid, rowsOrNotFound(res, "document", id)
}

const documentColumns = `d.id, d.org_id, o.name, d.kind, d.title, d.state, d.created_at, d.updated_at
	FROM documents d JOIN organizations o ON o.id = d.org_id `

func scanDocument(row interface{ Scan(...any) error }) (*model.Document, error) {
	var d model.Document
	var state string
	if err := row.Scan(&d.ID, &d.OrgID, &d.OrgName, &d.Kind, &d.Title, &state, &d.CreatedAt, &d.UpdatedAt); err != nil {
		return nil, err
	}
	d.State = model.DocumentState(state)
	d.CreatedAt, d.UpdatedAt = utc(d.CreatedAt), utc(d.UpdatedAt)
	return &d, nil
}

// Document reads one document. It does not check who asks: callers ask
// authz.Documents with its organization.
func (q *Queries) Document(ctx context.Context, id int64) (*model.Document, error) {
	d, err := scanDocument(q.db.QueryRowContext(ctx, "SELECT "+documentColumns+"WHERE d.id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, notFound(err))
	}
	return d, nil
}

// DocumentFilter selects documents: of one organization (OrgID non-zero),
// in one state (State non-empty), at most Limit (0: all).
type DocumentFilter struct {
	OrgID int64
	State model.DocumentState
	Limit int
}

// Documents lists documents, the latest change first.
func (q *Queries) Documents(ctx context.Context, f DocumentFilter) ([]*model.Document, error) {
	w := &where{}
	if f.OrgID != 0 {
		w.add("d.org_id = ?", f.OrgID)
	}
	if f.State != "" {
		w.add("d.state = ?", string(f.State))
	}
	query := "SELECT " + documentColumns + w.String() + " ORDER BY d.updated_at DESC, d.id DESC"
	if f.Limit > 0 {
		query += " LIMIT " + w.arg(f.Limit)
	}
	rows, err := q.db.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: documents: %w", err)
	}
	defer rows.Close()
	var out []*model.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("store: documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DocumentVersions lists the versions of a document, the oldest first,
// with the names of who uploaded them.
func (q *Queries) DocumentVersions(ctx context.Context, documentID int64) ([]model.DocumentVersion, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT v.id, v.document_id, v.state, v.blob_key, v.name, v.size, v.content_type,
		v.uploaded_by, COALESCE(u.name, ''), v.uploaded_at FROM document_versions v LEFT JOIN users u ON u.id = v.uploaded_by
		WHERE v.document_id = $1 ORDER BY v.id`, documentID)
	if err != nil {
		return nil, fmt.Errorf("store: versions of document %d: %w", documentID, err)
	}
	defer rows.Close()
	var out []model.DocumentVersion
	for rows.Next() {
		var v model.DocumentVersion
		var state string
		var by sql.NullInt64
		if err := rows.Scan(&v.ID, &v.DocumentID, &state, &v.BlobKey, &v.Name, &v.Size, &v.ContentType, &by, &v.UploaderName, &v.UploadedAt); err != nil {
			return nil, fmt.Errorf("store: versions of document %d: %w", documentID, err)
		}
		v.State, v.UploadedBy, v.UploadedAt = model.DocumentState(state), idOrZero(by), utc(v.UploadedAt)
		out = append(out, v)
	}
	return out, rows.Err()
}

// DocumentAdmins lists the active contacts of an organization with the
// right to manage it: those told of its documents. Rights are not
// checked beyond that; callers ask authz.
func (q *Queries) DocumentAdmins(ctx context.Context, orgID int64) ([]*model.User, error) {
	contacts, err := q.OrgContacts(ctx, orgID)
	if err != nil {
		return nil, err
	}
	var out []*model.User
	for _, u := range contacts {
		if u.Active && u.IsContact() && u.Rights.Has(model.RightManageOrg) {
			out = append(out, u)
		}
	}
	return out, nil
}

// DocumentStaff lists who at support is told of a signed copy of an
// organization's document: its responsible agent when it has an active
// one, else the active agents of the default team.
func (q *Queries) DocumentStaff(ctx context.Context, orgID int64) ([]*model.User, error) {
	var agentID sql.NullInt64
	err := q.db.QueryRowContext(ctx, "SELECT responsible_agent_id FROM organizations WHERE id = $1", orgID).Scan(&agentID)
	if err != nil {
		return nil, fmt.Errorf("store: responsible agent of organization %d: %w", orgID, notFound(err))
	}
	if agentID.Valid {
		agent, err := q.User(ctx, agentID.Int64)
		if err != nil {
			return nil, err
		}
		if agent.Active && agent.IsAgent() {
			return []*model.User{agent}, nil
		}
	}
	var team sql.NullInt64
	err = q.db.QueryRowContext(ctx, "SELECT MIN(id) FROM teams WHERE is_default").Scan(&team)
	if err != nil {
		return nil, fmt.Errorf("store: default team: %w", err)
	}
	if !team.Valid {
		return nil, nil
	}
	return q.TeamAgents(ctx, team.Int64)
}

// SaveDocumentKind adds a kind of document, or changes the labels of the
// kind with that key; a new kind comes last.
func (q *Queries) SaveDocumentKind(ctx context.Context, k model.DocumentKind) error {
	_, err := q.db.ExecContext(ctx, `INSERT INTO document_kinds (key, label_de, label_en, position)
		VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM document_kinds))
		ON CONFLICT (key) DO UPDATE SET label_de = excluded.label_de, label_en = excluded.label_en`, k.Key, k.LabelDE, k.LabelEN)
	if err != nil {
		return fmt.Errorf("store: save document kind %s: %w", k.Key, err)
	}
	return nil
}
