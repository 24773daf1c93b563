package mailparse

import (
	"bytes"
	"strings"

	"github.com/jhillyerd/enmime/v2"
)

// uudecode decodes a part sent with the old x-uuencode transfer encoding,
// which the MIME parser leaves as it is. It returns the data and the file
// name of the "begin" line, if there is one.
func uudecode(part *enmime.Part) (data []byte, name string, ok bool) {
	switch strings.ToLower(strings.TrimSpace(part.Header.Get("Content-Transfer-Encoding"))) {
	case "x-uuencode", "uuencode", "x-uue", "uue":
	default:
		return nil, "", false
	}
	lines := bytes.Split(part.Content, []byte("\n"))
	i := 0
	for ; i < len(lines); i++ {
		l := bytes.TrimRight(lines[i], "\r")
		if rest, found := bytes.CutPrefix(l, []byte("begin ")); found {
			if _, n, cut := strings.Cut(strings.TrimSpace(string(rest)), " "); cut {
				name = strings.TrimSpace(n)
			}
			break
		}
	}
	if i == len(lines) {
		i = -1 // some mailers leave out the begin line
	}
	for _, l := range lines[i+1:] {
		l = bytes.TrimRight(l, "\r")
		if len(l) == 0 || string(l) == "end" {
			break
		}
		n := int((l[0] - ' ') & 63)
		if n == 0 {
			break
		}
		var line []byte
		for j := 1; j+3 < len(l)+3 && len(line) < n; j += 4 {
			var c [4]byte
			for k := 0; k < 4; k++ {
				if j+k < len(l) {
					c[k] = (l[j+k] - ' ') & 63
				}
			}
			line = append(line, c[0]<<2|c[1]>>4, c[1]<<4|c[2]>>2, c[2]<<6|c[3])
		}
		if len(line) > n {
			line = line[:n]
		}
		data = append(data, line...)
	}
	return data, name, true
}
