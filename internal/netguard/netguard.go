// Package netguard owns the one way Supportal opens connections to servers
// that admins type into the web pages (IMAP servers, SMTP relays,
// webhooks). An admin account, or whoever steals one, must not be able to
// use those fields to reach the machine itself, the private network behind
// it or a cloud metadata service, so the dialer checks every address a
// name resolves to and connects to the checked address, never to the name
// again (a second lookup could answer differently).
package netguard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"time"
)

// ErrRefused is wrapped by every error about an address the dialer will
// not connect to.
var ErrRefused = errors.New("netguard: address refused")

// DefaultTimeout bounds a connection attempt when Dialer.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Resolver looks up the addresses of a host; *net.Resolver is one.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Dialer connects to admin-configured servers, refusing loopback, private,
// link-local, unique-local, unspecified, multicast, shared (CGNAT),
// reserved and cloud metadata addresses unless the host name or the
// address is allowed.
type Dialer struct {
	// Allow lists host names, addresses and networks (CIDR) that may be
	// reached although they are not public (config.Mail.OutboundAllow).
	Allow []string
	// Timeout bounds each connection attempt; zero means DefaultTimeout.
	Timeout time.Duration
	// Resolver looks up host names; nil means net.DefaultResolver.
	Resolver Resolver
}

// DialContext resolves the host of addr, checks each address and connects
// to the first allowed one that answers. network is "tcp", "tcp4" or
// "tcp6".
func (d *Dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, fmt.Errorf("netguard: network %q is not supported", network)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("netguard: %q is not host:port: %w", addr, err)
	}
	ips, err := d.Resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	dialer := net.Dialer{Timeout: d.timeout()}
	var errs []error
	for _, ip := range ips {
		if (network == "tcp4" && !ip.Is4()) || (network == "tcp6" && ip.Is4()) {
			continue
		}
		conn, err := dialer.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	if len(errs) == 0 {
		return nil, fmt.Errorf("netguard: %s has no %s address", host, network)
	}
	return nil, fmt.Errorf("connect to %s: %w", addr, errors.Join(errs...))
}

// Resolve returns the addresses of host that may be connected to, in the
// resolver's order. When there are none, the error names the first refused
// address and why, and how to allow it.
func (d *Dialer) Resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	host = strings.TrimSuffix(host, ".")
	if host == "" {
		return nil, errors.New("netguard: empty host name")
	}
	var ips []netip.Addr
	literal, err := netip.ParseAddr(host)
	if err == nil {
		ips = []netip.Addr{literal}
	} else {
		ips, err = d.resolver().LookupNetIP(ctx, "ip", host)
		if err != nil {
			return nil, fmt.Errorf("look up %s: %w", host, err)
		}
	}
	allow := parseAllow(d.Allow)
	hostAllowed := allow.host(host)
	var ok []netip.Addr
	var refused error
	for _, ip := range ips {
		ip = ip.Unmap().WithZone("")
		why := Classify(ip)
		if why == "" || hostAllowed || allow.addr(ip) {
			ok = append(ok, ip)
			continue
		}
		if refused == nil {
			refused = refusal(host, ip, why)
		}
	}
	if len(ok) == 0 {
		if refused == nil {
			return nil, fmt.Errorf("look up %s: no address", host)
		}
		return nil, refused
	}
	return ok, nil
}

func refusal(host string, ip netip.Addr, why string) error {
	if host == ip.String() {
		return fmt.Errorf("%s is %s; allow it with --outbound-allow: %w", ip, why, ErrRefused)
	}
	return fmt.Errorf("%s resolves to %s, %s; allow it with --outbound-allow: %w", host, ip, why, ErrRefused)
}

func (d *Dialer) timeout() time.Duration {
	if d.Timeout > 0 {
		return d.Timeout
	}
	return DefaultTimeout
}

func (d *Dialer) resolver() Resolver {
	if d.Resolver != nil {
		return d.Resolver
	}
	return net.DefaultResolver
}

// allowList is Dialer.Allow parsed.
type allowList struct {
	hosts []string
	nets  []netip.Prefix
}

func parseAllow(entries []string) allowList {
	var a allowList
	for _, e := range entries {
		e = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(e), "."))
		if e == "" {
			continue
		}
		if p, err := netip.ParsePrefix(e); err == nil {
			a.nets = append(a.nets, p.Masked())
		} else if ip, err := netip.ParseAddr(e); err == nil {
			ip = ip.Unmap().WithZone("")
			a.nets = append(a.nets, netip.PrefixFrom(ip, ip.BitLen()))
		} else {
			a.hosts = append(a.hosts, e)
		}
	}
	return a
}

func (a allowList) host(h string) bool {
	for _, x := range a.hosts {
		if strings.EqualFold(x, h) {
			return true
		}
	}
	return false
}

func (a allowList) addr(ip netip.Addr) bool {
	for _, p := range a.nets {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
