package mailparse

import (
	"bufio"
	"bytes"
	"net/textproto"
	"regexp"
	"strings"

	"github.com/jhillyerd/enmime/v2"
)

// Reasons a mail counts as automatic, the values of Message.Auto.
const (
	AutoBounce           = "bounce"
	AutoSubmitted        = "auto-submitted"
	AutoReply            = "auto-reply"
	AutoResponseSuppress = "auto-response-suppress"
	AutoPrecedence       = "precedence"
	AutoReport           = "report"
)

// autoReplyHeaders are set by vacation responders that do not use
// Auto-Submitted.
var autoReplyHeaders = []string{
	"X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply",
	"X-Autoreply-From", "X-Mail-Autoreply",
}

// bounceSubject matches the subjects of delivery failure reports from MTAs
// that send them as plain mail. It is anchored at the start, so a person's
// "Fwd: Undeliverable: ..." asking about a bounce is not one.
var bounceSubject = regexp.MustCompile(`(?i)^(` +
	`undeliver(ed|able)( mail| message)?\b|` +
	`delivery (status|failure|has failed|notification)|` +
	`(mail )?delivery failed|` +
	`mail delivery (failed|failure|system|problem)|` +
	`returned mail\b|` +
	`failure notice|` +
	`non[- ]?delivery|` +
	`warning: could not send message|` +
	`message (you sent )?(could not be|not) delivered|` +
	`unzustellbar|nicht zustellbar|` +
	`undelivered mail returned to sender)`)

// autoReason says why a mail with header r, top-level content type ctype
// (with params) and parts was sent automatically, or "" when a person wrote
// it. The rules follow RFC 3834 and what mailers do in practice:
//   - bounces: a delivery or disposition report (multipart/report, or a
//     message/delivery-status part however it is wrapped), a sender that is
//     MAILER-DAEMON or postmaster, X-Failed-Recipients, or a bounce subject
//     from a null sender;
//   - other multipart/report mail (abuse feedback, TLS reports) is "report";
//   - Auto-Submitted with any value other than "no";
//   - the vacation headers of responders that predate RFC 3834;
//   - X-Auto-Response-Suppress "All" or "OOF": Exchange puts these on the
//     mail it generates itself (out-of-office replies, notifications) so that
//     other responders keep quiet; a person's mail from Outlook does not
//     carry them, while the narrower values (DR, RN, NRN, AutoReply) also
//     appear on ordinary list and newsletter mail, so they are not enough;
//   - Precedence bulk, junk, list or auto_reply. List-Id or List-Unsubscribe
//     alone is not automatic: people reply to list mail.
func autoReason(r headerReader, ctype string, params map[string]string, parts []*enmime.Part, from Address) string {
	if isBounce(r, ctype, params, parts, from) {
		return AutoBounce
	}
	if ctype == "multipart/report" {
		return AutoReport
	}
	if v := headerToken(r.raw("Auto-Submitted")); v != "" && v != "no" {
		return AutoSubmitted
	}
	for _, h := range autoReplyHeaders {
		if v := headerToken(r.raw(h)); v != "" && v != "no" && v != "false" {
			return AutoReply
		}
	}
	if strings.Contains(strings.ToLower(r.raw("X-Apple-Action")), "vacation") {
		return AutoReply
	}
	for _, f := range strings.FieldsFunc(strings.ToLower(r.raw("X-Auto-Response-Suppress")), func(c rune) bool { return c == ',' || c == ' ' || c == '\t' }) {
		if f == "all" || f == "oof" {
			return AutoResponseSuppress
		}
	}
	switch headerToken(r.raw("Precedence")) {
	case "bulk", "junk", "list", "auto_reply":
		return AutoPrecedence
	}
	return ""
}

func isBounce(r headerReader, ctype string, params map[string]string, parts []*enmime.Part, from Address) bool {
	if ctype == "multipart/report" {
		switch strings.ToLower(params["report-type"]) {
		case "delivery-status", "global-delivery-status", "disposition-notification", "global-disposition-notification":
			return true
		}
	}
	for _, p := range parts {
		switch p.ContentType {
		case "message/delivery-status", "message/global-delivery-status", "message/disposition-notification", "message/global-disposition-notification":
			return true
		}
	}
	if isDaemon(from.Email) || isDaemon(addrOf(r.raw("Return-Path"))) {
		return true
	}
	rawFrom := strings.ToLower(r.raw("From"))
	if strings.Contains(rawFrom, "mailer-daemon") || strings.Contains(rawFrom, "mailer_daemon") {
		return true
	}
	if r.raw("X-Failed-Recipients") != "" {
		return true
	}
	nullSender := strings.TrimSpace(r.raw("Return-Path")) == "<>" || strings.HasSuffix(strings.TrimSpace(rawFrom), "<>")
	return nullSender && bounceSubject.MatchString(r.text("Subject"))
}

