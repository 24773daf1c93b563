package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/config"
	"supportal/internal/testenv"
)

func uploadFile(t *testing.T, c *testenv.Client, name, contentType string, content []byte) apiFile {
	t.Helper()
	res := c.PostMultipart("/api/v1/uploads", nil, testenv.File{Field: "file", Name: name, ContentType: contentType, Content: content})
	want(t, res, http.StatusCreated)
	var f apiFile
	res.JSON(t, &f)
	return f
}

func TestUploadAttachAndDownload(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "")
	c := env.Bearer(t, "a.member")
	content := []byte("<html><script>alert(1)</script></html>")
	f := uploadFile(t, c, `..\evil "name".html`, "text/html", content)
	if f.ID == 0 || f.Size != int64(len(content)) || f.Name == "" || strings.ContainsAny(f.Name, `\/`) || f.ContentType != "text/html" {
		t.Errorf("upload = %+v", f)
	}
	path := fmt.Sprintf("/api/v1/attachments/%d", f.ID)
	want(t, c.Get(path), http.StatusOK) // the uploader reads its own upload
	want(t, env.Bearer(t, "a.primary").Get(path), http.StatusNotFound)

	res := c.JSONRequest(http.MethodPost, messagesPath(tk.Number), map[string]any{"body": "See the file.", "attachments": []int64{f.ID}})
	want(t, res, http.StatusCreated)
	var m apiMessage
	res.JSON(t, &m)
	if len(m.Attachments) != 1 || m.Attachments[0].ID != f.ID || m.Attachments[0].Name != f.Name {
		t.Fatalf("attachments = %+v", m.Attachments)
	}

	for _, key := range []string{"a.member", "a.primary", "agent"} {
		res := env.Bearer(t, key).Get(path)
		want(t, res, http.StatusOK)
		if res.Body != string(content) {
			t.Errorf("%s downloads %q", key, res.Body)
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
			t.Errorf("Content-Disposition %q", cd)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("served as %q, nosniff %q", res.Header.Get("Content-Type"), res.Header.Get("X-Content-Type-Options"))
		}
	}
	for _, key := range []string{"b.admin", "agent2", "a.colleague"} {
		want(t, env.Bearer(t, key).Get(path), http.StatusNotFound)
	}
	// An attached upload cannot be attached a second time.
	wantField(t, c.JSONRequest(http.MethodPost, messagesPath(tk.Number), map[string]any{"body": "Again", "attachments": []int64{f.ID}}), "attachments")
}

func TestTicketCreatedWithAttachment(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.member")
	f := uploadFile(t, c, "log.txt", "text/plain", []byte("line 1\nline 2\n"))
	res := c.JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": "With log", "attachments": []int64{f.ID}})
	want(t, res, http.StatusCreated)
	var tk apiTicket
	res.JSON(t, &tk)
	ms := messages(t, c, tk.Number)
	if len(ms) != 1 || len(ms[0].Attachments) != 1 || ms[0].Attachments[0].ID != f.ID {
		t.Errorf("messages = %+v", ms)
	}
}

func TestUploadOverLimitIsTooLarge(t *testing.T) {
	env := testenv.New(t, func(c *config.Config) { c.MaxUpload = 1024 })
	c := env.Bearer(t, "a.member")
	uploadFile(t, c, "small.bin", "", bytes.Repeat([]byte("a"), 1024))
	for _, size := range []int{1025, 200 << 10} {
		res := c.PostMultipart("/api/v1/uploads", nil, testenv.File{Field: "file", Name: "big.bin", Content: bytes.Repeat([]byte("a"), size)})
		want(t, res, http.StatusRequestEntityTooLarge)
		var e apiError
		res.JSON(t, &e)
		if !strings.Contains(e.Error, "1.0 KiB") {
			t.Errorf("message %q does not give the limit", e.Error)
		}
	}
}

func TestUploadWithoutFileIsRefused(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.member")
	wantField(t, c.PostMultipart("/api/v1/uploads", url.Values{"file": {"not a file"}}), "file")
	wantField(t, c.PostMultipart("/api/v1/uploads", nil, testenv.File{Field: "other", Name: "x.txt", Content: []byte("x")}), "file")
	wantField(t, c.JSONRequest(http.MethodPost, "/api/v1/uploads", map[string]any{"file": "x"}), "file")
	req, _ := http.NewRequest(http.MethodPost, env.URL("/api/v1/uploads"), strings.NewReader("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\nbroken"))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
	want(t, c.Do(req), http.StatusBadRequest)
}

func TestAnotherUsersUploadCannotBeAttached(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "")
	f := uploadFile(t, env.Bearer(t, "a.primary"), "private.txt", "text/plain", []byte("private"))
	c := env.Bearer(t, "a.member")
	wantField(t, c.JSONRequest(http.MethodPost, messagesPath(tk.Number), map[string]any{"body": "Mine now", "attachments": []int64{f.ID}}), "attachments")
	wantField(t, c.JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": "Mine now", "attachments": []int64{f.ID}}), "attachments")
	if got := messages(t, c, tk.Number); len(got) != 0 {
		t.Errorf("refused message stored: %+v", got)
	}
	want(t, c.Get(fmt.Sprintf("/api/v1/attachments/%d", f.ID)), http.StatusNotFound)
	want(t, env.Bearer(t, "a.primary").Get(fmt.Sprintf("/api/v1/attachments/%d", f.ID)), http.StatusOK)
}
