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
    <name>Stowaway::LocalPopularCrates</name>
    <message>
        <source>Cannot rank crates from the local git index: %1</source>
        <translation>无法根据本地 git 索引对 crate 排名：%1</translation>
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
</context>
<context>
    <name>Stowaway::TreemapWidget</name>
    <message>
        <source>No crates stored yet: after a sync, the largest appear here.</source>
        <translation>尚未存储任何 crate：同步后，最大的 crate 会显示在这里。</translation>
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
</TS>
