<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Autostart</name>
    <message>
        <source>Keeps the crates.io mirror served to cargo, from the tray</source>
        <translation>Stellt cargo den crates.io-Spiegel bereit, aus dem Infobereich</translation>
    </message>
    <message>
        <source>An administrator set %1 to start at login for every user in %2; to change it, ask them or use your desktop&apos;s startup applications settings.</source>
        <translation>Ein Administrator hat %1 für alle Benutzer in %2 so eingestellt, dass es beim Anmelden startet; um das zu ändern, fragen Sie ihn oder nutzen Sie die Autostart-Einstellungen Ihres Desktops.</translation>
    </message>
    <message>
        <source>Needs the Background portal: %1 runs in Flatpak</source>
        <translation>Benötigt das Background-Portal: %1 läuft in Flatpak</translation>
    </message>
    <message>
        <source>Set by an administrator in %1</source>
        <translation>Von einem Administrator in %1 festgelegt</translation>
    </message>
    <message>
        <source>Cannot read %1, so start at login was left as it is; check that it is a readable file and try again.</source>
        <translation>%1 kann nicht gelesen werden, daher wurde der Start beim Anmelden nicht geändert; prüfen Sie, ob es eine lesbare Datei ist, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 already starts %2 at login, not this copy of %3 (%4); it was left alone. Remove that file or turn it off in your desktop&apos;s startup applications settings, then try again.</source>
        <translation>%1 startet bereits %2 beim Anmelden, nicht diese Kopie von %3 (%4); der Eintrag wurde nicht angetastet. Entfernen Sie diese Datei oder schalten Sie sie in den Autostart-Einstellungen Ihres Desktops ab und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Could not turn off start at login: %1</source>
        <translation>Der Start beim Anmelden konnte nicht abgeschaltet werden: %1</translation>
    </message>
    <message>
        <source>%1 runs in Flatpak, where starting at login needs the Background portal, which this version does not use yet; add %1 in your desktop&apos;s startup applications settings instead.</source>
        <translation>%1 läuft in Flatpak, wo der Start beim Anmelden das Background-Portal braucht, das diese Version noch nicht nutzt; fügen Sie %1 stattdessen in den Autostart-Einstellungen Ihres Desktops hinzu.</translation>
    </message>
    <message>
        <source>Could not turn on start at login: %1</source>
        <translation>Der Start beim Anmelden konnte nicht eingeschaltet werden: %1</translation>
    </message>
    <message>
        <source>An administrator set %1 to start at login for every user in %2; ask them to change it.</source>
        <translation>Ein Administrator hat %1 für alle Benutzer in %2 so eingestellt, dass es beim Anmelden startet; bitten Sie ihn, das zu ändern.</translation>
    </message>
    <message>
        <source>Cannot read %1, so start at login was left as it is; check that it is a valid property list and try again.</source>
        <translation>%1 kann nicht gelesen werden, daher wurde der Start beim Anmelden nicht geändert; prüfen Sie, ob es eine gültige Property-List ist, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 already starts %2 at login, not this copy of %3 (%4); it was left alone. Remove that file, then try again.</source>
        <translation>%1 startet bereits %2 beim Anmelden, nicht diese Kopie von %3 (%4); der Eintrag wurde nicht angetastet. Entfernen Sie diese Datei und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The value &quot;%1&quot; in %2 already starts %3 at login, not this copy of %4 (%5); it was left alone. Remove it in Task Manager&apos;s Startup apps or the Registry Editor, then try again.</source>
        <translation>Der Wert „%1“ in %2 startet bereits %3 beim Anmelden, nicht diese Kopie von %4 (%5); er wurde nicht angetastet. Entfernen Sie ihn unter „Autostart-Apps“ im Task-Manager oder im Registrierungs-Editor und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Could not change &quot;%1&quot; in %2: the write was refused. Check that your account may change its own startup apps, then try again.</source>
        <translation>„%1“ in %2 konnte nicht geändert werden: Das Schreiben wurde verweigert. Prüfen Sie, ob Ihr Konto seine eigenen Autostart-Apps ändern darf, und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>CargoTeammateConfig</name>
    <message>
        <source>Add to ~/.cargo/config.toml (%USERPROFILE%\.cargo on Windows):</source>
        <translation>In ~/.cargo/config.toml eintragen (unter Windows %USERPROFILE%\.cargo):</translation>
    </message>
    <message>
        <source>Add to ~/.cargo/credentials.toml (or set %1):</source>
        <translation>In ~/.cargo/credentials.toml eintragen (oder %1 setzen):</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
