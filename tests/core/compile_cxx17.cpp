// Compiled as C++17 by cxx17_check.cmake: must stop at <parkinvest/config.hpp> with one message.
#include <parkinvest/parkinvest.hpp>

int main() { return 0; }
