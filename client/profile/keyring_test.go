package profile

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

func keyringProfile(t *testing.T, yaml string) Profile {
	t.Helper()
	cfg, err := ParseConfig([]byte(yaml), "/x/config.yaml", false, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Profiles[0]
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTokenKeyringNamesTheEntry(t *testing.T) {
	for in, want := range map[string]string{
		"profiles:\n  work: {provider: border0, token_keyring: true}\n":           "work",
		"profiles:\n  work: {provider: border0, token_keyring: shared-b0}\n":      "shared-b0",
		"profiles:\n  work: {provider: border0, token_keyring: \"true story\"}\n": "true story",
		"profiles:\n  work: {provider: border0, token_keyring: false}\n":          "",
	} {
		if got := keyringProfile(t, in).KeyringEntry; got != want {
			t.Errorf("%q: entry %q, want %q", in, got, want)
		}
	}
	cfg, err := ParseConfig([]byte("profiles:\n  a: {provider: border0, token_keyring: true, token_env: X}\n"), "/x/config.yaml", true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Profiles[0].Err(); err == nil || !strings.Contains(err.Error(), "more than one token source") {
		t.Errorf("two sources: %v", err)
	}
}

func TestTokenFromKeyring(t *testing.T) {
	keyring.MockInit()
	p := keyringProfile(t, "profiles:\n  work: {provider: border0, token_keyring: true}\n")
	if !p.TokenMayPrompt() || p.TokenSource() != `keychain entry "work"` {
		t.Errorf("TokenMayPrompt %v, TokenSource %q", p.TokenMayPrompt(), p.TokenSource())
	}

	_, err := p.Token(t.Context())
	var te *TokenError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "tokentui auth set work") {
		t.Fatalf("nothing stored: %v", err)
	}
	if has, err := HasStoredToken(t.Context(), p); has || err != nil {
		t.Fatalf("HasStoredToken = %v, %v", has, err)
	}

	if err := StoreToken(t.Context(), p, "b0-admin-7f3e"); err != nil {
		t.Fatal(err)
	}
	if tok, err := p.Token(t.Context()); tok != "b0-admin-7f3e" || err != nil {
		t.Fatalf("Token() = %q, %v", tok, err)
	}
	if has, err := HasStoredToken(t.Context(), p); !has || err != nil {
		t.Fatalf("HasStoredToken = %v, %v", has, err)
	}
	if stored, _ := keyring.Get(KeyringService, "work"); stored != "b0-admin-7f3e" {
		t.Errorf("stored under service %q entry work: %q", KeyringService, stored)
	}

	if err := DeleteStoredToken(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	if err := DeleteStoredToken(t.Context(), p); !errors.Is(err, ErrNotStored) {
		t.Fatalf("second delete: %v", err)
	}
}

func TestStoreTokenRefusesWhatCannotBeSent(t *testing.T) {
	keyring.MockInit()
	p := keyringProfile(t, "profiles:\n  work: {provider: border0, token_keyring: true}\n")
	for _, bad := range []string{"two words", "tab\tin", "bell\a"} {
		if err := StoreToken(t.Context(), p, bad); err == nil {
			t.Errorf("stored %q", bad)
		} else if strings.Contains(err.Error(), bad) {
			t.Errorf("the error quotes the token: %v", err)
		}
	}
	if _, err := keyring.Get(KeyringService, "work"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("something was stored: %v", err)
	}
	noKeyring := keyringProfile(t, "profiles:\n  env: {provider: border0, token_env: B0}\n")
	if err := StoreToken(t.Context(), noKeyring, "tok"); err == nil {
		t.Error("stored a token for a profile that does not read the keychain")
	}
}

func TestKeyringUnavailableIsATokenError(t *testing.T) {
	keyring.MockInitWithError(errors.New("dbus: DBUS_SESSION_BUS_ADDRESS not set"))
	t.Cleanup(keyring.MockInit)
	p := keyringProfile(t, "profiles:\n  work: {provider: border0, token_keyring: true}\n")
	_, err := p.Token(t.Context())
	var te *TokenError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "keychain is not available") || !strings.Contains(err.Error(), "DBUS_SESSION_BUS_ADDRESS") {
		t.Fatalf("err = %v", err)
	}
}

func TestKeyringCallGivesUpWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	block := make(chan struct{})
	defer close(block)
	err := keyringCall(ctx, func() error { <-block; return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}
