package inbound_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"supportal/internal/inbound"
	"supportal/internal/mailparse"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// corpusDir finds the real-world mails of ../shared/testdata/mail.
func corpusDir(t *testing.T) string {
	t.Helper()
	dirs := []string{filepath.Join("..", "..", "..", "shared", "testdata", "mail")}
	if d := os.Getenv("SUPPORTAL_TESTDATA"); d != "" {
		dirs = append([]string{filepath.Join(d, "mail")}, dirs...)
	}
	for _, d := range dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	t.Skip("the real-world mail corpus (../shared/testdata/mail) is not here; skipping")
	return ""
}

// corpusFiles lists every single message of the corpus: not the licences,
// expectations and mbox files.
func corpusFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".box", ".eml", ".raw", ".txt":
			if !strings.HasPrefix(d.Name(), "LICENSE") {
				out = append(out, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCorpusIngested stores every mail of the corpus through the whole
// pipeline on the test database: none may fail, and what is stored is
// what the parser read — sender, subject, text, every file. (Whether the
// parser reads each mail right, against Zammad's expectation files and
// Inbucket's golden files, is the business of internal/mailparse's tests.)
func TestCorpusIngested(t *testing.T) {
	dir := corpusDir(t)
	files := corpusFiles(t, dir)
	env := testenv.New(t)
	// The corpus holds hundreds of mails from a few senders: no flood limit.
	svc := inbound.New(inbound.Config{Store: env.App.Store, Blobs: env.App.Blobs, Tokens: env.App.Tokens,
		From: env.Config.Mail.From, FloodLimit: 1 << 30})
	ctx := context.Background()

	type outcome struct {
		path string
		res  *inbound.Result
		err  error
	}
	results := make([]outcome, len(files))
	var wg sync.WaitGroup
	work := make(chan int)
	for range 4 {
		wg.Go(func() {
			for i := range work {
				raw, err := os.ReadFile(files[i])
				if err == nil {
					results[i].res, err = svc.Ingest(ctx, raw, inbound.Source{Kind: inbound.SourcePipe})
				}
				results[i].path, results[i].err = files[i], err
			}
		})
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()

	counts := map[string]int{}
	for _, r := range results {
		rel, _ := filepath.Rel(dir, r.path)
		if r.err != nil {
			t.Errorf("%s: %v", rel, r.err)
			continue
		}
		switch {
		case r.res.Duplicate:
			counts["duplicate"]++ // the same mail in bsd/dos/mac line endings
		case r.res.Ignored != "":
			counts["ignored: "+r.res.Ignored]++
		case r.res.Created:
			counts["created"]++
		default:
			counts["appended"]++
		}
		rec, err := env.App.Store.InboundMail(ctx, r.res.InboundID)
		if err != nil {
			t.Errorf("%s: no record: %v", rel, err)
			continue
		}
		if rec.ParseError != "" {
			counts["with parse problems"]++
		}
		if !r.res.Duplicate {
			checkStored(t, env.App.Store, rel, r.path, rec)
		}
	}
	t.Logf("%d mails: %v", len(files), counts)
}

// checkStored compares what the pipeline stored with what the parser
// reads from the same file.
func checkStored(t *testing.T, st *store.Store, rel, path string, rec *store.InboundMail) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mailparse.Parse(raw, mailparse.DefaultLimits())
	if err != nil {
		msg = mailparse.Fallback(raw, err)
		if rec.ParseError == "" {
			t.Errorf("%s: the parser refused it (%v), but the record names no parse error", rel, err)
		}
	}
	if rec.Sender != msg.From.Email || !strings.HasPrefix(msg.Subject, rec.Subject) {
		t.Errorf("%s: stored sender %q subject %q, parsed %q %q", rel, rec.Sender, rec.Subject, msg.From.Email, msg.Subject)
	}
	if rec.MessageRef == 0 {
		if rec.Outcome != store.MailIgnored {
			t.Errorf("%s: outcome %s without a message", rel, rec.Outcome)
		}
		return
	}
	m, err := st.Message(context.Background(), rec.MessageRef)
	if err != nil {
		t.Errorf("%s: message: %v", rel, err)
		return
	}
	if m.Body != msg.Text || m.HTML != msg.HTML || m.RawKey != rec.RawKey || m.Auto != (msg.Auto != "") {
		t.Errorf("%s: stored message differs from the parsed mail (body %d/%d bytes, html %d/%d, auto %v/%q)",
			rel, len(m.Body), len(msg.Text), len(m.HTML), len(msg.HTML), m.Auto, msg.Auto)
	}
	if len(m.Attachments) != len(msg.Attachments) {
		t.Errorf("%s: %d files stored, %d parsed", rel, len(m.Attachments), len(msg.Attachments))
		return
	}
	for i, a := range m.Attachments {
		p := msg.Attachments[i]
		if a.Name != p.Name || a.Size != int64(len(p.Data)) || a.ContentID != p.ContentID || a.Inline != p.Inline {
			t.Errorf("%s: file %d stored as %q (%d bytes), parsed %q (%d bytes)", rel, i, a.Name, a.Size, p.Name, len(p.Data))
		}
	}
}