</context>
<context>
    <name>LockFileImport</name>
    <message>
        <source>%1 was not imported: %2. Pick the Cargo.lock file in a project&apos;s folder (next to Cargo.toml); `cargo generate-lockfile` writes one.</source>
        <translation>%1 wurde nicht importiert: %2. Wählen Sie die Cargo.lock-Datei im Ordner eines Projekts (neben Cargo.toml); `cargo generate-lockfile` erzeugt eine.</translation>
    </message>
    <message>
        <source>%1 uses no crates from crates.io, so there is nothing to add.</source>
        <translation>%1 verwendet keine Crates von crates.io, es gibt also nichts hinzuzufügen.</translation>
    </message>
    <message numerus="yes">
        <source>Added %n crate version(s) from %1 to the selection; the next sync fetches them.</source>
        <translation>
            <numerusform>%n Crate-Version aus %1 zur Auswahl hinzugefügt; die nächste Synchronisierung lädt sie.</numerusform>
            <numerusform>%n Crate-Versionen aus %1 zur Auswahl hinzugefügt; die nächste Synchronisierung lädt sie.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MirrorMover</name>
    <message>
        <source>The mirror folder %1 does not exist.</source>
        <translation>Der Spiegelordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is inside the mirror folder or contains it: choose a folder elsewhere.</source>
        <translation>%1 liegt im Spiegelordner oder enthält ihn: Wählen Sie einen Ordner an anderer Stelle.</translation>
    </message>
    <message>
        <source>%1 is a file: choose an empty folder.</source>
        <translation>%1 ist eine Datei: Wählen Sie einen leeren Ordner.</translation>
    </message>
    <message>
        <source>%1 is not empty: choose an empty folder, or a new one.</source>
        <translation>%1 ist nicht leer: Wählen Sie einen leeren oder einen neuen Ordner.</translation>
    </message>
    <message>
        <source>Not enough free space for the mirror in %1: it needs %2, the volume has %3 free. Free some space or choose another volume.</source>
        <translation>Nicht genug freier Speicher für den Spiegel in %1: Er braucht %2, auf dem Datenträger sind %3 frei. Schaffen Sie Platz oder wählen Sie einen anderen Datenträger.</translation>
    </message>
    <message>
        <source>Cannot write to %1: %2</source>
        <translation>In %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot create %1 in %2.</source>
        <translation>%1 kann in %2 nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot make the copy durable: %1</source>
        <translation>Die Kopie kann nicht dauerhaft gesichert werden: %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot create a folder in %1.</source>
        <translation>In %1 kann kein Ordner angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The move was cancelled; the mirror stays in %1.</source>
        <translation>Das Verschieben wurde abgebrochen; der Spiegel bleibt in %1.</translation>
    </message>
    <message>
        <source>Copying %1 failed: %2</source>
        <translation>Kopieren von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The copy of %1 differs from the original; the mirror stays in %2. Check the target drive and try again.</source>
        <translation>Die Kopie von %1 weicht vom Original ab; der Spiegel bleibt in %2. Prüfen Sie das Ziellaufwerk und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The mirror now lives in %1, but the old folder %2 could not be removed completely; delete it by hand.</source>
        <translation>Der Spiegel liegt jetzt in %1, aber der alte Ordner %2 konnte nicht vollständig entfernt werden; löschen Sie ihn von Hand.</translation>
    </message>
</context>
<context>
    <name>Stowaway::AccessLog</name>
    <message>
        <source>Cannot create the log folder %1. Check that the mirror folder is writable or choose another with --mirror.</source>
        <translation>Der Log-Ordner %1 kann nicht angelegt werden. Prüfen Sie, ob der Spiegelordner beschreibbar ist, oder wählen Sie mit --mirror einen anderen.</translation>
    </message>
    <message>
        <source>Cannot open the access log %1: %2. Check its permissions.</source>
        <translation>Das Zugriffsprotokoll %1 kann nicht geöffnet werden: %2. Prüfen Sie seine Berechtigungen.</translation>
    </message>
</context>
<context>
    <name>Stowaway::CratesModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>popular (rank %1)</source>
        <translation>beliebt (Rang %1)</translation>
    </message>
    <message>
        <source>popular</source>
        <translation>beliebt</translation>
    </message>
    <message>
        <source>named</source>
        <translation>namentlich gewählt</translation>
    </message>
    <message>
        <source>from a lockfile</source>
        <translation>aus einer Cargo.lock</translation>
    </message>
    <message>
        <source>lockfile: %1</source>
        <translation>Cargo.lock: %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>a dependency</source>
        <translation>eine Abhängigkeit</translation>
    </message>
    <message>
        <source>cargo asked for it, not mirrored</source>
        <translation>von cargo angefragt, nicht gespiegelt</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
