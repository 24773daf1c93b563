package app_test

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// outcome is what a role gets from a route, as a user would see it.
type outcome string

const (
	ok        outcome = "ok"        // 2xx, or a redirect elsewhere than the sign-in page
	login     outcome = "login"     // redirected to the sign-in page
	unauth    outcome = "401"       // API: not authenticated
	notFound  outcome = "404"       // does not exist for this role
	forbidden outcome = "403"       // sees it, may not do it
	rejected  outcome = "4xx-input" // reached the handler, refused the (deliberately bad) input
)

// roles are the callers every route is tried with.
var roles = []string{"anon", "a.member", "a.colleague", "a.primary", "a.admin", "b.member", "b.admin", "agent2", "agent", "admin"}

// fixture is what one request works on, made fresh for every (route, role)
// so that a state change by one role does not decide the next.
type fixture struct {
	number     int64 // a ticket of a.member (organization A, team "1st level")
	attachment int64 // a file on its first message, written by a.member
	message    int64 // a mail a.member sent to the ticket, kept raw, with HTML
	mailbox    int64 // a mailbox
	inbound    int64 // the record of a received mail
	outbox     int64 // a mail in the outbox
	seq        int64 // unique per request, for names that must not repeat
	orgA       int64 // organization A, whose contacts a.* are
	contract   int64 // a support contract of organization A
	member     int64 // the user id of a.member
	rule       int64 // an inactive routing rule, the only one
	timeEntry  int64 // time the admin logged on the ticket
	reference  int64 // an order number of the ticket
	kbPublic   int64 // a published public article
	kbContacts int64 // a published contacts-only article
	kbInternal int64 // a published internal article
	kbFile     int64 // an image of the internal article
	document   int64 // a blank document of organization A, published by agent
	version    int64 // the document's first version
	project    int64 // a project of organization A
	milestone  int64 // a milestone of the project
	idea       int64 // an idea of a.member (organization A)
	ideaFile   int64 // a file of the idea
}

func (f fixture) kbPublicID() int64   { return f.kbPublic }
func (f fixture) kbContactsID() int64 { return f.kbContacts }
func (f fixture) kbInternalID() int64 { return f.kbInternal }
func (f fixture) kbFileID() int64     { return f.kbFile }

// kbRejected: agents reach the form, which refuses the bad input.
var kbRejected = expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})

// routeCase is a route's request and what each role must get.
type routeCase struct {
	request func(f fixture) (method, path, contentType, body string)
	expect  map[string]outcome
	// resolved sets the fixture's ticket to resolved before the request.
	resolved bool
}

func get(path string) func(fixture) (string, string, string, string) {
	return func(fixture) (string, string, string, string) { return http.MethodGet, path, "", "" }
}

func form(method, path string, values url.Values) func(fixture) (string, string, string, string) {
	return func(fixture) (string, string, string, string) {
		return method, path, "application/x-www-form-urlencoded", values.Encode()
	}
}

func onTicket(method, format, contentType, body string) func(fixture) (string, string, string, string) {
	return func(f fixture) (string, string, string, string) {
		path := strings.ReplaceAll(strings.ReplaceAll(format, "{number}", fmt.Sprint(f.number)), "{id}", fmt.Sprint(f.attachment))
		return method, path, contentType, body
	}
}

// byID requests path format with the fixture's id that pick returns.
func byID(method, format string, pick func(fixture) int64, values url.Values) func(fixture) (string, string, string, string) {
	return func(f fixture) (string, string, string, string) {
		path := fmt.Sprintf(format, pick(f))
		if method == http.MethodGet {
			return get(path)(f)
		}
		return form(method, path, values)(f)
	}
}

func (f fixture) mailboxID() int64  { return f.mailbox }
func (f fixture) inboundID() int64  { return f.inbound }
func (f fixture) outboxID() int64   { return f.outbox }
func (f fixture) orgAID() int64     { return f.orgA }
func (f fixture) contractID() int64 { return f.contract }
func (f fixture) memberID() int64   { return f.member }
func (f fixture) ruleID() int64     { return f.rule }
func (f fixture) documentID() int64 { return f.document }
func (f fixture) projectID() int64  { return f.project }

// expect builds an expectation from a default and exceptions.
func expect(def outcome, except map[string]outcome) map[string]outcome {
	m := map[string]outcome{}
	for _, r := range roles {
		m[r] = def
	}
	maps.Copy(m, except)
	return m
}

// Who reaches what, by kind of route.
var (
	everyone     = expect(ok, nil)
	contactsAny  = expect(ok, map[string]outcome{"anon": login, "agent2": notFound, "agent": notFound, "admin": notFound})
	contactOrgA  = expect(ok, map[string]outcome{"anon": login, "b.member": notFound, "b.admin": notFound, "agent2": notFound, "agent": notFound, "admin": notFound})
	contactWrite = expect(ok, map[string]outcome{"anon": login, "a.colleague": forbidden, "b.member": notFound, "b.admin": notFound, "agent2": notFound, "agent": notFound, "admin": notFound})
	// The attachment is on a message a.colleague neither wrote nor received.
	contactFile = expect(ok, map[string]outcome{"anon": login, "a.colleague": notFound, "b.member": notFound, "b.admin": notFound, "agent2": notFound, "agent": notFound, "admin": notFound})
	agentsAny   = expect(ok, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})
	agentTicket = expect(ok, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound, "agent2": notFound})
	adminOnly   = expect(notFound, map[string]outcome{"anon": login, "admin": ok})
	apiAny      = expect(ok, map[string]outcome{"anon": unauth})
	apiTicket   = expect(ok, map[string]outcome{"anon": unauth, "b.member": notFound, "b.admin": notFound, "agent2": notFound})
	apiWrite    = expect(ok, map[string]outcome{"anon": unauth, "a.colleague": forbidden, "b.member": notFound, "b.admin": notFound, "agent2": notFound})
	apiFile     = expect(ok, map[string]outcome{"anon": unauth, "a.colleague": notFound, "b.member": notFound, "b.admin": notFound, "agent2": notFound})
	// A desk form every agent reaches, sent with input it refuses.
	agentsRefuse = expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})
)

var newAgentSeq atomic.Int64

