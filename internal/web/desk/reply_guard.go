package desk

import (
	"context"
	"net/http"
	"time"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/web"
)

// maxHeldExcerpt is how much of a newer message the held-reply notice
// quotes.
const maxHeldExcerpt = 160

// heldBy is a public message someone else wrote after the agent loaded
// the page, shown when the agent's reply is held back.
type heldBy struct {
	Author  string
	At      time.Time
	Excerpt string
}

// replyHeld guards a public reply against answering a ticket that moved
// on: the form carries "seen", the newest message the agent was shown.
// When a public message by someone else is newer, the reply is not sent:
// the page comes back with the text kept, the newer messages named, and
// a "send_anyway" box. Internal notes, and forms without "seen" (other
// clients), pass. It reports whether it answered the request.
func (h *handler) replyHeld(w http.ResponseWriter, r *http.Request, t *model.Ticket, acc authz.TicketAccess, form replyForm, ids []int64, f *web.Form) bool {
	if form.Internal || !f.Has("seen") || f.Get("send_anyway") == "1" {
		return false
	}
	held, err := h.newerPublic(r.Context(), web.UserOf(r), t, f.Int64("seen"))
	if err != nil {
		h.s.Error(w, r, err)
		return true
	}
	if len(held) == 0 {
		return false
	}
	p, err := h.newTicketPage(r, t, acc)
	if err != nil {
		h.s.Error(w, r, err)
		return true
	}
	uploads, err := h.ownUploads(r.Context(), web.UserOf(r), ids)
	if err != nil {
		h.s.Error(w, r, err)
		return true
	}
	p.Reply, p.Uploads = form, uploads
	p.Levels.Held, p.Levels.SendAnew = held, true
	h.renderTicket(w, r, http.StatusConflict, p)
	return true
}

// newerPublic lists the public messages of t after message seen that u
// did not write.
func (h *handler) newerPublic(ctx context.Context, u *model.User, t *model.Ticket, seen int64) ([]heldBy, error) {
	msgs, err := h.s.Tickets.Messages(ctx, u, t)
	if err != nil {
		return nil, err
	}
	var out []heldBy
	for _, m := range msgs {
		if m.ID <= seen || m.Internal || m.AuthorID == u.ID || m.Kind == model.KindSystem {
			continue
		}
		text := []rune(plaintext.Line(m.Body))
		excerpt := string(text[:min(len(text), maxHeldExcerpt)])
		if len(text) > maxHeldExcerpt {
			excerpt += "…"
		}
		out = append(out, heldBy{Author: m.AuthorName, At: m.CreatedAt, Excerpt: excerpt})
	}
	return out, nil
}
