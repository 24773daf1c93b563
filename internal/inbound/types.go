package inbound

import "errors"

// Where a mail came in.
const (
	SourceIMAP = "imap"
	SourceSMTP = "smtp"
	SourcePipe = "pipe"
)

// Source says how a mail arrived.
type Source struct {
	Kind       string   // SourceIMAP, SourceSMTP or SourcePipe
	MailboxID  int64    // the mailbox it was fetched from or addressed to; 0: found from the recipients
	Recipients []string // envelope recipients (SMTP RCPT TO), when known
}

// Result is what became of a mail.
type Result struct {
	InboundID int64  // the record of the mail (inbound_mails.id)
	Ticket    int64  // number of the ticket it opened or joined; 0 when ignored
	Created   bool   // it opened the ticket
	Duplicate bool   // the same mail had been received before; nothing was written
	Ignored   string // why it is on no ticket ("loop", "flood", "auto-reply without ticket")
}

// ErrTooLarge is a mail over the size limit: a permanent failure, the
// sender's server should bounce it rather than retry.
var ErrTooLarge = errors.New("inbound: mail exceeds the size limit")

// Permanent reports whether err means the mail must not be retried.
// Every other error is temporary: nothing was committed and the sender
// should try again.
func Permanent(err error) bool { return errors.Is(err, ErrTooLarge) }
