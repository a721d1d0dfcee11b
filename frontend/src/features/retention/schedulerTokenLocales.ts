// The scheduler token card (SchedulerTokenCard.tsx), nested under retention.schedulerToken.
export const sv = {
  title: 'Schemalagd körning utan inloggning',
  text: 'Task Scheduler (Windows), launchd (macOS) eller cron (Linux) kan köra anonymiseringen med en token som appen sparar i operativsystemets nyckelring. Den tillåter bara anonymisering med dagens datum, inget annat. Jobbet måste köras som samma användare som appen.',
  none: 'Ingen token är skapad.',
  created: 'Skapad {{at}} av {{by}}.',
  command: 'Kommando för jobbet',
  create: 'Skapa token',
  replace: 'Skapa ny token',
  revoke: 'Återkalla',
  createdDone: 'Token skapad och sparad i nyckelringen',
  revokedDone: 'Token återkallad: schemalagda körningar slutar fungera',
};

export const en: typeof sv = {
  title: 'Scheduled runs without a login',
  text: "Task Scheduler (Windows), launchd (macOS) or cron (Linux) can run the anonymisation with a token the app keeps in the operating system's keyring. It allows anonymisation on today's date and nothing else. The job must run as the same user as the app.",
  none: 'No token has been created.',
  created: 'Created {{at}} by {{by}}.',
  command: 'Command for the job',
  create: 'Create token',
  replace: 'Create a new token',
  revoke: 'Revoke',
  createdDone: 'Token created and stored in the keyring',
  revokedDone: 'Token revoked: scheduled runs stop working',
};
