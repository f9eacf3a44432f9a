<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Autostart</name>
    <message>
        <source>Keeps the crates.io mirror served to cargo, from the tray</source>
        <translation>从系统托盘为 cargo 提供 crates.io 镜像</translation>
    </message>
    <message>
        <source>An administrator set %1 to start at login for every user in %2; to change it, ask them or use your desktop&apos;s startup applications settings.</source>
        <translation>管理员已在 %2 中为所有用户设置 %1 登录时启动；如需更改，请联系管理员，或使用桌面环境的“启动应用程序”设置。</translation>
    </message>
    <message>
        <source>Needs the Background portal: %1 runs in Flatpak</source>
        <translation>需要 Background 门户：%1 运行在 Flatpak 中</translation>
    </message>
    <message>
        <source>Set by an administrator in %1</source>
        <translation>由管理员在 %1 中设置</translation>
    </message>
    <message>
        <source>Cannot read %1, so start at login was left as it is; check that it is a readable file and try again.</source>
        <translation>无法读取 %1，因此登录时启动的设置保持不变；请检查它是否为可读文件，然后重试。</translation>
    </message>
    <message>
        <source>%1 already starts %2 at login, not this copy of %3 (%4); it was left alone. Remove that file or turn it off in your desktop&apos;s startup applications settings, then try again.</source>
        <translation>%1 已在登录时启动 %2，但不是 %3 的这个副本（%4）；该项未作改动。请删除该文件，或在桌面环境的“启动应用程序”设置中将其关闭，然后重试。</translation>
    </message>
    <message>
        <source>Could not turn off start at login: %1</source>
        <translation>无法关闭登录时启动：%1</translation>
    </message>
    <message>
        <source>%1 runs in Flatpak, where starting at login needs the Background portal, which this version does not use yet; add %1 in your desktop&apos;s startup applications settings instead.</source>
        <translation>%1 运行在 Flatpak 中，在那里登录时启动需要 Background 门户，而此版本尚未使用它；请改为在桌面环境的“启动应用程序”设置中添加 %1。</translation>
    </message>
    <message>
        <source>Could not turn on start at login: %1</source>
        <translation>无法开启登录时启动：%1</translation>
    </message>
    <message>
        <source>An administrator set %1 to start at login for every user in %2; ask them to change it.</source>
        <translation>管理员已在 %2 中为所有用户设置 %1 登录时启动；如需更改，请联系管理员。</translation>
    </message>
    <message>
        <source>Cannot read %1, so start at login was left as it is; check that it is a valid property list and try again.</source>
        <translation>无法读取 %1，因此登录时启动的设置保持不变；请检查它是否为有效的属性列表（plist），然后重试。</translation>
    </message>
    <message>
        <source>%1 already starts %2 at login, not this copy of %3 (%4); it was left alone. Remove that file, then try again.</source>
        <translation>%1 已在登录时启动 %2，但不是 %3 的这个副本（%4）；该项未作改动。请删除该文件，然后重试。</translation>
    </message>
    <message>
        <source>The value &quot;%1&quot; in %2 already starts %3 at login, not this copy of %4 (%5); it was left alone. Remove it in Task Manager&apos;s Startup apps or the Registry Editor, then try again.</source>
        <translation>%2 中的值“%1”已在登录时启动 %3，但不是 %4 的这个副本（%5）；该值未作改动。请在任务管理器的“启动应用”或注册表编辑器中将其删除，然后重试。</translation>
    </message>
    <message>
        <source>Could not change &quot;%1&quot; in %2: the write was refused. Check that your account may change its own startup apps, then try again.</source>
        <translation>无法更改 %2 中的“%1”：写入被拒绝。请检查您的帐户是否有权更改自己的启动应用，然后重试。</translation>
    </message>
</context>
<context>
    <name>CargoTeammateConfig</name>
    <message>
        <source>Add to ~/.cargo/config.toml (%USERPROFILE%\.cargo on Windows):</source>
        <translation>添加到 ~/.cargo/config.toml（Windows 上为 %USERPROFILE%\.cargo）：</translation>
    </message>
    <message>
        <source>Add to ~/.cargo/credentials.toml (or set %1):</source>
        <translation>添加到 ~/.cargo/credentials.toml（或设置 %1）：</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
</context>
<context>
    <name>LockFileImport</name>
    <message>
        <source>%1 was not imported: %2. Pick the Cargo.lock file in a project&apos;s folder (next to Cargo.toml); `cargo generate-lockfile` writes one.</source>
        <translation>未导入 %1：%2。请选择项目文件夹中的 Cargo.lock 文件（与 Cargo.toml 同级）；`cargo generate-lockfile` 可以生成一个。</translation>
    </message>
    <message>
        <source>%1 uses no crates from crates.io, so there is nothing to add.</source>
        <translation>%1 未使用 crates.io 上的任何 crate，因此没有可添加的内容。</translation>
    </message>
    <message numerus="yes">
        <source>Added %n crate version(s) from %1 to the selection; the next sync fetches them.</source>
        <translation>
            <numerusform>已将 %1 中的 %n 个 crate 版本添加到选择列表；下次同步时会下载它们。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MirrorConfig</name>
    <message>
        <source>%1 must be a table, written [%1]</source>
        <translation>%1 必须是表，写作 [%1]</translation>
    </message>
</context>
<context>
    <name>MirrorMover</name>
    <message>
        <source>The mirror folder %1 does not exist.</source>
        <translation>镜像文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is inside the mirror folder or contains it: choose a folder elsewhere.</source>
        <translation>%1 位于镜像文件夹内或包含镜像文件夹：请选择其他位置的文件夹。</translation>
    </message>
    <message>
        <source>%1 is a file: choose an empty folder.</source>
        <translation>%1 是一个文件：请选择一个空文件夹。</translation>
    </message>
    <message>
        <source>%1 is not empty: choose an empty folder, or a new one.</source>
        <translation>%1 不是空的：请选择一个空文件夹或新建一个文件夹。</translation>
    </message>
    <message>
        <source>Not enough free space for the mirror in %1: it needs %2, the volume has %3 free. Free some space or choose another volume.</source>
        <translation>%1 中没有足够的空间存放镜像：需要 %2，该卷只有 %3 可用。请释放一些空间或选择其他卷。</translation>
    </message>
    <message>
        <source>Cannot write to %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create %1 in %2.</source>
        <translation>无法在 %2 中创建 %1。</translation>
    </message>
    <message>
        <source>Cannot make the copy durable: %1</source>
        <translation>无法将副本可靠地写入磁盘：%1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create a folder in %1.</source>
        <translation>无法在 %1 中创建文件夹。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The move was cancelled; the mirror stays in %1.</source>
        <translation>移动已取消；镜像仍在 %1。</translation>
    </message>
    <message>
        <source>Copying %1 failed: %2</source>
        <translation>复制 %1 失败：%2</translation>
    </message>
    <message>
        <source>The copy of %1 differs from the original; the mirror stays in %2. Check the target drive and try again.</source>
        <translation>%1 的副本与原件不一致；镜像仍在 %2。请检查目标驱动器，然后重试。</translation>
    </message>
    <message>
        <source>The mirror now lives in %1, but the old folder %2 could not be removed completely; delete it by hand.</source>
        <translation>镜像现已位于 %1，但旧文件夹 %2 未能完全删除；请手动删除它。</translation>
    </message>
</context>
<context>
    <name>Stowaway::AccessLog</name>
    <message>
        <source>Cannot create the log folder %1. Check that the mirror folder is writable or choose another with --mirror.</source>
        <translation>无法创建日志文件夹 %1。请检查镜像文件夹是否可写，或用 --mirror 选择其他文件夹。</translation>
    </message>
    <message>
        <source>Cannot open the access log %1: %2. Check its permissions.</source>
        <translation>无法打开访问日志 %1：%2。请检查其权限。</translation>
    </message>
</context>
<context>
    <name>Stowaway::AtomicFile</name>
    <message>
        <source>%1: the disk is full: free space on %2 and run again</source>
        <translation>%1：磁盘已满：请释放 %2 上的空间后重新运行</translation>
    </message>
    <message>
        <source>%1: permission denied — make the folder writable for this user, or pass --mirror DIR</source>
        <translation>%1：权限被拒绝 — 请让当前用户可写该文件夹，或使用 --mirror DIR 指定其他文件夹</translation>
    </message>
    <message>
        <source>%1: the volume is read-only — pass --mirror DIR with a writable folder</source>
        <translation>%1：该卷为只读 — 请用 --mirror DIR 指定一个可写的文件夹</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>cannot sync the folder %1</source>
        <translation>无法将文件夹 %1 同步到磁盘</translation>
    </message>
    <message>
        <source>cannot create a temp file in %1</source>
        <translation>无法在 %1 中创建临时文件</translation>
    </message>
    <message>
        <source>cannot create a temp file in %1: every name tried exists</source>
        <translation>无法在 %1 中创建临时文件：尝试过的所有文件名均已存在</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>cannot sync %1</source>
        <translation>无法将 %1 同步到磁盘</translation>
    </message>
    <message>
        <source>cannot move %1 to %2</source>
        <translation>无法将 %1 移动到 %2</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>无法删除 %1</translation>
    </message>
    <message>
        <source>cannot create the folder %1: a file of that name is in the way — move it away and run again</source>
        <translation>无法创建文件夹 %1：已有同名文件占用该位置 — 请将其移走后重新运行</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>cannot sync the volume of %1</source>
        <translation>无法同步 %1 所在的卷</translation>
    </message>
</context>
<context>
    <name>Stowaway::CargoConfigCommand</name>
    <message>
        <source>Points cargo&apos;s crates-io at the Stowaway mirror in $CARGO_HOME/config.toml (or `config`, which cargo prefers when both exist), undoes that byte for byte, or shows what cargo uses now. A backup (&lt;file&gt;.stowaway-bak-&lt;UTC time&gt;) is kept before each change.</source>
        <translation>将 $CARGO_HOME/config.toml（或 `config`，两者同时存在时 cargo 优先使用它）中 cargo 的 crates-io 指向 Stowaway 镜像、逐字节撤销该更改，或显示 cargo 当前使用的源。每次更改前都会保留一份备份（&lt;文件&gt;.stowaway-bak-&lt;UTC 时间&gt;）。</translation>
    </message>
    <message>
        <source>Cargo&apos;s home folder (default: $CARGO_HOME, else ~/.cargo).</source>
        <translation>cargo 的主文件夹（默认：$CARGO_HOME，否则为 ~/.cargo）。</translation>
    </message>
    <message>
        <source>The mirror&apos;s URL (default: %1).</source>
        <translation>镜像的 URL（默认：%1）。</translation>
    </message>
    <message>
        <source>enable: take over an existing crates-io replacement (disable restores it).</source>
        <translation>enable：接管已有的 crates-io 替换（disable 会将其恢复）。</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>以 JSON 格式输出结果。</translation>
    </message>
    <message>
        <source>say what to do: enable, disable or status</source>
        <translation>请指定要执行的操作：enable、disable 或 status</translation>
    </message>
    <message>
        <source>unknown action &apos;%1&apos;; use enable, disable or status</source>
        <translation>未知操作“%1”；请使用 enable、disable 或 status</translation>
    </message>
    <message>
        <source>--force only applies to enable</source>
        <translation>--force 仅适用于 enable</translation>
    </message>
    <message>
        <source>--url does not apply to disable</source>
        <translation>--url 不适用于 disable</translation>
    </message>
    <message>
        <source>--url: %1</source>
        <translation>--url：%1</translation>
    </message>
    <message>
        <source>--cargo-home needs a folder</source>
        <translation>--cargo-home 需要指定文件夹</translation>
    </message>
    <message>
        <source>backup: %1</source>
        <translation>备份：%1</translation>
    </message>
    <message>
        <source>point cargo at the mirror (enable|disable|status)</source>
        <translation>让 cargo 使用镜像（enable|disable|status）</translation>
    </message>