// isDaemon reports the mailboxes MTAs send bounces from.
func isDaemon(email string) bool {
	local, _, _ := strings.Cut(email, "@")
	local = strings.NewReplacer("-", "", "_", "", ".", "").Replace(local)
	return local == "mailerdaemon" || local == "postmaster" || local == "maildaemon"
}

func addrOf(v string) string {
	if a := parseAddressList(v); len(a) > 0 {
		return a[0].Email
	}
	return ""
}

// headerToken returns the first token of a structured field, lower-cased,
// without parameters or comments.
func headerToken(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if i := strings.IndexAny(v, "; \t("); i >= 0 {
		v = v[:i]
	}
	return v
}

// bounceRefs finds the Message-ID and References of the message a bounce
// returns: from a message/rfc822 (or global) or text/rfc822-headers part, else
// from header lines quoted in the text of a bounce that is not MIME.
func bounceRefs(parts []*enmime.Part, text string) []string {
	var refs []string
	seen := map[string]bool{}
	add := func(ids []string) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				refs = append(refs, id)
			}
		}
	}
	for _, p := range parts {
		switch p.ContentType {
		case "message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers", "message/rfc822-headers":
		default:
			continue
		}
		h := embeddedHeader(p.Content)
		if h == nil {
			continue
		}
		add(parseIDs(h.Get("Message-Id")))
		add(parseIDs(strings.Join(h.Values("References"), " ")))
	}
	if len(refs) > 0 {
		return refs
	}
	for _, m := range quotedIDLine.FindAllStringSubmatch(text, 20) {
		add(parseIDs(m[2]))
	}
	return refs
}

var quotedIDLine = regexp.MustCompile(`(?im)^[ \t>]*(message-id|references):[ \t]*(.*(?:\n[ \t]+.*)*)$`)

// embeddedHeader reads the header block at the start of b (a forwarded or
// returned message), or nil.
func embeddedHeader(b []byte) textproto.MIMEHeader {
	if len(b) > 1<<20 {
		b = b[:1<<20] // a header never needs more
	}
	b = normalizeInput(b)
	h, err := enmime.ReadHeader(bufio.NewReader(bytes.NewReader(b)), discardErrors{})
	if err != nil || len(h) == 0 {
		return nil
	}
	return h
}

// discardErrors is an enmime.ErrorCollector for headers whose defects do not
// matter.
type discardErrors struct{}

func (discardErrors) AddError(string, string, ...any)   {}
func (discardErrors) AddWarning(string, string, ...any) {}

// authResults reads spf=, dkim= and dmarc= from the topmost
// Authentication-Results field, the one the receiving server added. Of
// several DKIM results, a pass wins. Without that field, SPF comes from the
// topmost Received-SPF field.
func authResults(r headerReader) AuthResults {
	var a AuthResults
	v := r.raw("Authentication-Results")
	if v != "" {
		v = stripComments(v)
		// The first statement is the authserv-id (Exchange leaves it out);
		// having no "=", it is skipped.
		for _, s := range strings.Split(v, ";") {
			method, result, ok := strings.Cut(strings.TrimSpace(s), "=")
			if !ok {
				continue
			}
			method = strings.ToLower(strings.TrimSpace(method))
			if i := strings.IndexByte(method, '/'); i >= 0 {
				method = method[:i] // a method version, "dkim/1"
			}
			result = headerToken(result)
			if result == "" {
				continue
			}
			switch method {
			case "spf":
				if a.SPF == "" {
					a.SPF = result
				}
			case "dkim":
				if a.DKIM == "" || result == "pass" {
					a.DKIM = result
				}
			case "dmarc":
				if a.DMARC == "" {
					a.DMARC = result
				}
			}
		}
	}
	if a.SPF == "" {
		a.SPF = headerToken(r.raw("Received-SPF"))
	}
	return a
}

// stripComments removes (comments) from a structured field value.
func stripComments(v string) string {
	if !strings.Contains(v, "(") {
		return v
	}
	var sb strings.Builder
	depth := 0
	quoted := false
	for _, c := range v {
		switch {
		case c == '"' && depth == 0:
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
			continue
		case c == ')' && depth > 0:
			depth--
			continue
		}
		if depth == 0 {
			sb.WriteRune(c)
		}
	}
	return sb.String()
}
