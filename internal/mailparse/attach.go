package mailparse

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"supportal/internal/plaintext"
	"unicode"

	"github.com/jhillyerd/enmime/v2"
)

// attachments turns every leaf part that is not the body into a Part, in
// message order, unpacking TNEF.
func (p *parser) attachments(root *enmime.Part, b body, rawHTML string) error {
	cids := cidRefs(rawHTML)
	generated := 0
	for _, part := range allParts(root) {
		if part.FirstChild != nil || b.used[part] || strings.HasPrefix(part.ContentType, "multipart/") {
			continue
		}
		if p.stopped() {
			return errStopped
		}
		data := part.Content
		if d, ok := p.rawContent(part); ok {
			// The parser converted the text to UTF-8; a file is kept as sent.
			data = d
		}
		fileName := part.FileName
		if d, name, ok := uudecode(part); ok {
			data = d
			if fileName == "" {
				fileName = name
			}
		}
		if len(data) == 0 && fileName == "" {
			continue
		}
		ct := cleanType(part.ContentType)
		if isTNEF(ct, fileName) && p.unpackTNEF(data) {
			if len(p.m.Attachments) > p.lim.MaxParts {
				return fmt.Errorf("%w: more than %d attachments", ErrTooManyParts, p.lim.MaxParts)
			}
			continue
		}
		a := Part{ContentType: ct, ContentID: contentID(part), Data: data}
		a.Inline = a.ContentID != "" && cids[strings.ToLower(a.ContentID)]
		switch ct {
		case "message/rfc822", "message/global":
			a.Name = forwardedName(data, fileName)
		default:
			a.Name = cleanName(fileName)
		}
		if a.Name == "" {
			generated++
			a.Name = generatedName(ct, generated)
		}
		p.m.Attachments = append(p.m.Attachments, a)
		if len(p.m.Attachments) > p.lim.MaxParts {
			return fmt.Errorf("%w: more than %d attachments", ErrTooManyParts, p.lim.MaxParts)
		}
	}
	if (p.tnefText != "" || p.tnefHTML != "") && strings.TrimSpace(p.m.Text) == "" && strings.TrimSpace(rawHTML) == "" {
		p.useTNEFBody()
	}
	return nil
}

// rawContent returns the transfer-decoded content of a text part before
// charset conversion. The first call parses the message a second time, with
// conversion off, and keeps the contents of all text parts by part id.
func (p *parser) rawContent(part *enmime.Part) ([]byte, bool) {
	if !strings.HasPrefix(part.ContentType, "text/") {
		return nil, false
	}
	if p.rawParts == nil {
		p.rawParts = map[string][]byte{}
		root, err := p.newEnmime(true).ReadParts(stopReader{bytes.NewReader(p.raw), p.stop})
		if err == nil {
			for _, x := range allParts(root) {
				if x.FirstChild == nil && strings.HasPrefix(x.ContentType, "text/") {
					p.rawParts[x.PartID] = decodeTransfer(x.Header.Get("Content-Transfer-Encoding"), x.Content)
				}
			}
		}
	}
	b, ok := p.rawParts[part.PartID]
	return b, ok
}

// decodeTransfer undoes a Content-Transfer-Encoding leniently: stray
// characters in base64 are skipped, and what decodes before a defect is kept.
func decodeTransfer(cte string, b []byte) []byte {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		clean := make([]byte, 0, len(b))
		for _, c := range b {
			if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' {
				clean = append(clean, c)
			}
		}
		if len(clean)%4 == 1 {
			clean = clean[:len(clean)-1] // a lone trailing character carries no byte
		}
		out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
		n, _ := base64.RawStdEncoding.Decode(out, clean)
		return out[:n]
	case "quoted-printable":
		out, _ := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(b)))
		return out
	}
	return b
}

var mediaType = regexp.MustCompile(`^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$`)

// cleanType returns a part's media type in lower case, or
// application/octet-stream when it is missing or malformed.
func cleanType(ct string) string {
	ct = strings.ToLower(strings.TrimSpace(ct))
	if !mediaType.MatchString(ct) {
		return "application/octet-stream"
	}
	return ct
}

var cidURL = regexp.MustCompile(`(?i)cid:([^"'\s<>)]+)`)

// cidRefs returns the Content-IDs the HTML refers to, lower-cased.
func cidRefs(html string) map[string]bool {
	refs := map[string]bool{}
	for _, m := range cidURL.FindAllStringSubmatch(html, -1) {
		id := strings.ToLower(m[1])
		refs[id] = true
		if u, err := url.PathUnescape(id); err == nil {
			refs[u] = true
		}
	}
	return refs
}

// contentID returns the Content-ID of a part without angle brackets.
func contentID(part *enmime.Part) string {
	id := strings.TrimSpace(part.Header.Get("Content-Id"))
	id = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">"))
	if !usableID(id) {
		return ""
	}
	return id
}

