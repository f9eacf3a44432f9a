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
    <name>MirrorConfig</name>
    <message>
        <source>%1 must be a table, written [%1]</source>
        <translation>%1 muss eine Tabelle sein, geschrieben [%1]</translation>
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
    <name>Stowaway::AtomicFile</name>
    <message>
        <source>%1: the disk is full: free space on %2 and run again</source>
        <translation>%1: Der Datenträger ist voll: Schaffen Sie Platz auf %2 und starten Sie erneut</translation>
    </message>
    <message>
        <source>%1: permission denied — make the folder writable for this user, or pass --mirror DIR</source>
        <translation>%1: Zugriff verweigert — machen Sie den Ordner für diesen Benutzer beschreibbar oder geben Sie --mirror ORDNER an</translation>
    </message>
    <message>
        <source>%1: the volume is read-only — pass --mirror DIR with a writable folder</source>
        <translation>%1: Der Datenträger ist schreibgeschützt — geben Sie mit --mirror ORDNER einen beschreibbaren Ordner an</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot sync the folder %1</source>
        <translation>der Ordner %1 kann nicht auf den Datenträger geschrieben werden</translation>
    </message>
    <message>
        <source>cannot create a temp file in %1</source>
        <translation>in %1 kann keine temporäre Datei angelegt werden</translation>
    </message>
    <message>
        <source>cannot create a temp file in %1: every name tried exists</source>
        <translation>in %1 kann keine temporäre Datei angelegt werden: Jeder versuchte Name existiert bereits</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>cannot sync %1</source>
        <translation>%1 kann nicht auf den Datenträger geschrieben werden</translation>
    </message>
    <message>
        <source>cannot move %1 to %2</source>
        <translation>%1 kann nicht nach %2 verschoben werden</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>cannot create the folder %1: a file of that name is in the way — move it away and run again</source>
        <translation>der Ordner %1 kann nicht angelegt werden: Eine Datei gleichen Namens ist im Weg — verschieben Sie sie und starten Sie erneut</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot sync the volume of %1</source>
        <translation>der Datenträger von %1 kann nicht synchronisiert werden</translation>
    </message>
</context>
<context>
    <name>Stowaway::CargoConfigCommand</name>
    <message>
        <source>Points cargo&apos;s crates-io at the Stowaway mirror in $CARGO_HOME/config.toml (or `config`, which cargo prefers when both exist), undoes that byte for byte, or shows what cargo uses now. A backup (&lt;file&gt;.stowaway-bak-&lt;UTC time&gt;) is kept before each change.</source>
        <translation>Richtet crates-io von cargo in $CARGO_HOME/config.toml (oder `config`, das cargo bevorzugt, wenn beide existieren) auf den Stowaway-Spiegel, macht das Byte für Byte rückgängig oder zeigt, was cargo gerade verwendet. Vor jeder Änderung wird eine Sicherung (&lt;Datei&gt;.stowaway-bak-&lt;UTC-Zeit&gt;) angelegt.</translation>
    </message>
    <message>
        <source>Cargo&apos;s home folder (default: $CARGO_HOME, else ~/.cargo).</source>
        <translation>Der Home-Ordner von cargo (Standard: $CARGO_HOME, sonst ~/.cargo).</translation>
    </message>
    <message>
        <source>The mirror&apos;s URL (default: %1).</source>
        <translation>Die URL des Spiegels (Standard: %1).</translation>
    </message>
    <message>
        <source>enable: take over an existing crates-io replacement (disable restores it).</source>
        <translation>enable: eine bestehende Ersetzung von crates-io übernehmen (disable stellt sie wieder her).</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>Das Ergebnis als JSON ausgeben.</translation>
    </message>
    <message>
        <source>say what to do: enable, disable or status</source>
        <translation>geben Sie an, was zu tun ist: enable, disable oder status</translation>
    </message>
    <message>
        <source>unknown action &apos;%1&apos;; use enable, disable or status</source>
        <translation>unbekannte Aktion „%1“; verwenden Sie enable, disable oder status</translation>
    </message>
    <message>
        <source>--force only applies to enable</source>
        <translation>--force gilt nur für enable</translation>
    </message>
    <message>
        <source>--url does not apply to disable</source>
        <translation>--url gilt nicht für disable</translation>
    </message>
    <message>
        <source>--url: %1</source>
        <translation>--url: %1</translation>
    </message>
    <message>
        <source>--cargo-home needs a folder</source>
        <translation>--cargo-home braucht einen Ordner</translation>
    </message>
    <message>
        <source>backup: %1</source>
        <translation>Sicherung: %1</translation>
    </message>
    <message>
        <source>point cargo at the mirror (enable|disable|status)</source>
        <translation>cargo auf den Spiegel richten (enable|disable|status)</translation>
    </message>
</context>
<context>
    <name>Stowaway::CargoConfigFile</name>
    <message>
        <source>settings were added between the lines ending in &apos;%1&apos;, so removing those lines would change how cargo reads the rest; move your settings above them (or delete Stowaway&apos;s lines by hand) and run again</source>
        <translation>zwischen den Zeilen, die auf „%1“ enden, wurden Einstellungen eingefügt, daher würde das Entfernen dieser Zeilen ändern, wie cargo den Rest liest; verschieben Sie Ihre Einstellungen darüber (oder löschen Sie die Zeilen von Stowaway von Hand) und starten Sie erneut</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a URL</source>
        <translation>„%1“ ist keine URL</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http or https URL</source>
        <translation>„%1“ ist keine http- oder https-URL</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no host</source>
        <translation>„%1“ hat keinen Host</translation>
    </message>
    <message>
        <source>&apos;%1&apos; may not carry a user name, query or fragment</source>
        <translation>„%1“ darf keinen Benutzernamen, keine Abfrage und kein Fragment enthalten</translation>
    </message>
    <message>
        <source>%1; give the mirror as http://HOST[:PORT][/PATH], e.g. http://127.0.0.1:27428</source>
        <translation>%1; geben Sie den Spiegel als http://HOST[:PORT][/PFAD] an, z. B. http://127.0.0.1:27428</translation>
    </message>
    <message>
        <source>does not parse as TOML (%1); fix it and run again</source>
        <translation>ist kein gültiges TOML (%1); korrigieren Sie die Datei und starten Sie erneut</translation>
    </message>
    <message>
        <source>cargo already uses the Stowaway mirror at %1; nothing changed</source>
        <translation>cargo verwendet bereits den Stowaway-Spiegel unter %1; nichts geändert</translation>
    </message>
    <message>
        <source>%1 is written as an inline table ({ … }), which Stowaway does not edit; rewrite it as [source.…] tables, or add these lines by hand:
%2</source>
        <translation>%1 ist als Inline-Tabelle ({ … }) geschrieben, die Stowaway nicht bearbeitet; schreiben Sie es als [source.…]-Tabellen um oder fügen Sie diese Zeilen von Hand hinzu:
%2</translation>
    </message>
    <message>
        <source>%1 is written as an array of tables ([[…]]), which Stowaway does not edit; rewrite it as [source.…] tables, or add these lines by hand:
%2</source>
        <translation>%1 ist als Tabellen-Array ([[…]]) geschrieben, das Stowaway nicht bearbeitet; schreiben Sie es als [source.…]-Tabellen um oder fügen Sie diese Zeilen von Hand hinzu:
%2</translation>
    </message>
    <message>
        <source>[source.crates-io] already has replace-with = &quot;stowaway&quot;, set by hand (with registry = &quot;%1&quot;); edit it by hand, or run again with --force to let Stowaway manage it</source>
        <translation>[source.crates-io] hat bereits replace-with = &quot;stowaway&quot;, von Hand gesetzt (mit registry = &quot;%1&quot;); bearbeiten Sie es von Hand oder starten Sie erneut mit --force, damit Stowaway es verwaltet</translation>
    </message>
    <message>
        <source>[source.crates-io] already has replace-with = &quot;%1&quot;; remove it, or run again with --force to point it at Stowaway instead</source>
        <translation>[source.crates-io] hat bereits replace-with = &quot;%1&quot;; entfernen Sie es oder starten Sie erneut mit --force, um es stattdessen auf Stowaway zu richten</translation>
    </message>
    <message>
        <source>[source.stowaway] is already defined; remove it, or run again with --force to replace it</source>
        <translation>[source.stowaway] ist bereits definiert; entfernen Sie es oder starten Sie erneut mit --force, um es zu ersetzen</translation>
    </message>
    <message>
        <source>[source.stowaway] is already defined (registry = &quot;%1&quot;); remove it, or run again with --force to replace it</source>
        <translation>[source.stowaway] ist bereits definiert (registry = &quot;%1&quot;); entfernen Sie es oder starten Sie erneut mit --force, um es zu ersetzen</translation>
    </message>
    <message>
        <source>%1 spans several lines, which Stowaway does not edit; remove it by hand and run again</source>
        <translation>%1 erstreckt sich über mehrere Zeilen, was Stowaway nicht bearbeitet; entfernen Sie es von Hand und starten Sie erneut</translation>
    </message>
    <message>
        <source>the edited file does not parse: %1</source>
        <translation>die bearbeitete Datei ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>the edited file does not point crates-io at Stowaway</source>
        <translation>die bearbeitete Datei richtet crates-io nicht auf Stowaway</translation>
    </message>
    <message>
        <source>the edit would change other settings</source>
        <translation>die Änderung würde andere Einstellungen verändern</translation>
    </message>
    <message>
        <source>disable would not restore the file exactly</source>
        <translation>disable würde die Datei nicht exakt wiederherstellen</translation>
    </message>
    <message>
        <source>internal check failed (%1); nothing was written. Add these lines by hand instead:
