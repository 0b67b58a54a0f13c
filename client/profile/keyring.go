package profile

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/tokentui/tokentui/client"
)

// The OS keychain (Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows) holds admin tokens for profiles that say
// token_keyring. Entries live under one service name, one per entry name;
// `tokentui auth set` stores them. The config file never holds the token.

// KeyringService is the service name of tokentui's keychain entries.
const KeyringService = "tokentui"

// KeyringTimeout bounds one keychain call. Unlocking may show the system's
// prompt and wait for a person; a Secret Service that never answers must
// still not hang tokentui.
const KeyringTimeout = 60 * time.Second

// ErrNotStored: the keychain has no entry of that name.
var ErrNotStored = errors.New("nothing stored in the keychain")

// errNoKeyringEntry: the profile does not keep its token in the keychain.
var errNoKeyringEntry = errors.New("the profile has no token_keyring")

// keyringGet reads an entry.
func keyringGet(ctx context.Context, entry string) (string, error) {
	var tok string
	err := keyringCall(ctx, func() (err error) {
		tok, err = keyring.Get(KeyringService, entry)
		return err
	})
	return tok, err
}

// StoreToken stores token as the keychain entry of p (token_keyring),
// replacing what was there. The token is checked as a fetched one would be.
func StoreToken(ctx context.Context, p Profile, token string) error {
	if p.KeyringEntry == "" {
		return errNoKeyringEntry
	}
	if _, err := p.checkToken(token, "the token"); err != nil {
		return err
	}
	return keyringCall(ctx, func() error { return keyring.Set(KeyringService, p.KeyringEntry, token) })
}

// DeleteStoredToken removes the keychain entry of p; ErrNotStored when
// there is none.
func DeleteStoredToken(ctx context.Context, p Profile) error {
	if p.KeyringEntry == "" {
		return errNoKeyringEntry
	}
	return keyringCall(ctx, func() error { return keyring.Delete(KeyringService, p.KeyringEntry) })
}

// HasStoredToken reports whether the keychain holds an entry for p. The
// token is read (the keychain offers no cheaper question) and dropped.
func HasStoredToken(ctx context.Context, p Profile) (bool, error) {
	if p.KeyringEntry == "" {
		return false, errNoKeyringEntry
	}
	_, err := keyringGet(ctx, p.KeyringEntry)
	if errors.Is(err, ErrNotStored) {
		return false, nil
	}
	return err == nil, err
}

// keyringCall runs one keychain operation with the timeout, giving up when
// ctx ends. The library has no cancellation, so a call that is given up on
// finishes in the background. Its not-found error becomes ErrNotStored.
func keyringCall(ctx context.Context, op func() error) error {
	ctx, cancel := context.WithTimeout(ctx, KeyringTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- op() }()
	select {
	case err := <-done:
		if errors.Is(err, keyring.ErrNotFound) {
			return ErrNotStored
		}
		return err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("the keychain did not answer within %s", KeyringTimeout)
		}
		return ctx.Err()
	}
}

// keyringReason says why the keychain gave no token for p, and what to do.
func keyringReason(err error, p Profile) string {
	entry := strconv.Quote(p.KeyringEntry)
	switch {
	case errors.Is(err, ErrNotStored):
		return fmt.Sprintf("nothing is stored in the keychain under %s: run `tokentui auth set %s`", entry, p.Name)
	case errors.Is(err, context.Canceled):
		return "cancelled while reading the keychain"
	}
	return KeyringUnavailable(err)
}

// KeyringUnavailable words a keychain failure other than a missing entry.
// The library's errors name the service and the entry, never the token.
func KeyringUnavailable(err error) string {
	msg := "the keychain is not available: " + client.Sanitize(err.Error())
	if runtime.GOOS != "darwin" && runtime.GOOS != "windows" {
		msg += " (tokentui needs a Secret Service such as gnome-keyring or KeePassXC on the session D-Bus)"
	}
	return msg
}
