// Package unleash manages Unleash API tokens through the admin API of a
// self-hosted Unleash server (observed against unleash-server 8.2.0).
//
// Unleash differs from the other providers in ways the code relies on:
//
//   - A token is addressed by its secret: the list endpoint returns every
//     secret, and revoke and update take it in the path. Token.ID is therefore
//     client.Fingerprint(secret) and Token.Secret holds the secret itself.
//   - Create answers with the type that was asked for ("backend"), but list
//     reports a backend token as "client" (8.2 stores both as client tokens).
//     The provider keeps what each endpoint says rather than guessing.
//   - expiresAt is absent (create) or null (list) for a token that never
//     expires; seenAt likewise for a token never used.
//   - Revoke and update answer 200 even for a secret that does not exist, so
//     UpdateExpiry reads the list back to confirm; Revoke cannot tell "revoked
//     now" from "was already gone", and both are success for the caller.
//   - Admin tokens cannot be created through the API in 8.2 (they come from
//     the server's start-up configuration); the catalog lists the type as not
//     creatable.
//   - A malformed request body gets a 400 with an HTML page, not JSON.
//   - A client or frontend token used on the admin API gets 403 "invalid
//     token: expected a different token type for this endpoint".
package unleash
