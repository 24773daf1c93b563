package mailout

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"

	"github.com/emersion/go-msgauth/dkim"
)

// signedHeaders are the header fields the DKIM signature covers.
var signedHeaders = []string{"From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
	"MIME-Version", "Content-Type"}

// dkimSigner signs outgoing mail for one domain.
type dkimSigner struct {
	domain   string
	selector string
	key      crypto.Signer
}

// loadDKIM reads a PEM private key (PKCS #8 RSA or Ed25519, or PKCS #1
// RSA) from path. Errors name the file, never the key.
func loadDKIM(path, domain, selector string) (*dkimSigner, error) {
	if domain == "" || selector == "" {
		return nil, errors.New("mailout: DKIM signing needs a domain and a selector")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mailout: DKIM key: %w", err)
	}
	block, _ := pem.Decode(raw)
	if block == nil {
		return nil, fmt.Errorf("mailout: DKIM key %s: no PEM block", path)
	}
	var key any
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	default:
		return nil, fmt.Errorf("mailout: DKIM key %s: a %q block is not a private key", path, block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("mailout: DKIM key %s: %w", path, err)
	}
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < 1024 {
			return nil, fmt.Errorf("mailout: DKIM key %s: RSA keys need at least 1024 bits", path)
		}
		return &dkimSigner{domain: domain, selector: selector, key: k}, nil
	case ed25519.PrivateKey:
		return &dkimSigner{domain: domain, selector: selector, key: k}, nil
	}
	return nil, fmt.Errorf("mailout: DKIM key %s: only RSA and Ed25519 keys sign mail", path)
}

// sign returns the message with a DKIM-Signature field in front.
func (s *dkimSigner) sign(msg []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(msg) + 1024)
	err := dkim.Sign(&out, bytes.NewReader(msg), &dkim.SignOptions{
		Domain:                 s.domain,
		Selector:               s.selector,
		Signer:                 s.key,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed,
		BodyCanonicalization:   dkim.CanonicalizationRelaxed,
		HeaderKeys:             signedHeaders,
	})
	if err != nil {
		return nil, fmt.Errorf("mailout: DKIM sign: %w", err)
	}
	return out.Bytes(), nil
}
