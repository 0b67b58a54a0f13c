package registry

import (
	"context"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
)

func TestBuiltinDescriptorsAreComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range All() {
		if err := d.Check(); err != nil {
			t.Errorf("%s: %v", d.Kind, err)
		}
		if seen[d.Kind] {
			t.Errorf("kind %q twice", d.Kind)
		}
		seen[d.Kind] = true
		// The constructor's provider reports the descriptor's names.
		p, err := d.New(client.Connection{BaseURL: "https://" + d.Kind + ".example.com", Token: "t0ken"})
		if err != nil {
			t.Errorf("%s: New: %v", d.Kind, err)
			continue
		}
		if p.Kind() != d.Kind || p.DisplayName() != d.DisplayName {
			t.Errorf("%s: provider says %q/%q", d.Kind, p.Kind(), p.DisplayName())
		}
		if _, ok := p.(client.ExpiryUpdater); ok != d.Can.EditExpiry {
			t.Errorf("%s: ExpiryUpdater %v, descriptor says %v", d.Kind, ok, d.Can.EditExpiry)
		}
	}
	if len(seen) != 3 || KindList() != "goodaccess, border0, unleash" {
		t.Fatalf("kinds: %s", KindList())
	}
}

func TestConstructorErrorIsANilInterface(t *testing.T) {
	for _, d := range All() {
		p, err := d.New(client.Connection{BaseURL: "https://x.example.com"}) // no token
		if err == nil || p != nil {
			t.Errorf("%s: New without a token = %v, %v; want nil, an error", d.Kind, p, err)
		}
	}
}

type acme struct{}

func (acme) Kind() string                                    { return "acme" }
func (acme) DisplayName() string                             { return "Acme" }
func (acme) List(context.Context) ([]client.Token, error)    { return nil, nil }
func (acme) Catalog(context.Context) (client.Catalog, error) { return client.Catalog{}, nil }
func (acme) Revoke(context.Context, client.Token) error      { return nil }
func (acme) Create(context.Context, client.NewToken) (client.Created, error) {
	return client.Created{}, nil
}

func TestRegisterAndUnregister(t *testing.T) {
	d := client.Descriptor{Kind: "acme", DisplayName: "Acme", DefaultURL: "https://api.acme.test",
		New: func(client.Connection) (client.Provider, error) { return acme{}, nil }}
	remove := Register(d)
	if got, ok := Lookup(" ACME "); !ok || got.DisplayName != "Acme" {
		t.Fatalf("Lookup after Register: %v %v", got, ok)
	}
	if !strings.HasSuffix(KindList(), ", acme") {
		t.Fatalf("KindList = %q", KindList())
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a second registration of acme did not panic")
			}
		}()
		Register(d)
	}()
	remove()
	if _, ok := Lookup("acme"); ok {
		t.Fatal("acme still registered")
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a descriptor without a constructor was accepted")
			}
		}()
		Register(client.Descriptor{Kind: "broken", DisplayName: "Broken", DefaultURL: "https://x"})
	}()
}
