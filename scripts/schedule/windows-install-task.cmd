@echo off
rem Registers (or with /remove, removes) the nightly retention run in Task Scheduler
rem for the current user. Double-click it, or run it in cmd.exe beside windows-task.xml.
rem The installer's optional "Run the retention rules every night" component does the same.
if /i "%~1"=="/remove" (
  schtasks /Delete /TN "Dataskydd\Anonymise" /F
  exit /b %errorlevel%
)
schtasks /Create /XML "%~dp0windows-task.xml" /TN "Dataskydd\Anonymise" /F || exit /b 1
schtasks /Query /TN "Dataskydd\Anonymise" /FO LIST