</context>
<context>
    <name>Stowaway::CargoConfigFile</name>
    <message>
        <source>settings were added between the lines ending in &apos;%1&apos;, so removing those lines would change how cargo reads the rest; move your settings above them (or delete Stowaway&apos;s lines by hand) and run again</source>
        <translation>在以“%1”结尾的几行之间加入了其他设置，删除这些行会改变 cargo 对其余内容的理解；请把您的设置移到它们上方（或手动删除 Stowaway 的这些行），然后重新运行</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a URL</source>
        <translation>“%1”不是 URL</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http or https URL</source>
        <translation>“%1”不是 http 或 https URL</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no host</source>
        <translation>“%1”没有主机名</translation>
    </message>
    <message>
        <source>&apos;%1&apos; may not carry a user name, query or fragment</source>
        <translation>“%1”不能包含用户名、查询参数或片段</translation>
    </message>
    <message>
        <source>%1; give the mirror as http://HOST[:PORT][/PATH], e.g. http://127.0.0.1:27428</source>
        <translation>%1；请以 http://主机[:端口][/路径] 的形式指定镜像，例如 http://127.0.0.1:27428</translation>
    </message>
    <message>
        <source>does not parse as TOML (%1); fix it and run again</source>
        <translation>无法按 TOML 解析（%1）；请修正后重新运行</translation>
    </message>
    <message>
        <source>cargo already uses the Stowaway mirror at %1; nothing changed</source>
        <translation>cargo 已在使用位于 %1 的 Stowaway 镜像；未做任何更改</translation>
    </message>
    <message>
        <source>%1 is written as an inline table ({ … }), which Stowaway does not edit; rewrite it as [source.…] tables, or add these lines by hand:
%2</source>
        <translation>%1 写成了内联表（{ … }），Stowaway 不会编辑这种写法；请改写为 [source.…] 表，或手动添加以下几行：
%2</translation>
    </message>
    <message>
        <source>%1 is written as an array of tables ([[…]]), which Stowaway does not edit; rewrite it as [source.…] tables, or add these lines by hand:
%2</source>
        <translation>%1 写成了表数组（[[…]]），Stowaway 不会编辑这种写法；请改写为 [source.…] 表，或手动添加以下几行：
%2</translation>
    </message>
    <message>
        <source>[source.crates-io] already has replace-with = &quot;stowaway&quot;, set by hand (with registry = &quot;%1&quot;); edit it by hand, or run again with --force to let Stowaway manage it</source>
        <translation>[source.crates-io] 中已有手动设置的 replace-with = &quot;stowaway&quot;（registry = &quot;%1&quot;）；请手动编辑，或加上 --force 重新运行，让 Stowaway 接管</translation>
    </message>
    <message>
        <source>[source.crates-io] already has replace-with = &quot;%1&quot;; remove it, or run again with --force to point it at Stowaway instead</source>
        <translation>[source.crates-io] 中已有 replace-with = &quot;%1&quot;；请将其删除，或加上 --force 重新运行，改为指向 Stowaway</translation>
    </message>
    <message>
        <source>[source.stowaway] is already defined; remove it, or run again with --force to replace it</source>
        <translation>[source.stowaway] 已有定义；请将其删除，或加上 --force 重新运行以替换它</translation>
    </message>
    <message>
        <source>[source.stowaway] is already defined (registry = &quot;%1&quot;); remove it, or run again with --force to replace it</source>
        <translation>[source.stowaway] 已有定义（registry = &quot;%1&quot;）；请将其删除，或加上 --force 重新运行以替换它</translation>
    </message>
    <message>
        <source>%1 spans several lines, which Stowaway does not edit; remove it by hand and run again</source>
        <translation>%1 跨越多行，Stowaway 不会编辑这种写法；请手动删除后重新运行</translation>
    </message>
    <message>
        <source>the edited file does not parse: %1</source>
        <translation>编辑后的文件无法解析：%1</translation>
    </message>
    <message>
        <source>the edited file does not point crates-io at Stowaway</source>
        <translation>编辑后的文件没有把 crates-io 指向 Stowaway</translation>
    </message>
    <message>
        <source>the edit would change other settings</source>
        <translation>该编辑会改变其他设置</translation>
    </message>
    <message>
        <source>disable would not restore the file exactly</source>
        <translation>disable 无法完全还原该文件</translation>
    </message>
    <message>
        <source>internal check failed (%1); nothing was written. Add these lines by hand instead:
%2</source>
        <translation>内部检查失败（%1）；未写入任何内容。请改为手动添加以下几行：
%2</translation>
    </message>
    <message>
        <source>cargo now uses the Stowaway mirror at %1 (was %2)</source>
        <translation>cargo 现在使用位于 %1 的 Stowaway 镜像（之前为 %2）</translation>
    </message>
    <message>
        <source>cargo now uses the Stowaway mirror at %1 instead of &quot;%2&quot; (disable restores it)</source>
        <translation>cargo 现在使用位于 %1 的 Stowaway 镜像，而不是“%2”（disable 可将其恢复）</translation>
    </message>
    <message>
        <source>cargo now uses the Stowaway mirror at %1</source>
        <translation>cargo 现在使用位于 %1 的 Stowaway 镜像</translation>
    </message>
    <message>
        <source>replace-with = &quot;stowaway&quot; was not added by Stowaway, so it is left alone; remove it by hand if cargo should use crates.io again</source>
        <translation>replace-with = &quot;stowaway&quot; 并非由 Stowaway 添加，因此保持不变；如果要让 cargo 重新使用 crates.io，请手动删除它</translation>
    </message>
    <message>
        <source>Stowaway is not enabled here; nothing changed</source>
        <translation>此处未启用 Stowaway；未做任何更改</translation>
    </message>
    <message>
        <source>cargo uses crates.io directly again</source>
        <translation>cargo 已重新直接使用 crates.io</translation>
    </message>
    <message>
        <source>restored replace-with = &quot;%1&quot;; cargo no longer uses Stowaway</source>
        <translation>已恢复 replace-with = &quot;%1&quot;；cargo 不再使用 Stowaway</translation>
    </message>
    <message>
        <source>(not a string)</source>
        <translation>（不是字符串）</translation>
    </message>
</context>
<context>
    <name>Stowaway::CargoConfigSwitch</name>
    <message>
        <source>cannot read %1 (%2); check its permissions</source>
        <translation>无法读取 %1（%2）；请检查其权限</translation>
    </message>
    <message>
        <source>cannot write %1 (%2); nothing was changed</source>
        <translation>无法写入 %1（%2）；未做任何更改</translation>
    </message>
    <message>
        <source>cannot write the backup %1 (%2); nothing was changed</source>
        <translation>无法写入备份 %1（%2）；未做任何更改</translation>
    </message>
    <message>
        <source>%1 line %2: %3</source>
        <translation>%1 第 %2 行：%3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>cannot create the folder %1; check its permissions</source>
        <translation>无法创建文件夹 %1；请检查其权限</translation>
    </message>
    <message>
        <source>no such file, so Stowaway is not enabled</source>
        <translation>文件不存在，因此未启用 Stowaway</translation>
    </message>
    <message>
        <source>no such file, so Stowaway is not enabled; nothing changed</source>
        <translation>文件不存在，因此未启用 Stowaway；未做任何更改</translation>
    </message>
    <message>
        <source>cannot remove %1; delete it by hand</source>
        <translation>无法删除 %1；请手动删除</translation>
    </message>
    <message>
        <source>removed (Stowaway had created it); cargo uses crates.io directly again</source>
        <translation>已删除（该文件由 Stowaway 创建）；cargo 已重新直接使用 crates.io</translation>
    </message>
    <message>
        <source>%1 line %2</source>
        <translation>%1 第 %2 行</translation>
    </message>
    <message>
        <source>%1: does not parse as TOML (%2), so cargo will refuse to run; fix it</source>
        <translation>%1：无法按 TOML 解析（%2），cargo 将拒绝运行；请修正</translation>
    </message>
    <message>
        <source>cargo uses crates.io directly (%1 does not replace it); run &apos;stowaway cargo-config enable&apos; to use the mirror</source>
        <translation>cargo 直接使用 crates.io（%1 没有替换它）；运行“stowaway cargo-config enable”即可使用镜像</translation>
    </message>
    <message>
        <source>cargo replaces crates.io with &quot;%1&quot;, not with Stowaway (%2)</source>
        <translation>cargo 用“%1”替换了 crates.io，而不是 Stowaway（%2）</translation>
    </message>
    <message>
        <source>cargo uses the Stowaway mirror at %1 (%2, added by stowaway)</source>
        <translation>cargo 使用位于 %1 的 Stowaway 镜像（%2，由 stowaway 添加）</translation>
    </message>
    <message>
        <source>cargo uses the Stowaway mirror at %1 (%2, set by hand)</source>
        <translation>cargo 使用位于 %1 的 Stowaway 镜像（%2，手动设置）</translation>
    </message>
    <message>
        <source>cargo uses a Stowaway source at %1, not this mirror (%2) (%3); run &apos;stowaway cargo-config enable --url …&apos; to switch</source>
        <translation>cargo 使用位于 %1 的 Stowaway 源，而不是本镜像（%2）（%3）；运行“stowaway cargo-config enable --url …”即可切换</translation>
    </message>
    <message>
        <source>(no registry)</source>
        <translation>（无 registry）</translation>
    </message>
    <message>
        <source>note: %1 is ignored: cargo reads %2 when both exist</source>
        <translation>注意：%1 被忽略：两者同时存在时 cargo 读取 %2</translation>
    </message>
    <message>
        <source>note: %1 also replaces crates-io (with &quot;%2&quot;) and wins inside %3</source>
        <translation>注意：%1 也替换了 crates-io（替换为“%2”），在 %3 内优先生效</translation>
    </message>
    <message>
        <source>note: %1 does not parse as TOML (%2); cargo will refuse to run inside %3</source>
        <translation>注意：%1 无法按 TOML 解析（%2）；cargo 在 %3 内将拒绝运行</translation>
    </message>
</context>
<context>
    <name>Stowaway::CfgExpr</name>
    <message>
        <source>expected cfg(...)</source>
        <translation>应为 cfg(...)</translation>
    </message>
    <message>
        <source>expected &apos;)&apos;</source>
        <translation>应为“)”</translation>
    </message>
    <message>
        <source>unexpected text after cfg(...)</source>
        <translation>cfg(...) 之后有多余的文本</translation>
    </message>
    <message>
        <source>%1 at offset %2</source>
        <translation>%1（位于偏移量 %2）</translation>
    </message>
    <message>
        <source>cfg expression nested too deeply</source>
        <translation>cfg 表达式嵌套过深</translation>
    </message>
    <message>
        <source>expected a cfg name</source>
        <translation>应为 cfg 名称</translation>
    </message>
    <message>
        <source>not() takes exactly one predicate</source>
        <translation>not() 只能接受一个谓词</translation>
    </message>
    <message>
        <source>expected a quoted value</source>
        <translation>应为带引号的值</translation>
    </message>
</context>
<context>
    <name>Stowaway::Cli</name>
    <message>
        <source>--mirror needs a folder</source>
        <translation>--mirror 需要指定文件夹</translation>
    </message>
    <message>
        <source>unknown option %1</source>
        <translation>未知选项 %1</translation>
    </message>
    <message>
        <source>--tray starts the desktop app; it takes no command</source>
        <translation>--tray 用于启动桌面应用，不能与命令一起使用</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>未知命令“%1”</translation>
    </message>
    <message>
        <source>Usage: stowaway [--mirror DIR] &lt;command&gt; [options]
       stowaway [--mirror DIR] [--tray]   start the desktop app (--tray: hidden
                                          in the tray, as at login)

A local crates.io mirror that cargo can use offline.

Commands:
</source>
        <translation>用法：stowaway [--mirror DIR] &lt;命令&gt; [选项]
      stowaway [--mirror DIR] [--tray]   启动桌面应用（--tray：与登录时一样，
                                         隐藏在系统托盘中）

一个 cargo 可以离线使用的本地 crates.io 镜像。

命令：
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
        <translation>全局选项：
  --mirror DIR  镜像文件夹（默认：$STOWAWAY_MIRROR，否则为
                ~/.local/share/stowaway/mirror）
  --version     显示版本
  --help        显示本帮助；某个命令的帮助请用 `stowaway &lt;命令&gt; --help`

退出码：0 成功，1 操作失败，2 用法错误。
</translation>
    </message>