</context>
<context>
    <name>Stowaway::CratesPage</name>
    <message>
        <source>Filter crates by name</source>
        <translation>Crates nach Namen filtern</translation>
    </message>
    <message>
        <source>All crates</source>
        <translation>Alle Crates</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>Not selected</source>
        <translation>Nicht ausgewählt</translation>
    </message>
    <message>
        <source>Asked for, missing</source>
        <translation>Angefragt, fehlt</translation>
    </message>
    <message numerus="yes">
        <source>Add the %n most popular</source>
        <translation>
            <numerusform>Das beliebteste hinzufügen</numerusform>
            <numerusform>Die %n beliebtesten hinzufügen</numerusform>
        </translation>
    </message>
    <message>
        <source>Add the N most downloaded crates; the next sync fetches them</source>
        <translation>Die N meistgeladenen Crates hinzufügen; die nächste Synchronisierung lädt sie</translation>
    </message>
    <message>
        <source>Import Cargo.lock…</source>
        <translation>Cargo.lock importieren…</translation>
    </message>
    <message>
        <source>Add every crate a project&apos;s Cargo.lock uses, at its exact version. You can also drop Cargo.lock files on this page.</source>
        <translation>Jede Crate, die die Cargo.lock eines Projekts verwendet, in genau dieser Version hinzufügen. Sie können Cargo.lock-Dateien auch auf diese Seite ziehen.</translation>
    </message>
    <message>
        <source>Most downloaded crates:</source>
        <translation>Meistgeladene Crates:</translation>
    </message>
    <message>
        <source>Asked for by cargo, not in the mirror</source>
        <translation>Von cargo angefragt, nicht im Spiegel</translation>
    </message>
    <message>
        <source>%1 of %2 crates</source>
        <translation>%1 von %2 Crates</translation>
    </message>
    <message>
        <source>Could not change the selection of %1: %2. Check that the mirror folder is writable and try again.</source>
        <translation>Die Auswahl von %1 konnte nicht geändert werden: %2. Prüfen Sie, ob der Spiegelordner beschreibbar ist, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 is selected; the next sync fetches it.</source>
        <translation>%1 ist ausgewählt; die nächste Synchronisierung lädt es.</translation>
    </message>
    <message>
        <source>%1 stays in the mirror for now: %2. It goes when nothing selected needs it any more, at the next sync.</source>
        <translation>%1 bleibt vorerst im Spiegel: %2. Es wird bei der nächsten Synchronisierung entfernt, sobald nichts Ausgewähltes es mehr braucht.</translation>
    </message>
    <message>
        <source>%1 is no longer selected.</source>
        <translation>%1 ist nicht mehr ausgewählt.</translation>
    </message>
    <message>
        <source>Some crates could not be added: %1</source>
        <translation>Einige Crates konnten nicht hinzugefügt werden: %1</translation>
    </message>
    <message>
        <source>Import Cargo.lock files</source>
        <translation>Cargo.lock-Dateien importieren</translation>
    </message>
    <message>
        <source>Cargo lockfiles (Cargo.lock *.lock)</source>
        <translation>Cargo-Lockdateien (Cargo.lock *.lock)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>Stowaway::DesktopPages</name>
    <message>
        <source>Crates</source>
        <translation>Crates</translation>
    </message>
    <message>
        <source>Disk usage</source>
        <translation>Speicherbelegung</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>a sync is running; its progress shows the projection</source>
        <translation>eine Synchronisierung läuft; ihr Fortschritt zeigt die Vorschau</translation>
    </message>
</context>
<context>
    <name>Stowaway::DiskUsagePage</name>
    <message>
        <source>Largest crates</source>
        <translation>Größte Crates</translation>
    </message>
    <message>
        <source>The mirror holds %1 on %2, which has %3 free.</source>
        <translation>Der Spiegel belegt %1 auf %2, dort sind %3 frei.</translation>
    </message>
    <message>
        <source>The mirror holds %1. The size of its volume is unknown.</source>
        <translation>Der Spiegel belegt %1. Die Größe seines Datenträgers ist unbekannt.</translation>
    </message>
    <message>
        <source>The next sync needs about %1, but only %2 is free. Free some space on the volume, select fewer crates or versions, or move the storage folder to a larger disk in Settings before syncing.</source>
        <translation>Die nächste Synchronisierung braucht etwa %1, aber nur %2 sind frei. Schaffen Sie Platz auf dem Datenträger, wählen Sie weniger Crates oder Versionen oder verschieben Sie den Speicherordner vor dem Synchronisieren in den Einstellungen auf ein größeres Laufwerk.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 in %n version(s)</source>
        <translation>
            <numerusform>%1: %2 in %n Version</numerusform>
            <numerusform>%1: %2 in %n Versionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other crate(s)</source>
        <translation>
            <numerusform>%n weitere Crate</numerusform>
            <numerusform>%n weitere Crates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other crate(s): %1</source>
        <translation>
            <numerusform>%n weitere Crate: %1</numerusform>
            <numerusform>%n weitere Crates: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Estimate the next sync</source>
        <translation>Nächste Synchronisierung abschätzen</translation>
    </message>
    <message>
        <source>Plans the next sync of the saved selection (index files only, nothing downloaded) and shows what it would add.</source>
        <translation>Plant die nächste Synchronisierung der gespeicherten Auswahl (nur Indexdateien, nichts wird heruntergeladen) und zeigt, was sie hinzufügen würde.</translation>
    </message>
    <message>
        <source>Planning the next sync…</source>
        <translation>Die nächste Synchronisierung wird geplant …</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>Keine Schätzung: %1</translation>
    </message>
    <message>
        <source>The next sync has nothing new to download.</source>
        <translation>Die nächste Synchronisierung hat nichts Neues herunterzuladen.</translation>
    </message>
    <message numerus="yes">
        <source>The next sync would download %Ln version(s), about %1.</source>
        <translation>
            <numerusform>Die nächste Synchronisierung würde %Ln Version herunterladen, etwa %1.</numerusform>
            <numerusform>Die nächste Synchronisierung würde %Ln Versionen herunterladen, etwa %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::FullMirrorQueue</name>
    <message>
        <source>The remaining %1 versions need about %2 and the mirror&apos;s volume has %3 free: the sync will stop before the disk fills. Free space or move the mirror (--mirror) to a larger volume.</source>
        <translation>Die restlichen %1 Versionen brauchen etwa %2, auf dem Datenträger des Spiegels sind %3 frei: Die Synchronisierung hält an, bevor der Datenträger voll ist. Schaffen Sie Platz oder verschieben Sie den Spiegel (--mirror) auf einen größeren Datenträger.</translation>
    </message>
