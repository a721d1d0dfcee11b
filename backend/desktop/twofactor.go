package desktop

import (
	"encoding/base64"
	"errors"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/secrets"
	"dataskydd/backend/services"
	"dataskydd/backend/sms"
	"dataskydd/backend/twofactor"
)

// TwoFactorService is the second factor: the login's second step, phone step-up, TOTP, trusted devices, settings.
type TwoFactorService struct{ *Core }

// Two-factor authentication in the desktop app: the login from a new device, the step-up a
// phone-number change needs, Settings > Two-factor authentication and the user's own trusted
// devices and authenticator app. The rules live in backend/twofactor; this file holds only
// the desktop's state between two calls.

// securityErrorCodes are the codes above.
var securityErrorCodes = []ErrorCode{
	CodeNeedsRegrant, CodePasswordRequired, CodeSecondFactorRequired, CodeDecryptFailed, CodeLastDecrypter,
	CodeNoKeyPair, CodeMalformedSealed, CodeUnsupportedVersion, CodeNoPhone, CodeWrongCode, CodeCodeExpired,
	CodeCodeUsed, CodeTooManyTries, CodeTooManyCodes, CodeUnknownChallenge, CodeSMSNotConfigured, CodeUnknownFlow,
	CodeNotAPerson, CodePersonNotFound, CodeDeviceNotFound, CodeTOTPNotEnrolled, CodeSMSOnly, CodeInvalidSetting,
	CodeTOTPUnreadable, CodeSMSNetwork, CodeSMSTimeout, CodeSMSAuth, CodeSMSProviderError, CodeSMSInvalidNumber,
	CodeSMSInvalidSender, CodeSMSInvalidSettings, CodeKeyringUnavailable, CodeChallengeExpired,
}

// securityFail turns an error of the vault, two-factor, SMS or keyring into an AppError with
// the package's own code; anything else goes through serviceFail. A wait (too many codes or
// tries) carries the time it lifts.
func securityFail(err error) error {
	if err == nil {
		return nil
	}
	var ae *AppError
	if errors.As(err, &ae) {
		return err
	}
	code := securityCode(err)
	if code == "" {
		return serviceFail(err)
	}
	out := coded(code, err)
	var w *twofactor.WaitError
	if errors.As(err, &w) {
		out.RetryAt = w.Until.UTC().Format(time.RFC3339)
	}
	var np *twofactor.NoPhoneError
	if errors.As(err, &np) {
		out.Where = np.Where
	}
	return out
}

func securityCode(err error) ErrorCode {
	known := func(c string) ErrorCode {
		for _, k := range securityErrorCodes {
			if string(k) == c {
				return k
			}
		}
		return ""
	}
	if errors.Is(err, secrets.ErrUnavailable) {
		return CodeKeyringUnavailable
	}
	var se *sms.Error
	if errors.As(err, &se) {
		if c := known(se.Code); c != "" {
			return c
		}
		return CodeSMSProviderError
	}
	if c := known(twofactor.Code(err)); c != "" {
		return c
	}
	return known(auth.Code(err))
}

// twoFactorState is what the desktop remembers between two calls: the login that waits for
// its second factor, and passed step-ups for phone-number changes (services.PendingLogins,
// services.PhoneGrants: their rules and time limits are there).
type twoFactorState struct {
	pending services.PendingLogins
	phone   services.PhoneGrants
}

// holdForSecondFactor is called by Login after the password was accepted and before the
// session starts. It returns nil when the login needs no second factor (the flow "users –
// login from a new device" is off, or this device is trusted: its token is rotated). Otherwise
// it keeps the login aside and returns the AppError second_factor_required: the login screen
// then shows the second-factor step (LoginSecondFactor, StartLoginChallenge, VerifyLoginCode,
// VerifyLoginTOTP), whose pass starts the session.
func (a *Core) holdForSecondFactor(s *services.Services, sess auth.Session) error {
	a.dropPendingLogin() // a new login replaces one still waiting
	need, err := s.TwoFactor.NeedsChallenge(a.ctx, twofactor.FlowUserLogin, employee(sess))
	if err != nil {
		return securityFail(err)
	}
	if !need {
		return nil
	}
	a.twoFactor.pending.Hold(s, sess)
	return fail(CodeSecondFactorRequired, errors.New("this device is new: a second factor is needed to log in"))
}

