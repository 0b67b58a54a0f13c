// Package profile decides which token system tokentui talks to and with
// which admin token. A profile is a provider, a base URL and a place the
// admin token comes from (an environment variable, a command, the OS
// keychain, or — only in a private config file — the token itself).
// Profiles come from $XDG_CONFIG_HOME/tokentui/config.yaml, from flags, from
// the legacy TOKENTUI_URL/TOKENTUI_TOKEN pair, or from the in-process demo
// emulators.
//
// This package never writes the config file. The one place it stores a
// token is the OS keychain, and only when asked (StoreToken, for `tokentui
// auth set`). Tokens are fetched when a profile is opened, not when it is
// listed, so a token_command (say, a password manager) or a keychain unlock
// prompt runs only for the profile actually used.
package profile