</context>
<context>
    <name>Stowaway::GitIndex</name>
    <message>
        <source>Could not open the git index copy at %1: %2. Delete that folder and sync again to clone the index anew.</source>
        <translation>Die Kopie des Git-Index in %1 konnte nicht geöffnet werden: %2. Löschen Sie diesen Ordner und synchronisieren Sie erneut, um den Index neu zu klonen.</translation>
    </message>
    <message>
        <source>Could not create a git repository at %1: %2. Check that the folder is writable.</source>
        <translation>In %1 konnte kein Git-Repository angelegt werden: %2. Prüfen Sie, ob der Ordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>%1 is not a git URL libgit2 understands: %2</source>
        <translation>%1 ist keine Git-URL, die libgit2 versteht: %2</translation>
    </message>
    <message>
        <source>The fetch from %1 was cancelled.</source>
        <translation>Das Abrufen von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Could not fetch the git index from %1: %2. Check the URL and the network, then sync again.</source>
        <translation>Der Git-Index konnte nicht von %1 abgerufen werden: %2. Prüfen Sie die URL und das Netzwerk und synchronisieren Sie dann erneut.</translation>
    </message>
    <message>
        <source>%1 has no branch to mirror (no HEAD, master or main).</source>
        <translation>%1 hat keinen Branch zum Spiegeln (weder HEAD noch master oder main).</translation>
    </message>
    <message>
        <source>The git index is missing blob %1 of %2: %3</source>
        <translation>Dem Git-Index fehlt Blob %1 von %2: %3</translation>
    </message>
    <message>
        <source>Could not compare commits %1 and %2 of the git index: %3</source>
        <translation>Die Commits %1 und %2 des Git-Index konnten nicht verglichen werden: %3</translation>
    </message>
    <message>
        <source>The git index is missing blob %1 of %2</source>
        <translation>Dem Git-Index fehlt Blob %1 von %2</translation>
    </message>
    <message>
        <source>Could not walk the tree of commit %1: %2</source>
        <translation>Der Baum von Commit %1 konnte nicht durchlaufen werden: %2</translation>
    </message>
    <message>
        <source>unknown libgit2 error</source>
        <translation>unbekannter libgit2-Fehler</translation>
    </message>
    <message>
        <source>%1 is not a commit id</source>
        <translation>%1 ist keine Commit-ID</translation>
    </message>
    <message>
        <source>The git index has no commit %1: %2</source>
        <translation>Der Git-Index hat keinen Commit %1: %2</translation>
    </message>
    <message>
        <source>Could not read the tree of commit %1: %2</source>
        <translation>Der Baum von Commit %1 konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>Stowaway::GitIndexSource</name>
    <message>
        <source>The git index %1 has a config.json Stowaway cannot read: %2</source>
        <translation>Der Git-Index %1 hat eine config.json, die Stowaway nicht lesen kann: %2</translation>
    </message>
    <message>
        <source>The git index %1 has no config.json at its tip; is it a cargo registry index?</source>
        <translation>Der Git-Index %1 hat an seiner Spitze keine config.json; ist er ein Registry-Index für cargo?</translation>
    </message>
    <message>
        <source>%1 (git index %2)</source>
        <translation>%1 (Git-Index %2)</translation>
    </message>
</context>
<context>
    <name>Stowaway::HttpServer</name>
    <message>
        <source>Cannot listen on %1: the port is already in use by another program (perhaps another Stowaway). Pick another with --listen.</source>
        <translation>Auf %1 kann nicht gelauscht werden: Der Port wird schon von einem anderen Programm verwendet (vielleicht einem anderen Stowaway). Wählen Sie mit --listen einen anderen.</translation>
    </message>
    <message>
        <source>Cannot listen on %1: permission denied (ports below 1024 need administrator rights). Pick another with --listen, e.g. 127.0.0.1:8080.</source>
        <translation>Auf %1 kann nicht gelauscht werden: Zugriff verweigert (Ports unter 1024 brauchen Administratorrechte). Wählen Sie mit --listen einen anderen, z. B. 127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>Cannot listen on %1: that address does not belong to this computer. Pick another with --listen (127.0.0.1 serves only this computer).</source>
        <translation>Auf %1 kann nicht gelauscht werden: Diese Adresse gehört nicht zu diesem Computer. Wählen Sie mit --listen eine andere (127.0.0.1 bedient nur diesen Computer).</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2. Pick another address with --listen.</source>
        <translation>Auf %1 kann nicht gelauscht werden: %2. Wählen Sie mit --listen eine andere Adresse.</translation>
    </message>
