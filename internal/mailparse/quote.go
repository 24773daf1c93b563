package mailparse

import (
	"regexp"
	"strings"
)

// SplitQuote separates the new part of a plain-text reply from the quoted
// conversation below it. It recognizes the attribution lines and separators
// of common mailers in English and German ("On … wrote:", "Am … schrieb …:",
// "-----Original Message-----", "-----Ursprüngliche Nachricht-----", Outlook's
// "From: … Sent: …" and "Von: … Gesendet: …" header blocks) and a trailing
// block of "> " lines. fresh+quoted is always text; quoted is "" when there is
// no quote, and a quote that makes up the whole text is not split.
//
// Replies written between quoted lines keep everything up to the last of them
// in fresh: only a quote that nothing follows is split off.
func SplitQuote(text string) (fresh, quoted string) {
	lines := strings.SplitAfter(text, "\n")
	cut := quoteStart(lines)
	if cut < 0 {
		return text, ""
	}
	offset := 0
	for _, l := range lines[:cut] {
		offset += len(l)
	}
	if strings.TrimSpace(text[:offset]) == "" {
		return text, ""
	}
	return text[:offset], text[offset:]
}

var (
	// Separators some mailers put above the quoted message.
	quoteSeparator = regexp.MustCompile(`(?i)^\s*-{2,}\s*(original message|original-nachricht|ursprüngliche nachricht|urspr. nachricht|message d'origine|oorspronkelijk bericht|forwarded message|weitergeleitete nachricht)\s*-{2,}\s*$`)
	// The first line of an attribution, which may wrap onto two more.
	attributionStart = regexp.MustCompile(`^\s*(On|Am|Le|Op|El|Il)\s`)
	attributionEnd   = regexp.MustCompile(`(?i)(wrote|schrieb\b.*|a écrit|schreef\b.*|escribió|ha scritto)\s*:\s*$`)
	// Outlook's header block: a From line followed closely by Sent/Date and
	// To/Subject lines, optionally in bold (*From:*) when converted from HTML.
	outlookFrom   = regexp.MustCompile(`(?i)^\s*\*?(from|von|de|van)\s*:\*?\s*\S`)
	outlookSent   = regexp.MustCompile(`(?i)^\s*\*?(sent|date|gesendet|datum|envoyé|verzonden|enviado)\s*:`)
	outlookTo     = regexp.MustCompile(`(?i)^\s*\*?(to|an|à|aan|para|subject|betreff|objet|onderwerp|asunto|cc)\s*:`)
	ruleLine      = regexp.MustCompile(`^\s*(_{8,}|-{8,})\s*$`)
	quotedLine    = regexp.MustCompile(`^\s*>`)
	endsWithColon = regexp.MustCompile(`:\s*$`)
)

// quoteStart returns the index of the line where the quote begins, or -1.
func quoteStart(lines []string) int {
	trailing := trailingQuote(lines)
	for i := range lines {
		if trailing >= 0 && i >= trailing {
			break
		}
		switch {
		case quoteSeparator.MatchString(lines[i]):
			return withRule(lines, i)
		case outlookFrom.MatchString(lines[i]) && outlookBlock(lines, i):
			return withRule(lines, i)
		case attributionStart.MatchString(lines[i]):
			end, ok := attribution(lines, i)
			if !ok {
				continue
			}
			// A ">" quote after the attribution counts only when no reply
			// follows it; an unmarked one (Outlook for Mac) always does.
			if next := nextContent(lines, end+1); next >= 0 && quotedLine.MatchString(lines[next]) && next != trailing {
				continue
			}
			return i
		}
	}
	if trailing < 0 {
		return -1
	}
	// Take along the attribution line just above a trailing "> " block,
	// whatever its language ("Zitat von …:", "… wrote:").
	if prev := prevContent(lines, trailing-1); prev >= 0 && endsWithColon.MatchString(lines[prev]) && len(lines[prev]) < 300 {
		if start := attributionBegin(lines, prev); start >= 0 {
			return start
		}
		return prev
	}
	return trailing
}

// trailingQuote returns the first line of the block of "> " lines (blank
// lines allowed) that ends the text, or -1.
func trailingQuote(lines []string) int {
	i := len(lines) - 1
	for i >= 0 && strings.TrimSpace(lines[i]) == "" {
		i--
	}
	if i < 0 || !quotedLine.MatchString(lines[i]) {
		return -1
	}
	first := i
	for ; i >= 0; i-- {
		if quotedLine.MatchString(lines[i]) {
			first = i
		} else if strings.TrimSpace(lines[i]) != "" {
			break
		}
	}
	return first
}

// attribution reports whether an attribution starting at line i ends (with
// "wrote:", "schrieb …:") on it or one of the next two lines, and where.
func attribution(lines []string, i int) (int, bool) {
	joined := ""
	for j := i; j < len(lines) && j <= i+2; j++ {
		line := strings.TrimSpace(lines[j])
		if line == "" {
			return 0, false
		}
		joined += " " + line
		if !endsWithColon.MatchString(line) {
			continue
		}
		if !attributionEnd.MatchString(joined) {
			return 0, false
		}
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "Am ") && !strings.Contains(joined, "schrieb") {
			return 0, false
		}
		return j, true
	}
	return 0, false
}

// attributionBegin finds the start of a wrapped attribution that ends at line
// end, or -1.
func attributionBegin(lines []string, end int) int {
	for i := end; i >= 0 && i >= end-2; i-- {
		if attributionStart.MatchString(lines[i]) {
			if e, ok := attribution(lines, i); ok && e == end {
				return i
			}
		}
	}
	return -1
}

// outlookBlock reports whether the From line at i heads a header block.
func outlookBlock(lines []string, i int) bool {
	sent, to := false, false
	for j := i + 1; j < len(lines) && j <= i+6; j++ {
		switch {
		case outlookSent.MatchString(lines[j]):
			sent = true
		case outlookTo.MatchString(lines[j]):
			to = true
		}
	}
	return sent && to
}

// withRule moves the start of a quote at line i up to a horizontal rule just
// above it (Outlook's "____" line).
func withRule(lines []string, i int) int {
	if p := prevContent(lines, i-1); p >= 0 && ruleLine.MatchString(lines[p]) {
		return p
	}
	return i
}

func nextContent(lines []string, i int) int {
	for ; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "" {
			return i
		}
	}
	return -1
}

func prevContent(lines []string, i int) int {
	for ; i >= 0; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			return i
		}
	}
	return -1
}
