package profile

// providerTable holds the per-provider defaults. Base URLs are the vendors'
// public API hosts; Unleash is self-hosted, so it has none.
var providerTable = map[string]providerInfo{
	GoodAccess: {display: "GoodAccess", defaultURL: "https://integration.goodaccess.com", ownEnv: "GOODACCESS_TOKEN"},
	Border0:    {display: "Border0", defaultURL: "https://api.border0.com/api/v1", ownEnv: "BORDER0_ADMIN_TOKEN"},
	Unleash:    {display: "Unleash", ownEnv: "UNLEASH_ADMIN_TOKEN"},
}
