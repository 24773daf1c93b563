package demo

import (
	"context"
	"time"

	"supportal/internal/model"
	"supportal/internal/slaclock"
	"supportal/internal/store"
)

// record is what the demo keeps about a customer besides its people: its
// postal addresses and its support contract, with units already used.
type record struct {
	addresses []store.OrgAddress // OrgID is filled in
	contract  store.ContractInput
	used      []usage
}

// usage is one booking on a demo contract, days before the demo starts.
type usage struct {
	daysAgo int
	units   int64
	by      string // staff key
	note    string
}

// records are the customers' records, by organization key.
var records = map[string]record{
	"brandt": {
		addresses: []store.OrgAddress{
			{Kind: "correspondence", Company: "Brandt & Söhne Maschinenbau GmbH", Street: "Industriestraße 12",
				PostalCode: "33602", City: "Bielefeld", Country: "DE"},
			{Kind: "invoice", Company: "Brandt & Söhne Maschinenbau GmbH", Department: "Buchhaltung", Street: "Industriestraße 12",
				PostalCode: "33602", City: "Bielefeld", Country: "DE", VATID: "DE123456789", Email: "rechnungen@brandt-maschinenbau.example"},
			{Kind: "delivery", Company: "Brandt & Söhne Maschinenbau GmbH", Department: "Warenannahme Tor 3", Street: "Am Güterbahnhof 4",
				Extra: "Halle B", PostalCode: "33609", City: "Bielefeld", Country: "DE"},
		},
		contract: store.ContractInput{Name: "Wartungsvertrag Premium", Period: model.PeriodQuarter, Units: 40, UnitMinutes: 15,
			Notes: "Reaktionszeit 4 Stunden werktags."},
		used: []usage{{9, 6, "lena", "Telefonat zur Inventur"}, {4, 3, "daniel", "Analyse Scanner-Verbindung"}},
	},
	"harbour": {
		addresses: []store.OrgAddress{
			{Kind: "correspondence", Company: "Harbour Logistics Ltd", Street: "14 Quayside", PostalCode: "NE1 3DX",
				City: "Newcastle upon Tyne", Country: "GB"},
			{Kind: "invoice", Company: "Harbour Logistics Ltd", Department: "Accounts Payable", Street: "14 Quayside",
				PostalCode: "NE1 3DX", City: "Newcastle upon Tyne", Country: "GB", VATID: "GB123456789", Email: "invoices@harbour-logistics.example"},
		},
		contract: store.ContractInput{Name: "Standard Support", Period: model.PeriodMonth, Units: 10, UnitMinutes: 30},
		used:     []usage{{3, 2, "daniel", "EDI mapping review"}},
	},
	"keller": {
		addresses: []store.OrgAddress{
			{Kind: "correspondence", Company: "Keller Medizintechnik AG", Street: "Seestrasse 210", PostalCode: "8810",
				City: "Horgen", Country: "CH"},
			{Kind: "invoice", Company: "Keller Medizintechnik AG", Department: "Kreditoren", Street: "Postfach 44",
				PostalCode: "8810", City: "Horgen", Country: "CH", VATID: "CHE-123.456.789 MWST"},
		},
		contract: store.ContractInput{Name: "Service Level Gold", Period: model.PeriodYear, Units: 120, UnitMinutes: 15,
			Notes: "Validated environment: changes only after a signed change request."},
		used: []usage{{40, 12, "daniel", "Upgrade to WMS 6.0"}, {6, 2, "lena", "Reporting question"}},
	},
}

// serviceLevels are the vendor's targets by priority, in working minutes:
// first response and resolution.
var serviceLevels = map[string][2]int64{"high": {2 * 60, 16 * 60}, "normal": {8 * 60, 40 * 60}, "low": {16 * 60, 80 * 60}}

// createServiceLevels sets the support calendar (office hours, German
// public holidays), the general targets by priority, and Brandt's
// contract's own first-response target of four hours.
func createServiceLevels(ctx context.Context, q *store.Queries, brandtContract int64) error {
	for key, value := range map[string]string{slaclock.SettingHours: "mon-fri 08:00-17:00", slaclock.SettingGermanHolidays: "1"} {
		if err := q.SetSetting(ctx, key, value); err != nil {
			return err
		}
	}
	for priority, t := range serviceLevels {
		if err := q.SaveSLAPolicy(ctx, store.SLAPolicy{Priority: priority, FirstResponseMinutes: t[0], ResolutionMinutes: t[1]}); err != nil {
			return err
		}
	}
	return q.SaveSLAPolicy(ctx, store.SLAPolicy{ContractID: brandtContract, FirstResponseMinutes: 4 * 60, ResolutionMinutes: 40 * 60})
}

// createRecords writes the customers' addresses and contracts; a contract
// runs from the first of the year, so its current period has begun.
func createRecords(ctx context.Context, q *store.Queries, who *ids, now time.Time) error {
	start := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	for _, o := range customers {
		r, orgID := records[o.key], who.orgs[o.key]
		for _, a := range r.addresses {
			a.OrgID = orgID
			if err := q.SaveOrgAddress(ctx, a); err != nil {
				return err
			}
		}
		c := r.contract
		c.StartsAt = start
		id, err := q.CreateContract(ctx, orgID, c)
		if err != nil {
			return err
		}
		if o.key == "brandt" {
			if err := createServiceLevels(ctx, q, id); err != nil {
				return err
			}
		}
		for _, u := range r.used {
			at := now.AddDate(0, 0, -u.daysAgo)
			if at.Before(start) {
				at = start // early in January the period is young
			}
			if _, err := q.AddUnitBooking(ctx, store.NewUnitBooking{ContractID: id, BookedAt: at, Units: u.units,
				UserID: who.users[u.by], Note: u.note}); err != nil {
				return err
			}
		}
	}
	return nil
}
