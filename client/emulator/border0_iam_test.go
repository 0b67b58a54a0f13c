package emulator

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// border0Do sends one request to path (below /api/v1) with a bearer token.
func border0Do(t *testing.T, b *Border0, method, path, token, body string) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, b.URL+path, rd)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
	return resp.StatusCode, out
}

func listOf(m map[string]any) []map[string]any {
	var out []map[string]any
	items, _ := m["list"].([]any)
	for _, it := range items {
		out = append(out, it.(map[string]any))
	}
	return out
}

func TestBorder0ServiceAccountsAndTheirTokens(t *testing.T) {
	b := newBorder0Test(t, Border0Options{})
	status, body := border0Do(t, b, "GET", "/organizations/iam/service_accounts", b.AdminToken, "")
	accounts := listOf(body)
	if status != 200 || body["items"] != float64(len(border0AccountSeeds)) || len(accounts) != len(border0AccountSeeds) {
		t.Fatalf("accounts: %d %v", status, body)
	}
	if a := accounts[0]; a["name"] != "ci-deployer" || a["role"] != "admin" || a["active"] != true || a["service_account_id"] == "" {
		t.Errorf("account %v", a)
	}
	if s, one := border0Do(t, b, "GET", "/organizations/iam/service_accounts/metrics-exporter", b.AdminToken, ""); s != 200 || one["role"] != border0ReadOnly {
		t.Errorf("get one: %d %v", s, one)
	}
	if s, e := border0Do(t, b, "GET", "/organizations/iam/service_accounts/nope/tokens", b.AdminToken, ""); s != 404 || e["error_message"] != "service account not found" {
		t.Errorf("unknown account: %d %v", s, e)
	}

	// The SDK's shape: id, expires_at a string, created_at unix seconds.
	_, body = border0Do(t, b, "GET", "/organizations/iam/service_accounts/ci-deployer/tokens", b.AdminToken, "")
	tokens := listOf(body)
	if len(tokens) != 2 || tokens[0]["id"] == nil || tokens[1]["expires_at"] != "" {
		t.Fatalf("tokens %v", tokens)
	}
	if _, isNum := tokens[0]["created_at"].(float64); !isNum {
		t.Errorf("created_at %v", tokens[0]["created_at"])
	}

	// Create one: the secret once, created_at unix, expires_at a string.
	exp := border0TestNow.Add(30 * 24 * time.Hour).Unix()
	status, created := border0Do(t, b, "POST", "/organizations/iam/service_accounts/ci-deployer/tokens", b.AdminToken,
		`{"name":"new-one","expires_at":`+jsonInt(exp)+`,"id":"","token":"","created_at":0}`)
	secret, _ := created["token"].(string)
	if status != 200 || secret == "" || created["expires_at"] != time.Unix(exp, 0).UTC().Format(time.RFC3339) {
		t.Fatalf("create: %d %v", status, created)
	}
	claims := jwtClaims(t, secret)
	if claims["type"] != border0TypeServiceAccount || claims["service_account"] != "ci-deployer" || claims["token_id"] != created["id"] {
		t.Errorf("claims %v", claims)
	}
	// It acts as its account: an admin one may list organisation tokens.
	if s, _ := border0Do(t, b, "GET", "/organizations/tokens", secret, ""); s != 200 {
		t.Errorf("an admin account's token on the admin API: %d", s)
	}
	id := created["id"].(string)
	path := "/organizations/iam/service_accounts/ci-deployer/tokens/" + id
	if s, body := border0Do(t, b, "DELETE", path, b.AdminToken, ""); s != 204 || body != nil {
		t.Errorf("delete: %d %v", s, body)
	}
	if s, _ := border0Do(t, b, "DELETE", path, b.AdminToken, ""); s != 404 {
		t.Errorf("delete again: %d", s)
	}
	if s, _ := border0Do(t, b, "GET", "/organizations/tokens", secret, ""); s != 401 {
		t.Errorf("a revoked token: %d", s)
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

func jwtClaims(t *testing.T, jwt string) map[string]any {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(strings.Split(jwt, ".")[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return m
}

// The roles of service accounts: read only may read, client may not use
// the admin API at all.
func TestBorder0ServiceAccountRoles(t *testing.T) {
	b := newBorder0Test(t, Border0Options{NoSeed: true})
	b.AddServiceAccount("ro", border0ReadOnly, "", true)
	b.AddServiceAccount("cl", "client", "", true)
	b.AddServiceAccount("off", "admin", "", false)
	_, ro := b.IssueAccountToken("ro", "r", time.Time{})
	_, cl := b.IssueAccountToken("cl", "c", time.Time{})
	_, off := b.IssueAccountToken("off", "o", time.Time{})
	for _, c := range []struct {
		token, method string
		want          int
	}{
		{ro, "GET", 200}, {ro, "POST", 403}, {cl, "GET", 403}, {off, "GET", 401},
	} {
		if s, _ := border0Do(t, b, c.method, "/organizations/iam/service_accounts", c.token, ""); c.method == "GET" && s != c.want {
			t.Errorf("%s: %d, want %d", c.method, s, c.want)
		}
		if c.method == "POST" {
			if s, _ := border0Do(t, b, "POST", "/organizations/iam/service_accounts/ro/tokens", c.token, `{"name":"x"}`); s != c.want {
				t.Errorf("read only creating: %d", s)
			}
		}
	}
}

// SummaryLists answers in OpenAPI's TokenSummary: token_id, no created_at.
func TestBorder0SummaryLists(t *testing.T) {
	b := newBorder0Test(t, Border0Options{SummaryLists: true, SummaryOrgList: true})
	_, body := border0Do(t, b, "GET", "/organizations/iam/service_accounts/metrics-exporter/tokens", b.AdminToken, "")
	tokens := listOf(body)
	if body["items"] != float64(1) || len(tokens) != 1 {
		t.Fatalf("%v", body)
	}
	tok := tokens[0]
	if tok["token_id"] == nil || tok["id"] != nil || tok["created_at"] != nil || tok["service_account"] != "metrics-exporter" || tok["role"] != border0ReadOnly {
		t.Errorf("summary %v", tok)
	}
	_, body = border0Do(t, b, "GET", "/organizations/tokens", b.AdminToken, "")
	if org := listOf(body); len(org) != 12 || org[0]["token_id"] == nil || org[0]["service_account"] != "" {
		t.Errorf("org summary %v", org[0])
	}
}

// Lag: a new token is missing from reads, and deleting it answers 404,
// until the replication delay has passed; /serverinfo says how long.
func TestBorder0ReadAfterWriteLag(t *testing.T) {
	const lag = 150 * time.Millisecond
	b := newBorder0Test(t, Border0Options{NoSeed: true, Lag: lag})
	_, info := border0Do(t, b, "GET", "/serverinfo", b.AdminToken, "")
	if dc, _ := info["data_consistency"].(map[string]any); dc["rx_after_tx_delay_ms"] != float64(150) {
		t.Errorf("serverinfo %v", info)
	}
	b.AddServiceAccount("bot", "member", "", true)
	_, created := border0Do(t, b, "POST", "/organizations/iam/service_accounts/bot/tokens", b.AdminToken, `{"name":"t"}`)
	path := "/organizations/iam/service_accounts/bot/tokens/" + created["id"].(string)
	_, list := border0Do(t, b, "GET", "/organizations/iam/service_accounts/bot/tokens", b.AdminToken, "")
	if len(listOf(list)) != 0 {
		t.Error("a token is listed before the lag passed")
	}
	if s, _ := border0Do(t, b, "DELETE", path, b.AdminToken, ""); s != 404 {
		t.Errorf("delete during the lag: %d", s)
	}
	time.Sleep(lag)
	_, list = border0Do(t, b, "GET", "/organizations/iam/service_accounts/bot/tokens", b.AdminToken, "")
	if len(listOf(list)) != 1 {
		t.Error("the token is still missing after the lag")
	}
	if s, _ := border0Do(t, b, "DELETE", path, b.AdminToken, ""); s != 204 {
		t.Errorf("delete after the lag: %d", s)
	}
	// An organisation token lags too.
	_, org := border0Do(t, b, "POST", "/organizations/tokens", b.AdminToken, `{"name":"o","role":"member"}`)
	_, list = border0Do(t, b, "GET", "/organizations/tokens", b.AdminToken, "")
	if org["token"] == nil || len(listOf(list)) != 1 {
		t.Errorf("organisation token during the lag: %d listed", len(listOf(list)))
	}
}

func TestBorder0ConnectorTokens(t *testing.T) {
	b := newBorder0Test(t, Border0Options{})
	_, body := border0Do(t, b, "GET", "/connectors", b.AdminToken, "")
	conns := listOf(body)
	if len(conns) != 1 || conns[0]["name"] != "edge-eu-west" {
		t.Fatalf("connectors %v", body)
	}
	cid := conns[0]["connector_id"].(string)
	_, body = border0Do(t, b, "GET", "/connector/"+cid+"/tokens", b.AdminToken, "")
	if tokens := listOf(body); len(tokens) != 1 || tokens[0]["token"] != "" || body["connector"].(map[string]any)["name"] != "edge-eu-west" {
		t.Fatalf("connector tokens %v", body)
	}
	status, created := border0Do(t, b, "POST", "/connector/token", b.AdminToken, `{"connector_id":"`+cid+`","name":"edge-2","expires_at":0}`)
	if status != 200 || created["token"] == "" || created["expires_at"] != nil || created["connector_id"] != cid {
		t.Fatalf("create: %d %v", status, created)
	}
	one := "/connector/" + cid + "/token/" + created["id"].(string)
	if s, got := border0Do(t, b, "GET", one, b.AdminToken, ""); s != 200 || got["token"] != "" || got["name"] != "edge-2" {
		t.Errorf("get one: %d %v", s, got)
	}
	// A connector token may not use the admin API.
	if s, _ := border0Do(t, b, "GET", "/organizations/tokens", created["token"].(string), ""); s != 403 {
		t.Errorf("a connector token on the admin API: %d", s)
	}
	if s, _ := border0Do(t, b, "DELETE", one, b.AdminToken, ""); s != 204 {
		t.Errorf("delete: %d", s)
	}
	if s, _ := border0Do(t, b, "GET", one, b.AdminToken, ""); s != 404 {
		t.Errorf("get after delete: %d", s)
	}
	if s, _ := border0Do(t, b, "POST", "/connector/token", b.AdminToken, `{"connector_id":"nope","name":"x"}`); s != 404 {
		t.Errorf("unknown connector: %d", s)
	}
}
