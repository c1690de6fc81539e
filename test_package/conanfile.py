# Conan 2 test_package: builds consumer 1 (tests/package/consumer) against the created package and
# runs it. Run from the repository: conan create . -s compiler.cppstd=20
import os

from conan import ConanFile
from conan.tools.build import can_run
from conan.tools.cmake import CMake, cmake_layout


class ParkinvestTestConan(ConanFile):
    settings = "os", "arch", "compiler", "build_type"
    generators = "CMakeDeps", "CMakeToolchain"
    test_type = "explicit"

    def requirements(self):
        self.requires(self.tested_reference_str)

    def layout(self):
        cmake_layout(self)

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def test(self):
        if can_run(self):
            self.run(os.path.join(self.cpp.build.bindir, "parkinvest_consumer"), env="conanrun")
            parkinvest = self.dependencies["parkinvest"]
            if parkinvest.options.tools:
                # The command-line tool of the package (option tools, on by default).
                tool = os.path.join(parkinvest.package_folder, "bin", "parkinvest")
                self.run(f"{tool} --version", env="conanrun")
