<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>LockFileImport</name>
    <message numerus="yes">
        <source>Added %n crate version(s) from %1 to the selection; the next sync fetches them.</source>
        <translation>
            <numerusform>Added %n crate version from %1 to the selection; the next sync fetches it.</numerusform>
            <numerusform>Added %n crate versions from %1 to the selection; the next sync fetches them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::ClosureResolver</name>
    <message numerus="yes">
        <source>%1 is not available upstream (%2); needed by %3 and %n more</source>
        <translation>
            <numerusform>%1 is not available upstream (%2); needed by %3 and %n more</numerusform>
            <numerusform>%1 is not available upstream (%2); needed by %3 and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::CrateTransfer</name>
    <message numerus="yes">
        <source>%1 after %n attempt(s)</source>
        <translation>
            <numerusform>%1 after %n attempt</numerusform>
            <numerusform>%1 after %n attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::CratesPage</name>
    <message numerus="yes">
        <source>Add the %n most popular</source>
        <translation>
            <numerusform>Add the most popular one</numerusform>
            <numerusform>Add the %n most popular</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::DiskUsagePage</name>
    <message numerus="yes">
        <source>%1: %2 in %n version(s)</source>
        <translation>
            <numerusform>%1: %2 in %n version</numerusform>
            <numerusform>%1: %2 in %n versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other crate(s)</source>
        <translation>
            <numerusform>%n other crate</numerusform>
            <numerusform>%n other crates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other crate(s): %1</source>
        <translation>
            <numerusform>%n other crate: %1</numerusform>
            <numerusform>%n other crates: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The next sync would download %Ln version(s), about %1.</source>
        <translation>
            <numerusform>The next sync would download %Ln version, about %1.</numerusform>
            <numerusform>The next sync would download %Ln versions, about %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::IndexClient</name>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorSummaryWidget</name>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::MissedCratesPanel</name>
    <message numerus="yes">
        <source>Cargo asked for %n crate(s) the mirror lacks.</source>
        <translation>
            <numerusform>Cargo asked for %n crate the mirror lacks.</numerusform>
            <numerusform>Cargo asked for %n crates the mirror lacks.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::OverviewPage</name>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>%n second left</numerusform>
            <numerusform>%n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) left</source>
        <translation>
            <numerusform>%n minute left</numerusform>
            <numerusform>%n minutes left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) left</source>
        <translation>
            <numerusform>%n hour left</numerusform>
            <numerusform>%n hours left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %Ln version(s) downloaded</source>
        <translation>
            <numerusform>Done: %Ln version downloaded</numerusform>
            <numerusform>Done: %Ln versions downloaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already stored</source>
        <translation>
            <numerusform>%Ln already stored</numerusform>
            <numerusform>%Ln already stored</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::PlatformList</name>
    <message numerus="yes">
        <source>Dependencies for %n checked target(s) are mirrored.</source>
        <translation>
            <numerusform>Dependencies for %n checked target are mirrored.</numerusform>
            <numerusform>Dependencies for %n checked targets are mirrored.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::StatusCommand</name>
    <message numerus="yes">
        <source>%1 crate(s)</source>
        <translation>
            <numerusform>%1 crate</numerusform>
            <numerusform>%1 crates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 version(s)</source>
        <translation>
            <numerusform>%1 version</numerusform>
            <numerusform>%1 versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 known version(s)</source>
        <translation>
            <numerusform>%1 known version</numerusform>
            <numerusform>%1 known versions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncCommand</name>
    <message numerus="yes">
        <source>… and %n more (--json lists all)</source>
        <translation>
            <numerusform>… and %n more (--json lists all)</numerusform>
            <numerusform>… and %n more (--json lists all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n package(s) come from other registries and are not mirrored</source>
        <translation>
            <numerusform>%1: %n package comes from another registry and is not mirrored</numerusform>
            <numerusform>%1: %n packages come from other registries and are not mirrored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n index line(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n index line could not be read and was skipped.</numerusform>
            <numerusform>%n index lines could not be read and were skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncEngine</name>
    <message numerus="yes">
        <source>%n crate(s) could not be stored; run sync again to retry them.</source>
        <translation>
            <numerusform>%n crate could not be stored; run sync again to retry it.</numerusform>
            <numerusform>%n crates could not be stored; run sync again to retry them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::TrayController</name>
    <message numerus="yes">
        <source>%Ln version(s) downloaded</source>
        <translation>
            <numerusform>%Ln version downloaded</numerusform>
            <numerusform>%Ln versions downloaded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::VerifyCommand</name>
    <message numerus="yes">
        <source>%1 version(s) must be downloaded again: run &apos;stowaway sync&apos;.</source>
        <translation>
            <numerusform>%1 version must be downloaded again: run &apos;stowaway sync&apos;.</numerusform>
            <numerusform>%1 versions must be downloaded again: run &apos;stowaway sync&apos;.</numerusform>
        </translation>
    </message>
</context>
</TS>
