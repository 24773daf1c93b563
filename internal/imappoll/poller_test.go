package imappoll_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"supportal/internal/imappoll"
	"supportal/internal/inbound"
	"supportal/internal/netguard"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestPollerIngestsUnreadMailOnceAndMarksItRead(t *testing.T) {
	r := newRig(t, serverOptions{})
	r.user.deliver("INBOX", message("first"))
	r.user.deliver("INBOX", message("second"))
	r.user.deliver("INBOX", message("read by a person"), imap.FlagSeen)
	r.user.deliver("INBOX", message("deleted by a person"), imap.FlagDeleted)
	mb := r.mailbox(nil)

	run(t, r.poller())
	eventually(t, "two mails ingested", func() bool { return len(r.sink.subjects()) >= 2 })

	// Mail that arrives while the poller waits is picked up too.
	r.user.deliver("INBOX", message("third"))
	eventually(t, "the new mail ingested", func() bool { return len(r.sink.subjects()) >= 3 })
	eventually(t, "all unread mail marked read", func() bool {
		f := r.user.flags("INBOX")
		return hasFlag(f["first"], imap.FlagSeen) && hasFlag(f["second"], imap.FlagSeen) && hasFlag(f["third"], imap.FlagSeen)
	})

	if got, want := r.sink.subjects(), []string{"first", "second", "third"}; !slices.Equal(got, want) {
		t.Errorf("ingested %q, want %q (each once, oldest first)", got, want)
	}
	for _, m := range r.sink.all() {
		if m.src.Kind != inbound.SourceIMAP || m.src.MailboxID != mb.ID {
			t.Errorf("source %+v, want imap from mailbox %d", m.src, mb.ID)
		}
	}
	if got := string(r.sink.all()[0].raw); got != message("first") {
		t.Errorf("raw mail changed on the way:\n%q\nwant\n%q", got, message("first"))
	}
	flags := r.user.flags("INBOX")
	if hasFlag(flags["first"], imap.FlagFlagged) {
		t.Errorf("a stored mail is flagged: %s", describe(flags))
	}
	eventually(t, "the poll recorded", func() bool {
		text, at := r.lastError(mb.ID)
		return text == "" && !at.IsZero()
	})
}

func TestPollerMovesStoredMailToTheArchiveFolder(t *testing.T) {
	for _, tt := range []struct {
		name string
		caps imap.CapSet
	}{
		{"MOVE", imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}}},
		{"COPY and UID EXPUNGE", imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapUIDPlus: {}}},
		{"COPY and EXPUNGE", imap.CapSet{imap.CapIMAP4rev1: {}}},
		{"IMAP4rev2", imap.CapSet{imap.CapIMAP4rev2: {}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, serverOptions{caps: tt.caps})
			r.user.deliver("INBOX", message("to archive 1"))
			r.user.deliver("INBOX", message("to archive 2"))
			r.user.deliver("INBOX", message("already read"), imap.FlagSeen)
			r.mailbox(func(mb *store.Mailbox) { mb.IMAPArchiveFolder = "Archive" })

			run(t, r.poller())
			eventually(t, "both mails in the archive", func() bool { return len(r.user.flags("Archive")) == 2 })
			// Without MOVE the copy lands before the originals are expunged,
			// so the inbox is checked once the poller had time to finish.
			eventually(t, "the inbox holding only the mail read before", func() bool {
				inbox := r.user.flags("INBOX")
				_, ok := inbox["already read"]
				return len(inbox) == 1 && ok
			})
			if got := r.sink.subjects(); !slices.Equal(got, []string{"to archive 1", "to archive 2"}) {
				t.Errorf("ingested %q", got)
			}
		})
	}
}

func TestPollerMarksMailReadWhenTheArchiveFolderIsMissing(t *testing.T) {
	r := newRig(t, serverOptions{})
	r.user.deliver("INBOX", message("nowhere to go"))
	mb := r.mailbox(func(mb *store.Mailbox) { mb.IMAPArchiveFolder = "Missing" })

	run(t, r.poller())
	eventually(t, "the mail marked read", func() bool { return hasFlag(r.user.flags("INBOX")["nowhere to go"], imap.FlagSeen) })
	eventually(t, "the problem recorded", func() bool {
		text, _ := r.lastError(mb.ID)
		return strings.Contains(text, "archive folder Missing")
	})
	if got := r.sink.subjects(); len(got) != 1 {
		t.Errorf("ingested %q, want the mail once", got)
	}
}

