package account

import "sync/atomic"

// CountWork counts the password hashes and secrets that registration and
// reset make until restore is called.
func CountWork() (hashes, secrets *atomic.Int64, restore func()) {
	hashes, secrets = new(atomic.Int64), new(atomic.Int64)
	oldHash, oldSecret := hashPassword, newSecret
	hashPassword = func(pw string) (string, error) { hashes.Add(1); return oldHash(pw) }
	newSecret = func(prefix string) (string, string) { secrets.Add(1); return oldSecret(prefix) }
	return hashes, secrets, func() { hashPassword, newSecret = oldHash, oldSecret }
}

// CountDerivations counts argon2id key derivations (the cost of checking
// a password) until restore is called.
func CountDerivations() (n *atomic.Int64, restore func()) {
	n = new(atomic.Int64)
	old := deriveKey
	deriveKey = func(pw, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
		n.Add(1)
		return old(pw, salt, time, memory, threads, keyLen)
	}
	return n, func() { deriveKey = old }
}