// pendingLoginNow returns the login waiting for its second factor.
func (a *Core) pendingLoginNow() (*services.PendingLogin, error) {
	p, err := a.twoFactor.pending.Current()
	if err != nil {
		return nil, fail(CodeChallengeExpired, err)
	}
	return p, nil
}

// LoginSecondFactorInfo tells the login screen which second factors the user has.
type LoginSecondFactorInfo struct {
	Username string `json:"username"`
	TOTP     bool   `json:"totp"` // an authenticator app is enrolled
}

// LoginSecondFactor describes the login waiting for its second factor.
func (a *TwoFactorService) LoginSecondFactor() (LoginSecondFactorInfo, error) {
	p, err := a.pendingLoginNow()
	if err != nil {
		return LoginSecondFactorInfo{}, err
	}
	totp, err := p.Services.TwoFactor.TOTPEnrolled(a.ctx, employee(p.Session))
	if err != nil {
		return LoginSecondFactorInfo{}, securityFail(err)
	}
	return LoginSecondFactorInfo{Username: p.Session.Username, TOTP: totp}, nil
}

// StartLoginChallenge sends an SMS code to the user of the waiting login (mobile, else private,
// else work phone).
func (a *TwoFactorService) StartLoginChallenge() (twofactor.Challenge, error) {
	p, err := a.pendingLoginNow()
	if err != nil {
		return twofactor.Challenge{}, err
	}
	ch, err := p.Services.TwoFactor.Start(a.ctx, employee(p.Session), twofactor.FlowUserLogin)
	return ch, securityFail(err)
}

// VerifyLoginCode checks the SMS code; on a pass this device becomes trusted for the
// configured period and the session starts.
func (a *TwoFactorService) VerifyLoginCode(challengeID, code string) (SessionInfo, error) {
	p, err := a.pendingLoginNow()
	if err != nil {
		return SessionInfo{}, err
	}
	return a.passLogin(p, p.Services.TwoFactor.Verify(a.ctx, employee(p.Session), twofactor.FlowUserLogin, challengeID, code))
}

// VerifyLoginTOTP checks a code from the user's authenticator app, as VerifyLoginCode.
func (a *TwoFactorService) VerifyLoginTOTP(code string) (SessionInfo, error) {
	p, err := a.pendingLoginNow()
	if err != nil {
		return SessionInfo{}, err
	}
	return a.passLogin(p, p.Services.TwoFactor.VerifyTOTP(a.ctx, employee(p.Session), twofactor.FlowUserLogin, code))
}

func (a *Core) passLogin(p *services.PendingLogin, verr error) (SessionInfo, error) {
	if verr != nil {
		if errors.Is(verr, twofactor.ErrTooManyTries) {
			a.dropPendingLogin()
		}
		return SessionInfo{}, securityFail(verr)
	}
	if !a.twoFactor.pending.Take(p) {
		return SessionInfo{}, fail(CodeChallengeExpired, errors.New("the login was replaced: log in again"))
	}
	// A keyring that cannot keep the token only means the next login asks again.
	_ = p.Services.TwoFactor.TrustThisDevice(a.ctx, employee(p.Session))
	a.setSession(p.Services, p.Session)
	return a.sessionInfo(p.Session), nil
}

// CancelLoginChallenge drops the login waiting for its second factor (back to the login form).
func (a *TwoFactorService) CancelLoginChallenge() error {
	a.dropPendingLogin()
	return nil
}

// dropPendingLogin forgets a login waiting for its second factor.
func (a *Core) dropPendingLogin() { a.twoFactor.pending.Drop() }

// TwoFactorSettings is Settings > Two-factor authentication.
type TwoFactorSettings struct {
	Flows            []twofactor.FlowSetting `json:"flows"`
	SMSConfigured    bool                    `json:"smsConfigured"` // flows can be switched on
	DevicePeriodDays int                     `json:"devicePeriodDays"`
	MinDays          int                     `json:"minDays"`
	MaxDays          int                     `json:"maxDays"`
}

