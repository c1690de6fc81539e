# Install rules and package files (included from the top-level CMakeLists.txt when
# PARKINVEST_INSTALL is ON):
#
#   include/parkinvest/**.hpp                        the public headers
#   <libdir>/libparkinvest.a                         the compiled part
#   <libdir>/cmake/parkinvest/parkinvestConfig.cmake, parkinvestConfigVersion.cmake,
#                             parkinvestTargets*.cmake, parkinvestCerealTargets.cmake
#                                                    for find_package(parkinvest CONFIG)
#   <libdir>/pkgconfig/parkinvest.pc                 for pkg-config
#
# The install is relocatable: every installed file finds the others relative to its own
# location, so a prefix can be moved or copied (vcpkg and Conan do). Absolute
# CMAKE_INSTALL_INCLUDEDIR / CMAKE_INSTALL_LIBDIR are honoured as given.
include(CMakePackageConfigHelpers)

set(PARKINVEST_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/parkinvest"
    CACHE STRING "Where parkinvestConfig.cmake is installed (relative to the prefix)")
mark_as_advanced(PARKINVEST_INSTALL_CMAKEDIR)

# Every header of the tree, so headers added later are installed without touching this file.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/parkinvest"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp")

install(TARGETS parkinvest EXPORT parkinvestTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(EXPORT parkinvestTargets
        NAMESPACE parkinvest::
        DESTINATION "${PARKINVEST_INSTALL_CMAKEDIR}")
# parkinvest::cereal in a file of its own: the config loads it only where cereal is installed.
install(TARGETS parkinvest_cereal EXPORT parkinvestCerealTargets)
install(EXPORT parkinvestCerealTargets
        NAMESPACE parkinvest::
        DESTINATION "${PARKINVEST_INSTALL_CMAKEDIR}")

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/parkinvestConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/parkinvestConfig.cmake"
  INSTALL_DESTINATION "${PARKINVEST_INSTALL_CMAKEDIR}")
# 0.x: a new minor version may break the API, so find_package(parkinvest 0.1) accepts 0.1.* only.
# Not ARCH_INDEPENDENT: the package holds a compiled library, so the pointer size must match.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/parkinvestConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/parkinvestConfig.cmake"
              "${PROJECT_BINARY_DIR}/parkinvestConfigVersion.cmake"
        DESTINATION "${PARKINVEST_INSTALL_CMAKEDIR}")

# pkg-config. With a relative libdir the prefix is found from the .pc file's own location
# (${pcfiledir}), so a moved prefix still works; an absolute libdir puts the .pc outside the
# prefix, and the configured CMAKE_INSTALL_PREFIX is used. Absolute include and lib dirs are
# written as they are, relative ones below ${prefix}.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(PARKINVEST_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _pi_pc_up "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
  string(REGEX REPLACE "/$" "" _pi_pc_up "${_pi_pc_up}")
  set(PARKINVEST_PC_PREFIX "\${pcfiledir}/${_pi_pc_up}")
endif()
foreach(_pi_dir INCLUDEDIR LIBDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_pi_dir}}")
    set(PARKINVEST_PC_${_pi_dir} "${CMAKE_INSTALL_${_pi_dir}}")
  else()
    set(PARKINVEST_PC_${_pi_dir} "\${prefix}/${CMAKE_INSTALL_${_pi_dir}}")
  endif()
endforeach()
configure_file("${PROJECT_SOURCE_DIR}/cmake/parkinvest.pc.in" "${PROJECT_BINARY_DIR}/parkinvest.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/parkinvest.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