%2</source>
        <translation>interne Prüfung fehlgeschlagen (%1); nichts wurde geschrieben. Fügen Sie stattdessen diese Zeilen von Hand hinzu:
%2</translation>
    </message>
    <message>
        <source>cargo now uses the Stowaway mirror at %1 (was %2)</source>
        <translation>cargo verwendet jetzt den Stowaway-Spiegel unter %1 (vorher %2)</translation>
    </message>
    <message>
        <source>cargo now uses the Stowaway mirror at %1 instead of &quot;%2&quot; (disable restores it)</source>
        <translation>cargo verwendet jetzt den Stowaway-Spiegel unter %1 statt „%2“ (disable stellt es wieder her)</translation>
    </message>
    <message>
        <source>cargo now uses the Stowaway mirror at %1</source>
        <translation>cargo verwendet jetzt den Stowaway-Spiegel unter %1</translation>
    </message>
    <message>
        <source>replace-with = &quot;stowaway&quot; was not added by Stowaway, so it is left alone; remove it by hand if cargo should use crates.io again</source>
        <translation>replace-with = &quot;stowaway&quot; wurde nicht von Stowaway hinzugefügt und bleibt daher unverändert; entfernen Sie es von Hand, wenn cargo wieder crates.io verwenden soll</translation>
    </message>
    <message>
        <source>Stowaway is not enabled here; nothing changed</source>
        <translation>Stowaway ist hier nicht aktiviert; nichts geändert</translation>
    </message>
    <message>
        <source>cargo uses crates.io directly again</source>
        <translation>cargo verwendet wieder direkt crates.io</translation>
    </message>
    <message>
        <source>restored replace-with = &quot;%1&quot;; cargo no longer uses Stowaway</source>
        <translation>replace-with = &quot;%1&quot; wiederhergestellt; cargo verwendet Stowaway nicht mehr</translation>
    </message>
    <message>
        <source>(not a string)</source>
        <translation>(keine Zeichenkette)</translation>
    </message>
</context>
<context>
    <name>Stowaway::CargoConfigSwitch</name>
    <message>
        <source>cannot read %1 (%2); check its permissions</source>
        <translation>%1 kann nicht gelesen werden (%2); prüfen Sie die Berechtigungen</translation>
    </message>
    <message>
        <source>cannot write %1 (%2); nothing was changed</source>
        <translation>%1 kann nicht geschrieben werden (%2); nichts wurde geändert</translation>
    </message>
    <message>
        <source>cannot write the backup %1 (%2); nothing was changed</source>
        <translation>die Sicherung %1 kann nicht geschrieben werden (%2); nichts wurde geändert</translation>
    </message>
    <message>
        <source>%1 line %2: %3</source>
        <translation>%1 Zeile %2: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot create the folder %1; check its permissions</source>
        <translation>der Ordner %1 kann nicht angelegt werden; prüfen Sie die Berechtigungen</translation>
    </message>
    <message>
        <source>no such file, so Stowaway is not enabled</source>
        <translation>Datei existiert nicht, daher ist Stowaway nicht aktiviert</translation>
    </message>
    <message>
        <source>no such file, so Stowaway is not enabled; nothing changed</source>
        <translation>Datei existiert nicht, daher ist Stowaway nicht aktiviert; nichts geändert</translation>
    </message>
    <message>
        <source>cannot remove %1; delete it by hand</source>
        <translation>%1 kann nicht entfernt werden; löschen Sie die Datei von Hand</translation>
    </message>
    <message>
        <source>removed (Stowaway had created it); cargo uses crates.io directly again</source>
        <translation>entfernt (Stowaway hatte sie angelegt); cargo verwendet wieder direkt crates.io</translation>
    </message>
    <message>
        <source>%1 line %2</source>
        <translation>%1 Zeile %2</translation>
    </message>
    <message>
        <source>%1: does not parse as TOML (%2), so cargo will refuse to run; fix it</source>
        <translation>%1: ist kein gültiges TOML (%2), daher wird cargo nicht laufen; korrigieren Sie die Datei</translation>
    </message>
    <message>
        <source>cargo uses crates.io directly (%1 does not replace it); run &apos;stowaway cargo-config enable&apos; to use the mirror</source>
        <translation>cargo verwendet direkt crates.io (%1 ersetzt es nicht); führen Sie „stowaway cargo-config enable“ aus, um den Spiegel zu verwenden</translation>
    </message>
    <message>
        <source>cargo replaces crates.io with &quot;%1&quot;, not with Stowaway (%2)</source>
        <translation>cargo ersetzt crates.io durch „%1“, nicht durch Stowaway (%2)</translation>
    </message>
    <message>
        <source>cargo uses the Stowaway mirror at %1 (%2, added by stowaway)</source>
        <translation>cargo verwendet den Stowaway-Spiegel unter %1 (%2, von stowaway hinzugefügt)</translation>
    </message>
    <message>
        <source>cargo uses the Stowaway mirror at %1 (%2, set by hand)</source>
        <translation>cargo verwendet den Stowaway-Spiegel unter %1 (%2, von Hand gesetzt)</translation>
    </message>
    <message>
        <source>cargo uses a Stowaway source at %1, not this mirror (%2) (%3); run &apos;stowaway cargo-config enable --url …&apos; to switch</source>
        <translation>cargo verwendet eine Stowaway-Quelle unter %1, nicht diesen Spiegel (%2) (%3); führen Sie „stowaway cargo-config enable --url …“ aus, um zu wechseln</translation>
    </message>
    <message>
        <source>(no registry)</source>
        <translation>(keine Registry)</translation>
    </message>
    <message>
        <source>note: %1 is ignored: cargo reads %2 when both exist</source>
        <translation>Hinweis: %1 wird ignoriert: cargo liest %2, wenn beide existieren</translation>
    </message>
    <message>
        <source>note: %1 also replaces crates-io (with &quot;%2&quot;) and wins inside %3</source>
        <translation>Hinweis: %1 ersetzt crates-io ebenfalls (durch „%2“) und hat innerhalb von %3 Vorrang</translation>
    </message>
    <message>
        <source>note: %1 does not parse as TOML (%2); cargo will refuse to run inside %3</source>
        <translation>Hinweis: %1 ist kein gültiges TOML (%2); cargo wird innerhalb von %3 nicht laufen</translation>
    </message>
</context>
<context>
    <name>Stowaway::CfgExpr</name>
    <message>
        <source>expected cfg(...)</source>
        <translation>cfg(...) erwartet</translation>
    </message>
    <message>
        <source>expected &apos;)&apos;</source>
        <translation>„)“ erwartet</translation>
    </message>
    <message>
        <source>unexpected text after cfg(...)</source>
        <translation>unerwarteter Text nach cfg(...)</translation>
    </message>
    <message>
        <source>%1 at offset %2</source>
        <translation>%1 an Position %2</translation>
    </message>
    <message>
        <source>cfg expression nested too deeply</source>
        <translation>cfg-Ausdruck zu tief verschachtelt</translation>
    </message>
    <message>
        <source>expected a cfg name</source>
        <translation>cfg-Name erwartet</translation>
    </message>
    <message>
        <source>not() takes exactly one predicate</source>
        <translation>not() nimmt genau ein Prädikat</translation>
    </message>
    <message>
        <source>expected a quoted value</source>
        <translation>Wert in Anführungszeichen erwartet</translation>
    </message>
</context>
<context>
    <name>Stowaway::Cli</name>
    <message>
        <source>--mirror needs a folder</source>
        <translation>--mirror braucht einen Ordner</translation>
    </message>
    <message>
        <source>unknown option %1</source>
        <translation>unbekannte Option %1</translation>
    </message>
    <message>
        <source>--tray starts the desktop app; it takes no command</source>
        <translation>--tray startet die Desktop-App; es nimmt keinen Befehl an</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl „%1“</translation>
    </message>
    <message>
        <source>Usage: stowaway [--mirror DIR] &lt;command&gt; [options]
       stowaway [--mirror DIR] [--tray]   start the desktop app (--tray: hidden
                                          in the tray, as at login)

A local crates.io mirror that cargo can use offline.

Commands:
</source>
        <translation>Aufruf: stowaway [--mirror ORDNER] &lt;Befehl&gt; [Optionen]
        stowaway [--mirror ORDNER] [--tray]   die Desktop-App starten (--tray: verborgen
                                              im Infobereich, wie beim Anmelden)

Ein lokaler crates.io-Spiegel, den cargo offline verwenden kann.

Befehle:
</translation>
    </message>
    <message>
        <source>Global options:
  --mirror DIR  the mirror folder (default: $STOWAWAY_MIRROR, else
                ~/.local/share/stowaway/mirror)
  --version     print the version
  --help        this text; `stowaway &lt;command&gt; --help` for a command

