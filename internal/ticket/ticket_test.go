package ticket_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

func ptr[T any](v T) *T { return &v }

func TestNewTicketLandsInFirstLevelAsNewWithSupportOnTheBall(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer on fire", "It smokes.")
	if tk.Status.Category != model.CategoryNew || tk.Ball() != model.BallSupport {
		t.Errorf("status %s (%s), ball %s", tk.Status.Name, tk.Status.Category, tk.Ball())
	}
	if tk.TeamName != "1st level" || tk.OrgID != env.OrgA.ID || tk.Priority != "normal" || tk.Type != "question" {
		t.Errorf("team %q org %d priority %q type %q", tk.TeamName, tk.OrgID, tk.Priority, tk.Type)
	}
	msgs, err := env.App.Tickets.Messages(context.Background(), env.User(t, "a.member"), tk)
	if err != nil || len(msgs) != 1 || msgs[0].Kind != model.KindPortal || msgs[0].Body != "It smokes." {
		t.Fatalf("messages %v, %v", msgs, err)
	}
}

func TestContactCannotSetRequesterOrOrganization(t *testing.T) {
	env := testenv.New(t)
	_, err := env.App.Tickets.Create(context.Background(), env.User(t, "a.member"), ticket.CreateParams{
		Subject: "x", RequesterID: env.User(t, "b.member").ID,
	})
	if !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("err = %v, want ErrForbidden", err)
	}
}

func TestBadInputIsRefusedFieldByField(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	for _, tc := range []struct {
		p     ticket.CreateParams
		field string
	}{
		{ticket.CreateParams{Subject: "  \n "}, "subject"},
		{ticket.CreateParams{Subject: strings.Repeat("x", 300)}, "subject"},
		{ticket.CreateParams{Subject: "s", Priority: "apocalyptic"}, "priority"},
		{ticket.CreateParams{Subject: "s", Type: "task"}, "type"}, // staff only
		{ticket.CreateParams{Subject: "s", Version: "1.0"}, "version"},
		{ticket.CreateParams{Subject: "s", Attachments: []int64{424242}}, "attachments"},
		{ticket.CreateParams{Subject: "s", CustomFields: map[string]any{"x": 1}}, "custom_fields.x"},
	} {
		_, err := env.App.Tickets.Create(ctx, env.User(t, "a.member"), tc.p)
		var v *model.ValidationError
		if !errors.As(err, &v) || v.Fields[tc.field] == "" {
			t.Errorf("%+v: err = %v, want a validation error on %s", tc.p, err, tc.field)
		}
	}
	page, err := env.App.Tickets.List(ctx, env.User(t, "admin"), store.TicketFilter{})
	if err != nil || len(page.Tickets) != 0 {
		t.Fatalf("bad input created tickets: %d, %v", len(page.Tickets), err)
	}
}

func TestWaitingForCustomerNeedsAReasonAndAReplyHandsTheBallBack(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	agent, member := env.User(t, "agent"), env.User(t, "a.member")
	tk := env.Ticket(t, "a.member", "VPN", "Cannot connect")
	_, err := env.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{Status: ptr("Waiting for customer")})
	var v *model.ValidationError
	if !errors.As(err, &v) || v.Fields["waiting_reason"] == "" {
		t.Fatalf("waiting without reason: err = %v", err)
	}
	tk, err = env.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{Status: ptr("Waiting for customer"), WaitingReason: ptr("Your VPN client version")})
	if err != nil {
		t.Fatal(err)
	}
	if tk.Ball() != model.BallCustomer || tk.WaitingReason != "Your VPN client version" {
		t.Fatalf("ball %s reason %q", tk.Ball(), tk.WaitingReason)
	}
	if _, err := env.App.Tickets.Reply(ctx, member, tk.Number, ticket.ReplyParams{Body: "Version 5.1"}); err != nil {
		t.Fatal(err)
	}
	tk, _, _ = env.App.Tickets.Get(ctx, member, tk.Number)
	if tk.Status.Category != model.CategoryOpen || tk.WaitingReason != "" {
		t.Fatalf("after the reply: %s, reason %q", tk.Status.Category, tk.WaitingReason)
	}
	events, err := env.App.Tickets.History(ctx, agent, tk)
	if err != nil {
		t.Fatal(err)
	}
	var statusChanges []string
	for _, e := range events {
		if e.Field == "status" {
			statusChanges = append(statusChanges, e.Old+"→"+e.New+" by "+e.ActorName)
		}
	}
	want := []string{"New→Waiting for customer by User agent", "Waiting for customer→Open by User a.member"}
	if strings.Join(statusChanges, "; ") != strings.Join(want, "; ") {
		t.Fatalf("history %v, want %v", statusChanges, want)
	}
}

