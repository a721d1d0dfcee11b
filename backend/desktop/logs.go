package desktop

import (
	"time"

	"dataskydd/backend/auth"
)

// The logs screen reads the event log (`event`) and the system log (`system_log`) through
// ListRecords like any other type: both are read-only, and only admins and GDPR officers may
// read them. The app writes them itself: records.Save and Delete write events, the account
// service writes logins and failed logins, and logFail below writes unexpected errors.

// logFail turns a service error into an AppError and writes unexpected ones (code
// internal) to the system log, so that an admin sees them under Settings > Logs.
func (a *Core) logFail(sess auth.Session, err error) error {
	out := serviceFail(err)
	if codeOf(out) != CodeInternal {
		return out
	}
	if s, serr := a.svc(); serr == nil {
		_ = auth.StoreSystemLog{Store: s.Store}.LogSystem(a.ctx, auth.SystemEntry{
			At: time.Now(), Kind: "error", Username: sess.Username, Code: string(CodeInternal), Message: err.Error(),
		})
	}
	return out
}
