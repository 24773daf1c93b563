package mailparse

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/teamwork/tnef"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// isTNEF reports an Outlook winmail.dat part.
func isTNEF(ct, fileName string) bool {
	switch ct {
	case "application/ms-tnef", "application/vnd.ms-tnef":
		return true
	case "application/octet-stream":
		return strings.EqualFold(strings.TrimSpace(fileName), "winmail.dat")
	}
	return false
}

// unpackTNEF adds the files of a TNEF archive as attachments and keeps its
// body for a mail that has no other. It returns false, noting a problem, when
// the archive cannot be read; the caller then keeps it as it is.
func (p *parser) unpackTNEF(data []byte) bool {
	d, err := decodeTNEF(data)
	if err != nil {
		p.problem("winmail.dat kept as is: %v", err)
		return false
	}
	generated := 0
	for _, a := range d.Attachments {
		if a == nil || len(a.Data) == 0 && a.Title == "" {
			continue
		}
		name := cleanName(validUTF8([]byte(a.Title)))
		if name == "" {
			generated++
			name = fmt.Sprintf("winmail-%d.bin", generated)
		}
		p.m.Attachments = append(p.m.Attachments, Part{Name: name, ContentType: typeOf(name, a.Data), Data: a.Data})
	}
	for _, attr := range d.Attributes {
		switch attr.Name {
		case tnef.MAPIBody:
			p.tnefText = mapiString(attr)
		case tnef.MAPIBodyHTML:
			p.tnefHTML = mapiString(attr)
		}
	}
	return true
}

// mapiString reads a MAPI string property: UTF-16 for the Unicode type, else
// bytes in the sender's code page, read as UTF-8 or windows-1252.
func mapiString(a tnef.MAPIAttribute) string {
	if a.Type == mapiUnicodeString {
		if s, _, err := transform.Bytes(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder(), a.Data); err == nil {
			return validUTF8(s)
		}
	}
	return validUTF8(a.Data)
}

// useTNEFBody makes the TNEF body the message body.
func (p *parser) useTNEFBody() {
	if strings.TrimSpace(p.tnefHTML) != "" {
		p.m.HTML = Sanitize(p.tnefHTML)
	}
	p.m.Text = normalizeNewlines(strings.TrimRight(p.tnefText, "\x00"))
	if p.m.Text == "" && p.m.HTML != "" {
		p.m.Text = htmlToText(p.m.HTML)
	}
}

// TNEF object levels and attribute ids, as the tnef package reads them.
const (
	tnefSignature     = 0x223e9f78
	tnefLevelAttach   = 0x02
	tnefAttRendData   = 0x9002
	tnefAttMAPIProps  = 0x9003
	tnefObjectHeader  = 9 // level (1), id (2), type (2), length (4)
	tnefChecksumBytes = 2
	mapiUnicodeString = 0x001f
)

// decodeTNEF checks the framing of a TNEF archive before the tnef package
// reads it, because that package indexes its input without bounds checks and
// loops once per property count it is given: a forged count of four billion
// would keep it busy long after Parse gave up. What the check cannot foresee
// (a malformed property list) is recovered as an error.
func decodeTNEF(data []byte) (d *tnef.Data, err error) {
	if err := checkTNEF(data); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("tnef: malformed archive: %v", r)
		}
	}()
	d, err = tnef.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("tnef: %w", err)
	}
	return d, nil
}

var errTNEFFraming = errors.New("tnef: malformed archive")

func checkTNEF(data []byte) error {
	if len(data) < 6 || binary.LittleEndian.Uint32(data) != tnefSignature {
		return fmt.Errorf("%w: no TNEF signature", errTNEFFraming)
	}
	inAttachment := false
	for off := 6; off < len(data); {
		if len(data)-off < tnefObjectHeader {
			return fmt.Errorf("%w: truncated object at %d", errTNEFFraming, off)
		}
		level := data[off]
		id := int(binary.LittleEndian.Uint16(data[off+1:]))
		n := int(binary.LittleEndian.Uint32(data[off+5:]))
		body := off + tnefObjectHeader
		if n < 0 || n > len(data)-body {
			return fmt.Errorf("%w: object at %d runs past the end", errTNEFFraming, off)
		}
		obj := data[body : body+n]
		switch {
		case id == tnefAttRendData:
			inAttachment = true
		case level == tnefLevelAttach:
			if !inAttachment {
				return fmt.Errorf("%w: attachment data before an attachment", errTNEFFraming)
			}
		case id == tnefAttMAPIProps:
			// Every property takes at least four bytes (type and id).
			if len(obj) < 4 || int(binary.LittleEndian.Uint32(obj)) > (len(obj)-4)/4 {
				return fmt.Errorf("%w: property count exceeds its data", errTNEFFraming)
			}
		}
		off = body + n + tnefChecksumBytes
	}
	return nil
}
