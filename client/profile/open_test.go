package profile

import (
	"errors"
	"testing"
)

func TestOpenEveryDemoProfileLists(t *testing.T) {
	sel, err := Resolve(Options{Demo: true, Env: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	defer sel.Close()
	for _, p := range sel.Profiles {
		prov, err := Open(t.Context(), p)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if prov.Kind() != p.Provider {
			t.Errorf("%s: kind %q", p.Name, prov.Kind())
		}
		tokens, err := prov.List(t.Context())
		if err != nil || len(tokens) == 0 {
			t.Errorf("%s: %d tokens, %v", p.Name, len(tokens), err)
		}
	}
}

func TestOpenWithoutTokenIsATokenError(t *testing.T) {
	p := Profile{Name: "b", Provider: Border0, URL: "https://api.border0.com/api/v1", getenv: noEnv}
	_, err := Open(t.Context(), p)
	var te *TokenError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want *TokenError", err)
	}
}
