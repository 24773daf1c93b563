package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"supportal/internal/mailparse"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// hostileMail is HTML that tries every way we know to run script, leave
// the frame or call home. {remote} is a server on another port that
// counts what the browser fetches from it.
var hostileMail = `<html><head>
<meta http-equiv="refresh" content="0;url={remote}/refresh">
<style>@import url({remote}/import.css); body { background: url({remote}/background.png) }</style>
<base href="{remote}/">
</head><body>
<p>Marker: the body of the mail.</p>
<script>document.title = 'owned-by-script'; window.name = 'owned'; alert('script')</script>
<img src=x onerror="document.title='owned-by-onerror'; alert('onerror')">
<svg onload="alert('svg')"><script>alert('svg script')</script></svg>
<math><mtext><table><mglyph><style><img src=x onerror="alert('math')"></style></mglyph></table></mtext></math>
<a href="javascript:alert('javascript link')">a javascript: link</a>
<a href="data:text/html,<script>alert('data link')</script>">a data: link</a>
<iframe srcdoc="<script>parent.alert('srcdoc')</script>"></iframe>
<form action="{remote}/form"><input name="q" value="x"><button>Send</button></form>
<object data="{remote}/object.swf"></object>
<div style="background-image: url({remote}/inline-style.png)">styled</div>
<img src="cid:logo@example.com" alt="inline logo">
<img src="{remote}/pixel.png" alt="remote pixel">
` + tallText + `</body></html>`

// tallText makes the mail taller than a frame's default height, so that
// the page's script has a frame to fit.
var tallText = strings.Repeat("<p>A line of the mail that makes it long.</p>\n", 40)

// hostileName is markup in the subject and a file name: it must show as
// the text it is.
const hostileName = `<img src=x onerror="document.title='owned-by-name'; alert('name')">`

// remoteServer counts the requests for the remote image, and every other
// request, which must never come.
type remoteServer struct {
	*httptest.Server
	pixel, other atomic.Int64
}

func newRemoteServer(t *testing.T) *remoteServer {
	t.Helper()
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	rs := &remoteServer{}
	rs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/pixel.png" {
			rs.pixel.Add(1)
		} else {
			rs.other.Add(1)
			t.Logf("the remote server was asked for %s", r.URL.Path)
		}
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(img.Bytes())
	}))
	t.Cleanup(rs.Close)
	return rs
}

// hostileTicket opens a ticket of a.member with a hostile subject and
// stores two mails on it: one sanitised as the mail pipeline does, and
// one as it came, as if the sanitiser had missed everything, to show the
// frame holds on its own.
func hostileTicket(t *testing.T, env *testenv.Env, remote string) *model.Ticket {
	t.Helper()
	ctx := context.Background()
	member := env.User(t, "a.member")
	tk, err := env.App.Tickets.Create(ctx, member, ticket.CreateParams{Subject: "Invoice " + hostileName})
	if err != nil {
		t.Fatal(err)
	}
	htmlBody := strings.ReplaceAll(hostileMail, "{remote}", remote)
	for _, stored := range []string{mailparse.Sanitize(htmlBody), htmlBody} {
		err := env.Store.InTx(ctx, func(q *store.Queries) error {
			var ids []int64
			for _, f := range []struct {
				name, contentType, content, cid string
				inline                          bool
			}{
				{"logo.png", "image/png", "\x89PNG\r\n\x1a\n", "logo@example.com", true},
				{hostileName + ".pdf", "application/pdf", "%PDF-1.4", "", false},
			} {
				key, size, err := env.App.Blobs.Put(ctx, strings.NewReader(f.content), 1<<20)
				if err != nil {
					return err
				}
				a, err := q.CreateUpload(ctx, store.NewUpload{UploaderID: member.ID, Name: f.name, Size: size, ContentType: f.contentType,
					BlobKey: key, ContentID: f.cid, Inline: f.inline})
				if err != nil {
					return err
				}
				ids = append(ids, a.ID)
			}
			_, err := q.CreateMessage(ctx, store.NewMessage{TicketID: tk.ID, Kind: model.KindEmailIn, AuthorID: member.ID,
				Body: "Marker: the body of the mail.", HTML: stored, Sender: member.Email, Attachments: ids})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return tk
}

// dialogs counts the JavaScript dialogs a page opens, and dismisses each
// so that a page that opens one does not stall the test.
func dialogs(t *testing.T, ctx context.Context) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	opened := make(chan struct{}, 16)
	err := chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			n.Add(1)
			select {
			case opened <- struct{}{}:
			default:
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-opened:
				_ = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
					return err
				}))
			}
		}
	}()
	return &n
}

// framesLoaded waits until every mail frame of the page shows its mail.
const framesLoaded = `(() => {
	const frames = Array.from(document.querySelectorAll('iframe.mail-frame'));
	return frames.length === 2 && frames.every(f => f.contentDocument && f.contentDocument.readyState === 'complete' &&
		f.contentDocument.body && f.contentDocument.body.textContent.includes('Marker'));
})()`

