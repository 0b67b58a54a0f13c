package emulator

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Service accounts, connectors and their tokens, as Border0's Go SDK,
// Terraform provider and OpenAPI copy describe them
// (shared/specs/border0-service-accounts.md). Nothing there was observed on
// the live service; where the sources disagree the emulator can answer
// either way (SummaryLists), so the client is tested against both.

// border0ReadOnly is the Read Only role as Border0's Terraform docs spell
// it; the wire spelling is not confirmed.
const border0ReadOnly = "read only"

// border0Account is a service account. Its name is its slug: the path key.
type border0Account struct {
	id, name, description, role string
	active                      bool
	createdAt                   time.Time
}

// border0Connector is a Border0 connector.
type border0Connector struct {
	id, name, description string
	createdAt             time.Time
}

func (b *Border0) accountLocked(name string) *border0Account {
	for _, a := range b.accounts {
		if a.name == name {
			return a
		}
	}
	return nil
}

func (b *Border0) connectorLocked(id string) *border0Connector {
	for _, c := range b.connectors {
		if c.id == id {
			return c
		}
	}
	return nil
}

// AddServiceAccount adds a service account directly (tests).
func (b *Border0) AddServiceAccount(name, role, description string, active bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.accounts = append(b.accounts, &border0Account{
		id: newUUID(), name: name, role: role, description: description, active: active, createdAt: b.now(),
	})
}

// IssueAccountToken adds a token of service account name directly (tests)
// and returns its id and secret; "" when there is no such account.
func (b *Border0) IssueAccountToken(account, name string, expiresAt time.Time) (id, secret string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	a := b.accountLocked(account)
	if a == nil {
		return "", ""
	}
	t := &border0Token{id: newUUID(), userID: newUUID(), name: name, createdBy: "emulator", createdAt: b.now(), account: a}
	if !expiresAt.IsZero() {
		t.expiresAt = expiresAt.UTC().Truncate(time.Second)
	}
	secret = b.issue(t)
	b.store(t)
	return t.id, secret
}

