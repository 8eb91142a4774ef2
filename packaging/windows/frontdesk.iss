; Inno Setup 6 script: the Windows installer of the Frontdesk desk client.
;
; It packs the one-folder PyInstaller build (dist\frontdesk\, frontdesk.exe and _internal\) into
; frontdesk-<version>-windows-x64-setup.exe. Nothing here names a version: tools/release.py reads
; it from pyproject.toml and prints the defines, one per line, so a release is compiled with
;
;   python tools/release.py iscc-args --source dist\frontdesk --output dist
;       /DAppVersion=...     the package version, as pyproject.toml has it
;       /DFileVersion=...    the same as four numbers, for the setup's own VERSIONINFO
;       /DSourceDir=...      the PyInstaller folder (absolute)
;       /DOutputDir=...      where the setup .exe goes (absolute)
;   ISCC.exe <those four arguments> packaging\windows\frontdesk.iss
;
; Signing, off by default: give ISCC a sign tool and its name,
;   ISCC.exe /Sfrontdesk="signtool.exe sign /fd sha256 /tr <timestamp url> /td sha256 /f <pfx> $f"
;            /DSignTool=frontdesk <the defines above> packaging\windows\frontdesk.iss
; and both the setup and its uninstaller are signed ($f is the file ISCC signs).

#ifndef AppVersion
  #error Compile with /DAppVersion=<version>: run "python tools/release.py iscc-args" for the defines
#endif
#ifndef FileVersion
  #error Compile with /DFileVersion=<a.b.c.d>: run "python tools/release.py iscc-args" for the defines
#endif
#ifndef SourceDir
  #error Compile with /DSourceDir=<the PyInstaller folder dist\frontdesk>
#endif
#ifndef OutputDir
  #error Compile with /DOutputDir=<where the setup goes>
#endif
; SourceDir (the define) is the bundle; it is not the [Setup] directive of the same name, which
; stays unset so that paths below that are relative are relative to this script.
#define AppExe "frontdesk.exe"
#if !FileExists(AddBackslash(SourceDir) + AppExe)
  #error SourceDir has no frontdesk.exe: build it first with "pyinstaller --noconfirm build.spec"
#endif

[Setup]
; The AppId ties every version's setup to one installed app (upgrades in place, one uninstall
; entry). Never change it: a new one would install a second Frontdesk beside the first.
AppId={{9EE9878A-F52A-4B93-91BC-E2C29350DCB3}
AppName=Frontdesk
AppVersion={#AppVersion}
AppPublisher=Frontdesk
VersionInfoVersion={#FileVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoDescription=Frontdesk workstation setup
DefaultDirName={autopf}\Frontdesk
DisableProgramGroupPage=yes
; Installed for all users by an administrator (IT deploys desks with /VERYSILENT); a user
; without admin rights may still install for themselves with /CURRENTUSER. {autopf} and HKA
; follow that choice: Program Files and HKLM, or the user's own folder and HKCU.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 1809 and later.
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=frontdesk-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\frontdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Frontdesk
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
; An upgrade closes a running desk (and its sync process, the same .exe) through the Restart
; Manager instead of leaving files in use; the PyInstaller folder's locked files are .exe,
; .dll and .pyd. Each recorded write is already in the desk's cache and outbox, so none is lost.
CloseApplications=yes
CloseApplicationsFilter=*.exe,*.dll,*.pyd
RestartApplications=no
; Tell the shell that the frontdesk:// handler changed.
ChangesAssociations=yes
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's bundle internals go before the new ones are copied, so no module or
; library of an older build lingers beside the new ones. Only the program folder: per-user data
; is elsewhere (see the note after [Registry]).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Frontdesk"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\Frontdesk"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; frontdesk://open?phone=... and ?customer=... links (a softphone, a CRM page) start
; `frontdesk.exe LINK`: the link is the one argument, which hands it to the window already open
; (src/frontdesk/ui/handover.py, cli_open.py). "%1" is quoted, so the whole link is one argument;
; anything a crafted link could put after it reaches only `open`'s parser, which refuses it.
Root: HKA; Subkey: "Software\Classes\frontdesk"; ValueType: string; ValueName: ""; ValueData: "URL:Frontdesk"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\frontdesk"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\frontdesk\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\frontdesk\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Flags: uninsdeletekey

; No [UninstallDelete] and no [Code]: uninstalling removes the program folder, its shortcuts and
; the keys above, and nothing else. Each user's data (the local cache with its outbox of writes
; not yet sent, the settings) lives in platformdirs' user data dir, %LOCALAPPDATA%\frontdesk
; (src/frontdesk/config.py), and the login token in the Windows Credential Manager: both stay,
; so a reinstall or an upgrade done as uninstall-then-install loses no unsent work.

[Run]
; The desk starts as the user who ran the setup, not elevated: it is their desk and their data.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,Frontdesk}"; Flags: nowait postinstall skipifsilent runasoriginaluser