</context>
<context>
    <name>Stowaway::ClosureResolver</name>
    <message>
        <source>needed by %1</source>
        <translation>%1 需要</translation>
    </message>
    <message>
        <source>%1 is not available upstream (%2)</source>
        <translation>上游没有 %1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%1 is not available upstream (%2); needed by %3 and %n more</source>
        <translation>
            <numerusform>上游没有 %1（%2）；%3 及另外 %n 个 crate 需要它</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not available upstream (%2); needed by %3</source>
        <translation>上游没有 %1（%2）；%3 需要它</translation>
    </message>
    <message>
        <source>%1 pins %2 %3, but the index has no such version</source>
        <translation>%1 固定了 %2 %3，但索引中没有该版本</translation>
    </message>
    <message>
        <source>%1: no non-yanked version of %2 matches %3</source>
        <translation>%1：%2 没有未撤回（yanked）的版本满足 %3</translation>
    </message>
    <message>
        <source>%1 needs %2 %3, but every matching version is yanked</source>
        <translation>%1 需要 %2 %3，但所有匹配的版本都已撤回（yanked）</translation>
    </message>
    <message>
        <source>%1 needs %2 &quot;%3&quot;, which is not a valid requirement: %4</source>
        <translation>%1 需要 %2“%3”，但这不是有效的版本要求：%4</translation>
    </message>
    <message>
        <source>%1 needs %2 %3, but the index has no such version</source>
        <translation>%1 需要 %2 %3，但索引中没有该版本</translation>
    </message>
    <message>
        <source>%1 depends on %2 %3 from another registry (%4); skipped, only one registry is mirrored</source>
        <translation>%1 依赖另一个 registry（%4）中的 %2 %3；已跳过，只镜像一个 registry</translation>
    </message>
</context>
<context>
    <name>Stowaway::CommandParser</name>
    <message>
        <source>Show this help.</source>
        <translation>显示本帮助。</translation>
    </message>
    <message>
        <source>The mirror folder (default: $STOWAWAY_MIRROR, else the app data folder).</source>
        <translation>镜像文件夹（默认：$STOWAWAY_MIRROR，否则为应用数据文件夹）。</translation>
    </message>
    <message>
        <source>Usage: %1 [options]%2</source>
        <translation>用法：%1 [选项]%2</translation>
    </message>
    <message>
        <source>Try &apos;%1 --help&apos; for usage.</source>
        <translation>运行“%1 --help”查看用法。</translation>
    </message>
</context>
<context>
    <name>Stowaway::CrateDownloader</name>
    <message>
        <source>not tried: the upstream stopped answering (%1 files in a row: %2) — run sync again when it is back</source>
        <translation>未尝试：上游已停止响应（连续 %1 个文件：%2）— 请在其恢复后重新运行 sync</translation>
    </message>
</context>
<context>
    <name>Stowaway::CrateStoreWorker</name>
    <message>
        <source>cannot open the mirror to store downloads: %1</source>
        <translation>无法打开镜像以保存下载内容：%1</translation>
    </message>
</context>
<context>
    <name>Stowaway::CrateTransfer</name>
    <message>
        <source>The disk holding %1 has %2 MB free; stowaway stops before it fills. Free space and run sync again — finished crates are kept.</source>
        <translation>%1 所在的磁盘仅剩 %2 MB 可用空间；stowaway 会在磁盘写满之前停止。请释放空间后重新运行 sync — 已完成的 crate 会被保留。</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>connection closed or reset by %1</source>
        <translation>连接被 %1 关闭或重置</translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation>连接被 %1 拒绝</translation>
    </message>
    <message>
        <source>host %1 not found</source>
        <translation>找不到主机 %1</translation>
    </message>
    <message>
        <source>timed out connecting to %1</source>
        <translation>连接 %1 超时</translation>
    </message>
    <message>
        <source>%1 redirected too often or to a less safe place (%2)</source>
        <translation>%1 重定向次数过多，或重定向到了不够安全的地址（%2）</translation>
    </message>
    <message>
        <source>stalled: no data for %1 s from %2</source>
        <translation>传输停滞：%1 秒内未从 %2 收到数据</translation>
    </message>
    <message>
        <source>%1 sent more than the %2 bytes expected — upstream served different bytes</source>
        <translation>%1 发送的数据超过了预期的 %2 字节 — 上游提供的内容与预期不同</translation>
    </message>
    <message>
        <source>HTTP 416 from %1</source>
        <translation>%1 返回 HTTP 416</translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation>%2 返回 HTTP %1</translation>
    </message>
    <message>
        <source>%1 asking to wait %2 s (more than the %3 s stowaway waits); run sync again later</source>
        <translation>%1，要求等待 %2 秒（超过 stowaway 最多等待的 %3 秒）；请稍后重新运行 sync</translation>
    </message>
    <message>
        <source>connection to %1 broke off</source>
        <translation>与 %1 的连接中断</translation>
    </message>
    <message>
        <source>connection to %1 closed after %2 of %3 bytes</source>
        <translation>与 %1 的连接在传输 %2/%3 字节后关闭</translation>
    </message>
    <message>
        <source>transfer from %1 ended after %2 of %3 bytes</source>
        <translation>来自 %1 的传输在 %2/%3 字节后结束</translation>
    </message>
    <message>
        <source>checksum mismatch for %1: expected %2, got %3 — upstream served different bytes</source>
        <translation>%1 的校验和不匹配：应为 %2，实际为 %3 — 上游提供的内容与预期不同</translation>
    </message>
    <message>
        <source>cannot flush %1 to disk: %2</source>
        <translation>无法将 %1 写入磁盘：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1 after %n attempt(s)</source>
        <translation>
            <numerusform>%1（已尝试 %n 次）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::CratesModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>popular (rank %1)</source>
        <translation>热门（排名 %1）</translation>
    </message>
    <message>
        <source>popular</source>
        <translation>热门</translation>
    </message>
    <message>
        <source>named</source>
        <translation>按名称选择</translation>
    </message>
    <message>
        <source>from a lockfile</source>
        <translation>来自锁文件</translation>
    </message>
    <message>
        <source>lockfile: %1</source>
        <translation>锁文件：%1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>a dependency</source>
        <translation>依赖项</translation>
    </message>
    <message>
        <source>cargo asked for it, not mirrored</source>
        <translation>cargo 请求过，但未镜像</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>已选择</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
</context>
<context>
    <name>Stowaway::CratesPage</name>
    <message>
        <source>Filter crates by name</source>
        <translation>按名称筛选 crate</translation>
    </message>
    <message>
        <source>All crates</source>
        <translation>全部 crate</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>已选择</translation>
    </message>
    <message>
        <source>Not selected</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>Asked for, missing</source>
        <translation>已请求但缺失</translation>
    </message>
    <message numerus="yes">
        <source>Add the %n most popular</source>
        <translation>
            <numerusform>添加最热门的 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Add the N most downloaded crates; the next sync fetches them</source>
        <translation>添加下载量最高的 N 个 crate；下次同步时会下载它们</translation>
    </message>
    <message>
        <source>Import Cargo.lock…</source>
        <translation>导入 Cargo.lock…</translation>
    </message>
    <message>
        <source>Add every crate a project&apos;s Cargo.lock uses, at its exact version. You can also drop Cargo.lock files on this page.</source>
        <translation>按精确版本添加项目 Cargo.lock 中用到的每个 crate。也可以将 Cargo.lock 文件拖放到此页面。</translation>
    </message>
    <message>
        <source>Most downloaded crates:</source>
        <translation>下载量最高的 crate：</translation>
    </message>
    <message>
        <source>Asked for by cargo, not in the mirror</source>
        <translation>cargo 请求过、但镜像中没有的</translation>
    </message>
    <message>
        <source>%1 of %2 crates</source>
        <translation>%1 / %2 个 crate</translation>
    </message>
    <message>
        <source>Could not change the selection of %1: %2. Check that the mirror folder is writable and try again.</source>
        <translation>无法更改 %1 的选择状态：%2。请检查镜像文件夹是否可写，然后重试。</translation>
    </message>
    <message>
        <source>%1 is selected; the next sync fetches it.</source>
        <translation>已选择 %1；下次同步时会下载它。</translation>
    </message>
    <message>
        <source>%1 stays in the mirror for now: %2. It goes when nothing selected needs it any more, at the next sync.</source>
        <translation>%1 暂时保留在镜像中：%2。当已选择的内容都不再需要它时，下次同步会将其移除。</translation>
    </message>
    <message>
        <source>%1 is no longer selected.</source>
        <translation>已不再选择 %1。</translation>
    </message>
    <message>
        <source>Some crates could not be added: %1</source>
        <translation>部分 crate 无法添加：%1</translation>
    </message>
    <message>
        <source>Import Cargo.lock files</source>
        <translation>导入 Cargo.lock 文件</translation>
    </message>
    <message>
        <source>Cargo lockfiles (Cargo.lock *.lock)</source>
        <translation>Cargo 锁文件 (Cargo.lock *.lock)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Stowaway::DesktopLoader</name>
    <message>
        <source>the desktop app is not installed: no %1. Reinstall stowaway, or use its commands (stowaway --help).</source>
        <translation>未安装桌面应用：找不到 %1。请重新安装 stowaway，或使用其命令（stowaway --help）。</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>the desktop app cannot be loaded: %1. Reinstall stowaway, or use its commands (stowaway --help).</source>
        <translation>无法加载桌面应用：%1。请重新安装 stowaway，或使用其命令（stowaway --help）。</translation>
    </message>
</context>
<context>
    <name>Stowaway::DesktopPages</name>
    <message>
        <source>Crates</source>
        <translation>Crate 列表</translation>
    </message>
    <message>
        <source>Disk usage</source>
        <translation>磁盘占用</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>a sync is running; its progress shows the projection</source>
        <translation>正在同步；其进度会显示预计占用</translation>
    </message>
</context>
<context>
    <name>Stowaway::DiskUsagePage</name>
    <message>
        <source>Largest crates</source>
        <translation>最大的 crate</translation>
    </message>
    <message>
        <source>The mirror holds %1 on %2, which has %3 free.</source>
        <translation>镜像在 %2 上占用 %1，该处还有 %3 可用。</translation>
    </message>
    <message>
        <source>The mirror holds %1. The size of its volume is unknown.</source>
        <translation>镜像占用 %1。其所在卷的大小未知。</translation>
    </message>
    <message>
        <source>The next sync needs about %1, but only %2 is free. Free some space on the volume, select fewer crates or versions, or move the storage folder to a larger disk in Settings before syncing.</source>
        <translation>下次同步约需 %1，但只有 %2 可用。请在同步前释放卷上的空间、减少选择的 crate 或版本，或在设置中将存储文件夹移到更大的磁盘。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 in %n version(s)</source>
        <translation>
            <numerusform>%1：%2，共 %n 个版本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other crate(s)</source>
        <translation>
            <numerusform>其他 %n 个 crate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other crate(s): %1</source>
        <translation>
            <numerusform>其他 %n 个 crate：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Estimate the next sync</source>
        <translation>估算下一次同步</translation>
    </message>
    <message>
        <source>Plans the next sync of the saved selection (index files only, nothing downloaded) and shows what it would add.</source>
        <translation>为已保存的选择规划下一次同步（只取索引文件，不下载任何内容），并显示它将增加的内容。</translation>
    </message>
    <message>
        <source>Planning the next sync…</source>
        <translation>正在规划下一次同步…</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>无法估算：%1</translation>
    </message>
    <message>
        <source>The next sync has nothing new to download.</source>
        <translation>下一次同步没有需要下载的新内容。</translation>
    </message>
    <message numerus="yes">
        <source>The next sync would download %Ln version(s), about %1.</source>
        <translation>
            <numerusform>下一次同步将下载 %Ln 个版本，约 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::FullMirrorQueue</name>
    <message>
        <source>The remaining %1 versions need about %2 and the mirror&apos;s volume has %3 free: the sync will stop before the disk fills. Free space or move the mirror (--mirror) to a larger volume.</source>
        <translation>剩余的 %1 个版本约需 %2，而镜像所在卷只有 %3 可用：同步会在磁盘写满之前停止。请释放空间，或将镜像（--mirror）移到更大的卷。</translation>
    </message>
