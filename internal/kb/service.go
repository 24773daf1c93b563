package kb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"supportal/internal/authz"
	"supportal/internal/blob"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Mailer tells followers that an article they follow changed; it queues
// the mail in q, the transaction of the change.
type Mailer interface {
	ArticleChanged(ctx context.Context, q *store.Queries, userIDs []int64, articleID int64) error
}

// Service keeps the knowledge base.
type Service struct {
	st       *store.Store
	blobs    blob.Store
	fallback string // the instance's default language
	maxFile  int64
	mail     Mailer
}

// New returns the knowledge-base service. fallback is the language shown
// when an article has no translation in the reader's; maxFile limits
// uploaded images.
func New(st *store.Store, blobs blob.Store, fallback string, maxFile int64) *Service {
	return &Service{st: st, blobs: blobs, fallback: fallback, maxFile: maxFile}
}

// SetMailer makes the service tell followers of published changes.
func (s *Service) SetMailer(m Mailer) { s.mail = m }

// view turns a stored article into what u sees, or nil if u sees nothing
// of it.
func (s *Service) view(u *model.User, a *store.KBArticle, lang string) *Article {
	t, langs := choose(u, a, lang, s.fallback)
	if t == nil {
		return nil
	}
	v := &Article{ID: a.ID, SectionID: a.SectionID, Visibility: a.Visibility, Translation: t, Languages: langs}
	if authz.EditArticle(u) {
		v.All = a.Translations
	}
	return v
}

// Get returns article id in lang (or its fallback) as u may read it; an
// article u may not read is model.ErrNotFound, like a missing one.
func (s *Service) Get(ctx context.Context, u *model.User, id int64, lang string) (*Article, error) {
	a, err := s.st.KBArticle(ctx, id)
	if err != nil {
		return nil, err
	}
	v := s.view(u, a, lang)
	if v == nil {
		return nil, fmt.Errorf("kb: article %d: %w", id, model.ErrNotFound)
	}
	return v, nil
}

// List returns every article u may read, each in lang or its fallback,
// most recently changed first.
func (s *Service) List(ctx context.Context, u *model.User, lang string) ([]*Article, error) {
	all, err := s.st.KBArticles(ctx, authz.ArticleVisibilities(u), !authz.SeesDrafts(u))
	if err != nil {
		return nil, err
	}
	var out []*Article
	for _, a := range all {
		if v := s.view(u, a, lang); v != nil {
			out = append(out, v)
		}
	}
	return out, nil
}

// Search finds the articles u may read whose lang translation matches
// query, best first; when none does, it searches the fallback
// language. anyWord ranks articles matching some of the words
// (suggestions while typing) instead of requiring all of them.
func (s *Service) Search(ctx context.Context, u *model.User, lang, query string, limit int, anyWord bool) ([]*Article, error) {
	if !oneOf(lang, Languages) {
		lang = s.fallback
	}
	search := store.KBSearch{Query: query, Language: lang, Visibilities: authz.ArticleVisibilities(u),
		Published: !authz.SeesDrafts(u), AnyWord: anyWord, Limit: limit}
	hits, err := s.st.SearchKB(ctx, search)
	if err == nil && len(hits) == 0 && lang != s.fallback {
		// Nothing written in the reader's language matches: look in the
		// language articles fall back to.
		search.Language, lang = s.fallback, s.fallback
		hits, err = s.st.SearchKB(ctx, search)
	}
	if err != nil {
		return nil, err
	}
	var out []*Article
	for _, h := range hits {
		// The article is read again so that the one decision, authz.Article,
		// has the last word on every hit.
		v, err := s.Get(ctx, u, h.ArticleID, lang)
		if err != nil {
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

// Create adds an article with its first translation; agents only.
func (s *Service) Create(ctx context.Context, u *model.User, in Input) (int64, error) {
	if !authz.EditArticle(u) {
		return 0, model.ErrNotFound
	}
	if err := in.Validate().Err(); err != nil {
		return 0, err
	}
	var id int64
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		if err := s.checkSection(ctx, q, in.SectionID); err != nil {
			return err
		}
		var err error
		id, err = q.CreateKBArticle(ctx, &store.KBArticle{SectionID: in.SectionID, Visibility: in.Visibility, CreatedBy: u.ID})
		if err != nil {
			return err
		}
		return s.save(ctx, q, u, id, in)
	})
	if err != nil {
		return 0, fmt.Errorf("kb: create: %w", err)
	}
	return id, nil
}

// Update changes an article's place and visibility and writes one of its
// translations (adding it when new); agents only.
func (s *Service) Update(ctx context.Context, u *model.User, id int64, in Input) error {
	if !authz.EditArticle(u) {
		return model.ErrNotFound
	}
	if _, err := s.st.KBArticle(ctx, id); err != nil {
		return err
	}
	if err := in.Validate().Err(); err != nil {
		return err
	}
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		if err := s.checkSection(ctx, q, in.SectionID); err != nil {
			return err
		}
		if err := q.UpdateKBArticle(ctx, &store.KBArticle{ID: id, SectionID: in.SectionID, Visibility: in.Visibility}); err != nil {
			return err
		}
		return s.save(ctx, q, u, id, in)
	})
	if err != nil {
		return fmt.Errorf("kb: update %d: %w", id, err)
	}
	return nil
}