</context>
<context>
    <name>Stowaway::InstanceChannel</name>
    <message>
        <source>cannot create the local socket %1: %2</source>
        <translation>der lokale Socket %1 kann nicht angelegt werden: %2</translation>
    </message>
</context>
<context>
    <name>Stowaway::KeychainSecretStore</name>
    <message>
        <source>No keychain is running (Secret Service not found). LAN sharing needs one to keep its token; start gnome-keyring or KWallet.</source>
        <translation>Kein Schlüsselbund aktiv (Secret Service nicht gefunden). Die LAN-Freigabe braucht einen, um ihr Token aufzubewahren; starten Sie gnome-keyring oder KWallet.</translation>
    </message>
    <message>
        <source>The keychain holds no secret &quot;%1&quot; for %2.</source>
        <translation>Der Schlüsselbund enthält kein Geheimnis „%1“ für %2.</translation>
    </message>
    <message>
        <source>The keychain refused access (%1). Unlock it and try again.</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert (%1). Entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>Fehler im Schlüsselbund: %1</translation>
    </message>
    <message>
        <source>The keychain is locked, so &quot;%1&quot; cannot be read. Unlock it (your login keyring) and try again.</source>
        <translation>Der Schlüsselbund ist gesperrt, daher kann „%1“ nicht gelesen werden. Entsperren Sie ihn (Ihren Anmelde-Schlüsselbund) und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>Stowaway::LanSharing</name>
    <message>
        <source>The LAN sharing token in the keychain is damaged: regenerate it.</source>
        <translation>Das Token der LAN-Freigabe im Schlüsselbund ist beschädigt: Erzeugen Sie es neu.</translation>
    </message>
</context>
<context>
    <name>Stowaway::LanSharingSection</name>
    <message>
        <source>LAN sharing</source>
        <translation>LAN-Freigabe</translation>
    </message>
    <message>
        <source>Share this mirror with other machines on the network</source>
        <translation>Diesen Spiegel für andere Rechner im Netzwerk freigeben</translation>
    </message>
    <message>
        <source>Copy config</source>
        <translation>Konfiguration kopieren</translation>
    </message>
    <message>
        <source>Copy token</source>
        <translation>Token kopieren</translation>
    </message>
    <message>
        <source>Regenerate token</source>
        <translation>Token neu erzeugen</translation>
    </message>
    <message>
        <source>Anyone with the token can read the mirror. Teammates add this to their cargo configuration:</source>
        <translation>Wer das Token hat, kann den Spiegel lesen. Teammitglieder tragen dies in ihre cargo-Konfiguration ein:</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>Lauschen auf:</translation>
    </message>
    <message>
        <source>Teammates use:</source>
        <translation>Teammitglieder verwenden:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>All network interfaces</source>
        <translation>Alle Netzwerkschnittstellen</translation>
    </message>
    <message>
        <source>The LAN sharing token is not in the keychain any more, so teammates cannot connect: press Regenerate token and send them the new one.</source>
        <translation>Das Token der LAN-Freigabe ist nicht mehr im Schlüsselbund, daher können sich Teammitglieder nicht verbinden: Klicken Sie auf „Token neu erzeugen“ und schicken Sie ihnen das neue.</translation>
    </message>
    <message>
        <source>No keychain: LAN sharing needs one to keep its token safe, and stays off without it. %1</source>
        <translation>Kein Schlüsselbund: Die LAN-Freigabe braucht einen, um ihr Token sicher aufzubewahren, und bleibt ohne ihn aus. %1</translation>
    </message>
    <message>
        <source>Install and start gnome-keyring or KeePassXC&apos;s Secret Service, or unlock your keyring, then try again.</source>
        <translation>Installieren und starten Sie gnome-keyring oder den Secret Service von KeePassXC oder entsperren Sie Ihren Schlüsselbund und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>Stowaway::LocalPopularCrates</name>
    <message>
        <source>Cannot rank crates from the local git index: %1</source>
        <translation>Crates können nicht anhand des lokalen Git-Index eingestuft werden: %1</translation>
    </message>
</context>
<context>
    <name>Stowaway::MainWindow</name>
    <message>
        <source>Stowaway</source>
        <translation>Stowaway</translation>
    </message>
