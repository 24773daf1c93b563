package ticket

import (
	"context"
	"fmt"
	"io"

	"supportal/internal/authz"
	"supportal/internal/model"
)

// Message returns one message of ticket number that u may read, with its
// recipients and attachments. A ticket u may not see, a message of
// another ticket and a message u may not read (an internal note for a
// contact) are all model.ErrNotFound, like a missing one.
func (s *Service) Message(ctx context.Context, u *model.User, number, messageID int64) (*model.Message, error) {
	t, _, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	m, err := s.st.Message(ctx, messageID)
	if err != nil {
		return nil, err
	}
	if !authz.Message(u, t, m) {
		return nil, fmt.Errorf("ticket %d: message %d: %w", number, messageID, model.ErrNotFound)
	}
	return m, nil
}

// OpenRaw returns a received mail exactly as it arrived, for staff who
// need to check its headers: a file name for the download
// ("ticket-10042-message-7.eml") and the contents. Only agents who may
// read the message get it; for anyone else, and for a message that was
// not received as mail, it is model.ErrNotFound.
func (s *Service) OpenRaw(ctx context.Context, u *model.User, number, messageID int64) (string, io.ReadSeekCloser, error) {
	if u == nil || !u.IsAgent() {
		return "", nil, fmt.Errorf("ticket %d: raw message %d: %w", number, messageID, model.ErrNotFound)
	}
	m, err := s.Message(ctx, u, number, messageID)
	if err != nil {
		return "", nil, err
	}
	if m.RawKey == "" {
		return "", nil, fmt.Errorf("ticket %d: message %d has no raw mail: %w", number, messageID, model.ErrNotFound)
	}
	f, err := s.blobs.Open(ctx, m.RawKey)
	if err != nil {
		return "", nil, fmt.Errorf("ticket %d: raw message %d: %w", number, messageID, err)
	}
	return fmt.Sprintf("ticket-%d-message-%d.eml", number, messageID), f, nil
}

// OwnHTML reports whether m carries HTML of its own, such as the
// sanitised HTML of a received mail, rather than the rendering of its
// text that every message is stored with. Pages show such HTML apart from
// themselves, in a sandboxed frame; for every other message the text is
// what they show.
func OwnHTML(m *model.Message) bool {
	return m.HTML != "" && m.HTML != TextToHTML(m.Body)
}
