package portal_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"supportal/internal/contract"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// newContract gives organization orgID a contract that started long ago.
func newContract(t *testing.T, env *testenv.Env, orgID int64, name string, period model.Period, units, minutes int64) int64 {
	t.Helper()
	id, err := env.Store.CreateContract(context.Background(), orgID, store.ContractInput{Name: name,
		StartsAt: time.Date(2020, 1, 1, 0, 0, 0, 0, env.App.Config.TimeZone), Period: period, Units: units, UnitMinutes: minutes})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// book books units on a contract as the agent, now.
func book(t *testing.T, env *testenv.Env, contractID int64, units int64, tk *model.Ticket, note string) {
	t.Helper()
	in := contract.BookInput{Units: fmt.Sprint(units), Note: note}
	if tk != nil {
		in.Ticket = fmt.Sprint(tk.Number)
	}
	svc := contract.New(env.Store, env.App.Config.TimeZone)
	if _, err := svc.Book(context.Background(), env.User(t, "agent"), contractID, in); err != nil {
		t.Fatal(err)
	}
}

func TestContactsWithTheRightSeeWhatIsLeftOfTheirContract(t *testing.T) {
	env := testenv.New(t)
	id := newContract(t, env, env.OrgA.ID, "Premium Support A", model.PeriodQuarter, 40, 15)
	tk := env.Ticket(t, "a.member", "Server down", "Please help")
	book(t, env, id, 3, tk, "Phone call")
	book(t, env, id, 5, nil, "Remote session")
	book(t, env, id, -1, nil, "Goodwill credit")
	for _, key := range []string{"a.primary", "a.admin"} {
		c := env.Session(t, key)
		res := c.Get("/portal/contracts")
		wantStatus(t, res, http.StatusOK)
		wantText(t, res.Body, "Premium Support A", "Quarterly", "40 units × 15 min = 10 h 0 min",
			"7 (1 h 45 min)", "33 (8 h 15 min)", `<meter id="contract-`, `max="40"`, `value="7"`,
			"7 of 40 units used", "Phone call", "Remote session", "Goodwill credit", "credit",
			fmt.Sprintf(`<a href="/portal/tickets/%d">#%d</a>`, tk.Number, tk.Number), `href="/portal/contracts" aria-current="page"`)
		c.Lang = "de"
		res = c.Get("/portal/contracts")
		wantText(t, res.Body, "Supportverträge", "Vierteljährlich", "33 (8 Std. 15 Min.)", "7 (1 Std. 45 Min.)", "Gutschrift")
	}
}

func TestContractsAreHiddenFromContactsWithoutTheRightAndFromOtherOrganizations(t *testing.T) {
	env := testenv.New(t)
	a := newContract(t, env, env.OrgA.ID, "Contract of A", model.PeriodMonth, 10, 30)
	newContract(t, env, env.OrgB.ID, "Contract of B", model.PeriodYear, 2, 60)
	book(t, env, a, 4, nil, "Secret work for A")
	for _, key := range []string{"a.member", "a.colleague", "b.member", "loner"} {
		c := env.Session(t, key)
		wantStatus(t, c.Get("/portal/contracts"), http.StatusNotFound)
		wantNoText(t, c.Get("/portal/tickets").Body, `href="/portal/contracts"`)
	}
	res := env.Session(t, "b.admin").Get("/portal/contracts")
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, "Contract of B", "Yearly")
	wantNoText(t, res.Body, "Contract of A", "Secret work for A")
	res = env.Session(t, "a.primary").Get("/portal/contracts")
	wantText(t, res.Body, "Contract of A")
	wantNoText(t, res.Body, "Contract of B")
}

func TestGrantedRightShowsContractsButLinksOnlyTicketsTheContactSees(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	m := env.User(t, "a.member")
	if err := env.Store.SetContactRights(ctx, env.OrgA.ID, m.ID, model.RoleCustom, model.Rights{model.RightContracts}); err != nil {
		t.Fatal(err)
	}
	id := newContract(t, env, env.OrgA.ID, "Basic", model.PeriodMonth, 8, 15)
	own := env.Ticket(t, "a.member", "My printer", "It jams")
	other := env.Ticket(t, "a.colleague", "Confidential salary question", "Body")
	book(t, env, id, 2, own, "")
	book(t, env, id, 1, other, "")
	c := env.Session(t, "a.member")
	res := c.Get("/portal/contracts")
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, fmt.Sprintf(`href="/portal/tickets/%d"`, own.Number), fmt.Sprintf("#%d", other.Number), "5 (1 h 15 min)")
	wantNoText(t, res.Body, fmt.Sprintf(`href="/portal/tickets/%d"`, other.Number), "Confidential salary question", "My printer")
}

func TestOverBudgetAndInactiveContractsSaySo(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	over := newContract(t, env, env.OrgA.ID, "Small", model.PeriodYear, 2, 60)
	book(t, env, over, 3, nil, "")
	loc := env.App.Config.TimeZone
	next := time.Now().In(loc).AddDate(1, 0, 0)
	if _, err := env.Store.CreateContract(ctx, env.OrgA.ID, store.ContractInput{Name: "Next year", Period: model.PeriodTerm, Units: 5, UnitMinutes: 30,
		StartsAt: time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, loc)}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.CreateContract(ctx, env.OrgA.ID, store.ContractInput{Name: "Old one", Period: model.PeriodMonth, Units: 5, UnitMinutes: 30,
		StartsAt: time.Date(2019, 1, 1, 0, 0, 0, 0, loc), EndsAt: time.Date(2020, 1, 1, 0, 0, 0, 0, loc)}); err != nil {
		t.Fatal(err)
	}
	c := env.Session(t, "a.primary")
	res := c.Get("/portal/contracts")
	wantText(t, res.Body, "-1 (-1 h 0 min)", "Over budget: 1 unit (1 h 0 min) more used than granted.",
		"Not active yet: the contract starts on", "Not active: the contract ended on Dec 31, 2019.")
	if n := len(regexp.MustCompile(`<meter `).FindAllString(res.Body, -1)); n != 1 {
		t.Errorf("%d meters, want one for the one active contract", n)
	}
	c.Lang = "de"
	res = c.Get("/portal/contracts")
	wantText(t, res.Body, "Kontingent überschritten: 1 Einheit (1 Std. 0 Min.)", "Der Vertrag endete am 31.12.2019.")
}