func (s *Service) checkSection(ctx context.Context, q *store.Queries, id int64) error {
	if id == 0 {
		return nil
	}
	if _, err := q.KBSection(ctx, id); err != nil {
		return model.Invalid("section", "error.option")
	}
	return nil
}

// save writes the translation with its revision and, for a published
// change with Notify, queues the followers' mail in the same transaction.
func (s *Service) save(ctx context.Context, q *store.Queries, u *model.User, id int64, in Input) error {
	if _, err := q.SaveKBTranslation(ctx, &store.KBTranslation{ArticleID: id, Language: in.Language, Title: in.Title,
		Body: in.Body, Status: in.Status, UpdatedBy: u.ID}); err != nil {
		return err
	}
	if !in.Notify || in.Status != authz.ArticlePublished || in.Visibility == authz.VisibilityInternal || s.mail == nil {
		return nil
	}
	followers, err := q.KBFollowers(ctx, id)
	if err != nil || len(followers) == 0 {
		return err
	}
	return s.mail.ArticleChanged(ctx, q, followers, id)
}

// Revisions lists the saves of an article's translations; agents only.
func (s *Service) Revisions(ctx context.Context, u *model.User, id int64) ([]*store.KBRevision, error) {
	if !authz.EditArticle(u) {
		return nil, model.ErrNotFound
	}
	return s.st.KBRevisions(ctx, id)
}

// Stats are an article's votes and suggestion counts; agents only.
func (s *Service) Stats(ctx context.Context, u *model.User, id int64) (store.KBStats, error) {
	if !authz.EditArticle(u) {
		return store.KBStats{}, model.ErrNotFound
	}
	return s.st.KBArticleStats(ctx, id)
}

// Vote records whether the article helped. voter is the signed-in user
// or, for a visitor, the secret of its browser's cookie (kept hashed).
func (s *Service) Vote(ctx context.Context, u *model.User, browser string, id int64, helpful bool) error {
	if _, err := s.Get(ctx, u, id, s.fallback); err != nil {
		return err
	}
	voter := ""
	switch {
	case u != nil:
		voter = fmt.Sprintf("u:%d", u.ID)
	case len(browser) >= 16:
		sum := sha256.Sum256([]byte(browser))
		voter = "s:" + hex.EncodeToString(sum[:])
	default:
		return model.Invalid("helpful", "kb.error.cookie")
	}
	return s.st.VoteKB(ctx, id, voter, helpful)
}

// SuggestionOpened counts that the new-ticket form with token opened a
// suggested article u may read.
func (s *Service) SuggestionOpened(ctx context.Context, u *model.User, id int64, token string) error {
	if !validToken(token) {
		return nil
	}
	if _, err := s.Get(ctx, u, id, s.fallback); err != nil {
		return err
	}
	return s.st.RecordKBSuggestion(ctx, id, token)
}

