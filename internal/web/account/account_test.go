package account_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestEveryAccountPageNeedsSignIn(t *testing.T) {
	env := testenv.New(t)
	c := env.Anonymous(t)
	for _, path := range []string{"/account", "/account/email/confirm?token=x"} {
		if res := c.Get(path); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login?next=") {
			t.Errorf("GET %s anonymously: status %d location %q", path, res.StatusCode, res.Header.Get("Location"))
		}
	}
	for _, path := range []string{"/account/profile", "/account/notifications", "/account/password", "/account/email", "/account/email/confirm",
		"/account/sessions/x/end", "/account/sessions/end-others", "/account/tokens", "/account/tokens/1/revoke"} {
		res := c.PostForm(path, url.Values{"first_name": {"X"}, "token_name": {"x"}})
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("POST %s anonymously: status %d location %q", path, res.StatusCode, res.Header.Get("Location"))
		}
	}
}

func TestAccountPageForContactsAndAgents(t *testing.T) {
	env := testenv.New(t)
	page := env.Session(t, "a.member").Get("/account")
	if page.StatusCode != http.StatusOK || !has(page.Body, "a.member@a.example") || !strings.Contains(page.Body, `href="/account"`) {
		t.Fatalf("contact's account page: status %d", page.StatusCode)
	}
	if strings.Contains(page.Body, `href="/desk/profile"`) {
		t.Error("a contact's account page links the desk profile")
	}
	agent := env.Session(t, "agent").Get("/account")
	if agent.StatusCode != http.StatusOK || !strings.Contains(agent.Body, `href="/desk/profile"`) {
		t.Errorf("agent's account page: status %d, or no link to the signature", agent.StatusCode)
	}
	de := env.Session(t, "a.member")
	de.Lang = "de"
	if p := de.Get("/account"); !has(p.Body, "Persönliche Zugriffstoken") || !has(p.Body, "Angemeldete Sitzungen") {
		t.Error("the account page is not in German for a German browser")
	}
}

