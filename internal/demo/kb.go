package demo

import (
	"context"

	"supportal/internal/store"
)

// demoSection is a section of the demo knowledge base and its articles.
type demoSection struct {
	category, name string
	articles       []demoArticle
}

// demoArticle is an article with its English and German text; an empty
// German title leaves the article in English only.
type demoArticle struct {
	visibility      string
	enTitle, enBody string
	deTitle, deBody string
	draftGerman     bool // the German text is still a draft
}

var demoKB = []demoSection{
	{category: "Getting started", name: "Your account", articles: []demoArticle{
		{visibility: "public",
			enTitle: "Resetting your password",
			enBody:  "If you forgot your password:\n\n1. Open the sign-in page.\n2. Choose **Forgot password**.\n3. Enter your address; we send you a link that works for one hour.\n\nThe link works once. If it expired, ask for a new one.",
			deTitle: "Passwort zurücksetzen",
			deBody:  "Wenn Sie Ihr Passwort vergessen haben:\n\n1. Öffnen Sie die Anmeldeseite.\n2. Wählen Sie **Passwort vergessen**.\n3. Geben Sie Ihre Adresse ein; wir schicken Ihnen einen Link, der eine Stunde gilt.\n\nDer Link funktioniert einmal. Ist er abgelaufen, fordern Sie einen neuen an."},
		{visibility: "public",
			enTitle: "Turning on two-factor sign-in",
			enBody:  "Under **Account → Security** scan the QR code with an authenticator app and enter the six-digit code it shows.\n\nKeep the recovery codes in a safe place.",
			deTitle: "Anmeldung in zwei Schritten einschalten",
			deBody:  "Unter **Konto → Sicherheit** scannen Sie den QR-Code mit einer Authenticator-App und geben den sechsstelligen Code ein, den sie anzeigt.\n\nBewahren Sie die Wiederherstellungscodes sicher auf."},
	}},
	{category: "Getting started", name: "Tickets", articles: []demoArticle{
		{visibility: "public",
			enTitle: "What to include in a support request",
			enBody:  "We can help fastest when a ticket names:\n\n| What | Example |\n|---|---|\n| Module and version | Invoicing 4.2 |\n| What you expected | The invoice prints |\n| What happened | An empty page prints |\n\nAttach screenshots or log files. See also [resetting your password](/kb/articles/1).",
			deTitle: "Was in eine Supportanfrage gehört",
			deBody:  "Am schnellsten helfen wir, wenn ein Ticket Folgendes nennt:\n\n| Was | Beispiel |\n|---|---|\n| Modul und Version | Fakturierung 4.2 |\n| Was Sie erwartet haben | Die Rechnung wird gedruckt |\n| Was passiert ist | Es kommt eine leere Seite |\n\nHängen Sie Bildschirmfotos oder Logdateien an.", draftGerman: true},
	}},
	{category: "Products", name: "Invoicing", articles: []demoArticle{
		{visibility: "public",
			enTitle: "Invoices print as blank pages",
			enBody:  "Blank pages usually come from an outdated printer driver.\n\n```\nSettings → Printing → Driver: use \"PCL 6\"\n```\n\nRestart the invoicing client afterwards.",
			deTitle: "Rechnungen werden als leere Seiten gedruckt",
			deBody:  "Leere Seiten kommen meist von einem veralteten Druckertreiber.\n\n```\nEinstellungen → Drucken → Treiber: „PCL 6“ wählen\n```\n\nStarten Sie danach den Fakturierungs-Client neu."},
		{visibility: "contacts",
			enTitle: "Downloading licence keys",
			enBody:  "Licence keys of your organization are listed in the portal under **Contracts**. Portal admins can pass them on to colleagues.",
			deTitle: "Lizenzschlüssel herunterladen",
			deBody:  "Die Lizenzschlüssel Ihrer Organisation finden Sie im Portal unter **Verträge**. Portal-Admins können sie an Kolleginnen und Kollegen weitergeben."},
	}},
	{category: "Products", name: "Support team", articles: []demoArticle{
		{visibility: "internal",
			enTitle: "Escalating database start-up failures",
			enBody:  "If a customer's database does not start:\n\n- ask for `server.log` from the last start,\n- escalate to **Technical** with the log attached,\n- set the customer's ticket to *On hold*.",
			deTitle: "Datenbank startet nicht: Eskalation",
			deBody:  "Startet die Datenbank eines Kunden nicht:\n\n- `server.log` des letzten Starts anfordern,\n- mit dem Log an **Technik** eskalieren,\n- das Ticket des Kunden auf *Angehalten* setzen."},
		{visibility: "public",
			enTitle: "Support hours and response times",
			enBody:  "Support answers Monday to Friday, 8:00 to 18:00. Urgent tickets get a first answer within two business hours."},
	}},
}

// createKB writes the demo knowledge base: two categories, four sections
// and seven articles in English and German, one internal, one for
// customers only, one German translation still a draft.
func createKB(ctx context.Context, q *store.Queries, who *ids) error {
	author := who.users["sabine"]
	cats := map[string]int64{}
	for _, sec := range demoKB {
		cat, ok := cats[sec.category]
		if !ok {
			id, err := q.CreateKBCategory(ctx, &store.KBCategory{Name: sec.category, Position: len(cats)})
			if err != nil {
				return err
			}
			cat, cats[sec.category] = id, id
		}
		secID, err := q.CreateKBSection(ctx, &store.KBSection{CategoryID: cat, Name: sec.name})
		if err != nil {
			return err
		}
		for _, a := range sec.articles {
			id, err := q.CreateKBArticle(ctx, &store.KBArticle{SectionID: secID, Visibility: a.visibility, CreatedBy: author})
			if err != nil {
				return err
			}
			if _, err := q.SaveKBTranslation(ctx, &store.KBTranslation{ArticleID: id, Language: "en", Title: a.enTitle, Body: a.enBody,
				Status: "published", UpdatedBy: author}); err != nil {
				return err
			}
			if a.deTitle == "" {
				continue
			}
			status := "published"
			if a.draftGerman {
				status = "draft"
			}
			if _, err := q.SaveKBTranslation(ctx, &store.KBTranslation{ArticleID: id, Language: "de", Title: a.deTitle, Body: a.deBody,
				Status: status, UpdatedBy: author}); err != nil {
				return err
			}
		}
	}
	return nil
}
