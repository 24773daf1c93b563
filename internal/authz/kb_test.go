package authz

import (
	"testing"

	"supportal/internal/model"
)

func TestArticleVisibilityByRole(t *testing.T) {
	contactA := &model.User{Kind: model.KindContact, Active: true, OrgID: 1, Role: model.RolePortalAdm, Rights: model.AllRights}
	contactB := &model.User{Kind: model.KindContact, Active: true, OrgID: 2}
	agent := &model.User{Kind: model.KindAgent, Role: model.RoleAgent, Active: true}
	inactive := &model.User{Kind: model.KindContact, Active: false, OrgID: 1}
	cases := []struct {
		name       string
		u          *model.User
		visibility string
		status     string
		want       bool
	}{
		{"visitor public published", nil, VisibilityPublic, ArticlePublished, true},
		{"visitor public draft", nil, VisibilityPublic, ArticleDraft, false},
		{"visitor contacts", nil, VisibilityContacts, ArticlePublished, false},
		{"visitor internal", nil, VisibilityInternal, ArticlePublished, false},
		{"contact A contacts", contactA, VisibilityContacts, ArticlePublished, true},
		{"contact B contacts", contactB, VisibilityContacts, ArticlePublished, true},
		{"contact internal", contactA, VisibilityInternal, ArticlePublished, false},
		{"contact draft", contactB, VisibilityPublic, ArticleDraft, false},
		{"inactive contact contacts", inactive, VisibilityContacts, ArticlePublished, false},
		{"agent internal draft", agent, VisibilityInternal, ArticleDraft, true},
	}
	for _, c := range cases {
		if got := Article(c.u, c.visibility, c.status); got != c.want {
			t.Errorf("%s: Article = %v, want %v", c.name, got, c.want)
		}
	}
}
