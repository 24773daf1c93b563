package authz

import "supportal/internal/model"

// Article visibilities and translation states of the knowledge base.
const (
	VisibilityPublic   = "public"   // anyone, signed in or not
	VisibilityContacts = "contacts" // signed-in contacts of any organization, and agents
	VisibilityInternal = "internal" // agents only

	ArticleDraft     = "draft"
	ArticlePublished = "published"
)

// ArticleVisibilities are the visibilities of the articles u may read
// (u nil: not signed in).
func ArticleVisibilities(u *model.User) []string {
	switch {
	case u.IsAgent() && u.Active:
		return []string{VisibilityPublic, VisibilityContacts, VisibilityInternal}
	case u.IsContact() && u.Active:
		return []string{VisibilityPublic, VisibilityContacts}
	}
	return []string{VisibilityPublic}
}

// SeesDrafts reports whether u reads articles that are not published.
func SeesDrafts(u *model.User) bool { return u.IsAgent() && u.Active }

// Article decides whether u may read an article translation of the given
// visibility and status: visitors public published ones, contacts public
// and contacts-only published ones, agents everything including drafts
// and internal articles. An article is the same for every organization.
func Article(u *model.User, visibility, status string) bool {
	if status != ArticlePublished && !SeesDrafts(u) {
		return false
	}
	for _, v := range ArticleVisibilities(u) {
		if v == visibility {
			return true
		}
	}
	return false
}

// EditArticle decides whether u may write articles, categories and
// sections: agents and admins.
func EditArticle(u *model.User) bool { return u.IsAgent() && u.Active }