Exit codes: 0 ok, 1 the work failed, 2 usage error.
</source>
        <translation>Globale Optionen:
  --mirror ORDNER  der Spiegelordner (Standard: $STOWAWAY_MIRROR, sonst
                   ~/.local/share/stowaway/mirror)
  --version        die Version ausgeben
  --help           dieser Text; `stowaway &lt;Befehl&gt; --help` für einen Befehl

Exit-Codes: 0 in Ordnung, 1 die Arbeit ist fehlgeschlagen, 2 Aufruffehler.
</translation>
    </message>
</context>
<context>
    <name>Stowaway::ClosureResolver</name>
    <message>
        <source>needed by %1</source>
        <translation>gebraucht von %1</translation>
    </message>
    <message>
        <source>%1 is not available upstream (%2)</source>
        <translation>%1 ist im Upstream nicht verfügbar (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1 is not available upstream (%2); needed by %3 and %n more</source>
        <translation>
            <numerusform>%1 ist im Upstream nicht verfügbar (%2); gebraucht von %3 und %n weiteren</numerusform>
            <numerusform>%1 ist im Upstream nicht verfügbar (%2); gebraucht von %3 und %n weiteren</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not available upstream (%2); needed by %3</source>
        <translation>%1 ist im Upstream nicht verfügbar (%2); gebraucht von %3</translation>
    </message>
    <message>
        <source>%1 pins %2 %3, but the index has no such version</source>
        <translation>%1 legt %2 auf %3 fest, aber der Index hat diese Version nicht</translation>
    </message>
    <message>
        <source>%1: no non-yanked version of %2 matches %3</source>
        <translation>%1: keine nicht zurückgezogene Version von %2 passt zu %3</translation>
    </message>
    <message>
        <source>%1 needs %2 %3, but every matching version is yanked</source>
        <translation>%1 braucht %2 %3, aber jede passende Version wurde zurückgezogen (yanked)</translation>
    </message>
    <message>
        <source>%1 needs %2 &quot;%3&quot;, which is not a valid requirement: %4</source>
        <translation>%1 braucht %2 „%3“, was keine gültige Versionsanforderung ist: %4</translation>
    </message>
    <message>
        <source>%1 needs %2 %3, but the index has no such version</source>
        <translation>%1 braucht %2 %3, aber der Index hat diese Version nicht</translation>
    </message>
    <message>
        <source>%1 depends on %2 %3 from another registry (%4); skipped, only one registry is mirrored</source>
        <translation>%1 hängt von %2 %3 aus einer anderen Registry ab (%4); übersprungen, nur eine Registry wird gespiegelt</translation>
    </message>
</context>
<context>
    <name>Stowaway::CommandParser</name>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>The mirror folder (default: $STOWAWAY_MIRROR, else the app data folder).</source>
        <translation>Der Spiegelordner (Standard: $STOWAWAY_MIRROR, sonst der Datenordner der App).</translation>
    </message>
    <message>
        <source>Usage: %1 [options]%2</source>
        <translation>Aufruf: %1 [Optionen]%2</translation>
    </message>
    <message>
        <source>Try &apos;%1 --help&apos; for usage.</source>
        <translation>„%1 --help“ zeigt, wie der Befehl aufgerufen wird.</translation>
    </message>
</context>
<context>
    <name>Stowaway::CrateDownloader</name>
    <message>
        <source>not tried: the upstream stopped answering (%1 files in a row: %2) — run sync again when it is back</source>
        <translation>nicht versucht: Der Upstream antwortet nicht mehr (%1 Dateien in Folge: %2) — führen Sie sync erneut aus, wenn er wieder erreichbar ist</translation>
    </message>
</context>
<context>
    <name>Stowaway::CrateStoreWorker</name>
    <message>
        <source>cannot open the mirror to store downloads: %1</source>
        <translation>der Spiegel kann zum Speichern der Downloads nicht geöffnet werden: %1</translation>
    </message>
</context>
<context>
    <name>Stowaway::CrateTransfer</name>
    <message>
        <source>The disk holding %1 has %2 MB free; stowaway stops before it fills. Free space and run sync again — finished crates are kept.</source>
        <translation>Auf dem Datenträger mit %1 sind noch %2 MB frei; stowaway hält an, bevor er voll ist. Schaffen Sie Platz und führen Sie sync erneut aus — fertige Crates bleiben erhalten.</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>connection closed or reset by %1</source>
        <translation>Verbindung von %1 geschlossen oder zurückgesetzt</translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation>Verbindung von %1 abgelehnt</translation>
    </message>
    <message>
        <source>host %1 not found</source>
        <translation>Host %1 nicht gefunden</translation>
    </message>
    <message>
        <source>timed out connecting to %1</source>
        <translation>Zeitüberschreitung beim Verbinden mit %1</translation>
    </message>
    <message>
        <source>%1 redirected too often or to a less safe place (%2)</source>
        <translation>%1 hat zu oft oder an einen weniger sicheren Ort umgeleitet (%2)</translation>
    </message>
    <message>
        <source>stalled: no data for %1 s from %2</source>
        <translation>hängt: seit %1 s keine Daten von %2</translation>
    </message>
    <message>
        <source>%1 sent more than the %2 bytes expected — upstream served different bytes</source>
        <translation>%1 hat mehr als die erwarteten %2 Bytes gesendet — der Upstream lieferte andere Daten</translation>
    </message>
    <message>
        <source>HTTP 416 from %1</source>
        <translation>HTTP 416 von %1</translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation>HTTP %1 von %2</translation>
    </message>
    <message>
        <source>%1 asking to wait %2 s (more than the %3 s stowaway waits); run sync again later</source>
        <translation>%1 mit der Bitte, %2 s zu warten (länger als die %3 s, die stowaway wartet); führen Sie sync später erneut aus</translation>
    </message>
    <message>
        <source>connection to %1 broke off</source>
        <translation>Verbindung zu %1 abgebrochen</translation>
    </message>
    <message>
        <source>connection to %1 closed after %2 of %3 bytes</source>
        <translation>Verbindung zu %1 nach %2 von %3 Bytes geschlossen</translation>
    </message>
    <message>
        <source>transfer from %1 ended after %2 of %3 bytes</source>
        <translation>Übertragung von %1 nach %2 von %3 Bytes beendet</translation>
    </message>
    <message>
        <source>checksum mismatch for %1: expected %2, got %3 — upstream served different bytes</source>
        <translation>Prüfsumme von %1 stimmt nicht: erwartet %2, erhalten %3 — der Upstream lieferte andere Daten</translation>
    </message>
    <message>
        <source>cannot flush %1 to disk: %2</source>
        <translation>%1 kann nicht auf den Datenträger geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 after %n attempt(s)</source>
        <translation>
            <numerusform>%1 nach %n Versuch</numerusform>
            <numerusform>%1 nach %n Versuchen</numerusform>
        </translation>
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
    <name>Stowaway::DesktopLoader</name>
    <message>
        <source>the desktop app is not installed: no %1. Reinstall stowaway, or use its commands (stowaway --help).</source>
        <translation>die Desktop-App ist nicht installiert: %1 fehlt. Installieren Sie stowaway neu oder verwenden Sie seine Befehle (stowaway --help).</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>the desktop app cannot be loaded: %1. Reinstall stowaway, or use its commands (stowaway --help).</source>
        <translation>die Desktop-App kann nicht geladen werden: %1. Installieren Sie stowaway neu oder verwenden Sie seine Befehle (stowaway --help).</translation>
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
    <message>
        <source>The git index %1 cannot be fetched through the proxy %2: git fetches go only through http:// proxies. Give an http:// proxy, or set the proxy to none.</source>
        <translation>Der Git-Index %1 kann nicht über den Proxy %2 geholt werden: Git-Abrufe laufen nur über http://-Proxys. Geben Sie einen http://-Proxy an oder setzen Sie den Proxy auf none.</translation>
    </message>
    <message>
        <source>The git index %1 cannot be fetched through the proxy %2: only https:// git fetches go through a proxy. Use the index&apos;s https:// URL, or set the proxy to none.</source>
        <translation>Der Git-Index %1 kann nicht über den Proxy %2 geholt werden: Nur https://-Git-Abrufe laufen über einen Proxy. Verwenden Sie die https://-URL des Index oder setzen Sie den Proxy auf none.</translation>
    </message>
    <message>
        <source>Could not fetch the git index from %1 through the proxy %2: %3. Check the URL, the proxy and the network, then sync again.</source>
        <translation>Der Git-Index konnte nicht von %1 über den Proxy %2 geholt werden: %3. Prüfen Sie URL, Proxy und Netzwerk und synchronisieren Sie erneut.</translation>
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
    <name>Stowaway::GitServedIndex</name>
    <message>
        <source>cannot open the mirror state %1: %2</source>
        <translation>der Spiegelzustand %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>the mirror state cannot be read: %1</source>
        <translation>der Spiegelzustand kann nicht gelesen werden: %1</translation>
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
    <name>Stowaway::IndexClient</name>
    <message>
        <source>the transfer stalled and timed out</source>
        <translation>die Übertragung hing und lief in eine Zeitüberschreitung</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n Versuch</numerusform>
            <numerusform>%n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 answered 304 Not Modified although no cached copy was offered; the upstream is misbehaving</source>
        <translation>%1 antwortete mit 304 Not Modified, obwohl keine zwischengespeicherte Kopie angeboten wurde; der Upstream verhält sich fehlerhaft</translation>
    </message>
    <message>
        <source>index file of %1: %2 from %3 (%4)</source>
        <translation>Indexdatei von %1: %2 von %3 (%4)</translation>
    </message>
    <message>
        <source>The upstream&apos;s %1 cannot be used: %2; check the upstream URL (--upstream)</source>
        <translation>%1 des Upstreams ist nicht verwendbar: %2; prüfen Sie die Upstream-URL (--upstream)</translation>
    </message>
    <message>
        <source>Cannot reach the upstream index %1 (%2); check the network connection and the upstream URL (--upstream)</source>
        <translation>Der Upstream-Index %1 ist nicht erreichbar (%2); prüfen Sie die Netzwerkverbindung und die Upstream-URL (--upstream)</translation>
    </message>
    <message>
        <source>Fetching %1 failed: %2 (%3); is %4 a sparse index? Check --upstream</source>
        <translation>Abruf von %1 fehlgeschlagen: %2 (%3); ist %4 ein Sparse-Index? Prüfen Sie --upstream</translation>
    </message>
    <message>
        <source>Fetching %1 failed: %2 (%3)</source>
        <translation>Abruf von %1 fehlgeschlagen: %2 (%3)</translation>
    </message>
    <message>
        <source>Fetching %1 failed: %2 (%3); if the upstream needs a token, give it with --token-env NAME</source>
        <translation>Abruf von %1 fehlgeschlagen: %2 (%3); wenn der Upstream ein Token braucht, geben Sie es mit --token-env NAME an</translation>
    </message>
    <message>
        <source>Fetching %1 failed: %2 (%3); %4</source>
        <translation>Abruf von %1 fehlgeschlagen: %2 (%3); %4</translation>
    </message>
    <message>
        <source>Cannot reach the upstream index %1 through the proxy %2: %3. Check that the proxy runs and lets requests through, or set the proxy to none to go direct</source>
        <translation>Der Upstream-Index %1 ist über den Proxy %2 nicht erreichbar: %3. Prüfen Sie, ob der Proxy läuft und die Anfragen durchlässt, oder setzen Sie den Proxy auf none, um direkt zu verbinden</translation>
    </message>
    <message>
        <source>; requests go through the proxy %1</source>
        <translation>; die Anfragen laufen über den Proxy %1</translation>
    </message>
</context>
<context>
    <name>Stowaway::IndexLine</name>
    <message>
        <source>%1 is not a string</source>
        <translation>%1 ist keine Zeichenkette</translation>
    </message>
    <message>
        <source>%1 is missing or not a string</source>
        <translation>%1 fehlt oder ist keine Zeichenkette</translation>
    </message>
    <message>
        <source>%1 is not true or false</source>
        <translation>%1 ist weder true noch false</translation>
    </message>
    <message>
        <source>a dependency is not an object</source>
        <translation>eine Abhängigkeit ist kein Objekt</translation>
    </message>
    <message>
        <source>features of dependency %1 is not a list</source>
        <translation>features der Abhängigkeit %1 ist keine Liste</translation>
    </message>
    <message>
        <source>a feature of dependency %1 is not a string</source>
        <translation>ein Feature der Abhängigkeit %1 ist keine Zeichenkette</translation>
    </message>
    <message>
        <source>not valid JSON (%1)</source>
        <translation>kein gültiges JSON (%1)</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>v is not a whole number</source>
        <translation>v ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>schema version v=%1 is newer than this program understands (%2)</source>
        <translation>Schemaversion v=%1 ist neuer, als dieses Programm versteht (%2)</translation>
    </message>
    <message>
        <source>name %1 is not a valid crate name</source>
        <translation>name %1 ist kein gültiger Crate-Name</translation>
    </message>
    <message>
        <source>vers %1 is not a usable version</source>
        <translation>vers %1 ist keine verwendbare Version</translation>
    </message>
    <message>
        <source>cksum is not 64 lower-case hex digits</source>
        <translation>cksum besteht nicht aus 64 kleingeschriebenen Hexadezimalziffern</translation>
    </message>
    <message>
        <source>deps is missing or not a list</source>
        <translation>deps fehlt oder ist keine Liste</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
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
    <name>Stowaway::ListenAddress</name>
    <message>
        <source>&apos;%1&apos; is not an address to listen on: %2. Write ADDRESS:PORT, like 127.0.0.1:27428 or [::1]:27428</source>
        <translation>„%1“ ist keine Adresse zum Lauschen: %2. Schreiben Sie ADRESSE:PORT, etwa 127.0.0.1:27428 oder [::1]:27428</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>sie ist leer</translation>
    </message>
    <message>
        <source>the IPv6 address has no closing &apos;]&apos;</source>
        <translation>der IPv6-Adresse fehlt die schließende „]“</translation>
    </message>
    <message>
        <source>a port must follow the IPv6 address</source>
        <translation>auf die IPv6-Adresse muss ein Port folgen</translation>
    </message>
    <message>
        <source>put an IPv6 address in brackets</source>
        <translation>setzen Sie eine IPv6-Adresse in eckige Klammern</translation>
    </message>
    <message>
        <source>the port must be a number from 0 to 65535</source>
        <translation>der Port muss eine Zahl von 0 bis 65535 sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address</source>
        <translation>„%1“ ist keine IP-Adresse</translation>
    </message>
