package seed

// phrases are the building blocks of seeded texts in one language. A text
// is a few of them chosen at random, so lengths vary from a line to
// several paragraphs.
type phrases struct {
	subjects  []string // what a request is about
	details   []string // appended to some subjects
	greetings []string
	problem   []string // sentences of a customer's message
	customer  []string // sentences of a customer's later reply
	agent     []string // sentences of support's answer
	notes     []string // sentences of an internal note
	closings  []string
	waiting   []string // what support waits for
}

var german = phrases{
	subjects: []string{
		"Anmeldung am Portal nicht möglich",
		"Rechnung für März fehlt",
		"Export nach Excel bricht ab",
		"Druckauftrag hängt in der Warteschlange",
		"Fehlermeldung beim Speichern eines Angebots",
		"Synchronisation mit dem Lager dauert sehr lange",
		"Neuer Benutzer für die Buchhaltung",
		"Passwort zurücksetzen funktioniert nicht",
		"Schnittstelle zum Onlineshop liefert keine Bestellungen",
		"Berichte zeigen falsche Summen",
		"Lizenz läuft Ende des Monats ab",
		"Frage zur Datensicherung",
		"Update auf die neue Version",
		"E-Mails kommen doppelt an",
		"Zeiterfassung rundet falsch",
		"Artikelbilder werden nicht angezeigt",
		"Sehr langsame Antwortzeiten seit heute Morgen",
		"Zugriff für externen Dienstleister einrichten",
		"Umstellung der Mehrwertsteuer",
		"Kundendaten lassen sich nicht zusammenführen",
		"Etikettendrucker druckt leere Seiten",
		"Wunsch: Filter nach Lieferdatum",
		"Import der Preisliste schlägt fehl",
		"Zwei-Faktor-Anmeldung auf neuem Telefon",
		"Mahnlauf hat Kunden doppelt gemahnt",
		"Dashboard bleibt leer",
		"Abteilung umbenennen",
		"Termin für die Schulung im Herbst",
		"Zertifikat des Servers abgelaufen",
		"Auftragsbestätigung mit falschem Logo",
		"Kann keine Anhänge mehr hochladen",
		"Bestandsliste stimmt nicht mit Inventur überein",
		"Kündigung eines Arbeitsplatzes",
		"Fehler 500 beim Öffnen der Kundenliste",
		"Suche findet keine Artikelnummern",
		"Bitte um Rückruf wegen Vertragsverlängerung",
	},
	details: []string{
		"(dringend)", "– Filiale Nord", "seit dem letzten Update", "bei mehreren Kollegen",
		"– nur im Firefox", "Version 4.2", "Mandant 3", "nach Serverumzug", "– Wiederholung",
	},
	greetings: []string{
		"Hallo zusammen,", "Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo Support-Team,", "Moin,",
	},
	problem: []string{
		"Seit heute Vormittag erscheint beim Speichern eine Fehlermeldung.",
		"Das Problem tritt bei allen Kolleginnen und Kollegen in der Buchhaltung auf.",
		"Wir haben den Rechner bereits neu gestartet, leider ohne Erfolg.",
		"Im Anhang finden Sie einen Screenshot der Meldung.",
		"Bis gestern hat alles noch einwandfrei funktioniert.",
		"Der Fehler lässt sich jederzeit wiederholen.",
		"Es betrifft nur Aufträge mit mehr als zwanzig Positionen.",
		"Können Sie uns bitte sagen, wie wir weiter vorgehen sollen?",
		"Wir brauchen die Auswertung bis Freitag für den Monatsabschluss.",
		"Die Seite lädt etwa eine Minute und bricht dann ab.",
		"Ich habe die Anleitung aus dem Handbuch befolgt, komme aber nicht weiter.",
		"Auf dem Testsystem funktioniert es ohne Probleme.",
		"Unsere IT hat an der Firewall nichts verändert.",
		"Der Kunde wartet dringend auf seine Lieferung.",
		"Gibt es dafür eine Lösung oder einen Workaround?",
		"Die Meldung lautet: „Verbindung zum Server unterbrochen“.",
	},
	customer: []string{
		"Vielen Dank für die schnelle Rückmeldung.",
		"Das hat leider nicht geholfen, der Fehler tritt weiterhin auf.",
		"Ich habe die gewünschten Daten angehängt.",
		"Jetzt funktioniert es wieder, danke!",
		"Wann können wir mit einer Lösung rechnen?",
		"Der Kollege ist ab Montag wieder im Haus und meldet sich dann.",
		"Die Protokolldatei liegt bei.",
		"Wir haben es wie beschrieben ausprobiert.",
		"Bitte rufen Sie mich kurz an, das ist schneller.",
		"Das Ticket kann geschlossen werden.",
	},
	agent: []string{
		"Vielen Dank für Ihre Nachricht.",
		"Wir haben uns das Problem angesehen und konnten es nachstellen.",
		"Bitte leeren Sie einmal den Browser-Cache und melden Sie sich neu an.",
		"Könnten Sie uns die Protokolldatei aus dem Programmordner schicken?",
		"Der Fehler ist mit dem Update 4.2.3 behoben, das heute Abend eingespielt wird.",
		"Wir haben die Berechtigung für den Benutzer angepasst.",
		"Die Rechnung haben wir Ihnen erneut zugeschickt.",
		"Unsere Entwicklung prüft den Fall und wir melden uns, sobald es Neuigkeiten gibt.",
		"Als Übergangslösung können Sie den Export in zwei Teilen durchführen.",
		"Bitte prüfen Sie, ob das Problem jetzt noch auftritt.",
		"Die Schnittstelle lief wegen eines abgelaufenen Zertifikats nicht, das ist erneuert.",
		"Wir schließen das Ticket in einigen Tagen, wenn wir nichts mehr von Ihnen hören.",
	},
	notes: []string{
		"Kunde hat angerufen, wirkt etwas ungeduldig.",
		"Ähnlicher Fall letzte Woche bei einem anderen Kunden, siehe verknüpftes Ticket.",
		"Bitte an den 2nd Level geben, Datenbankzugriff nötig.",
		"Logs geprüft: Timeout bei der Verbindung zum Lager-Server.",
		"Vertrag deckt das ab, keine Abrechnung.",
		"Nicht nachstellbar auf dem Testsystem.",
		"Rückruf für morgen 10 Uhr vereinbart.",
		"Mit der Entwicklung abgestimmt, Fix kommt mit dem nächsten Release.",
	},
	closings: []string{
		"Viele Grüße", "Mit freundlichen Grüßen", "Beste Grüße", "Danke und Gruß", "Schöne Grüße aus dem Büro",
	},
	waiting: []string{
		"Wir warten auf die Protokolldatei.",
		"Bitte Screenshot der Fehlermeldung schicken.",
		"Rückmeldung, ob das Update geholfen hat.",
		"Freigabe der Kosten durch die Geschäftsführung.",
		"Zugangsdaten für die Fernwartung.",
		"Terminvorschlag für den Rückruf.",
	},
}

