package desk

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/web"
	"supportal/internal/web/mailview"
)

// messageView is a message as the desk shows it: as the portal does, plus
// what only staff see of a received mail.
type messageView struct {
	mailview.Message
	Warnings []string // translated: what the receiving server could not verify
	Raw      string   // download of the mail as it arrived; "" for a message that was not received as mail
}

// messageViews prepares the correspondence of t for the desk. remote is
// the message whose remote images the agent asked to see.
func (h *handler) messageViews(ctx context.Context, p *web.Page, t *model.Ticket, msgs []*model.Message, remote int64) ([]messageView, error) {
	page := mailview.Page{TicketPath: ticketURL(t.Number), Anchor: "message-", Files: "/desk/attachments/", Remote: remote}
	views, err := page.Views(ctx, h.s.Store, msgs)
	if err != nil {
		return nil, fmt.Errorf("desk: ticket %d messages: %w", t.Number, err)
	}
	out := make([]messageView, 0, len(views))
	for _, v := range views {
		mv := messageView{Message: v, Warnings: warnings(p, v.Flags)}
		if v.RawKey != "" {
			mv.Raw = ticketURL(t.Number) + "/messages/" + strconv.FormatInt(v.ID, 10) + "/raw"
		}
		out = append(out, mv)
	}
	return out, nil
}

// warnings translates the flags the mail pipeline set on a message. A
// flag this page has no words for still shows, as it is named.
func warnings(p *web.Page, flags string) []string {
	var out []string
	for _, f := range strings.Fields(flags) {
		key := "desk.flag." + strings.ReplaceAll(f, "-", "_")
		if s, ok := p.Lookup(key); ok {
			out = append(out, s)
		} else {
			out = append(out, p.T("desk.flag.other", "Flag", f))
		}
	}
	return out
}