</context>
<context>
    <name>Stowaway::GitIndex</name>
    <message>
        <source>Could not open the git index copy at %1: %2. Delete that folder and sync again to clone the index anew.</source>
        <translation>无法打开位于 %1 的 git 索引副本：%2。请删除该文件夹并重新同步，以重新克隆索引。</translation>
    </message>
    <message>
        <source>Could not create a git repository at %1: %2. Check that the folder is writable.</source>
        <translation>无法在 %1 创建 git 仓库：%2。请检查该文件夹是否可写。</translation>
    </message>
    <message>
        <source>%1 is not a git URL libgit2 understands: %2</source>
        <translation>%1 不是 libgit2 能识别的 git URL：%2</translation>
    </message>
    <message>
        <source>The fetch from %1 was cancelled.</source>
        <translation>从 %1 的获取已取消。</translation>
    </message>
    <message>
        <source>Could not fetch the git index from %1: %2. Check the URL and the network, then sync again.</source>
        <translation>无法从 %1 获取 git 索引：%2。请检查 URL 和网络，然后重新同步。</translation>
    </message>
    <message>
        <source>%1 has no branch to mirror (no HEAD, master or main).</source>
        <translation>%1 没有可镜像的分支（没有 HEAD、master 或 main）。</translation>
    </message>
    <message>
        <source>The git index is missing blob %1 of %2: %3</source>
        <translation>git 索引中缺少 %2 的 blob %1：%3</translation>
    </message>
    <message>
        <source>Could not compare commits %1 and %2 of the git index: %3</source>
        <translation>无法比较 git 索引的提交 %1 和 %2：%3</translation>
    </message>
    <message>
        <source>The git index is missing blob %1 of %2</source>
        <translation>git 索引中缺少 %2 的 blob %1</translation>
    </message>
    <message>
        <source>Could not walk the tree of commit %1: %2</source>
        <translation>无法遍历提交 %1 的树：%2</translation>
    </message>
    <message>
        <source>unknown libgit2 error</source>
        <translation>未知的 libgit2 错误</translation>
    </message>
    <message>
        <source>%1 is not a commit id</source>
        <translation>%1 不是提交 ID</translation>
    </message>
    <message>
        <source>The git index has no commit %1: %2</source>
        <translation>git 索引中没有提交 %1：%2</translation>
    </message>
    <message>
        <source>Could not read the tree of commit %1: %2</source>
        <translation>无法读取提交 %1 的树：%2</translation>
    </message>
    <message>
        <source>The git index %1 cannot be fetched through the proxy %2: git fetches go only through http:// proxies. Give an http:// proxy, or set the proxy to none.</source>
        <translation>无法通过代理 %2 获取 git 索引 %1：git 获取只能经由 http:// 代理。请提供 http:// 代理，或将代理设为 none。</translation>
    </message>
    <message>
        <source>The git index %1 cannot be fetched through the proxy %2: only https:// git fetches go through a proxy. Use the index&apos;s https:// URL, or set the proxy to none.</source>
        <translation>无法通过代理 %2 获取 git 索引 %1：只有 https:// 的 git 获取才能经由代理。请使用索引的 https:// 地址，或将代理设为 none。</translation>
    </message>
    <message>
        <source>Could not fetch the git index from %1 through the proxy %2: %3. Check the URL, the proxy and the network, then sync again.</source>
        <translation>无法通过代理 %2 从 %1 获取 git 索引：%3。请检查 URL、代理和网络，然后再次同步。</translation>
    </message>
</context>
<context>
    <name>Stowaway::GitIndexSource</name>
    <message>
        <source>The git index %1 has a config.json Stowaway cannot read: %2</source>
        <translation>git 索引 %1 中的 config.json 无法被 Stowaway 读取：%2</translation>
    </message>
    <message>
        <source>The git index %1 has no config.json at its tip; is it a cargo registry index?</source>
        <translation>git 索引 %1 的最新提交中没有 config.json；它是 cargo 注册表索引吗？</translation>
    </message>
    <message>
        <source>%1 (git index %2)</source>
        <translation>%1（git 索引 %2）</translation>
    </message>
</context>
<context>
    <name>Stowaway::GitServedIndex</name>
    <message>
        <source>cannot open the mirror state %1: %2</source>
        <translation>无法打开镜像状态 %1：%2</translation>
    </message>
    <message>
        <source>the mirror state cannot be read: %1</source>
        <translation>无法读取镜像状态：%1</translation>
    </message>
</context>
<context>
    <name>Stowaway::HttpServer</name>
    <message>
        <source>Cannot listen on %1: the port is already in use by another program (perhaps another Stowaway). Pick another with --listen.</source>
        <translation>无法监听 %1：该端口已被其他程序占用（可能是另一个 Stowaway）。请用 --listen 选择其他端口。</translation>
    </message>
    <message>
        <source>Cannot listen on %1: permission denied (ports below 1024 need administrator rights). Pick another with --listen, e.g. 127.0.0.1:8080.</source>
        <translation>无法监听 %1：权限被拒绝（1024 以下的端口需要管理员权限）。请用 --listen 选择其他地址，例如 127.0.0.1:8080。</translation>
    </message>
    <message>
        <source>Cannot listen on %1: that address does not belong to this computer. Pick another with --listen (127.0.0.1 serves only this computer).</source>
        <translation>无法监听 %1：该地址不属于这台计算机。请用 --listen 选择其他地址（127.0.0.1 仅为本机提供服务）。</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2. Pick another address with --listen.</source>
        <translation>无法监听 %1：%2。请用 --listen 选择其他地址。</translation>
    </message>
</context>
<context>
    <name>Stowaway::IndexClient</name>
    <message>
        <source>the transfer stalled and timed out</source>
        <translation>传输停滞并已超时</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n 次尝试</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 answered 304 Not Modified although no cached copy was offered; the upstream is misbehaving</source>
        <translation>%1 返回了 304 Not Modified，但请求中并未提供缓存副本；上游行为异常</translation>
    </message>
    <message>
        <source>index file of %1: %2 from %3 (%4)</source>
        <translation>%1 的索引文件：%3 返回 %2（%4）</translation>
    </message>
    <message>
        <source>The upstream&apos;s %1 cannot be used: %2; check the upstream URL (--upstream)</source>
        <translation>上游的 %1 无法使用：%2；请检查上游 URL（--upstream）</translation>
    </message>
    <message>
        <source>Cannot reach the upstream index %1 (%2); check the network connection and the upstream URL (--upstream)</source>
        <translation>无法访问上游索引 %1（%2）；请检查网络连接和上游 URL（--upstream）</translation>
    </message>
    <message>
        <source>Fetching %1 failed: %2 (%3); is %4 a sparse index? Check --upstream</source>
        <translation>获取 %1 失败：%2（%3）；%4 是 sparse 索引吗？请检查 --upstream</translation>
    </message>
    <message>
        <source>Fetching %1 failed: %2 (%3)</source>
        <translation>获取 %1 失败：%2（%3）</translation>
    </message>
    <message>
        <source>Fetching %1 failed: %2 (%3); if the upstream needs a token, give it with --token-env NAME</source>
        <translation>获取 %1 失败：%2（%3）；如果上游需要令牌，请用 --token-env NAME 提供</translation>
    </message>
    <message>
        <source>Fetching %1 failed: %2 (%3); %4</source>
        <translation>获取 %1 失败：%2（%3）；%4</translation>
    </message>
    <message>
        <source>Cannot reach the upstream index %1 through the proxy %2: %3. Check that the proxy runs and lets requests through, or set the proxy to none to go direct</source>
        <translation>无法通过代理 %2 访问上游索引 %1：%3。请确认代理正在运行并放行请求，或将代理设为 none 以直接连接</translation>
    </message>
    <message>
        <source>; requests go through the proxy %1</source>
        <translation>；请求经由代理 %1</translation>
    </message>
</context>
<context>
    <name>Stowaway::IndexLine</name>
    <message>
        <source>%1 is not a string</source>
        <translation>%1 不是字符串</translation>
    </message>
    <message>
        <source>%1 is missing or not a string</source>
        <translation>%1 缺失或不是字符串</translation>
    </message>
    <message>
        <source>%1 is not true or false</source>
        <translation>%1 既不是 true 也不是 false</translation>
    </message>
    <message>
        <source>a dependency is not an object</source>
        <translation>某个依赖项不是对象</translation>
    </message>
    <message>
        <source>features of dependency %1 is not a list</source>
        <translation>依赖项 %1 的 features 不是列表</translation>
    </message>
    <message>
        <source>a feature of dependency %1 is not a string</source>
        <translation>依赖项 %1 的某个 feature 不是字符串</translation>
    </message>
    <message>
        <source>not valid JSON (%1)</source>
        <translation>不是有效的 JSON（%1）</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>v is not a whole number</source>
        <translation>v 不是整数</translation>
    </message>
    <message>
        <source>schema version v=%1 is newer than this program understands (%2)</source>
        <translation>架构版本 v=%1 比本程序支持的版本（%2）更新</translation>
    </message>
    <message>
        <source>name %1 is not a valid crate name</source>
        <translation>name %1 不是有效的 crate 名称</translation>
    </message>
    <message>
        <source>vers %1 is not a usable version</source>
        <translation>vers %1 不是可用的版本号</translation>
    </message>
    <message>
        <source>cksum is not 64 lower-case hex digits</source>
        <translation>cksum 不是 64 位小写十六进制数字</translation>
    </message>
    <message>
        <source>deps is missing or not a list</source>
        <translation>deps 缺失或不是列表</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>Stowaway::InstanceChannel</name>
    <message>
        <source>cannot create the local socket %1: %2</source>
        <translation>无法创建本地套接字 %1：%2</translation>
    </message>
</context>
<context>
    <name>Stowaway::KeychainSecretStore</name>
    <message>
        <source>No keychain is running (Secret Service not found). LAN sharing needs one to keep its token; start gnome-keyring or KWallet.</source>
        <translation>没有正在运行的密钥环（未找到 Secret Service）。局域网共享需要用它来保存令牌；请启动 gnome-keyring 或 KWallet。</translation>
    </message>
    <message>
        <source>The keychain holds no secret &quot;%1&quot; for %2.</source>
        <translation>密钥环中没有 %2 的机密“%1”。</translation>
    </message>
    <message>
        <source>The keychain refused access (%1). Unlock it and try again.</source>
        <translation>密钥环拒绝了访问（%1）。请将其解锁，然后重试。</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>密钥环出错：%1</translation>
    </message>
    <message>
        <source>The keychain is locked, so &quot;%1&quot; cannot be read. Unlock it (your login keyring) and try again.</source>
        <translation>密钥环已锁定，因此无法读取“%1”。请解锁它（您的登录密钥环），然后重试。</translation>
    </message>
</context>
<context>
    <name>Stowaway::LanSharing</name>
    <message>
        <source>The LAN sharing token in the keychain is damaged: regenerate it.</source>
        <translation>密钥环中的局域网共享令牌已损坏：请重新生成。</translation>
    </message>
</context>
<context>
    <name>Stowaway::LanSharingSection</name>
    <message>
        <source>LAN sharing</source>
        <translation>局域网共享</translation>
    </message>
    <message>
        <source>Share this mirror with other machines on the network</source>
        <translation>与网络中的其他计算机共享此镜像</translation>
    </message>
    <message>
        <source>Copy config</source>
        <translation>复制配置</translation>
    </message>
    <message>
        <source>Copy token</source>
        <translation>复制令牌</translation>
    </message>
    <message>
        <source>Regenerate token</source>
        <translation>重新生成令牌</translation>
    </message>
    <message>
        <source>Anyone with the token can read the mirror. Teammates add this to their cargo configuration:</source>
        <translation>持有令牌的任何人都可以读取镜像。团队成员需将以下内容添加到各自的 cargo 配置中：</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <source>Teammates use:</source>
        <translation>团队成员使用：</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <source>All network interfaces</source>
        <translation>所有网络接口</translation>
    </message>
    <message>
        <source>The LAN sharing token is not in the keychain any more, so teammates cannot connect: press Regenerate token and send them the new one.</source>
        <translation>局域网共享令牌已不在密钥环中，团队成员因此无法连接：请点击“重新生成令牌”，并把新令牌发给他们。</translation>
    </message>
    <message>
        <source>No keychain: LAN sharing needs one to keep its token safe, and stays off without it. %1</source>
        <translation>没有密钥环：局域网共享需要用它来安全地保存令牌，没有密钥环时将保持关闭。%1</translation>
    </message>
    <message>
        <source>Install and start gnome-keyring or KeePassXC&apos;s Secret Service, or unlock your keyring, then try again.</source>
        <translation>请安装并启动 gnome-keyring 或 KeePassXC 的 Secret Service，或者解锁您的密钥环，然后重试。</translation>
    </message>