</context>
<context>
    <name>Stowaway::LocalIndex</name>
    <message>
        <source>the local git index has no crate named %1</source>
        <translation>der lokale Git-Index hat keine Crate namens %1</translation>
    </message>
    <message>
        <source>the scan was cancelled</source>
        <translation>die Durchsuchung wurde abgebrochen</translation>
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
    <name>Stowaway::LockFile</name>
    <message>
        <source>%1 line %2</source>
        <translation>%1 Zeile %2</translation>
    </message>
    <message>
        <source>%1: %2 — this does not look like a Cargo.lock</source>
        <translation>%1: %2 — das sieht nicht nach einer Cargo.lock aus</translation>
    </message>
    <message>
        <source>%1: lockfile format version %2 is not supported (1 to 4 are); a newer cargo wrote it</source>
        <translation>%1: Lockfile-Formatversion %2 wird nicht unterstützt (1 bis 4 schon); ein neueres cargo hat sie geschrieben</translation>
    </message>
    <message>
        <source>%1: no [[package]] entries — this does not look like a Cargo.lock</source>
        <translation>%1: keine [[package]]-Einträge — das sieht nicht nach einer Cargo.lock aus</translation>
    </message>
    <message>
        <source>%1: a [[package]] entry is not a table</source>
        <translation>%1: ein [[package]]-Eintrag ist keine Tabelle</translation>
    </message>
    <message>
        <source>%1: a package has no name or version</source>
        <translation>%1: ein Paket hat keinen Namen oder keine Version</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
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
    <name>Stowaway::MirrorBatchWriter</name>
    <message>
        <source>%1 is not a valid crate name</source>
        <translation>%1 ist kein gültiger Crate-Name</translation>
    </message>
    <message>
        <source>cannot store %1 %2: the mirror&apos;s index has no such version — fetch its index file first</source>
        <translation>%1 %2 kann nicht gespeichert werden: Der Index des Spiegels kennt diese Version nicht — rufen Sie zuerst seine Indexdatei ab</translation>
    </message>
    <message>
        <source>cannot read the download %1</source>
        <translation>der Download %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>the download of %1 %2 is damaged: expected sha256 %3, got %4 — it was not stored</source>
        <translation>der Download von %1 %2 ist beschädigt: sha256 %3 erwartet, %4 erhalten — er wurde nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorConfig</name>
    <message>
        <source>%1 must be a string in double quotes</source>
        <translation>%1 muss eine Zeichenkette in doppelten Anführungszeichen sein</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3</source>
        <translation>%1 muss eine ganze Zahl von %2 bis %3 sein</translation>
    </message>
    <message>
        <source>%1 must be true or false</source>
        <translation>%1 muss true oder false sein</translation>
    </message>
    <message>
        <source>%1 must be a list of target names, like [&quot;x86_64-unknown-linux-gnu&quot;]</source>
        <translation>%1 muss eine Liste von Zielnamen sein, etwa [&quot;x86_64-unknown-linux-gnu&quot;]</translation>
    </message>
    <message>
        <source>%1 line %2: %3</source>
        <translation>%1 Zeile %2: %3</translation>
    </message>
    <message>
        <source>%1 line %2: %3 — fix the file, or delete it to start from the defaults</source>
        <translation>%1 Zeile %2: %3 — korrigieren Sie die Datei oder löschen Sie sie, um mit den Standardwerten zu beginnen</translation>
    </message>
    <message>
        <source>cannot read %1: %2 — check the file&apos;s permissions</source>
        <translation>%1 kann nicht gelesen werden: %2 — prüfen Sie die Berechtigungen der Datei</translation>
    </message>
    <message>
        <source>upstream must be a sparse index URL ending in /, like sparse+https://index.crates.io/, or a git index: https://github.com/rust-lang/crates.io-index, a .git URL or a path</source>
        <translation>upstream muss eine Sparse-Index-URL sein, die auf / endet, etwa sparse+https://index.crates.io/, oder ein Git-Index: https://github.com/rust-lang/crates.io-index, eine .git-URL oder ein Pfad</translation>
    </message>
    <message>
        <source>server.listen must be ADDRESS:PORT, like 127.0.0.1:27428</source>
        <translation>server.listen muss ADRESSE:PORT sein, etwa 127.0.0.1:27428</translation>
    </message>
    <message>
        <source>sync.versions must be &quot;newest&quot;, &quot;all&quot; or &quot;lines:N&quot; with N from 1 to 1000, like &quot;lines:3&quot;</source>
        <translation>sync.versions muss &quot;newest&quot;, &quot;all&quot; oder &quot;lines:N&quot; mit N von 1 bis 1000 sein, etwa &quot;lines:3&quot;</translation>
    </message>
    <message>
        <source>sync.schedule must be &quot;off&quot;, &quot;daily:HH:MM&quot; (like &quot;daily:03:30&quot;) or &quot;every:Nh&quot; with N from 1 to %1 (like &quot;every:6h&quot;)</source>
        <translation>sync.schedule muss &quot;off&quot;, &quot;daily:HH:MM&quot; (etwa &quot;daily:03:30&quot;) oder &quot;every:Nh&quot; mit N von 1 bis %1 sein (etwa &quot;every:6h&quot;)</translation>
    </message>
    <message>
        <source>proxy: %1</source>
        <translation>proxy: %1</translation>
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
    <name>Stowaway::MirrorState</name>
    <message>
        <source>the mirror state rejected a query: %1</source>
        <translation>der Spiegelzustand hat eine Abfrage abgelehnt: %1</translation>
    </message>
    <message>
        <source>cannot open the mirror state %1: %2 — check that the folder is writable</source>
        <translation>der Spiegelzustand %1 kann nicht geöffnet werden: %2 — prüfen Sie, ob der Ordner beschreibbar ist</translation>
    </message>
    <message>
        <source>cannot open the mirror state %1: %2 — if it is damaged, move it away</source>
        <translation>der Spiegelzustand %1 kann nicht geöffnet werden: %2 — wenn er beschädigt ist, verschieben Sie ihn</translation>
    </message>
    <message>
        <source>cannot read the mirror state %1: %2 — if it is damaged, move it away and run sync again</source>
        <translation>der Spiegelzustand %1 kann nicht gelesen werden: %2 — wenn er beschädigt ist, verschieben Sie ihn und führen Sie sync erneut aus</translation>
    </message>
    <message>
        <source>the mirror state %1 was written by a newer stowaway (schema %2, this one knows %3) — update stowaway</source>
        <translation>der Spiegelzustand %1 wurde von einem neueren stowaway geschrieben (Schema %2, dieses kennt %3) — aktualisieren Sie stowaway</translation>
    </message>
    <message>
        <source>cannot create the mirror state %1: %2</source>
        <translation>der Spiegelzustand %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot update the mirror state %1: %2</source>
        <translation>der Spiegelzustand %1 kann nicht aktualisiert werden: %2</translation>
    </message>
    <message>
        <source>version %1 is not in the mirror state</source>
        <translation>Version %1 ist nicht im Spiegelzustand</translation>
    </message>
    <message>
        <source>%1 is not a valid crate name</source>
        <translation>%1 ist kein gültiger Crate-Name</translation>
    </message>
    <message>
        <source>unknown selection reason %1 (use one of %2)</source>
        <translation>unbekannter Auswahlgrund %1 (verwenden Sie einen von %2)</translation>
    </message>
    <message>
        <source>there is no sync run %1</source>
        <translation>es gibt keinen Synchronisierungslauf %1</translation>
    </message>
    <message>
        <source>could not update the mirror state: %1</source>
        <translation>der Zustand des Spiegels konnte nicht aktualisiert werden: %1</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorStore</name>
    <message>
        <source>no mirror folder given — pass --mirror DIR</source>
        <translation>kein Spiegelordner angegeben — geben Sie --mirror ORDNER an</translation>
    </message>
    <message>
        <source>the mirror has no crate %1</source>
        <translation>der Spiegel hat keine Crate %1</translation>
    </message>
    <message>
        <source>unknown sync run status %1</source>
        <translation>unbekannter Status %1 eines Synchronisierungslaufs</translation>
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
    <name>Stowaway::MirrorVerifier</name>
    <message>
        <source>the mirror is not open</source>
        <translation>der Spiegel ist nicht geöffnet</translation>
    </message>
    <message>
        <source>the state says stored, the file is gone</source>
        <translation>laut Zustand gespeichert, aber die Datei fehlt</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>die Datei kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>expected sha256 %1, found %2</source>
        <translation>sha256 %1 erwartet, %2 gefunden</translation>
    </message>
    <message>
        <source>a good copy of a %1 version; it can be adopted</source>
        <translation>eine gute Kopie einer Version im Zustand „%1“; sie kann übernommen werden</translation>
    </message>
    <message>
        <source>its checksum does not match %1 %2; left alone</source>
        <translation>ihre Prüfsumme passt nicht zu %1 %2; nicht angetastet</translation>
    </message>
    <message>
        <source>no version in the mirror&apos;s state has this file name; left alone</source>
        <translation>keine Version im Spiegelzustand hat diesen Dateinamen; nicht angetastet</translation>
    </message>
    <message>
        <source>the upstream index file is gone; the next sync must fetch it in full</source>
        <translation>die Upstream-Indexdatei fehlt; die nächste Synchronisierung muss sie vollständig abrufen</translation>
    </message>
    <message>
        <source>served, but no version of it is stored</source>
        <translation>wird bereitgestellt, aber keine Version davon ist gespeichert</translation>
    </message>
    <message>
        <source>not served, but versions of it are stored</source>
        <translation>wird nicht bereitgestellt, aber Versionen davon sind gespeichert</translation>
    </message>
    <message>
        <source>does not match the stored versions</source>
        <translation>passt nicht zu den gespeicherten Versionen</translation>
    </message>
    <message>
        <source>served, but the mirror&apos;s state has no such crate</source>
        <translation>wird bereitgestellt, aber der Spiegelzustand kennt diese Crate nicht</translation>
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
    <message>
        <source>%1 (%2), %3</source>
        <comment>Done: N versions downloaded (size), M already stored</comment>
        <translation>%1 (%2), %3</translation>
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
    <name>Stowaway::PopularCrates</name>
    <message>
        <source>The upstream has no web API (no &quot;api&quot; in its config.json), so it cannot rank crates by downloads; name crates with --crate instead</source>
        <translation>Der Upstream hat keine Web-API (kein „api“ in seiner config.json), daher kann er Crates nicht nach Downloads ordnen; nennen Sie Crates stattdessen mit --crate</translation>
    </message>
    <message>
        <source>The upstream&apos;s API URL &quot;%1&quot; is not an http(s) URL, so it cannot rank crates by downloads; name crates with --crate instead</source>
        <translation>Die API-URL „%1“ des Upstreams ist keine http(s)-URL, daher kann er Crates nicht nach Downloads ordnen; nennen Sie Crates stattdessen mit --crate</translation>
    </message>
    <message>
        <source>the transfer stalled and timed out</source>
        <translation>die Übertragung hing und lief in eine Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Cannot reach the crates API at %1 (%2); check the network connection</source>
        <translation>Die Crates-API unter %1 ist nicht erreichbar (%2); prüfen Sie die Netzwerkverbindung</translation>
    </message>
    <message>
        <source>The crates API at %1 refused the request (HTTP 403). crates.io answers 403 to clients without a proper User-Agent; Stowaway sent &quot;%2&quot;. Set contact in mirror.toml to your e-mail address or URL and try again</source>
        <translation>Die Crates-API unter %1 hat die Anfrage abgelehnt (HTTP 403). crates.io antwortet Clients ohne ordentlichen User-Agent mit 403; Stowaway hat „%2“ gesendet. Setzen Sie contact in mirror.toml auf Ihre E-Mail-Adresse oder URL und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>The crates API at %1 refused the request (HTTP 403: %2). crates.io answers 403 to clients without a proper User-Agent; Stowaway sent &quot;%3&quot;. Set contact in mirror.toml to your e-mail address or URL and try again</source>
        <translation>Die Crates-API unter %1 hat die Anfrage abgelehnt (HTTP 403: %2). crates.io antwortet Clients ohne ordentlichen User-Agent mit 403; Stowaway hat „%3“ gesendet. Setzen Sie contact in mirror.toml auf Ihre E-Mail-Adresse oder URL und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>The crates API at %1 answered HTTP %2</source>
        <translation>Die Crates-API unter %1 antwortete mit HTTP %2</translation>
    </message>
    <message>
        <source>The crates API at %1 answered HTTP %2: %3</source>
        <translation>Die Crates-API unter %1 antwortete mit HTTP %2: %3</translation>
    </message>
    <message>
        <source>The crates API at %1 returned a page Stowaway cannot read: %2</source>
        <translation>Die Crates-API unter %1 lieferte eine Seite, die Stowaway nicht lesen kann: %2</translation>
    </message>
    <message>
        <source>not JSON (%1 at byte %2)</source>
        <translation>kein JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>no &quot;crates&quot; list</source>
        <translation>keine „crates“-Liste</translation>
    </message>
    <message>
        <source>a crate without a valid &quot;name&quot;</source>
        <translation>eine Crate ohne gültigen „name“</translation>
    </message>
    <message>
        <source>meta.next_page &quot;%1&quot; leads away from %2</source>
        <translation>meta.next_page „%1“ führt weg von %2</translation>
    </message>
    <message>
        <source>meta.next_page is neither a string nor null</source>
        <translation>meta.next_page ist weder eine Zeichenkette noch null</translation>
    </message>
