package profile

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestTokenEnv(t *testing.T) {
	p := Profile{Name: "a", Provider: "border0", URL: "https://api.border0.com/api/v1", TokenEnv: "B0", getenv: envOf(map[string]string{"B0": "  tok-b0\n"})}
	if tok, err := p.Token(t.Context()); err != nil || tok != "tok-b0" {
		t.Fatalf("Token() = %q, %v", tok, err)
	}
	p.getenv = noEnv
	_, err := p.Token(t.Context())
	var te *TokenError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "export B0=") {
		t.Fatalf("unset variable: %v", err)
	}
}

func TestDefaultTokenEnvs(t *testing.T) {
	p := Profile{Name: "a", Provider: "border0", URL: "https://api.border0.com/api/v1"}
	p.getenv = envOf(map[string]string{"BORDER0_ADMIN_TOKEN": "own", "TOKENTUI_TOKEN": "shared"})
	if tok, _ := p.Token(t.Context()); tok != "shared" {
		t.Errorf("TOKENTUI_TOKEN must win, got %q", tok)
	}
	p.getenv = envOf(map[string]string{"BORDER0_ADMIN_TOKEN": "own"})
	if tok, _ := p.Token(t.Context()); tok != "own" {
		t.Errorf("fallback to BORDER0_ADMIN_TOKEN, got %q", tok)
	}
	p.getenv = noEnv
	if _, err := p.Token(t.Context()); err == nil || !strings.Contains(err.Error(), "TOKENTUI_TOKEN") || !strings.Contains(err.Error(), "BORDER0_ADMIN_TOKEN") {
		t.Errorf("no token: %v", err)
	}
	u := Profile{Name: "u", Provider: "unleash", URL: "http://127.0.0.1:4242", getenv: envOf(map[string]string{"UNLEASH_ADMIN_TOKEN": "*:*.x"})}
	if tok, _ := u.Token(t.Context()); tok != "*:*.x" {
		t.Errorf("unleash own variable, got %q", tok)
	}
	g := Profile{Name: "g", Provider: "goodaccess", URL: "https://integration.goodaccess.com", getenv: envOf(map[string]string{"GOODACCESS_TOKEN": "ga"})}
	if tok, _ := g.Token(t.Context()); tok != "ga" {
		t.Errorf("goodaccess own variable, got %q", tok)
	}
}

func TestTokenRefusesMultiWordValues(t *testing.T) {
	p := Profile{Name: "a", Provider: "border0", URL: "https://api.border0.com/api/v1", TokenEnv: "B0", getenv: envOf(map[string]string{"B0": "pw123\nlogin: ada"})}
	_, err := p.Token(t.Context())
	if err == nil || !strings.Contains(err.Error(), "head -n1") || strings.Contains(err.Error(), "pw123") {
		t.Fatalf("err = %v", err)
	}
}

func commandProfile(cmd string) Profile {
	return Profile{Name: "c", Provider: "border0", URL: "https://api.border0.com/api/v1", TokenCommand: cmd}
}

func TestTokenCommandSuccess(t *testing.T) {
	tok, err := commandProfile("printf '  tok-from-cmd\\n'").Token(t.Context())
	if err != nil || tok != "tok-from-cmd" {
		t.Fatalf("Token() = %q, %v", tok, err)
	}
}

func TestTokenCommandFailureQuotesStderrNotStdout(t *testing.T) {
	_, err := commandProfile("printf 'half-%s' a-secret; echo 'gpg: decryption failed: No secret key' >&2; exit 2").Token(t.Context())
	var te *TokenError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want *TokenError", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "decryption failed") || !strings.Contains(msg, "exit status 2") {
		t.Errorf("message lacks stderr or status: %q", msg)
	}
	if strings.Contains(msg, "half-a-secret") {
		t.Errorf("message quotes stdout: %q", msg)
	}
}

func TestTokenCommandStderrIsSanitisedAndTruncated(t *testing.T) {
	_, err := commandProfile(`printf '\033]52;c;aGk=\007bad' >&2; head -c 5000 /dev/zero | tr '\0' x >&2; exit 1`).Token(t.Context())
	msg := err.Error()
	if strings.ContainsRune(msg, 0x1b) || strings.ContainsRune(msg, 0x07) {
		t.Errorf("escape sequence survived: %q", msg)
	}
	if !strings.Contains(msg, "bad") || len(msg) > 600 {
		t.Errorf("len %d: %q", len(msg), msg)
	}
}

func TestTokenCommandEmptyOutput(t *testing.T) {
	_, err := commandProfile("true").Token(t.Context())
	if err == nil || !strings.Contains(err.Error(), "printed nothing") {
		t.Fatalf("err = %v", err)
	}
}

func TestTokenCommandTimeoutKillsTheGroup(t *testing.T) {
	start := time.Now()
	// The grandchild sleep keeps stdout open: without killing the group
	// (or WaitDelay) Run would wait for it.
	_, err := runTokenCommand(context.Background(), "sleep 30 & sleep 30; echo late", 300*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "did not finish within 300ms") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %s", d)
	}
}