func TestPollerRetriesMailThatCouldNotBeStored(t *testing.T) {
	r := newRig(t, serverOptions{})
	r.sink.setFail(errors.New("database is restarting"))
	r.user.deliver("INBOX", message("try again"))
	mb := r.mailbox(nil)

	run(t, r.poller())
	// Several rounds fail; the mail stays unread on the server.
	eventually(t, "a second attempt", func() bool { return r.sink.attempts() >= 2 })
	if f, ok := r.user.flags("INBOX")["try again"]; !ok || hasFlag(f, imap.FlagSeen) {
		t.Fatalf("after a failed ingest the mail has flags %v, want it unread on the server", f)
	}
	eventually(t, "the failure recorded", func() bool {
		text, _ := r.lastError(mb.ID)
		return strings.Contains(text, "could not be stored") && strings.Contains(text, "database is restarting")
	})

	r.sink.setFail(nil)
	eventually(t, "the mail stored", func() bool { return len(r.sink.subjects()) == 1 })
	eventually(t, "the mail marked read", func() bool { return hasFlag(r.user.flags("INBOX")["try again"], imap.FlagSeen) })
	eventually(t, "the error cleared", func() bool {
		text, _ := r.lastError(mb.ID)
		return text == ""
	})
	if got := r.sink.subjects(); len(got) != 1 {
		t.Errorf("stored %q, want the mail exactly once", got)
	}
}

func TestPollerFlagsMailItMayNotStore(t *testing.T) {
	r := newRig(t, serverOptions{})
	big := message("huge") + strings.Repeat("x", 4096) + "\r\n"
	r.user.deliver("INBOX", big)
	r.user.deliver("INBOX", message("small"))
	r.user.deliver("INBOX", message("refused"))
	mb := r.mailbox(nil)
	p := r.poller()
	p.MaxSize = 2048
	p.Ingest = func(ctx context.Context, raw []byte, src inbound.Source) (*inbound.Result, error) {
		if strings.Contains(string(raw), "Subject: refused") {
			return nil, fmt.Errorf("pipeline: %w", inbound.ErrTooLarge)
		}
		return r.sink.Ingest(ctx, raw, src)
	}

	run(t, p)
	eventually(t, "the small mail stored", func() bool { return len(r.sink.subjects()) == 1 })
	eventually(t, "both other mails flagged", func() bool {
		f := r.user.flags("INBOX")
		return hasFlag(f["huge"], imap.FlagFlagged) && hasFlag(f["refused"], imap.FlagFlagged)
	})
	f := r.user.flags("INBOX")
	for _, s := range []string{"huge", "refused"} {
		if !hasFlag(f[s], imap.FlagSeen) {
			t.Errorf("%s: flags %v, want \\Seen and \\Flagged", s, f[s])
		}
	}
	if hasFlag(f["small"], imap.FlagFlagged) || !hasFlag(f["small"], imap.FlagSeen) {
		t.Errorf("small: flags %v, want \\Seen only", f["small"])
	}
	eventually(t, "both problems recorded", func() bool {
		text, _ := r.lastError(mb.ID)
		return strings.Contains(text, "over the limit of 2048") && strings.Contains(text, "message 3 refused")
	})
	if got := r.sink.subjects(); !slices.Equal(got, []string{"small"}) {
		t.Errorf("stored %q, want only the small mail", got)
	}
}

func TestPollerRecordsLoginFailureAndRecoversWhenFixed(t *testing.T) {
	r := newRig(t, serverOptions{})
	r.user.deliver("INBOX", message("waiting"))
	mb := r.mailbox(func(mb *store.Mailbox) { mb.IMAPPassword = r.keys.Encrypt("wrong-password") })

	run(t, r.poller())
	var text string
	eventually(t, "the login failure recorded", func() bool {
		text, _ = r.lastError(mb.ID)
		return text != ""
	})
	if !strings.Contains(text, "login failed") {
		t.Errorf("recorded %q, want a login failure", text)
	}
	if strings.Contains(text, "wrong-password") || strings.Contains(text, imapPassword) {
		t.Errorf("recorded error %q contains a password", text)
	}

	// The admin enters the right password: the poller notices the change.
	mb.IMAPPassword = r.keys.Encrypt(imapPassword)
	if err := r.st.UpdateMailbox(context.Background(), mb); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the mail stored", func() bool { return len(r.sink.subjects()) == 1 })
	eventually(t, "the error cleared", func() bool {
		text, _ := r.lastError(mb.ID)
		return text == ""
	})
}

func TestPollerRefusesLoopbackUnlessAllowed(t *testing.T) {
	r := newRig(t, serverOptions{})
	r.user.deliver("INBOX", message("unreachable"))
	mb := r.mailbox(nil)
	p := r.poller()
	p.Dialer = &netguard.Dialer{}

	run(t, p)
	var text string
	eventually(t, "the refusal recorded", func() bool {
		text, _ = r.lastError(mb.ID)
		return text != ""
	})
	if !strings.Contains(text, "127.0.0.1 is a loopback address; allow it with --outbound-allow") {
		t.Errorf("recorded %q", text)
	}
	if n := r.sink.attempts(); n != 0 {
		t.Errorf("%d mails ingested from a refused server", n)
	}
}

