package services

import (
	"context"
	"fmt"

	"dataskydd/backend/twofactor"
)

// RemoveSMS removes the SMS provider's settings. While any two-factor flow is on it is
// refused (twofactor.ErrInvalidSetting): nobody challenged by that flow could pass it.
func (s *Services) RemoveSMS(ctx context.Context) error {
	flows, err := s.TwoFactor.FlowSettings(ctx)
	if err != nil {
		return err
	}
	for _, f := range flows {
		if f.Enabled {
			return fmt.Errorf("removing SMS settings: switch off the two-factor flow %q first: %w", f.Flow, twofactor.ErrInvalidSetting)
		}
	}
	return s.SMS.Remove(ctx)
}
