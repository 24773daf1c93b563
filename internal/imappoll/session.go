package imappoll

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"supportal/internal/inbound"
)

// session is one signed-in connection of a worker, with its folder open.
type session struct {
	w       *worker
	newMail chan struct{} // the server announced a new message
	canMove bool          // the server has MOVE
	uidPlus bool          // the server has UID EXPUNGE
}

func (s *session) wake() {
	select {
	case s.newMail <- struct{}{}:
	default:
	}
}

func (s *session) drain() {
	select {
	case <-s.newMail:
	default:
	}
}

// guard closes the connection if fn has not returned within d: the client
// library waits for a server's answer without limit.
func guard(c *imapclient.Client, d time.Duration, fn func() error) error {
	t := time.AfterFunc(d, func() { c.Close() })
	defer t.Stop()
	return fn()
}

// roundResult is what a round of polling found.
type roundResult struct {
	note    string // what went wrong with single messages, for the admin
	handled bool   // there were messages to handle
	retry   bool   // a message could not be stored for now: poll again soon
}

// round fetches and ingests every message in the folder that is neither
// read nor deleted, oldest first. An error is a failure of the
// connection: the session is over.
func (s *session) round(ctx context.Context, c *imapclient.Client) (roundResult, error) {
	var uids []imap.UID
	err := guard(c, commandTimeout, func() error {
		data, err := c.UIDSearch(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen, imap.FlagDeleted}}, nil).Wait()
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		uids = data.AllUIDs()
		return nil
	})
	if err != nil {
		return roundResult{}, err
	}
	s.w.log.Debug("imap: poll", "unread", len(uids))
	if len(uids) == 0 {
		return roundResult{}, nil
	}
	slices.Sort(uids)
	sizes, err := s.sizes(c, uids)
	if err != nil {
		return roundResult{}, err
	}
	res := roundResult{handled: true}
	var notes []string
	for _, uid := range uids {
		if err := ctx.Err(); err != nil {
			return roundResult{}, err
		}
		size, ok := sizes[uid]
		if !ok {
			continue // gone meanwhile
		}
		note, retry, err := s.message(ctx, c, uid, size)
		if err != nil {
			return roundResult{}, err
		}
		if note != "" {
			notes = append(notes, note)
		}
		if retry {
			// Later mail waits too: a reply must not overtake the mail
			// it answers.
			res.retry = true
			break
		}
	}
	res.note = strings.Join(notes, "; ")
	return res, nil
}

// message handles one message: fetch, ingest, then archive or mark read.
func (s *session) message(ctx context.Context, c *imapclient.Client, uid imap.UID, size int64) (note string, retry bool, err error) {
	limit := s.w.p.MaxSize
	if limit > 0 && size > limit {
		return s.tooLarge(c, uid, size)
	}
	raw, found, err := s.fetch(c, uid)
	if err != nil || !found {
		return "", false, err
	}
	if limit > 0 && int64(len(raw)) > limit {
		return s.tooLarge(c, uid, int64(len(raw)))
	}
	ictx, cancel := context.WithTimeout(ctx, ingestTimeout)
	res, err := s.w.p.Ingest(ictx, raw, inbound.Source{Kind: inbound.SourceIMAP, MailboxID: s.w.mb.ID})
	cancel()
	switch {
	case err == nil:
		if res == nil {
			res = &inbound.Result{}
		}
		s.w.log.Info("imap: mail received", "uid", uid, "ticket", res.Ticket, "duplicate", res.Duplicate)
		return s.settle(c, uid)
	case inbound.Permanent(err):
		s.w.log.Warn("imap: mail refused; flagged and left on the server", "uid", uid, "err", err)
		if err := s.flag(c, uid, imap.FlagSeen, imap.FlagFlagged); err != nil {
			return "", false, err
		}
		return fmt.Sprintf("message %d refused (%v); flagged and left on the server", uid, err), false, nil
	default:
		if ctx.Err() != nil {
			return "", false, ctx.Err()
		}
		s.w.log.Warn("imap: mail could not be stored; will retry", "uid", uid, "err", err)
		return fmt.Sprintf("message %d could not be stored, will retry: %v", uid, err), true, nil
	}
}

// tooLarge flags a message over the size limit and leaves it for a human.
func (s *session) tooLarge(c *imapclient.Client, uid imap.UID, size int64) (string, bool, error) {
	s.w.log.Warn("imap: mail over the size limit; flagged and left on the server", "uid", uid, "size", size, "limit", s.w.p.MaxSize)
	if err := s.flag(c, uid, imap.FlagSeen, imap.FlagFlagged); err != nil {
		return "", false, err
	}
	return fmt.Sprintf("message %d has %d bytes, over the limit of %d; flagged and left on the server", uid, size, s.w.p.MaxSize), false, nil
}