func TestProfileIsSavedAndTheLanguageSwitchesAtOnce(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.member")
	res := c.PostForm("/account/profile", url.Values{"first_name": {"Anna"}, "last_name": {"Alt"}, "job_title": {"Buyer"}, "phone": {"+49 (30) 123-45/6"}, "language": {"de"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save profile: status %d", res.StatusCode)
	}
	u := reload(t, env, env.User(t, "a.member"))
	if u.Name != "Anna Alt" || u.FirstName != "Anna" || u.LastName != "Alt" || u.JobTitle != "Buyer" || u.Phone != "+49 (30) 123-45/6" || u.Language != "de" {
		t.Errorf("stored profile %q %q %q %q", u.Name, u.JobTitle, u.Phone, u.Language)
	}
	page := c.Get("/account")
	if !has(page.Body, "Ihr Profil wurde gespeichert.") || !strings.Contains(page.Body, `<html lang="de">`) {
		t.Errorf("after choosing German the next page is not German:\n%.600s", page.Body)
	}
	// "browser" follows Accept-Language again.
	c.Lang = "en"
	if res := c.PostForm("/account/profile", url.Values{"first_name": {"Anna"}, "last_name": {"Alt"}, "language": {"browser"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("language browser: status %d", res.StatusCode)
	}
	if u := reload(t, env, u); u.Language != "" {
		t.Errorf("language %q, want empty (the browser's)", u.Language)
	}
	if page := c.Get("/account"); !has(page.Body, "Your profile was saved.") {
		t.Error("after choosing the browser's language the page is not in the browser's English")
	}
}

func TestProfileErrorsInEnglishAndGerman(t *testing.T) {
	env := testenv.New(t)
	for _, tc := range []struct {
		lang                             string
		required, phone, tooLong, option string
	}{
		{"en", "Enter your first name, your last name or both.", "Use digits, spaces and + - ( ) / . only.", "This is too long.", "Choose one of the listed values."},
		{"de", "Geben Sie Ihren Vornamen, Ihren Nachnamen oder beides ein.", "Verwenden Sie nur Ziffern, Leerzeichen und + - ( ) / .", "Das ist zu lang.", "Wählen Sie einen der aufgeführten Werte."},
	} {
		c := env.Session(t, "a.member")
		c.Lang = tc.lang
		res := c.PostForm("/account/profile", url.Values{"first_name": {" "}, "last_name": {""}, "job_title": {strings.Repeat("x", 101)}, "phone": {"call me"}, "language": {"fr"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s: bad profile: status %d", tc.lang, res.StatusCode)
		}
		for _, want := range []string{tc.required, tc.phone, tc.tooLong, tc.option} {
			if !has(res.Body, want) {
				t.Errorf("%s: the page does not say %q", tc.lang, want)
			}
		}
		if !has(res.Body, "call me") {
			t.Errorf("%s: what was typed is lost", tc.lang)
		}
	}
	if u := reload(t, env, env.User(t, "a.member")); u.Name != "User a.member" || u.FirstName != "" || u.LastName != "" || u.Phone != "" {
		t.Errorf("a refused profile changed the user: %+v", u)
	}
	// Control characters are refused.
	res := env.Session(t, "a.member").PostForm("/account/profile", url.Values{"first_name": {"Bad\x07Name"}, "language": {"en"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("name with a control character: status %d", res.StatusCode)
	}
}

func TestPasswordChangeEndsOtherSessionsAndKeepsThisOne(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	member := env.User(t, "a.member")
	token, err := env.App.Accounts.CreateToken(ctx, member.ID, "ci")
	if err != nil {
		t.Fatal(err)
	}
	c := env.Browser(t, "a.member")
	other := env.Browser(t, "a.member")
	bystander := env.Browser(t, "a.colleague")

	res := c.PostForm("/account/password", url.Values{"old_password": {testenv.Password}, "new_password": {"a brand new password"}, "new_password2": {"a brand new password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change password: status %d\n%s", res.StatusCode, res.Body)
	}
	if p := c.Get("/account"); p.StatusCode != http.StatusOK || !has(p.Body, "Your password was changed.") {
		t.Errorf("the session that changed the password: status %d, or no notice of the change", p.StatusCode)
	}
	if signedIn(t, other) {
		t.Error("another session of the user still works after the password change")
	}
	if !signedIn(t, bystander) {
		t.Error("another user's session ended")
	}
	if apiMe(t, env, token) != http.StatusOK {
		t.Error("a personal access token stopped working after the password change")
	}
	if r := env.Anonymous(t).PostForm("/login", url.Values{"email": {member.Email}, "password": {testenv.Password}}); r.StatusCode == http.StatusSeeOther {
		t.Error("the old password still signs in")
	}
	if r := env.Anonymous(t).PostForm("/login", url.Values{"email": {member.Email}, "password": {"a brand new password"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password does not sign in: status %d", r.StatusCode)
	}
}

func TestPasswordChangeErrorsInEnglishAndGerman(t *testing.T) {
	env := testenv.New(t)
	for _, tc := range []struct{ lang, wrong, short, mismatch string }{
		{"en", "This is not your current password.", "The password must have at least 8 characters.", "The two new passwords are not the same."},
		{"de", "Dies ist nicht Ihr aktuelles Passwort.", "mindestens 8 Zeichen", "Die beiden neuen Passwörter stimmen nicht überein."},
	} {
		c := env.Session(t, "a.member")
		other := env.Session(t, "a.member")
		c.Lang = tc.lang
		res := c.PostForm("/account/password", url.Values{"old_password": {"wrong password"}, "new_password": {"long enough pw"}, "new_password2": {"long enough pw"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !has(res.Body, tc.wrong) {
			t.Errorf("%s: wrong old password: status %d", tc.lang, res.StatusCode)
		}
		res = c.PostForm("/account/password", url.Values{"old_password": {testenv.Password}, "new_password": {"short"}, "new_password2": {"short"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !has(res.Body, tc.short) {
			t.Errorf("%s: short password: status %d", tc.lang, res.StatusCode)
		}
		res = c.PostForm("/account/password", url.Values{"old_password": {testenv.Password}, "new_password": {"long enough pw"}, "new_password2": {"long enough pX"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !has(res.Body, tc.mismatch) {
			t.Errorf("%s: mismatch: status %d", tc.lang, res.StatusCode)
		}
		if !signedIn(t, other) {
			t.Errorf("%s: a refused change ended another session", tc.lang)
		}
	}
	if r := env.Anonymous(t).PostForm("/login", url.Values{"email": {env.User(t, "a.member").Email}, "password": {testenv.Password}}); r.StatusCode != http.StatusSeeOther {
		t.Error("a refused change changed the password")
	}
}

func TestWrongOldPasswordsAreThrottled(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.member")
	var last int
	for range 11 {
		last = c.PostForm("/account/password", url.Values{"old_password": {"wrong password"}, "new_password": {"long enough pw"}, "new_password2": {"long enough pw"}}).StatusCode
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("the 11th wrong old password: status %d, want 429", last)
	}
	res := c.PostForm("/account/password", url.Values{"old_password": {testenv.Password}, "new_password": {"long enough pw"}, "new_password2": {"long enough pw"}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the right password while throttled: status %d", res.StatusCode)
	}
}

func TestEmailChangeIsConfirmedByTheLinkMailedToTheNewAddress(t *testing.T) {
	env := testenv.New(t)
	member := env.User(t, "a.member")
	c := env.Session(t, "a.member")
	res := c.PostForm("/account/email", url.Values{"email": {"Anna.New@Elsewhere.example"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("ask for a change: status %d\n%s", res.StatusCode, res.Body)
	}
	link, n := changeLink(t, env, "anna.new@elsewhere.example")
	if n != 1 {
		t.Fatalf("%d mails to the new address, want 1", n)
	}
	if _, n := changeLink(t, env, member.Email); n != 0 {
		t.Error("the confirmation went to the old address")
	}
	u := reload(t, env, member)
	if u.Email != member.Email || u.PendingEmail != "anna.new@elsewhere.example" {
		t.Fatalf("before confirming: email %q pending %q", u.Email, u.PendingEmail)
	}
	if page := c.Get("/account"); !has(page.Body, "anna.new@elsewhere.example") {
		t.Error("the account page does not show the pending address")
	}
	// Another user who opens the link is refused, and nothing changes.
	stranger := env.Session(t, "b.member")
	if r := stranger.Get(link); r.StatusCode != http.StatusForbidden || !has(r.Body, "belongs to another account") {
		t.Errorf("link opened by another user: status %d", r.StatusCode)
	}
	if r := stranger.PostForm("/account/email/confirm", url.Values{"token": {tokenOf(t, link)}}); r.StatusCode != http.StatusForbidden {
		t.Errorf("link confirmed by another user: status %d", r.StatusCode)
	}
	if got := reload(t, env, env.User(t, "b.member")); got.Email != "b.member@b.example" {
		t.Fatalf("another user's address changed to %q", got.Email)
	}
	// Opening the link shows a button and changes nothing.
	page := c.Get(link)
	if page.StatusCode != http.StatusOK || !has(page.Body, "anna.new@elsewhere.example") || !strings.Contains(page.Body, `action="/account/email/confirm"`) {
		t.Fatalf("confirm page: status %d", page.StatusCode)
	}
	if u := reload(t, env, member); u.Email != member.Email {
		t.Fatal("opening the link (GET) changed the address")
	}
	res = c.PostForm("/account/email/confirm", url.Values{"token": {tokenOf(t, link)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: status %d\n%s", res.StatusCode, res.Body)
	}
	u = reload(t, env, member)
	if u.Email != "anna.new@elsewhere.example" || u.PendingEmail != "" || !u.EmailVerified {
		t.Fatalf("after confirming: email %q pending %q verified %v", u.Email, u.PendingEmail, u.EmailVerified)
	}
	// The link works once.
	if r := c.Get(link); r.StatusCode != http.StatusNotFound || !has(r.Body, "not valid any more") {
		t.Errorf("spent link page: status %d", r.StatusCode)
	}
	if r := c.PostForm("/account/email/confirm", url.Values{"token": {tokenOf(t, link)}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("spent link confirmed again: status %d", r.StatusCode)
	}
	// Sign-in works with the new address.
	if r := env.Anonymous(t).PostForm("/login", url.Values{"email": {"anna.new@elsewhere.example"}, "password": {testenv.Password}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-in with the new address: status %d", r.StatusCode)
	}
}

func TestEmailChangeLinkExpiresAndOnlyTheNewestWorks(t *testing.T) {
	env := testenv.New(t)
	member := env.User(t, "a.member")
	c := env.Session(t, "a.member")
	c.PostForm("/account/email", url.Values{"email": {"first@elsewhere.example"}})
	first, _ := changeLink(t, env, "first@elsewhere.example")
	c.PostForm("/account/email", url.Values{"email": {"second@elsewhere.example"}})
	second, _ := changeLink(t, env, "second@elsewhere.example")
	if r := c.PostForm("/account/email/confirm", url.Values{"token": {tokenOf(t, first)}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("a replaced link: status %d, want 404", r.StatusCode)
	}
	if _, err := env.App.Store.DB().ExecContext(context.Background(), "UPDATE user_tokens SET expires_at = $1 WHERE user_id = $2",
		store.Now().Add(-time.Minute), member.ID); err != nil {
		t.Fatal(err)
	}
	c.Lang = "de"
	if r := c.Get(second); r.StatusCode != http.StatusNotFound || !has(r.Body, "nicht mehr gültig") {
		t.Errorf("expired link page: status %d", r.StatusCode)
	}
	if r := c.PostForm("/account/email/confirm", url.Values{"token": {tokenOf(t, second)}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("expired link: status %d", r.StatusCode)
	}
	if u := reload(t, env, member); u.Email != member.Email {
		t.Errorf("a dead link changed the address to %q", u.Email)
	}
}

func TestEmailChangeToATakenAddressIsRefusedAtConfirmation(t *testing.T) {
	env := testenv.New(t)
	member := env.User(t, "a.member")
	taken := env.User(t, "a.colleague").Email
	c := env.Session(t, "a.member")
	// Asking does not tell whether another account uses the address.
	res := c.PostForm("/account/email", url.Values{"email": {taken}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("ask for a taken address: status %d", res.StatusCode)
	}
	link, n := changeLink(t, env, taken)
	if n != 1 {
		t.Fatalf("%d mails to the address, want 1", n)
	}
	for _, lang := range []string{"en", "de"} {
		c.Lang = lang
		r := c.PostForm("/account/email/confirm", url.Values{"token": {tokenOf(t, link)}})
		want := map[string]string{"en": "Another account uses this address already", "de": "Ein anderes Konto verwendet diese Adresse bereits"}[lang]
		if r.StatusCode != http.StatusConflict || !has(r.Body, want) {
			t.Errorf("%s: confirm a taken address: status %d", lang, r.StatusCode)
		}
	}
	if u := reload(t, env, member); u.Email != member.Email {
		t.Errorf("the address changed to a taken one: %q", u.Email)
	}
	if u := reload(t, env, env.User(t, "a.colleague")); u.Email != taken {
		t.Errorf("the other account's address changed: %q", u.Email)
	}
}

func TestEmailChangeErrorsInEnglishAndGerman(t *testing.T) {
	env := testenv.New(t)
	for _, tc := range []struct{ lang, invalid, same string }{
		{"en", "Enter a valid email address.", "This is the address you use already."},
		{"de", "Geben Sie eine gültige E-Mail-Adresse ein.", "Diese Adresse verwenden Sie bereits."},
	} {
		c := env.Session(t, "a.member")
		c.Lang = tc.lang
		if r := c.PostForm("/account/email", url.Values{"email": {"Anna <anna@example.com>"}}); r.StatusCode != http.StatusUnprocessableEntity || !has(r.Body, tc.invalid) {
			t.Errorf("%s: invalid address: status %d", tc.lang, r.StatusCode)
		}
		if r := c.PostForm("/account/email", url.Values{"email": {"A.Member@a.example"}}); r.StatusCode != http.StatusUnprocessableEntity || !has(r.Body, tc.same) {
			t.Errorf("%s: same address: status %d", tc.lang, r.StatusCode)
		}
	}
	if u := reload(t, env, env.User(t, "a.member")); u.PendingEmail != "" {
		t.Errorf("a refused change left a pending address %q", u.PendingEmail)
	}
}

func TestSessionsAreListedAndEndOneByOne(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.member")
	other := env.Session(t, "a.member")
	third := env.Session(t, "a.member")
	page := c.Get("/account")
	if n := strings.Count(page.Body, `action="/account/sessions/`); n != 4 { // three sessions and "all others"
		t.Errorf("%d session forms, want 3 sessions and one to end the others", n)
	}
	if strings.Count(page.Body, "this session") != 1 {
		t.Error("the current session is not marked exactly once")
	}
	if !strings.Contains(page.Body, "127.0.0.1") || !strings.Contains(page.Body, "testenv") {
		t.Error("the list does not show IP address and browser")
	}
	// Another user cannot end this user's session by its id.
	if r := env.Session(t, "b.member").PostForm("/account/sessions/"+sessionID(t, env, other)+"/end", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("another user ends the session: status %d, want 404", r.StatusCode)
	}
	if !signedIn(t, other) {
		t.Fatal("another user ended the session")
	}
	if r := c.PostForm("/account/sessions/"+sessionID(t, env, other)+"/end", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("end a session: status %d", r.StatusCode)
	}
	if signedIn(t, other) {
		t.Error("the ended session still works")
	}
	if !signedIn(t, c) || !signedIn(t, third) {
		t.Error("ending one session ended others")
	}
	if r := c.PostForm("/account/sessions/end-others", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("end the others: status %d", r.StatusCode)
	}
	if signedIn(t, third) || !signedIn(t, c) {
		t.Error("ending the others did not end the third session, or ended this one")
	}
	// Ending this session signs this browser out.
	if r := c.PostForm("/account/sessions/"+sessionID(t, env, c)+"/end", nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login" {
		t.Errorf("end this session: status %d location %q", r.StatusCode, r.Header.Get("Location"))
	}
	if signedIn(t, c) {
		t.Error("the ended current session still works")
	}
}

var tokenRE = regexp.MustCompile(`spt_[A-Za-z0-9_-]{20,}`)

func TestTokensAreShownOnceWorkAndStopWhenRevoked(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	member := env.User(t, "a.member")
	c := env.Session(t, "a.member")
	res := c.PostForm("/account/tokens", url.Values{"token_name": {"Build server"}})
	if res.StatusCode != http.StatusOK || !has(res.Body, "it is shown only this once") {
		t.Fatalf("create a token: status %d", res.StatusCode)
	}
	token := tokenRE.FindString(res.Body)
	if token == "" {
		t.Fatal("the new token is not shown")
	}
	if apiMe(t, env, token) != http.StatusOK {
		t.Fatal("the new token does not work with the API")
	}
	page := c.Get("/account")
	if strings.Contains(page.Body, token) {
		t.Error("the token is shown a second time")
	}
	if !has(page.Body, "Build server") {
		t.Error("the list does not show the token")
	}
	list, err := env.App.Store.UserAPITokens(ctx, member.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("tokens %+v %v", list, err)
	}
	id := list[0].ID
	if list[0].LastUsedAt.IsZero() {
		t.Error("the token's use is not recorded")
	}
	// Another user cannot revoke it by its id.
	if r := env.Session(t, "a.colleague").PostForm("/account/tokens/"+strconv.FormatInt(id, 10)+"/revoke", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("another user revokes the token: status %d, want 404", r.StatusCode)
	}
	if apiMe(t, env, token) != http.StatusOK {
		t.Fatal("another user revoked the token")
	}
	if r := c.PostForm("/account/tokens/"+strconv.FormatInt(id, 10)+"/revoke", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: status %d", r.StatusCode)
	}
	if apiMe(t, env, token) != http.StatusUnauthorized {
		t.Error("the revoked token still works")
	}
	if r := c.PostForm("/account/tokens/"+strconv.FormatInt(id, 10)+"/revoke", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("revoke twice: status %d, want 404", r.StatusCode)
	}
	if r := c.PostForm("/account/tokens/abc/revoke", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("revoke a malformed id: status %d, want 404", r.StatusCode)
	}
	if p := c.Get("/account"); has(p.Body, "Build server") {
		t.Error("the revoked token is still listed")
	}
}

func TestTokenNameErrorsInEnglishAndGerman(t *testing.T) {
	env := testenv.New(t)
	for _, tc := range []struct{ lang, required, long string }{
		{"en", "This field is required.", "This is too long."},
		{"de", "Dieses Feld ist erforderlich.", "Das ist zu lang."},
	} {
		c := env.Session(t, "a.member")
		c.Lang = tc.lang
		if r := c.PostForm("/account/tokens", url.Values{"token_name": {"  "}}); r.StatusCode != http.StatusUnprocessableEntity || !has(r.Body, tc.required) {
			t.Errorf("%s: empty name: status %d", tc.lang, r.StatusCode)
		}
		if r := c.PostForm("/account/tokens", url.Values{"token_name": {strings.Repeat("n", 101)}}); r.StatusCode != http.StatusUnprocessableEntity || !has(r.Body, tc.long) {
			t.Errorf("%s: long name: status %d", tc.lang, r.StatusCode)
		}
	}
	if list, _ := env.App.Store.UserAPITokens(context.Background(), env.User(t, "a.member").ID); len(list) != 0 {
		t.Errorf("refused names made %d tokens", len(list))
	}
}

func TestEmailChangeRequestsAreLimited(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.member")
	for i := range 5 {
		if r := c.PostForm("/account/email", url.Values{"email": {"n" + strconv.Itoa(i) + "@elsewhere.example"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("request %d: status %d", i+1, r.StatusCode)
		}
	}
	if r := c.PostForm("/account/email", url.Values{"email": {"n6@elsewhere.example"}}); r.StatusCode != http.StatusTooManyRequests {
		t.Errorf("sixth request in an hour: status %d, want 429", r.StatusCode)
	}
	if _, n := changeLink(t, env, "n6@elsewhere.example"); n != 0 {
		t.Error("a limited request sent a mail")
	}
}
