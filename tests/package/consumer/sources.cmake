# The consumer program's sources, shared by every consumer project in tests/package/ (and by the
# pkg-config test's compiler command line and the Conan test_package).
set(PARKINVEST_CONSUMER_SOURCES "${CMAKE_CURRENT_LIST_DIR}/main.cpp" "${CMAKE_CURRENT_LIST_DIR}/io_roundtrip.cpp")
