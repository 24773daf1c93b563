// Command supportal is the help desk: the server and the commands that set
// it up and script it. Run "supportal help" for the list.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
)

// cli is what a command reads and writes.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand; its name may be two words ("agent add").
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, c *cli, args []string) error
}

// exitError ends the program with a specific code.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func commands() []command {
	return []command{
		{"serve", "run the server", runServe},
		{"migrate", "bring the database schema up to date", runMigrate},
		{"agent add", "create an agent or admin (password on standard input)", runAgentAdd},
		{"org add", "create a customer organization; prints its id", runOrgAdd},
		{"contact add", "create a contact of an organization (password on standard input)", runContactAdd},
		{"token create", "create a personal access token for a user; prints it", runTokenCreate},
		{"login", "remember a server and token for the client commands (token on standard input)", runLogin},
		{"tickets", "list your tickets on a server (--open: those not resolved or closed)", runTickets},
		{"mail ingest", "store one mail read from standard input (for an MTA pipe); prints the ticket", runMailIngest},
		{"seed", "fill the database with a large generated data set for measuring", runSeed},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes a command line and returns the exit code: 0 on success, 1
// when the command failed, 2 for a mistake on the command line.
func run(ctx context.Context, c *cli, args []string) int {
	if len(args) == 0 || slices.Contains([]string{"help", "-h", "--help"}, args[0]) {
		usage(c.stdout)
		return 0
	}
	cmd, rest, ok := lookup(args)
	if !ok {
		fmt.Fprintf(c.stderr, "supportal: unknown command %q\n\n", strings.Join(args[:min(len(args), 2)], " "))
		usage(c.stderr)
		return 2
	}
	err := cmd.run(ctx, c, rest)
	var exit *exitError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &exit):
		fmt.Fprintf(c.stderr, "supportal %s: %v\n", cmd.name, exit.err)
		return exit.code
	default:
		fmt.Fprintf(c.stderr, "supportal %s: %v\n", cmd.name, err)
		return 1
	}
}

// lookup finds the command args start with and returns the arguments
// after its name.
func lookup(args []string) (command, []string, bool) {
	for _, cmd := range commands() {
		words := strings.Fields(cmd.name)
		if len(args) >= len(words) && slices.Equal(args[:len(words)], words) {
			return cmd, args[len(words):], true
		}
	}
	return command{}, nil, false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Supportal: a help desk with a customer portal.")
	fmt.Fprintln(w, "\nUsage: supportal <command> [flags]\n\nCommands:")
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-14s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintln(w, "\nRun \"supportal <command> -h\" for a command's flags. Flags that name a")
	fmt.Fprintln(w, "SUPPORTAL_* variable in their help can also be set in the environment:")
	fmt.Fprintln(w, "--data-dir as SUPPORTAL_DATA_DIR, --database-url as SUPPORTAL_DATABASE_URL.")
}
