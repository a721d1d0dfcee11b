package twofactor

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Settings is the twofactor_settings table: plain key/value settings. It also
// serves sms.Gateway as its SettingsStore.
type Settings struct{ db *sql.DB }

// NewSettings returns the settings kept in db (a store with migration 0004).
func NewSettings(db *sql.DB) *Settings { return &Settings{db: db} }

// Setting returns the value under key; ok is false when none is stored.
func (s *Settings) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM twofactor_settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("reading setting %s: %w", key, err)
	}
	return v, true, nil
}

// SetSetting stores value under key.
func (s *Settings) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO twofactor_settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	if err != nil {
		return fmt.Errorf("writing setting %s: %w", key, err)
	}
	return nil
}

// DeleteSetting removes key.
func (s *Settings) DeleteSetting(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM twofactor_settings WHERE key = ?", key); err != nil {
		return fmt.Errorf("deleting setting %s: %w", key, err)
	}
	return nil
}

// DefaultDevicePeriod is how long a device stays trusted: one year from the
// first two-factor login on it (the seed's rule).
const DefaultDevicePeriod = 365 * 24 * time.Hour

// Bounds of the trusted-device period setting.
const (
	MinDevicePeriod = 24 * time.Hour
	MaxDevicePeriod = 365 * 24 * time.Hour // the seed: valid one year at most
)

const settingDevicePeriod = "device_period_days"

func flowSettingKey(f Flow) string { return "flow." + string(f) }

// FlowSetting is one row of Settings > Two-factor authentication.
type FlowSetting struct {
	FlowInfo
	Enabled bool `json:"enabled"`
}

// FlowSettings lists every flow with its switch.
func (e *Engine) FlowSettings(ctx context.Context) ([]FlowSetting, error) {
	var out []FlowSetting
	for _, fi := range flowTable {
		on, err := e.FlowEnabled(ctx, fi.Flow)
		if err != nil {
			return nil, err
		}
		out = append(out, FlowSetting{FlowInfo: fi, Enabled: on})
	}
	return out, nil
}

// FlowEnabled reports whether flow f is switched on. Flows start off.
func (e *Engine) FlowEnabled(ctx context.Context, f Flow) (bool, error) {
	if _, ok := f.Info(); !ok {
		return false, fmt.Errorf("flow %q: %w", f, ErrUnknownFlow)
	}
	v, _, err := e.settings.Setting(ctx, flowSettingKey(f))
	return v == "on", err
}

// SetFlow switches flow f on or off. Switching on needs SMS sending to be
// configured (ErrSMSNotConfigured); switching off always works.
func (e *Engine) SetFlow(ctx context.Context, f Flow, on bool) error {
	if _, ok := f.Info(); !ok {
		return fmt.Errorf("flow %q: %w", f, ErrUnknownFlow)
	}
	if !on {
		return e.settings.SetSetting(ctx, flowSettingKey(f), "off")
	}
	ok, err := e.sms.Configured(ctx)
	if err != nil {
		return fmt.Errorf("switching on %s: checking SMS settings: %w", f, err)
	}
	if !ok {
		return fmt.Errorf("switching on %s: %w", f, ErrSMSNotConfigured)
	}
	return e.settings.SetSetting(ctx, flowSettingKey(f), "on")
}

// DevicePeriod returns how long a device stays trusted.
func (e *Engine) DevicePeriod(ctx context.Context) (time.Duration, error) {
	v, ok, err := e.settings.Setting(ctx, settingDevicePeriod)
	if err != nil || !ok {
		return DefaultDevicePeriod, err
	}
	days, err := strconv.Atoi(v)
	if err != nil || days <= 0 {
		return DefaultDevicePeriod, nil
	}
	// A longer period stored by an older version (which allowed 730 days) counts as the most.
	return min(PeriodOfDays(days), MaxDevicePeriod), nil
}

// PeriodOfDays is a count of days as a period; a count beyond what a Duration holds is
// MaxDevicePeriod plus a day (so [Engine.SetDevicePeriod] refuses it) instead of wrapping
// round into the allowed range.
func PeriodOfDays(days int) time.Duration {
	if days > int(MaxDevicePeriod/(24*time.Hour)) {
		return MaxDevicePeriod + 24*time.Hour
	}
	return time.Duration(days) * 24 * time.Hour
}

// SetDevicePeriod sets how long newly trusted devices stay trusted, in whole
// days between MinDevicePeriod and MaxDevicePeriod. Devices already trusted
// keep the expiry they got.
func (e *Engine) SetDevicePeriod(ctx context.Context, d time.Duration) error {
	if d < MinDevicePeriod || d > MaxDevicePeriod || d%(24*time.Hour) != 0 {
		return fmt.Errorf("trusted-device period %s: whole days from 1 to 365: %w", d, ErrInvalidSetting)
	}
	return e.settings.SetSetting(ctx, settingDevicePeriod, strconv.Itoa(int(d/(24*time.Hour))))
}
