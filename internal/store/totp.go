package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"supportal/internal/model"
)

// Two-factor sign-in keeps its state in users.totp_secret (the encrypted
// key, set before it is confirmed), users.totp_enabled and the table
// recovery_codes (hashes of single-use codes).
//
// The last accepted time step of a user's authenticator codes lives in
// rate_limits under the key "totp-step:<user id>", the step in the count
// column and the time it was accepted in window_start. It guards against
// replaying a code within its window and needs no column of its own: a
// row lost to a clean-up of old rate limits is harmless, since a step
// accepted more than a minute and a half ago is outside the window anyway.

// TOTPSecret returns a user's stored (encrypted) authenticator key and
// whether two-factor sign-in is on. A key with enabled false is an
// enrolment that was started and not confirmed.
func (q *Queries) TOTPSecret(ctx context.Context, userID int64) (secret string, enabled bool, err error) {
	err = q.db.QueryRowContext(ctx, "SELECT totp_secret, totp_enabled FROM users WHERE id = $1", userID).Scan(&secret, &enabled)
	if err != nil {
		return "", false, fmt.Errorf("store: totp secret of user %d: %w", userID, notFound(err))
	}
	return secret, enabled, nil
}

// SetPendingTOTPSecret stores a new, unconfirmed authenticator key for a
// user who has not switched two-factor sign-in on; for one who has, it is
// model.ErrConflict and nothing changes.
func (q *Queries) SetPendingTOTPSecret(ctx context.Context, userID int64, secret string) error {
	res, err := q.db.ExecContext(ctx, "UPDATE users SET totp_secret = $1, updated_at = $2 WHERE id = $3 AND NOT totp_enabled",
		secret, Now(), userID)
	if err != nil {
		return fmt.Errorf("store: totp secret of user %d: %w", userID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: totp secret of user %d: %w", userID, q.conflictOrMissing(ctx, userID))
	}
	return nil
}

// conflictOrMissing tells why an update of a user's two-factor state
// touched no row: the user does not exist, or its state did not allow it.
func (q *Queries) conflictOrMissing(ctx context.Context, userID int64) error {
	var one int
	err := q.db.QueryRowContext(ctx, "SELECT 1 FROM users WHERE id = $1", userID).Scan(&one)
	if err != nil {
		return notFound(err)
	}
	return model.ErrConflict
}

// EnableTOTP switches two-factor sign-in on with the pending key and
// replaces the user's recovery codes by codeHashes, in one transaction
// when q is one. A user who has no pending key, or has it on already, is
// model.ErrConflict.
func (q *Queries) EnableTOTP(ctx context.Context, userID int64, codeHashes []string) error {
	res, err := q.db.ExecContext(ctx, `UPDATE users SET totp_enabled = TRUE, updated_at = $1
		WHERE id = $2 AND NOT totp_enabled AND totp_secret <> ''`, Now(), userID)
	if err != nil {
		return fmt.Errorf("store: enable totp of user %d: %w", userID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: enable totp of user %d: %w", userID, q.conflictOrMissing(ctx, userID))
	}
	return q.ReplaceRecoveryCodes(ctx, userID, codeHashes)
}

// DisableTOTP switches two-factor sign-in off: the key, the recovery codes
// and the record of the last accepted step are removed.
func (q *Queries) DisableTOTP(ctx context.Context, userID int64) error {
	res, err := q.db.ExecContext(ctx, "UPDATE users SET totp_enabled = FALSE, totp_secret = '', updated_at = $1 WHERE id = $2", Now(), userID)
	if err != nil {
		return fmt.Errorf("store: disable totp of user %d: %w", userID, err)
	}
	if err := rowsOrNotFound(res, "user", userID); err != nil {
		return err
	}
	if _, err := q.db.ExecContext(ctx, "DELETE FROM recovery_codes WHERE user_id = $1", userID); err != nil {
		return fmt.Errorf("store: recovery codes of user %d: %w", userID, err)
	}
	if _, err := q.db.ExecContext(ctx, "DELETE FROM rate_limits WHERE key = $1", totpStepKey(userID)); err != nil {
		return fmt.Errorf("store: totp step of user %d: %w", userID, err)
	}
	return nil
}

// ReplaceRecoveryCodes drops a user's recovery codes, used or not, and
// stores the hashes of new ones.
func (q *Queries) ReplaceRecoveryCodes(ctx context.Context, userID int64, codeHashes []string) error {
	if _, err := q.db.ExecContext(ctx, "DELETE FROM recovery_codes WHERE user_id = $1", userID); err != nil {
		return fmt.Errorf("store: recovery codes of user %d: %w", userID, err)
	}
	for _, h := range codeHashes {
		if _, err := q.db.ExecContext(ctx, "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)", userID, h); err != nil {
			return fmt.Errorf("store: recovery codes of user %d: %w", userID, err)
		}
	}
	return nil
}

// UseRecoveryCode spends an unused recovery code of a user; an unknown or
// spent one is model.ErrNotFound. Of two concurrent uses, one wins.
func (q *Queries) UseRecoveryCode(ctx context.Context, userID int64, codeHash string, now time.Time) error {
	res, err := q.db.ExecContext(ctx, "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
		now, userID, codeHash)
	if err != nil {
		return fmt.Errorf("store: use recovery code: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: use recovery code: %w", errNotFound)
	}
	return nil
}

// RecoveryCodesLeft counts a user's unused recovery codes.
func (q *Queries) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	err := q.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL", userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: recovery codes of user %d: %w", userID, err)
	}
	return n, nil
}

func totpStepKey(userID int64) string { return "totp-step:" + strconv.FormatInt(userID, 10) }

// AcceptTOTPStep records step as the last accepted time step of a user's
// authenticator codes if it is later than the one recorded, and reports
// whether it was; a step already accepted (or an earlier one) is refused,
// so that a code cannot be used twice. It is atomic: of two concurrent
// sign-ins with the same code, one wins.
func (q *Queries) AcceptTOTPStep(ctx context.Context, userID, step int64, now time.Time) (bool, error) {
	var got int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, $3)
		ON CONFLICT (key) DO UPDATE SET count = excluded.count, window_start = excluded.window_start
		WHERE rate_limits.count < excluded.count
		RETURNING count`, totpStepKey(userID), now, step).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: totp step of user %d: %w", userID, err)
	}
	return true, nil
}
