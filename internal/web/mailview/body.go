package mailview

import (
	"io"
	"net/http"
	"strconv"

	"supportal/internal/ticket"
	"supportal/internal/web"
)

// Policy is the Content-Security-Policy of a message's frame: nothing
// runs, nothing is sent, only our own images (the mail's inline parts)
// and data: images load, and only our pages may frame it. With remote,
// the reader has asked to see images from other servers too.
func Policy(remote bool) string {
	img := "img-src 'self' data:"
	if remote {
		img += " https: http:"
	}
	return "default-src 'none'; " + img + "; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
}

// Body returns the handler of GET …/tickets/{number}/messages/{id}/body:
// the HTML of one message as a document of its own, for the sandboxed
// frame of the ticket page. files is where the surface serves
// attachments ("/desk/attachments/"). The message is read through the
// ticket service, so a ticket or message the user may not see answers
// 404 like a missing one; ?remote=1 lets remote images load.
func Body(s *web.Server, files string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n, err := ticket.ParseNumber(r.PathValue("number"))
		if err != nil {
			s.Error(w, r, err)
			return
		}
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			s.NotFound(w, r)
			return
		}
		m, err := s.Tickets.Message(r.Context(), web.UserOf(r), n, id)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		body := ticket.TextToHTML(m.Body) // escapes the text
		if ticket.OwnHTML(m) {
			body = prepare(m.HTML, m.Attachments, files, s.Catalog.T(web.LangOf(r), "message.show_quoted")).html
		}
		// Only now, with the document ready, do its headers replace the
		// page's: an error above is an ordinary page with the defaults.
		web.FrameHeaders(w, Policy(r.URL.Query().Get("remote") == "1"))
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "private, no-cache")
		_, _ = io.WriteString(w, document(web.LangOf(r), body))
	}
}
