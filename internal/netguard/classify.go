package netguard

import "net/netip"

// What an address is, as said in error messages.
const (
	kindUnspecified = "an unspecified address"
	kindLoopback    = "a loopback address"
	kindPrivate     = "a private address"
	kindUniqueLocal = "a unique-local address"
	kindLinkLocal   = "a link-local address"
	kindMetadata    = "a cloud metadata address"
	kindMulticast   = "a multicast address"
	kindShared      = "a shared (CGNAT) address"
	kindReserved    = "a reserved address"
)

// blocked lists the networks that are not the public internet, most
// specific first: the first match names the address.
var blocked = []struct {
	net  netip.Prefix
	kind string
}{
	{netip.MustParsePrefix("169.254.169.254/32"), kindMetadata},
	{netip.MustParsePrefix("fd00:ec2::254/128"), kindMetadata},
	{netip.MustParsePrefix("0.0.0.0/32"), kindUnspecified},
	{netip.MustParsePrefix("::/128"), kindUnspecified},
	{netip.MustParsePrefix("::1/128"), kindLoopback},
	{netip.MustParsePrefix("0.0.0.0/8"), kindReserved},
	{netip.MustParsePrefix("127.0.0.0/8"), kindLoopback},
	{netip.MustParsePrefix("10.0.0.0/8"), kindPrivate},
	{netip.MustParsePrefix("172.16.0.0/12"), kindPrivate},
	{netip.MustParsePrefix("192.168.0.0/16"), kindPrivate},
	{netip.MustParsePrefix("100.64.0.0/10"), kindShared},
	{netip.MustParsePrefix("169.254.0.0/16"), kindLinkLocal},
	{netip.MustParsePrefix("192.0.0.0/24"), kindReserved},
	{netip.MustParsePrefix("198.18.0.0/15"), kindReserved},
	{netip.MustParsePrefix("224.0.0.0/4"), kindMulticast},
	{netip.MustParsePrefix("240.0.0.0/4"), kindReserved},
	{netip.MustParsePrefix("::/96"), kindReserved}, // IPv4-compatible, deprecated
	{netip.MustParsePrefix("64:ff9b:1::/48"), kindReserved},
	{netip.MustParsePrefix("100::/64"), kindReserved},
	{netip.MustParsePrefix("fc00::/7"), kindUniqueLocal},
	{netip.MustParsePrefix("fe80::/10"), kindLinkLocal},
	{netip.MustParsePrefix("fec0::/10"), kindPrivate}, // site-local, deprecated
	{netip.MustParsePrefix("ff00::/8"), kindMulticast},
}

// Prefixes of IPv6 addresses that carry an IPv4 address, which is checked
// in turn: NAT64 (the address in the last 32 bits) and 6to4 (in bits 16-47).
var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// Classify says why ip may not be connected to without an allow-list
// entry ("a private address", "a loopback address", …), or "" for a public
// address.
func Classify(ip netip.Addr) string {
	ip = ip.Unmap().WithZone("")
	if !ip.IsValid() {
		return kindUnspecified
	}
	for _, b := range blocked {
		if b.net.Contains(ip) {
			return b.kind
		}
	}
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip):
			return Classify(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
		case sixToFour.Contains(ip):
			return Classify(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
		}
	}
	return ""
}