// GetTwoFactorSettings returns every flow's switch and the trusted-device period (admins).
func (a *TwoFactorService) GetTwoFactorSettings() (TwoFactorSettings, error) {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return TwoFactorSettings{}, err
	}
	out := TwoFactorSettings{MinDays: int(twofactor.MinDevicePeriod / (24 * time.Hour)), MaxDays: int(twofactor.MaxDevicePeriod / (24 * time.Hour))}
	if out.Flows, err = s.TwoFactor.FlowSettings(a.ctx); err != nil {
		return out, securityFail(err)
	}
	// A keyring that cannot be reached reads as "not configured" here; the SMS page says why.
	out.SMSConfigured, _ = s.SMS.Configured(a.ctx)
	d, err := s.TwoFactor.DevicePeriod(a.ctx)
	if err != nil {
		return out, securityFail(err)
	}
	out.DevicePeriodDays = int(d / (24 * time.Hour))
	return out, nil
}

// SetTwoFactorFlow switches one flow on or off (admins). Switching on needs SMS sending
// (sms_not_configured).
func (a *TwoFactorService) SetTwoFactorFlow(flow string, on bool) error {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	return securityFail(s.TwoFactor.SetFlow(a.ctx, twofactor.Flow(flow), on))
}

// SetTrustedDevicePeriod sets how many days a device stays trusted (admins).
func (a *TwoFactorService) SetTrustedDevicePeriod(days int) error {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	return securityFail(s.TwoFactor.SetDevicePeriod(a.ctx, twofactor.PeriodOfDays(days)))
}

// MyTwoFactor is the logged-in user's own trusted devices and authenticator app.
type MyTwoFactor struct {
	Devices      []twofactor.Device `json:"devices"`
	TOTPEnrolled bool               `json:"totpEnrolled"`
}

// GetMyTwoFactor lists the user's trusted devices and whether an authenticator app is enrolled.
func (a *TwoFactorService) GetMyTwoFactor() (MyTwoFactor, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return MyTwoFactor{}, err
	}
	out := MyTwoFactor{Devices: []twofactor.Device{}}
	ds, err := s.TwoFactor.Devices(a.ctx, employee(sess))
	if err != nil {
		return out, securityFail(err)
	}
	if ds != nil {
		out.Devices = ds
	}
	if out.TOTPEnrolled, err = s.TwoFactor.TOTPEnrolled(a.ctx, employee(sess)); err != nil {
		return out, securityFail(err)
	}
	return out, nil
}

// RemoveTrustedDevice removes one of the user's own trusted devices.
func (a *TwoFactorService) RemoveTrustedDevice(id string) error {
	sess, s, err := a.requireRole()
	if err != nil {
		return err
	}
	return securityFail(s.TwoFactor.RemoveDevice(a.ctx, employee(sess), id))
}

// TOTPEnrolment is the enrolment screen: the QR code as a data: URL, and the secret as text.
type TOTPEnrolment struct {
	Secret    string `json:"secret"`
	URL       string `json:"url"`
	QRDataURL string `json:"qrDataUrl"`
}

// StartTOTPEnrolment makes a new authenticator secret for the user; it becomes active with
// ConfirmTOTPEnrolment (until then an earlier one stays in force).
func (a *TwoFactorService) StartTOTPEnrolment() (TOTPEnrolment, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return TOTPEnrolment{}, err
	}
	en, err := s.TwoFactor.EnrolTOTP(a.ctx, employee(sess), sess.Username)
	if err != nil {
		return TOTPEnrolment{}, securityFail(err)
	}
	return TOTPEnrolment{Secret: en.Secret, URL: en.URL, QRDataURL: "data:image/png;base64," + base64.StdEncoding.EncodeToString(en.QRPNG)}, nil
}

// ConfirmTOTPEnrolment activates the new secret once the app shows a right code.
func (a *TwoFactorService) ConfirmTOTPEnrolment(code string) error {
	sess, s, err := a.requireRole()
	if err != nil {
		return err
	}
	return securityFail(s.TwoFactor.ConfirmTOTP(a.ctx, employee(sess), code))
}