</context>
<context>
    <name>Stowaway::ProgressRenderer</name>
    <message>
        <source>starting</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>selecting</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>resolving</source>
        <translation>Auflösen</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>fetching</source>
        <translation>Abruf</translation>
    </message>
    <message>
        <source>%1/%2 git objects</source>
        <translation>%1/%2 Git-Objekte</translation>
    </message>
    <message>
        <source>%1/%2 index files</source>
        <translation>%1/%2 Indexdateien</translation>
    </message>
    <message>
        <source>%1/%2 crates</source>
        <translation>%1/%2 Crates</translation>
    </message>
    <message>
        <source>(%1 failed)</source>
        <translation>(%1 fehlgeschlagen)</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>noch %1</translation>
    </message>
</context>
<context>
    <name>Stowaway::RegistryConfig</name>
    <message>
        <source>config.json is not valid JSON (%1 at byte %2)</source>
        <translation>config.json ist kein gültiges JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>config.json is not a JSON object</source>
        <translation>config.json ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>config.json has no &quot;dl&quot; download URL</source>
        <translation>config.json hat keine Download-URL „dl“</translation>
    </message>
    <message>
        <source>config.json: &quot;dl&quot; must be a non-empty string</source>
        <translation>config.json: „dl“ muss eine nicht leere Zeichenkette sein</translation>
    </message>
    <message>
        <source>config.json: &quot;api&quot; must be a string</source>
        <translation>config.json: „api“ muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>config.json: &quot;auth-required&quot; must be true or false</source>
        <translation>config.json: „auth-required“ muss true oder false sein</translation>
    </message>