// forwardedName names a forwarded message after its subject.
func forwardedName(data []byte, fileName string) string {
	name := ""
	if h := embeddedHeader(data); h != nil {
		// A subject is no path: "Invoice 2024/05" keeps both halves.
		subject := strings.NewReplacer("/", "-", "\\", "-").Replace(headerReader{h: h}.text("Subject"))
		name = cleanName(subject)
	}
	if name == "" {
		name = strings.TrimSuffix(cleanName(fileName), ".eml")
	}
	if name == "" {
		name = "forwarded-message"
	}
	return truncateName(name, maxNameLen-4) + ".eml"
}

const maxNameLen = 200

// cleanName makes a file name safe to store and show: decoded words, no
// directories, no control or direction characters, no leading dots, at most
// maxNameLen bytes with the extension kept.
func cleanName(name string) string {
	name = decodeWords(cleanString(name))
	name = strings.ReplaceAll(name, "\\", "/")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r) || plaintext.IsBidiControl(r) || r == '\ufeff':
			return -1
		}
		return r
	}, name)
	name = plaintext.Line(name)
	name = strings.TrimLeft(name, ". ")
	name = strings.TrimRight(name, ". ")
	return truncateName(name, maxNameLen)
}

// truncateName cuts name to n bytes, keeping a short extension.
func truncateName(name string, n int) string {
	if len(name) <= n {
		return name
	}
	ext := path.Ext(name)
	if len(ext) > 16 {
		ext = ""
	}
	return strings.TrimSpace(truncateUTF8(strings.TrimSuffix(name, ext), n-len(ext))) + ext
}

// generatedName names a part that came without a name: "image-1.png".
func generatedName(ct string, n int) string {
	base := "attachment"
	switch {
	case strings.HasPrefix(ct, "image/"):
		base = "image"
	case strings.HasPrefix(ct, "message/") || ct == "text/rfc822-headers":
		base = "message"
	case strings.HasPrefix(ct, "text/"):
		base = "text"
	}
	return fmt.Sprintf("%s-%d%s", base, n, extension(ct))
}

// extensions maps the types of unnamed parts to a file extension, fixed here
// so that names do not depend on the host's MIME tables.
var extensions = map[string]string{
	"image/png": ".png", "image/jpeg": ".jpg", "image/jpg": ".jpg", "image/pjpeg": ".jpg",
	"image/gif": ".gif", "image/bmp": ".bmp", "image/webp": ".webp", "image/tiff": ".tif",
	"image/svg+xml": ".svg", "image/heic": ".heic", "image/x-icon": ".ico",
	"text/plain": ".txt", "text/html": ".html", "text/calendar": ".ics", "text/csv": ".csv",
	"text/xml": ".xml", "text/rfc822-headers": ".txt", "text/x-vcard": ".vcf", "text/vcard": ".vcf",
	"message/rfc822": ".eml", "message/global": ".eml", "message/delivery-status": ".txt",
	"message/global-delivery-status": ".txt", "message/disposition-notification": ".txt",
	"message/feedback-report": ".txt",
	"application/pdf":         ".pdf", "application/zip": ".zip", "application/json": ".json",
	"application/xml": ".xml", "application/pgp-signature": ".asc", "application/pgp-encrypted": ".asc",
	"application/pgp-keys": ".asc", "application/pkcs7-signature": ".p7s",
	"application/x-pkcs7-signature": ".p7s", "application/pkcs7-mime": ".p7m",
	"application/x-pkcs7-mime": ".p7m", "application/ms-tnef": ".dat", "application/vnd.ms-tnef": ".dat",
	"application/ics": ".ics", "audio/mpeg": ".mp3", "audio/wav": ".wav", "video/mp4": ".mp4",
}

// typesByExtension is the reverse of extensions for common files.
var typesByExtension = map[string]string{
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".bmp": "image/bmp", ".webp": "image/webp", ".tif": "image/tiff", ".tiff": "image/tiff",
	".txt": "text/plain", ".html": "text/html", ".htm": "text/html", ".ics": "text/calendar",
	".csv": "text/csv", ".xml": "application/xml", ".vcf": "text/vcard", ".eml": "message/rfc822",
	".pdf": "application/pdf", ".zip": "application/zip", ".json": "application/json",
	".doc": "application/msword", ".xls": "application/vnd.ms-excel",
	".ppt":  "application/vnd.ms-powerpoint",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".rtf":  "application/rtf", ".mp3": "audio/mpeg", ".wav": "audio/wav", ".mp4": "video/mp4",
}

func extension(ct string) string {
	if e, ok := extensions[ct]; ok {
		return e
	}
	if strings.HasPrefix(ct, "text/") {
		return ".txt"
	}
	return ".bin"
}

// typeOf guesses the content type of a file that came without one (from a
// TNEF archive): by extension, else by its first bytes.
func typeOf(name string, data []byte) string {
	if ext := strings.ToLower(path.Ext(name)); ext != "" {
		if t, ok := typesByExtension[ext]; ok {
			return t
		}
		if t := mime.TypeByExtension(ext); t != "" {
			t, _, _ = strings.Cut(t, ";")
			return strings.TrimSpace(t)
		}
	}
	t, _, _ := strings.Cut(http.DetectContentType(data), ";")
	return t
}
