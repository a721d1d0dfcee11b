// Package portal is the customer portal ("Kundportal"): a small web application the
// Dataskydd binary serves (net/http and html/template, Swedish and English, usable on a
// phone) so a business can let its customers in from a browser.
//
// # Who logs in
//
// Private customers and contact persons, by e-mail, with their own password (Argon2id with
// the staff parameters, from backend/auth). An administrator invites a person from the
// customer card ([Server.Invite]); the link sets the first password, confirmed with an SMS
// code while the "customer conversations" flow is on. Every SMS code comes from the
// two-factor engine (backend/twofactor): one use, ten minutes, five wrong tries, five codes
// an hour, to the mobile, else private, else work phone.
//
// # Flows and their switches (twofactor flows)
//
//   - portal_login: a login from a device without a valid trusted-device cookie asks for a
//     code; the passed code makes the browser a trusted device (random 256-bit cookie,
//     HttpOnly, SameSite=Strict, Secure under TLS, at most 365 days; only its hash is kept).
//   - portal_password_reset (or customer_conversations): "Glömt lösenordet?" sends a code;
//     the new password forgets every trusted device of the person. With both off the portal
//     offers no reset: the person asks for a new invitation.
//   - customer_conversations: the first password of an invitation needs a code.
//   - quotes, extra_costs, payment_plans: an approval needs a code. Who, when and from which
//     address go into the record's approval fields through the store, so the search index
//     and the version history follow, and the approval is an event.
//
// # Security
//
// Every state-changing request carries the session's CSRF token; every answer carries a
// strict Content-Security-Policy (no inline script or style, frame-ancestors 'none'),
// Referrer-Policy no-referrer and nosniff. Sessions live in memory and end after 30 idle
// minutes. Login, code and reset are rate-limited per address and per account. A wrong
// e-mail costs the same Argon2id work as a wrong password and gets the same answer.
// Argon2id runs at most a few at a time (each call takes 64 MiB): a burst of logins queues.
// A customer reaches only the records of their own customer number; any other id is 404.
// Plain HTTP is served only on a loopback address ([CheckListen]).
package portal
