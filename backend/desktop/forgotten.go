package desktop

import (
	"errors"

	"dataskydd/backend/services"
	"dataskydd/backend/twofactor"
)

// ForgottenService is "Glömt lösenordet?": a password reset by SMS code before any session.
type ForgottenService struct{ *Core }

// "Glömt lösenordet?" on the login screen: an SMS code to the user's own phone, then a new
// password. The rules live in backend/services (StartForgotten, FinishForgotten); like an
// admin's reset, the user's secure-data access then needs re-granting.

// ForgotPasswordStart sends the code (public: there is no session yet). With the users'
// password-reset switch off it fails with bad_request: an administrator resets instead.
func (a *ForgottenService) ForgotPasswordStart(username string) (twofactor.Challenge, error) {
	s, err := a.svc()
	if err != nil {
		return twofactor.Challenge{}, err
	}
	ch, err := s.StartForgotten(a.ctx, username)
	return ch, forgottenFail(err)
}

// ForgotPasswordFinish checks the code and sets the new password; the user then logs in.
func (a *ForgottenService) ForgotPasswordFinish(username, challengeID, code, newPassword string) error {
	s, err := a.svc()
	if err != nil {
		return err
	}
	return forgottenFail(s.FinishForgotten(a.ctx, username, challengeID, code, newPassword))
}

func forgottenFail(err error) error {
	if errors.Is(err, services.ErrResetOff) {
		return fail(CodeBadRequest, err)
	}
	return securityFail(err)
}