func TestContactMayOnlyReopenOrClose(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	member := env.User(t, "a.member")
	tk := env.Ticket(t, "a.member", "s", "b")
	for _, p := range []ticket.UpdateParams{
		{Priority: ptr("urgent")},
		{Status: ptr("Resolved")},
		{Category: ptr(model.CategoryOpen)}, // not resolved yet: nothing to reopen
		{Category: ptr(model.CategoryClosed), Priority: ptr("low")},
	} {
		if _, err := env.App.Tickets.Update(ctx, member, tk.Number, p); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("%+v: err = %v, want ErrForbidden", p, err)
		}
	}
	if _, err := env.App.Tickets.Update(ctx, env.User(t, "agent"), tk.Number, ticket.UpdateParams{Category: ptr(model.CategoryResolved)}); err != nil {
		t.Fatal(err)
	}
	tk, err := env.App.Tickets.Update(ctx, member, tk.Number, ticket.UpdateParams{Category: ptr(model.CategoryOpen)})
	if err != nil || tk.Status.Category != model.CategoryOpen {
		t.Fatalf("reopen: %v, %v", tk, err)
	}
	tk, err = env.App.Tickets.Update(ctx, member, tk.Number, ticket.UpdateParams{Category: ptr(model.CategoryClosed)})
	if err != nil || tk.Status.Category != model.CategoryClosed || tk.Ball() != model.BallNone {
		t.Fatalf("close: %v, %v", tk, err)
	}
}

func TestParticipantMayReplyButNotCloseAnotherRequestersTicket(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	tk := env.Ticket(t, "a.colleague", "shared", "b")
	if err := env.Store.AddParticipant(ctx, tk.ID, env.User(t, "a.member").ID); err != nil {
		t.Fatal(err)
	}
	member := env.User(t, "a.member")
	if _, err := env.App.Tickets.Reply(ctx, member, tk.Number, ticket.ReplyParams{Body: "me too"}); err != nil {
		t.Fatalf("participant reply: %v", err)
	}
	if _, err := env.App.Tickets.Update(ctx, member, tk.Number, ticket.UpdateParams{Category: ptr(model.CategoryClosed)}); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("participant close: %v, want ErrForbidden", err)
	}
}

func TestOtherOrganizationGetsNotFoundEverywhere(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	tk := env.Ticket(t, "a.member", "secret", "body")
	b := env.User(t, "b.admin")
	if _, _, err := env.App.Tickets.Get(ctx, b, tk.Number); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("get: %v", err)
	}
	if _, err := env.App.Tickets.Reply(ctx, b, tk.Number, ticket.ReplyParams{Body: "x"}); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("reply: %v", err)
	}
	if _, err := env.App.Tickets.Update(ctx, b, tk.Number, ticket.UpdateParams{Category: ptr(model.CategoryClosed)}); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("update: %v", err)
	}
	if _, _, err := env.App.Tickets.Get(ctx, env.User(t, "agent2"), tk.Number); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("agent of another team: %v", err)
	}
}

func TestUploadsAreTheUploadersUntilAttached(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	member, other := env.User(t, "a.member"), env.User(t, "a.colleague")
	up, err := env.App.Tickets.Upload(ctx, member, `..\..\evil<b>.txt`, "text/plain; charset=utf-8", strings.NewReader("hello"))
	if err != nil {
		t.Fatal(err)
	}
	if up.Name != "evil<b>.txt" || up.ContentType != "text/plain" || up.Size != 5 {
		t.Errorf("upload %+v", up)
	}
	if _, _, err := env.App.Tickets.OpenAttachment(ctx, other, up.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("someone else reads an unattached upload: %v", err)
	}
	_, err = env.App.Tickets.Create(ctx, other, ticket.CreateParams{Subject: "steal", Attachments: []int64{up.ID}})
	var v *model.ValidationError
	if !errors.As(err, &v) {
		t.Errorf("attaching someone else's upload: %v", err)
	}
	tk, err := env.App.Tickets.Create(ctx, member, ticket.CreateParams{Subject: "with file", Attachments: []int64{up.ID}})
	if err != nil {
		t.Fatal(err)
	}
	a, f, err := env.App.Tickets.OpenAttachment(ctx, env.User(t, "agent"), up.ID)
	if err != nil || a.TicketID != tk.ID {
		t.Fatalf("agent opens the attachment: %v", err)
	}
	f.Close()
	if _, _, err := env.App.Tickets.OpenAttachment(ctx, env.User(t, "b.admin"), up.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("other organization reads the attachment: %v", err)
	}
}

func TestOversizedUploadIsRefused(t *testing.T) {
	env := testenv.New(t)
	_, err := env.App.Tickets.Upload(context.Background(), env.User(t, "a.member"), "big.bin", "", strings.NewReader(strings.Repeat("x", ticket.DefaultMaxUpload+1)))
	if !errors.Is(err, model.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestTextToHTMLEscapes(t *testing.T) {
	got := ticket.TextToHTML("<script>alert(1)</script>\nline two\n\nnext & last")
	want := "<p>&lt;script&gt;alert(1)&lt;/script&gt;<br>\nline two</p>\n<p>next &amp; last</p>\n"
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}
