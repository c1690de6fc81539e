# Conan 2 recipe for parkinvest: `conan create . -s compiler.cppstd=20` builds the static library
# and runs test_package/ (consumer 1 of tests/package/). CI cannot reach ConanCenter, so it checks
# that this file compiles and builds test_package's CMake project against a plain install.
import os

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, rmdir


class ParkinvestConan(ConanFile):
    name = "parkinvest"
    version = "0.1.0"
    description = "Exact, typed investment data for development zones (parks)"
    license = "MIT"
    url = "https://github.com/parkinvest/parkinvest"
    homepage = "https://github.com/parkinvest/parkinvest"
    topics = ("money", "decimal", "finance", "dataset", "development-zones")
    # Compiled: the parsers, formatters and 256-bit slow paths live in src/. The package id
    # therefore keeps the settings (it would be cleared only for a header-only package).
    package_type = "static-library"
    settings = "os", "arch", "compiler", "build_type"
    # tools: the command-line tool `parkinvest` in bin/ (PARKINVEST_BUILD_TOOLS).
    options = {"tools": [True, False]}
    default_options = {"tools": True}
    exports_sources = "CMakeLists.txt", "LICENSE", "cmake/*", "include/*", "src/*", "tools/*"

    def layout(self):
        cmake_layout(self)

    def requirements(self):
        # Boost appears in every public header; cereal is built into the library and appears only
        # in <parkinvest/io/cereal.hpp>, the header of the component parkinvest::cereal.
        self.requires("boost/[>=1.74 <2]", transitive_headers=True)
        self.requires("cereal/[>=1.3.1 <2]", transitive_headers=True)

    def validate(self):
        check_min_cppstd(self, 20)

    def generate(self):
        toolchain = CMakeToolchain(self)
        toolchain.cache_variables["PARKINVEST_BUILD_TESTS"] = False
        toolchain.cache_variables["PARKINVEST_BUILD_EXAMPLES"] = False
        toolchain.cache_variables["PARKINVEST_BUILD_BENCHMARKS"] = False
        toolchain.cache_variables["PARKINVEST_BUILD_FUZZERS"] = False
        toolchain.cache_variables["PARKINVEST_BUILD_TOOLS"] = bool(self.options.tools)
        toolchain.cache_variables["PARKINVEST_INSTALL"] = True
        toolchain.generate()
        CMakeDeps(self).generate()  # for find_package(Boost) and find_package(cereal)

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        CMake(self).install()
        # Conan writes its own CMake and pkg-config files from package_info().
        rmdir(self, os.path.join(self.package_folder, "lib", "cmake"))
        rmdir(self, os.path.join(self.package_folder, "lib", "pkgconfig"))

    def package_info(self):
        # The targets of parkinvestConfig.cmake: parkinvest::parkinvest, and parkinvest::cereal for
        # <parkinvest/io/cereal.hpp> (cereal functions for archives of your own).
        # CMakeDeps also makes a target that links every component: it must not take the name
        # parkinvest::parkinvest, or that target would bring cereal's headers to everyone.
        self.cpp_info.set_property("cmake_file_name", "parkinvest")
        self.cpp_info.set_property("cmake_target_name", "parkinvest::parkinvest_all")
        self.cpp_info.set_property("pkg_config_name", "parkinvest")
        library = self.cpp_info.components["parkinvest"]
        library.set_property("cmake_target_name", "parkinvest::parkinvest")
        library.set_property("pkg_config_name", "parkinvest")
        library.libs = ["parkinvest"]
        library.requires = ["boost::headers"]
        with_cereal = self.cpp_info.components["cereal"]
        with_cereal.set_property("cmake_target_name", "parkinvest::cereal")
        with_cereal.requires = ["parkinvest", "cereal::cereal"]