var english = phrases{
	subjects: []string{
		"Cannot sign in to the portal",
		"Invoice for March is missing",
		"Excel export stops halfway",
		"Print job stuck in the queue",
		"Error when saving a quote",
		"Warehouse sync takes very long",
		"New user for the accounting team",
		"Password reset link does not work",
		"Web shop interface delivers no orders",
		"Reports show wrong totals",
		"Licence expires at the end of the month",
		"Question about backups",
		"Upgrade to the new version",
		"Emails arrive twice",
		"Time tracking rounds incorrectly",
		"Product images are not shown",
		"Very slow response times since this morning",
		"Access for an external contractor",
		"VAT rate change",
		"Cannot merge customer records",
		"Label printer prints blank pages",
		"Feature request: filter by delivery date",
		"Price list import fails",
		"Two-factor sign-in on a new phone",
		"Dunning run reminded customers twice",
		"Dashboard stays empty",
		"Rename a department",
		"Date for the training in autumn",
		"Server certificate expired",
		"Order confirmation shows the old logo",
		"Cannot upload attachments any more",
		"Stock list does not match the inventory count",
		"Cancel one seat",
		"Error 500 when opening the customer list",
		"Search does not find article numbers",
		"Please call back about the contract renewal",
	},
	details: []string{
		"(urgent)", "- Leeds office", "since the last update", "for several colleagues",
		"- Firefox only", "version 4.2", "tenant 3", "after the server move", "- again",
	},
	greetings: []string{
		"Hello,", "Hi team,", "Dear support,", "Good morning,", "Hi there,",
	},
	problem: []string{
		"Since this morning an error appears whenever we save.",
		"It happens to everyone in the accounting team.",
		"We already restarted the computer, without success.",
		"Please find a screenshot of the message attached.",
		"Everything worked fine until yesterday.",
		"The error can be reproduced every time.",
		"It only affects orders with more than twenty lines.",
		"Could you tell us how to proceed?",
		"We need the report by Friday for the month-end closing.",
		"The page loads for about a minute and then gives up.",
		"I followed the steps in the manual but got stuck.",
		"On the test system it works without any problem.",
		"Our IT department has not changed anything on the firewall.",
		"The customer is waiting urgently for the delivery.",
		"Is there a fix or a workaround for this?",
		"The message says: \"Connection to server lost\".",
	},
	customer: []string{
		"Thanks for the quick reply.",
		"Unfortunately that did not help, the error is still there.",
		"I attached the data you asked for.",
		"It works again now, thank you!",
		"When can we expect a fix?",
		"My colleague is back on Monday and will get in touch then.",
		"The log file is attached.",
		"We tried it as you described.",
		"Could you give me a quick call? That would be faster.",
		"You can close the ticket.",
	},
	agent: []string{
		"Thank you for your message.",
		"We looked into the problem and could reproduce it.",
		"Please clear the browser cache and sign in again.",
		"Could you send us the log file from the program folder?",
		"The error is fixed in update 4.2.3, which we install tonight.",
		"We adjusted the user's permissions.",
		"We have sent you the invoice again.",
		"Our developers are looking into it and we will let you know as soon as we hear more.",
		"As a workaround you can run the export in two parts.",
		"Please check whether the problem still occurs.",
		"The interface stopped because of an expired certificate, which we have renewed.",
		"We will close the ticket in a few days if we do not hear from you.",
	},
	notes: []string{
		"Customer called, sounds a bit impatient.",
		"Similar case last week with another customer, see the linked ticket.",
		"Please hand over to 2nd level, needs database access.",
		"Checked the logs: timeout connecting to the warehouse server.",
		"Covered by the contract, do not bill.",
		"Cannot reproduce on the test system.",
		"Call-back agreed for tomorrow 10 am.",
		"Agreed with development, fix comes with the next release.",
	},
	closings: []string{
		"Best regards", "Kind regards", "Thanks and regards", "Cheers", "Many thanks",
	},
	waiting: []string{
		"Waiting for the log file.",
		"Please send a screenshot of the error.",
		"Let us know whether the update helped.",
		"Approval of the costs by management.",
		"Credentials for remote maintenance.",
		"A time for the call-back.",
	},
}

