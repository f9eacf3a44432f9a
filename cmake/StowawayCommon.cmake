# One compile configuration shared by every target of the project.
add_library(stowaway_common_cfg INTERFACE)
target_compile_features(stowaway_common_cfg INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_definitions(stowaway_common_cfg INTERFACE
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    STOWAWAY_VERSION="${PROJECT_VERSION}")
target_compile_options(stowaway_common_cfg INTERFACE
    -Wall -Wextra -pedantic -Wold-style-cast -Wnon-virtual-dtor -Wshadow=local)
if(STOWAWAY_WERROR)
    target_compile_options(stowaway_common_cfg INTERFACE -Werror)
endif()

# Product code (core, ui, app) also forbids implicit conversions from 8-bit strings;
# tests may write string literals where a QString is wanted.
add_library(stowaway_strict_cfg INTERFACE)
target_compile_definitions(stowaway_strict_cfg INTERFACE QT_NO_CAST_FROM_ASCII)
add_library(stowaway_test_cfg INTERFACE)
target_compile_definitions(stowaway_test_cfg INTERFACE QT_RESTRICTED_CAST_FROM_ASCII)
