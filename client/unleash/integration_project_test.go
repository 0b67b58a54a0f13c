//go:build integration

package unleash

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/cookiejar"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

// TestUnleashIntegrationProjectScoped runs the provider with the personal
// access token of a user with the Editor root role, as an admin whose
// token is a project owner's would: on Unleash OSS the Editor role holds
// the project API-token permissions, and not those of /api/admin/api-tokens.
func TestUnleashIntegrationProjectScoped(t *testing.T) {
	realServer(t)
	secure := secureMode(t)
	base := strings.TrimRight(os.Getenv("UNLEASH_URL"), "/")
	pat := editorToken(t, base)
	p, err := New(client.Connection{BaseURL: base, Token: pat, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := "tokentui-it-proj-" + hex.EncodeToString(b)
	created, err := p.Create(ctx, client.NewToken{Name: name, Role: "frontend", Projects: []string{"default"}, Environment: "development"})
	if err != nil {
		t.Fatalf("create in project default: %v", err)
	}
	if info, _ := ParseSecret(created.Secret); (info.Version == 2) != secure {
		t.Errorf("secure=%v made %+v", secure, info)
	}
	if _, err := p.Create(ctx, client.NewToken{Name: name + "-all", Role: "client", Projects: []string{"*"}, Environment: "development"}); !isForbidden(err) || !strings.Contains(err.Error(), "choose one") {
		t.Errorf("create for all projects as an editor: %v", err)
	}
	listed, ok := findID(mustList(t, p), created.Token.ID)
	if !ok {
		t.Fatalf("the editor's list lacks %s", created.Token.ID)
	}
	if err := p.UpdateExpiry(ctx, listed, time.Now().Add(72*time.Hour)); !isForbidden(err) {
		t.Errorf("expiry as an editor: %v", err)
	}
	if err := p.Revoke(ctx, listed); err != nil {
		t.Fatalf("revoke in project default: %v", err)
	}
	if _, still := findID(mustList(t, p), created.Token.ID); still {
		t.Error("revoked token still listed")
	}
}

// editorToken makes a user with the Editor root role (2 on OSS), signs in
// as it and returns a personal access token; the user is deleted (and its
// token with it) when the test ends.
func editorToken(t *testing.T, base string) string {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	email, password := "tokentui-it-"+hex.EncodeToString(b)+"@example.com", "Tokentui-it-"+hex.EncodeToString(b)+"!"
	var user struct {
		ID int `json:"id"`
	}
	admin := func(method, path, body string, out any) {
		t.Helper()
		send(t, http.DefaultClient, method, base+path, os.Getenv(TokenEnv), body, out)
	}
	admin("POST", "/api/admin/user-admin", `{"email":"`+email+`","name":"tokentui it","rootRole":2,"password":"`+password+`","sendEmail":false}`, &user)
	t.Cleanup(func() { admin("DELETE", "/api/admin/user-admin/"+strconv.Itoa(user.ID), "", nil) })
	var pat struct {
		Secret string `json:"secret"`
	}
	// A session just made is now and then refused (401) by the token
	// endpoint of unleash-server 8.2.0 (seen in about half the CI runs, with
	// no tokentui code involved): log in afresh and ask again, a few times.
	for attempt := 1; ; attempt++ {
		jar, _ := cookiejar.New(nil)
		session := &http.Client{Jar: jar, Timeout: 20 * time.Second}
		send(t, session, "POST", base+"/auth/simple/login", "", `{"username":"`+email+`","password":"`+password+`"}`, nil)
		status := sendStatus(t, session, "POST", base+"/api/admin/user/tokens", `{"description":"tokentui integration","expiresAt":"`+time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+`"}`, &pat)
		if status != http.StatusUnauthorized || attempt == 4 {
			if status >= 300 {
				t.Fatalf("POST %s/api/admin/user/tokens: HTTP %d (attempt %d)", base, status, attempt)
			}
			break
		}
		t.Logf("attempt %d: the token endpoint refused the new session (401); logging in again", attempt)
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	if !strings.HasPrefix(pat.Secret, "user:") {
		t.Fatalf("no personal access token: %+v", pat)
	}
	return pat.Secret
}

// sendStatus is send that returns the status instead of failing on it.
func sendStatus(t *testing.T, c *http.Client, method, url, body string, out any) int {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 300 && out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: %v", method, url, err)
		}
	}
	return resp.StatusCode
}

func send(t *testing.T, c *http.Client, method, url, auth, body string, out any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		t.Fatalf("%s %s: HTTP %d", method, url, resp.StatusCode)
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("%s %s: %v", method, url, err)
		}
	}
}
