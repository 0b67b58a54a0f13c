package profile

import (
	"errors"
	"testing"
)

func TestOpenWithoutTokenIsATokenError(t *testing.T) {
	p := Profile{Name: "b", Provider: "border0", URL: "https://api.border0.com/api/v1", getenv: noEnv}
	_, err := Open(t.Context(), p)
	var te *TokenError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want *TokenError", err)
	}
}