</context>
<context>
    <name>Stowaway::MemorySecretStore</name>
    <message>
        <source>No keychain is running.</source>
        <translation>Kein Schlüsselbund aktiv.</translation>
    </message>
    <message>
        <source>No secret is stored under &quot;%1&quot;.</source>
        <translation>Unter „%1“ ist kein Geheimnis gespeichert.</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorReader</name>
    <message>
        <source>Could not read the mirror&apos;s crate list: %1. Check that the storage folder %2 is readable, then reload.</source>
        <translation>Die Crate-Liste des Spiegels konnte nicht gelesen werden: %1. Prüfen Sie, ob der Speicherordner %2 lesbar ist, und laden Sie dann neu.</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorRuntime</name>
    <message>
        <source>a sync is already running; wait for it to finish or pause it</source>
        <translation>eine Synchronisierung läuft bereits; warten Sie, bis sie fertig ist, oder halten Sie sie an</translation>
    </message>
    <message>
        <source>nothing to sync yet: choose crates first (Crates page, or `stowaway sync --crate NAME`)</source>
        <translation>noch nichts zu synchronisieren: Wählen Sie zuerst Crates aus (Seite „Crates“ oder `stowaway sync --crate NAME`)</translation>
    </message>
    <message>
        <source>another sync is running</source>
        <translation>eine andere Synchronisierung läuft</translation>
    </message>
    <message>
        <source>LAN sharing is on (%1) but its token is not available from the keychain; unlock the keychain and start the server again, or turn LAN sharing off in Settings</source>
        <translation>Die LAN-Freigabe ist eingeschaltet (%1), aber ihr Token ist im Schlüsselbund nicht verfügbar; entsperren Sie den Schlüsselbund und starten Sie den Server erneut oder schalten Sie die LAN-Freigabe in den Einstellungen aus</translation>
    </message>
    <message>
        <source>the estimate of the next sync is still being made; try again in a moment</source>
        <translation>die Schätzung der nächsten Synchronisierung läuft noch; versuchen Sie es gleich noch einmal</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorSummaryWidget</name>
    <message>
        <source>Crates:</source>
        <translation>Crates:</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>Versionen:</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>Größe auf dem Datenträger:</translation>
    </message>
    <message>
        <source>Upstream:</source>
        <translation>Upstream:</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>Letzte Synchronisierung:</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::MissedCratesPanel</name>
    <message>
        <source>Crate</source>
        <translation>Crate</translation>
    </message>
    <message>
        <source>Times asked</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Last asked</source>
        <translation>Zuletzt angefragt</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Versions asked for: %1</source>
        <translation>Angefragte Versionen: %1</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>Add %1 to the mirror&apos;s selection</source>
        <translation>%1 zur Auswahl des Spiegels hinzufügen</translation>
    </message>
    <message>
        <source>Cargo has not asked for anything the mirror lacks.</source>
        <translation>Cargo hat nach nichts gefragt, was dem Spiegel fehlt.</translation>
    </message>
    <message>
        <source>Cargo asked for %1 crates the mirror lacks; the %2 asked for most often are listed.</source>
        <translation>Cargo hat nach %1 Crates gefragt, die dem Spiegel fehlen; die %2 am häufigsten angefragten sind aufgeführt.</translation>
    </message>
    <message numerus="yes">
        <source>Cargo asked for %n crate(s) the mirror lacks.</source>
        <translation>
            <numerusform>Cargo hat nach %n Crate gefragt, die dem Spiegel fehlt.</numerusform>
            <numerusform>Cargo hat nach %n Crates gefragt, die dem Spiegel fehlen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::OverviewPage</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Use this mirror in cargo</source>
        <translation>Diesen Spiegel in cargo verwenden</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Cargo</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>noch %n Sekunde</numerusform>
            <numerusform>noch %n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) left</source>
        <translation>
            <numerusform>noch %n Minute</numerusform>
            <numerusform>noch %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) left</source>
        <translation>
            <numerusform>noch %n Stunde</numerusform>
            <numerusform>noch %n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>not running: %1</source>
        <translation>läuft nicht: %1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Nothing to change in %1</source>
        <translation>In %1 gibt es nichts zu ändern</translation>
    </message>
    <message>
        <source>Flipping the switch changes %1:</source>
        <translation>Der Schalter ändert %1:</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Syncing from the command line…</source>
        <translation>Wird über die Kommandozeile synchronisiert…</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 von %2 Dateien</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Done: %Ln version(s) downloaded</source>
        <translation>
            <numerusform>Fertig: %Ln Version heruntergeladen</numerusform>
            <numerusform>Fertig: %Ln Versionen heruntergeladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already stored</source>
        <translation>
            <numerusform>%Ln bereits gespeichert</numerusform>
            <numerusform>%Ln bereits gespeichert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::PlatformList</name>
    <message>
        <source>Filter targets, e.g. linux or aarch64</source>
        <translation>Ziele filtern, z. B. linux oder aarch64</translation>
    </message>
    <message>
        <source>Not a target this version of Stowaway knows</source>
        <translation>Kein Ziel, das diese Version von Stowaway kennt</translation>
    </message>
    <message>
        <source>None checked: dependencies for every target are mirrored.</source>
        <translation>Keines angehakt: Abhängigkeiten für alle Ziele werden gespiegelt.</translation>
    </message>
    <message numerus="yes">
        <source>Dependencies for %n checked target(s) are mirrored.</source>
        <translation>
            <numerusform>Abhängigkeiten für %n angehaktes Ziel werden gespiegelt.</numerusform>
            <numerusform>Abhängigkeiten für %n angehakte Ziele werden gespiegelt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::SettingsPage</name>
    <message>
        <source>Saved in the system keychain.</source>
        <translation>Im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>Upstream</translation>
    </message>
    <message>
        <source>you@example.org or a URL</source>
        <translation>name@example.org oder eine URL</translation>
    </message>
    <message>
        <source>Sent in the User-Agent so the upstream&apos;s operators can reach you</source>
        <translation>Wird im User-Agent mitgeschickt, damit die Betreiber der Quelle Sie erreichen können</translation>
    </message>
    <message>
        <source>Only for a private upstream</source>
        <translation>Nur für eine private Quelle</translation>
    </message>
    <message>
        <source>Save token</source>
        <translation>Token speichern</translation>
    </message>
    <message>
        <source>Kept only in the system keychain.</source>
        <translation>Wird nur im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <source>Index URL:</source>
        <translation>Index-URL:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Kontakt:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Listen address and port:</source>
        <translation>Lauschadresse und Port:</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Beim Anmelden starten</translation>
    </message>
    <message>
        <source>Start Stowaway in the tray when I log in</source>
        <translation>Stowaway beim Anmelden im Infobereich starten</translation>
    </message>
    <message>
        <source>This address can be reached from other machines: turn on LAN sharing below, which protects the mirror with a token.</source>
        <translation>Diese Adresse ist von anderen Rechnern aus erreichbar: Schalten Sie unten die LAN-Freigabe ein, die den Spiegel mit einem Token schützt.</translation>
    </message>
    <message>
        <source>LAN sharing is on: turn it off below to listen on this machine only.</source>
        <translation>Die LAN-Freigabe ist eingeschaltet: Schalten Sie sie unten aus, um nur auf diesem Rechner zu lauschen.</translation>
    </message>
    <message>
        <source>Saving in the system keychain…</source>
        <translation>Wird im Schlüsselbund des Systems gespeichert…</translation>
    </message>
    <message>
        <source>Starts from %1.</source>
        <translation>Startet aus %1.</translation>
    </message>
    <message>
        <source>Would be started from %1.</source>
        <translation>Würde aus %1 gestartet.</translation>
    </message>
    <message>
        <source>An entry for Stowaway in %1 is managed elsewhere (by an administrator or for another copy of the program) and is left as it is.</source>
        <translation>Ein Eintrag für Stowaway in %1 wird anderswo verwaltet (von einem Administrator oder für eine andere Kopie des Programms) und bleibt, wie er ist.</translation>
    </message>