// People and organizations: names mixed from these lists.
var (
	firstNames = []string{
		"Anna", "Jonas", "Lena", "Lukas", "Marie", "Felix", "Sophie", "Paul", "Laura", "Tim",
		"Julia", "Max", "Katrin", "Stefan", "Sabine", "Thomas", "Emily", "James", "Olivia", "Jack",
		"Amelia", "Harry", "Grace", "Oliver", "Chloe", "George", "Jürgen", "Jörg", "Björn", "Günther",
	}
	lastNames = []string{
		"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
		"Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
		"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright",
	}
	industries = []string{
		"Maschinenbau", "Logistik", "Elektrotechnik", "Medizintechnik", "Handel", "Bau", "Druck", "Software",
		"Lebensmittel", "Metallbau", "Engineering", "Trading", "Consulting", "Foods", "Systems", "Freight",
		"Verpackung", "Immobilien", "Textil", "Optik",
	}
	legalForms = []string{"GmbH", "AG", "GmbH & Co. KG", "KG", "Ltd", "plc", "e.K.", "SE"}
)

// SearchTerms are what users of a seeded data set search for: words of
// its subjects and messages, alone and in pairs, in both languages, with
// and without umlauts, and words it does not hold. The load tool and the
// search measurement (bench/) draw from them.
var SearchTerms = []string{
	"Drucker", "Rechnung März", "Rechnung Marz", "Export Excel", "Lizenz", "Schnittstelle Onlineshop",
	"Passwort", "Zertifikat", "Etikettendrucker", "Mahnlauf", "Inventur", "Rückruf Vertrag",
	"invoice", "printer", "export stops", "licence", "password reset", "dashboard", "certificate",
	"Warteschlange", "Synchronisation", "warehouse sync", "Kundenliste",
	"Quarzuhr", "zebra crossing",
}
