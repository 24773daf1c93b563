package routing

// Decision is what routing does to one new ticket. Zero fields leave the
// ticket as it would be without routing: the mailbox's or the default
// team, nobody assigned, the chosen priority, no tags.
type Decision struct {
	Rule        *Rule // the rule that matched; nil when none did
	TeamID      int64
	AssigneeID  int64
	Priority    string
	Tags        []string
	Responsible bool // the assignee is the organization's responsible agent
}

// Decide applies the first matching rule of rules to f. When no rule
// assigns anyone, responsible (the organization's responsible agent, 0
// for none) is assigned.
func Decide(rules []Rule, f Facts, responsible int64) Decision {
	var d Decision
	if r, ok := Match(rules, f); ok {
		d.Rule = &r
		d.TeamID, d.AssigneeID, d.Priority, d.Tags = r.Actions.TeamID, r.Actions.AssigneeID, r.Actions.Priority, r.Actions.Tags
	}
	if d.AssigneeID == 0 && responsible != 0 {
		d.AssigneeID, d.Responsible = responsible, true
	}
	return d
}
