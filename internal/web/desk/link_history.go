package desk

import (
	"strings"

	"supportal/internal/model"
	"supportal/internal/web"
)

// linkHistory words an event of the link tools ("link.<what>", the other
// ticket's number in New): a technical ticket opened or resolved, a link
// added or removed, a merge or a split.
func linkHistory(p *web.Page, actor string, e model.Event) string {
	what := strings.TrimPrefix(e.Field, "link.")
	if s, ok := p.Lookup("links.history."+what, "Actor", actor, "Number", e.New); ok {
		return s
	}
	return p.T("links.history.linked", "Actor", actor, "Number", e.New, "Kind", linkKind(p, what))
}