// waitForPage waits until the browser is at an address containing want
// and every mail frame of the page shows its mail. A page that is still
// being replaced makes a check fail; it is tried again for a while. A
// dialog that opens meanwhile fails the test at once: hostile code ran.
func waitForPage(t *testing.T, ctx context.Context, want string, opened *atomic.Int64) {
	t.Helper()
	var last error
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && ctx.Err() == nil; {
		if n := opened.Load(); n != 0 {
			t.Fatalf("%d dialogs opened while the page loaded", n)
		}
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && strings.Contains(loc, want) {
			var ok bool
			if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](framesLoaded)); err == nil && ok {
				return
			}
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the page at %q with its mail frames did not load (the mail may have navigated its frame): %v", want, last)
}

// pageState is what hostile code would have changed.
type pageState struct {
	Title  string `json:"title"`
	Name   string `json:"name"`
	Frames []struct {
		Title         string  `json:"title"`
		Name          string  `json:"name"`
		Height        float64 `json:"height"`        // of the frame on the page
		ContentHeight float64 `json:"contentHeight"` // of the document in it
		Scripts       int     `json:"scripts"`
	} `json:"frames"`
}

const readState = `(() => ({
	title: document.title,
	name: window.name,
	frames: Array.from(document.querySelectorAll('iframe.mail-frame')).map(f => ({
		title: f.contentDocument.title,
		name: f.contentWindow.name,
		height: f.getBoundingClientRect().height,
		contentHeight: f.contentDocument.documentElement.scrollHeight,
		scripts: f.contentDocument.querySelectorAll('script').length,
	})),
}))()`

// TestHostileMailRunsNothingAndLoadsNothingUntilAsked opens a ticket with
// hostile mail in the desk and in the portal, in a real Chromium: no
// script of the mail runs, no dialog opens, the subject and the file name
// show as the text they are, and the remote image is fetched only after
// the reader asks for remote images.
func TestHostileMailRunsNothingAndLoadsNothingUntilAsked(t *testing.T) {
	execPath := chromium(t)
	env := testenv.New(t)
	remote := newRemoteServer(t)
	tk := hostileTicket(t, env, remote.URL)

	for _, side := range []struct {
		user, path string
	}{
		{"agent", fmt.Sprintf("/desk/tickets/%d", tk.Number)},
		{"a.member", fmt.Sprintf("/portal/tickets/%d", tk.Number)},
	} {
		t.Run(side.user, func(t *testing.T) {
			ctx := newBrowser(t, execPath)
			opened := dialogs(t, ctx)
			before := remote.pixel.Load()
			if err := chromedp.Do(ctx, signIn(env, env.User(t, side.user).Email), chromedp.Navigate(env.URL(side.path))); err != nil {
				t.Fatalf("opening the ticket: %v", err)
			}
			waitForPage(t, ctx, side.path, opened)
			state, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](readState))
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(state.Title, "owned") || state.Name != "" {
				t.Errorf("the page was changed: title %q, name %q", state.Title, state.Name)
			}
			if len(state.Frames) != 2 {
				t.Fatalf("%d mail frames, want 2", len(state.Frames))
			}
			for i, f := range state.Frames {
				if strings.HasPrefix(f.Title, "owned") || f.Name != "" || f.Scripts != 0 {
					t.Errorf("frame %d was changed or holds scripts: %+v", i, f)
				}
				if f.Height < f.ContentHeight {
					t.Errorf("frame %d is %.0fpx high for %.0fpx of mail: not fitted to its content", i, f.Height, f.ContentHeight)
				}
			}
			if n := opened.Load(); n != 0 {
				t.Errorf("%d dialogs opened", n)
			}
			if head := text(t, ctx, "h1"); !strings.Contains(head, "Invoice "+hostileName) {
				t.Errorf("the subject does not show as text: %q", head)
			}
			if files := text(t, ctx, "ul.attachments"); !strings.Contains(files, hostileName+".pdf") {
				t.Errorf("the file name does not show as text: %q", files)
			}
			if files := text(t, ctx, "main"); strings.Contains(files, "logo.png") {
				t.Error("the inline image is listed as a file")
			}
			if n := remote.pixel.Load() - before; n != 0 {
				t.Errorf("the remote image was fetched %d times before the reader asked", n)
			}

			// The reader asks for the remote images of the first mail.
			if err := chromedp.Do(ctx, chromedp.Click(css(`p.mail-remote a`))); err != nil {
				t.Fatalf("showing remote images: %v", err)
			}
			waitForPage(t, ctx, "remote=", opened)
			deadline := time.Now().Add(15 * time.Second)
			for remote.pixel.Load() == before && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			if remote.pixel.Load() == before {
				t.Error("the remote image was not fetched after the reader asked for it")
			}
			if n := opened.Load(); n != 0 {
				t.Errorf("%d dialogs opened", n)
			}
			if title, err := chromedp.Run(ctx, chromedp.Title()); err != nil || strings.HasPrefix(title, "owned") {
				t.Errorf("title %q (%v)", title, err)
			}
		})
	}
	if n := remote.other.Load(); n != 0 {
		t.Errorf("the browser fetched %d other things from the remote server (styles, forms, refresh, objects)", n)
	}
}