</context>
<context>
    <name>Stowaway::ListenAddress</name>
    <message>
        <source>&apos;%1&apos; is not an address to listen on: %2. Write ADDRESS:PORT, like 127.0.0.1:27428 or [::1]:27428</source>
        <translation>“%1”不是可监听的地址：%2。请写成 地址:端口 的形式，例如 127.0.0.1:27428 或 [::1]:27428</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>地址为空</translation>
    </message>
    <message>
        <source>the IPv6 address has no closing &apos;]&apos;</source>
        <translation>IPv6 地址缺少右括号“]”</translation>
    </message>
    <message>
        <source>a port must follow the IPv6 address</source>
        <translation>IPv6 地址后面必须跟端口</translation>
    </message>
    <message>
        <source>put an IPv6 address in brackets</source>
        <translation>IPv6 地址须放在方括号中</translation>
    </message>
    <message>
        <source>the port must be a number from 0 to 65535</source>
        <translation>端口必须是 0 到 65535 之间的数字</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address</source>
        <translation>“%1”不是 IP 地址</translation>
    </message>
</context>
<context>
    <name>Stowaway::LocalIndex</name>
    <message>
        <source>the local git index has no crate named %1</source>
        <translation>本地 git 索引中没有名为 %1 的 crate</translation>
    </message>
    <message>
        <source>the scan was cancelled</source>
        <translation>扫描已取消</translation>
    </message>
</context>
<context>
    <name>Stowaway::LocalPopularCrates</name>
    <message>
        <source>Cannot rank crates from the local git index: %1</source>
        <translation>无法根据本地 git 索引对 crate 排名：%1</translation>
    </message>
</context>
<context>
    <name>Stowaway::LockFile</name>
    <message>
        <source>%1 line %2</source>
        <translation>%1 第 %2 行</translation>
    </message>
    <message>
        <source>%1: %2 — this does not look like a Cargo.lock</source>
        <translation>%1：%2 — 这看起来不像 Cargo.lock</translation>
    </message>
    <message>
        <source>%1: lockfile format version %2 is not supported (1 to 4 are); a newer cargo wrote it</source>
        <translation>%1：不支持 lockfile 格式版本 %2（支持 1 到 4）；它由更新版本的 cargo 写入</translation>
    </message>
    <message>
        <source>%1: no [[package]] entries — this does not look like a Cargo.lock</source>
        <translation>%1：没有 [[package]] 条目 — 这看起来不像 Cargo.lock</translation>
    </message>
    <message>
        <source>%1: a [[package]] entry is not a table</source>
        <translation>%1：某个 [[package]] 条目不是表</translation>
    </message>
    <message>
        <source>%1: a package has no name or version</source>
        <translation>%1：某个包缺少名称或版本</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
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
        <translation>没有正在运行的密钥环。</translation>
    </message>
    <message>
        <source>No secret is stored under &quot;%1&quot;.</source>
        <translation>“%1”下没有保存任何机密。</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorBatchWriter</name>
    <message>
        <source>%1 is not a valid crate name</source>
        <translation>%1 不是有效的 crate 名称</translation>
    </message>
    <message>
        <source>cannot store %1 %2: the mirror&apos;s index has no such version — fetch its index file first</source>
        <translation>无法存储 %1 %2：镜像的索引中没有该版本 — 请先获取其索引文件</translation>
    </message>
    <message>
        <source>cannot read the download %1</source>
        <translation>无法读取下载的文件 %1</translation>
    </message>
    <message>
        <source>the download of %1 %2 is damaged: expected sha256 %3, got %4 — it was not stored</source>
        <translation>%1 %2 的下载已损坏：应为 sha256 %3，实际为 %4 — 未存储</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorConfig</name>
    <message>
        <source>%1 must be a string in double quotes</source>
        <translation>%1 必须是用双引号括起的字符串</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3</source>
        <translation>%1 必须是 %2 到 %3 之间的整数</translation>
    </message>
    <message>
        <source>%1 must be true or false</source>
        <translation>%1 必须是 true 或 false</translation>
    </message>
    <message>
        <source>%1 must be a list of target names, like [&quot;x86_64-unknown-linux-gnu&quot;]</source>
        <translation>%1 必须是目标名称列表，例如 [&quot;x86_64-unknown-linux-gnu&quot;]</translation>
    </message>
    <message>
        <source>%1 line %2: %3</source>
        <translation>%1 第 %2 行：%3</translation>
    </message>
    <message>
        <source>%1 line %2: %3 — fix the file, or delete it to start from the defaults</source>
        <translation>%1 第 %2 行：%3 — 请修正该文件，或将其删除以使用默认设置</translation>
    </message>
    <message>
        <source>cannot read %1: %2 — check the file&apos;s permissions</source>
        <translation>无法读取 %1：%2 — 请检查该文件的权限</translation>
    </message>
    <message>
        <source>upstream must be a sparse index URL ending in /, like sparse+https://index.crates.io/, or a git index: https://github.com/rust-lang/crates.io-index, a .git URL or a path</source>
        <translation>upstream 必须是以 / 结尾的 sparse 索引 URL（例如 sparse+https://index.crates.io/），或 git 索引：https://github.com/rust-lang/crates.io-index、.git URL 或路径</translation>
    </message>
    <message>
        <source>server.listen must be ADDRESS:PORT, like 127.0.0.1:27428</source>
        <translation>server.listen 必须是 地址:端口 的形式，例如 127.0.0.1:27428</translation>
    </message>
    <message>
        <source>sync.versions must be &quot;newest&quot;, &quot;all&quot; or &quot;lines:N&quot; with N from 1 to 1000, like &quot;lines:3&quot;</source>
        <translation>sync.versions 必须是 &quot;newest&quot;、&quot;all&quot; 或 &quot;lines:N&quot;（N 为 1 到 1000），例如 &quot;lines:3&quot;</translation>
    </message>
    <message>
        <source>sync.schedule must be &quot;off&quot;, &quot;daily:HH:MM&quot; (like &quot;daily:03:30&quot;) or &quot;every:Nh&quot; with N from 1 to %1 (like &quot;every:6h&quot;)</source>
        <translation>sync.schedule 必须是 &quot;off&quot;、&quot;daily:HH:MM&quot;（例如 &quot;daily:03:30&quot;）或 &quot;every:Nh&quot;（N 为 1 到 %1，例如 &quot;every:6h&quot;）</translation>
    </message>
    <message>
        <source>proxy: %1</source>
        <translation>proxy：%1</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorReader</name>
    <message>
        <source>Could not read the mirror&apos;s crate list: %1. Check that the storage folder %2 is readable, then reload.</source>
        <translation>无法读取镜像的 crate 列表：%1。请检查存储文件夹 %2 是否可读，然后重新加载。</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorRuntime</name>
    <message>
        <source>a sync is already running; wait for it to finish or pause it</source>
        <translation>已有同步正在进行；请等待其完成或将其暂停</translation>
    </message>
    <message>
        <source>nothing to sync yet: choose crates first (Crates page, or `stowaway sync --crate NAME`)</source>
        <translation>尚无可同步的内容：请先选择 crate（在“Crate 列表”页面，或运行 `stowaway sync --crate NAME`）</translation>
    </message>
    <message>
        <source>another sync is running</source>
        <translation>另一个同步正在进行</translation>
    </message>
    <message>
        <source>LAN sharing is on (%1) but its token is not available from the keychain; unlock the keychain and start the server again, or turn LAN sharing off in Settings</source>
        <translation>局域网共享已开启（%1），但无法从密钥环获取其令牌；请解锁密钥环后重新启动服务器，或在“设置”中关闭局域网共享</translation>
    </message>
    <message>
        <source>the estimate of the next sync is still being made; try again in a moment</source>
        <translation>下一次同步的估算仍在进行；请稍后再试</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorState</name>
    <message>
        <source>the mirror state rejected a query: %1</source>
        <translation>镜像状态数据库拒绝了一条查询：%1</translation>
    </message>
    <message>
        <source>cannot open the mirror state %1: %2 — check that the folder is writable</source>
        <translation>无法打开镜像状态 %1：%2 — 请检查该文件夹是否可写</translation>
    </message>
    <message>
        <source>cannot open the mirror state %1: %2 — if it is damaged, move it away</source>
        <translation>无法打开镜像状态 %1：%2 — 如果它已损坏，请将其移走</translation>
    </message>
    <message>
        <source>cannot read the mirror state %1: %2 — if it is damaged, move it away and run sync again</source>
        <translation>无法读取镜像状态 %1：%2 — 如果它已损坏，请将其移走后重新运行 sync</translation>
    </message>
    <message>
        <source>the mirror state %1 was written by a newer stowaway (schema %2, this one knows %3) — update stowaway</source>
        <translation>镜像状态 %1 由更新版本的 stowaway 写入（架构版本 %2，当前版本只支持 %3）— 请更新 stowaway</translation>
    </message>
    <message>
        <source>cannot create the mirror state %1: %2</source>
        <translation>无法创建镜像状态 %1：%2</translation>
    </message>
    <message>
        <source>cannot update the mirror state %1: %2</source>
        <translation>无法更新镜像状态 %1：%2</translation>
    </message>
    <message>
        <source>version %1 is not in the mirror state</source>
        <translation>镜像状态中没有版本 %1</translation>
    </message>
    <message>
        <source>%1 is not a valid crate name</source>
        <translation>%1 不是有效的 crate 名称</translation>
    </message>
    <message>
        <source>unknown selection reason %1 (use one of %2)</source>
        <translation>未知的选择原因 %1（请使用 %2 之一）</translation>
    </message>
    <message>
        <source>there is no sync run %1</source>
        <translation>不存在同步运行 %1</translation>
    </message>
    <message>
        <source>could not update the mirror state: %1</source>
        <translation>无法更新镜像状态：%1</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorStore</name>
    <message>
        <source>no mirror folder given — pass --mirror DIR</source>
        <translation>未指定镜像文件夹 — 请使用 --mirror DIR 指定</translation>
    </message>
    <message>
        <source>the mirror has no crate %1</source>
        <translation>镜像中没有 crate %1</translation>
    </message>
    <message>
        <source>unknown sync run status %1</source>
        <translation>未知的同步运行状态 %1</translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorSummaryWidget</name>
    <message>
        <source>Crates:</source>
        <translation>Crate 数：</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>版本数：</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>磁盘占用：</translation>
    </message>
    <message>
        <source>Upstream:</source>
        <translation>上游：</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>上次同步：</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::MirrorVerifier</name>
    <message>
        <source>the mirror is not open</source>
        <translation>镜像尚未打开</translation>
    </message>
    <message>
        <source>the state says stored, the file is gone</source>
        <translation>状态记录为已存储，但文件已不存在</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <source>expected sha256 %1, found %2</source>
        <translation>应为 sha256 %1，实际为 %2</translation>
    </message>
    <message>
        <source>a good copy of a %1 version; it can be adopted</source>
        <translation>是状态为“%1”的版本的完好副本；可以收录</translation>
    </message>
    <message>
        <source>its checksum does not match %1 %2; left alone</source>
        <translation>其校验和与 %1 %2 不符；未作处理</translation>
    </message>
    <message>
        <source>no version in the mirror&apos;s state has this file name; left alone</source>
        <translation>镜像状态中没有版本使用此文件名；未作处理</translation>
    </message>
    <message>
        <source>the upstream index file is gone; the next sync must fetch it in full</source>
        <translation>上游索引文件已不存在；下一次同步需要完整获取它</translation>
    </message>
    <message>
        <source>served, but no version of it is stored</source>
        <translation>正在提供，但没有存储它的任何版本</translation>
    </message>
    <message>
        <source>not served, but versions of it are stored</source>
        <translation>未提供，但已存储它的版本</translation>
    </message>
    <message>
        <source>does not match the stored versions</source>
        <translation>与已存储的版本不符</translation>
    </message>
    <message>
        <source>served, but the mirror&apos;s state has no such crate</source>
        <translation>正在提供，但镜像状态中没有该 crate</translation>
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
        <translation>请求次数</translation>
    </message>
    <message>
        <source>Last asked</source>
        <translation>最后请求时间</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Versions asked for: %1</source>
        <translation>请求的版本：%1</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>已选择</translation>
    </message>
    <message>
        <source>Add %1 to the mirror&apos;s selection</source>
        <translation>将 %1 添加到镜像的选择列表</translation>
    </message>
    <message>
        <source>Cargo has not asked for anything the mirror lacks.</source>
        <translation>cargo 尚未请求过镜像中缺少的任何内容。</translation>
    </message>
    <message>
        <source>Cargo asked for %1 crates the mirror lacks; the %2 asked for most often are listed.</source>
        <translation>cargo 请求过 %1 个镜像中缺少的 crate；下面列出了请求最频繁的 %2 个。</translation>
    </message>
    <message numerus="yes">
        <source>Cargo asked for %n crate(s) the mirror lacks.</source>
        <translation>
            <numerusform>cargo 请求过 %n 个镜像中缺少的 crate。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::OverviewPage</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Use this mirror in cargo</source>
        <translation>在 cargo 中使用此镜像</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Cargo</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>剩余 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) left</source>
        <translation>
            <numerusform>剩余 %n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) left</source>
        <translation>
            <numerusform>剩余 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>not running: %1</source>
        <translation>未运行：%1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Nothing to change in %1</source>
        <translation>%1 中没有需要更改的内容</translation>
    </message>
    <message>
        <source>Flipping the switch changes %1:</source>
        <translation>切换此开关会更改 %1：</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Syncing from the command line…</source>
        <translation>正在通过命令行同步…</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 / %2 个文件</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message numerus="yes">
        <source>Done: %Ln version(s) downloaded</source>
        <translation>
            <numerusform>完成：已下载 %Ln 个版本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already stored</source>
        <translation>
            <numerusform>%Ln 个已存储</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2), %3</source>
        <comment>Done: N versions downloaded (size), M already stored</comment>
        <translation>%1（%2），%3</translation>
    </message>
