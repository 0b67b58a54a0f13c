package border0

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// Service accounts and connectors own tokens of their own, each listed at
// its owner's path (shared/specs/border0-service-accounts.md): what
// Border0's SDK, CLI and Terraform provider manage today.

const (
	accountsPath   = "/organizations/iam/service_accounts"
	connectorsPath = "/connectors"
	// connectorOwner starts the OwnerID of a connector's token; a service
	// account's OwnerID is its name, a slug, which never holds ":".
	connectorOwner = "connector:"
	// ownerReads bounds the owner lists read at once.
	ownerReads = 8
)

// account is a service account as Border0 sends it.
type account struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Role        string `json:"role"`
	Active      *bool  `json:"active"`
}

// connector is a connector as Border0 sends it.
type connector struct {
	ID          string `json:"connector_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// owners reads the service accounts and the connectors. A list endpoint
// that does not exist (404) means none of that kind: the listing of
// service accounts is in Border0's OpenAPI document and examples but not
// in its SDK, so it is not assumed.
func (p *Provider) owners(ctx context.Context) ([]account, []connector, error) {
	var accounts []account
	if err := p.readList(ctx, accountsPath, &accounts); err != nil {
		return nil, nil, err
	}
	var connectors []connector
	if err := p.readList(ctx, connectorsPath, &connectors); err != nil {
		return nil, nil, err
	}
	return accounts, connectors, nil
}

// readList decodes {"list": [...]} at path into out; 404 leaves it empty.
func (p *Provider) readList(ctx context.Context, path string, out any) error {
	var env struct {
		List any `json:"list"`
	}
	env.List = out
	err := p.api.JSON(ctx, rest.Request{Method: http.MethodGet, Path: path, List: true}, &env)
	var nf *client.NotFoundError
	if errors.As(err, &nf) {
		return nil
	}
	return err
}

// ownedTokens lists the tokens of every service account and connector,
// ownerReads lists at a time.
func (p *Provider) ownedTokens(ctx context.Context) ([]client.Token, error) {
	accounts, connectors, err := p.owners(ctx)
	if err != nil {
		return nil, err
	}
	reads := make([]func(context.Context) ([]client.Token, error), 0, len(accounts)+len(connectors))
	for _, a := range accounts {
		reads = append(reads, func(ctx context.Context) ([]client.Token, error) { return p.accountTokens(ctx, a) })
	}
	for _, c := range connectors {
		reads = append(reads, func(ctx context.Context) ([]client.Token, error) { return p.connectorTokens(ctx, c) })
	}
	return readAll(ctx, reads)
}

// readAll runs reads at most ownerReads at a time and joins their tokens
// in order; the first error cancels the rest and is returned.
func readAll(ctx context.Context, reads []func(context.Context) ([]client.Token, error)) ([]client.Token, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([][]client.Token, len(reads))
	errs := make([]error, len(reads))
	sem := make(chan struct{}, ownerReads)
	var wg sync.WaitGroup
	for i, read := range reads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if results[i], errs[i] = read(ctx); errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	var out []client.Token
	for i := range reads {
		if errs[i] != nil && !errors.Is(errs[i], context.Canceled) {
			return nil, errs[i]
		}
		out = append(out, results[i]...)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err // only cancellations: the caller's context ended
	}
	return out, nil
}

// accountPath is the path of a service account, its name escaped.
func accountPath(name string) string { return accountsPath + "/" + url.PathEscape(name) }

// accountTokens lists a service account's tokens; they act with its role.
func (p *Provider) accountTokens(ctx context.Context, a account) ([]client.Token, error) {
	tokens, err := p.tokensAt(ctx, accountPath(a.Name)+"/tokens")
	if err != nil {
		return nil, err
	}
	name := client.Sanitize(a.Name)
	for i := range tokens {
		tokens[i].Owner, tokens[i].OwnerID = name, a.Name
		if r := client.Sanitize(a.Role); r != "" {
			tokens[i].Role = r // the account's role decides, not a stale copy
		}
	}
	return tokens, nil
}

// connectorTokens lists a connector's tokens. Their "token" field (the
// secret, sent only by a create) is not read.
func (p *Provider) connectorTokens(ctx context.Context, c connector) ([]client.Token, error) {
	tokens, err := p.tokensAt(ctx, "/connector/"+url.PathEscape(c.ID)+"/tokens")
	if err != nil {
		return nil, err
	}
	for i := range tokens {
		tokens[i].Owner, tokens[i].OwnerID, tokens[i].Role = connectorName(c), connectorOwner+c.ID, "connector"
	}
	return tokens, nil
}

// connectorName is how a connector's tokens show their owner.
func connectorName(c connector) string {
	name := client.Sanitize(strings.TrimSpace(c.Name))
	if name == "" {
		name = client.Sanitize(c.ID)
	}
	return "connector " + name
}
