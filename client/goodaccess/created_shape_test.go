package goodaccess

import (
	"context"
	"net/http"
	"testing"
)

// The token object's shape is not documented ("list and detail objects may
// differ in shape"). A create answer whose other fields have a type we do not
// expect still carries the one-time secret, and the secret must come back.
func TestCreateAnswerWithOddFieldTypesKeepsTheSecret(t *testing.T) {
	const id = "5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d"
	cases := map[string]string{
		"scopes as objects": `{"id":"` + id + `","name":"n","scopes":[{"name":"token.read"}],"token":"ga_s3cret"}`,
		"numeric message":   `{"created_id":"` + id + `","message":200,"token":"ga_s3cret"}`,
		"ips as a string":   `{"id":"` + id + `","allowed_ips":"10.0.0.1","secret":"ga_s3cret"}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if r.Method == http.MethodPost {
					answer(w, http.StatusOK, body)
					return
				}
				answer(w, http.StatusOK, validToken)
			})
			c, err := newProvider(t, srv.URL, "admin").Create(context.Background(), newTok)
			if err != nil || c.Secret != "ga_s3cret" || c.Token.ID != id {
				t.Fatalf("Create = %+v, %v", c, err)
			}
		})
	}
}
