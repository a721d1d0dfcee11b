; Dataskydd installer for Windows (NSIS 3, built on Linux by `make windows`).
;
; Installs for the current user only, without administrator rights:
;   program    $LOCALAPPDATA\Programs\Dataskydd\dataskydd.exe  (+ uninstall.exe)
;   Start menu $SMPROGRAMS\Dataskydd.lnk
;   Apps list  HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Dataskydd
; The user's data (%APPDATA%\Dataskydd) is never touched by the installer. The
; uninstaller leaves it too, unless the user ticks "Also delete my data" (off by
; default, and off in a silent uninstall: `uninstall.exe /S`; an administrator
; removing everything on purpose runs `uninstall.exe /S /DELETEDATA`).
;
; Defines passed by mk/windows.mk (makensis -D...):
;   VERSION    release, e.g. 0.1.0 or 0.1.0-dev
;   VERSION4   the same as four numbers for VIProductVersion, e.g. 0.1.0.0
;   BINARY     path of the Windows build of dataskydd.exe
;   ICON       path of the .ico
;   OUTFILE    path of the installer to write
;   TASKXML    path of scripts/schedule/windows-task.xml
;
; Optional component "Nightly retention run" (unticked by default; `/SCHEDULE` ticks
; it in a silent install): registers scripts/schedule/windows-task.xml with Task
; Scheduler as \Dataskydd\Anonymise for this user. The uninstaller removes that task.

!ifndef VERSION
  !error "pass -DVERSION=..."
!endif
!ifndef VERSION4
  !define VERSION4 "0.0.0.0"
!endif
!ifndef BINARY
  !error "pass -DBINARY=path\to\dataskydd.exe"
!endif
!ifndef ICON
  !define ICON "icon.ico"
!endif
!ifndef TASKXML
  !error "pass -DTASKXML=path\to\windows-task.xml"
!endif
!ifndef OUTFILE
  !define OUTFILE "Dataskydd-setup-${VERSION}.exe"
!endif

!define APPNAME "Dataskydd"
!define EXE "dataskydd.exe"
!define TASKNAME "Dataskydd\Anonymise"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}"

; A 64-bit installer: the app is amd64 only, and Wine 64 without 32-bit support
; (Debian's wine64, as in CI) can run it.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APPNAME} installer"
VIAddVersionKey /LANG=0 "CompanyName" "${APPNAME}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Dataskydd maintainers"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Swedish"
!insertmacro MUI_LANGUAGE "English"

LangString TaskSection ${LANG_SWEDISH} "Kör gallringsreglerna varje natt (Schemaläggaren)"
LangString TaskSection ${LANG_ENGLISH} "Run the retention rules every night (Task Scheduler)"
LangString TaskFailed ${LANG_SWEDISH} "Kunde inte skapa den schemalagda aktiviteten. Se docs/platforms.md för att göra det för hand."
LangString TaskFailed ${LANG_ENGLISH} "Could not create the scheduled task. See docs/platforms.md to do it by hand."
LangString UnProgram ${LANG_SWEDISH} "Programmet Dataskydd"
LangString UnProgram ${LANG_ENGLISH} "The Dataskydd program"
LangString UnData ${LANG_SWEDISH} "Radera även mina uppgifter (%APPDATA%\Dataskydd)"
LangString UnData ${LANG_ENGLISH} "Also delete my data (%APPDATA%\Dataskydd)"
LangString UnDataConfirm ${LANG_SWEDISH} "Alla uppgifter i $APPDATA\Dataskydd raderas för gott: kundregister, tidrapporter och inställningar. Fortsätta?"
LangString UnDataConfirm ${LANG_ENGLISH} "Everything in $APPDATA\Dataskydd will be deleted for good: customer register, time reports and settings. Continue?"


Section "Dataskydd" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=${EXE}" "${BINARY}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

; Off by default: scheduling automatic anonymisation is the admin's decision.
Section /o "$(TaskSection)" SecTask
  SetOutPath "$INSTDIR"
  File "/oname=windows-task.xml" "${TASKXML}"
  nsExec::ExecToLog 'schtasks /Create /XML "$INSTDIR\windows-task.xml" /TN "${TASKNAME}" /F'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(TaskFailed)" /SD IDOK
  ${EndIf}
SectionEnd

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/SCHEDULE" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecTask}
  ${EndIf}
FunctionEnd

Section "un.$(UnProgram)" UnSecMain
  SectionIn RO
  SetShellVarContext current
  nsExec::ExecToLog 'schtasks /Delete /TN "${TASKNAME}" /F'
  Pop $0
  Delete "$INSTDIR\windows-task.xml"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

; Unticked by default: uninstalling the program must never take the data with it
; unless the user asks, and then confirms.
Section /o "un.$(UnData)" UnSecData
  SetShellVarContext current
  ${If} ${FileExists} "$APPDATA\${APPNAME}\*.*"
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(UnDataConfirm)" /SD IDYES IDNO skip
    RMDir /r "$APPDATA\${APPNAME}"
    skip:
  ${EndIf}
SectionEnd

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${UnSecData}
  ${EndIf}
FunctionEnd