// sizes reads the size of each message.
func (s *session) sizes(c *imapclient.Client, uids []imap.UID) (map[imap.UID]int64, error) {
	out := make(map[imap.UID]int64, len(uids))
	err := guard(c, commandTimeout, func() error {
		msgs, err := c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
		if err != nil {
			return fmt.Errorf("fetch sizes: %w", err)
		}
		for _, m := range msgs {
			if m.UID != 0 {
				out[m.UID] = m.RFC822Size
			}
		}
		return nil
	})
	return out, err
}

// fetch downloads a whole message without marking it read (BODY.PEEK[]),
// reading at most one byte over the size limit. found is false when the
// message is gone.
func (s *session) fetch(c *imapclient.Client, uid imap.UID) (raw []byte, found bool, err error) {
	err = guard(c, fetchTimeout, func() error {
		cmd := c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{
			UID:         true,
			BodySection: []*imap.FetchItemBodySection{{Peek: true}},
		})
		for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
			for item := msg.Next(); item != nil; item = msg.Next() {
				body, ok := item.(imapclient.FetchItemDataBodySection)
				if !ok || body.Literal == nil || found {
					continue
				}
				var r io.Reader = body.Literal
				if limit := s.w.p.MaxSize; limit > 0 {
					r = io.LimitReader(r, limit+1)
				}
				b, err := io.ReadAll(r)
				if err != nil {
					cmd.Close()
					return err
				}
				raw, found = b, true
			}
		}
		return cmd.Close()
	})
	if err != nil {
		return nil, false, fmt.Errorf("fetch message %d: %w", uid, err)
	}
	return raw, found, nil
}

// settle takes a committed message out of the way of the next round: into
// the archive folder when one is set, else it is marked read. When the
// archive folder refuses it, it is marked read and the note says why.
func (s *session) settle(c *imapclient.Client, uid imap.UID) (note string, retry bool, err error) {
	archive := s.w.mb.IMAPArchiveFolder
	if archive == "" {
		return "", false, s.flag(c, uid, imap.FlagSeen)
	}
	err = s.move(c, uid, archive)
	var refused *imap.Error
	if err == nil || !errors.As(err, &refused) {
		return "", false, err
	}
	s.w.log.Warn("imap: cannot move mail to the archive folder; marked read instead", "uid", uid, "folder", archive, "err", err)
	if err := s.flag(c, uid, imap.FlagSeen); err != nil {
		return "", false, err
	}
	return fmt.Sprintf("cannot move message %d to the archive folder %s (%s); marked read instead", uid, archive, serverText(err)), false, nil
}

// move moves a message: MOVE where the server has it, else COPY, then
// STORE \Deleted and UID EXPUNGE (plain EXPUNGE without UIDPLUS). Each
// step waits for the one before, so a failed copy deletes nothing.
func (s *session) move(c *imapclient.Client, uid imap.UID, folder string) error {
	set := imap.UIDSetNum(uid)
	return guard(c, commandTimeout, func() error {
		if s.canMove {
			_, err := c.Move(set, folder).Wait()
			return err
		}
		if _, err := c.Copy(set, folder).Wait(); err != nil {
			return err
		}
		err := c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close()
		if err != nil {
			return err
		}
		if s.uidPlus {
			return c.UIDExpunge(set).Close()
		}
		return c.Expunge().Close()
	})
}

// flag adds flags to a message.
func (s *session) flag(c *imapclient.Client, uid imap.UID, flags ...imap.Flag) error {
	return guard(c, commandTimeout, func() error {
		err := c.Store(imap.UIDSetNum(uid), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: flags}, nil).Close()
		if err != nil {
			return fmt.Errorf("flag message %d: %w", uid, err)
		}
		return nil
	})
}

// idle waits in IDLE until the server announces new mail, the IDLE time
// is up or ctx ends.
func (s *session) idle(ctx context.Context, c *imapclient.Client) error {
	// Some servers hold back news that came after the last command until
	// the next one instead of sending it when IDLE starts: a NOOP first
	// fetches it.
	err := guard(c, commandTimeout, func() error { return c.Noop().Wait() })
	if err != nil {
		return err
	}
	select {
	case <-s.newMail:
		s.wake() // the caller's next round drains it
		return nil
	default:
	}
	var cmd *imapclient.IdleCommand
	err = guard(c, commandTimeout, func() error {
		var err error
		cmd, err = c.Idle()
		return err
	})
	if err != nil {
		return err
	}
	t := time.NewTimer(s.w.p.idle())
	select {
	case <-ctx.Done():
	case <-s.newMail:
	case <-t.C:
	case <-c.Closed():
	}
	t.Stop()
	return guard(c, commandTimeout, func() error {
		if err := cmd.Close(); err != nil {
			return err
		}
		return cmd.Wait()
	})
}
