# SPDX-License-Identifier: GPL-3.0-or-later
# Desktop integration files and the Debian package (CPack DEB). Included last from the top-level
# CMakeLists.txt, after every install() rule. Build the package with
#   cpack --config <build>/CPackConfig.cmake -G DEB -B <output folder>
# Runtime dependencies come from dpkg-shlibdeps (package dpkg-dev) reading the installed binary.
include(GNUInstallDirs)

set(STOWAWAY_APP_ID org.stowaway.Stowaway)
install(FILES ${PROJECT_SOURCE_DIR}/installer/${STOWAWAY_APP_ID}.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/installer/${STOWAWAY_APP_ID}.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME stowaway)
set(CPACK_PACKAGE_VENDOR "The Stowaway developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "local crates.io mirror that cargo can use offline")
set(CPACK_PACKAGE_INSTALL_DIRECTORY stowaway)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_NAME stowaway)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "The Stowaway developers <stowaway@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded at run time as Qt plugins (the SQLite driver; the xcb/wayland platform plugins the
# desktop app needs), so dpkg-shlibdeps cannot see them. The linked libraries (libqt6widgets6,
# libqt6gui6, libqt6keychain1, …) it finds itself, with versions.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
# The long description; CPack puts the summary above it and indents it as Debian wants.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Stowaway keeps the crates you choose from crates.io on your own disk and serves
them to cargo over HTTP (the sparse index protocol), so builds keep working
without a network. It mirrors popular crates, named crates or whatever a
Cargo.lock needs, checks every archive, and switches cargo's configuration to
the mirror and back. A tray app shows the mirror's state; a command line does
sync, serve, status and verify for scripts.")

# Qt's own texts (standard buttons, dialogs) in the interface language; optional at run time.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
include(CPack)
