package mailparse_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"supportal/internal/mailparse"
)

// parseCorpusFile parses one file of the shared corpus, relative to its mail
// folder.
func parseCorpusFile(t *testing.T, rel string) *mailparse.Message {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(testdataDir(t), filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("reading %s: %v", rel, err)
	}
	m, err := mailparse.Parse(raw, mailparse.DefaultLimits())
	if err != nil {
		t.Fatalf("%s: Parse: %v", rel, err)
	}
	return m
}

// parseRaw parses a message written in the test, with LF line ends turned
// into CRLF as on the wire.
func parseRaw(t *testing.T, raw string) *mailparse.Message {
	t.Helper()
	m, err := mailparse.Parse([]byte(crlf(raw)), mailparse.DefaultLimits())
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return m
}

func crlf(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}

func attachmentNamed(m *mailparse.Message, name string) (mailparse.Part, bool) {
	for _, a := range m.Attachments {
		if a.Name == name {
			return a, true
		}
	}
	return mailparse.Part{}, false
}

func attachmentNames(m *mailparse.Message) []string {
	var names []string
	for _, a := range m.Attachments {
		names = append(names, a.Name)
	}
	return names
}
