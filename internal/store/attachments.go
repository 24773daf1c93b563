package store

import (
	"context"
	"database/sql"
	"fmt"

	"supportal/internal/model"
)

// NewUpload is what CreateUpload stores: a file in the blob store that no
// message holds yet.
type NewUpload struct {
	UploaderID  int64
	Name        string
	Size        int64
	ContentType string
	BlobKey     string
	ContentID   string
	Inline      bool
}

// CreateUpload records an uploaded file and returns it.
func (q *Queries) CreateUpload(ctx context.Context, n NewUpload) (*model.Attachment, error) {
	a := &model.Attachment{UploaderID: n.UploaderID, Name: n.Name, Size: n.Size, ContentType: n.ContentType, BlobKey: n.BlobKey,
		ContentID: n.ContentID, Inline: n.Inline, CreatedAt: Now()}
	err := q.db.QueryRowContext(ctx, `INSERT INTO attachments (uploader_id, name, size, content_type, blob_key, content_id, inline, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, n.UploaderID, n.Name, n.Size, n.ContentType, n.BlobKey,
		n.ContentID, n.Inline, a.CreatedAt).Scan(&a.ID)
	if err != nil {
		return nil, fmt.Errorf("store: create upload: %w", err)
	}
	return a, nil
}

// Attachment reads an attachment or upload by id, with the ticket id of
// its message (0 for an upload).
func (q *Queries) Attachment(ctx context.Context, id int64) (*model.Attachment, error) {
	atts, err := q.attachmentsWhere(ctx, "a.id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(atts) == 0 {
		return nil, fmt.Errorf("store: attachment %d: %w", id, errNotFound)
	}
	return atts[0], nil
}

func (q *Queries) attachmentsWhere(ctx context.Context, cond string, args ...any) ([]*model.Attachment, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT a.id, a.message_id, COALESCE(m.ticket_id, 0), a.uploader_id, a.name, a.size, a.content_type, a.blob_key, a.content_id, a.inline, a.created_at
		FROM attachments a LEFT JOIN messages m ON m.id = a.message_id WHERE `+cond+` ORDER BY a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: attachments: %w", err)
	}
	defer rows.Close()
	var out []*model.Attachment
	for rows.Next() {
		var a model.Attachment
		var mid sql.NullInt64
		if err := rows.Scan(&a.ID, &mid, &a.TicketID, &a.UploaderID, &a.Name, &a.Size, &a.ContentType, &a.BlobKey, &a.ContentID, &a.Inline, &a.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: attachments: %w", err)
		}
		a.MessageID = idOrZero(mid)
		a.CreatedAt = utc(a.CreatedAt)
		out = append(out, &a)
	}
	return out, rows.Err()
}
