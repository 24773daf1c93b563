package netguard_test

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"supportal/internal/netguard"
)

func TestClassifyAddresses(t *testing.T) {
	tests := []struct {
		ip   string
		want string // "" for a public address
	}{
		{"93.184.215.14", ""},
		{"8.8.8.8", ""},
		{"2606:4700:4700::1111", ""},
		{"172.32.0.1", ""},
		{"100.128.0.1", ""},
		{"127.0.0.1", "a loopback address"},
		{"127.8.9.10", "a loopback address"},
		{"::1", "a loopback address"},
		{"::ffff:127.0.0.1", "a loopback address"},
		{"10.0.0.5", "a private address"},
		{"172.16.0.1", "a private address"},
		{"172.31.255.255", "a private address"},
		{"192.168.1.1", "a private address"},
		{"::ffff:192.168.1.1", "a private address"},
		{"169.254.1.1", "a link-local address"},
		{"fe80::1", "a link-local address"},
		{"fe80::1%eth0", "a link-local address"},
		{"fc00::1", "a unique-local address"},
		{"fd12:3456::1", "a unique-local address"},
		{"0.0.0.0", "an unspecified address"},
		{"::", "an unspecified address"},
		{"224.0.0.1", "a multicast address"},
		{"ff02::1", "a multicast address"},
		{"100.64.0.1", "a shared (CGNAT) address"},
		{"100.127.255.254", "a shared (CGNAT) address"},
		{"169.254.169.254", "a cloud metadata address"},
		{"fd00:ec2::254", "a cloud metadata address"},
		{"255.255.255.255", "a reserved address"},
		{"0.1.2.3", "a reserved address"},
		{"64:ff9b::a00:5", "a private address"},  // NAT64 of 10.0.0.5
		{"64:ff9b::5db8:d70e", ""},               // NAT64 of a public address
		{"2002:7f00:1::1", "a loopback address"}, // 6to4 of 127.0.0.1
		{"2002:5db8:d70e::1", ""},                // 6to4 of a public address
	}
	for _, tt := range tests {
		ip := netip.MustParseAddr(tt.ip)
		if got := netguard.Classify(ip); got != tt.want {
			t.Errorf("Classify(%s) = %q, want %q", tt.ip, got, tt.want)
		}
	}
}

// fakeDNS answers from a map and counts the lookups.
type fakeDNS struct {
	answers map[string][]string
	lookups atomic.Int32
}

func (f *fakeDNS) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	f.lookups.Add(1)
	list, ok := f.answers[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	var out []netip.Addr
	for _, s := range list {
		out = append(out, netip.MustParseAddr(s))
	}
	return out, nil
}