</context>
<context>
    <name>Stowaway::PlatformList</name>
    <message>
        <source>Filter targets, e.g. linux or aarch64</source>
        <translation>筛选目标平台，例如 linux 或 aarch64</translation>
    </message>
    <message>
        <source>Not a target this version of Stowaway knows</source>
        <translation>此版本的 Stowaway 不认识该目标平台</translation>
    </message>
    <message>
        <source>None checked: dependencies for every target are mirrored.</source>
        <translation>未勾选任何项：将镜像所有目标平台的依赖。</translation>
    </message>
    <message numerus="yes">
        <source>Dependencies for %n checked target(s) are mirrored.</source>
        <translation>
            <numerusform>将镜像 %n 个已勾选目标平台的依赖。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stowaway::PopularCrates</name>
    <message>
        <source>The upstream has no web API (no &quot;api&quot; in its config.json), so it cannot rank crates by downloads; name crates with --crate instead</source>
        <translation>上游没有 Web API（其 config.json 中没有“api”），因此无法按下载量对 crate 排名；请改用 --crate 指定 crate</translation>
    </message>
    <message>
        <source>The upstream&apos;s API URL &quot;%1&quot; is not an http(s) URL, so it cannot rank crates by downloads; name crates with --crate instead</source>
        <translation>上游的 API URL“%1”不是 http(s) URL，因此无法按下载量对 crate 排名；请改用 --crate 指定 crate</translation>
    </message>
    <message>
        <source>the transfer stalled and timed out</source>
        <translation>传输停滞并已超时</translation>
    </message>
    <message>
        <source>Cannot reach the crates API at %1 (%2); check the network connection</source>
        <translation>无法访问位于 %1 的 crates API（%2）；请检查网络连接</translation>
    </message>
    <message>
        <source>The crates API at %1 refused the request (HTTP 403). crates.io answers 403 to clients without a proper User-Agent; Stowaway sent &quot;%2&quot;. Set contact in mirror.toml to your e-mail address or URL and try again</source>
        <translation>位于 %1 的 crates API 拒绝了请求（HTTP 403）。crates.io 会对没有正确 User-Agent 的客户端返回 403；Stowaway 发送的是“%2”。请在 mirror.toml 中把 contact 设为您的电子邮件地址或 URL，然后重试</translation>
    </message>
    <message>
        <source>The crates API at %1 refused the request (HTTP 403: %2). crates.io answers 403 to clients without a proper User-Agent; Stowaway sent &quot;%3&quot;. Set contact in mirror.toml to your e-mail address or URL and try again</source>
        <translation>位于 %1 的 crates API 拒绝了请求（HTTP 403：%2）。crates.io 会对没有正确 User-Agent 的客户端返回 403；Stowaway 发送的是“%3”。请在 mirror.toml 中把 contact 设为您的电子邮件地址或 URL，然后重试</translation>
    </message>
    <message>
        <source>The crates API at %1 answered HTTP %2</source>
        <translation>位于 %1 的 crates API 返回了 HTTP %2</translation>
    </message>
    <message>
        <source>The crates API at %1 answered HTTP %2: %3</source>
        <translation>位于 %1 的 crates API 返回了 HTTP %2：%3</translation>
    </message>
    <message>
        <source>The crates API at %1 returned a page Stowaway cannot read: %2</source>
        <translation>位于 %1 的 crates API 返回了 Stowaway 无法读取的页面：%2</translation>
    </message>
    <message>
        <source>not JSON (%1 at byte %2)</source>
        <translation>不是 JSON（%1，位于第 %2 字节）</translation>
    </message>
    <message>
        <source>no &quot;crates&quot; list</source>
        <translation>没有“crates”列表</translation>
    </message>
    <message>
        <source>a crate without a valid &quot;name&quot;</source>
        <translation>有 crate 缺少有效的“name”</translation>
    </message>
    <message>
        <source>meta.next_page &quot;%1&quot; leads away from %2</source>
        <translation>meta.next_page“%1”指向了 %2 以外的地址</translation>
    </message>
    <message>
        <source>meta.next_page is neither a string nor null</source>
        <translation>meta.next_page 既不是字符串也不是 null</translation>
    </message>
</context>
<context>
    <name>Stowaway::ProgressRenderer</name>
    <message>
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <source>selecting</source>
        <translation>正在选择</translation>
    </message>
    <message>
        <source>resolving</source>
        <translation>正在解析</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>fetching</source>
        <translation>正在获取</translation>
    </message>
    <message>
        <source>%1/%2 git objects</source>
        <translation>%1/%2 个 git 对象</translation>
    </message>
    <message>
        <source>%1/%2 index files</source>
        <translation>%1/%2 个索引文件</translation>
    </message>
    <message>
        <source>%1/%2 crates</source>
        <translation>%1/%2 个 crate</translation>
    </message>
    <message>
        <source>(%1 failed)</source>
        <translation>（%1 个失败）</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>剩余 %1</translation>
    </message>
</context>
<context>
    <name>Stowaway::RegistryConfig</name>
    <message>
        <source>config.json is not valid JSON (%1 at byte %2)</source>
        <translation>config.json 不是有效的 JSON（%1，位于第 %2 字节）</translation>
    </message>
    <message>
        <source>config.json is not a JSON object</source>
        <translation>config.json 不是 JSON 对象</translation>
    </message>
    <message>
        <source>config.json has no &quot;dl&quot; download URL</source>
        <translation>config.json 中没有“dl”下载 URL</translation>
    </message>
    <message>
        <source>config.json: &quot;dl&quot; must be a non-empty string</source>
        <translation>config.json：“dl”必须是非空字符串</translation>
    </message>
    <message>
        <source>config.json: &quot;api&quot; must be a string</source>
        <translation>config.json：“api”必须是字符串</translation>
    </message>
    <message>
        <source>config.json: &quot;auth-required&quot; must be true or false</source>
        <translation>config.json：“auth-required”必须是 true 或 false</translation>
    </message>
</context>
<context>
    <name>Stowaway::SemverReq</name>
    <message>
        <source>a comparator has no version</source>
        <translation>某个比较运算符缺少版本号</translation>
    </message>
    <message>
        <source>empty pre-release in &apos;%1&apos;</source>
        <translation>“%1”中的预发布标识为空</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has more than three numbers</source>
        <translation>“%1”包含三个以上的数字</translation>
    </message>
    <message>
        <source>&apos;%1&apos; compares against a wildcard</source>
        <translation>“%1”与通配符进行比较</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a version</source>
        <translation>“%1”不是版本号</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: a number after a wildcard</source>
        <translation>“%1”：通配符后面出现了数字</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: a wildcard with a pre-release</source>
        <translation>“%1”：通配符带有预发布标识</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: a pre-release needs a full version</source>
        <translation>“%1”：预发布标识需要完整的版本号</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an invalid pre-release</source>
        <translation>“%1”的预发布标识无效</translation>
    </message>
    <message>
        <source>the requirement is empty</source>
        <translation>版本要求为空</translation>
    </message>
</context>
<context>
    <name>Stowaway::ServeCommand</name>
    <message>
        <source>Serves the mirror to cargo over HTTP/1.1 and h2c until stopped with Ctrl-C.
Point cargo at it with &apos;stowaway cargo-config enable&apos;.</source>
        <translation>通过 HTTP/1.1 和 h2c 向 cargo 提供镜像，直到按 Ctrl-C 停止。
运行“stowaway cargo-config enable”让 cargo 使用它。</translation>
    </message>
    <message>
        <source>Address and port to listen on (default: server.listen in mirror.toml, 127.0.0.1:27428).</source>
        <translation>要监听的地址和端口（默认：mirror.toml 中的 server.listen，即 127.0.0.1:27428）。</translation>
    </message>
    <message>
        <source>Require cargo to send the token held in environment variable NAME (LAN sharing; config.json then says auth-required).</source>
        <translation>要求 cargo 发送环境变量 NAME 中保存的令牌（局域网共享；此时 config.json 中会声明 auth-required）。</translation>
    </message>
    <message>
        <source>serve takes no arguments</source>
        <translation>serve 不接受参数</translation>
    </message>
    <message>
        <source>--token-env: environment variable %1 must hold the token, 16 to 256 visible ASCII characters</source>
        <translation>--token-env：环境变量 %1 必须包含令牌，即 16 到 256 个可见 ASCII 字符</translation>
    </message>
    <message>
        <source>Serving %1 (%2 crates, %3 versions) on %4</source>
        <translation>正在通过 %4 提供 %1（%2 个 crate，%3 个版本）</translation>
    </message>
    <message>
        <source>Requests must carry the token from $%1 (auth-required).</source>
        <translation>请求必须携带 $%1 中的令牌（auth-required）。</translation>
    </message>
    <message>
        <source>Point cargo at it: stowaway cargo-config enable --url %1</source>
        <translation>让 cargo 使用它：stowaway cargo-config enable --url %1</translation>
    </message>
    <message>
        <source>Stop with Ctrl-C.</source>
        <translation>按 Ctrl-C 停止。</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>serve the mirror to cargo over HTTP</source>
        <translation>通过 HTTP 向 cargo 提供镜像</translation>
    </message>
</context>
<context>
    <name>Stowaway::ServedIndexWriter</name>
    <message>
        <source>cannot remove %1: %2 — check the folder&apos;s permissions and run again</source>
        <translation>无法删除 %1：%2 — 请检查该文件夹的权限后重新运行</translation>
    </message>
