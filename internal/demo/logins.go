package demo

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"supportal/internal/model"
)

// roleLabels name the contact roles as the logins table shows them.
var roleLabels = map[string]string{
	model.RoleMember:    "member",
	model.RoleColleague: "colleague",
	model.RolePrimary:   "primary contact",
	model.RolePortalAdm: "portal admin",
}

// PrintLogins writes the demo sign-ins for baseURL: every account with its
// role, name and email, and the one password they share.
func PrintLogins(w io.Writer, baseURL string) {
	fmt.Fprintf(w, "\nDemo data: sign in at %s/login with any account below.\n", strings.TrimSuffix(baseURL, "/"))
	fmt.Fprintf(w, "Every demo account has the password: %s\n\n", Password)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  ROLE\tNAME\tEMAIL\tORGANIZATION")
	for _, p := range staff {
		fmt.Fprintf(tw, "  %s (%s)\t%s\t%s\t%s\n", p.role, strings.Join(p.teams, ", "), p.name, p.email, vendor+" (support)")
	}
	for _, o := range customers {
		for _, p := range o.people {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", roleLabels[p.role], p.name, p.email, o.name)
		}
	}
	tw.Flush()
	fmt.Fprintln(w)
}
