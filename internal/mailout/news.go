package mailout

import (
	"context"
	"net/mail"

	"supportal/internal/store"
)

// NewsOptIn queues the mail that asks address email to confirm that it
// wants the product and update news of organization orgName, with the
// confirmation link, in language lang (the default language when there
// are no templates in it). The address belongs to no user; it is the
// mail's only recipient. An unusable address, or one of our own, gets
// nothing.
func (o *Outbox) NewsOptIn(ctx context.Context, q *store.Queries, email, lang, orgName, link string) error {
	addr, ok := mailAddress(email, "")
	if !ok {
		return nil
	}
	own, err := o.ownAddresses(ctx, q)
	if err != nil {
		return err
	}
	if own[addr.Address] {
		return nil
	}
	data := Data{Contact: Person{Email: addr.Address}, Link: link, BaseURL: o.baseURL, Organization: orgName}
	subject, body, err := o.render(ctx, q, TemplateNewsOptIn, supportedLanguage(lang, o.lang), data)
	if err != nil {
		return err
	}
	from, err := o.sender(ctx, q, nil, "")
	if err != nil {
		return err
	}
	_, err = o.enqueue(ctx, q, &outMail{kind: TemplateNewsOptIn, from: from, to: []mail.Address{addr},
		subject: subject, text: body, notification: true})
	return err
}
