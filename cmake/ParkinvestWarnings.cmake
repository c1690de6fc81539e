# Warnings on parkinvest's own targets only; never part of the usage requirements that consumers
# inherit. They are errors only with PARKINVEST_WERROR (OFF by default: a newer compiler's new
# warning must never break the build of a project that uses ours; ON in .ci/run, the presets
# and scripts/quickstart.sh).
function(parkinvest_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor)
    if(PARKINVEST_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
      # gcc 12 at -O2 and above warns falsely (-Wrestrict) on "literal" + std::string, inside
      # libstdc++'s own code (GCC bug 105651): an error here would be about gcc, not our code.
      if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
         AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        target_compile_options(${target} PRIVATE -Wno-error=restrict)
      endif()
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4)
    if(PARKINVEST_WERROR)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  endif()
endfunction()
