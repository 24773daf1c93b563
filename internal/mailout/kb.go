package mailout

import (
	"context"
	"fmt"

	"supportal/internal/authz"
	"supportal/internal/store"
)

// TemplateArticleChanged tells a contact that a knowledge-base article it
// follows (or one in a section it follows) was published or updated.
const TemplateArticleChanged = "article_changed"

// ArticleData is the knowledge-base article an article_changed mail is
// about, in the reader's language where it has that translation.
type ArticleData struct {
	ID    int64
	Title string
}

// ArticleChanged queues the article_changed mail for each follower in
// userIDs who may still read the article, in the follower's language,
// within q, the transaction of the change.
func (o *Outbox) ArticleChanged(ctx context.Context, q *store.Queries, userIDs []int64, articleID int64) error {
	a, err := q.KBArticle(ctx, articleID)
	if err != nil {
		return err
	}
	for _, id := range userIDs {
		u, err := q.User(ctx, id)
		if err != nil {
			return err
		}
		lang := supportedLanguage(u.Language, o.lang)
		var title string
		for _, t := range a.Translations {
			if !authz.Article(u, a.Visibility, t.Status) {
				continue
			}
			if title == "" || t.Language == lang {
				title = t.Title
			}
		}
		if title == "" {
			continue // the follower may no longer read it
		}
		data := Data{BaseURL: o.baseURL, Link: fmt.Sprintf("%s/kb/articles/%d", o.baseURL, a.ID),
			Article: ArticleData{ID: a.ID, Title: title}}
		if err := o.notify(ctx, q, TemplateArticleChanged, nil, u, data); err != nil {
			return err
		}
	}
	return nil
}
