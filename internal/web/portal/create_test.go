package portal_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"supportal/internal/config"
	"supportal/internal/model"
	"supportal/internal/testenv"
)

// createdPath checks that res is the redirect after opening a ticket and
// returns the ticket's address.
func createdPath(t *testing.T, res *testenv.Response) string {
	t.Helper()
	wantStatus(t, res, http.StatusSeeOther)
	loc := res.Header.Get("Location")
	if !regexp.MustCompile(`^/portal/tickets/\d+$`).MatchString(loc) {
		t.Fatalf("redirected to %q, want the new ticket", loc)
	}
	return loc
}

func TestPlainFormWithSubjectAndBodyOpensTicket(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "a.member")
	path := createdPath(t, c.PostForm("/portal/tickets", url.Values{"subject": {"VPN does not connect"}, "body": {"Since this morning."}}))
	res := c.Get(path)
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, "VPN does not connect", "Since this morning.", "Your ticket has been opened.", "With support")
	list := c.Get("/portal/tickets")
	wantText(t, list.Body, "VPN does not connect")
}

func TestNewTicketFormOffersContactOptionsAndVersionsByModule(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	for _, o := range []model.Option{
		{Field: model.FieldModule, Value: "Accounting", ContactSelectable: true},
		{Field: model.FieldModule, Value: "Shop", ContactSelectable: true},
		{Field: model.FieldVersion, Parent: "Accounting", Value: "4.1", ContactSelectable: true},
		{Field: model.FieldVersion, Parent: "Shop", Value: "2.0", ContactSelectable: true},
	} {
		if err := env.Store.AddOption(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	c := env.Browser(t, "a.member")
	res := c.Get("/portal/tickets/new")
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, `enctype="multipart/form-data"`, `name="subject"`, `name="body"`, `<input type="file" name="attachments" multiple`,
		`value="incident"`, `value="urgent"`, `value="whole_organization"`, `<optgroup label="Accounting">`, `<optgroup label="Shop">`,
		`<option value="question" selected>Question</option>`)
	wantNoText(t, res.Body, `value="task"`) // staff only

	bad := c.PostForm("/portal/tickets", url.Values{"subject": {"Wrong pair"}, "module": {"Shop"}, "version": {"4.1"}, "priority": {"high"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantText(t, bad.Body, "Choose one of the listed values.", `value="Wrong pair"`, `<option value="high" selected>High</option>`)
	if n := ticketCount(t, env, "a.member"); n != 0 {
		t.Fatalf("%d tickets after a wrong module/version pair", n)
	}

	path := createdPath(t, c.PostForm("/portal/tickets", url.Values{"subject": {"Right pair"}, "module": {"Shop"}, "version": {"2.0"}, "type": {"incident"}}))
	page := c.Get(path)
	wantText(t, page.Body, "<dd>Shop</dd>", "<dd>2.0</dd>", "<dd>Incident</dd>")
}

func TestTicketWithTwoAttachmentsShowsAndServesThem(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "a.member")
	res := c.PostMultipart("/portal/tickets", url.Values{"subject": {"Crash on save"}, "body": {"See the files."}},
		testenv.File{Field: "attachments", Name: "crash.log", ContentType: "text/plain", Content: []byte("panic: at the disco")},
		testenv.File{Field: "attachments", Name: "screen.png", ContentType: "image/png", Content: []byte("\x89PNG fake")})
	page := c.Get(createdPath(t, res))
	wantStatus(t, page, http.StatusOK)
	wantText(t, page.Body, "crash.log", "screen.png")
	links := attachmentURLs(page.Body)
	if len(links) != 2 {
		t.Fatalf("%d attachment links, want 2", len(links))
	}
	file := c.Get(links[0])
	wantStatus(t, file, http.StatusOK)
	if cd := file.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, "crash.log") {
		t.Errorf("Content-Disposition %q", cd)
	}
	if file.Body != "panic: at the disco" {
		t.Errorf("downloaded %q", file.Body)
	}
	for _, key := range []string{"b.member", "b.admin"} {
		wantStatus(t, env.Browser(t, key).Get(links[0]), http.StatusNotFound)
	}
}

func TestEmptySubjectIsRefusedAndCreatesNothing(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "a.member")
	res := c.PostForm("/portal/tickets", url.Values{"subject": {"   "}, "body": {"Text worth keeping"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantText(t, res.Body, "This field is required.", "Text worth keeping", "Please correct the marked fields.")
	if n := ticketCount(t, env, "a.member"); n != 0 {
		t.Fatalf("%d tickets after a refused form", n)
	}
	list := c.Get("/portal/tickets")
	wantText(t, list.Body, "You have no open tickets.")
}

func TestFilesOfARefusedFormAreKeptForTheNextAttempt(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "a.member")
	res := c.PostMultipart("/portal/tickets", url.Values{"subject": {""}, "body": {"Forgot the subject"}},
		testenv.File{Field: "attachments", Name: "keep-me.txt", Content: []byte("kept")})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantText(t, res.Body, "keep-me.txt")
	m := regexp.MustCompile(`name="upload" value="(\d+)" checked`).FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatal("the refused form does not keep the file")
	}
	page := c.Get(createdPath(t, c.PostMultipart("/portal/tickets", url.Values{"subject": {"With subject"}, "upload": {m[1]}})))
	wantText(t, page.Body, "keep-me.txt")

	// Someone else's upload id is refused, and its name never shown.
	other := env.Browser(t, "b.member").PostMultipart("/portal/tickets", url.Values{"subject": {""}},
		testenv.File{Field: "attachments", Name: "b-private.txt", Content: []byte("b")})
	mb := regexp.MustCompile(`name="upload" value="(\d+)" checked`).FindStringSubmatch(other.Body)
	if mb == nil {
		t.Fatal("no kept upload for b.member")
	}
	steal := c.PostForm("/portal/tickets", url.Values{"subject": {"Steal"}, "upload": {mb[1]}})
	wantStatus(t, steal, http.StatusUnprocessableEntity)
	wantText(t, steal.Body, "An attachment is unknown or already used.")
	wantNoText(t, steal.Body, "b-private.txt")
}

func TestOversizedFileIsRefusedWith413(t *testing.T) {
	env := testenv.New(t, func(c *config.Config) { c.MaxUpload = 1024 })
	c := env.Browser(t, "a.member")
	res := c.PostMultipart("/portal/tickets", url.Values{"subject": {"Big file"}},
		testenv.File{Field: "attachments", Name: "big.bin", Content: bytes.Repeat([]byte("x"), 4096)})
	wantStatus(t, res, http.StatusRequestEntityTooLarge)
	wantText(t, res.Body, "The file is larger than 1.0 KiB.", `<form method="post" action="/portal/tickets"`)
	if n := ticketCount(t, env, "a.member"); n != 0 {
		t.Fatalf("%d tickets after an oversized file", n)
	}
}

func TestMarkupIsShownEscaped(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "a.member")
	res := c.PostMultipart("/portal/tickets", url.Values{"subject": {payload}, "body": {payload}},
		testenv.File{Field: "attachments", Name: payload + ".txt", Content: []byte("x")})
	path := createdPath(t, res)
	for _, p := range []string{"/portal/tickets", path} {
		page := c.Get(p)
		wantStatus(t, page, http.StatusOK)
		wantNoText(t, page.Body, "<script>alert", "<img src=x", "onerror=alert(1)>")
		wantText(t, page.Body, "&lt;script&gt;alert(1)&lt;/script&gt;")
	}
	detail := c.Get(path)
	wantText(t, detail.Body, "&lt;img src=x onerror=alert(1)&gt;.txt")
}