</context>
<context>
    <name>Stowaway::SemverReq</name>
    <message>
        <source>a comparator has no version</source>
        <translation>ein Vergleich hat keine Version</translation>
    </message>
    <message>
        <source>empty pre-release in &apos;%1&apos;</source>
        <translation>leere Vorabversion in „%1“</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has more than three numbers</source>
        <translation>„%1“ hat mehr als drei Zahlen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; compares against a wildcard</source>
        <translation>„%1“ vergleicht mit einem Platzhalter</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a version</source>
        <translation>„%1“ ist keine Version</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: a number after a wildcard</source>
        <translation>„%1“: eine Zahl nach einem Platzhalter</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: a wildcard with a pre-release</source>
        <translation>„%1“: ein Platzhalter mit Vorabversion</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: a pre-release needs a full version</source>
        <translation>„%1“: eine Vorabversion braucht eine vollständige Version</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an invalid pre-release</source>
        <translation>„%1“ hat eine ungültige Vorabversion</translation>
    </message>
    <message>
        <source>the requirement is empty</source>
        <translation>die Versionsanforderung ist leer</translation>
    </message>
</context>
<context>
    <name>Stowaway::ServeCommand</name>
    <message>
        <source>Serves the mirror to cargo over HTTP/1.1 and h2c until stopped with Ctrl-C.
Point cargo at it with &apos;stowaway cargo-config enable&apos;.</source>
        <translation>Stellt cargo den Spiegel über HTTP/1.1 und h2c bereit, bis er mit Strg-C gestoppt wird.
Richten Sie cargo mit „stowaway cargo-config enable“ darauf.</translation>
    </message>
    <message>
        <source>Address and port to listen on (default: server.listen in mirror.toml, 127.0.0.1:27428).</source>
        <translation>Adresse und Port zum Lauschen (Standard: server.listen in mirror.toml, 127.0.0.1:27428).</translation>
    </message>
    <message>
        <source>Require cargo to send the token held in environment variable NAME (LAN sharing; config.json then says auth-required).</source>
        <translation>Von cargo das Token aus der Umgebungsvariable NAME verlangen (LAN-Freigabe; config.json enthält dann auth-required).</translation>
    </message>
    <message>
        <source>serve takes no arguments</source>
        <translation>serve nimmt keine Argumente an</translation>
    </message>
    <message>
        <source>--token-env: environment variable %1 must hold the token, 16 to 256 visible ASCII characters</source>
        <translation>--token-env: Die Umgebungsvariable %1 muss das Token enthalten, 16 bis 256 sichtbare ASCII-Zeichen</translation>
    </message>
    <message>
        <source>Serving %1 (%2 crates, %3 versions) on %4</source>
        <translation>%1 wird unter %4 bereitgestellt (%2 Crates, %3 Versionen)</translation>
    </message>
    <message>
        <source>Requests must carry the token from $%1 (auth-required).</source>
        <translation>Anfragen müssen das Token aus $%1 mitsenden (auth-required).</translation>
    </message>
    <message>
        <source>Point cargo at it: stowaway cargo-config enable --url %1</source>
        <translation>cargo darauf richten: stowaway cargo-config enable --url %1</translation>
    </message>
    <message>
        <source>Stop with Ctrl-C.</source>
        <translation>Mit Strg-C beenden.</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>wird beendet</translation>
    </message>
    <message>
        <source>serve the mirror to cargo over HTTP</source>
        <translation>den Spiegel für cargo über HTTP bereitstellen</translation>
    </message>
</context>
<context>
    <name>Stowaway::ServedIndexWriter</name>
    <message>
        <source>cannot remove %1: %2 — check the folder&apos;s permissions and run again</source>
        <translation>%1 kann nicht entfernt werden: %2 — prüfen Sie die Berechtigungen des Ordners und starten Sie erneut</translation>
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
    <message>
        <source>Only for an upstream behind a private certificate authority</source>
        <translation>Nur für einen Upstream hinter einer privaten Zertifizierungsstelle</translation>
    </message>
    <message>
        <source>A PEM file with the certificate authorities that signed the upstream&apos;s HTTPS certificate; the system&apos;s stay trusted too</source>
        <translation>Eine PEM-Datei mit den Zertifizierungsstellen, die das HTTPS-Zertifikat des Upstreams signiert haben; die des Systems bleiben ebenfalls vertrauenswürdig</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>CA certificates:</source>
        <translation>CA-Zertifikate:</translation>
    </message>
    <message>
        <source>Choose the upstream&apos;s CA certificates</source>
        <translation>CA-Zertifikate des Upstreams auswählen</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>From the environment (https_proxy, no_proxy)</source>
        <translation>Aus der Umgebung (https_proxy, no_proxy)</translation>
    </message>
    <message>
        <source>The proxy syncs go through: http://host:port, http://user:password@host:port or socks5://host:port; none to go direct. Hosts in no_proxy are always reached direct.</source>
        <translation>Der Proxy für Synchronisationen: http://host:port, http://benutzer:passwort@host:port oder socks5://host:port; none für direkte Verbindungen. Hosts in no_proxy werden immer direkt erreicht.</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>Proxy:</translation>
    </message>
</context>
<context>
    <name>Stowaway::StatusCommand</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 crate(s)</source>
        <translation>
            <numerusform>%1 Crate</numerusform>
            <numerusform>%1 Crates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 version(s)</source>
        <translation>
            <numerusform>%1 Version</numerusform>
            <numerusform>%1 Versionen</numerusform>
        </translation>
    </message>
    <message>
        <source>upstream: %1</source>
        <translation>Upstream: %1</translation>
    </message>
    <message>
        <source>last sync: %1</source>
        <translation>letzte Synchronisierung: %1</translation>
    </message>
    <message>
        <source>full mirror (estimate): %1 for %2 at the mean stored size</source>
        <translation>vollständiger Spiegel (Schätzung): %1 für %2 bei der mittleren gespeicherten Größe</translation>
    </message>
    <message numerus="yes">
        <source>%1 known version(s)</source>
        <translation>
            <numerusform>%1 bekannte Version</numerusform>
            <numerusform>%1 bekannte Versionen</numerusform>
        </translation>
    </message>
    <message>
        <source>removed upstream, kept here: %1</source>
        <translation>im Upstream entfernt, hier behalten: %1</translation>
    </message>
    <message>
        <source>Shows what the mirror holds: crates, versions and bytes stored, the upstream index and the last sync.</source>
        <translation>Zeigt, was der Spiegel enthält: gespeicherte Crates, Versionen und Bytes, den Upstream-Index und die letzte Synchronisierung.</translation>
    </message>
    <message>
        <source>Print one line of JSON.</source>
        <translation>Eine Zeile JSON ausgeben.</translation>
    </message>
    <message>
        <source>status takes no arguments</source>
        <translation>status nimmt keine Argumente an</translation>
    </message>
    <message>
        <source>show what the mirror holds</source>
        <translation>zeigen, was der Spiegel enthält</translation>
    </message>
    <message>
        <source>proxy: %1</source>
        <translation>Proxy: %1</translation>
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
    <name>Stowaway::SyncCommand</name>
    <message>
        <source>Problems in the dependency graph (%1):</source>
        <translation>Probleme im Abhängigkeitsgraphen (%1):</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (--json lists all)</source>
        <translation>
            <numerusform>… und %n weiteres (--json listet alle auf)</numerusform>
            <numerusform>… und %n weitere (--json listet alle auf)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not stored (%1):</source>
        <translation>Nicht gespeichert (%1):</translation>
    </message>
    <message>
        <source>Fills the mirror with the selected crates and every crate they depend on.