</context>
<context>
    <name>Stowaway::SettingsPage</name>
    <message>
        <source>Saved in the system keychain.</source>
        <translation>已保存到系统密钥环。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>上游</translation>
    </message>
    <message>
        <source>you@example.org or a URL</source>
        <translation>you@example.org 或 URL</translation>
    </message>
    <message>
        <source>Sent in the User-Agent so the upstream&apos;s operators can reach you</source>
        <translation>会随 User-Agent 发送，以便上游的运营者联系您</translation>
    </message>
    <message>
        <source>Only for a private upstream</source>
        <translation>仅用于私有上游</translation>
    </message>
    <message>
        <source>Save token</source>
        <translation>保存令牌</translation>
    </message>
    <message>
        <source>Kept only in the system keychain.</source>
        <translation>仅保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Index URL:</source>
        <translation>索引 URL：</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>联系方式：</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Listen address and port:</source>
        <translation>监听地址和端口：</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>登录时启动</translation>
    </message>
    <message>
        <source>Start Stowaway in the tray when I log in</source>
        <translation>登录时在系统托盘中启动 Stowaway</translation>
    </message>
    <message>
        <source>This address can be reached from other machines: turn on LAN sharing below, which protects the mirror with a token.</source>
        <translation>其他计算机可以访问此地址：请在下方开启局域网共享，它会用令牌保护镜像。</translation>
    </message>
    <message>
        <source>LAN sharing is on: turn it off below to listen on this machine only.</source>
        <translation>局域网共享已开启：如需只在本机监听，请在下方将其关闭。</translation>
    </message>
    <message>
        <source>Saving in the system keychain…</source>
        <translation>正在保存到系统密钥环…</translation>
    </message>
    <message>
        <source>Starts from %1.</source>
        <translation>从 %1 启动。</translation>
    </message>
    <message>
        <source>Would be started from %1.</source>
        <translation>将从 %1 启动。</translation>
    </message>
    <message>
        <source>An entry for Stowaway in %1 is managed elsewhere (by an administrator or for another copy of the program) and is left as it is.</source>
        <translation>%1 中 Stowaway 的启动项由别处管理（由管理员设置，或属于该程序的另一个副本），将保持不变。</translation>
    </message>
    <message>
        <source>Only for an upstream behind a private certificate authority</source>
        <translation>仅用于使用私有证书颁发机构的上游</translation>
    </message>
    <message>
        <source>A PEM file with the certificate authorities that signed the upstream&apos;s HTTPS certificate; the system&apos;s stay trusted too</source>
        <translation>包含为上游 HTTPS 证书签名的证书颁发机构的 PEM 文件；系统自带的证书颁发机构仍然受信任</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>CA certificates:</source>
        <translation>CA 证书：</translation>
    </message>
    <message>
        <source>Choose the upstream&apos;s CA certificates</source>
        <translation>选择上游的 CA 证书</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer)</source>
        <translation>PEM 证书 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>From the environment (https_proxy, no_proxy)</source>
        <translation>取自环境变量（https_proxy、no_proxy）</translation>
    </message>
    <message>
        <source>The proxy syncs go through: http://host:port, http://user:password@host:port or socks5://host:port; none to go direct. Hosts in no_proxy are always reached direct.</source>
        <translation>同步所经由的代理：http://host:port、http://用户:密码@host:port 或 socks5://host:port；none 表示直接连接。no_proxy 中的主机始终直接连接。</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>代理：</translation>
    </message>
</context>
<context>
    <name>Stowaway::StatusCommand</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1，%2，%3</translation>
    </message>
    <message numerus="yes">
        <source>%1 crate(s)</source>
        <translation>
            <numerusform>%1 个 crate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 version(s)</source>
        <translation>
            <numerusform>%1 个版本</numerusform>
        </translation>
    </message>
    <message>
        <source>upstream: %1</source>
        <translation>上游：%1</translation>
    </message>
    <message>
        <source>last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>full mirror (estimate): %1 for %2 at the mean stored size</source>
        <translation>完整镜像（估算）：按已存储文件的平均大小计算，%2 共 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 known version(s)</source>
        <translation>
            <numerusform>%1 个已知版本</numerusform>
        </translation>
    </message>
    <message>
        <source>removed upstream, kept here: %1</source>
        <translation>上游已删除、此处保留：%1</translation>
    </message>
    <message>
        <source>Shows what the mirror holds: crates, versions and bytes stored, the upstream index and the last sync.</source>
        <translation>显示镜像的内容：已存储的 crate、版本和字节数、上游索引以及上次同步。</translation>
    </message>
    <message>
        <source>Print one line of JSON.</source>
        <translation>输出一行 JSON。</translation>
    </message>
    <message>
        <source>status takes no arguments</source>
        <translation>status 不接受参数</translation>
    </message>
    <message>
        <source>show what the mirror holds</source>
        <translation>显示镜像的内容</translation>
    </message>
    <message>
        <source>proxy: %1</source>
        <translation>代理：%1</translation>
    </message>
</context>
<context>
    <name>Stowaway::StorageSection</name>
    <message>
        <source>Storage folder</source>
        <translation>存储文件夹</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>移动…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Move the mirror to an empty folder</source>
        <translation>将镜像移动到一个空文件夹</translation>
    </message>
    <message>
        <source>The move was cancelled; the mirror stays where it was.</source>
        <translation>移动已取消；镜像保持在原位置。</translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncCommand</name>
    <message>
        <source>Problems in the dependency graph (%1):</source>
        <translation>依赖图中的问题（%1）：</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (--json lists all)</source>
        <translation>
            <numerusform>… 还有 %n 个（--json 会全部列出）</numerusform>
        </translation>
    </message>
    <message>
        <source>Not stored (%1):</source>
        <translation>未存储（%1）：</translation>
    </message>
    <message>
        <source>Fills the mirror with the selected crates and every crate they depend on.
Selection flags add to the mirror&apos;s saved selection; without them, sync brings the saved selection up to date.</source>
        <translation>用所选的 crate 及其依赖的所有 crate 填充镜像。