// RemoveTOTP removes the user's authenticator app; SMS codes remain.
func (a *TwoFactorService) RemoveTOTP() error {
	sess, s, err := a.requireRole()
	if err != nil {
		return err
	}
	return securityFail(s.TwoFactor.RemoveTOTP(a.ctx, employee(sess)))
}

// PhoneStepUpInfo says whether changing phone numbers needs a second factor now, and which.
type PhoneStepUpInfo struct {
	Asks   bool `json:"asks"`   // two-factor is in use: a change needs a passed challenge
	Passed bool `json:"passed"` // one was passed in the last minutes
	TOTP   bool `json:"totp"`   // the user may answer with an authenticator app
}

// PhoneStepUp reports what a phone-number change needs of the logged-in user.
func (a *TwoFactorService) PhoneStepUp() (PhoneStepUpInfo, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return PhoneStepUpInfo{}, err
	}
	var out PhoneStepUpInfo
	if out.Asks, err = (services.StepUp{TwoFactor: s.TwoFactor}).PhoneChangeAsks(a.ctx); err != nil {
		return out, securityFail(err)
	}
	if out.TOTP, err = s.TwoFactor.TOTPEnrolled(a.ctx, employee(sess)); err != nil {
		return out, securityFail(err)
	}
	out.Passed = a.twoFactor.phone.Passed(sess.UserID)
	return out, nil
}

// StartPhoneChallenge sends the logged-in user an SMS code for changing phone numbers.
func (a *TwoFactorService) StartPhoneChallenge() (twofactor.Challenge, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return twofactor.Challenge{}, err
	}
	ch, err := s.TwoFactor.Start(a.ctx, employee(sess), services.PhoneChangeFlow)
	return ch, securityFail(err)
}

// PassPhoneChallenge checks an SMS code (challengeID set) or a TOTP code (challengeID "");
// after a pass, phone numbers may be changed for a few minutes (the records' Save checks it).
func (a *TwoFactorService) PassPhoneChallenge(challengeID, code string) error {
	sess, s, err := a.requireRole()
	if err != nil {
		return err
	}
	proof := services.TOTPProof(code)
	if challengeID != "" {
		proof = services.SMSProof(challengeID, code)
	}
	if err := (services.StepUp{TwoFactor: s.TwoFactor}).CheckPhoneChange(a.ctx, sess, proof); err != nil {
		return securityFail(err)
	}
	a.twoFactor.phone.Grant(sess.UserID)
	return nil
}

// checkPhoneChange is what the records' Save calls before writing a record of typeName whose
// values go from before (nil for a new record) to after: nil when no phone number codes go to
// changes, when two-factor is not in use, or when the user passed PassPhoneChallenge in the
// last minutes; else the AppError second_factor_required (the screen then runs
// PhoneStepUp / StartPhoneChallenge / PassPhoneChallenge and saves again).
func (a *Core) checkPhoneChange(s *services.Services, sess auth.Session, typeName string, before, after map[string]any) error {
	if !services.PhoneChanged(typeName, before, after) {
		return nil
	}
	asks, err := (services.StepUp{TwoFactor: s.TwoFactor}).PhoneChangeAsks(a.ctx)
	if err != nil {
		return securityFail(err)
	}
	if !asks {
		return nil
	}
	if !a.twoFactor.phone.Passed(sess.UserID) {
		return fail(CodeSecondFactorRequired, services.ErrSecondFactorRequired)
	}
	return nil
}

// guardPhoneChange is checkPhoneChange for the records' Save: it reads the stored record
// (none when creating) and compares its phone numbers with values.
func (a *Core) guardPhoneChange(s *services.Services, sess auth.Session, typeName, id string, values map[string]any, create bool) error {
	var before map[string]any
	if !create {
		if d, err := s.Records.Get(a.ctx, sess, typeName, id); err == nil {
			before = d.Values
		}
	}
	return a.checkPhoneChange(s, sess, typeName, before, values)
}
