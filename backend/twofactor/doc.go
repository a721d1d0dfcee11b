// Package twofactor is Dataskydd's second factor: one-time codes by SMS, TOTP
// as the stronger alternative, trusted devices, and the per-flow switches of
// Settings > Two-factor authentication. The design is security.md, "Two-factor
// authentication"; the numbers below are its rules.
//
// # Who is challenged, and when
//
// A person is an employee (a user record), a contact person or a private
// customer, named by a [PersonRef]. Each flow of [Flows] is on or off
// ([Engine.SetFlow]); none can be switched on before SMS sending works
// ([ErrSMSNotConfigured]). [Engine.NeedsChallenge] answers whether a flow must
// challenge a person now: never when the flow is off, for the login flows only
// on a device that is not trusted, otherwise always.
//
// # SMS codes
//
// [Engine.Start] sends a code and returns a [Challenge]; [Engine.Verify] checks
// the answer. The code goes to the person's mobile phone, else private phone,
// else work phone, normalised to E.164 with Sweden as the default region
// ([PickPhone]); a person with no usable number gets a [*NoPhoneError] (code
// "no_phone") whose [NoPhoneError.Where] tells the administrator where to add one.
//
//   - A code is 6 digits from crypto/rand, stored only as HMAC-SHA256 under a key
//     kept in the OS keyring (generated on first use), compared in constant time.
//   - It is valid for 10 minutes, for one use, and only for the flow it was sent for.
//   - 5 wrong answers end it. Wrong answers count per person, across codes and TOTP,
//     until a right answer or until they are an hour old: a new code does not bring
//     new tries.
//   - At most 5 codes per person per hour ([ErrTooManyCodes]).
//
// NIST SP 800-63B counts SMS as a restricted authenticator; [Engine.EnrolTOTP]
// offers RFC 6238 TOTP instead (not for the customer flows marked SMS only).
//
// # Trusted devices
//
// After a passed login challenge, [Engine.TrustThisDevice] gives this desktop a
// random 256-bit token kept in the OS keyring; the database holds only its
// SHA-256 and dates. The trust lasts one year from the first two-factor login on
// the device (a setting, [Engine.SetDevicePeriod]); each use replaces the token
// ([Engine.CheckThisDevice]) without extending that year. A missing or unknown
// token is a new device. [Engine.ForgetDevices] removes every device of a person
// and is what a password change or reset calls. People list and remove their own
// devices with [Engine.Devices] and [Engine.RemoveDevice].
//
// Every time comes from the injected clock (Options.Now), so each rule is tested
// without waiting.
package twofactor