</context>
<context>
    <name>Stowaway::StorageSection</name>
    <message>
        <source>Storage folder</source>
        <translation>Speicherordner</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>Verschieben…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Wird gemessen…</translation>
    </message>
    <message>
        <source>Move the mirror to an empty folder</source>
        <translation>Den Spiegel in einen leeren Ordner verschieben</translation>
    </message>
    <message>
        <source>The move was cancelled; the mirror stays where it was.</source>
        <translation>Das Verschieben wurde abgebrochen; der Spiegel bleibt, wo er war.</translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncEngine</name>
    <message>
        <source>The sync was cancelled; what was stored is kept.</source>
        <translation>Die Synchronisierung wurde abgebrochen; was schon gespeichert ist, bleibt erhalten.</translation>
    </message>
    <message>
        <source>The upstream&apos;s config.json names no web API, so --popular cannot ask which crates are popular. Name the crates with --crate or --lockfile instead.</source>
        <translation>Die config.json der Quelle nennt keine Web-API, daher kann --popular nicht erfragen, welche Crates beliebt sind. Nennen Sie die Crates stattdessen mit --crate oder --lockfile.</translation>
    </message>
    <message>
        <source> The mirror is unchanged.</source>
        <translation> Der Spiegel ist unverändert.</translation>
    </message>
    <message>
        <source>the upstream has no crate named %1 (HTTP %2)</source>
        <translation>die Quelle hat keine Crate namens %1 (HTTP %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n crate(s) could not be stored; run sync again to retry them.</source>
        <translation>
            <numerusform>%n Crate konnte nicht gespeichert werden; synchronisieren Sie erneut, um es nochmals zu versuchen.</numerusform>
            <numerusform>%n Crates konnten nicht gespeichert werden; synchronisieren Sie erneut, um es nochmals zu versuchen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 The index was read from the copy fetched before, at commit %2.</source>
        <translation>%1 Der Index wurde aus der zuvor abgerufenen Kopie gelesen, bei Commit %2.</translation>
    </message>
    <message>
        <source>--all needs a git index upstream, which lists every crate; use --upstream https://github.com/rust-lang/crates.io-index</source>
        <translation>--all braucht einen Git-Index als Quelle, der jede Crate auflistet; verwenden Sie --upstream https://github.com/rust-lang/crates.io-index</translation>
    </message>
    <message>
        <source>the upstream&apos;s config.json names no web API</source>
        <translation>die config.json der Quelle nennt keine Web-API</translation>
    </message>
    <message>
        <source>Popular crates ranked by reverse dependencies in the local git index, because the downloads ranking could not be had (%1).</source>
        <translation>Beliebte Crates nach umgekehrten Abhängigkeiten im lokalen Git-Index eingestuft, weil die Rangliste nach Downloads nicht zu bekommen war (%1).</translation>
    </message>
    <message>
        <source>--popular failed: %1; and %2</source>
        <translation>--popular fehlgeschlagen: %1; außerdem %2</translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncSection</name>
    <message>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <source>Newest version only</source>
        <translation>Nur die neueste Version</translation>
    </message>
    <message>
        <source>Newest of the newest compatible lines</source>
        <translation>Die neueste jeder der neuesten kompatiblen Linien</translation>
    </message>
    <message>
        <source>All versions</source>
        <translation>Alle Versionen</translation>
    </message>
    <message>
        <source> lines</source>
        <translation> Versionslinien</translation>
    </message>
    <message>
        <source>Only when I ask</source>
        <translation>Nur auf Anforderung</translation>
    </message>
    <message>
        <source>Daily at</source>
        <translation>Täglich um</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> Stunden</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>Versionen:</translation>
    </message>
    <message>
        <source>Platforms:</source>
        <translation>Plattformen:</translation>
    </message>
    <message>
        <source>Parallel downloads:</source>
        <translation>Parallele Downloads:</translation>
    </message>
    <message>
        <source>Sync automatically:</source>
        <translation>Automatisch synchronisieren:</translation>
    </message>
    <message>
        <source>Next sync: %1</source>
        <translation>Nächste Synchronisierung: %1</translation>
    </message>
    <message>
        <source>Syncs only when you press Sync or run stowaway sync.</source>
        <translation>Synchronisiert nur, wenn Sie auf „Jetzt synchronisieren“ klicken oder stowaway sync ausführen.</translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncWorker</name>
    <message>
        <source>a sync is already running</source>
        <translation>eine Synchronisierung läuft bereits</translation>
    </message>
</context>
<context>
    <name>Stowaway::TrayController</name>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>Server stoppen</translation>
    </message>
    <message>
        <source>Use mirror in cargo</source>
        <translation>Spiegel in cargo verwenden</translation>
    </message>
    <message>
        <source>Open Stowaway</source>
        <translation>Stowaway öffnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Cargo settings not changed</source>
        <translation>Cargo-Einstellungen nicht geändert</translation>
    </message>
    <message>
        <source>%1 crates · %2 · synced %3</source>
        <translation>%1 Crates · %2 · synchronisiert: %3</translation>
    </message>
    <message>
        <source>Syncing: %1 of %2 files</source>
        <translation>Synchronisierung: %1 von %2 Dateien</translation>
    </message>
    <message>
        <source>Syncing: reading the index</source>
        <translation>Synchronisierung: Index wird gelesen</translation>
    </message>
    <message>
        <source>Last sync failed: %1</source>
        <translation>Letzte Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Server stopped</source>
        <translation>Server gestoppt</translation>
    </message>
    <message>
        <source>Sync paused</source>
        <translation>Synchronisierung angehalten</translation>
    </message>
    <message>
        <source>Serving %1</source>
        <translation>Bereitgestellt unter %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>Server starten</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>Synchronisierung abgeschlossen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln version(s) downloaded</source>
        <translation>
            <numerusform>%Ln Version heruntergeladen</numerusform>
            <numerusform>%Ln Versionen heruntergeladen</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Synchronisierung fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Stowaway::TreemapWidget</name>
    <message>
        <source>No crates stored yet: after a sync, the largest appear here.</source>
        <translation>Noch keine Crates gespeichert: Nach einer Synchronisierung erscheinen hier die größten.</translation>
    </message>
</context>
<context>
    <name>Stowaway::UsageBarWidget</name>
    <message>
        <source>Mirror %1 · other files %2 · free %3 of %4</source>
        <translation>Spiegel %1 · andere Dateien %2 · %3 von %4 frei</translation>
    </message>
    <message>
        <source> · the sync adds about %1</source>
        <translation> · die Synchronisierung fügt etwa %1 hinzu</translation>
    </message>
    <message>
        <source>Mirror %1</source>
        <translation>Spiegel %1</translation>
    </message>
    <message>
        <source>Other files %1</source>
        <translation>Andere Dateien %1</translation>
    </message>
    <message>
        <source>Free %1 of %2</source>
        <translation>%1 von %2 frei</translation>
    </message>
    <message>
        <source>Next sync about %1</source>
        <translation>Nächste Synchronisierung etwa %1</translation>
    </message>
</context>
</TS>
