# One package test (see CMakeLists.txt beside this file):
#   cmake -DSETTINGS=<build>/tests/package/package_test_settings.cmake -DCASE=<case> [-DPI_CONFIG=<config>] -P run.cmake
# Fails (FATAL_ERROR, non-zero exit) with the failing command's output on any problem.
cmake_minimum_required(VERSION 3.25)
if(NOT DEFINED SETTINGS OR NOT DEFINED CASE)
  message(FATAL_ERROR "usage: cmake -DSETTINGS=<settings file> -DCASE=<case> [-DPI_CONFIG=<config>] -P run.cmake")
endif()
include("${SETTINGS}")
set(PI_TESTS_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(PI_CONSUMER_DIR "${PI_TESTS_DIR}/consumer")
cmake_host_system_information(RESULT PI_JOBS QUERY NUMBER_OF_LOGICAL_CORES)

# ------------------------------------------------------------------------------------------ helpers

# pi_run(<command>... [EXPECT_FAILURE] [WORKING_DIRECTORY <dir>] [OUTPUT <var>])
# Runs a command; fails with its output unless it succeeds (fails, with EXPECT_FAILURE).
function(pi_run)
  cmake_parse_arguments(PARSE_ARGV 0 arg "EXPECT_FAILURE" "WORKING_DIRECTORY;OUTPUT" "")
  set(command ${arg_UNPARSED_ARGUMENTS})
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${PI_WORK_DIR}")
  endif()
  list(JOIN command " " shown)
  message(STATUS "$ ${shown}")
  execute_process(COMMAND ${command} WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(arg_EXPECT_FAILURE AND rc EQUAL 0)
    message(FATAL_ERROR "expected to fail, but succeeded: ${shown}\n${out}")
  elseif(NOT arg_EXPECT_FAILURE AND NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${shown}\n${out}")
  endif()
  if(arg_OUTPUT)
    set(${arg_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

# The options every configure gets: this build's generator, compiler, launcher and flags, so a
# sanitizer build's consumers are sanitized too. No CMAKE_BUILD_TYPE: the consumers build without
# debug information, which is faster and lets ccache share identical compiles between the tests
# (a consumer links the installed library of any configuration).
set(PI_CONFIGURE_ARGS -G "${PI_GENERATOR}" "-DCMAKE_CXX_COMPILER=${PI_CXX_COMPILER}"
    "-DCMAKE_CXX_FLAGS=${PI_CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${PI_EXE_LINKER_FLAGS}")
if(PI_MAKE_PROGRAM)
  list(APPEND PI_CONFIGURE_ARGS "-DCMAKE_MAKE_PROGRAM=${PI_MAKE_PROGRAM}")
endif()
if(PI_LAUNCHER)
  list(APPEND PI_CONFIGURE_ARGS "-DCMAKE_CXX_COMPILER_LAUNCHER=${PI_LAUNCHER}")
endif()
# Multi-config generators: build and install the configuration under test.
set(PI_CONFIG_ARGS)
if(PI_CONFIG AND PI_MULTI_CONFIG)
  set(PI_CONFIG_ARGS --config "${PI_CONFIG}")
endif()

# pi_configure(<source dir> <binary dir> [cmake args...] [OUTPUT <var>]): a fresh configure.
function(pi_configure source binary)
  cmake_parse_arguments(PARSE_ARGV 2 arg "EXPECT_FAILURE" "OUTPUT" "")
  file(REMOVE_RECURSE "${binary}")
  set(expect)
  if(arg_EXPECT_FAILURE)
    set(expect EXPECT_FAILURE)
  endif()
  pi_run("${CMAKE_COMMAND}" -S "${source}" -B "${binary}" ${PI_CONFIGURE_ARGS} ${arg_UNPARSED_ARGUMENTS}
         ${expect} OUTPUT out)
  if(arg_OUTPUT)
    set(${arg_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

# pi_build(<binary dir> [targets...] [OUTPUT <var>])
function(pi_build binary)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT" "")
  set(targets)
  if(arg_UNPARSED_ARGUMENTS)
    set(targets --target ${arg_UNPARSED_ARGUMENTS})
  endif()
  pi_run("${CMAKE_COMMAND}" --build "${binary}" ${PI_CONFIG_ARGS} --parallel ${PI_JOBS} ${targets} OUTPUT out)
  if(arg_OUTPUT)
    set(${arg_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

# pi_expect_tool(<prefix>): <prefix>/bin/parkinvest runs and prints this version.
function(pi_expect_tool prefix)
  set(tool "${prefix}/${PI_BINDIR}/parkinvest${CMAKE_EXECUTABLE_SUFFIX}")
  if(NOT EXISTS "${tool}")
    message(FATAL_ERROR "not installed: ${tool} (the command-line tool belongs to every install)")
  endif()
  pi_run("${tool}" --version OUTPUT out)
  if(NOT out STREQUAL "parkinvest ${PI_VERSION}\n")
    message(FATAL_ERROR "${tool} --version printed '${out}', expected 'parkinvest ${PI_VERSION}'")
  endif()
endfunction()

# pi_run_program(<binary dir> <program> <regex>): runs a program built in <binary dir> (in its
# configuration's folder for multi-config generators); its output must match <regex>.
function(pi_run_program binary program regex)
  set(dir "${binary}")
  if(PI_MULTI_CONFIG AND PI_CONFIG)
    set(dir "${dir}/${PI_CONFIG}")
  endif()
  pi_run("${dir}/${program}" OUTPUT out)
  if(NOT out MATCHES "${regex}")
    message(FATAL_ERROR "the output of ${program} is not the expected one:\n${out}")
  endif()
endfunction()

# pi_run_consumer(<binary dir>): runs <binary dir>/parkinvest_consumer and checks its output.
function(pi_run_consumer binary)
  pi_run_program("${binary}" parkinvest_consumer
                 "parkinvest ${PI_VERSION}\n.*Demo High-tech Zone +2 +1\\.325 billion yuan.*all checks passed")
endfunction()

# pi_expect_found_in(<binary dir> <prefix>): find_package(parkinvest) used the package in <prefix>.
function(pi_expect_found_in binary prefix)
  file(STRINGS "${binary}/CMakeCache.txt" line REGEX "^parkinvest_DIR:")
  string(REGEX REPLACE "^[^=]*=" "" dir "${line}")
  file(REAL_PATH "${prefix}/${PI_CMAKEDIR}" expected)
  if(EXISTS "${dir}")
    file(REAL_PATH "${dir}" dir)
  endif()
  if(NOT dir STREQUAL expected)
    message(FATAL_ERROR "find_package(parkinvest) used '${dir}', not '${expected}'")
  endif()
endfunction()

# pi_install(<prefix>): cmake --install of this build into a fresh <prefix>.
function(pi_install prefix)
  file(REMOVE_RECURSE "${prefix}")
  pi_run("${CMAKE_COMMAND}" --install "${PI_BUILD_DIR}" --prefix "${prefix}" ${PI_CONFIG_ARGS})
endfunction()

# The consumer's sources (PARKINVEST_CONSUMER_SOURCES).
include("${PI_CONSUMER_DIR}/sources.cmake")

# The options that turn everything of parkinvest's own off, for builds from source.
set(PI_LIBRARY_ONLY -DPARKINVEST_BUILD_TESTS=OFF -DPARKINVEST_BUILD_EXAMPLES=OFF -DPARKINVEST_BUILD_TOOLS=OFF
    -DPARKINVEST_BUILD_BENCHMARKS=OFF -DPARKINVEST_BUILD_FUZZERS=OFF)

# -------------------------------------------------------------------------------------------- cases

function(case_install)
  pi_install("${PI_PREFIX}")
endfunction()

# Every public header is installed (and nothing from src/); the config finds Boost and cereal
# before it loads the targets; no installed file names the source or build directory.
function(case_installed_files)
  file(GLOB_RECURSE source_headers RELATIVE "${PI_SOURCE_DIR}/include" "${PI_SOURCE_DIR}/include/*")
  file(GLOB_RECURSE installed_headers RELATIVE "${PI_PREFIX}/${PI_INCLUDEDIR}" "${PI_PREFIX}/${PI_INCLUDEDIR}/*")
  list(SORT source_headers)
  list(SORT installed_headers)
  if(NOT source_headers STREQUAL installed_headers)
    message(FATAL_ERROR "installed headers differ from include/:\n  source:    ${source_headers}\n"
                        "  installed: ${installed_headers}")
  endif()
  list(LENGTH installed_headers header_count)

  set(cmakedir "${PI_PREFIX}/${PI_CMAKEDIR}")
  foreach(file parkinvestConfig.cmake parkinvestConfigVersion.cmake parkinvestTargets.cmake)
    if(NOT EXISTS "${cmakedir}/${file}")
      message(FATAL_ERROR "not installed: ${cmakedir}/${file}")
    endif()
  endforeach()
  foreach(file "${PI_PREFIX}/${PI_LIBDIR}/pkgconfig/parkinvest.pc" "${PI_PREFIX}/${PI_LIBDIR}/libparkinvest.a")
    if(NOT EXISTS "${file}")
      message(FATAL_ERROR "not installed: ${file}")
    endif()
  endforeach()
  if(PI_TOOLS)
    pi_expect_tool("${PI_PREFIX}")
  endif()

  # Usage requirements: /utf-8 for MSVC (the headers hold UTF-8 literals), never a warning flag.
  file(READ "${cmakedir}/parkinvestTargets.cmake" targets)
  file(STRINGS "${cmakedir}/parkinvestTargets.cmake" options REGEX "^ *INTERFACE_COMPILE_OPTIONS ")
  string(FIND "${options}" "CXX_COMPILER_ID:MSVC>:/utf-8>" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "parkinvest::parkinvest does not pass /utf-8 on to MSVC consumers:\n${targets}")
  endif()
  if(targets MATCHES "Werror|/WX|-W[a-z]")
    message(FATAL_ERROR "parkinvest::parkinvest passes a warning option on to its consumers:\n${targets}")
  endif()

  file(READ "${cmakedir}/parkinvestConfig.cmake" config)
  string(FIND "${config}" "find_dependency(Boost 1.74 CONFIG)" boost_at)
  string(FIND "${config}" "parkinvestTargets.cmake" targets_at)
  string(FIND "${config}" "find_package(cereal 1.3.1 CONFIG QUIET)" cereal_at)
  string(FIND "${config}" "parkinvestCerealTargets.cmake" cereal_targets_at)
  if(boost_at EQUAL -1 OR cereal_at EQUAL -1 OR NOT boost_at LESS targets_at OR NOT cereal_at LESS cereal_targets_at
     OR config MATCHES "find_dependency\\(cereal")
    message(FATAL_ERROR "parkinvestConfig.cmake must find Boost 1.74 before loading its targets, and look for "
                        "cereal 1.3.1 (not require it) before parkinvest::cereal:\n${config}")
  endif()
  if(NOT EXISTS "${cmakedir}/parkinvestCerealTargets.cmake")
    message(FATAL_ERROR "not installed: ${cmakedir}/parkinvestCerealTargets.cmake")
  endif()
  # parkinvest::parkinvest needs Boost only: cereal is inside the compiled library, and no
  # installed header but io/cereal.hpp and the io/cereal_detail.hpp it includes names cereal.
  if(targets MATCHES "cereal")
    message(FATAL_ERROR "parkinvest::parkinvest names cereal:\n${targets}")
  endif()
  set(with_cereal "")
  foreach(header IN LISTS installed_headers)
    file(STRINGS "${PI_PREFIX}/${PI_INCLUDEDIR}/${header}" includes REGEX "^#include <cereal/")
    if(includes)
      list(APPEND with_cereal "${header}")
    endif()
  endforeach()
  if(NOT with_cereal STREQUAL "parkinvest/io/cereal_detail.hpp")
    message(FATAL_ERROR "the headers that include cereal must be io/cereal_detail.hpp alone (through io/cereal.hpp), not: ${with_cereal}")
  endif()

  # Relocatable: no installed text file names a directory of this machine's build. Compiled
  # libraries and programs (bin/parkinvest) are not read: a build with debug information names
  # its source files there, as every such build does, and no consumer's build reads those paths.
  file(GLOB_RECURSE installed LIST_DIRECTORIES false "${PI_PREFIX}/*")
  set(checked 0)
  foreach(file IN LISTS installed)
    string(FIND "${file}" "${PI_PREFIX}/bin/" in_bin)
    if(file MATCHES "\\.(a|so|so\\.[0-9.]+|dylib|lib|dll|exe)$" OR in_bin EQUAL 0)
      continue()
    endif()
    file(READ "${file}" content)
    foreach(dir "${PI_SOURCE_DIR}" "${PI_BUILD_DIR}")
      string(FIND "${content}" "${dir}" at)
      if(NOT at EQUAL -1)
        message(FATAL_ERROR "${file} contains the absolute path ${dir}: the install is not relocatable")
      endif()
    endforeach()
    math(EXPR checked "${checked} + 1")
  endforeach()
  message(STATUS "${header_count} headers installed; ${checked} installed text files name no build path")
endfunction()

# Consumer 1: find_package(parkinvest 0.1 REQUIRED CONFIG), -Wall -Wextra -Werror, no C++ standard.
function(case_find_package)
  set(binary "${PI_WORK_DIR}/find_package")
  pi_configure("${PI_CONSUMER_DIR}" "${binary}" "-DCMAKE_PREFIX_PATH=${PI_PREFIX}")
  pi_expect_found_in("${binary}" "${PI_PREFIX}")
  pi_build("${binary}")
  pi_run_consumer("${binary}")
endfunction()

# Consumer 1 against a prefix installed in one folder and moved to another: the install
# folder no longer exists when the consumer is configured and built.
function(case_moved_prefix)
  set(installed "${PI_WORK_DIR}/moved/installed-here")
  set(moved "${PI_WORK_DIR}/moved/then/moved/here")
  file(REMOVE_RECURSE "${PI_WORK_DIR}/moved")
  pi_install("${installed}")
  file(MAKE_DIRECTORY "${PI_WORK_DIR}/moved/then/moved")
  file(RENAME "${installed}" "${moved}")
  set(binary "${PI_WORK_DIR}/moved/consumer-build")
  pi_configure("${PI_CONSUMER_DIR}" "${binary}" "-DCMAKE_PREFIX_PATH=${moved}")
  pi_expect_found_in("${binary}" "${moved}")
  pi_build("${binary}")
  pi_run_consumer("${binary}")
  if(PI_TOOLS)
    pi_expect_tool("${moved}")
  endif()
endfunction()

# cereal is inside the compiled library: a consumer of parkinvest::parkinvest configures, builds and
# runs where CMake cannot find cereal; parkinvest::cereal (COMPONENTS cereal) gives
# <parkinvest/io/cereal.hpp> for archives of one's own, and fails with a message without cereal.
function(case_cereal)
  set(binary "${PI_WORK_DIR}/no_cereal")
  pi_configure("${PI_CONSUMER_DIR}" "${binary}" "-DCMAKE_PREFIX_PATH=${PI_PREFIX}" -DCMAKE_DISABLE_FIND_PACKAGE_cereal=ON)
  pi_expect_found_in("${binary}" "${PI_PREFIX}")
  pi_build("${binary}")
  pi_run_consumer("${binary}")

  set(binary "${PI_WORK_DIR}/cereal")
  pi_configure("${PI_TESTS_DIR}/cereal" "${binary}" "-DCMAKE_PREFIX_PATH=${PI_PREFIX}")
  pi_build("${binary}")
  pi_run_program("${binary}" parkinvest_cereal_consumer
                 "cereal archives of my own: 605\\.6亿元 and project 光大人工智能产业基地 round-trip")

  pi_configure("${PI_TESTS_DIR}/cereal" "${PI_WORK_DIR}/cereal_missing" "-DCMAKE_PREFIX_PATH=${PI_PREFIX}"
               -DCMAKE_DISABLE_FIND_PACKAGE_cereal=ON EXPECT_FAILURE OUTPUT out)
  if(NOT out MATCHES "parkinvest::cereal needs cereal 1\\.3\\.1 or later")
    message(FATAL_ERROR "COMPONENTS cereal without cereal did not fail with the message:\n${out}")
  endif()
endfunction()

# add_subdirectory(<source> parkinvest SYSTEM): parkinvest::parkinvest, with its headers as
# system headers, and none of parkinvest's tests, examples or benchmarks. The library is built
# with one warning more than its own set (-Wpadded, standing for what a newer compiler adds to
# -Wall): the build must succeed with the warnings shown, as parkinvest never makes its warnings
# errors in another project's build (PARKINVEST_WERROR is OFF there).
function(case_subdirectory)
  set(binary "${PI_WORK_DIR}/subdirectory")
  pi_configure("${PI_TESTS_DIR}/subdirectory" "${binary}" "-DPARKINVEST_SOURCE_DIR=${PI_SOURCE_DIR}"
               -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "-DPARKINVEST_NEWER_WARNINGS=-Wpadded")
  pi_build("${binary}" OUTPUT out)
  pi_run_consumer("${binary}")
  pi_expect_only_parent_tests("${binary}")
  pi_expect_system_headers("${binary}")
  string(REGEX MATCHALL "(src|include/parkinvest)/[a-z_/0-9]+\\.[ch]pp:[0-9]+:[0-9]+: warning: [^\n]*\\[-Wpadded\\]" warned "${out}")
  list(LENGTH warned n)
  if(n EQUAL 0)
    message(FATAL_ERROR "the library's sources were not built with the extra warning (no -Wpadded warning):\n${out}")
  endif()
  message(STATUS "the library built with ${n} -Wpadded warnings in its sources, none an error")
endfunction()

# pi_expect_system_headers(<binary dir>): the consumer compiles with parkinvest's headers as
# system headers (-isystem), so that its own warning flags do not apply to them.
function(pi_expect_system_headers binary)
  file(READ "${binary}/compile_commands.json" commands)
  if(NOT commands MATCHES "-isystem ${PI_SOURCE_DIR}/include[^\n]*consumer/main\\.cpp")
    message(FATAL_ERROR "the consumer does not see parkinvest's headers as system headers:\n${commands}")
  endif()
endfunction()

# The parent's ctest lists its own test only.
function(pi_expect_only_parent_tests binary)
  pi_run("${CMAKE_CTEST_COMMAND}" -N ${PI_CONFIG_ARGS} WORKING_DIRECTORY "${binary}" OUTPUT listed)
  if(NOT listed MATCHES "Test +#1: consumer\n" OR NOT listed MATCHES "Total Tests: 1\n")
    message(FATAL_ERROR "the parent project has tests that are not its own:\n${listed}")
  endif()
endfunction()

# FetchContent_Declare(parkinvest GIT_REPOSITORY ...) as the README shows it, kept offline:
# FETCHCONTENT_SOURCE_DIR_PARKINVEST points at this source tree and nothing is fetched.
# FetchContent_MakeAvailable adds that tree with add_subdirectory, so the build would be the
# subdirectory case's again: this case configures and checks what FetchContent brings (the
# library alone, its headers as system headers, no tests) without building it a second time.
function(case_fetchcontent)
  set(binary "${PI_WORK_DIR}/fetchcontent")
  pi_configure("${PI_TESTS_DIR}/fetchcontent" "${binary}" "-DFETCHCONTENT_SOURCE_DIR_PARKINVEST=${PI_SOURCE_DIR}"
               -DFETCHCONTENT_FULLY_DISCONNECTED=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)
  pi_expect_only_parent_tests("${binary}")
  pi_expect_system_headers("${binary}")
endfunction()

# pkg-config: the compiler with $(pkg-config --cflags --libs parkinvest) and -std=c++20, the
# same warnings as consumer 1; and the .pc's own fields.
function(case_pkg_config)
  set(ENV{PKG_CONFIG_PATH} "${PI_PREFIX}/${PI_LIBDIR}/pkgconfig")
  unset(ENV{PKG_CONFIG_LIBDIR})
  pi_run("${PI_PKG_CONFIG}" --modversion parkinvest OUTPUT version)
  string(STRIP "${version}" version)
  if(NOT version STREQUAL PI_VERSION)
    message(FATAL_ERROR "pkg-config --modversion parkinvest: '${version}', expected ${PI_VERSION}")
  endif()
  pi_run("${PI_PKG_CONFIG}" --variable=includedir parkinvest OUTPUT includedir)
  string(STRIP "${includedir}" includedir)
  file(REAL_PATH "${includedir}" includedir)
  file(REAL_PATH "${PI_PREFIX}/${PI_INCLUDEDIR}" expected)
  if(NOT includedir STREQUAL expected)
    message(FATAL_ERROR "pkg-config's includedir is '${includedir}', expected '${expected}'")
  endif()
  pi_run("${PI_PKG_CONFIG}" --cflags --libs parkinvest OUTPUT flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  separate_arguments(cxx_flags UNIX_COMMAND "${PI_CXX_FLAGS}")
  separate_arguments(linker_flags UNIX_COMMAND "${PI_EXE_LINKER_FLAGS}")
  set(binary "${PI_WORK_DIR}/pkg_config")
  file(REMOVE_RECURSE "${binary}")
  file(MAKE_DIRECTORY "${binary}")
  pi_run(${PI_LAUNCHER} "${PI_CXX_COMPILER}" -std=c++20 -Wall -Wextra -Werror ${cxx_flags}
         ${PARKINVEST_CONSUMER_SOURCES} ${flags} ${linker_flags} -o "${binary}/parkinvest_consumer")
  pi_run_consumer("${binary}")
endfunction()

# parkinvest.pc when CMAKE_INSTALL_INCLUDEDIR / CMAKE_INSTALL_LIBDIR are absolute (a configure
# of the library alone; the .pc is written at configure time).
function(case_pkg_config_dirs)
  set(root "${PI_WORK_DIR}/pc_dirs")
  # Absolute include dir, relative lib dir: includedir as given, libdir below the .pc's prefix.
  pi_configure("${PI_SOURCE_DIR}" "${root}/abs-include" ${PI_LIBRARY_ONLY} -DPARKINVEST_INSTALL=ON
               -DCMAKE_INSTALL_PREFIX=/opt/parkinvest -DCMAKE_INSTALL_INCLUDEDIR=/srv/headers -DCMAKE_INSTALL_LIBDIR=lib64)
  pi_expect_pc("${root}/abs-include" includedir "/srv/headers")
  pi_expect_pc("${root}/abs-include" prefix "\${pcfiledir}/../..")
  pi_expect_pc("${root}/abs-include" libdir "\${prefix}/lib64")
  # Absolute lib dir (the .pc lands outside the prefix): the configured prefix, relative include dir.
  pi_configure("${PI_SOURCE_DIR}" "${root}/abs-lib" ${PI_LIBRARY_ONLY} -DPARKINVEST_INSTALL=ON
               -DCMAKE_INSTALL_PREFIX=/opt/parkinvest -DCMAKE_INSTALL_INCLUDEDIR=inc -DCMAKE_INSTALL_LIBDIR=/srv/lib)
  pi_expect_pc("${root}/abs-lib" prefix "/opt/parkinvest")
  pi_expect_pc("${root}/abs-lib" includedir "\${prefix}/inc")
  pi_expect_pc("${root}/abs-lib" libdir "/srv/lib")
  # What pkg-config makes of the second: -I/opt/parkinvest/inc -L/srv/lib -lparkinvest.
  set(ENV{PKG_CONFIG_PATH} "${root}/abs-lib")
  pi_run("${PI_PKG_CONFIG}" --cflags --libs parkinvest OUTPUT flags)
  string(STRIP "${flags}" flags)
  if(NOT flags STREQUAL "-I/opt/parkinvest/inc -L/srv/lib -lparkinvest")
    message(FATAL_ERROR "pkg-config --cflags --libs: '${flags}'")
  endif()
endfunction()

# pi_expect_pc(<binary dir> <variable> <value>): the generated parkinvest.pc sets <variable>=<value>.
function(pi_expect_pc binary variable value)
  file(STRINGS "${binary}/parkinvest.pc" lines REGEX "^${variable}=")
  if(NOT lines STREQUAL "${variable}=${value}")
    file(READ "${binary}/parkinvest.pc" pc)
    message(FATAL_ERROR "${binary}/parkinvest.pc: expected ${variable}=${value}:\n${pc}")
  endif()
endfunction()

# find_package's version checks: SameMinorVersion; an impossible version fails the configure.
function(case_version)
  pi_configure("${PI_TESTS_DIR}/version" "${PI_WORK_DIR}/version" "-DCMAKE_PREFIX_PATH=${PI_PREFIX}"
               EXPECT_FAILURE OUTPUT out)
  if(NOT out MATCHES "parkinvest version checks passed")
    message(FATAL_ERROR "the version checks did not pass:\n${out}")
  endif()
  if(NOT out MATCHES "compatible with requested version \"99\"" OR NOT out MATCHES "version: ${PI_VERSION}")
    message(FATAL_ERROR "find_package(parkinvest 99 REQUIRED) did not fail as expected:\n${out}")
  endif()
endfunction()

# Every installed header compiles alone, twice included, with strict warnings.
function(case_headers)
  set(binary "${PI_WORK_DIR}/headers")
  pi_configure("${PI_TESTS_DIR}/headers" "${binary}" "-DCMAKE_PREFIX_PATH=${PI_PREFIX}" OUTPUT out)
  pi_build("${binary}")
  string(REGEX MATCH "[0-9]+ headers, one translation unit each" summary "${out}")
  message(STATUS "${summary}")
endfunction()

# vcpkg (cannot run offline here): the manifests are valid JSON with the fields vcpkg needs; the
# source configured with exactly the OPTIONS of ports/parkinvest/portfile.cmake, with and without
# its tools feature, installs the layout the portfile's fixups expect; consumer 1 built from the
# lines of the port's usage file against the shared install.
function(case_vcpkg)
  foreach(manifest "${PI_SOURCE_DIR}/vcpkg.json" "${PI_SOURCE_DIR}/ports/parkinvest/vcpkg.json")
    file(READ "${manifest}" json)
    string(JSON name ERROR_VARIABLE error GET "${json}" name)
    if(error)
      message(FATAL_ERROR "${manifest}: ${error}")
    endif()
    string(JSON version GET "${json}" version)
    string(JSON license GET "${json}" license)
    string(JSON description GET "${json}" description)
    if(NOT name STREQUAL "parkinvest" OR NOT version STREQUAL PI_VERSION OR NOT license STREQUAL "MIT" OR NOT description)
      message(FATAL_ERROR "${manifest}: name/version/license/description are '${name}' '${version}' '${license}' '${description}'")
    endif()
    set(deps)
    string(JSON count LENGTH "${json}" dependencies)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
      string(JSON type TYPE "${json}" dependencies ${i})
      if(type STREQUAL "STRING")
        string(JSON dep GET "${json}" dependencies ${i})
      else()
        string(JSON dep GET "${json}" dependencies ${i} name)
      endif()
      list(APPEND deps "${dep}")
    endforeach()
    foreach(required boost-multiprecision boost-date-time cereal)
      if(NOT required IN_LIST deps)
        message(FATAL_ERROR "${manifest}: no dependency ${required} (has: ${deps})")
      endif()
    endforeach()
  endforeach()
  file(READ "${PI_SOURCE_DIR}/vcpkg.json" json)
  foreach(feature tests benchmarks)
    string(JSON description ERROR_VARIABLE error GET "${json}" features ${feature} description)
    if(error)
      message(FATAL_ERROR "vcpkg.json: no feature '${feature}': ${error}")
    endif()
  endforeach()

  # The portfile's OPTIONS, as written, with ${FEATURE_OPTIONS} as vcpkg_check_features makes it
  # from the portfile's FEATURES list (-D<option>=ON for a feature asked for, OFF otherwise).
  file(READ "${PI_SOURCE_DIR}/ports/parkinvest/portfile.cmake" portfile)
  string(REGEX REPLACE "#[^\n]*" "" portfile_code "${portfile}")
  if(NOT portfile_code MATCHES "vcpkg_check_features\\([^)]*FEATURES([^)]*)\\)")
    message(FATAL_ERROR "portfile.cmake: no vcpkg_check_features(... FEATURES ...)")
  endif()
  separate_arguments(feature_pairs UNIX_COMMAND "${CMAKE_MATCH_1}")
  if(NOT feature_pairs STREQUAL "tools;PARKINVEST_BUILD_TOOLS")
    message(FATAL_ERROR "portfile.cmake: the features map to '${feature_pairs}', expected tools -> PARKINVEST_BUILD_TOOLS")
  endif()
  file(READ "${PI_SOURCE_DIR}/ports/parkinvest/vcpkg.json" port_json)
  string(JSON description ERROR_VARIABLE error GET "${port_json}" features tools description)
  string(JSON default ERROR_VARIABLE default_error GET "${port_json}" default-features 0)
  if(error OR NOT default STREQUAL "tools")
    message(FATAL_ERROR "ports/parkinvest/vcpkg.json: 'tools' must be a feature and the default one: ${error} ${default_error}")
  endif()
  if(NOT portfile_code MATCHES "if\\(\"tools\" IN_LIST FEATURES\\)[ \n]*vcpkg_copy_tools\\(TOOL_NAMES parkinvest AUTO_CLEAN\\)")
    message(FATAL_ERROR "portfile.cmake: with the tools feature, vcpkg_copy_tools(TOOL_NAMES parkinvest AUTO_CLEAN) must move bin/parkinvest to tools/parkinvest")
  endif()
  if(NOT portfile_code MATCHES "vcpkg_cmake_configure\\([^)]*[ \n]OPTIONS[ \n]([^)]*)\\)")
    message(FATAL_ERROR "portfile.cmake: no vcpkg_cmake_configure(... OPTIONS ...)")
  endif()
  separate_arguments(options UNIX_COMMAND "${CMAKE_MATCH_1}")
  if(NOT "\${FEATURE_OPTIONS}" IN_LIST options)
    message(FATAL_ERROR "portfile.cmake: OPTIONS do not pass \${FEATURE_OPTIONS}: ${options}")
  endif()
  message(STATUS "the portfile's OPTIONS: ${options}")
  if(NOT portfile_code MATCHES "vcpkg_cmake_config_fixup\\([^)]*CONFIG_PATH ([^ )\n]+)")
    message(FATAL_ERROR "portfile.cmake: no vcpkg_cmake_config_fixup(CONFIG_PATH ...)")
  endif()
  string(REPLACE "\${PORT}" "parkinvest" config_path "${CMAKE_MATCH_1}")

  # Configured (not built: the install fixture's build is the same library) with and without the
  # feature; vcpkg_cmake_configure passes CMAKE_INSTALL_PREFIX itself, and lib is vcpkg's libdir.
  # The generated install script says where each file goes.
  foreach(tools ON OFF)
    set(build "${PI_WORK_DIR}/vcpkg/build-tools-${tools}")
    list(TRANSFORM options REPLACE "^\\$\\{FEATURE_OPTIONS\\}$" "-DPARKINVEST_BUILD_TOOLS=${tools}" OUTPUT_VARIABLE configure_options)
    pi_configure("${PI_SOURCE_DIR}" "${build}" ${configure_options} "-DCMAKE_INSTALL_PREFIX=/vcpkg/packages/parkinvest"
                 -DCMAKE_INSTALL_LIBDIR=lib)
    file(GLOB leftovers "${build}/tests" "${build}/examples" "${build}/benchmarks")
    if(leftovers)
      message(FATAL_ERROR "the portfile's options still build: ${leftovers}")
    endif()
    file(GLOB_RECURSE scripts "${build}/cmake_install.cmake" "${build}/*/cmake_install.cmake")
    set(install_text "")
    foreach(script IN LISTS scripts)
      file(READ "${script}" text)
      string(APPEND install_text "${text}")
    endforeach()
    foreach(destination "${config_path}" lib/pkgconfig include lib)
      if(NOT install_text MATCHES "DESTINATION \"\\$\\{CMAKE_INSTALL_PREFIX\\}/${destination}\"")
        message(FATAL_ERROR "vcpkg layout: nothing installed to ${destination} (with tools ${tools})")
      endif()
    endforeach()
    set(installs_tool FALSE)
    if(install_text MATCHES "DESTINATION \"\\$\\{CMAKE_INSTALL_PREFIX\\}/bin\"[^\n]*/parkinvest\"")
      set(installs_tool TRUE)
    endif()
    if((tools AND NOT installs_tool) OR (NOT tools AND installs_tool))
      message(FATAL_ERROR "with the tools feature ${tools}, bin/parkinvest is installed: ${installs_tool}")
    endif()
  endforeach()
  if(NOT EXISTS "${PI_SOURCE_DIR}/LICENSE")
    message(FATAL_ERROR "vcpkg_install_copyright needs LICENSE")
  endif()
  set(prefix "${PI_PREFIX}")

  # usage: its CMake lines, with an executable named as they name it, make a working consumer.
  file(STRINGS "${PI_SOURCE_DIR}/ports/parkinvest/usage" usage_lines REGEX "^ +[a-z_]+\\(")
  list(TRANSFORM usage_lines STRIP)
  list(LENGTH usage_lines n)
  if(NOT n EQUAL 2)
    message(FATAL_ERROR "usage: expected a find_package and a target_link_libraries line, got: ${usage_lines}")
  endif()
  list(GET usage_lines 1 link_line)
  if(NOT link_line MATCHES "^target_link_libraries\\(([A-Za-z_]+) ")
    message(FATAL_ERROR "usage: the second line is not target_link_libraries(<target> ...): ${link_line}")
  endif()
  set(target "${CMAKE_MATCH_1}")
  set(project "${PI_WORK_DIR}/vcpkg/usage")
  file(REMOVE_RECURSE "${project}")
  list(JOIN usage_lines "\n" usage_text)
  file(WRITE "${project}/CMakeLists.txt"
       "cmake_minimum_required(VERSION 3.25)\nproject(usage LANGUAGES CXX)\n"
       "add_executable(${target} ${PARKINVEST_CONSUMER_SOURCES})\n"
       "set_target_properties(${target} PROPERTIES OUTPUT_NAME parkinvest_consumer)\n"
       "${usage_text}\n")
  pi_configure("${project}" "${project}/build" "-DCMAKE_PREFIX_PATH=${prefix}")
  pi_expect_found_in("${project}/build" "${prefix}")
  pi_build("${project}/build")
  pi_run_consumer("${project}/build")
endfunction()

# Conan 2 (cannot run offline here): both recipes compile; test_package's CMake project builds
# and runs against the installed prefix, as Conan's CMakeDeps would provide it.
function(case_conan)
  set(ENV{PYTHONPYCACHEPREFIX} "${PI_WORK_DIR}/pycache")  # no __pycache__ in the source tree
  foreach(recipe "${PI_SOURCE_DIR}/conanfile.py" "${PI_SOURCE_DIR}/test_package/conanfile.py")
    pi_run("${PI_PYTHON}" -m py_compile "${recipe}")
  endforeach()
  file(READ "${PI_SOURCE_DIR}/conanfile.py" recipe)
  foreach(expected "name = \"parkinvest\"" "version = \"${PI_VERSION}\"" "package_type = \"static-library\""
                   "\"cmake_file_name\", \"parkinvest\"" "\"cmake_target_name\", \"parkinvest::parkinvest\""
                   "\"pkg_config_name\", \"parkinvest\"" "options = {\"tools\": [True, False]}"
                   "default_options = {\"tools\": True}"
                   "self.cpp_info.set_property(\"cmake_target_name\", \"parkinvest::parkinvest_all\")"
                   "with_cereal.set_property(\"cmake_target_name\", \"parkinvest::cereal\")"
                   "cache_variables[\"PARKINVEST_BUILD_TOOLS\"] = bool(self.options.tools)")
    string(FIND "${recipe}" "${expected}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "conanfile.py: no '${expected}'")
    endif()
  endforeach()
  # The sources Conan copies must hold every folder the build adds with the recipe's options.
  if(NOT recipe MATCHES "exports_sources = ([^\n]*)")
    message(FATAL_ERROR "conanfile.py: no exports_sources")
  endif()
  set(exported "${CMAKE_MATCH_1}")
  file(STRINGS "${PI_SOURCE_DIR}/CMakeLists.txt" subdirs REGEX "^ *add_subdirectory\\(")
  foreach(line IN LISTS subdirs)
    string(REGEX REPLACE "^ *add_subdirectory\\(([a-z]+)\\).*" "\\1" dir "${line}")
    if(dir MATCHES "^(tests|examples|benchmarks)$")
      continue()  # off in the recipe
    endif()
    string(FIND "${exported}" "\"${dir}/*\"" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "conanfile.py: exports_sources (${exported}) lacks ${dir}/*, which CMakeLists.txt adds")
    endif()
  endforeach()
  set(binary "${PI_WORK_DIR}/conan_test_package")
  pi_configure("${PI_SOURCE_DIR}/test_package" "${binary}" "-DCMAKE_PREFIX_PATH=${PI_PREFIX}")
  pi_expect_found_in("${binary}" "${PI_PREFIX}")
  pi_build("${binary}")
  pi_run_consumer("${binary}")
endfunction()

# ---------------------------------------------------------------------------------------------- run

file(MAKE_DIRECTORY "${PI_WORK_DIR}")
if(NOT COMMAND case_${CASE})
  message(FATAL_ERROR "unknown CASE '${CASE}'")
endif()
cmake_language(CALL case_${CASE})
message(STATUS "package test ${CASE}: passed")
