package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"supportal/internal/inbound"
	"supportal/internal/model"
)

// Exit codes of "mail ingest" for the MTA that pipes mail to it
// (sysexits.h): 75 asks it to retry later, 65 to bounce.
const (
	exTempFail = 75
	exDataErr  = 65
)

// runMailIngest reads one RFC 5322 message on standard input and stores
// it. It exits 0 only after the mail is committed; any failure that a
// later attempt could overcome exits 75 so the MTA keeps the mail and
// retries. The last line of output names the ticket.
func runMailIngest(ctx context.Context, c *cli, args []string) error {
	fs, cfg := newFlags(c, "mail ingest", "[--mailbox NAME] < message.eml")
	cfg.RegisterDatabase(fs)
	cfg.RegisterMail(fs)
	var mailbox string
	fs.StringVar(&mailbox, "mailbox", "", "name of the mailbox the mail was addressed to (default: found from the recipients)")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	raw, err := io.ReadAll(io.LimitReader(c.stdin, cfg.Mail.MaxSize+1))
	if err != nil {
		return &exitError{code: exTempFail, err: fmt.Errorf("reading the message: %w", err)}
	}
	if int64(len(raw)) > cfg.Mail.MaxSize {
		return &exitError{code: exDataErr, err: fmt.Errorf("the message is larger than --max-mail (%d bytes)", cfg.Mail.MaxSize)}
	}
	if len(raw) == 0 {
		return &exitError{code: exDataErr, err: errors.New("no message on standard input")}
	}
	a, err := openApp(ctx, c, cfg)
	if err != nil {
		return &exitError{code: exTempFail, err: err}
	}
	defer a.Close()
	src := inbound.Source{Kind: inbound.SourcePipe}
	if mailbox != "" {
		mb, err := a.Store.MailboxByName(ctx, mailbox)
		if errors.Is(err, model.ErrNotFound) {
			return &exitError{code: exTempFail, err: fmt.Errorf("no mailbox named %q (the mail is not stored; add the mailbox in /admin/mailboxes)", mailbox)}
		}
		if err != nil {
			return &exitError{code: exTempFail, err: err}
		}
		src.MailboxID = mb.ID
	}
	res, err := a.Inbound.Ingest(ctx, raw, src)
	switch {
	case inbound.Permanent(err):
		return &exitError{code: exDataErr, err: err}
	case err != nil:
		return &exitError{code: exTempFail, err: err}
	}
	switch {
	case res.Ignored != "":
		fmt.Fprintf(c.stdout, "kept on no ticket: %s (mail %d)\n", res.Ignored, res.InboundID)
	case res.Duplicate:
		fmt.Fprintf(c.stdout, "already received\nticket %d\n", res.Ticket)
	default:
		fmt.Fprintf(c.stdout, "ticket %d\n", res.Ticket)
	}
	return nil
}
