package portal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Settings > Kundportal, kept in portal_settings.
const (
	SettingEnabled     = "enabled"      // "on": the app starts the portal with itself
	SettingListen      = "listen"       // host:port
	SettingTLSCert     = "tls_cert"     // file paths
	SettingTLSKey      = "tls_key"      //
	SettingBehindProxy = "behind_proxy" // "on": plain HTTP behind a TLS-terminating proxy
	SettingPublicURL   = "public_url"   // the address in invitation links
	SettingContact     = "contact"      // whom a customer calls (name and phone)
)

// Setting reads a portal setting ("" when unset).
func (s *Server) Setting(ctx context.Context, key string) (string, error) {
	return GetSetting(ctx, s.st.DB, key)
}

// GetSetting reads a portal setting from db ("" when unset).
func GetSetting(ctx context.Context, db *sql.DB, key string) (string, error) {
	var v string
	err := db.QueryRowContext(ctx, "SELECT value FROM portal_settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading portal setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting writes a portal setting; "" deletes it.
func SetSetting(ctx context.Context, db *sql.DB, key, value string) error {
	var err error
	if value == "" {
		_, err = db.ExecContext(ctx, "DELETE FROM portal_settings WHERE key = ?", key)
	} else {
		_, err = db.ExecContext(ctx, "INSERT INTO portal_settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	}
	if err != nil {
		return fmt.Errorf("writing portal setting %s: %w", key, err)
	}
	return nil
}
