package demo

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/hostile"
	"github.com/tokentui/tokentui/client/registry"
)

// A create or revoke whose answer is lost must never be reported as a plain
// failure: the server acted, and a retry would act twice. Every provider is
// run here against its own emulator behind a hostile proxy that lets the
// write through, so it is really carried out, and then spoils the answer in
// each way a network or a proxy can.

// validRequest is a create request each provider accepts, from its catalog.
func validRequest(t *testing.T, p client.Provider) client.NewToken {
	t.Helper()
	cat, err := p.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	req := client.NewToken{Name: "outcome-test", ExpiresAt: time.Now().Add(30 * 24 * time.Hour)}
	if all := cat.AllScopes(); len(all) > 0 {
		req.Scopes = all[:1]
	}
	for _, r := range cat.Roles {
		if r.Creatable && r.Name != "admin" {
			req.Role = r.Name
			break
		}
	}
	if len(cat.Environments) > 0 {
		req.Environment = cat.Environments[0].ID
	}
	if len(cat.Projects) > 0 {
		req.Projects = []string{cat.Projects[0].ID}
	}
	return req
}

// eachProvider runs f for every provider's emulator, reached through a
// hostile proxy that spoils the answers to method (as kind says).
func eachProvider(t *testing.T, method string, kinds []string, f func(t *testing.T, p, direct client.Provider, inst Instance, kind hostile.Loss, sent func() string)) {
	r, err := StartEmulators(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i, inst := range r.Instances {
		d, _ := registry.Lookup(r.Kinds[i])
		upstream, token := inst.Endpoint()
		for _, name := range kinds {
			t.Run(d.Kind+"/"+name, func(t *testing.T) {
				kind := hostile.Losses[name]
				url, sent := hostile.LossyProxy(t, upstream, method, kind.Spoil)
				p, err := d.New(client.Connection{BaseURL: url, Token: token, Timeout: 400 * time.Millisecond, RetryBackoff: time.Millisecond})
				if err != nil {
					t.Fatal(err)
				}
				direct, err := d.New(client.Connection{BaseURL: upstream, Token: token})
				if err != nil {
					t.Fatal(err)
				}
				f(t, p, direct, inst, kind, sent)
			})
		}
	}
}

func allKinds() []string {
	var out []string
	for name := range hostile.Losses {
		out = append(out, name)
	}
	return out
}

func TestEveryProviderReportsALostCreateAnswerAsUnknown(t *testing.T) {
	eachProvider(t, http.MethodPost, allKinds(), func(t *testing.T, p, _ client.Provider, inst Instance, kind hostile.Loss, sent func() string) {
		before := inst.Len()
		_, err := p.Create(context.Background(), validRequest(t, p))
		u, ok := client.AsUnknownOutcome(err)
		if !ok {
			t.Fatalf("Create = %v, want an UnknownOutcomeError", err)
		}
		if got := inst.Len(); got != before+1 {
			t.Fatalf("the emulator holds %d tokens, want %d: the create went through once", got, before+1)
		}
		if u.Accepted != kind.Accepted {
			t.Errorf("Accepted = %t", u.Accepted)
		}
		secret := sent()
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error carries the secret: %v", err)
		}
		if kind.Whole && (len(u.Candidates) == 0 || u.Candidates[0] != secret) {
			t.Errorf("candidates %d, want the secret first", len(u.Candidates))
		}
		if !kind.Accepted && len(u.Candidates) > 0 {
			t.Errorf("candidates from an answer that never came: %d", len(u.Candidates))
		}
	})
}

// A revoke whose answer is lost is not "failed": the token may be gone.
func TestEveryProviderReportsALostRevokeAnswerAsUnknown(t *testing.T) {
	kinds := []string{"500 from a proxy after the commit", "no answer in time"}
	eachProvider(t, http.MethodDelete, kinds, func(t *testing.T, p, direct client.Provider, inst Instance, _ hostile.Loss, _ func() string) {
		created, err := direct.Create(context.Background(), validRequest(t, direct))
		if err != nil {
			t.Fatal(err)
		}
		before := inst.Len()
		err = p.Revoke(context.Background(), created.Token)
		if _, ok := client.AsUnknownOutcome(err); !ok {
			t.Fatalf("Revoke = %v, want an UnknownOutcomeError", err)
		}
		if inst.Len() != before-1 {
			t.Fatalf("the emulator holds %d tokens, want %d: the revoke went through", inst.Len(), before-1)
		}
		if created.Secret != "" && strings.Contains(err.Error(), created.Secret) {
			t.Errorf("the error carries the secret: %v", err)
		}
	})
}