Selection flags add to the mirror&apos;s saved selection; without them, sync brings the saved selection up to date.</source>
        <translation>Füllt den Spiegel mit den ausgewählten Crates und jeder Crate, von der sie abhängen.
Auswahloptionen ergänzen die gespeicherte Auswahl des Spiegels; ohne sie bringt sync die gespeicherte Auswahl auf den neuesten Stand.</translation>
    </message>
    <message>
        <source>Index to mirror (saved in mirror.toml; default sparse+https://index.crates.io/): a sparse index, or a git index such as https://github.com/rust-lang/crates.io-index, a .git URL or a local path.</source>
        <translation>Zu spiegelnder Index (in mirror.toml gespeichert; Standard sparse+https://index.crates.io/): ein Sparse-Index oder ein Git-Index wie https://github.com/rust-lang/crates.io-index, eine .git-URL oder ein lokaler Pfad.</translation>
    </message>
    <message>
        <source>Add the N most downloaded crates.</source>
        <translation>Die N am häufigsten heruntergeladenen Crates hinzufügen.</translation>
    </message>
    <message>
        <source>Add a crate, optionally with a requirement in cargo&apos;s syntax: serde, tokio@1, rand@&quot;&gt;=0.7, &lt;0.9&quot;.</source>
        <translation>Eine Crate hinzufügen, optional mit einer Versionsanforderung in der Syntax von cargo: serde, tokio@1, rand@&quot;&gt;=0.7, &lt;0.9&quot;.</translation>
    </message>
    <message>
        <source>Add every registry package of a Cargo.lock, exact versions.</source>
        <translation>Jedes Registry-Paket einer Cargo.lock in genau dieser Version hinzufügen.</translation>
    </message>
    <message>
        <source>Versions kept of each selected crate: newest, lines:K (the newest of the K newest compatible lines) or all.</source>
        <translation>Behaltene Versionen jeder ausgewählten Crate: newest, lines:K (die neueste der K neuesten kompatiblen Linien) oder all.</translation>
    </message>
    <message>
        <source>Only mirror platform-specific dependencies for this target triple (repeatable; default: every platform).</source>
        <translation>Plattformspezifische Abhängigkeiten nur für dieses Ziel-Triple spiegeln (wiederholbar; Standard: jede Plattform).</translation>
    </message>
    <message>
        <source>Also mirror dev-dependencies.</source>
        <translation>Auch dev-dependencies spiegeln.</translation>
    </message>
    <message>
        <source>Mirror every version of every crate (git index upstreams; remembered, later syncs fetch only what changed).</source>
        <translation>Jede Version jeder Crate spiegeln (Git-Index als Upstream; wird gespeichert, spätere Synchronisierungen holen nur Änderungen).</translation>
    </message>
    <message>
        <source>A private upstream&apos;s token is in environment variable NAME; it is sent to the index&apos;s host only.</source>
        <translation>Das Token eines privaten Upstreams steht in der Umgebungsvariable NAME; es wird nur an den Host des Index gesendet.</translation>
    </message>
    <message>
        <source>Downloads at once (default 16).</source>
        <translation>Gleichzeitige Downloads (Standard 16).</translation>
    </message>
    <message>
        <source>Show the plan; download and change nothing.</source>
        <translation>Den Plan zeigen; nichts herunterladen und nichts ändern.</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>Das Ergebnis als JSON ausgeben.</translation>
    </message>
    <message>
        <source>No progress output.</source>
        <translation>Keine Fortschrittsausgabe.</translation>
    </message>
    <message>
        <source>sync takes no arguments; name crates with --crate NAME</source>
        <translation>sync nimmt keine Argumente an; nennen Sie Crates mit --crate NAME</translation>
    </message>
    <message>
        <source>--token-env: environment variable %1 is empty or not set</source>
        <translation>--token-env: Die Umgebungsvariable %1 ist leer oder nicht gesetzt</translation>
    </message>
    <message>
        <source>--jobs must be from 1 to 256</source>
        <translation>--jobs muss zwischen 1 und 256 liegen</translation>
    </message>
    <message>
        <source>--popular must be from 1 to 100000</source>
        <translation>--popular muss zwischen 1 und 100000 liegen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a crate name</source>
        <translation>„%1“ ist kein Crate-Name</translation>
    </message>
    <message>
        <source>--crate %1: %2</source>
        <translation>--crate %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n package(s) come from other registries and are not mirrored</source>
        <translation>
            <numerusform>%1: %n Paket stammt aus anderen Registrys und wird nicht gespiegelt</numerusform>
            <numerusform>%1: %n Pakete stammen aus anderen Registrys und werden nicht gespiegelt</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing to sync yet: add crates with --crate NAME, --popular N or --lockfile Cargo.lock</source>
        <translation>noch nichts zu synchronisieren: fügen Sie Crates mit --crate NAME, --popular N oder --lockfile Cargo.lock hinzu</translation>
    </message>
    <message>
        <source>Plan: %1 versions of %2 crates; %3 already stored (%4), %5 to download (sizes are known once downloaded).</source>
        <translation>Plan: %1 Versionen von %2 Crates; %3 bereits gespeichert (%4), %5 herunterzuladen (Größen sind erst nach dem Download bekannt).</translation>
    </message>
    <message>
        <source>(yanked)</source>
        <translation>(zurückgezogen)</translation>
    </message>
    <message>
        <source>Synced the whole index: %1 versions downloaded (%2), %3 found in place; index files: %4 read; %5 s.</source>
        <translation>Den ganzen Index synchronisiert: %1 Versionen heruntergeladen (%2), %3 bereits vorhanden; Indexdateien: %4 gelesen; %5 s.</translation>
    </message>
    <message>
        <source>Synced %1 crates: %2 versions downloaded (%3), %4 already stored; index files: %5 fetched, %6 unchanged; %7 s.</source>
        <translation>%1 Crates synchronisiert: %2 Versionen heruntergeladen (%3), %4 bereits gespeichert; Indexdateien: %5 abgerufen, %6 unverändert; %7 s.</translation>
    </message>
    <message numerus="yes">
        <source>%n index line(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n Indexzeile konnte nicht gelesen werden und wurde übersprungen.</numerusform>
            <numerusform>%n Indexzeilen konnten nicht gelesen werden und wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Git index at %1 (compared in full with what is stored).</source>
        <translation>Git-Index bei %1 (vollständig mit dem Gespeicherten verglichen).</translation>
    </message>
    <message>
        <source>Git index at %1.</source>
        <translation>Git-Index bei %1.</translation>
    </message>
    <message>
        <source>Removed upstream, kept in the mirror (%1): %2</source>
        <translation>Im Upstream entfernt, im Spiegel behalten (%1): %2</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>fetch the selected crates and everything they depend on</source>
        <translation>die ausgewählten Crates und alles, wovon sie abhängen, abrufen</translation>
    </message>
    <message>
        <source>Also trust the certificate authorities in this PEM file, for an upstream behind a private CA (saved in mirror.toml).</source>
        <translation>Zusätzlich den Zertifizierungsstellen in dieser PEM-Datei vertrauen, für einen Upstream hinter einer privaten CA (wird in mirror.toml gespeichert).</translation>
    </message>
    <message>
        <source>Send upstream requests through this proxy: http://host:port, http://user:password@host:port or socks5://host:port; none to go direct; env to follow https_proxy, http_proxy, all_proxy and no_proxy again (the default). Saved in mirror.toml.</source>
        <translation>Anfragen an den Upstream über diesen Proxy senden: http://host:port, http://benutzer:passwort@host:port oder socks5://host:port; none für direkt; env, um wieder https_proxy, http_proxy, all_proxy und no_proxy zu folgen (Vorgabe). Wird in mirror.toml gespeichert.</translation>
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
    <name>Stowaway::SyncLock</name>
    <message>
        <source>another sync (pid %1) is running on this mirror; wait for it to finish or stop it, then try again</source>
        <translation>auf diesem Spiegel läuft bereits eine andere Synchronisierung (PID %1); warten Sie, bis sie fertig ist, oder beenden Sie sie und versuchen Sie es dann erneut</translation>
    </message>
    <message>
        <source>another sync is running on this mirror; wait for it to finish or stop it, then try again</source>
        <translation>auf diesem Spiegel läuft bereits eine andere Synchronisierung; warten Sie, bis sie fertig ist, oder beenden Sie sie und versuchen Sie es dann erneut</translation>
    </message>
    <message>
        <source>cannot create %1; check that the mirror folder is writable</source>
        <translation>%1 kann nicht angelegt werden; prüfen Sie, ob der Spiegelordner beschreibbar ist</translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncRequestBuilder</name>
    <message>
        <source>--all needs a git index upstream, which lists every crate: add --upstream https://github.com/rust-lang/crates.io-index</source>
        <translation>--all braucht einen Git-Index als Upstream, der jede Crate auflistet: fügen Sie --upstream https://github.com/rust-lang/crates.io-index hinzu</translation>
    </message>
    <message>
        <source>unknown target triple %1; `rustc --print target-list` lists them</source>
        <translation>unbekanntes Ziel-Triple %1; `rustc --print target-list` listet sie auf</translation>
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
    <name>Stowaway::TlsTrust</name>
    <message>
        <source>cannot read the CA certificates %1: %2 — give the path of a PEM file</source>
        <translation>die CA-Zertifikate %1 können nicht gelesen werden: %2 — geben Sie den Pfad einer PEM-Datei an</translation>
    </message>
    <message>
        <source>%1 holds no certificate — give a PEM file with the upstream&apos;s CA certificate (BEGIN CERTIFICATE)</source>
        <translation>%1 enthält kein Zertifikat — geben Sie eine PEM-Datei mit dem CA-Zertifikat des Upstreams an (BEGIN CERTIFICATE)</translation>
    </message>
    <message>
        <source>the certificate &quot;%1&quot; in %2 expired on %3 — get a current one from the upstream&apos;s administrator</source>
        <translation>das Zertifikat „%1“ in %2 ist am %3 abgelaufen — holen Sie ein aktuelles beim Administrator des Upstreams</translation>
    </message>
    <message>
        <source>if the upstream uses a private certificate authority, give its certificate with --cainfo FILE (kept as cainfo in mirror.toml)</source>
        <translation>wenn der Upstream eine private Zertifizierungsstelle verwendet, geben Sie deren Zertifikat mit --cainfo DATEI an (wird als cainfo in mirror.toml gespeichert)</translation>
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
    <message>
        <source>%1, %2</source>
        <comment>N versions downloaded, size</comment>
        <translation>%1, %2</translation>
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
    <name>Stowaway::UpstreamProxy</name>
    <message>
        <source>the proxy setting</source>
        <translation>die Proxy-Einstellung</translation>
    </message>
    <message>
        <source>%1 is %2, a proxy spoken to over TLS, which Stowaway cannot use; give the proxy&apos;s http:// address instead (requests to https upstreams stay encrypted through it).</source>
        <translation>%1 ist %2, ein Proxy, der über TLS angesprochen wird; das kann Stowaway nicht. Geben Sie stattdessen die http://-Adresse des Proxys an (Anfragen an https-Upstreams bleiben durch ihn verschlüsselt).</translation>
    </message>
    <message>
        <source>%1 is %2, whose scheme %3 is not a proxy Stowaway knows; write it as http://host:port or socks5://host:port.</source>
        <translation>%1 ist %2; das Schema %3 ist kein Proxy, den Stowaway kennt. Schreiben Sie http://host:port oder socks5://host:port.</translation>
    </message>
    <message>
        <source>%1 is %2, which is not a proxy URL; write it as http://host:port (or http://user:password@host:port), or set it to none to go direct.</source>
        <translation>%1 ist %2, keine Proxy-URL. Schreiben Sie http://host:port (oder http://benutzer:passwort@host:port) oder setzen Sie none für direkte Verbindungen.</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1 (aus %2)</translation>
    </message>
</context>
<context>
    <name>Stowaway::UpstreamUrl</name>
    <message>
        <source>The upstream URL is empty; use a sparse index URL such as %1</source>
        <translation>Die Upstream-URL ist leer; verwenden Sie eine Sparse-Index-URL wie %1</translation>
    </message>
    <message>
        <source>%1 looks like a git index: give sync --upstream the git URL itself (no registry+ prefix, ending in .git), or use the sparse index %2</source>
        <translation>%1 sieht nach einem Git-Index aus: Geben Sie sync --upstream die Git-URL selbst (ohne registry+-Präfix, mit .git am Ende) oder verwenden Sie den Sparse-Index %2</translation>
    </message>
    <message>
        <source>%1 lacks the sparse+ prefix cargo uses for sparse indexes: write %2</source>
        <translation>%1 fehlt das Präfix sparse+, das cargo für Sparse-Indizes verwendet: schreiben Sie %2</translation>
    </message>
    <message>
        <source>%1 is not a sparse index URL; write it like %2</source>
        <translation>%1 ist keine Sparse-Index-URL; schreiben Sie sie wie %2</translation>
    </message>
    <message>
        <source>%1 is not a valid sparse index URL; write it like %2</source>
        <translation>%1 ist keine gültige Sparse-Index-URL; schreiben Sie sie wie %2</translation>
    </message>
    <message>
        <source>%1 must not carry a query, a fragment or a user name; write it like %2</source>
        <translation>%1 darf keine Abfrage, kein Fragment und keinen Benutzernamen enthalten; schreiben Sie sie wie %2</translation>
    </message>
    <message>
        <source>sparse registry URLs must end in a slash `/`, as cargo requires: use %1/</source>
        <translation>Sparse-Registry-URLs müssen auf einen Schrägstrich `/` enden, wie cargo es verlangt: verwenden Sie %1/</translation>
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
<context>
    <name>Stowaway::VerifyCommand</name>
    <message>
        <source>Checked %1 stored versions: %2 ok, %3 missing, %4 corrupt.
Stray files: %5 left alone, %6 adoptable. Served index files out of date: %7. Upstream index files missing: %8.
</source>
        <translation>%1 gespeicherte Versionen geprüft: %2 in Ordnung, %3 fehlen, %4 beschädigt.
Überzählige Dateien: %5 nicht angetastet, %6 übernehmbar. Veraltete bereitgestellte Indexdateien: %7. Fehlende Upstream-Indexdateien: %8.
</translation>
    </message>
    <message>
        <source>%1: %2 — %3</source>
        <translation>%1: %2 — %3</translation>
    </message>
    <message>
        <source>%1: %2 (%3) — %4</source>
        <translation>%1: %2 (%3) — %4</translation>
    </message>
    <message>
        <source>%1 [repaired]</source>
        <translation>%1 [repariert]</translation>
    </message>
    <message>
        <source>…and %1 more (--json lists them all)</source>
        <translation>…und %1 weitere (--json listet sie alle auf)</translation>
    </message>
    <message>
        <source>Verify could not finish: %1</source>
        <translation>Die Prüfung konnte nicht abgeschlossen werden: %1</translation>
    </message>
    <message>
        <source>The mirror is consistent.</source>
        <translation>Der Spiegel ist konsistent.</translation>
    </message>
    <message>
        <source>Repaired; the mirror is consistent.</source>
        <translation>Repariert; der Spiegel ist konsistent.</translation>
    </message>
    <message>
        <source>Run &apos;stowaway verify --repair&apos; to fix what can be fixed.</source>
        <translation>Führen Sie „stowaway verify --repair“ aus, um zu reparieren, was sich reparieren lässt.</translation>
    </message>
    <message>
        <source>Stray files were left alone: move or delete them yourself.</source>
        <translation>Überzählige Dateien wurden nicht angetastet: Verschieben oder löschen Sie sie selbst.</translation>
    </message>
    <message numerus="yes">
        <source>%1 version(s) must be downloaded again: run &apos;stowaway sync&apos;.</source>
        <translation>
            <numerusform>%1 Version muss erneut heruntergeladen werden: führen Sie „stowaway sync“ aus.</numerusform>
            <numerusform>%1 Versionen müssen erneut heruntergeladen werden: führen Sie „stowaway sync“ aus.</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-hashes every stored .crate file against its checksum and checks that the state, the files and the served index agree.</source>
        <translation>Prüft die Hashes aller gespeicherten .crate-Dateien gegen ihre Prüfsummen und prüft, ob Zustand, Dateien und bereitgestellter Index übereinstimmen.</translation>
    </message>
    <message>
        <source>Fix what can be fixed: forget missing files, move damaged ones to quarantine/, adopt good stray files, rewrite the served index.</source>
        <translation>Reparieren, was sich reparieren lässt: fehlende Dateien vergessen, beschädigte nach quarantine/ verschieben, gute überzählige Dateien übernehmen, den bereitgestellten Index neu schreiben.</translation>
    </message>
    <message>
        <source>Print the report as JSON.</source>
        <translation>Den Bericht als JSON ausgeben.</translation>
    </message>
    <message>
        <source>verify takes no arguments</source>
        <translation>verify nimmt keine Argumente an</translation>
    </message>
    <message>
        <source>hashed %1 of %2 files</source>
        <translation>%1 von %2 Dateien geprüft</translation>
    </message>
    <message>
        <source>check every stored file against its checksum</source>
        <translation>jede gespeicherte Datei gegen ihre Prüfsumme prüfen</translation>
    </message>
</context>
</TS>