type border0AccountWire struct {
	ID          string `json:"service_account_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Role        string `json:"role"`
	Active      bool   `json:"active"`
	CreatedAt   string `json:"created_at"`
	UpdatedAt   string `json:"updated_at"`
}

func (a *border0Account) wire() border0AccountWire {
	at := a.createdAt.Format(time.RFC3339)
	return border0AccountWire{ID: a.id, Name: a.name, Description: a.description, Role: a.role, Active: a.active, CreatedAt: at, UpdatedAt: at}
}

// listAccounts: {"items": n, "list": [...]} (OpenAPI and Border0's examples).
func (b *Border0) listAccounts(w http.ResponseWriter, _ *http.Request, _ border0Caller, _ []string) {
	b.mu.RLock()
	list := make([]border0AccountWire, len(b.accounts))
	for i, a := range b.accounts {
		list[i] = a.wire()
	}
	b.mu.RUnlock()
	writeJSON(w, http.StatusOK, map[string]any{"items": len(list), "list": list})
}

func (b *Border0) getAccount(w http.ResponseWriter, _ *http.Request, _ border0Caller, args []string) {
	b.mu.RLock()
	a := b.accountLocked(args[0])
	b.mu.RUnlock()
	if a == nil {
		border0Error(w, http.StatusNotFound, "service account not found")
		return
	}
	writeJSON(w, http.StatusOK, a.wire())
}

// tokensOfLocked are the visible tokens of an account or a connector.
func (b *Border0) tokensOfLocked(a *border0Account, c *border0Connector) []*border0Token {
	var out []*border0Token
	for _, t := range b.order {
		if t.visible() && (a != nil && t.account == a || c != nil && t.connector == c) {
			out = append(out, t)
		}
	}
	return out
}

// listAccountTokens: the SDK's shape {"list": [{id, name, expires_at,
// created_at}]} or, with SummaryLists, OpenAPI's TokenSummary.
func (b *Border0) listAccountTokens(w http.ResponseWriter, _ *http.Request, _ border0Caller, args []string) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	a := b.accountLocked(args[0])
	if a == nil {
		border0Error(w, http.StatusNotFound, "service account not found")
		return
	}
	tokens := b.tokensOfLocked(a, nil)
	if b.summary {
		writeJSON(w, http.StatusOK, border0Summaries(tokens))
		return
	}
	list := make([]map[string]any, len(tokens))
	for i, t := range tokens {
		list[i] = map[string]any{"id": t.id, "name": t.name, "expires_at": border0TimeString(t.expiresAt), "created_at": t.createdAt.Unix()}
	}
	writeJSON(w, http.StatusOK, map[string]any{"list": list})
}

// border0Summaries is a list in OpenAPI's serializer.TokenSummary shape:
// token_id, no created_at, expires_at a string ("" for never).
func border0Summaries(tokens []*border0Token) map[string]any {
	list := make([]map[string]string, len(tokens))
	for i, t := range tokens {
		e := map[string]string{
			"token_id": t.id, "name": t.name, "role": t.roleNow(), "created_by": t.createdBy,
			"expires_at": border0TimeString(t.expiresAt), "service_account": "", "connector": "", "directory_service": "",
		}
		if t.account != nil {
			e["service_account"] = t.account.name
		}
		if t.connector != nil {
			e["connector"] = t.connector.name
		}
		list[i] = e
	}
	return map[string]any{"items": len(list), "list": list}
}

// border0TimeString is RFC 3339, or "" for the zero time.
func border0TimeString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// border0NewToken is a create body: {"name", "expires_at"} (unix seconds,
// 0 or absent for never), plus "connector_id" for a connector token. The
// SDK also sends empty output fields ("id", "token", "created_at"), which
// are ignored.
type border0NewToken struct {
	Name        string `json:"name"`
	ExpiresAt   int64  `json:"expires_at"`
	ConnectorID string `json:"connector_id"`
}

// readNewToken decodes and checks a create body, answering 400 itself.
func (b *Border0) readNewToken(w http.ResponseWriter, r *http.Request) (border0NewToken, bool) {
	var req border0NewToken
	if msg := decodeBorder0Body(r, &req); msg != "" {
		border0Error(w, http.StatusBadRequest, msg)
		return req, false
	}
	now := b.now()
	msg := ""
	switch {
	case strings.TrimSpace(req.Name) == "":
		msg = "name is required"
	case utf8.RuneCountInString(req.Name) > border0NameMaxLen:
		msg = "name must be at most 100 characters"
	case req.ExpiresAt < 0:
		msg = "expires_at must be a unix time in seconds, or 0 for never"
	case req.ExpiresAt != 0 && req.ExpiresAt <= now.Unix():
		msg = "expires_at must be in the future"
	}
	if msg != "" {
		border0Error(w, http.StatusBadRequest, msg)
		return req, false
	}
	return req, true
}

// mint stores a new token of an account or a connector and returns it
// with its secret.
func (b *Border0) mint(req border0NewToken, caller border0Caller, a *border0Account, c *border0Connector) (*border0Token, string) {
	t := &border0Token{id: newUUID(), userID: newUUID(), name: req.Name, createdBy: "token: " + caller.name, createdAt: b.now(), account: a, connector: c}
	if req.ExpiresAt != 0 {
		t.expiresAt = time.Unix(req.ExpiresAt, 0).UTC()
	}
	secret := b.issue(t)
	t.replicated = time.Now().Add(b.lag) // reads see it only after Lag
	b.store(t)
	return t, secret
}

// createAccountToken answers 200 {id, name, token, created_at (unix),
// expires_at (string)}: the types OpenAPI declares.
func (b *Border0) createAccountToken(w http.ResponseWriter, r *http.Request, caller border0Caller, args []string) {
	req, ok := b.readNewToken(w, r)
	if !ok {
		return
	}
	b.mu.Lock()
	a := b.accountLocked(args[0])
	if a == nil {
		b.mu.Unlock()
		border0Error(w, http.StatusNotFound, "service account not found")
		return
	}
	t, secret := b.mint(req, caller, a, nil)
	b.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"id": t.id, "name": t.name, "token": secret, "created_at": t.createdAt.Unix(), "expires_at": border0TimeString(t.expiresAt),
	})
}

// deleteAccountToken answers 204 without a body; a token not (yet) seen,
// 404.
func (b *Border0) deleteAccountToken(w http.ResponseWriter, _ *http.Request, _ border0Caller, args []string) {
	b.mu.Lock()
	a := b.accountLocked(args[0])
	t := b.byID[args[1]]
	found := a != nil && t != nil && t.account == a && t.visible()
	if found {
		b.removeLocked(t)
	}
	b.mu.Unlock()
	switch {
	case a == nil:
		border0Error(w, http.StatusNotFound, "service account not found")
	case !found:
		border0Error(w, http.StatusNotFound, "token not found")
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}

func (c *border0Connector) wire() map[string]any {
	return map[string]any{"connector_id": c.id, "name": c.name, "description": c.description, "created_at": c.createdAt.Format(time.RFC3339)}
}

// listConnectors: {"list": [...]} (the SDK).
func (b *Border0) listConnectors(w http.ResponseWriter, _ *http.Request, _ border0Caller, _ []string) {
	b.mu.RLock()
	list := make([]map[string]any, len(b.connectors))
	for i, c := range b.connectors {
		list[i] = c.wire()
	}
	b.mu.RUnlock()
	writeJSON(w, http.StatusOK, map[string]any{"list": list})
}

// connectorToken is a ConnectorToken as the SDK reads it; the secret only
// in the create answer.
func connectorToken(t *border0Token, secret string) map[string]any {
	out := map[string]any{
		"connector_id": t.connector.id, "name": t.name, "id": t.id, "token": secret,
		"created_by": t.createdBy, "created_at": t.createdAt.Unix(),
	}
	if !t.expiresAt.IsZero() {
		out["expires_at"] = border0TimeString(t.expiresAt)
	}
	return out
}

func (b *Border0) listConnectorTokens(w http.ResponseWriter, _ *http.Request, _ border0Caller, args []string) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	c := b.connectorLocked(args[0])
	if c == nil {
		border0Error(w, http.StatusNotFound, "connector not found")
		return
	}
	tokens := b.tokensOfLocked(nil, c)
	list := make([]map[string]any, len(tokens))
	for i, t := range tokens {
		list[i] = connectorToken(t, "")
	}
	writeJSON(w, http.StatusOK, map[string]any{"list": list, "connector": c.wire()})
}

// connectorTokenLocked is the visible token tid of connector cid.
func (b *Border0) connectorTokenLocked(cid, tid string) (*border0Connector, *border0Token) {
	c := b.connectorLocked(cid)
	t := b.byID[tid]
	if c == nil || t == nil || t.connector != c || !t.visible() {
		return c, nil
	}
	return c, t
}

func (b *Border0) getConnectorToken(w http.ResponseWriter, _ *http.Request, _ border0Caller, args []string) {
	b.mu.RLock()
	_, t := b.connectorTokenLocked(args[0], args[1])
	var body map[string]any
	if t != nil {
		body = connectorToken(t, "")
	}
	b.mu.RUnlock()
	if t == nil {
		border0Error(w, http.StatusNotFound, "connector token not found")
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// createConnectorToken: POST /connector/token with the connector in the
// body; 200 with the secret in "token".
func (b *Border0) createConnectorToken(w http.ResponseWriter, r *http.Request, caller border0Caller, _ []string) {
	req, ok := b.readNewToken(w, r)
	if !ok {
		return
	}
	b.mu.Lock()
	c := b.connectorLocked(req.ConnectorID)
	if c == nil {
		b.mu.Unlock()
		border0Error(w, http.StatusNotFound, "connector not found")
		return
	}
	t, secret := b.mint(req, caller, nil, c)
	body := connectorToken(t, secret)
	b.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}

// deleteConnectorToken answers 204 (Border0's code is not published; the
// SDK takes any 2xx).
func (b *Border0) deleteConnectorToken(w http.ResponseWriter, _ *http.Request, _ border0Caller, args []string) {
	b.mu.Lock()
	c, t := b.connectorTokenLocked(args[0], args[1])
	if t != nil {
		b.removeLocked(t)
	}
	b.mu.Unlock()
	switch {
	case c == nil:
		border0Error(w, http.StatusNotFound, "connector not found")
	case t == nil:
		border0Error(w, http.StatusNotFound, "connector token not found")
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}

// serverInfo reports the read-after-write delay, as Terraform reads it.
func (b *Border0) serverInfo(w http.ResponseWriter, _ *http.Request, _ border0Caller, _ []string) {
	writeJSON(w, http.StatusOK, map[string]any{"data_consistency": map[string]any{"rx_after_tx_delay_ms": b.lag.Milliseconds()}})
}
