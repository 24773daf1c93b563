package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"path"
	"strings"
	"time"
)

// fileContent makes a small, plausible file for an attachment name: a log
// or text file, a CSV export, a screenshot-like PNG or a one-page PDF.
func fileContent(name string, p *plan, at time.Time) (contentType string, data []byte) {
	switch path.Ext(name) {
	case ".png":
		return "image/png", screenshot()
	case ".pdf":
		return "application/pdf", pdfDocument(p.story.subject, []string{p.org.name, p.requester.name, at.Format("2006-01-02")})
	case ".csv":
		return "text/csv", csvExport(at)
	}
	return "text/plain", logFile(p, at)
}

// logFile is a short application log ending in the error the ticket is
// about.
func logFile(p *plan, at time.Time) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n# %s, %s\n", p.story.subject, p.org.name, p.requester.name)
	lines := []string{
		"INFO  service started, version " + p.story.version,
		"INFO  connected to database",
		"INFO  processing batch 1 of 3",
		"INFO  processing batch 2 of 3",
		"WARN  slow response from remote side (4812 ms)",
		"WARN  retrying (attempt 2 of 3)",
		"ERROR " + p.story.subject,
		"INFO  batch aborted, 0 records written",
	}
	t := at.Add(-time.Duration(len(lines)) * 7 * time.Second)
	for _, l := range lines {
		fmt.Fprintf(&b, "%s %s\n", t.UTC().Format("2006-01-02T15:04:05Z"), l)
		t = t.Add(7 * time.Second)
	}
	return b.Bytes()
}

// csvExport is a few booking lines as an accounting export has them.
func csvExport(at time.Time) []byte {
	var b bytes.Buffer
	b.WriteString("date;document;account;text;amount\n")
	for i, row := range []struct {
		text   string
		amount string
	}{{"Müller GmbH", "1190,00"}, {"Schäfer & Co. KG", "356,23"}, {"Nordhafen Logistik", "2048,50"}, {"Öztürk Handel", "89,90"}} {
		fmt.Fprintf(&b, "%s;RE-%d;8400;%s;%s\n", at.AddDate(0, 0, -i).Format("02.01.2006"), 24017+i, row.text, row.amount)
	}
	return b.Bytes()
}

// screenshot draws a tiny application window with an error box.
func screenshot() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	fill := func(x0, y0, x1, y1 int, c color.RGBA) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), &image.Uniform{c}, image.Point{}, draw.Src)
	}
	fill(0, 0, 320, 200, color.RGBA{0xf4, 0xf5, 0xf7, 0xff})
	fill(0, 0, 320, 24, color.RGBA{0x1f, 0x4e, 0x79, 0xff})
	for y := 40; y < 180; y += 18 {
		fill(16, y, 200, y+8, color.RGBA{0xc8, 0xcc, 0xd2, 0xff})
	}
	fill(180, 70, 304, 130, color.RGBA{0xfd, 0xec, 0xea, 0xff})
	fill(180, 70, 304, 74, color.RGBA{0xc0, 0x39, 0x2b, 0xff})
	fill(196, 90, 288, 96, color.RGBA{0xc0, 0x39, 0x2b, 0xff})
	var b bytes.Buffer
	_ = png.Encode(&b, img) // writing to memory does not fail
	return b.Bytes()
}

// pdfDocument writes a one-page PDF with a title and a few lines of text.
func pdfDocument(title string, lines []string) []byte {
	var content strings.Builder
	fmt.Fprintf(&content, "BT /F1 16 Tf 56 780 Td (%s) Tj ET\n", pdfString(title))
	for i, l := range lines {
		fmt.Fprintf(&content, "BT /F1 11 Tf 56 %d Td (%s) Tj ET\n", 748-18*i, pdfString(l))
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// pdfString escapes text for a PDF string in WinAnsi encoding: Latin-1
// letters as octal escapes, anything beyond as "?".
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r >= 0xa0 && r <= 0xff:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
