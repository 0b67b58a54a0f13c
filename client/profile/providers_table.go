package profile

import (
	"github.com/tokentui/tokentui/client/border0"
	"github.com/tokentui/tokentui/client/goodaccess"
	"github.com/tokentui/tokentui/client/unleash"
)

// providerTable holds the per-provider defaults. Base URLs are the vendors'
// public API hosts; Unleash is self-hosted, so it has none. GoodAccess
// publishes no variable name; GOODACCESS_TOKEN is ours.
var providerTable = map[string]providerInfo{
	GoodAccess: {display: "GoodAccess", defaultURL: goodaccess.DefaultBaseURL, ownEnv: "GOODACCESS_TOKEN"},
	Border0:    {display: "Border0", defaultURL: border0.DefaultBaseURL, ownEnv: border0.TokenEnv},
	Unleash:    {display: "Unleash", ownEnv: unleash.TokenEnv},
}