// TicketSent notes that the new-ticket form with token created a ticket
// although suggestions were opened from it.
func (s *Service) TicketSent(ctx context.Context, token string) error {
	if !validToken(token) {
		return nil
	}
	return s.st.MarkKBSuggestionsSent(ctx, token)
}

// validToken accepts the form tokens the new-ticket form makes: 16 to 64
// letters and digits.
func validToken(t string) bool {
	if len(t) < 16 || len(t) > 64 {
		return false
	}
	return strings.IndexFunc(t, func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9')
	}) < 0
}

// Follow makes a contact follow an article (section 0) or a section
// (article 0) it may read; follow false ends it. A contact may read a
// section when it may read one of its articles, as on /kb.
func (s *Service) Follow(ctx context.Context, u *model.User, articleID, sectionID int64, follow bool) error {
	if !u.IsContact() {
		return model.ErrNotFound
	}
	if articleID != 0 {
		if _, err := s.Get(ctx, u, articleID, s.fallback); err != nil {
			return err
		}
	} else if err := s.readsSection(ctx, u, sectionID); err != nil {
		return err
	}
	if follow {
		return s.st.FollowKB(ctx, u.ID, articleID, sectionID)
	}
	return s.st.UnfollowKB(ctx, u.ID, articleID, sectionID)
}

// readsSection is nil when u may read an article of section id, else
// model.ErrNotFound.
func (s *Service) readsSection(ctx context.Context, u *model.User, id int64) error {
	all, err := s.List(ctx, u, s.fallback)
	if err != nil {
		return err
	}
	for _, a := range all {
		if a.SectionID == id {
			return nil
		}
	}
	return fmt.Errorf("kb: section %d: %w", id, model.ErrNotFound)
}

// Following reports whether u follows the article and its section.
func (s *Service) Following(ctx context.Context, u *model.User, a *Article) (article, section bool, err error) {
	if !u.IsContact() {
		return false, false, nil
	}
	return s.st.KBFollows(ctx, u.ID, a.ID, a.SectionID)
}

// Upload stores an image for article id; agents only. Only images are
// taken, as they are shown inline.
func (s *Service) Upload(ctx context.Context, u *model.User, id int64, name, contentType string, r io.Reader) (*store.KBFile, error) {
	if !authz.EditArticle(u) {
		return nil, model.ErrNotFound
	}
	if _, err := s.st.KBArticle(ctx, id); err != nil {
		return nil, err
	}
	if !imageTypes[contentType] {
		return nil, model.Invalid("file", "kb.error.image")
	}
	key, size, err := s.blobs.Put(ctx, r, s.maxFile)
	if err != nil {
		return nil, err
	}
	f := &store.KBFile{ArticleID: id, BlobKey: key, Name: name, ContentType: contentType, Size: size, CreatedBy: u.ID}
	if f.ID, err = s.st.CreateKBFile(ctx, f); err != nil {
		return nil, err
	}
	return f, nil
}

// imageTypes are the images an article may show; no SVG, which can
// carry script.
var imageTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

// File opens an article image for u, who must be allowed to read the
// article in some language.
func (s *Service) File(ctx context.Context, u *model.User, id int64) (*store.KBFile, io.ReadSeekCloser, error) {
	f, err := s.st.KBFile(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.Get(ctx, u, f.ArticleID, s.fallback); err != nil {
		return nil, nil, err
	}
	rc, err := s.blobs.Open(ctx, f.BlobKey)
	if err != nil {
		return nil, nil, err
	}
	return f, rc, nil
}

// Files lists the images of an article; agents only.
func (s *Service) Files(ctx context.Context, u *model.User, id int64) ([]*store.KBFile, error) {
	if !authz.EditArticle(u) {
		return nil, model.ErrNotFound
	}
	return s.st.KBFiles(ctx, id)
}