选择类选项会添加到镜像已保存的选择中；不带这些选项时，sync 会把已保存的选择更新到最新。</translation>
    </message>
    <message>
        <source>Index to mirror (saved in mirror.toml; default sparse+https://index.crates.io/): a sparse index, or a git index such as https://github.com/rust-lang/crates.io-index, a .git URL or a local path.</source>
        <translation>要镜像的索引（保存在 mirror.toml 中；默认为 sparse+https://index.crates.io/）：sparse 索引，或 git 索引，例如 https://github.com/rust-lang/crates.io-index、.git URL 或本地路径。</translation>
    </message>
    <message>
        <source>Add the N most downloaded crates.</source>
        <translation>添加下载量最高的 N 个 crate。</translation>
    </message>
    <message>
        <source>Add a crate, optionally with a requirement in cargo&apos;s syntax: serde, tokio@1, rand@&quot;&gt;=0.7, &lt;0.9&quot;.</source>
        <translation>添加一个 crate，可附带 cargo 语法的版本要求：serde、tokio@1、rand@&quot;&gt;=0.7, &lt;0.9&quot;。</translation>
    </message>
    <message>
        <source>Add every registry package of a Cargo.lock, exact versions.</source>
        <translation>按精确版本添加 Cargo.lock 中的每个 registry 包。</translation>
    </message>
    <message>
        <source>Versions kept of each selected crate: newest, lines:K (the newest of the K newest compatible lines) or all.</source>
        <translation>每个所选 crate 保留的版本：newest、lines:K（K 条最新兼容版本线中各自的最新版本）或 all。</translation>
    </message>
    <message>
        <source>Only mirror platform-specific dependencies for this target triple (repeatable; default: every platform).</source>
        <translation>只镜像此目标三元组的平台相关依赖（可重复指定；默认：所有平台）。</translation>
    </message>
    <message>
        <source>Also mirror dev-dependencies.</source>
        <translation>同时镜像 dev-dependencies。</translation>
    </message>
    <message>
        <source>Mirror every version of every crate (git index upstreams; remembered, later syncs fetch only what changed).</source>
        <translation>镜像所有 crate 的所有版本（需以 git 索引为上游；该设置会被记住，之后的同步只获取有变化的内容）。</translation>
    </message>
    <message>
        <source>A private upstream&apos;s token is in environment variable NAME; it is sent to the index&apos;s host only.</source>
        <translation>私有上游的令牌保存在环境变量 NAME 中；它只会发送给索引所在的主机。</translation>
    </message>
    <message>
        <source>Downloads at once (default 16).</source>
        <translation>同时下载的数量（默认 16）。</translation>
    </message>
    <message>
        <source>Show the plan; download and change nothing.</source>
        <translation>显示计划；不下载也不做任何更改。</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>以 JSON 格式输出结果。</translation>
    </message>
    <message>
        <source>No progress output.</source>
        <translation>不输出进度。</translation>
    </message>
    <message>
        <source>sync takes no arguments; name crates with --crate NAME</source>
        <translation>sync 不接受参数；请用 --crate NAME 指定 crate</translation>
    </message>
    <message>
        <source>--token-env: environment variable %1 is empty or not set</source>
        <translation>--token-env：环境变量 %1 为空或未设置</translation>
    </message>
    <message>
        <source>--jobs must be from 1 to 256</source>
        <translation>--jobs 必须在 1 到 256 之间</translation>
    </message>
    <message>
        <source>--popular must be from 1 to 100000</source>
        <translation>--popular 必须在 1 到 100000 之间</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a crate name</source>
        <translation>“%1”不是 crate 名称</translation>
    </message>
    <message>
        <source>--crate %1: %2</source>
        <translation>--crate %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n package(s) come from other registries and are not mirrored</source>
        <translation>
            <numerusform>%1：%n 个包来自其他 registry，不会被镜像</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing to sync yet: add crates with --crate NAME, --popular N or --lockfile Cargo.lock</source>
        <translation>还没有要同步的内容：请用 --crate NAME、--popular N 或 --lockfile Cargo.lock 添加 crate</translation>
    </message>
    <message>
        <source>Plan: %1 versions of %2 crates; %3 already stored (%4), %5 to download (sizes are known once downloaded).</source>
        <translation>计划：%2 个 crate 的 %1 个版本；%3 个已存储（%4），%5 个待下载（大小在下载后才能得知）。</translation>
    </message>
    <message>
        <source>(yanked)</source>
        <translation>（已撤回）</translation>
    </message>
    <message>
        <source>Synced the whole index: %1 versions downloaded (%2), %3 found in place; index files: %4 read; %5 s.</source>
        <translation>已同步整个索引：下载了 %1 个版本（%2），%3 个已就位；索引文件：读取 %4 个；用时 %5 秒。</translation>
    </message>
    <message>
        <source>Synced %1 crates: %2 versions downloaded (%3), %4 already stored; index files: %5 fetched, %6 unchanged; %7 s.</source>
        <translation>已同步 %1 个 crate：下载了 %2 个版本（%3），%4 个已存储；索引文件：获取 %5 个，%6 个未变化；用时 %7 秒。</translation>
    </message>
    <message numerus="yes">
        <source>%n index line(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>有 %n 行索引无法读取，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <source>Git index at %1 (compared in full with what is stored).</source>
        <translation>git 索引位于 %1（已与已存储内容完整比对）。</translation>
    </message>
    <message>
        <source>Git index at %1.</source>
        <translation>git 索引位于 %1。</translation>
    </message>
    <message>
        <source>Removed upstream, kept in the mirror (%1): %2</source>
        <translation>上游已删除、镜像中保留（%1）：%2</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>fetch the selected crates and everything they depend on</source>
        <translation>获取所选 crate 及其全部依赖</translation>
    </message>
    <message>
        <source>Also trust the certificate authorities in this PEM file, for an upstream behind a private CA (saved in mirror.toml).</source>
        <translation>另外信任此 PEM 文件中的证书颁发机构，用于使用私有 CA 的上游（保存在 mirror.toml 中）。</translation>
    </message>
    <message>
        <source>Send upstream requests through this proxy: http://host:port, http://user:password@host:port or socks5://host:port; none to go direct; env to follow https_proxy, http_proxy, all_proxy and no_proxy again (the default). Saved in mirror.toml.</source>
        <translation>通过此代理发送上游请求：http://host:port、http://用户:密码@host:port 或 socks5://host:port；none 表示直接连接；env 表示重新遵循 https_proxy、http_proxy、all_proxy 和 no_proxy（默认）。保存在 mirror.toml 中。</translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncEngine</name>
    <message>
        <source>The sync was cancelled; what was stored is kept.</source>
        <translation>同步已取消；已存储的内容会保留。</translation>
    </message>
    <message>
        <source>The upstream&apos;s config.json names no web API, so --popular cannot ask which crates are popular. Name the crates with --crate or --lockfile instead.</source>
        <translation>上游的 config.json 中没有 Web API，因此 --popular 无法查询哪些 crate 热门。请改用 --crate 或 --lockfile 指定 crate。</translation>
    </message>
    <message>
        <source> The mirror is unchanged.</source>
        <translation>镜像未作任何更改。</translation>
    </message>
    <message>
        <source>the upstream has no crate named %1 (HTTP %2)</source>
        <translation>上游没有名为 %1 的 crate（HTTP %2）</translation>
    </message>
    <message numerus="yes">
        <source>%n crate(s) could not be stored; run sync again to retry them.</source>
        <translation>
            <numerusform>%n 个 crate 无法存储；请再次同步以重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 The index was read from the copy fetched before, at commit %2.</source>
        <translation>%1 索引读取自之前获取的副本，位于提交 %2。</translation>
    </message>
    <message>
        <source>--all needs a git index upstream, which lists every crate; use --upstream https://github.com/rust-lang/crates.io-index</source>
        <translation>--all 需要以 git 索引作为上游，它会列出每个 crate；请使用 --upstream https://github.com/rust-lang/crates.io-index</translation>
    </message>
    <message>
        <source>the upstream&apos;s config.json names no web API</source>
        <translation>上游的 config.json 中没有 Web API</translation>
    </message>
    <message>
        <source>Popular crates ranked by reverse dependencies in the local git index, because the downloads ranking could not be had (%1).</source>
        <translation>由于无法获取下载量排名（%1），热门 crate 改为按本地 git 索引中的反向依赖数排名。</translation>
    </message>
    <message>
        <source>--popular failed: %1; and %2</source>
        <translation>--popular 失败：%1；此外 %2</translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncLock</name>
    <message>
        <source>another sync (pid %1) is running on this mirror; wait for it to finish or stop it, then try again</source>
        <translation>此镜像上已有另一个同步（pid %1）正在运行；请等待其完成或将其停止，然后重试</translation>
    </message>
    <message>
        <source>another sync is running on this mirror; wait for it to finish or stop it, then try again</source>
        <translation>此镜像上已有另一个同步正在运行；请等待其完成或将其停止，然后重试</translation>
    </message>
    <message>
        <source>cannot create %1; check that the mirror folder is writable</source>
        <translation>无法创建 %1；请检查镜像文件夹是否可写</translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncRequestBuilder</name>
    <message>
        <source>--all needs a git index upstream, which lists every crate: add --upstream https://github.com/rust-lang/crates.io-index</source>
        <translation>--all 需要以 git 索引作为上游（它列出了所有 crate）：请加上 --upstream https://github.com/rust-lang/crates.io-index</translation>
    </message>
    <message>
        <source>unknown target triple %1; `rustc --print target-list` lists them</source>
        <translation>未知的目标三元组 %1；可用 `rustc --print target-list` 查看列表</translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncSection</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Newest version only</source>
        <translation>仅最新版本</translation>
    </message>
    <message>
        <source>Newest of the newest compatible lines</source>
        <translation>最新几条兼容版本线中各自的最新版本</translation>
    </message>
    <message>
        <source>All versions</source>
        <translation>所有版本</translation>
    </message>
    <message>
        <source> lines</source>
        <translation> 条版本线</translation>
    </message>
    <message>
        <source>Only when I ask</source>
        <translation>仅在我要求时</translation>
    </message>
    <message>
        <source>Daily at</source>
        <translation>每天于</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Platforms:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>Parallel downloads:</source>
        <translation>并行下载数：</translation>
    </message>
    <message>
        <source>Sync automatically:</source>
        <translation>自动同步：</translation>
    </message>
    <message>
        <source>Next sync: %1</source>
        <translation>下次同步：%1</translation>
    </message>
    <message>
        <source>Syncs only when you press Sync or run stowaway sync.</source>
        <translation>仅在您点击“立即同步”或运行 stowaway sync 时同步。</translation>
    </message>
</context>
<context>
    <name>Stowaway::SyncWorker</name>
    <message>
        <source>a sync is already running</source>
        <translation>已有同步正在进行</translation>
    </message>
</context>
<context>
    <name>Stowaway::TlsTrust</name>
    <message>
        <source>cannot read the CA certificates %1: %2 — give the path of a PEM file</source>
        <translation>无法读取 CA 证书 %1：%2 — 请提供 PEM 文件的路径</translation>
    </message>
    <message>
        <source>%1 holds no certificate — give a PEM file with the upstream&apos;s CA certificate (BEGIN CERTIFICATE)</source>
        <translation>%1 中没有证书 — 请提供包含上游 CA 证书的 PEM 文件（BEGIN CERTIFICATE）</translation>
    </message>
    <message>
        <source>the certificate &quot;%1&quot; in %2 expired on %3 — get a current one from the upstream&apos;s administrator</source>
        <translation>%2 中的证书“%1”已于 %3 过期 — 请向上游的管理员索取当前有效的证书</translation>
    </message>
    <message>
        <source>if the upstream uses a private certificate authority, give its certificate with --cainfo FILE (kept as cainfo in mirror.toml)</source>
        <translation>如果上游使用私有证书颁发机构，请用 --cainfo FILE 提供其证书（作为 cainfo 保存在 mirror.toml 中）</translation>
    </message>
</context>
<context>
    <name>Stowaway::TrayController</name>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>停止服务器</translation>
    </message>
    <message>
        <source>Use mirror in cargo</source>
        <translation>在 cargo 中使用镜像</translation>
    </message>
    <message>
        <source>Open Stowaway</source>
        <translation>打开 Stowaway</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Cargo settings not changed</source>
        <translation>cargo 设置未更改</translation>
    </message>
    <message>
        <source>%1 crates · %2 · synced %3</source>
        <translation>%1 个 crate · %2 · %3同步</translation>
    </message>
    <message>
        <source>Syncing: %1 of %2 files</source>
        <translation>正在同步：%1 / %2 个文件</translation>
    </message>
    <message>
        <source>Syncing: reading the index</source>
        <translation>正在同步：读取索引</translation>
    </message>
    <message>
        <source>Last sync failed: %1</source>
        <translation>上次同步失败：%1</translation>
    </message>
    <message>
        <source>Server stopped</source>
        <translation>服务器已停止</translation>
    </message>
    <message>
        <source>Sync paused</source>
        <translation>同步已暂停</translation>
    </message>
    <message>
        <source>Serving %1</source>
        <translation>正在 %1 提供服务</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>启动服务器</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>同步完成</translation>
    </message>
    <message numerus="yes">
        <source>%Ln version(s) downloaded</source>
        <translation>
            <numerusform>已下载 %Ln 个版本</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>同步失败</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>N versions downloaded, size</comment>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>Stowaway::TreemapWidget</name>
    <message>
        <source>No crates stored yet: after a sync, the largest appear here.</source>
        <translation>尚未存储任何 crate：同步后，最大的 crate 会显示在这里。</translation>
    </message>
</context>
<context>
    <name>Stowaway::UpstreamProxy</name>
    <message>
        <source>the proxy setting</source>
        <translation>代理设置</translation>
    </message>
    <message>
        <source>%1 is %2, a proxy spoken to over TLS, which Stowaway cannot use; give the proxy&apos;s http:// address instead (requests to https upstreams stay encrypted through it).</source>
        <translation>%1 为 %2，这是通过 TLS 访问的代理，Stowaway 无法使用；请改用代理的 http:// 地址（发往 https 上游的请求经由它时仍保持加密）。</translation>
    </message>
    <message>
        <source>%1 is %2, whose scheme %3 is not a proxy Stowaway knows; write it as http://host:port or socks5://host:port.</source>
        <translation>%1 为 %2，其协议 %3 不是 Stowaway 认识的代理；请写成 http://host:port 或 socks5://host:port。</translation>
    </message>
    <message>
        <source>%1 is %2, which is not a proxy URL; write it as http://host:port (or http://user:password@host:port), or set it to none to go direct.</source>
        <translation>%1 为 %2，不是代理 URL；请写成 http://host:port（或 http://用户:密码@host:port），或设为 none 以直接连接。</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1（来自 %2）</translation>
    </message>
</context>
<context>
    <name>Stowaway::UpstreamUrl</name>
    <message>
        <source>The upstream URL is empty; use a sparse index URL such as %1</source>
        <translation>上游 URL 为空；请使用 sparse 索引 URL，例如 %1</translation>
    </message>
    <message>
        <source>%1 looks like a git index: give sync --upstream the git URL itself (no registry+ prefix, ending in .git), or use the sparse index %2</source>
        <translation>%1 看起来是 git 索引：请把 git URL 本身（不带 registry+ 前缀，以 .git 结尾）传给 sync --upstream，或使用 sparse 索引 %2</translation>
    </message>
    <message>
        <source>%1 lacks the sparse+ prefix cargo uses for sparse indexes: write %2</source>
        <translation>%1 缺少 cargo 用于 sparse 索引的 sparse+ 前缀：请写成 %2</translation>
    </message>
    <message>
        <source>%1 is not a sparse index URL; write it like %2</source>
        <translation>%1 不是 sparse 索引 URL；请写成类似 %2 的形式</translation>
    </message>
    <message>
        <source>%1 is not a valid sparse index URL; write it like %2</source>
        <translation>%1 不是有效的 sparse 索引 URL；请写成类似 %2 的形式</translation>
    </message>
    <message>
        <source>%1 must not carry a query, a fragment or a user name; write it like %2</source>
        <translation>%1 不能包含查询参数、片段或用户名；请写成类似 %2 的形式</translation>
    </message>
    <message>
        <source>sparse registry URLs must end in a slash `/`, as cargo requires: use %1/</source>
        <translation>按照 cargo 的要求，sparse registry URL 必须以斜杠 `/` 结尾：请使用 %1/</translation>
    </message>
</context>
<context>
    <name>Stowaway::UsageBarWidget</name>
    <message>
        <source>Mirror %1 · other files %2 · free %3 of %4</source>
        <translation>镜像 %1 · 其他文件 %2 · 可用 %3 / %4</translation>
    </message>
    <message>
        <source> · the sync adds about %1</source>
        <translation> · 本次同步约增加 %1</translation>
    </message>
    <message>
        <source>Mirror %1</source>
        <translation>镜像 %1</translation>
    </message>
    <message>
        <source>Other files %1</source>
        <translation>其他文件 %1</translation>
    </message>
    <message>
        <source>Free %1 of %2</source>
        <translation>可用 %1 / %2</translation>
    </message>
    <message>
        <source>Next sync about %1</source>
        <translation>下次同步约 %1</translation>
    </message>
</context>
<context>
    <name>Stowaway::VerifyCommand</name>
    <message>
        <source>Checked %1 stored versions: %2 ok, %3 missing, %4 corrupt.
Stray files: %5 left alone, %6 adoptable. Served index files out of date: %7. Upstream index files missing: %8.
</source>
        <translation>已检查 %1 个已存储版本：%2 个正常，%3 个缺失，%4 个损坏。
多余文件：%5 个未作处理，%6 个可收录。过期的已提供索引文件：%7 个。缺失的上游索引文件：%8 个。
</translation>
    </message>
    <message>
        <source>%1: %2 — %3</source>
        <translation>%1：%2 — %3</translation>
    </message>
    <message>
        <source>%1: %2 (%3) — %4</source>
        <translation>%1：%2（%3）— %4</translation>
    </message>
    <message>
        <source>%1 [repaired]</source>
        <translation>%1 [已修复]</translation>
    </message>
    <message>
        <source>…and %1 more (--json lists them all)</source>
        <translation>…还有 %1 个（--json 会全部列出）</translation>
    </message>
    <message>
        <source>Verify could not finish: %1</source>
        <translation>校验未能完成：%1</translation>
    </message>
    <message>
        <source>The mirror is consistent.</source>
        <translation>镜像是一致的。</translation>
    </message>
    <message>
        <source>Repaired; the mirror is consistent.</source>
        <translation>已修复；镜像是一致的。</translation>
    </message>
    <message>
        <source>Run &apos;stowaway verify --repair&apos; to fix what can be fixed.</source>
        <translation>运行“stowaway verify --repair”修复可以修复的问题。</translation>
    </message>
    <message>
        <source>Stray files were left alone: move or delete them yourself.</source>
        <translation>多余文件未作处理：请自行移走或删除。</translation>
    </message>
    <message numerus="yes">
        <source>%1 version(s) must be downloaded again: run &apos;stowaway sync&apos;.</source>
        <translation>
            <numerusform>%1 个版本需要重新下载：请运行“stowaway sync”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-hashes every stored .crate file against its checksum and checks that the state, the files and the served index agree.</source>
        <translation>重新计算每个已存储 .crate 文件的哈希并与校验和比对，并检查状态、文件和所提供的索引是否一致。</translation>
    </message>
    <message>
        <source>Fix what can be fixed: forget missing files, move damaged ones to quarantine/, adopt good stray files, rewrite the served index.</source>
        <translation>修复可以修复的问题：忽略缺失的文件，把损坏的文件移到 quarantine/，收录完好的多余文件，重写所提供的索引。</translation>
    </message>
    <message>
        <source>Print the report as JSON.</source>
        <translation>以 JSON 格式输出报告。</translation>
    </message>
    <message>
        <source>verify takes no arguments</source>
        <translation>verify 不接受参数</translation>
    </message>
    <message>
        <source>hashed %1 of %2 files</source>
        <translation>已计算 %1/%2 个文件的哈希</translation>
    </message>
    <message>
        <source>check every stored file against its checksum</source>
        <translation>根据校验和检查每个已存储的文件</translation>
    </message>
</context>
</TS>
