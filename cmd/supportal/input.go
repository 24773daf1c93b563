package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxSecretLine bounds what is read for a password or token, so that a
// mistaken pipe of a large file fails quickly.
const maxSecretLine = 4096

// readSecret reads a password or token from the first line of standard
// input, without its line ending. At a terminal it asks first; the typed
// text is visible, so piping it in is the usual way.
func readSecret(c *cli, what string) (string, error) {
	if f, ok := c.stdin.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprintf(c.stderr, "%s (the input is visible): ", what)
		}
	}
	r := bufio.NewReaderSize(io.LimitReader(c.stdin, maxSecretLine+1), maxSecretLine+1)
	line, err := r.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the %s from standard input: %w", strings.ToLower(what), err)
	}
	if len(line) > maxSecretLine {
		return "", fmt.Errorf("the %s on standard input is too long", strings.ToLower(what))
	}
	return strings.TrimRight(line, "\r\n"), nil
}
