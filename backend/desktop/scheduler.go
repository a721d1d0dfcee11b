package desktop

import (
	"os"
	"strings"
	"time"

	"dataskydd/backend/auth"
)

// Settings > GDPR > Anonymisation: the scheduler token, which lets a Task Scheduler, launchd
// or cron job run `dataskydd --scheduler anonymise` without a password (backend/auth,
// scheduler.go). Admins only. The token itself never reaches the screen: it goes from the
// backend into the OS keyring of the user running the app, where the job (running as the same
// OS user) reads it.

// SchedulerTokenInfo is what the scheduler card shows.
type SchedulerTokenInfo struct {
	Exists    bool   `json:"exists"`
	CreatedAt string `json:"createdAt"` // RFC 3339, "" when none exists
	CreatedBy string `json:"createdBy"`
	// Command is the line to put in the scheduled job for this data folder.
	Command string `json:"command"`
}

// SchedulerToken tells whether a scheduler token exists.
func (a *RetentionService) SchedulerToken() (SchedulerTokenInfo, error) {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return SchedulerTokenInfo{}, err
	}
	info, err := s.Accounts.SchedulerToken(a.ctx, sess)
	if err != nil {
		return SchedulerTokenInfo{}, serviceFail(err)
	}
	return a.schedulerTokenInfo(info), nil
}

// CreateSchedulerToken makes a new scheduler token (replacing any earlier one) and stores it
// in the OS keyring; keyring_unavailable when there is none.
func (a *RetentionService) CreateSchedulerToken() (SchedulerTokenInfo, error) {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return SchedulerTokenInfo{}, err
	}
	info, err := s.Accounts.CreateSchedulerToken(a.ctx, sess, s.Secrets)
	if err != nil {
		return SchedulerTokenInfo{}, securityFail(err)
	}
	return a.schedulerTokenInfo(info), nil
}

// RevokeSchedulerToken deletes the scheduler token: scheduled runs stop working at once.
func (a *RetentionService) RevokeSchedulerToken() error {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	if err := s.Accounts.RevokeSchedulerToken(a.ctx, sess, s.Secrets); err != nil {
		return securityFail(err)
	}
	return nil
}

func (a *Core) schedulerTokenInfo(in auth.SchedulerTokenInfo) SchedulerTokenInfo {
	out := SchedulerTokenInfo{Exists: in.Exists, CreatedBy: in.CreatedBy}
	if in.Exists {
		out.CreatedAt = in.CreatedAt.UTC().Format(time.RFC3339)
	}
	exe, err := os.Executable()
	if err != nil {
		exe = "dataskydd"
	}
	out.Command = quoteArg(exe) + " --data-dir " + quoteArg(a.dataDir) + " --scheduler anonymise"
	return out
}

// quoteArg quotes a path with spaces for a command line (Windows and POSIX shells alike).
func quoteArg(s string) string {
	if strings.ContainsAny(s, " \t'\"") {
		return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
	}
	return s
}
