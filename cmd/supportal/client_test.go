package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// clientWorld is a running server where a.member has tickets in several
// states and a token to list them.
type clientWorld struct {
	env             *testenv.Env
	token           string
	open, waiting   *model.Ticket
	resolved, other *model.Ticket
}

func newClientWorld(t *testing.T) *clientWorld {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("SUPPORTAL_URL", "")
	t.Setenv("SUPPORTAL_TOKEN", "")
	env := testenv.New(t)
	w := &clientWorld{env: env}
	w.open = env.Ticket(t, "a.member", "Printer \x1b[31mon fire", "It smokes.")
	w.waiting = env.Ticket(t, "a.member", "Export fails", "Since Monday.")
	w.resolved = env.Ticket(t, "a.member", "Old question", "Answered long ago.")
	w.other = env.Ticket(t, "b.member", "Another company's ticket", "Not for a.member.")
	ctx, agent := context.Background(), env.User(t, "admin")
	waiting, resolved, reason := model.CategoryWaitingCustomer, model.CategoryResolved, "Which version?"
	if _, err := env.App.Tickets.Update(ctx, agent, w.waiting.Number, ticket.UpdateParams{Category: &waiting, WaitingReason: &reason}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Tickets.Update(ctx, agent, w.resolved.Number, ticket.UpdateParams{Category: &resolved}); err != nil {
		t.Fatal(err)
	}
	var err error
	if w.token, err = env.App.Accounts.CreateToken(ctx, env.User(t, "a.member").ID, "cli test"); err != nil {
		t.Fatal(err)
	}
	return w
}

// row finds the table row of ticket number n.
func row(out string, n int64) string {
	for line := range strings.SplitSeq(out, "\n") {
		if strings.HasPrefix(line, fmt.Sprint(n)+" ") {
			return line
		}
	}
	return ""
}

func TestTicketsOpenListsOnlyTheCallersOpenTickets(t *testing.T) {
	w := newClientWorld(t)
	r := runCommand(t, "", "tickets", "--open", "--url", w.env.Server.URL, "--token", w.token)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "NUMBER") {
		t.Errorf("no header: %q", r.stdout)
	}
	if got := row(r.stdout, w.waiting.Number); !strings.Contains(got, "Waiting for customer") || !strings.Contains(got, "customer") || !strings.Contains(got, "Export fails") {
		t.Errorf("waiting ticket row %q", got)
	}
	if got := row(r.stdout, w.open.Number); !strings.Contains(got, "New") || !strings.Contains(got, "support") {
		t.Errorf("new ticket row %q", got)
	}
	if strings.Contains(r.stdout, "\x1b") {
		t.Error("a control character from a subject reached the terminal")
	}
	if row(r.stdout, w.resolved.Number) != "" || row(r.stdout, w.other.Number) != "" {
		t.Errorf("listed a resolved or another organization's ticket:\n%s", r.stdout)
	}
	all := runCommand(t, "", "tickets", "--url", w.env.Server.URL, "--token", w.token)
	if row(all.stdout, w.resolved.Number) == "" {
		t.Errorf("without --open the resolved ticket is missing:\n%s", all.stdout)
	}
}

func TestTicketsFollowsEveryPage(t *testing.T) {
	w := newClientWorld(t)
	for i := range 102 {
		w.env.Ticket(t, "a.member", fmt.Sprintf("Bulk ticket %d", i), "")
	}
	r := runCommand(t, "", "tickets", "--open", "--url", w.env.Server.URL, "--token", w.token)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if n := strings.Count(r.stdout, "Bulk ticket "); n != 102 {
		t.Fatalf("%d of 102 bulk tickets listed", n)
	}
}

func TestLoginStoresTheServerForLaterCommands(t *testing.T) {
	w := newClientWorld(t)
	r := runCommand(t, w.token+"\n", "login", "--url", w.env.Server.URL+"/", "--token-stdin")
	if r.code != 0 || !strings.Contains(r.stdout, "User a.member") {
		t.Fatalf("login: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	path := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "supportal", "client.json")
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("client file %s: %v, mode %v; want 0600", path, err, fi.Mode())
	}
	var saved clientConfig
	b, _ := os.ReadFile(path)
	if err := json.Unmarshal(b, &saved); err != nil || saved.URL != w.env.Server.URL || saved.Token != w.token {
		t.Fatalf("saved %+v, %v", saved, err)
	}
	list := runCommand(t, "", "tickets", "--open")
	if list.code != 0 || row(list.stdout, w.waiting.Number) == "" {
		t.Fatalf("tickets with the saved login: exit %d\n%s%s", list.code, list.stdout, list.stderr)
	}
}

func TestLoginRefusesATokenTheServerDoesNotAccept(t *testing.T) {
	w := newClientWorld(t)
	r := runCommand(t, "spt_wrong\n", "login", "--url", w.env.Server.URL, "--token-stdin")
	if r.code != 1 || !strings.Contains(r.stderr, "does not accept the token") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "supportal", "client.json")); err == nil {
		t.Fatal("a refused token was saved")
	}
}

func TestTicketsTakesServerAndTokenFromTheEnvironment(t *testing.T) {
	w := newClientWorld(t)
	t.Setenv("SUPPORTAL_URL", w.env.Server.URL)
	t.Setenv("SUPPORTAL_TOKEN", w.token)
	r := runCommand(t, "", "tickets", "--open")
	if r.code != 0 || row(r.stdout, w.open.Number) == "" {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestTicketsErrors(t *testing.T) {
	w := newClientWorld(t)
	if r := runCommand(t, "", "tickets", "--open"); r.code != 2 || !strings.Contains(r.stderr, "supportal login") {
		t.Errorf("no server: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := runCommand(t, "", "tickets", "--url", "ftp://x", "--token", "t"); r.code != 2 {
		t.Errorf("bad URL: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := runCommand(t, "", "tickets", "--url", w.env.Server.URL, "--token", "spt_nope"); r.code != 1 || !strings.Contains(r.stderr, "does not accept the token") {
		t.Errorf("bad token: exit %d, stderr %q", r.code, r.stderr)
	}
	w.env.Server.Close()
	if r := runCommand(t, "", "tickets", "--url", w.env.Server.URL, "--token", w.token); r.code != 1 || !strings.Contains(r.stderr, "cannot reach") {
		t.Errorf("server down: exit %d, stderr %q", r.code, r.stderr)
	}
}