func TestResolveRefusesPrivateAddressesUnlessAllowed(t *testing.T) {
	dns := &fakeDNS{answers: map[string][]string{
		"imap.example.com":  {"10.0.0.5"},
		"mail.example.com":  {"93.184.215.14"},
		"mixed.example.com": {"10.0.0.5", "93.184.215.14"},
		"meta.example.com":  {"169.254.169.254"},
		"v6.example.com":    {"fd12::7"},
	}}
	tests := []struct {
		name    string
		allow   []string
		host    string
		want    string // the address used, or "" when refused
		wantErr string
	}{
		{"public", nil, "mail.example.com", "93.184.215.14", ""},
		{"private refused", nil, "imap.example.com", "",
			"imap.example.com resolves to 10.0.0.5, a private address; allow it with --outbound-allow"},
		{"literal refused", nil, "127.0.0.1", "", "127.0.0.1 is a loopback address; allow it with --outbound-allow"},
		{"metadata refused", []string{"10.0.0.0/8"}, "meta.example.com", "",
			"meta.example.com resolves to 169.254.169.254, a cloud metadata address"},
		{"unique-local refused", nil, "v6.example.com", "", "fd12::7, a unique-local address"},
		{"allowed by host", []string{"imap.example.com"}, "imap.example.com", "10.0.0.5", ""},
		{"allowed by host, any case", []string{"IMAP.Example.com."}, "imap.example.com", "10.0.0.5", ""},
		{"allowed by network", []string{"10.0.0.0/8"}, "imap.example.com", "10.0.0.5", ""},
		{"allowed by address", []string{"10.0.0.5"}, "imap.example.com", "10.0.0.5", ""},
		{"allowed literal", []string{"127.0.0.1"}, "127.0.0.1", "127.0.0.1", ""},
		{"other network still refused", []string{"192.168.0.0/16"}, "imap.example.com", "", "a private address"},
		{"other host still refused", []string{"mail.example.com"}, "imap.example.com", "", "a private address"},
		{"private answer skipped", nil, "mixed.example.com", "93.184.215.14", ""},
		{"unknown host", nil, "nowhere.example.com", "", "look up nowhere.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &netguard.Dialer{Allow: tt.allow, Resolver: dns}
			ips, err := d.Resolve(context.Background(), tt.host)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Resolve(%s) = %v, %v; want error containing %q", tt.host, ips, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Resolve(%s): %v", tt.host, err)
			}
			if len(ips) != 1 || ips[0].String() != tt.want {
				t.Fatalf("Resolve(%s) = %v, want [%s]", tt.host, ips, tt.want)
			}
		})
	}
}

func listen(t *testing.T) (net.Listener, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return ln, port
}

func TestDialRefusesLoopbackUnlessAllowed(t *testing.T) {
	ln, port := listen(t)
	ctx := context.Background()

	d := &netguard.Dialer{}
	_, err := d.DialContext(ctx, "tcp", ln.Addr().String())
	if !errors.Is(err, netguard.ErrRefused) || !strings.Contains(err.Error(), "127.0.0.1 is a loopback address") {
		t.Fatalf("dial to loopback without allow-list: %v", err)
	}
	_, err = d.DialContext(ctx, "tcp", net.JoinHostPort("localhost", port))
	if !errors.Is(err, netguard.ErrRefused) || !strings.Contains(err.Error(), "localhost resolves to") {
		t.Fatalf("dial to localhost without allow-list: %v", err)
	}

	for _, allow := range []string{"127.0.0.1", "127.0.0.0/8", "localhost"} {
		d := &netguard.Dialer{Allow: []string{allow}}
		conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort("localhost", port))
		if err != nil {
			t.Fatalf("allow %s: %v", allow, err)
		}
		if got := conn.RemoteAddr().String(); got != ln.Addr().String() {
			t.Errorf("allow %s: connected to %s, want %s", allow, got, ln.Addr())
		}
		conn.Close()
	}
}

func TestDialConnectsToTheCheckedAddress(t *testing.T) {
	ln, port := listen(t)
	// A name that answers a private address it is not allowed to use and
	// the allowed loopback address: only the checked one is dialled, and
	// the name is looked up once.
	dns := &fakeDNS{answers: map[string][]string{"rebind.example.com": {"10.255.255.1", "127.0.0.1"}}}
	d := &netguard.Dialer{Allow: []string{"127.0.0.1"}, Resolver: dns}
	conn, err := d.DialContext(context.Background(), "tcp", net.JoinHostPort("rebind.example.com", port))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if got := conn.RemoteAddr().String(); got != ln.Addr().String() {
		t.Errorf("connected to %s, want %s", got, ln.Addr())
	}
	if n := dns.lookups.Load(); n != 1 {
		t.Errorf("%d lookups, want 1", n)
	}
}

func TestDialRejectsOtherNetworks(t *testing.T) {
	d := &netguard.Dialer{Allow: []string{"127.0.0.1"}}
	if _, err := d.DialContext(context.Background(), "udp", "127.0.0.1:53"); err == nil {
		t.Fatal("udp dial succeeded")
	}
}
