package goodaccess

import (
	"context"
	"net/http"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// listTokens fetches GET /api/v1/tokens (a bare JSON array) and decodes it
// as it arrives, one element at a time into a reused apiToken, so neither
// the 37 MB body of 100 000 tokens nor an intermediate []apiToken is held.
func listTokens(ctx context.Context, api *rest.Client, zone *time.Location) ([]client.Token, error) {
	tokens, _, err := rest.GetList(ctx, api, rest.Request{Method: http.MethodGet, Path: pathTokens}, "", listConverter(zone))
	if err != nil {
		return nil, err
	}
	return nonNil(tokens), nil
}

// decodeList decodes a buffered list answer the same way (benchmarks),
// its times in UTC.
func decodeList(resp rest.Response) ([]client.Token, error) {
	tokens, _, err := rest.DecodeList(resp, "", listConverter(time.UTC))
	if err != nil {
		return nil, err
	}
	return nonNil(tokens), nil
}

// listConverter converts list elements, their times without a zone read in
// zone. Several goroutines call it at once (rest.GetList).
func listConverter(zone *time.Location) func(*listToken, *client.Token) error {
	return func(l *listToken, t *client.Token) error {
		l.toToken(t, zone)
		return nil
	}
}

// nonNil: a null list is an empty one.
func nonNil(tokens []client.Token) []client.Token {
	if tokens == nil {
		return []client.Token{}
	}
	return tokens
}