func TestPollerSpeaksTLSAndSTARTTLS(t *testing.T) {
	for name, o := range map[string]serverOptions{"tls": {implicit: true}, "starttls": {startTLS: true}} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, o)
			r.user.deliver("INBOX", message("secure"))
			r.mailbox(nil)
			run(t, r.poller())
			eventually(t, "the mail stored", func() bool { return len(r.sink.subjects()) == 1 })
			eventually(t, "the mail marked read", func() bool { return hasFlag(r.user.flags("INBOX")["secure"], imap.FlagSeen) })
		})
	}
}

func TestPollerStopsWhenTheMailboxIsDeactivated(t *testing.T) {
	r := newRig(t, serverOptions{})
	mb := r.mailbox(nil)
	run(t, r.poller())
	ctx := context.Background()
	eventually(t, "a first poll", func() bool {
		_, at := r.lastError(mb.ID)
		return !at.IsZero()
	})
	if release, ok, err := r.st.TryLock(ctx, imappoll.LockKey(mb.ID)); err != nil || ok {
		if ok {
			release()
		}
		t.Fatalf("the lock of a polled mailbox is free (ok=%v, err=%v)", ok, err)
	}

	mb.Active = false
	if err := r.st.UpdateMailbox(ctx, mb); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the worker gone and its lock free", func() bool {
		release, ok, err := r.st.TryLock(ctx, imappoll.LockKey(mb.ID))
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			release()
		}
		return ok
	})
}

func TestOnlyOneInstancePollsAMailbox(t *testing.T) {
	url := testenv.DatabaseURL(t)
	open := func() *store.Store {
		st, err := store.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	first, second := open(), open()
	if _, err := first.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := newRigOn(t, first, serverOptions{})
	for i := range 5 {
		r.user.deliver("INBOX", message(fmt.Sprintf("mail %d", i)))
	}
	mb := r.mailbox(nil)

	// Two instances on one database, sharing the sink.
	run(t, r.poller())
	other := r.poller()
	other.Store = second
	run(t, other)

	eventually(t, "all mail stored", func() bool { return len(r.sink.subjects()) >= 5 })
	eventually(t, "a poll after the last mail", func() bool {
		text, at := r.lastError(mb.ID)
		return text == "" && !at.IsZero() && hasFlag(r.user.flags("INBOX")["mail 4"], imap.FlagSeen)
	})
	// Let the waiting instance try its lock a few more times.
	time.Sleep(10 * r.poller().Interval)
	if n := r.srv.mostAtOnce(); n != 1 {
		t.Errorf("%d sessions on the IMAP server at once, want 1", n)
	}
	if got := r.sink.subjects(); len(got) != 5 {
		t.Errorf("stored %q, want each mail once", got)
	}
}

func TestLockIsHeldByOneStoreAtATime(t *testing.T) {
	url := testenv.DatabaseURL(t)
	ctx := context.Background()
	var stores []*store.Store
	for range 2 {
		st, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		stores = append(stores, st)
	}
	if _, err := stores[0].Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	release, ok, err := stores[0].TryLock(ctx, "job")
	if err != nil || !ok {
		t.Fatalf("first lock: ok=%v err=%v", ok, err)
	}
	for i, st := range stores {
		if r, ok, err := st.TryLock(ctx, "job"); err != nil || ok {
			if ok {
				r()
			}
			t.Fatalf("store %d took a held lock (err=%v)", i, err)
		}
	}
	other, ok, err := stores[1].TryLock(ctx, "other job")
	if err != nil || !ok {
		t.Fatalf("a different lock: ok=%v err=%v", ok, err)
	}
	other()
	release()
	release() // a second release is harmless
	again, ok, err := stores[1].TryLock(ctx, "job")
	if err != nil || !ok {
		t.Fatalf("lock after release: ok=%v err=%v", ok, err)
	}
	again()
}

func TestPollerPollsServersWithoutIdle(t *testing.T) {
	r := newRig(t, serverOptions{})
	proxy := withoutIdle(t, r.srv.addr)
	r.user.deliver("INBOX", message("before"))
	r.mailbox(func(mb *store.Mailbox) { mb.IMAPPort = proxy.port })
	p := r.poller()

	run(t, p)
	eventually(t, "the first mail stored", func() bool { return len(r.sink.subjects()) == 1 })
	r.user.deliver("INBOX", message("later"))
	eventually(t, "the later mail stored by the next poll", func() bool { return len(r.sink.subjects()) == 2 })
	if got := r.sink.subjects(); !slices.Equal(got, []string{"before", "later"}) {
		t.Errorf("stored %q", got)
	}
	if proxy.sawIdle() {
		t.Error("the poller sent IDLE to a server that does not offer it")
	}
}