// routeTable has an entry for every route the application registers; a
// route without one fails TestEveryRouteIsAuthorizedForEveryRole.
var routeTable = map[string]routeCase{
	"GET /{$}":              {request: get("/"), expect: expect(ok, map[string]outcome{"anon": login})},
	"GET /login":            {request: get("/login"), expect: everyone},
	"POST /login":           {request: form("POST", "/login", url.Values{"email": {"nobody@example.com"}, "password": {"wrong-password"}}), expect: expect(rejected, nil)},
	"POST /login/2fa":       {request: form("POST", "/login/2fa", url.Values{"token": {"guess"}, "code": {"123456"}}), expect: expect(login, nil)},
	"GET /account/2fa":      {request: get("/account/2fa"), expect: expect(ok, map[string]outcome{"anon": login})},
	"POST /account/2fa":     {request: form("POST", "/account/2fa", url.Values{"action": {"bogus"}}), expect: expect(rejected, map[string]outcome{"anon": login})},
	"POST /logout":          {request: form("POST", "/logout", nil), expect: expect(login, nil)},
	"GET /setup":            {request: get("/setup?token=guess"), expect: expect(notFound, nil)},
	"POST /setup":           {request: form("POST", "/setup", url.Values{"token": {"guess"}, "name": {"X"}, "email": {"x@example.com"}, "password": {"long enough pw"}}), expect: expect(notFound, nil)},
	"GET /welcome":          {request: get("/welcome?token=guess"), expect: expect(notFound, nil)},
	"POST /welcome":         {request: form("POST", "/welcome", url.Values{"token": {"guess"}, "name": {"X"}, "password": {"long enough pw"}}), expect: expect(notFound, nil)},
	"GET /register":         {request: get("/register"), expect: everyone},
	"POST /register":        {request: form("POST", "/register", url.Values{"name": {"X"}, "email": {"route@newcomer.example"}, "password": {"long enough pw"}}), expect: expect(forbidden, nil)},
	"GET /register/verify":  {request: get("/register/verify?token=guess"), expect: expect(notFound, nil)},
	"POST /register/verify": {request: form("POST", "/register/verify", url.Values{"token": {"guess"}}), expect: expect(notFound, nil)},
	"GET /password/forgot":  {request: get("/password/forgot"), expect: everyone},
	"POST /password/forgot": {request: form("POST", "/password/forgot", url.Values{"email": {"nobody@example.com"}}), expect: everyone},
	"GET /password/reset":   {request: get("/password/reset?token=guess"), expect: expect(notFound, nil)},
	"POST /password/reset":  {request: form("POST", "/password/reset", url.Values{"token": {"guess"}, "password": {"long enough pw"}, "password_confirm": {"long enough pw"}}), expect: expect(notFound, nil)},
	"GET /admin/settings":   {request: get("/admin/settings"), expect: adminOnly},
	"POST /admin/settings":  {request: form("POST", "/admin/settings", url.Values{"self_registration": {"closed"}, "require_2fa_agents": {""}}), expect: adminOnly},
	"GET /healthz":          {request: get("/healthz"), expect: everyone},
	"GET /readyz":           {request: get("/readyz"), expect: everyone},
	"GET /metrics":          {request: get("/metrics"), expect: everyone},
	"GET /static/":          {request: get("/static/app.css"), expect: everyone},
	"GET /portal":           {request: get("/portal"), expect: contactsAny},
	"GET /portal/{$}":       {request: get("/portal/"), expect: contactsAny},

	"GET /portal/tickets":                    {request: get("/portal/tickets"), expect: contactsAny},
	"GET /portal/tickets/new":                {request: get("/portal/tickets/new"), expect: contactsAny},
	"POST /portal/tickets":                   {request: form("POST", "/portal/tickets", url.Values{"subject": {"Route test"}, "body": {"b"}}), expect: contactsAny},
	"GET /portal/tickets/{number}":           {request: onTicket("GET", "/portal/tickets/{number}", "", ""), expect: contactOrgA},
	"POST /portal/tickets/{number}/messages": {request: onTicket("POST", "/portal/tickets/{number}/messages", "application/x-www-form-urlencoded", "body=hello"), expect: contactWrite},
	"POST /portal/tickets/{number}/reopen":   {request: onTicket("POST", "/portal/tickets/{number}/reopen", "application/x-www-form-urlencoded", ""), expect: contactWrite, resolved: true},
	"POST /portal/tickets/{number}/close":    {request: onTicket("POST", "/portal/tickets/{number}/close", "application/x-www-form-urlencoded", ""), expect: contactWrite},
	"GET /portal/attachments/{id}":           {request: onTicket("GET", "/portal/attachments/{id}", "", ""), expect: contactFile},
	"GET /portal/org":                        {request: get("/portal/org"), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": ok, "b.admin": ok})},
	"POST /portal/org/contacts/{id}/role":    {request: byID("POST", "/portal/org/contacts/%d/role", fixture.memberID, url.Values{"role": {"member"}}), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": ok})},
	"POST /portal/org/contacts/{id}/rights":  {request: byID("POST", "/portal/org/contacts/%d/rights", fixture.memberID, nil), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": ok})},
	"POST /portal/org/contacts/{id}/active":  {request: byID("POST", "/portal/org/contacts/%d/active", fixture.memberID, url.Values{"active": {"1"}}), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": ok})},
	"POST /portal/org/invitations":           {request: form("POST", "/portal/org/invitations", url.Values{"name": {"X"}, "email": {"not an address"}, "role": {"member"}}), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": rejected, "b.admin": rejected})},
	// Only a contact without an organization may register one; loner is none of the roles, so everyone here gets 404.
	"GET /portal/company":                  {request: get("/portal/company"), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /portal/company":                 {request: form("POST", "/portal/company", url.Values{"name": {"Route company"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /portal/org/domains":             {request: form("POST", "/portal/org/domains", url.Values{"domain": {"not a domain"}}), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": rejected, "b.admin": rejected})},
	"GET /desk":                            {request: get("/desk"), expect: agentsAny},
	"GET /desk/tickets":                    {request: get("/desk/tickets"), expect: agentsAny},
	"GET /desk/tickets/{number}":           {request: onTicket("GET", "/desk/tickets/{number}", "", ""), expect: agentTicket},
	"POST /desk/tickets/{number}":          {request: onTicket("POST", "/desk/tickets/{number}", "application/x-www-form-urlencoded", "priority=high"), expect: agentTicket},
	"POST /desk/tickets/{number}/messages": {request: onTicket("POST", "/desk/tickets/{number}/messages", "application/x-www-form-urlencoded", "body=hello&visibility=internal"), expect: agentTicket},
	"GET /desk/attachments/{id}":           {request: onTicket("GET", "/desk/attachments/{id}", "", ""), expect: agentTicket},
	"GET /desk/orgs":                       {request: get("/desk/orgs"), expect: agentsAny},
	"POST /desk/orgs":                      {request: form("POST", "/desk/orgs", url.Values{"name": {""}}), expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"POST /desk/domains/approve":           {request: form("POST", "/desk/domains/approve", url.Values{"domain": {"nothing-waits.example"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/domains/refuse":            {request: form("POST", "/desk/domains/refuse", url.Values{"domain": {"nothing-waits.example"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"GET /desk/orgs/{id}":                  {request: byID("GET", "/desk/orgs/%d", fixture.orgAID, nil), expect: agentsAny},
	"POST /desk/orgs/{id}":                 {request: byID("POST", "/desk/orgs/%d", fixture.orgAID, url.Values{"name": {""}}), expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"POST /desk/orgs/{id}/domains":         {request: byID("POST", "/desk/orgs/%d/domains", fixture.orgAID, url.Values{"domain": {"not a domain"}}), expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"POST /desk/orgs/{id}/domains/remove":  {request: byID("POST", "/desk/orgs/%d/domains/remove", fixture.orgAID, url.Values{"domain": {"nothing-here.example"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/orgs/{id}/invite":          {request: byID("POST", "/desk/orgs/%d/invite", fixture.orgAID, url.Values{"name": {"X"}, "email": {"not an address"}}), expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"GET /desk/contacts":                   {request: get("/desk/contacts?q=a"), expect: agentsAny},
	"GET /desk/contacts/{id}":              {request: byID("GET", "/desk/contacts/%d", fixture.memberID, nil), expect: agentsAny},
	"POST /desk/contacts/{id}":             {request: byID("POST", "/desk/contacts/%d", fixture.memberID, url.Values{"name": {""}}), expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"POST /desk/contacts/{id}/merge":       {request: byID("POST", "/desk/contacts/%d/merge", fixture.memberID, url.Values{"target": {"a.member@a.example"}}), expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"GET /desk/tickets/{number}/messages/{id}/body": {request: func(f fixture) (string, string, string, string) {
		return http.MethodGet, fmt.Sprintf("/desk/tickets/%d/messages/%d/body", f.number, f.message), "", ""
	}, expect: agentTicket},
	"GET /desk/tickets/{number}/messages/{id}/raw": {request: func(f fixture) (string, string, string, string) {
		return http.MethodGet, fmt.Sprintf("/desk/tickets/%d/messages/%d/raw", f.number, f.message), "", ""
	}, expect: agentTicket},
	// The mail is a.member's own: a.colleague may list the ticket but not read it.
	"GET /portal/tickets/{number}/messages/{id}/body": {request: func(f fixture) (string, string, string, string) {
		return http.MethodGet, fmt.Sprintf("/portal/tickets/%d/messages/%d/body", f.number, f.message), "", ""
	}, expect: contactFile},
	"GET /desk/profile": {request: get("/desk/profile"), expect: agentsAny},
	// Account pages: every signed-in user; the forms get deliberately bad input, so that no role changes its account.
	"GET /account":                      {request: get("/account"), expect: expect(ok, map[string]outcome{"anon": login})},
	"POST /account/profile":             {request: form("POST", "/account/profile", url.Values{"name": {""}}), expect: expect(rejected, map[string]outcome{"anon": login})},
	"POST /account/password":            {request: form("POST", "/account/password", url.Values{"old_password": {""}, "new_password": {"short"}}), expect: expect(rejected, map[string]outcome{"anon": login})},
	"POST /account/email":               {request: form("POST", "/account/email", url.Values{"email": {"not an address"}}), expect: expect(rejected, map[string]outcome{"anon": login})},
	"GET /account/email/confirm":        {request: get("/account/email/confirm?token=guess"), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /account/email/confirm":       {request: form("POST", "/account/email/confirm", url.Values{"token": {"guess"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /account/sessions/{id}/end":   {request: form("POST", "/account/sessions/0000/end", nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /account/sessions/end-others": {request: form("POST", "/account/sessions/end-others", nil), expect: expect(ok, map[string]outcome{"anon": login})},
	"POST /account/tokens":              {request: form("POST", "/account/tokens", url.Values{"token_name": {""}}), expect: expect(rejected, map[string]outcome{"anon": login})},
	"POST /account/tokens/{id}/revoke":  {request: form("POST", "/account/tokens/999999/revoke", nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/profile":                {request: form("POST", "/desk/profile", url.Values{"signature": {"Kind regards"}}), expect: agentsAny},
	"GET /admin":                        {request: get("/admin"), expect: adminOnly},
	"POST /admin/orgs": {request: func(f fixture) (string, string, string, string) {
		return form("POST", "/admin/orgs", url.Values{"name": {fmt.Sprint("Route org ", f.seq)}})(f)
	}, expect: adminOnly},
	"POST /admin/agents":                        {request: newAgentForm, expect: adminOnly},
	"GET /admin/mailboxes":                      {request: get("/admin/mailboxes"), expect: adminOnly},
	"GET /admin/mailboxes/new":                  {request: get("/admin/mailboxes/new"), expect: adminOnly},
	"GET /admin/mail":                           {request: get("/admin/mail?problems=1"), expect: adminOnly},
	"GET /admin/outbox":                         {request: get("/admin/outbox?status=failed"), expect: adminOnly},
	"GET /admin/templates":                      {request: get("/admin/templates"), expect: adminOnly},
	"GET /admin/templates/{name}/{lang}":        {request: get("/admin/templates/received/de"), expect: adminOnly},
	"POST /admin/templates/{name}/{lang}/reset": {request: form("POST", "/admin/templates/received/en/reset", nil), expect: adminOnly},
	"GET /admin/mailboxes/{id}":                 {request: byID("GET", "/admin/mailboxes/%d", fixture.mailboxID, nil), expect: adminOnly},
	"POST /admin/mailboxes/{id}":                {request: byID("POST", "/admin/mailboxes/%d", fixture.mailboxID, url.Values{"name": {"X"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"POST /admin/mailboxes/{id}/delete":         {request: byID("POST", "/admin/mailboxes/%d/delete", fixture.mailboxID, url.Values{"confirm": {"1"}}), expect: adminOnly},
	"POST /admin/mailboxes/{id}/test":           {request: byID("POST", "/admin/mailboxes/%d/test", fixture.mailboxID, url.Values{"name": {"X"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"GET /admin/mail/{id}":                      {request: byID("GET", "/admin/mail/%d", fixture.inboundID, nil), expect: adminOnly},
	"GET /admin/mail/{id}/raw":                  {request: byID("GET", "/admin/mail/%d/raw", fixture.inboundID, nil), expect: adminOnly},
	"GET /admin/outbox/{id}":                    {request: byID("GET", "/admin/outbox/%d", fixture.outboxID, nil), expect: adminOnly},
	"GET /admin/outbox/{id}/raw":                {request: byID("GET", "/admin/outbox/%d/raw", fixture.outboxID, nil), expect: adminOnly},
	"POST /admin/outbox/{id}/retry":             {request: byID("POST", "/admin/outbox/%d/retry", fixture.outboxID, nil), expect: adminOnly},
	"POST /admin/mailboxes": {request: func(f fixture) (string, string, string, string) {
		return form("POST", "/admin/mailboxes", url.Values{"name": {fmt.Sprint("Route mailbox ", f.seq)},
			"address": {fmt.Sprintf("route%d@example.com", f.seq)}, "imap_security": {"tls"}, "active": {"1"}})(f)
	}, expect: adminOnly},
	"POST /admin/templates/{name}/{lang}": {request: form("POST", "/admin/templates/received/en", url.Values{
		"subject": {"We received your request"}, "body": {"Hello {{.Contact.Name}}\n"}}), expect: adminOnly},
	"POST /admin/templates/{name}/{lang}/preview": {request: form("POST", "/admin/templates/received/en/preview", url.Values{
		"subject": {"Preview"}, "body": {"Hello {{.Contact.Name}}\n"}}), expect: adminOnly},
	"GET /api/v1/openapi.json":               {request: get("/api/v1/openapi.json"), expect: everyone},
	"GET /api/v1/me":                         {request: get("/api/v1/me"), expect: apiAny},
	"GET /api/v1/tickets":                    {request: get("/api/v1/tickets"), expect: apiAny},
	"POST /api/v1/tickets":                   {request: onTicket("POST", "/api/v1/tickets", "application/json", `{"subject":"Route test"}`), expect: apiAny},
	"GET /api/v1/tickets/{number}":           {request: onTicket("GET", "/api/v1/tickets/{number}", "", ""), expect: apiTicket},
	"PATCH /api/v1/tickets/{number}":         {request: onTicket("PATCH", "/api/v1/tickets/{number}", "application/json", `{"category":"closed"}`), expect: apiWrite},
	"GET /api/v1/tickets/{number}/messages":  {request: onTicket("GET", "/api/v1/tickets/{number}/messages", "", ""), expect: apiTicket},
	"POST /api/v1/tickets/{number}/messages": {request: onTicket("POST", "/api/v1/tickets/{number}/messages", "application/json", `{"body":"hello"}`), expect: apiWrite},
	"POST /api/v1/uploads":                   {request: upload, expect: apiAny},
	"GET /api/v1/attachments/{id}":           {request: onTicket("GET", "/api/v1/attachments/{id}", "", ""), expect: apiFile},
	// Organization record: addresses and news addresses.
	"GET /news/confirm":  {request: get("/news/confirm?token=guess"), expect: expect(notFound, nil)},
	"POST /news/confirm": {request: form("POST", "/news/confirm", url.Values{"token": {"guess"}}), expect: expect(notFound, nil)},
	"POST /portal/org/addresses/{kind}": {request: form("POST", "/portal/org/addresses/invoice", url.Values{"company": {"X"}, "street": {"Y 1"},
		"postal_code": {"1"}, "city": {"Z"}, "country": {"DE"}}), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": rejected, "b.admin": rejected})},
	"POST /portal/org/news":             {request: form("POST", "/portal/org/news", url.Values{"email": {"not an address"}}), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": rejected, "b.admin": rejected})},
	"POST /portal/org/news/{id}/remove": {request: form("POST", "/portal/org/news/999999/remove", nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /portal/org/news/{id}/resend": {request: form("POST", "/portal/org/news/999999/resend", nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/orgs/{id}/addresses/{kind}": {request: byID("POST", "/desk/orgs/%d/addresses/invoice", fixture.orgAID, url.Values{"company": {"X"}, "street": {"Y 1"},
		"postal_code": {"1"}, "city": {"Z"}, "country": {"DE"}}), expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"POST /desk/orgs/{id}/news":              {request: byID("POST", "/desk/orgs/%d/news", fixture.orgAID, url.Values{"email": {"not an address"}}), expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"POST /desk/orgs/{id}/news/{nid}/remove": {request: byID("POST", "/desk/orgs/%d/news/999999/remove", fixture.orgAID, nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/orgs/{id}/news/{nid}/resend": {request: byID("POST", "/desk/orgs/%d/news/999999/resend", fixture.orgAID, nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	// (end of organization record routes)
	// Contracts and support units.
	// Contracts: contacts with the contracts right see their organization's; agents see all and book units; admins set the terms.
	// An empty name or unit count is refused for whoever may go that far.
	"GET /portal/contracts":              {request: get("/portal/contracts"), expect: expect(notFound, map[string]outcome{"anon": login, "a.primary": ok, "a.admin": ok, "b.admin": ok})},
	"GET /desk/orgs/{id}/contracts":      {request: byID("GET", "/desk/orgs/%d/contracts", fixture.orgAID, nil), expect: agentsAny},
	"POST /desk/orgs/{id}/contracts":     {request: byID("POST", "/desk/orgs/%d/contracts", fixture.orgAID, url.Values{"name": {""}}), expect: expect(notFound, map[string]outcome{"anon": login, "agent2": forbidden, "agent": forbidden, "admin": rejected})},
	"GET /desk/contracts/{id}":           {request: byID("GET", "/desk/contracts/%d", fixture.contractID, nil), expect: agentsAny},
	"POST /desk/contracts/{id}":          {request: byID("POST", "/desk/contracts/%d", fixture.contractID, url.Values{"name": {""}}), expect: expect(notFound, map[string]outcome{"anon": login, "agent2": forbidden, "agent": forbidden, "admin": rejected})},
	"POST /desk/contracts/{id}/bookings": {request: byID("POST", "/desk/contracts/%d/bookings", fixture.contractID, url.Values{"book_units": {"0"}}), expect: expect(notFound, map[string]outcome{"anon": login, "agent2": rejected, "agent": rejected, "admin": rejected})},
	// (end of contract routes)
	// Documents and projects. Documents are for agents and for contacts
	// with manage_org of their organization; projects for agents and every
	// contact of the organization. The forms carry no file or an empty
	// name, refused after the record was found.
	"GET /desk/documents":                {request: get("/desk/documents?state=signed_by_customer"), expect: agentsAny},
	"GET /desk/orgs/{id}/documents":      {request: byID("GET", "/desk/orgs/%d/documents", fixture.orgAID, nil), expect: agentsAny},
	"POST /desk/orgs/{id}/documents":     {request: byID("POST", "/desk/orgs/%d/documents", fixture.orgAID, url.Values{"kind": {"offer"}, "title": {"No file"}}), expect: agentsRefuse},
	"GET /desk/documents/{id}":           {request: byID("GET", "/desk/documents/%d", fixture.documentID, nil), expect: agentsAny},
	"POST /desk/documents/{id}/versions": {request: byID("POST", "/desk/documents/%d/versions", fixture.documentID, url.Values{"state": {"countersigned"}}), expect: agentsRefuse},
	"GET /desk/documents/{id}/versions/{version}": {request: func(f fixture) (string, string, string, string) {
		return get(fmt.Sprintf("/desk/documents/%d/versions/%d", f.document, f.version))(f)
	}, expect: agentsAny},
	"GET /portal/documents":                {request: get("/portal/documents"), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": ok, "b.admin": ok})},
	"GET /portal/documents/{id}":           {request: byID("GET", "/portal/documents/%d", fixture.documentID, nil), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": ok})},
	"POST /portal/documents/{id}/versions": {request: byID("POST", "/portal/documents/%d/versions", fixture.documentID, nil), expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": rejected})},
	"GET /portal/documents/{id}/versions/{version}": {request: func(f fixture) (string, string, string, string) {
		return get(fmt.Sprintf("/portal/documents/%d/versions/%d", f.document, f.version))(f)
	}, expect: expect(notFound, map[string]outcome{"anon": login, "a.admin": ok})},
	"GET /desk/orgs/{id}/projects":        {request: byID("GET", "/desk/orgs/%d/projects", fixture.orgAID, nil), expect: agentsAny},
	"POST /desk/orgs/{id}/projects":       {request: byID("POST", "/desk/orgs/%d/projects", fixture.orgAID, url.Values{"name": {""}, "status": {"active"}}), expect: agentsRefuse},
	"GET /desk/projects/{id}":             {request: byID("GET", "/desk/projects/%d", fixture.projectID, nil), expect: agentsAny},
	"POST /desk/projects/{id}":            {request: byID("POST", "/desk/projects/%d", fixture.projectID, url.Values{"name": {""}, "status": {"active"}}), expect: agentsRefuse},
	"POST /desk/projects/{id}/milestones": {request: byID("POST", "/desk/projects/%d/milestones", fixture.projectID, url.Values{"title": {""}}), expect: agentsRefuse},
	"POST /desk/projects/{id}/milestones/{milestone}": {request: func(f fixture) (string, string, string, string) {
		return form("POST", fmt.Sprintf("/desk/projects/%d/milestones/%d", f.project, f.milestone), url.Values{"done": {"1"}})(f)
	}, expect: agentsAny},
	"POST /desk/tickets/{number}/project": {request: func(f fixture) (string, string, string, string) {
		return form("POST", fmt.Sprintf("/desk/tickets/%d/project", f.number), url.Values{"project": {fmt.Sprint(f.project)}})(f)
	}, expect: agentTicket},
	"GET /portal/projects":       {request: get("/portal/projects"), expect: contactsAny},
	"GET /portal/projects/{id}":  {request: byID("GET", "/portal/projects/%d", fixture.projectID, nil), expect: contactOrgA},
	"GET /admin/document-kinds":  {request: get("/admin/document-kinds"), expect: adminOnly},
	"POST /admin/document-kinds": {request: form("POST", "/admin/document-kinds", url.Values{"key": {"Not A Key"}, "label_de": {""}, "label_en": {"x"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	// (end of records routes)
	// Notification choices.
	// Every notice on, as a new user has it; agents have none to choose and ignore the names.
	"POST /account/notifications": {request: form("POST", "/account/notifications", url.Values{"notify": {"received", "replies", "status"}}), expect: expect(ok, map[string]outcome{"anon": login})},
	// (end of notification routes)
	// API: organizations and contacts. Organization A's portal admin and
	// support reach it, everyone else finds nothing; only support creates
	// organizations, while contacts see the list (of their own at most).
	"GET /api/v1/orgs": {request: get("/api/v1/orgs"), expect: apiAny},
	"POST /api/v1/orgs": {request: func(f fixture) (string, string, string, string) {
		return http.MethodPost, "/api/v1/orgs", "application/json", fmt.Sprintf(`{"name": "Route org %d"}`, f.seq)
	}, expect: expect(forbidden, map[string]outcome{"anon": unauth, "agent2": ok, "agent": ok, "admin": ok})},
	"GET /api/v1/orgs/{id}": {request: func(f fixture) (string, string, string, string) {
		return http.MethodGet, fmt.Sprintf("/api/v1/orgs/%d", f.orgA), "", ""
	}, expect: expect(notFound, map[string]outcome{"anon": unauth, "a.admin": ok, "agent2": ok, "agent": ok, "admin": ok})},
	"PATCH /api/v1/orgs/{id}": {request: func(f fixture) (string, string, string, string) {
		return http.MethodPatch, fmt.Sprintf("/api/v1/orgs/%d", f.orgA), "application/json", `{"domains": ["a.example"]}`
	}, expect: expect(notFound, map[string]outcome{"anon": unauth, "a.admin": ok, "agent2": ok, "agent": ok, "admin": ok})},
	"GET /api/v1/orgs/{id}/contacts": {request: func(f fixture) (string, string, string, string) {
		return http.MethodGet, fmt.Sprintf("/api/v1/orgs/%d/contacts", f.orgA), "", ""
	}, expect: expect(notFound, map[string]outcome{"anon": unauth, "a.admin": ok, "agent2": ok, "agent": ok, "admin": ok})},
	"POST /api/v1/orgs/{id}/contacts": {request: func(f fixture) (string, string, string, string) {
		return http.MethodPost, fmt.Sprintf("/api/v1/orgs/%d/contacts", f.orgA), "application/json",
			fmt.Sprintf(`{"name": "Route contact", "email": "route%d@a.example"}`, f.seq)
	}, expect: expect(notFound, map[string]outcome{"anon": unauth, "a.admin": ok, "agent2": ok, "agent": ok, "admin": ok})},
	"PATCH /api/v1/contacts/{id}": {request: func(f fixture) (string, string, string, string) {
		return http.MethodPatch, fmt.Sprintf("/api/v1/contacts/%d", f.member), "application/json", `{"name": "User a.member"}`
	}, expect: expect(notFound, map[string]outcome{"anon": unauth, "a.admin": ok, "agent2": ok, "agent": ok, "admin": ok})},
	// (end of organization API routes)
	// Routing rules and responsible agents.
	// Admins keep the rules; for everyone else the fixture's rule does not
	// exist. A rule with a name but no action is refused.
	"GET /admin/routing":              {request: get("/admin/routing"), expect: adminOnly},
	"POST /admin/routing":             {request: form("POST", "/admin/routing", url.Values{"name": {""}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"GET /admin/routing/{id}":         {request: byID("GET", "/admin/routing/%d", fixture.ruleID, nil), expect: adminOnly},
	"POST /admin/routing/{id}":        {request: byID("POST", "/admin/routing/%d", fixture.ruleID, url.Values{"name": {"X"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"POST /admin/routing/{id}/delete": {request: byID("POST", "/admin/routing/%d/delete", fixture.ruleID, nil), expect: adminOnly},
	"POST /admin/routing/{id}/move":   {request: byID("POST", "/admin/routing/%d/move", fixture.ruleID, url.Values{"direction": {"up"}}), expect: adminOnly},
	"POST /desk/orgs/{id}/responsible": {request: byID("POST", "/desk/orgs/%d/responsible", fixture.orgAID, url.Values{"responsible_agent": {"999999"}}),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	// (end of routing routes)
	// Time entries. Agents who see the ticket log time on it. The
	// fixture's entry is the admin's: its author (or any admin) deletes
	// it; the agent who sees the ticket may not (403), the agent of
	// another team does not see it.
	"POST /desk/tickets/{number}/time": {request: onTicket("POST", "/desk/tickets/{number}/time", "application/x-www-form-urlencoded", "duration=1:30&billable=1&note=route"), expect: agentTicket},
	"POST /desk/tickets/{number}/time/{id}/delete": {request: func(f fixture) (string, string, string, string) {
		return form("POST", fmt.Sprintf("/desk/tickets/%d/time/%d/delete", f.number, f.timeEntry), nil)(f)
	}, expect: expect(notFound, map[string]outcome{"anon": login, "agent": forbidden, "admin": ok})},
	// (end of time routes)
	// Service levels: admins only.
	"GET /admin/sla":                       {request: get("/admin/sla"), expect: adminOnly},
	"POST /admin/sla/calendar":             {request: form("POST", "/admin/sla/calendar", url.Values{"hours": {"never"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"POST /admin/sla/policies":             {request: form("POST", "/admin/sla/policies", url.Values{"first_response": {"soon"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"POST /admin/sla/policies/{id}/delete": {request: form("POST", "/admin/sla/policies/999999/delete", nil), expect: expect(notFound, map[string]outcome{"anon": login, "admin": ok})},
	// (end of service-level routes)
	// Linked tickets, merge and split.
	// Agents who see the ticket use the tools; the forms carry bad input,
	// refused by the service after it found the ticket. The fixture has no
	// link, so removing one is 404 for everyone signed in.
	"POST /desk/tickets/{number}/technical": {request: onTicket("POST", "/desk/tickets/{number}/technical", "application/x-www-form-urlencoded", "team=&subject=&note="),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound, "agent2": notFound})},
	"POST /desk/tickets/{number}/links": {request: onTicket("POST", "/desk/tickets/{number}/links", "application/x-www-form-urlencoded", "other=&kind=related"),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound, "agent2": notFound})},
	"POST /desk/tickets/{number}/links/{other}/delete": {request: onTicket("POST", "/desk/tickets/{number}/links/999999/delete", "application/x-www-form-urlencoded", ""),
		expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/tickets/{number}/merge": {request: onTicket("POST", "/desk/tickets/{number}/merge", "application/x-www-form-urlencoded", "into="),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound, "agent2": notFound})},
	"POST /desk/tickets/{number}/messages/{id}/split": {request: func(f fixture) (string, string, string, string) {
		return form("POST", fmt.Sprintf("/desk/tickets/%d/messages/%d/split", f.number, f.message), url.Values{"subject": {strings.Repeat("x", 300)}})(f)
	}, expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound, "agent2": notFound})},
	// (end of link routes)
	// Portal home and deep link. A sign-in link with a token that was never
	// issued is refused (410) for everyone; only agents make links.
	"POST /portal/link": {request: form("POST", "/portal/link", url.Values{"token": {"not.a.token"}}), expect: expect(rejected, nil)},
	"POST /api/v1/portal-links": {request: func(f fixture) (string, string, string, string) {
		return http.MethodPost, "/api/v1/portal-links", "application/json", fmt.Sprintf(`{"contact_id": %d}`, f.member)
	}, expect: expect(forbidden, map[string]outcome{"anon": unauth, "agent2": ok, "agent": ok, "admin": ok})},
	// (end of home routes)
	// Escalation, take over, bulk actions and who else has a ticket open.
	// An escalation without team and note is refused after the ticket was
	// found; a bulk action on a ticket the agent does not see reports it
	// as not allowed.
	"POST /desk/tickets/{number}/escalate": {request: onTicket("POST", "/desk/tickets/{number}/escalate", "application/x-www-form-urlencoded", "team=&note="),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound, "agent2": notFound})},
	"POST /desk/tickets/{number}/take":     {request: onTicket("POST", "/desk/tickets/{number}/take", "application/x-www-form-urlencoded", ""), expect: agentTicket},
	"POST /desk/tickets/{number}/presence": {request: onTicket("POST", "/desk/tickets/{number}/presence", "application/x-www-form-urlencoded", "composing=1"), expect: agentTicket},
	"POST /desk/tickets/bulk": {request: func(f fixture) (string, string, string, string) {
		return form("POST", "/desk/tickets/bulk", url.Values{"do": {"status"}, "status": {"Open"}, "ticket": {fmt.Sprint(f.number)}})(f)
	}, expect: agentsAny},
	// (end of levels routes)
	// Reply templates and macros.
	"GET /desk/templates":  {request: get("/desk/templates"), expect: agentsAny},
	"POST /desk/templates": {request: form("POST", "/desk/templates", url.Values{"name": {"Route"}, "language": {"en"}, "body": {"Hello {{contact.first_name}}"}}), expect: agentsAny},
	// A template, or macro, that does not exist: 404 to everyone signed in.
	"GET /desk/templates/{id}":         {request: get("/desk/templates/999999"), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/templates/{id}":        {request: form("POST", "/desk/templates/999999", url.Values{"name": {"Route"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/templates/{id}/delete": {request: form("POST", "/desk/templates/999999/delete", nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	"GET /desk/macros":                 {request: get("/desk/macros"), expect: agentsAny},
	"POST /desk/macros":                {request: form("POST", "/desk/macros", url.Values{"name": {"Route"}, "priority": {"high"}}), expect: agentsAny},
	"GET /desk/macros/{id}":            {request: get("/desk/macros/999999"), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/macros/{id}":           {request: form("POST", "/desk/macros/999999", url.Values{"name": {"Route"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/macros/{id}/delete":    {request: form("POST", "/desk/macros/999999/delete", nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/tickets/{number}/macros/{id}": {request: onTicket("POST", "/desk/tickets/{number}/macros/999999", "application/x-www-form-urlencoded", ""),
		expect: expect(notFound, map[string]outcome{"anon": login})},
	// (end of template routes)
	// Calls and text messages.
	"POST /desk/tickets/{number}/calls": {request: onTicket("POST", "/desk/tickets/{number}/calls", "application/x-www-form-urlencoded",
		"direction=in&number=0170+1234567&duration=3%3A30&outcome=callback_arranged&note=route"), expect: agentTicket},
	// An empty text is refused by the service after it found the ticket.
	"POST /desk/tickets/{number}/sms": {request: onTicket("POST", "/desk/tickets/{number}/sms", "application/x-www-form-urlencoded", "to=%2B491701234567&text="),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound, "agent2": notFound})},
	"GET /desk/calls/new": {request: get("/desk/calls/new?q=member"), expect: agentsAny},
	"POST /desk/calls": {request: func(f fixture) (string, string, string, string) {
		return form("POST", "/desk/calls", url.Values{"requester_id": {fmt.Sprint(f.member)}, "subject": {"Route call"},
			"direction": {"out"}, "number": {"+49 170 1234567"}, "duration": {"2"}, "outcome": {"reached"}})(f)
	}, expect: agentsAny},
	"GET /admin/sms":  {request: get("/admin/sms"), expect: adminOnly},
	"POST /admin/sms": {request: form("POST", "/admin/sms", url.Values{"url": {""}, "auth": {"none"}}), expect: adminOnly},
	// Without the gateway's signature every caller is refused alike.
	"POST /sms/webhook": {request: form("POST", "/sms/webhook", url.Values{"from": {"+491701234567"}, "text": {"hi"}}), expect: expect(unauth, nil)},
	// (end of call routes)
	// Order and reference numbers. Admins set the pattern (a pattern that
	// does not compile is refused); agents who see the ticket add and
	// remove numbers.
	"GET /admin/references":                  {request: get("/admin/references"), expect: adminOnly},
	"POST /admin/references":                 {request: form("POST", "/admin/references", url.Values{"pattern": {"(\\d+"}, "action": {"save"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"POST /desk/tickets/{number}/references": {request: onTicket("POST", "/desk/tickets/{number}/references", "application/x-www-form-urlencoded", "value=AB-4711023"), expect: agentTicket},
	"POST /desk/tickets/{number}/references/{id}/delete": {request: func(f fixture) (string, string, string, string) {
		return form("POST", fmt.Sprintf("/desk/tickets/%d/references/%d/delete", f.number, f.reference), nil)(f)
	}, expect: agentTicket},
	// (end of reference routes)
	// Ticket model: statuses, option values, custom fields. Admins reach
	// the handlers, whose checks refuse the deliberately bad input; status
	// 1 is the built-in "New", the only status of its category.
	"GET /admin/statuses":                 {request: get("/admin/statuses"), expect: adminOnly},
	"POST /admin/statuses":                {request: form("POST", "/admin/statuses", url.Values{"name": {""}, "category": {"open"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"POST /admin/statuses/{id}":           {request: form("POST", "/admin/statuses/1", url.Values{"name": {""}, "category": {"new"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"POST /admin/statuses/{id}/move":      {request: form("POST", "/admin/statuses/1/move", url.Values{"dir": {"up"}}), expect: adminOnly},
	"POST /admin/statuses/{id}/delete":    {request: form("POST", "/admin/statuses/1/delete", nil), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"GET /admin/fields":                   {request: get("/admin/fields"), expect: adminOnly},
	"POST /admin/fields":                  {request: form("POST", "/admin/fields", url.Values{"field": {"module"}, "value": {""}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"POST /admin/fields/update":           {request: form("POST", "/admin/fields/update", url.Values{"field": {"type"}, "value": {"question"}, "label_en": {strings.Repeat("x", 101)}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"POST /admin/fields/move":             {request: form("POST", "/admin/fields/move", url.Values{"field": {"type"}, "value": {"question"}, "dir": {"up"}}), expect: adminOnly},
	"POST /admin/fields/delete":           {request: form("POST", "/admin/fields/delete", url.Values{"field": {"type"}, "value": {"no-such-value"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"GET /admin/custom-fields":            {request: get("/admin/custom-fields"), expect: adminOnly},
	"POST /admin/custom-fields":           {request: form("POST", "/admin/custom-fields", url.Values{"key": {"Not A Key"}, "kind": {"text"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"GET /admin/custom-fields/{id}":       {request: get("/admin/custom-fields/999999"), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /admin/custom-fields/{id}":      {request: form("POST", "/admin/custom-fields/999999", nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /admin/custom-fields/{id}/move": {request: form("POST", "/admin/custom-fields/999999/move", url.Values{"dir": {"up"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"GET /api/v1/ticket-model":            {request: get("/api/v1/ticket-model"), expect: apiAny},
	// (end of ticket model routes)
	// Knowledge base. /kb adapts to who is signed in; the fixture has a
	// public, a contacts-only and an internal article (with an image). An
	// article a caller may not read is 404, pages and API alike: the
	// contacts article for visitors, the internal one for every contact.
	"GET /kb":         {request: get("/kb"), expect: everyone},
	"GET /kb/search":  {request: get("/kb/search?q=fixture"), expect: everyone},
	"GET /kb/suggest": {request: get("/kb/suggest?q=fixture"), expect: everyone},
	"GET /kb/articles/{id}": {request: byID("GET", "/kb/articles/%d", fixture.kbContactsID, nil),
		expect: expect(ok, map[string]outcome{"anon": notFound})},
	"POST /kb/articles/{id}/vote":   {request: byID("POST", "/kb/articles/%d/vote", fixture.kbPublicID, url.Values{"helpful": {"yes"}}), expect: everyone},
	"POST /kb/articles/{id}/opened": {request: byID("POST", "/kb/articles/%d/opened", fixture.kbPublicID, url.Values{"t": {"0123456789abcdef0123"}}), expect: everyone},
	"POST /kb/articles/{id}/follow": {request: byID("POST", "/kb/articles/%d/follow", fixture.kbContactsID, url.Values{"follow": {"1"}}),
		expect: contactsAny},
	"GET /kb/files/{id}": {request: byID("GET", "/kb/files/%d", fixture.kbFileID, nil),
		expect: expect(notFound, map[string]outcome{"agent2": ok, "agent": ok, "admin": ok})},
	"GET /desk/kb":                      {request: get("/desk/kb"), expect: agentsAny},
	"POST /desk/kb/categories":          {request: form("POST", "/desk/kb/categories", url.Values{"name": {""}}), expect: kbRejected},
	"POST /desk/kb/sections":            {request: form("POST", "/desk/kb/sections", url.Values{"category": {"0"}}), expect: kbRejected},
	"GET /desk/kb/articles/new":         {request: get("/desk/kb/articles/new"), expect: agentsAny},
	"POST /desk/kb/articles":            {request: form("POST", "/desk/kb/articles", url.Values{"title": {""}}), expect: kbRejected},
	"GET /desk/kb/articles/{id}":        {request: byID("GET", "/desk/kb/articles/%d", fixture.kbInternalID, nil), expect: agentsAny},
	"POST /desk/kb/articles/{id}":       {request: byID("POST", "/desk/kb/articles/%d", fixture.kbInternalID, url.Values{"title": {""}}), expect: kbRejected},
	"POST /desk/kb/articles/{id}/files": {request: byID("POST", "/desk/kb/articles/%d/files", fixture.kbInternalID, nil), expect: kbRejected},
	"GET /desk/kb/links":                {request: get("/desk/kb/links?q=fixture"), expect: agentsAny},
	"GET /api/v1/kb/articles":           {request: get("/api/v1/kb/articles?q=fixture"), expect: everyone},
	"GET /api/v1/kb/articles/{id}": {request: byID("GET", "/api/v1/kb/articles/%d", fixture.kbInternalID, nil),
		expect: expect(notFound, map[string]outcome{"agent2": ok, "agent": ok, "admin": ok})},
	"POST /api/v1/kb/articles": {request: onTicket("POST", "/api/v1/kb/articles", "application/json", `{"title":""}`),
		expect: expect(rejected, map[string]outcome{"anon": unauth, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"PATCH /api/v1/kb/articles/{id}": {request: func(f fixture) (string, string, string, string) {
		return http.MethodPatch, fmt.Sprintf("/api/v1/kb/articles/%d", f.kbInternal), "application/json", `{"visibility":"everyone"}`
	}, expect: expect(rejected, map[string]outcome{"anon": unauth, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	// (end of kb routes)
	// Knowledge-base tree: editing, moving and deleting categories and
	// sections (agents only) and following a section from /kb (contacts).
	// The fixture has no category or section, so these ask for one that
	// does not exist: 404 for every role that gets past sign-in;
	// internal/web/kbweb tests them on real ones.
	"GET /desk/kb/categories/{id}":         {request: get("/desk/kb/categories/999999"), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/kb/categories/{id}":        {request: form("POST", "/desk/kb/categories/999999", url.Values{"name_en": {"x"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/kb/categories/{id}/move":   {request: form("POST", "/desk/kb/categories/999999/move", url.Values{"dir": {"up"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/kb/categories/{id}/delete": {request: form("POST", "/desk/kb/categories/999999/delete", nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	"GET /desk/kb/sections/{id}":           {request: get("/desk/kb/sections/999999"), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/kb/sections/{id}":          {request: form("POST", "/desk/kb/sections/999999", url.Values{"name_en": {"x"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/kb/sections/{id}/move":     {request: form("POST", "/desk/kb/sections/999999/move", url.Values{"dir": {"up"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /desk/kb/sections/{id}/delete":   {request: form("POST", "/desk/kb/sections/999999/delete", nil), expect: expect(notFound, map[string]outcome{"anon": login})},
	"POST /kb/sections/{id}/follow":        {request: form("POST", "/kb/sections/999999/follow", url.Values{"follow": {"1"}}), expect: expect(notFound, map[string]outcome{"anon": login})},
	// (end of kb tree routes)
	// Feature board, with ideas.visibility at its default (own_org): the
	// fixture's idea is organization A's, so b.* get 404. Forms carry bad
	// input where a valid one would change the shared state.
	"GET /portal/ideas":              {request: get("/portal/ideas"), expect: contactsAny},
	"GET /portal/ideas/new":          {request: get("/portal/ideas/new"), expect: contactsAny},
	"POST /portal/ideas":             {request: form("POST", "/portal/ideas", url.Values{"title": {""}, "body": {"x"}}), expect: expect(rejected, map[string]outcome{"anon": login, "agent2": notFound, "agent": notFound, "admin": notFound})},
	"GET /portal/ideas/{id}":         {request: byID("GET", "/portal/ideas/%d", fixture.ideaID, nil), expect: contactOrgA},
	"POST /portal/ideas/{id}/vote":   {request: byID("POST", "/portal/ideas/%d/vote", fixture.ideaID, nil), expect: contactOrgA},
	"POST /portal/ideas/{id}/unvote": {request: byID("POST", "/portal/ideas/%d/unvote", fixture.ideaID, nil), expect: contactOrgA},
	"POST /portal/ideas/{id}/comments": {request: byID("POST", "/portal/ideas/%d/comments", fixture.ideaID, url.Values{"body": {" "}}),
		expect: expect(rejected, map[string]outcome{"anon": login, "b.member": notFound, "b.admin": notFound, "agent2": notFound, "agent": notFound, "admin": notFound})},
	"GET /portal/ideas/{id}/files/{file}": {request: func(f fixture) (string, string, string, string) {
		return get(fmt.Sprintf("/portal/ideas/%d/files/%d", f.idea, f.ideaFile))(f)
	}, expect: contactOrgA},
	"GET /desk/ideas":      {request: get("/desk/ideas"), expect: agentsAny},
	"GET /desk/ideas/{id}": {request: byID("GET", "/desk/ideas/%d", fixture.ideaID, nil), expect: agentsAny},
	"POST /desk/ideas/{id}/comments": {request: byID("POST", "/desk/ideas/%d/comments", fixture.ideaID, url.Values{"body": {""}}),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"POST /desk/ideas/{id}/status": {request: byID("POST", "/desk/ideas/%d/status", fixture.ideaID, url.Values{"status": {"shipped"}}),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"POST /desk/ideas/{id}/tags": {request: byID("POST", "/desk/ideas/%d/tags", fixture.ideaID, url.Values{"tags": {strings.Repeat("t", 41)}}),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"POST /desk/ideas/{id}/merge": {request: byID("POST", "/desk/ideas/%d/merge", fixture.ideaID, url.Values{"into": {""}}),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	"POST /desk/ideas/{id}/tickets": {request: byID("POST", "/desk/ideas/%d/tickets", fixture.ideaID, url.Values{"number": {""}}),
		expect: expect(rejected, map[string]outcome{"anon": login, "a.member": notFound, "a.colleague": notFound, "a.primary": notFound, "a.admin": notFound, "b.member": notFound, "b.admin": notFound})},
	// The fixture's ticket is not linked; unlinking it changes nothing,
	// and agent2, who does not see the ticket, gets 404.
	"POST /desk/ideas/{id}/tickets/{number}/delete": {request: func(f fixture) (string, string, string, string) {
		return form("POST", fmt.Sprintf("/desk/ideas/%d/tickets/%d/delete", f.idea, f.number), nil)(f)
	}, expect: agentTicket},
	"GET /desk/ideas/{id}/files/{file}": {request: func(f fixture) (string, string, string, string) {
		return get(fmt.Sprintf("/desk/ideas/%d/files/%d", f.idea, f.ideaFile))(f)
	}, expect: agentsAny},
	"GET /admin/ideas":   {request: get("/admin/ideas"), expect: adminOnly},
	"POST /admin/ideas":  {request: form("POST", "/admin/ideas", url.Values{"visibility": {"everyone"}}), expect: expect(notFound, map[string]outcome{"anon": login, "admin": rejected})},
	"GET /api/v1/ideas":  {request: get("/api/v1/ideas"), expect: apiAny},
	"POST /api/v1/ideas": {request: onTicket("POST", "/api/v1/ideas", "application/json", `{"title":""}`), expect: expect(rejected, map[string]outcome{"anon": unauth})},
	"GET /api/v1/ideas/{id}": {request: byID("GET", "/api/v1/ideas/%d", fixture.ideaID, nil),
		expect: expect(ok, map[string]outcome{"anon": unauth, "b.member": notFound, "b.admin": notFound})},
	"POST /api/v1/ideas/{id}/vote": {request: byID("POST", "/api/v1/ideas/%d/vote", fixture.ideaID, nil),
		expect: expect(ok, map[string]outcome{"anon": unauth, "b.member": notFound, "b.admin": notFound, "agent2": forbidden, "agent": forbidden, "admin": forbidden})},
	"DELETE /api/v1/ideas/{id}/vote": {request: func(f fixture) (string, string, string, string) {
		return http.MethodDelete, fmt.Sprintf("/api/v1/ideas/%d/vote", f.idea), "", ""
	}, expect: expect(ok, map[string]outcome{"anon": unauth, "b.member": notFound, "b.admin": notFound, "agent2": forbidden, "agent": forbidden, "admin": forbidden})},
	"POST /api/v1/ideas/{id}/comments": {request: func(f fixture) (string, string, string, string) {
		return http.MethodPost, fmt.Sprintf("/api/v1/ideas/%d/comments", f.idea), "application/json", `{"body":""}`
	}, expect: expect(rejected, map[string]outcome{"anon": unauth, "b.member": notFound, "b.admin": notFound})},
	// (end of ideas routes)
}

func newAgentForm(f fixture) (string, string, string, string) {
	n := newAgentSeq.Add(1)
	return form("POST", "/admin/agents", url.Values{"email": {fmt.Sprintf("new%d-%d@staff.example", n, f.seq)}, "name": {"New agent"}, "password": {"long enough pw"}})(f)
}

func upload(fixture) (string, string, string, string) {
	const boundary = "XBOUNDARYX"
	body := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n"
	return http.MethodPost, "/api/v1/uploads", "multipart/form-data; boundary=" + boundary, body
}

// TestEveryRouteIsAuthorizedForEveryRole walks every registered route with
// every role — anonymous, each contact role of organization A, contacts of
// organization B, an agent of another team, an agent and an admin — and
// checks what each gets. A route added without an entry here fails.
func TestEveryRouteIsAuthorizedForEveryRole(t *testing.T) {
	env := testenv.New(t)
	registered := map[string]bool{}
	for _, r := range env.App.Web.Router().Routes() {
		registered[r.Pattern] = true
		if _, ok := routeTable[r.Pattern]; !ok {
			t.Errorf("route %q has no entry in the authorization table", r.Pattern)
		}
	}
	for pattern := range routeTable {
		if !registered[pattern] {
			t.Errorf("the table names %q, which is not registered", pattern)
		}
	}
	// A fixture serves request after request until one changes something:
	// a request that is refused changes nothing (that is the rule under
	// test), so only a mutating request that succeeds uses it up.
	fixtures := map[bool]*fixture{}
	seq := int64(0)
	for _, pattern := range slices.Sorted(maps.Keys(routeTable)) {
		rc := routeTable[pattern]
		for _, role := range roles {
			seq++
			f := fixtures[rc.resolved]
			if f == nil {
				fresh := newFixture(t, env, rc.resolved)
				f = &fresh
				fixtures[rc.resolved] = f
			}
			f.seq = seq
			method, path, ct, body := rc.request(*f)
			c := env.Anonymous(t)
			if role != "anon" {
				c = env.Session(t, role)
			}
			// Half the tries ask in German, so that the refusals and
			// error pages of every route are seen in both languages.
			c.Lang = []string{"en", "de"}[seq%2]
			req, err := http.NewRequest(method, env.URL(path), strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if ct != "" {
				req.Header.Set("Content-Type", ct)
			}
			res := c.Do(req)
			got := classify(res)
			if got, want := got, rc.expect[role]; got != want {
				t.Errorf("%s as %s: got %s (status %d, location %q), want %s", pattern, role, got, res.StatusCode, res.Header.Get("Location"), want)
			}
			if got == ok && method != http.MethodGet && method != http.MethodHead {
				delete(fixtures, rc.resolved)
			}
		}
	}
	for _, k := range env.App.Web.Catalog.Missing() {
		t.Errorf("a page asked for %q, which the catalogue lacks", k)
	}
}

func classify(res *testenv.Response) outcome {
	code := res.StatusCode
	switch {
	case code >= 300 && code < 400 && strings.HasPrefix(res.Header.Get("Location"), "/login"):
		return login
	case code < 400:
		return ok
	case code == http.StatusUnauthorized && !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html"):
		return unauth
	case code == http.StatusNotFound:
		return notFound
	case code == http.StatusForbidden:
		return forbidden
	case code < 500:
		return rejected
	}
	return outcome(fmt.Sprint(code))
}

// newFixture opens a ticket of a.member with an attached file.
func newFixture(t *testing.T, env *testenv.Env, resolved bool) fixture {
	t.Helper()
	ctx := context.Background()
	member := env.User(t, "a.member")
	up, err := env.App.Tickets.Upload(ctx, member, "notes.txt", "text/plain", strings.NewReader("route test"))
	if err != nil {
		t.Fatal(err)
	}
	tk, err := env.App.Tickets.Create(ctx, member, ticket.CreateParams{Subject: "Fixture", Body: "body", Attachments: []int64{up.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if resolved {
		c := model.CategoryResolved
		if _, err := env.App.Tickets.Update(ctx, env.User(t, "agent"), tk.Number, ticket.UpdateParams{Category: &c}); err != nil {
			t.Fatal(err)
		}
	}
	raw, _, err := env.App.Blobs.Put(ctx, strings.NewReader("From: "+member.Email+"\r\nSubject: Fixture\r\n\r\nMore detail.\r\n"), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	mail, err := env.Store.CreateMessage(ctx, store.NewMessage{TicketID: tk.ID, Kind: model.KindEmailIn, AuthorID: member.ID,
		Body: "More detail.", HTML: "<p><b>More</b> detail.</p>", Sender: member.Email, RawKey: raw})
	if err != nil {
		t.Fatal(err)
	}
	mailbox, err := env.Store.CreateMailbox(ctx, &store.Mailbox{Name: fmt.Sprint("Fixture ", tk.Number),
		Address: fmt.Sprintf("fixture%d@example.com", tk.Number), IMAPPort: 993, IMAPSecurity: "tls", IMAPFolder: "INBOX", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	inboundID, err := env.Store.CreateInboundMail(ctx, &store.InboundMail{DedupKey: fmt.Sprint("fixture-", tk.Number), Source: "smtp",
		RawKey: raw, Size: 1, Sender: member.Email, Subject: "Fixture", Outcome: store.MailCreated, TicketID: tk.ID})
	if err != nil {
		t.Fatal(err)
	}
	outboxID, err := env.Store.EnqueueMail(ctx, &store.OutboxMail{Kind: "received", TicketID: tk.ID, MessageID: fmt.Sprintf("fixture-%d@localhost", tk.Number),
		Sender: "support@localhost", Recipients: []string{member.Email}, Subject: "Fixture", RawKey: raw})
	if err != nil {
		t.Fatal(err)
	}
	contractID, err := env.Store.CreateContract(ctx, env.World.OrgA.ID, store.ContractInput{Name: fmt.Sprint("Fixture ", tk.Number),
		StartsAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Period: model.PeriodMonth, Units: 10, UnitMinutes: 15})
	if err != nil {
		t.Fatal(err)
	}
	rules, err := env.Store.RoutingRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules { // one rule at a time, so that ticket creation stays quick
		if err := env.Store.DeleteRoutingRule(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
	}
	ruleID, err := env.Store.CreateRoutingRule(ctx, &store.RoutingRule{Name: fmt.Sprint("Fixture ", tk.Number), Conditions: "{}", Actions: "{}"})
	if err != nil {
		t.Fatal(err)
	}
	entryID, err := env.Store.CreateTimeEntry(ctx, store.NewTimeEntry{TicketID: tk.ID, UserID: env.User(t, "admin").ID,
		WorkedAt: time.Now().UTC().Add(-time.Hour), Minutes: 30, Note: "Fixture"})
	if err != nil {
		t.Fatal(err)
	}
	refID, _, err := env.Store.AddTicketReference(ctx, store.NewTicketReference{TicketID: tk.ID, Value: "4711023", Source: store.ReferenceFound})
	if err != nil {
		t.Fatal(err)
	}
	kbIDs := kbFixture(t, env)
	f := fixture{number: tk.Number, attachment: up.ID, message: mail, mailbox: mailbox, inbound: inboundID, outbox: outboxID,
		orgA: env.World.OrgA.ID, contract: contractID, member: member.ID, rule: ruleID, timeEntry: entryID, reference: refID,
		kbPublic: kbIDs[0], kbContacts: kbIDs[1], kbInternal: kbIDs[2], kbFile: kbIDs[3]}
	f.document, f.version, f.project, f.milestone = recordsFixture(t, env, raw)
	f.idea, f.ideaFile = ideaFixture(t, env)
	return f
}
