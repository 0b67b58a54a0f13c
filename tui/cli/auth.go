package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client/profile"
)

// `tokentui auth` keeps admin tokens in the OS keychain for the profiles
// whose config says token_keyring. It writes to the keychain only; the
// config file is never touched.

func authCommand(stdio IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "auth",
		Short: "keep admin tokens in the OS keychain (set, delete)",
		Long: `Keep the admin tokens of profiles in the OS keychain: the Secret Service on
Linux (gnome-keyring, KeePassXC), the Keychain on macOS, the Credential
Manager on Windows. A profile reads its token from there when its config
says token_keyring: true (an entry named after the profile) or
token_keyring: ENTRY. tokentui never writes the config file: add that line
yourself, then store the token with 'tokentui auth set PROFILE'.`,
		Annotations: map[string]string{usageAnnotation: "tokentui auth set|delete PROFILE"},
		Args:        cobra.ArbitraryArgs,
		RunE:        needsSubcommand,
	}
	cmd.AddCommand(authSetCommand(stdio), authDeleteCommand(stdio))
	return cmd
}

func authSetCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var yes bool
	cmd := inv.command(spec{
		name:    "set PROFILE",
		usage:   "tokentui auth set PROFILE [--yes]",
		summary: "store a profile's admin token in the OS keychain",
		about: `Store the admin token of PROFILE in the OS keychain, as the entry its
token_keyring names. On a terminal the token is asked for and read without
echo, so it stays off the screen, out of the scrollback and out of shell
history; otherwise it is read from stdin (tokentui auth set work < file).
A token already stored is replaced only when you confirm, or with --yes.`,
		args:     oneProfile,
		complete: inv.completeKeyringProfiles,
		run:      func(ctx context.Context, args []string) error { return inv.authSet(ctx, args[0], yes) },
	})
	cmd.Flags().BoolVar(&yes, "yes", false, "replace a stored token without asking")
	return cmd
}

func authDeleteCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var yes bool
	cmd := inv.command(spec{
		name:    "delete PROFILE",
		usage:   "tokentui auth delete PROFILE [--yes]",
		summary: "delete a profile's admin token from the OS keychain",
		about: `Delete the admin token of PROFILE from the OS keychain. The token stays
valid on its server: revoke it there if it should stop working. On a
terminal you are asked to confirm; without one, --yes is required.`,
		args:     oneProfile,
		complete: inv.completeKeyringProfiles,
		run:      func(ctx context.Context, args []string) error { return inv.authDelete(ctx, args[0], yes) },
	})
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask for confirmation")
	return cmd
}

func oneProfile(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usagef("%s takes one profile name (got %d arguments)", cmd.Name(), len(args))
	}
	return nil
}

// keyringProfile finds the config's profile name, which must keep its
// token in the keychain.
func (inv *invocation) keyringProfile(name string) (profile.Profile, error) {
	sel, err := profile.Resolve(profile.Options{Profile: name, Env: inv.io.Env, ConfigPath: inv.global.ConfigPath})
	if err != nil {
		return profile.Profile{}, err
	}
	sel.Close()
	p := sel.Selected
	if p.KeyringEntry == "" {
		return p, refusal("profile %s reads its admin token from %s, not from the keychain: in %s, replace that with `token_keyring: true`, then run this again",
			p.Name, p.TokenSource(), sel.ConfigPath)
	}
	return p, nil
}

func (inv *invocation) authSet(ctx context.Context, name string, yes bool) error {
	p, err := inv.keyringProfile(name)
	if err != nil {
		return err
	}
	has, err := profile.HasStoredToken(ctx, p)
	if err != nil {
		return errors.New(profile.KeyringUnavailable(err))
	}
	if has && !yes {
		if !inv.io.InIsTerminal {
			return refusal("the keychain already holds a token for profile %s; pass --yes to replace it", p.Name)
		}
		ok, err := inv.confirm(ctx, fmt.Sprintf("The keychain already holds a token for profile %s. Replace it? [y/N] ", p.Name))
		if err != nil || !ok {
			return refusal("nothing stored")
		}
	}
	tok, err := inv.readSecret(ctx, fmt.Sprintf("Admin token for profile %s (%s): ", p.Name, p.DisplayProvider()))
	if err != nil {
		return err
	}
	if tok == "" {
		return refusal("no token given; nothing stored")
	}
	if err := profile.StoreToken(ctx, p, tok); err != nil {
		var te *profile.TokenError
		if errors.As(err, &te) {
			return refusal("%s; nothing stored", te.Reason)
		}
		return errors.New(profile.KeyringUnavailable(err))
	}
	inv.info(fmt.Sprintf("stored the admin token of profile %s in the keychain (entry %s); tokentui reads it from there", p.Name, strconv.Quote(p.KeyringEntry)))
	return nil
}

func (inv *invocation) authDelete(ctx context.Context, name string, yes bool) error {
	p, err := inv.keyringProfile(name)
	if err != nil {
		return err
	}
	has, err := profile.HasStoredToken(ctx, p)
	switch {
	case err != nil:
		return errors.New(profile.KeyringUnavailable(err))
	case !has:
		return fmt.Errorf("the keychain holds no token for profile %s (entry %s)", p.Name, strconv.Quote(p.KeyringEntry))
	}
	if !yes {
		if !inv.io.InIsTerminal {
			return refusal("refusing to delete without confirmation: stdin is not a terminal; pass --yes")
		}
		ok, err := inv.confirm(ctx, fmt.Sprintf("Delete the admin token of profile %s from the keychain? It stays valid on the server. [y/N] ", p.Name))
		if err != nil || !ok {
			return refusal("nothing deleted")
		}
	}
	if err := profile.DeleteStoredToken(ctx, p); err != nil {
		return errors.New(profile.KeyringUnavailable(err))
	}
	inv.info(fmt.Sprintf("deleted the admin token of profile %s from the keychain", p.Name))
	return nil
}

// completeKeyringProfiles completes the profiles whose token is in the
// keychain.
func (inv *invocation) completeKeyringProfiles(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return none()
	}
	var out []cobra.Completion
	for _, p := range inv.configProfiles() {
		if p.KeyringEntry != "" && oneWord(p.Name) {
			out = append(out, cobra.CompletionWithDesc(p.Name, p.DisplayProvider()+" · keychain entry "+strconv.Quote(p.KeyringEntry)))
		}
	}
	return filterPrefix(out, toComplete), cobra.ShellCompDirectiveNoFileComp
}
