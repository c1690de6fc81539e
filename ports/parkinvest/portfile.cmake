# vcpkg port for parkinvest (an overlay port: vcpkg install parkinvest --overlay-ports=ports).
# A static library: no symbols are exported for a Windows DLL.
vcpkg_check_linkage(ONLY_STATIC_LIBRARY)

vcpkg_from_github(
    OUT_SOURCE_PATH SOURCE_PATH
    REPO parkinvest/parkinvest
    REF "v${VERSION}"
    SHA512 0  # set when v${VERSION} is tagged: vcpkg prints the archive's hash on the first install
    HEAD_REF main
)

# Feature "tools" (a default feature): the command-line tool `parkinvest`, in tools/parkinvest/.
vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
    FEATURES
        tools PARKINVEST_BUILD_TOOLS
)

# tests/package/run.cmake (package_vcpkg) configures the source with exactly these options, for
# each feature, and checks what they install.
vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        ${FEATURE_OPTIONS}
        -DPARKINVEST_BUILD_TESTS=OFF
        -DPARKINVEST_BUILD_EXAMPLES=OFF
        -DPARKINVEST_BUILD_BENCHMARKS=OFF
        -DPARKINVEST_BUILD_FUZZERS=OFF
        -DPARKINVEST_INSTALL=ON
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH lib/cmake/${PORT})
vcpkg_fixup_pkgconfig()
if("tools" IN_LIST FEATURES)
    vcpkg_copy_tools(TOOL_NAMES parkinvest AUTO_CLEAN)
endif()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
