; Windows installer: makensis -DVERSION=x.y.z -DEXE=path\to\jsog-renewal.exe -DOUT=setup.exe
; Built on Linux by packaging/windows-build.sh.
;
; Per user, without administrator rights (a 医局 PC rarely grants them): the program goes to
; %LOCALAPPDATA%\Programs\jsog-renewal, the Start-menu entry and the file type to the user's
; own registry (HKCU). The uninstaller removes only what was installed: applications, PDFs and
; the data folder (%APPDATA%\jsog-renewal: settings, recovery copy, rule files) stay.
;
; File type: `.ron` is a general text format (other programs use it too), so the application
; file is registered as the ProgID `jsog-renewal.application` and offered in 「プログラムから開く」
; for .ron. It becomes what a double-click opens only when no other program has claimed .ron;
; an existing association is never taken over, and the uninstaller gives back only its own.

; A 64-bit installer for the 64-bit program (no 32-bit layer needed, also under Wine).
Target amd64-unicode
; zlib: 7 s of makensis against LZMA's 70 s and more (every CI run makes the installer), for
; 22 MB instead of 16 MB.
SetCompressor /SOLID zlib
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z"
!endif
!ifndef EXE
  !error "makensis -DEXE=path/to/jsog-renewal.exe"
!endif
!ifndef OUT
  !define OUT "jsog-renewal-${VERSION}-setup.exe"
!endif
!ifndef ROOT
  !define ROOT "../.."
!endif

!define NAME "産婦人科専門医 更新申請"
!define KEY "jsog-renewal"
!define PROGID "jsog-renewal.application"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${KEY}"
!define SHORTCUT "$SMPROGRAMS\${NAME}.lnk"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Name "${NAME}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${KEY}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1041 "ProductName" "${NAME}"
VIAddVersionKey /LANG=1041 "FileDescription" "${NAME} のインストーラー"
VIAddVersionKey /LANG=1041 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1041 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1041 "LegalCopyright" "MIT License"

!define MUI_ICON "${ROOT}/assets/icon/jsog-renewal.ico"
!define MUI_UNICON "${ROOT}/assets/icon/jsog-renewal.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\jsog-renewal.exe"
!define MUI_FINISHPAGE_RUN_TEXT "${NAME} を起動する"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Japanese"
!insertmacro MUI_LANGUAGE "English"

Section "install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=jsog-renewal.exe" "${EXE}"
  File "/oname=fonts-OFL.txt" "${ROOT}/assets/fonts/OFL.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "${SHORTCUT}" "$INSTDIR\jsog-renewal.exe" "" "$INSTDIR\jsog-renewal.exe" 0

  ; The application file type.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "産婦人科専門医 更新申請ファイル"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\jsog-renewal.exe",0'
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\jsog-renewal.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\jsog-renewal.exe" "FriendlyAppName" "${NAME}"
  WriteRegStr HKCU "Software\Classes\Applications\jsog-renewal.exe\SupportedTypes" ".ron" ""
  WriteRegStr HKCU "Software\Classes\Applications\jsog-renewal.exe\shell\open\command" "" '"$INSTDIR\jsog-renewal.exe" "%1"'
  ReadRegStr $0 HKCR ".ron" ""
  ${If} $0 == ""
  ${OrIf} $0 == "${PROGID}"
    WriteRegStr HKCU "Software\Classes\.ron" "" "${PROGID}"
  ${EndIf}
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; 設定 → アプリ (Add or remove programs), for this user.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "jsog-renewal developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\jsog-renewal.exe",0'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "uninstall"
  SetShellVarContext current
  ; Only the installed files, by name: whatever else is in the folder stays, and the folder goes
  ; only when empty.
  Delete "$INSTDIR\jsog-renewal.exe"
  Delete "$INSTDIR\fonts-OFL.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "${SHORTCUT}"

  ReadRegStr $0 HKCU "Software\Classes\.ron" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKCU "Software\Classes\.ron" ""
  ${EndIf}
  DeleteRegValue HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.ron\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.ron"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\jsog-renewal.exe"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
